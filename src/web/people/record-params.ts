import { z } from 'zod';
import { InvalidInput, NotFound } from '../../app/errors.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { entryKindLabels, type RecordEntry } from '../../domain/people/person.ts';
import type { RequestContext } from '../core/route-table.ts';
import { authorLine } from './person-presenter.ts';

// What every page that writes to a person's record reads from the request: whose record, and the version
// of it the user had open (so that a change made meanwhile is shown for review, not overwritten).

export function personIdParam(context: RequestContext): string {
  const id = context.params.personId ?? '';
  if (!isUuid(id)) throw new NotFound('The person');
  return id;
}

const versionSchema = z.coerce.number({ error: 'The form is missing the record version' }).int().min(1);

export function expectedVersion(context: RequestContext): number {
  const parsed = versionSchema.safeParse(context.body.version);
  if (!parsed.success) throw new InvalidInput([{ field: 'version', message: 'The form is missing the record version: open the record again' }]);
  return parsed.data;
}

// The entries written after the version the user had open, oldest first.
export function changesSince(entries: RecordEntry[], version: number) {
  return entries
    .filter((entry) => entry.sequence > version)
    .sort((a, b) => a.sequence - b.sequence)
    .map((entry) => ({ label: entryKindLabels[entry.content.kind], by: authorLine(entry), at: entry.recordedAt.toString() }));
}
