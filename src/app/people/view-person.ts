import { isUuid } from '../../domain/identifiers.ts';
import { inTransaction } from '../../db/transaction.ts';
import { derivePersonState, supersessions, type PersonState, type RecordEntry } from '../../domain/people/person.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { NotFound } from '../errors.ts';
import { requirePermission } from '../policy.ts';
import { loadEntries } from './record-store.ts';

export interface PersonRecordView {
  personId: string;
  state: PersonState;
  // Newest first, each with the entry that superseded it, if any.
  chronology: { entry: RecordEntry; supersededBy: RecordEntry | null; supersedes: RecordEntry | null }[];
}


// Reads a person's record and writes the read to the audit log in the same transaction.
export async function viewPerson(context: AppContext, personId: string, what = "Viewed the person's summary and chronology"): Promise<PersonRecordView> {
  requirePermission(context.actor, 'person.read');
  if (!isUuid(personId)) throw new NotFound('The person');
  return inTransaction(context.db, async (trx) => {
    const entries = await loadEntries(trx, personId);
    if (entries.length === 0) throw new NotFound('The person');
    await appendAudit(trx, context, [{ personId, action: 'read', what }]);
    const supersededBy = supersessions(entries);
    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    const chronology = [...entries]
      .sort((a, b) => b.sequence - a.sequence)
      .map((entry) => ({
        entry,
        supersededBy: supersededBy.get(entry.id) ?? null,
        supersedes: entry.supersedes ? (byId.get(entry.supersedes) ?? null) : null,
      }));
    return { personId, state: derivePersonState(entries), chronology };
  });
}
