import { isUuid } from '../../domain/identifiers.ts';
import { agencyKinds, type AgencyKind } from '../../domain/organisation/agency-kinds.ts';
import type { AppContext } from '../context.ts';
import { NotFound } from '../errors.ts';
import { requirePermission } from '../policy.ts';
import { personAccess, requirePersonAccess } from './person-access.ts';

// What the form for recording an involvement offers: the agencies on Accord, then the teams of the one
// chosen. Only someone who may record an involvement for this person is shown them.

export interface AgencyChoice {
  id: string;
  name: string;
  kindLabel: string;
}

export interface TeamChoice {
  id: string;
  name: string;
}

export async function involvementAgencies(context: AppContext, personId: string): Promise<AgencyChoice[]> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'identity', change: true });
  const rows = await context.db.selectFrom('agencies').select(['id', 'name', 'kind']).where('retired_at', 'is', null).orderBy('name').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, kindLabel: agencyKinds[row.kind as AgencyKind] ?? row.kind }));
}

// The agency chosen, with its current teams; NotFound for an agency not (or no longer) on Accord.
export async function involvementAgency(context: AppContext, personId: string, agencyId: string): Promise<AgencyChoice & { teams: TeamChoice[] }> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'identity', change: true });
  if (!isUuid(agencyId)) throw new NotFound('The agency');
  const agency = await context.db.selectFrom('agencies').select(['id', 'name', 'kind']).where('id', '=', agencyId).where('retired_at', 'is', null).executeTakeFirst();
  if (!agency) throw new NotFound('The agency');
  const teams = await context.db.selectFrom('teams').select(['id', 'name']).where('agency_id', '=', agencyId).where('retired_at', 'is', null).orderBy('name').orderBy('id').execute();
  return { id: agency.id, name: agency.name, kindLabel: agencyKinds[agency.kind as AgencyKind] ?? agency.kind, teams };
}

// Whether the actor sees the person's record in full now, decided afresh (not from what was decided
// earlier in the request): after they end an involvement, it may have been their own way in.
export async function seesRecordNow(context: AppContext, personId: string): Promise<boolean> {
  const access = await personAccess({ ...context }, personId);
  return access.system || access.relationship === 'involved' || access.relationship === 'break-glass';
}
