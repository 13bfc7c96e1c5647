import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatNhsNumber } from '../../domain/people/nhs-number.ts';
import { formatDate, formatDateTime, isoDateTime } from './dates.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function createTemplateEnvironment(): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader(
    [
      path.join(root, 'src/web/views'),
      path.join(root, 'node_modules/govuk-frontend/dist'),
      path.join(root, 'node_modules/@ministryofjustice/frontend'),
    ],
    { noCache: false },
  );
  // GOV.UK Frontend's macros import their neighbours by relative path on every call; the resolved path of
  // each pair is the same every time, so it is worked out once.
  const resolveRelative = loader.resolve.bind(loader);
  const resolved = new Map<string, string>();
  loader.resolve = (from: string, to: string): string => {
    const key = `${from}\u0000${to}`;
    let path = resolved.get(key);
    if (path === undefined) {
      path = resolveRelative(from, to);
      resolved.set(key, path);
    }
    return path;
  };
  const environment = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  // `date` is also what MoJ Frontend's timeline calls, with a format of 'datetime' for instants.
  environment.addFilter('date', (value: unknown, format?: unknown) =>
    format === 'datetime' || (typeof value === 'string' && value.includes('T')) ? formatDateTime(value as string) : formatDate(value as string),
  );
  environment.addFilter('dateTime', (value: unknown) => formatDateTime(value as string));
  environment.addFilter('isoDateTime', (value: unknown) => isoDateTime(value as string));
  environment.addFilter('nhsNumber', (value: unknown) => (typeof value === 'string' && value.length === 10 ? formatNhsNumber(value) : value));
  return environment;
}
