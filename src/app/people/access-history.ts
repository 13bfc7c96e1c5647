import { sql } from 'kysely';
import { inTransaction } from '../../db/transaction.ts';
import { displayName } from '../../domain/people/person.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { NotFound } from '../errors.ts';
import { requirePermission } from '../policy.ts';
import { isUuid } from '../../domain/identifiers.ts';

export interface AccessHistoryEntry {
  sequence: number;
  at: Temporal.Instant;
  who: string;
  role: string | null;
  agency: string | null;
  action: string;
  what: string;
  purpose: string;
}

export const accessHistoryPageSize = 100;

// Who looked at or changed a person's record, newest first. Reading it is itself recorded.
export async function personAccessHistory(
  context: AppContext,
  personId: string,
  page = 1,
): Promise<{ personName: string; entries: AccessHistoryEntry[]; hasMore: boolean }> {
  requirePermission(context.actor, 'person.access-history');
  if (!isUuid(personId)) throw new NotFound('The person');
  return inTransaction(context.db, async (trx) => {
    const person = await trx.selectFrom('people').select(['given_names', 'family_name', 'preferred_name']).where('id', '=', personId).executeTakeFirst();
    if (!person) throw new NotFound('The person');
    await appendAudit(trx, context, [{ personId, action: 'read', what: 'Viewed the access history' }]);
    const rows = await trx
      .selectFrom('audit_log')
      .selectAll()
      // Entries about the person, and lists that showed them among others.
      .where((where) => where.or([where('person_id', '=', personId), sql<boolean>`person_ids @> array[${personId}]::uuid[]`]))
      .orderBy('sequence', 'desc')
      .limit(accessHistoryPageSize + 1)
      .offset((page - 1) * accessHistoryPageSize)
      .execute();
    return {
      personName: displayName({ givenNames: person.given_names, familyName: person.family_name, preferredName: person.preferred_name }),
      hasMore: rows.length > accessHistoryPageSize,
      entries: rows.slice(0, accessHistoryPageSize).map((row) => ({
        sequence: row.sequence,
        at: Temporal.Instant.from(row.at),
        who: row.actor_label,
        role: row.actor_role,
        agency: row.agency_name,
        action: row.action,
        what: row.what,
        purpose: row.purpose,
      })),
    };
  });
}
