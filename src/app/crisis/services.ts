import { inTransaction } from '../../db/transaction.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { isServiceKind, validateService, type ServiceInput, type ServiceKind } from '../../domain/crisis/services.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound } from '../errors.ts';
import { requirePermission } from '../policy.ts';

// The service directory: read by anyone signed in, kept by administrators.

export interface DirectoryService {
  id: string;
  name: string;
  kind: ServiceKind;
  canDo: string;
  cannotDo: string;
  hours: string;
  outOfHours: string;
  agencyId: string;
  teamId: string | null;
  receiverName: string;
}

export async function listServices(context: AppContext): Promise<DirectoryService[]> {
  const rows = await context.db
    .selectFrom('crisis_services')
    .innerJoin('agencies', 'agencies.id', 'crisis_services.agency_id')
    .leftJoin('teams', 'teams.id', 'crisis_services.team_id')
    .selectAll('crisis_services')
    .select(['agencies.name as agency_name', 'teams.name as team_name'])
    .where('crisis_services.retired_at', 'is', null)
    .orderBy('crisis_services.name')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: isServiceKind(row.kind) ? row.kind : 'voluntary-organisation',
    canDo: row.can_do,
    cannotDo: row.cannot_do,
    hours: row.hours,
    outOfHours: row.out_of_hours,
    agencyId: row.agency_id,
    teamId: row.team_id,
    receiverName: row.team_name ? `${row.team_name} (${row.agency_name})` : row.agency_name,
  }));
}

export async function findService(context: AppContext, serviceId: string): Promise<DirectoryService> {
  const service = (await listServices(context)).find((item) => item.id === serviceId);
  if (!service) throw new NotFound('The service');
  return service;
}

// Adds a service (serviceId null) or changes one, with who and when.
export async function saveService(context: AppContext, serviceId: string | null, input: ServiceInput): Promise<string> {
  requirePermission(context.actor, 'administer');
  const agencyId = input.agencyId.trim().toLowerCase();
  const teamId = input.teamId === null || input.teamId.trim() === '' ? null : input.teamId.trim().toLowerCase();
  return inTransaction(context.db, async (trx) => {
    const agency = isUuid(agencyId) ? await trx.selectFrom('agencies').select('id').where('id', '=', agencyId).where('retired_at', 'is', null).executeTakeFirst() : undefined;
    const team = agency && teamId !== null && isUuid(teamId) ? await trx.selectFrom('teams').select('id').where('id', '=', teamId).where('agency_id', '=', agencyId).executeTakeFirst() : undefined;
    const checked = validateService({ ...input, agencyId, teamId }, { receiverOnAccord: agency !== undefined && (teamId === null || team !== undefined) });
    if (!checked.ok) throw new InvalidInput(checked.problems);
    const service = checked.service;
    const values = {
      name: service.name,
      kind: service.kind,
      can_do: service.canDo,
      cannot_do: service.cannotDo,
      hours: service.hours,
      out_of_hours: service.outOfHours,
      agency_id: service.agencyId,
      team_id: service.teamId,
      updated_by: context.actor.userId,
      updated_by_label: context.actor.label,
      updated_at: context.now().toString(),
    };
    let id: string;
    if (serviceId === null) {
      id = (await trx.insertInto('crisis_services').values(values).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      if (!isUuid(serviceId)) throw new NotFound('The service');
      const updated = await trx.updateTable('crisis_services').set(values).where('id', '=', serviceId).returning('id').executeTakeFirst();
      if (!updated) throw new NotFound('The service');
      id = updated.id;
    }
    await appendAudit(trx, context, [{ personId: null, action: 'administer', what: `${serviceId === null ? 'Added' : 'Changed'} the service ${service.name} in the crisis service directory` }]);
    return id;
  });
}
