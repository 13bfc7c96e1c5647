import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { PolicyDenied } from '../errors.ts';
import { requirePermission } from '../policy.ts';

// Deadlines, tasks and the outbox belong to one agency: staff see and work their own agency's only.
// Accord itself (the scheduled sweep, the command line) acts for every agency.
export function requireOwnAgency(context: AppContext, agencyId: string): void {
  requirePermission(context.actor, 'deadlines.read');
  if (context.actor.kind === 'system') return;
  if (context.actor.agencyId === null || context.actor.agencyId !== agencyId) {
    throw new PolicyDenied('You can see the deadlines and tasks of your own agency only');
  }
}

export const listPageSize = 50;

// Pages are counted from 1; anything else asked for is read as the first page.
export function pageOffset(page: number): number {
  return (Number.isInteger(page) && page > 1 ? page - 1 : 0) * listPageSize;
}

export interface AgencyTeam {
  id: string;
  name: string;
}

// What a list page of the agency needs before it reads its rows, in one round trip so that opening a
// list costs little when, as usually, there is nothing to bring up to date: whether anything in the
// agency's derived rows has fallen behind the clock (a person whose next deadline has passed since their
// position was computed; an overdue task not yet escalated), and the agency's current wards and teams
// for the filters.
export async function agencyListState(context: AppContext, agencyId: string): Promise<{ stale: boolean; overdue: boolean; teams: AgencyTeam[] }> {
  requireOwnAgency(context, agencyId);
  const now = context.now().toString();
  const row = await context.db
    .selectNoFrom((builder) => [
      builder.exists(builder.selectFrom('legal_status').select('person_id').where('agency_id', '=', agencyId).where('refresh_after', '<=', now)).as('stale'),
      builder.exists(builder.selectFrom('tasks').select('id').where('agency_id', '=', agencyId).where('closed_at', 'is', null).where('due', '<=', now).where('escalated_at', 'is', null)).as('overdue'),
      sql<AgencyTeam[] | null>`(select json_agg(json_build_object('id', id, 'name', name) order by name, id) from teams where agency_id = ${agencyId} and retired_at is null)`.as('teams'),
    ])
    .executeTakeFirstOrThrow();
  return { stale: Boolean(row.stale), overdue: Boolean(row.overdue), teams: row.teams ?? [] };
}
