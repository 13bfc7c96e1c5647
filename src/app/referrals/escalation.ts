import { inTransaction } from '../../db/transaction.ts';
import { dueForEscalation, runningTimer, timerLabels } from '../../domain/referrals/referral.ts';
import { referralUrgencies } from '../../domain/referrals/urgencies.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { PolicyDenied } from '../errors.ts';
import { londonText, partyName, referralFromRow, referralQuery } from './referral-store.ts';

// Unanswered referrals whose timer has run out are escalated once to the receiving team's named lead:
// the lead is written on the referral, the escalation audited, and one notification queued for the lead
// in the receiving agency's outbox. A team with no lead named (or a referral to an agency as a whole)
// is still escalated, and the notification goes to the agency's administrators, asking them to name one.
// Running it again, or twice at once, escalates nothing more: the update takes only referrals not yet
// escalated, and a second transaction waiting on the same rows finds them escalated.
//
// Run by the sweep (src/app/deadlines/sweep.ts), as Accord itself.
export async function escalateOverdueReferrals(context: AppContext): Promise<number> {
  if (context.actor.kind !== 'system') throw new PolicyDenied('Overdue referrals are escalated by Accord’s scheduled sweep.');
  const now = context.now();
  const at = now.toString();
  const candidates = await context.db
    .selectFrom('referrals')
    .select('id')
    .where('escalated_at', 'is', null)
    .where((where) =>
      where.or([
        where.and([where('status', '=', 'sent'), where('acknowledge_due', '<=', at)]),
        where.and([where('status', '=', 'acknowledged'), where('decide_due', '<=', at)]),
      ]),
    )
    .execute();
  let escalated = 0;
  for (const { id } of candidates) {
    const done = await inTransaction(context.db, async (trx) => {
      await trx.selectFrom('referrals').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
      const row = await referralQuery(trx).where('referrals.id', '=', id).executeTakeFirst();
      if (!row) return false;
      const referral = referralFromRow(row);
      if (!dueForEscalation({ status: referral.state.status, timers: referral.timers, escalatedAt: referral.escalation?.at ?? null }, now)) return false;
      const timer = runningTimer(referral.state.status, referral.timers, now)!;
      const lead =
        referral.to.teamId === null
          ? undefined
          : await trx
              .selectFrom('teams')
              .innerJoin('users', 'users.id', 'teams.lead_user_id')
              .select(['users.id', 'users.display_name', 'users.role'])
              .where('teams.id', '=', referral.to.teamId)
              .where('users.disabled_at', 'is', null)
              .executeTakeFirst();
      await trx
        .updateTable('referrals')
        .set({ escalated_at: at, escalated_timer: timer.timer, escalated_to: lead?.id ?? null, escalated_to_label: lead?.display_name ?? null })
        .where('id', '=', id)
        .where('escalated_at', 'is', null)
        .execute();
      const urgency = referralUrgencies[referral.urgency].label.toLowerCase();
      const overdue = `${timerLabels[timer.timer]} was due ${londonText(timer.due)}`;
      await trx
        .insertInto('notifications')
        .values({
          created_at: at,
          agency_id: referral.to.agencyId,
          role: lead?.role ?? 'system-administrator',
          task_id: null,
          subject: lead ? `Overdue referral to ${partyName(referral.to)}` : `Overdue referral to ${partyName(referral.to)}: no lead is named`,
          // The notification does not name the person: it may go by email through an outside service.
          body: lead
            ? `You are the named lead for ${partyName(referral.to)}. A ${urgency} referral (${referral.purposeLabel}) from ${partyName(referral.from)} is overdue: ${overdue}. Sign in to Accord and open Referrals to see it.`
            : `A ${urgency} referral (${referral.purposeLabel}) from ${partyName(referral.from)} to ${partyName(referral.to)} is overdue: ${overdue}. No lead is named to escalate it to: name a lead for the team in Accord so that overdue referrals reach someone.`,
          channel: 'app',
          recipient: lead?.display_name ?? null,
          status: 'queued',
        })
        .execute();
      await appendAudit(trx, context, [
        {
          personId: referral.personId,
          action: 'write',
          what: `Escalated an overdue referral to ${partyName(referral.to)} (${referral.purposeLabel}) ${lead ? `to its lead, ${lead.display_name}` : 'with no lead named'}: ${overdue}`,
        },
      ]);
      return true;
    });
    if (done) escalated += 1;
  }
  return escalated;
}
