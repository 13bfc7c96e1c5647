import { inTransaction } from '../../db/transaction.ts';
import { sql } from 'kysely';
import type { AccordDatabase } from '../../db/database.ts';
import { displayName, type PersonDetails } from '../../domain/people/person.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { ensureAgencyInvolvement } from '../sharing/involvements.ts';
import { requirePermission } from '../policy.ts';
import { createRecord } from './record-store.ts';

export interface PossibleMatch {
  id: string;
  name: string;
  dateOfBirth: string | null;
  nhsNumber: string | null;
  reasons: string[];
}

// A person may already be on Accord if they share an NHS number, or the same name and date of birth.
export async function findPossibleMatches(db: AccordDatabase, details: PersonDetails): Promise<PossibleMatch[]> {
  const rows = await db
    .selectFrom('people')
    .select(['id', 'given_names', 'family_name', 'preferred_name', 'date_of_birth', 'nhs_number'])
    .where((where) => {
      const clauses = [];
      if (details.nhsNumber) clauses.push(where('nhs_number', '=', details.nhsNumber));
      if (details.dateOfBirth) {
        clauses.push(
          where.and([
            where('date_of_birth', '=', details.dateOfBirth),
            where(sql`lower(family_name)`, '=', details.familyName.toLowerCase()),
            where(sql`lower(given_names)`, '=', details.givenNames.toLowerCase()),
          ]),
        );
      }
      return clauses.length > 0 ? where.or(clauses) : sql<boolean>`false`;
    })
    .limit(20)
    .execute();
  return rows.map((row) => {
    const reasons: string[] = [];
    if (details.nhsNumber && row.nhs_number === details.nhsNumber) reasons.push('same NHS number');
    if (
      details.dateOfBirth &&
      row.date_of_birth === details.dateOfBirth &&
      row.family_name.toLowerCase() === details.familyName.toLowerCase()
    ) {
      reasons.push('same name and date of birth');
    }
    return {
      id: row.id,
      name: displayName({ givenNames: row.given_names, familyName: row.family_name, preferredName: row.preferred_name }),
      dateOfBirth: row.date_of_birth,
      nhsNumber: row.nhs_number,
      reasons,
    };
  });
}

export type RegisterOutcome =
  | { kind: 'registered'; personId: string }
  | { kind: 'possible-matches'; matches: PossibleMatch[] };

// Adds a person. Unless the user has seen the possible matches and said this is someone else, a
// possible match stops the registration and is shown to them.
export async function registerPerson(
  context: AppContext,
  details: PersonDetails,
  options: { confirmedNewPerson: boolean; isDemo?: boolean } = { confirmedNewPerson: false },
): Promise<RegisterOutcome> {
  requirePermission(context.actor, 'person.write');
  if (!options.confirmedNewPerson) {
    const matches = await findPossibleMatches(context.db, details);
    if (matches.length > 0) {
      await inTransaction(context.db, (trx) =>
        appendAudit(
          trx,
          context,
          [{ personId: null, personIds: matches.map((match) => match.id), action: 'list' as const, what: 'Shown as a possible match while adding a person' }],
        ),
      );
      return { kind: 'possible-matches', matches };
    }
  }
  const personId = await inTransaction(context.db, async (trx) => {
    const id = await createRecord(trx, context, { content: { kind: 'person-registered', data: details } }, options.isDemo ?? false);
    // The agency of whoever adds the person is involved with them from then on.
    if (context.actor.agencyId) await ensureAgencyInvolvement(trx, context, id, context.actor.agencyId, 'Added the person to Accord');
    await appendAudit(trx, context, [{ personId: id, action: 'write', what: 'Added the person to Accord' }]);
    return id;
  });
  return { kind: 'registered', personId };
}
