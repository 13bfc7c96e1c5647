import { inTransaction } from '../../db/transaction.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound } from '../errors.ts';
import { requirePermission } from '../policy.ts';

// Each team's named lead, to whom its overdue referrals are escalated (./escalation.ts). The lead is a
// member of staff of the team's agency, in use; null takes the name off.
export async function setTeamLead(context: AppContext, teamId: string, userId: string | null): Promise<void> {
  requirePermission(context.actor, 'administer');
  if (!isUuid(teamId)) throw new NotFound('The team');
  if (userId !== null && !isUuid(userId)) throw new InvalidInput([{ field: 'leadUserId', message: 'Select the lead from the agency’s staff' }]);
  await inTransaction(context.db, async (trx) => {
    const team = await trx
      .selectFrom('teams')
      .innerJoin('agencies', 'agencies.id', 'teams.agency_id')
      .select(['teams.name', 'teams.agency_id', 'agencies.name as agency_name'])
      .where('teams.id', '=', teamId)
      .forUpdate()
      .executeTakeFirst();
    if (!team) throw new NotFound('The team');
    let leadName: string | null = null;
    if (userId !== null) {
      const lead = await trx.selectFrom('users').select(['display_name', 'agency_id', 'disabled_at']).where('id', '=', userId).executeTakeFirst();
      if (!lead || lead.agency_id !== team.agency_id) throw new InvalidInput([{ field: 'leadUserId', message: `Select the lead from the staff of ${team.agency_name}` }]);
      if (lead.disabled_at !== null) throw new InvalidInput([{ field: 'leadUserId', message: 'Select a member of staff whose account is in use' }]);
      leadName = lead.display_name;
    }
    await trx.updateTable('teams').set({ lead_user_id: userId }).where('id', '=', teamId).execute();
    await appendAudit(trx, context, [
      { personId: null, action: 'administer', what: leadName ? `Named ${leadName} as the lead of ${team.name} (${team.agency_name})` : `Took off the named lead of ${team.name} (${team.agency_name})` },
    ]);
  });
}
