import { inTransaction } from '../../db/transaction.ts';
import { recordCategories } from '../../domain/record/categories.ts';
import { belongsTo, compareForInbox, finishedStatuses, openSteps, runningTimer, type RunningTimer } from '../../domain/referrals/referral.ts';
import { accessAllows } from '../../domain/sharing/person-access.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { actorMay, requirePermission } from '../policy.ts';
import { personAccess } from '../sharing/person-access.ts';
import { findReferral, partyName, referralFromRow, referralQuery, refuse, staffActor, type Referral, type Staff } from './referral-store.ts';

// Reading referrals: a team's inbox and the list of referrals it has made, and one referral. A referral
// is seen by the two teams it is between (the referral's own words are for the receiving team, which
// needs them to decide) and by anyone who may read the person's record; the receiving team sees the
// record itself only once it accepts and becomes involved. Every reading is audited.

export interface ListedReferral extends Referral {
  timer: RunningTimer | null;
  finishedAt: Temporal.Instant | null;
}

// How many finished referrals a list shows, after every open one.
export const finishedShown = 50;

function finishedAt(referral: Referral): Temporal.Instant | null {
  const { state } = referral;
  return state.closed?.at ?? state.withdrawn?.at ?? (state.status === 'declined' ? state.decision?.at ?? null : null);
}

async function listReferrals(context: AppContext, side: 'to' | 'from', what: string): Promise<ListedReferral[]> {
  requirePermission(context.actor, 'person.read');
  const staff = await staffActor(context);
  const now = context.now();
  return inTransaction(context.db, async (trx) => {
    const agencyColumn = side === 'to' ? 'referrals.to_agency_id' : 'referrals.from_agency_id';
    const teamColumn = side === 'to' ? 'referrals.to_team_id' : 'referrals.from_team_id';
    // A team's list holds what is addressed to (or sent by) the team, and to (or by) its agency as a whole.
    const base = referralQuery(trx)
      .where(agencyColumn, '=', staff.agencyId)
      .where((where) => (staff.teamId === null ? where(teamColumn, 'is', null) : where.or([where(teamColumn, 'is', null), where(teamColumn, '=', staff.teamId)])));
    const [open, finished] = await Promise.all([
      base.where('referrals.status', 'not in', finishedStatuses).execute(),
      base
        .where('referrals.status', 'in', finishedStatuses)
        .orderBy((builder) => builder.fn.coalesce('referrals.closed_at', 'referrals.withdrawn_at', 'referrals.decided_at'), 'desc')
        .limit(finishedShown)
        .execute(),
    ]);
    const referrals = [...open, ...finished].map((row) => {
      const referral = referralFromRow(row);
      return { ...referral, timer: runningTimer(referral.state.status, referral.timers, now), finishedAt: finishedAt(referral) };
    });
    referrals.sort((a, b) => compareForInbox(now)({ ...a, status: a.state.status }, { ...b, status: b.state.status }));
    if (referrals.length > 0) {
      await appendAudit(trx, context, [{ personId: null, personIds: [...new Set(referrals.map((item) => item.personId))], action: 'list', what }]);
    }
    return referrals;
  });
}

// Referrals received by the member of staff's team (or agency, for staff without a team): open first,
// overdue and most urgent first.
export async function referralInbox(context: AppContext): Promise<ListedReferral[]> {
  return listReferrals(context, 'to', 'Listed the referrals received by their team');
}

// Referrals the member of staff's team has made, with how each was answered.
export async function referralsSent(context: AppContext): Promise<ListedReferral[]> {
  return listReferrals(context, 'from', 'Listed the referrals made by their team');
}

export interface ReferralView {
  referral: Referral;
  timer: RunningTimer | null;
  viewerIs: 'receiver' | 'referrer' | 'record-reader' | 'system';
  // Whether the viewer may open the person's record: the receiving team only once it is involved.
  seesRecord: boolean;
  can: { acknowledge: boolean; decide: boolean; close: boolean; withdraw: boolean };
}

function sideOf(staff: Staff | null, referral: Referral): 'receiver' | 'referrer' | null {
  if (staff === null) return null;
  if (belongsTo(staff, referral.to)) return 'receiver';
  if (belongsTo(staff, referral.from)) return 'referrer';
  return null;
}

export async function viewReferral(context: AppContext, referralId: string): Promise<ReferralView> {
  requirePermission(context.actor, 'person.read');
  const referral = await findReferral(context.db, referralId);
  const { actor } = context;
  const staff = actor.kind === 'user' ? await staffActor(context) : null;
  const side = sideOf(staff, referral);
  const access = await personAccess(context, referral.personId);
  const seesRecord = accessAllows(access, { category: 'identity' }, (category) => recordCategories[category]).allowed;
  if (side === null && !seesRecord) {
    await refuse(context, referral.personId, 'You can see a referral if your team made it or received it, or if you may read the person’s record.');
  }
  const viewerIs = actor.kind === 'system' ? 'system' : side ?? 'record-reader';
  const steps = openSteps(referral.state.status);
  const writes = actorMay(actor, 'person.write');
  await inTransaction(context.db, (trx) =>
    appendAudit(trx, context, [
      { personId: referral.personId, action: 'read', what: `Viewed a referral from ${partyName(referral.from)} to ${partyName(referral.to)} (${referral.purposeLabel})` },
    ]),
  );
  return {
    referral,
    timer: runningTimer(referral.state.status, referral.timers, context.now()),
    viewerIs,
    seesRecord,
    can: {
      acknowledge: writes && side === 'receiver' && steps.acknowledge,
      decide: writes && side === 'receiver' && steps.decide,
      close: writes && side === 'receiver' && steps.close,
      withdraw: writes && side === 'referrer' && steps.withdraw,
    },
  };
}
