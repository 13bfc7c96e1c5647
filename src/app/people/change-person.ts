import { inTransaction } from '../../db/transaction.ts';
import {
  changedDetails,
  personDetailLabels,
  type EntryCorrection,
  type OwnWords,
  type PersonDetails,
  type PersonState,
} from '../../domain/people/person.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound } from '../errors.ts';
import { requirePermission } from '../policy.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';
import { appendEntry, loadEntries } from './record-store.ts';

export interface ChangeResult {
  entryId: string;
  state: PersonState;
}

// Records changed details as a new entry holding only what changed, with the reason given.
export async function amendPersonDetails(
  context: AppContext,
  personId: string,
  expectedVersion: number,
  details: PersonDetails,
  reason: string | null,
): Promise<ChangeResult> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'identity', change: true });
  return inTransaction(context.db, async (trx) => {
    const current = await trx.selectFrom('people').select(['state']).where('id', '=', personId).executeTakeFirst();
    if (!current) throw new NotFound('The person');
    const before = (current.state as { details: PersonDetails }).details;
    const changes = changedDetails(before, details);
    const changedFields = Object.keys(changes) as (keyof PersonDetails)[];
    if (changedFields.length === 0) throw new InvalidInput([{ field: 'givenNames', message: 'Nothing has changed: change at least one detail, or go back' }]);
    const result = await appendEntry(trx, context, personId, expectedVersion, { content: { kind: 'details-amended', data: changes }, reason });
    await appendAudit(trx, context, [
      { personId, action: 'write', what: `Changed ${changedFields.map((field) => personDetailLabels[field].toLowerCase()).join(', ')}` },
    ]);
    return result;
  });
}

export async function recordOwnWords(context: AppContext, personId: string, expectedVersion: number, ownWords: OwnWords): Promise<ChangeResult> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'identity', change: true });
  return inTransaction(context.db, async (trx) => {
    const result = await appendEntry(trx, context, personId, expectedVersion, { content: { kind: 'own-words-recorded', data: ownWords } });
    await appendAudit(trx, context, [{ personId, action: 'write', what: 'Recorded the person’s wishes in their own words' }]);
    return result;
  });
}

// A correction is a new entry that supersedes an earlier one; both stay in the record.
export async function correctEntry(
  context: AppContext,
  personId: string,
  expectedVersion: number,
  entryId: string,
  correction: EntryCorrection,
  reason: string,
): Promise<ChangeResult> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'identity', change: true });
  if (reason.trim() === '') throw new InvalidInput([{ field: 'reason', message: 'Enter why this entry is being corrected' }]);
  return inTransaction(context.db, async (trx) => {
    const entries = await loadEntries(trx, personId);
    const target = entries.find((entry) => entry.id === entryId);
    if (!target) throw new NotFound('The entry to correct');
    if (target.content.kind === 'correction') {
      throw new InvalidInput([{ field: 'entryId', message: 'Correct the original entry, not an earlier correction of it' }]);
    }
    if (target.content.kind !== correction.correctedKind) {
      throw new InvalidInput([{ field: 'entryId', message: 'The correction must be of the same kind as the entry it corrects' }]);
    }
    const result = await appendEntry(trx, context, personId, expectedVersion, {
      content: { kind: 'correction', data: correction },
      supersedes: entryId,
      reason: reason.trim(),
    });
    await appendAudit(trx, context, [{ personId, action: 'write', what: `Corrected an entry of ${target.recordedAt.toString().slice(0, 10)}` }]);
    return result;
  });
}
