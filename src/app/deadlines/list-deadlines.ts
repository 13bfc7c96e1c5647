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
// for months. The page is chosen first and only its rows are joined to people and teams, so the cost of a page does
// not grow with the number of deadlines or of people.
async function selectRows(context: AppContext, filter: DeadlineFilter, window: { limit: number; offset: number } | null): Promise<DeadlineRow[]> {
  let chosen = filteredQuery(context, filter)
    .select(['person_id', 'team_id', 'kind', 'due', 'provision'])
    .select(sql<number>`case when due <= ${context.now().toString()} and kind in (${sql.join(standingKinds)}) then 1 else 0 end`.as('standing'))
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
  return rows.map((row) => ({
    personId: row.person_id,
    personName: displayName({ givenNames: row.given_names, familyName: row.family_name, preferredName: row.preferred_name }),
    teamId: row.team_id,
    teamName: row.team_name,
    kind: row.kind as DueKind,
    due: Temporal.Instant.from(row.due),
    provision: row.provision,
  }));
}

// A page of deadlines, and the audit of the people on it under way. The caller must not show the page
// until `audited` has succeeded; it may prepare the page meanwhile.
export async function openDeadlines(context: AppContext, filter: DeadlineFilter & { page: number }): Promise<{ page: DeadlinePage; audited: Promise<void> }> {
  requireOwnAgency(context, filter.agencyId);
  const offset = pageOffset(filter.page);
  // The page and the count go to the database together; the count reads the (agency_id, due) index alone.
  const [rows, count] = await Promise.all([
    selectRows(context, filter, { limit: listPageSize, offset }),
    filteredQuery(context, filter).select((builder) => builder.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  // Everyone shown is written to the audit log once, so a person can see that they were listed and by whom.
  const audited = auditShownPeople(context, rows.map((row) => row.personId), 'Shown in the list of Mental Health Act deadlines');
  // Marked as observed here; the caller still receives the failure through `audited`.
  audited.catch(() => {});
  return { page: { rows, total: Number(count.count), page: offset / listPageSize + 1, pageSize: listPageSize }, audited };
}

export async function listDeadlines(context: AppContext, filter: DeadlineFilter & { page: number }): Promise<DeadlinePage> {
  const { page, audited } = await openDeadlines(context, filter);
  await audited;
  return page;
}

// Every row of the same filter, for a spreadsheet: audited as a list, like the page.
export async function exportDeadlines(context: AppContext, filter: DeadlineFilter): Promise<DeadlineRow[]> {
  requireOwnAgency(context, filter.agencyId);
  const rows = await selectRows(context, filter, null);
  await auditShownPeople(context, rows.map((row) => row.personId), 'Included in an export of Mental Health Act deadlines (CSV)');
  return rows;
}

export async function agencyTeams(context: AppContext, agencyId: string): Promise<{ id: string; name: string }[]> {
  requireOwnAgency(context, agencyId);
  return context.db.selectFrom('teams').select(['id', 'name']).where('agency_id', '=', agencyId).where('retired_at', 'is', null).orderBy('name').execute();
}
