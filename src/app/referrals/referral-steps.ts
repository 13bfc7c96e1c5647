import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { belongsTo, referralOutcomes, takeStep, type ReferralAction, type ReferralState } from '../../domain/referrals/referral.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput } from '../errors.ts';
import { requirePermission } from '../policy.ts';
import { ensureInvolvement } from '../sharing/involvements.ts';
import { findReferral, londonText, partyName, queueNotification, refuse, staffActor, type Referral } from './referral-store.ts';

// The steps of a referral after it is sent. The receiving team (or, for a referral to an agency as a
// whole, anyone in that agency) acknowledges it, accepts or declines it, and closes an accepted one with
// an outcome; the referring team withdraws one still unanswered. Each step is written onto the row with
// who and when, audited, and the decision and the outcome go back to the referrer as a notification.

type Side = 'receiver' | 'referrer';

const sideRefusals: Record<Side, string> = {
  receiver: 'Only the team the referral was sent to can acknowledge, accept, decline or close it.',
  referrer: 'Only the team that made the referral can withdraw it.',
};

async function takeReferralStep(
  context: AppContext,
  referralId: string,
  side: Side,
  action: ReferralAction,
  write: (trx: Transaction<Database>, before: Referral, after: ReferralState, at: Temporal.Instant) => Promise<void>,
): Promise<void> {
  requirePermission(context.actor, 'person.write');
  const found = await findReferral(context.db, referralId);
  const staff = await staffActor(context);
  if (!belongsTo(staff, side === 'receiver' ? found.to : found.from)) await refuse(context, found.personId, sideRefusals[side]);
  await inTransaction(context.db, async (trx) => {
    const referral = await findReferral(trx, referralId, { forUpdate: true });
    const at = context.now();
    const outcome = takeStep(referral.state, action, { at, by: context.actor.label });
    if (!outcome.ok) throw new InvalidInput(outcome.problems);
    await write(trx, referral, outcome.state, at);
  });
}

// The referrer hears how their referral was answered: in their team's outbox, addressed to them.
async function tellReferrer(trx: Transaction<Database>, referral: Referral, at: Temporal.Instant, subject: string, what: string): Promise<void> {
  const referrer = referral.referredBy === null ? undefined : await trx.selectFrom('users').select('role').where('id', '=', referral.referredBy).executeTakeFirst();
  await queueNotification(trx, {
    at,
    agencyId: referral.from.agencyId,
    role: referrer?.role ?? 'system-administrator',
    recipient: referral.referredByLabel,
    subject,
    body: `Your referral (${referral.purposeLabel}) of ${londonText(referral.referredAt)} to ${partyName(referral.to)} ${what} Sign in to Accord and open Referrals to read it.`,
  });
}

export async function acknowledgeReferral(context: AppContext, referralId: string): Promise<void> {
  await takeReferralStep(context, referralId, 'receiver', { kind: 'acknowledge' }, async (trx, referral, after, at) => {
    await trx
      .updateTable('referrals')
      .set({ status: after.status, acknowledged_by: context.actor.userId, acknowledged_by_label: context.actor.label, acknowledged_at: at.toString() })
      .where('id', '=', referral.id)
      .execute();
    await appendAudit(trx, context, [{ personId: referral.personId, action: 'write', what: `Acknowledged a referral from ${partyName(referral.from)} (${referral.purposeLabel})` }]);
  });
}

// Accepts or declines. Accepting makes the receiving team involved with the person, so that it sees the
// record as its policy allows from now on; declining needs a reason, which goes back to the referrer.
export async function decideReferral(context: AppContext, referralId: string, decision: string, reason: string): Promise<void> {
  await takeReferralStep(context, referralId, 'receiver', { kind: 'decide', decision, reason }, async (trx, referral, after, at) => {
    const decided = after.decision!;
    const acknowledgedNow = referral.state.acknowledged === null;
    await trx
      .updateTable('referrals')
      .set({
        status: after.status,
        decision: decided.decision,
        decision_reason: decided.reason,
        decided_by: context.actor.userId,
        decided_by_label: context.actor.label,
        decided_at: at.toString(),
        ...(acknowledgedNow ? { acknowledged_by: context.actor.userId, acknowledged_by_label: context.actor.label, acknowledged_at: at.toString() } : {}),
      })
      .where('id', '=', referral.id)
      .execute();
    if (decided.decision === 'accepted') {
      await ensureInvolvement(trx, context, referral.personId, { agencyId: referral.to.agencyId, teamId: referral.to.teamId, userId: null }, `Accepted a referral: ${referral.purposeLabel}`);
      await appendAudit(trx, context, [
        { personId: referral.personId, action: 'write', what: `Accepted a referral from ${partyName(referral.from)} (${referral.purposeLabel}): ${partyName(referral.to)} is now involved` },
      ]);
      await tellReferrer(trx, referral, at, `Referral accepted by ${partyName(referral.to)}`, 'was accepted.');
    } else {
      await appendAudit(trx, context, [{ personId: referral.personId, action: 'write', what: `Declined a referral from ${partyName(referral.from)} (${referral.purposeLabel}): ${decided.reason}` }]);
      await tellReferrer(trx, referral, at, `Referral declined by ${partyName(referral.to)}`, 'was declined, with a reason.');
    }
  });
}

// Closes an accepted referral with its outcome, which goes back to the referrer. The team stays involved
// with the person: ending that is a decision of its own (src/app/sharing/involvements.ts).
export async function closeReferral(context: AppContext, referralId: string, outcome: string, note: string): Promise<void> {
  await takeReferralStep(context, referralId, 'receiver', { kind: 'close', outcome, note }, async (trx, referral, after, at) => {
    const closed = after.closed!;
    await trx
      .updateTable('referrals')
      .set({ status: after.status, outcome: closed.outcome, outcome_note: closed.note, closed_by: context.actor.userId, closed_by_label: context.actor.label, closed_at: at.toString() })
      .where('id', '=', referral.id)
      .execute();
    await appendAudit(trx, context, [
      { personId: referral.personId, action: 'write', what: `Closed a referral from ${partyName(referral.from)} (${referral.purposeLabel}). Outcome: ${referralOutcomes[closed.outcome]}: ${closed.note}` },
    ]);
    await tellReferrer(trx, referral, at, `Outcome of your referral to ${partyName(referral.to)}`, `was closed: ${referralOutcomes[closed.outcome].toLowerCase()}.`);
  });
}

// The referrer withdraws a referral the receiver has not yet answered.
export async function withdrawReferral(context: AppContext, referralId: string, reason: string): Promise<void> {
  await takeReferralStep(context, referralId, 'referrer', { kind: 'withdraw', reason }, async (trx, referral, after, at) => {
    const withdrawn = after.withdrawn!;
    await trx
      .updateTable('referrals')
      .set({ status: after.status, withdrawal_reason: withdrawn.reason, withdrawn_by: context.actor.userId, withdrawn_by_label: context.actor.label, withdrawn_at: at.toString() })
      .where('id', '=', referral.id)
      .execute();
    await appendAudit(trx, context, [{ personId: referral.personId, action: 'write', what: `Withdrew a referral to ${partyName(referral.to)} (${referral.purposeLabel}): ${withdrawn.reason}` }]);
  });
}
