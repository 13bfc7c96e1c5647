import type { Transaction } from 'kysely';
import type { AccordDatabase } from '../../db/database.ts';
import type { Database, RecordEntryRow } from '../../db/schema.ts';
import {
  derivePersonState,
  entryCategory,
  type EntryContent,
  type PersonState,
  type RecordEntry,
} from '../../domain/people/person.ts';
import type { RecordCategory } from '../../domain/record/categories.ts';
import type { AppContext } from '../context.ts';
import { NotFound, StaleRecord } from '../errors.ts';

type Executor = AccordDatabase | Transaction<Database>;

export function entryFromRow(row: RecordEntryRow): RecordEntry {
  return {
    id: row.id,
    sequence: row.sequence,
    content: { kind: row.kind, data: row.data } as EntryContent,
    category: row.category as RecordCategory,
    supersedes: row.supersedes,
    reason: row.reason,
    recordedAt: Temporal.Instant.from(row.recorded_at),
    author: {
      userId: row.author_user_id,
      name: row.author_name,
      role: row.author_role,
      agencyId: row.author_agency_id,
      agencyName: row.author_agency_name,
    },
  };
}

export async function loadEntries(db: Executor, personId: string): Promise<RecordEntry[]> {
  const rows = await db.selectFrom('record_entries').selectAll().where('person_id', '=', personId).orderBy('sequence').execute();
  return rows.map(entryFromRow);
}

export interface NewEntry {
  content: EntryContent;
  supersedes?: string | null;
  reason?: string | null;
}

// The columns of `people` that are derived from the entries, kept for finding people quickly. The bulk
// generator writes the same projection, so generated people are found and shown like any other.
export function personProjection(state: PersonState) {
  const { details } = state;
  return {
    version: state.version,
    given_names: details.givenNames,
    family_name: details.familyName,
    preferred_name: details.preferredName,
    search_names: [details.givenNames, details.familyName, details.preferredName, details.otherNames]
      .filter(Boolean)
      .join(' ')
      .toLowerCase(),
    date_of_birth: details.dateOfBirth,
    nhs_number: details.nhsNumber,
    pnc_id: details.pncId,
    probation_reference: details.probationReference,
    state: JSON.stringify(serialiseState(state)),
  };
}

function serialiseState(state: PersonState) {
  return {
    details: state.details,
    ownWords: state.ownWords && { ...state.ownWords, recordedAt: state.ownWords.recordedAt.toString() },
    version: state.version,
  };
}

function entryRow(context: AppContext, personId: string, sequence: number, entry: NewEntry) {
  return {
    person_id: personId,
    sequence,
    kind: entry.content.kind,
    category: entryCategory(entry.content),
    data: JSON.stringify(entry.content.data),
    reason: entry.reason ?? null,
    supersedes: entry.supersedes ?? null,
    author_user_id: context.actor.userId,
    author_name: context.actor.label,
    author_role: context.actor.role ?? 'system',
    author_agency_id: context.actor.agencyId,
    author_agency_name: context.actor.agencyName,
    recorded_at: context.now().toString(),
  };
}

// Creates a person whose record begins with the given entry, and derives its current state, in the
// caller's transaction.
export async function createRecord(trx: Transaction<Database>, context: AppContext, first: NewEntry, isDemo = false): Promise<string> {
  const provisional = derivePersonState([
    { id: 'new', sequence: 1, content: first.content, category: entryCategory(first.content), supersedes: null, reason: null, recordedAt: context.now(), author: { userId: null, name: '', role: '', agencyId: null, agencyName: '' } },
  ]);
  const person = await trx
    .insertInto('people')
    .values({ ...personProjection(provisional), is_demo: isDemo, created_at: context.now().toString(), updated_at: context.now().toString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('record_entries').values(entryRow(context, person.id, 1, first)).execute();
  return person.id;
}

// Appends an entry to a person's record if the record is still at the version the user saw; otherwise
// nothing is written and StaleRecord says so. Current state is derived again in the same transaction.
export async function appendEntry(
  trx: Transaction<Database>,
  context: AppContext,
  personId: string,
  expectedVersion: number,
  entry: NewEntry,
): Promise<{ entryId: string; state: PersonState }> {
  const person = await trx.selectFrom('people').select(['version']).where('id', '=', personId).forUpdate().executeTakeFirst();
  if (!person) throw new NotFound('The person');
  if (person.version !== expectedVersion) throw new StaleRecord(expectedVersion, person.version);
  let inserted: { id: string };
  try {
    inserted = await trx
      .insertInto('record_entries')
      .values(entryRow(context, personId, expectedVersion + 1, entry))
      .returning('id')
      .executeTakeFirstOrThrow();
  } catch (error) {
    // Another writer took this sequence number first (unique person_id, sequence).
    if ((error as { code?: string }).code === '23505') throw new StaleRecord(expectedVersion, expectedVersion + 1);
    throw error;
  }
  const state = derivePersonState(await loadEntries(trx, personId));
  await trx
    .updateTable('people')
    .set({ ...personProjection(state), updated_at: context.now().toString() })
    .where('id', '=', personId)
    .execute();
  return { entryId: inserted.id, state };
}
