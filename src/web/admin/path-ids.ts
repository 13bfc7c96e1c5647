import { NotFound } from '../../app/errors.ts';
import { isUuid } from '../../domain/identifiers.ts';
import type { RequestContext } from '../core/route-table.ts';

// An identifier from the web address. One that is not a uuid cannot name anything, so it is a page
// not found, and never reaches the database (which would refuse it with an error).
export function idParam(context: RequestContext, name: string, what: string): string {
  const value = context.params[name];
  if (!isUuid(value)) throw new NotFound(what);
  return value.toLowerCase();
}
