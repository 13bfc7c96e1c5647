import { z } from 'zod';
import { inTransaction } from '../../db/transaction.ts';
import { noteCategories, type NoteData } from '../../domain/people/person.ts';
import { recordCategories } from '../../domain/record/categories.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { requirePermission } from '../policy.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';
import type { ChangeResult } from './change-person.ts';
import { parseWith } from './person-input.ts';
import { InvalidInput } from '../errors.ts';
import { appendEntry } from './record-store.ts';

export const noteSchema = z.object({
  category: z.enum(noteCategories, { error: 'Select what kind of information the note holds' }),
  text: z
    .string({ error: 'Enter the note' })
    .trim()
    .min(1, { error: 'Enter the note' })
    .max(10_000, { error: 'The note must be 10000 characters or fewer' }),
});

export function parseNote(input: unknown): NoteData {
  const parsed = parseWith(noteSchema, input);
  if (!parsed.ok) throw new InvalidInput(parsed.problems);
  return parsed.value;
}

// Writes a note into the record under its category. A member of staff writes only what their policy lets
// them see: a note in a category hidden from them would be a record they could not read back.
export async function recordNote(context: AppContext, personId: string, expectedVersion: number, note: NoteData): Promise<ChangeResult> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: note.category, change: true });
  return inTransaction(context.db, async (trx) => {
    const result = await appendEntry(trx, context, personId, expectedVersion, { content: { kind: 'note-recorded', data: note } });
    await appendAudit(trx, context, [{ personId, action: 'write', what: `Wrote a note (${recordCategories[note.category].toLowerCase()})` }]);
    return result;
  });
}
