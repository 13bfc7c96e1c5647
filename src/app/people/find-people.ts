import { inTransaction } from '../../db/transaction.ts';
import { sql, type Expression, type SqlBool } from 'kysely';
import { nhsNumberProblem, normaliseNhsNumber } from '../../domain/people/nhs-number.ts';
import { isPoliceNationalComputerId, isProbationReference } from '../../domain/people/identifiers.ts';
import { displayName } from '../../domain/people/person.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { requirePermission } from '../policy.ts';
import { currentlyRelated } from '../sharing/person-access.ts';

export interface PersonSearchResult {
  id: string;
  // Someone the searcher has no current relationship with, found by an exact identifier or a name with a
  // date of birth: shown by name and date of birth only, so that in an emergency they can break the glass.
  restricted: boolean;
  name: string;
  preferredName: string | null;
  dateOfBirth: string | null;
  nhsNumber: string | null;
  pncId: string | null;
  probationReference: string | null;
}

export interface SearchTerms {
  names: string[];
  dateOfBirth: string | null;
  nhsNumber: string | null;
  pncId: string | null;
  probationReference: string | null;
}

const ukDate = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function dateFromToken(token: string): string | null {
  try {
    if (isoDate.test(token)) return Temporal.PlainDate.from(token, { overflow: 'reject' }).toString();
    const match = ukDate.exec(token);
    if (match) return Temporal.PlainDate.from({ day: Number(match[1]), month: Number(match[2]), year: Number(match[3]) }, { overflow: 'reject' }).toString();
  } catch {
    return null;
  }
  return null;
}

// Reads one search box: identifiers are recognised by their form, dates as a date of birth, and
// everything else as names.
export function parseSearchText(text: string): SearchTerms {
  const terms: SearchTerms = { names: [], dateOfBirth: null, nhsNumber: null, pncId: null, probationReference: null };
  const compact = normaliseNhsNumber(text.trim());
  if (/^\d{10}$/.test(compact) && nhsNumberProblem(compact) === null) {
    terms.nhsNumber = compact;
    return terms;
  }
  for (const token of text.trim().split(/\s+/).filter(Boolean)) {
    const upper = token.toUpperCase();
    const date = dateFromToken(token);
    if (date) terms.dateOfBirth = date;
    else if (isPoliceNationalComputerId(upper)) terms.pncId = upper;
    else if (isProbationReference(upper)) terms.probationReference = upper;
    else if (/^\d{10}$/.test(token)) terms.nhsNumber = token;
    else terms.names.push(token.toLowerCase().replace(/[^\p{L}\p{M}'’-]/gu, '')); 
  }
  terms.names = terms.names.filter((name) => name.length > 0);
  return terms;
}

export function searchTermsAreEmpty(terms: SearchTerms): boolean {
  return terms.names.length === 0 && !terms.dateOfBirth && !terms.nhsNumber && !terms.pncId && !terms.probationReference;
}

function likePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export const searchPageSize = 20;

// A search that points at one person: an exact identifier, or names with a date of birth.
export function searchIsSpecific(terms: SearchTerms): boolean {
  return Boolean(terms.nhsNumber || terms.pncId || terms.probationReference || (terms.dateOfBirth && terms.names.length > 0));
}

// Finds people by name, date of birth or identifier, among those the searcher is involved with (or has
// broken the glass for, or been disclosed); a specific search also finds others, by name and date of
// birth only. Everyone shown in the results is written to the audit log, so a person can see who found
// them.
export async function searchPeople(context: AppContext, terms: SearchTerms): Promise<PersonSearchResult[]> {
  requirePermission(context.actor, 'person.read');
  if (searchTermsAreEmpty(terms)) return [];
  const rows = await context.db
    .selectFrom('people')
    .select(['id', 'given_names', 'family_name', 'preferred_name', 'date_of_birth', 'nhs_number', 'pnc_id', 'probation_reference'])
    .select((eb) => sql<boolean>`${currentlyRelated(context, eb)}`.as('related'))
    .where((where) => {
      const conditions: Expression<SqlBool>[] = [];
      if (!searchIsSpecific(terms)) conditions.push(currentlyRelated(context, where));
      if (terms.nhsNumber) conditions.push(where('nhs_number', '=', terms.nhsNumber));
      if (terms.pncId) conditions.push(where(sql`upper(pnc_id)`, '=', terms.pncId));
      if (terms.probationReference) conditions.push(where(sql`upper(probation_reference)`, '=', terms.probationReference));
      if (terms.dateOfBirth) conditions.push(where('date_of_birth', '=', terms.dateOfBirth));
      if (terms.names.length > 0) {
        // One name must begin a given, family or preferred name (so an index can be used); every name
        // must appear somewhere among the person's names.
        conditions.push(
          where.or(
            terms.names.flatMap((name) => [
              where(sql`lower(family_name)`, 'like', `${likePattern(name)}%`),
              where(sql`lower(given_names)`, 'like', `${likePattern(name)}%`),
              where(sql`lower(preferred_name)`, 'like', `${likePattern(name)}%`),
            ]),
          ),
        );
        for (const name of terms.names) conditions.push(where('search_names', 'like', `%${likePattern(name)}%`));
      }
      return where.and(conditions);
    })
    .orderBy('family_name')
    .orderBy('given_names')
    .orderBy('id')
    .limit(searchPageSize)
    .execute();
  const results = rows.map((row) => {
    const related = Boolean(row.related);
    return {
      id: row.id,
      restricted: !related,
      name: displayName({ givenNames: row.given_names, familyName: row.family_name, preferredName: row.preferred_name }),
      preferredName: related ? row.preferred_name : null,
      dateOfBirth: row.date_of_birth,
      nhsNumber: related ? row.nhs_number : null,
      pncId: related ? row.pnc_id : null,
      probationReference: related ? row.probation_reference : null,
    };
  });
  if (results.length > 0) {
    await inTransaction(context.db, (trx) =>
      appendAudit(
        trx,
        context,
        [{ personId: null, personIds: results.map((result) => result.id), action: 'list' as const, what: 'Shown in the results of a search for a person' }],
      ),
    );
  }
  return results;
}
