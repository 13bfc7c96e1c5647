import { sql } from 'kysely';
import { dueKindLabels, standingKinds, type DueKind } from '../../domain/legal/due-items.ts';
import { displayName } from '../../domain/people/person.ts';
import type { AppContext } from '../context.ts';
import { listPageSize, pageOffset, requireOwnAgency } from './agency-scope.ts';
import { auditShownPeople } from './shown-audit.ts';

// What falls due across one agency (a hospital, or one of its wards or teams): read from the derived
// legal_deadlines rows, which refreshDueProjections keeps current, most urgent first.

export interface DeadlineFilter {
  agencyId: string;
  teamId?: string | null;
  kind?: DueKind | null;
  // Only what falls due within this many days from now (passed deadlines included).
  within?: number | null;
}

export interface DeadlineRow {
  personId: string;
  personName: string;
  teamId: string | null;
  teamName: string | null;
  kind: DueKind;
  due: Temporal.Instant;
  provision: string;
}

export interface DeadlinePage {
  rows: DeadlineRow[];
  total: number;
  page: number;
  pageSize: number;
}

export function isDueKind(value: unknown): value is DueKind {
  return typeof value === 'string' && Object.hasOwn(dueKindLabels, value);
}

// The agency's deadlines matching the filter, from legal_deadlines alone: counting them, or taking a
// page of them, reads the (agency_id, due) index and nothing else.
function filteredQuery(context: AppContext, filter: DeadlineFilter) {
  let query = context.db.selectFrom('legal_deadlines').where('agency_id', '=', filter.agencyId);
  if (filter.teamId) query = query.where('team_id', '=', filter.teamId);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.within !== null && filter.within !== undefined) {
    query = query.where('due', '<=', context.now().add({ hours: 24 * filter.within }).toString());
  }
  return query;
}

// Most urgent first: duties that have passed (earliest first), then what is still to come (soonest
// first); last, the passed deadlines that are standing states rather than missed duties (a window open,
// the medication point reached, a tribunal window closed), which would otherwise fill the top of the page
// for months. Each of the two groups is read in the (agency_id, due) index's order, so a page reads about
// as many rows as it shows; only the page's rows are joined to people and teams, so the cost of a page
// does not grow with the number of deadlines or of people. Each row carries the number of deadlines
// matching the filter, so a page and its total are one round trip.
async function selectRows(context: AppContext, filter: DeadlineFilter, window: { limit: number; offset: number } | null): Promise<{ rows: DeadlineRow[]; total: number | null }> {
  const now = context.now().toString();
  const group = (standing: 0 | 1) => {
    let query = filteredQuery(context, filter)
      .select(['person_id', 'team_id', 'kind', 'due', 'provision', sql<number>`${sql.lit(standing)}`.as('standing')])
      .where((builder) =>
        standing === 1
          ? builder.and([builder('due', '<=', now), builder('kind', 'in', standingKinds)])
          : builder.or([builder('due', '>', now), builder('kind', 'not in', standingKinds)]),
      )
      .orderBy('due')
      .orderBy('person_id')
      .orderBy('kind');
    // Neither group can contribute more rows to a page than the page's end.
    if (window) query = query.limit(window.offset + window.limit);
    return context.db.selectFrom(query.as(standing === 1 ? 'standing_group' : 'duty_group')).selectAll();
  };
  let chosen = group(0)
    .unionAll(group(1))
    .orderBy('standing')
    .orderBy('due')
    .orderBy('person_id')
    .orderBy('kind');
  if (window) chosen = chosen.limit(window.limit).offset(window.offset);
  const rows = await context.db
    .selectFrom(chosen.as('deadline'))
    .innerJoin('people', 'people.id', 'deadline.person_id')
    .leftJoin('teams', 'teams.id', 'deadline.team_id')
    .select([
      'deadline.person_id',
      'deadline.team_id',
      'deadline.kind',
      'deadline.due',
      'deadline.provision',
      filteredQuery(context, filter).select((builder) => builder.fn.countAll<string>().as('count')).as('matching'),
      'people.given_names',
      'people.family_name',
      'people.preferred_name',
      'teams.name as team_name',
    ])
    .orderBy('deadline.standing')
    .orderBy('deadline.due')
    .orderBy('deadline.person_id')
    .orderBy('deadline.kind')
    .execute();
  const total = rows.length > 0 ? Number(rows[0]!.matching) : null;
  return {
    total,
    rows: rows.map((row) => ({
    personId: row.person_id,
    personName: displayName({ givenNames: row.given_names, familyName: row.family_name, preferredName: row.preferred_name }),
    teamId: row.team_id,
    teamName: row.team_name,
    kind: row.kind as DueKind,
    due: Temporal.Instant.from(row.due),
    provision: row.provision,
    })),
  };
}

// A page of deadlines, and the audit of the people on it under way. The caller must not show the page
// until `audited` has succeeded; it may prepare the page meanwhile.
export async function openDeadlines(context: AppContext, filter: DeadlineFilter & { page: number }): Promise<{ page: DeadlinePage; audited: Promise<void> }> {
  requireOwnAgency(context, filter.agencyId);
  const offset = pageOffset(filter.page);
  const { rows, total: counted } = await selectRows(context, filter, { limit: listPageSize, offset });
  // An empty page says nothing of the total: on the first page there is nothing; past the last page
  // the deadlines are counted on their own (the (agency_id, due) index alone).
  const total =
    counted ??
    (offset === 0 ? 0 : Number((await filteredQuery(context, filter).select((builder) => builder.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()).count));
  // Everyone shown is written to the audit log once, so a person can see that they were listed and by whom.
  const audited = auditShownPeople(context, rows.map((row) => row.personId), 'Shown in the list of Mental Health Act deadlines');
  // Marked as observed here; the caller still receives the failure through `audited`.
  audited.catch(() => {});
  return { page: { rows, total, page: offset / listPageSize + 1, pageSize: listPageSize }, audited };
}

export async function listDeadlines(context: AppContext, filter: DeadlineFilter & { page: number }): Promise<DeadlinePage> {
  const { page, audited } = await openDeadlines(context, filter);
  await audited;
  return page;
}

// Every row of the same filter, for a spreadsheet: audited as a list, like the page.
export async function exportDeadlines(context: AppContext, filter: DeadlineFilter): Promise<DeadlineRow[]> {
  requireOwnAgency(context, filter.agencyId);
  const { rows } = await selectRows(context, filter, null);
  await auditShownPeople(context, rows.map((row) => row.personId), 'Included in an export of Mental Health Act deadlines (CSV)');
  return rows;
}
