import { isReferralPurpose, type ReferralPurpose } from './purposes.ts';
import { isReferralUrgency, urgencyRank, type ReferralTimers, type ReferralUrgency } from './urgencies.ts';

// A referral from one team (or agency) to another about a person: the referrer's own words, what was
// asked and how urgently. Its life:
//
//   sent ──acknowledge──> acknowledged ──accept──> accepted ──close with an outcome──> closed
//     │                        │
//     │                        └──decline with a reason──> declined (finished: the reason is its outcome)
//     ├──accept or decline at once (acknowledging it in the same step)
//     └──withdraw with a reason (the referrer, while it is unanswered)──> withdrawn (finished)
//
// A finished referral always carries words that say how it ended (the outcome, the reason for declining,
// the reason for withdrawing), and those go back to the referrer. Nothing here reads a clock or a
// database: the time and the facts are given.

export const referralStatuses = {
  sent: 'Awaiting acknowledgement',
  acknowledged: 'Acknowledged, awaiting a decision',
  accepted: 'Accepted',
  declined: 'Declined',
  closed: 'Closed with an outcome',
  withdrawn: 'Withdrawn',
} as const;

export type ReferralStatus = keyof typeof referralStatuses;

export function isReferralStatus(value: unknown): value is ReferralStatus {
  return typeof value === 'string' && Object.hasOwn(referralStatuses, value);
}

// The statuses in which a referral is finished: no further step is possible, and its outcome is known.
export const finishedStatuses: readonly ReferralStatus[] = ['declined', 'closed', 'withdrawn'];

export function isFinished(status: ReferralStatus): boolean {
  return finishedStatuses.includes(status);
}

// How the work the referral asked for ended, chosen by the receiving team when it closes it.
export const referralOutcomes = {
  completed: 'Done as asked',
  'partly-completed': 'Partly done',
  'not-completed': 'Not done',
} as const;

export type ReferralOutcome = keyof typeof referralOutcomes;

export function isReferralOutcome(value: unknown): value is ReferralOutcome {
  return typeof value === 'string' && Object.hasOwn(referralOutcomes, value);
}

export const askedMaximum = 4000;
export const referrerWordsMaximum = 10000;
export const reasonMaximum = 2000;

export interface FieldProblem {
  field: string;
  message: string;
}

// One step, written on the referral with who took it and when.
export interface Step {
  at: Temporal.Instant;
  by: string;
}

export interface ReferralState {
  status: ReferralStatus;
  acknowledged: Step | null;
  decision: (Step & { decision: 'accepted' | 'declined'; reason: string | null }) | null;
  closed: (Step & { outcome: ReferralOutcome; note: string }) | null;
  withdrawn: (Step & { reason: string }) | null;
}

export function sentState(): ReferralState {
  return { status: 'sent', acknowledged: null, decision: null, closed: null, withdrawn: null };
}

export type ReferralAction =
  | { kind: 'acknowledge' }
  | { kind: 'decide'; decision: string; reason: string }
  | { kind: 'close'; outcome: string; note: string }
  | { kind: 'withdraw'; reason: string };

export type StepOutcome = { ok: true; state: ReferralState } | { ok: false; problems: FieldProblem[] };

function refused(field: string, message: string): StepOutcome {
  return { ok: false, problems: [{ field, message }] };
}

// A required text: its problem when missing, and when longer than its maximum (named as `name`).
function text(value: string, field: string, maximum: number, missing: string, name: string): { value: string } | { problem: FieldProblem } {
  const trimmed = value.trim();
  if (trimmed === '') return { problem: { field, message: missing } };
  if (trimmed.length > maximum) return { problem: { field, message: `${name} must be ${maximum} characters or fewer` } };
  return { value: trimmed };
}

const alreadyFinished: Record<'declined' | 'closed' | 'withdrawn', string> = {
  declined: 'This referral was declined: it is finished',
  closed: 'This referral is closed: it is finished',
  withdrawn: 'This referral was withdrawn: it is finished',
};

// Takes one step, or refuses it with a message naming the field it is about: an impossible step
// (acknowledging twice, accepting a declined referral, closing one never accepted), a decline without a
// reason, a close without an outcome, a withdrawal without a reason or after the receiver has decided.
export function takeStep(state: ReferralState, action: ReferralAction, step: Step): StepOutcome {
  const { status } = state;
  switch (action.kind) {
    case 'acknowledge': {
      if (status === 'sent') return { ok: true, state: { ...state, status: 'acknowledged', acknowledged: step } };
      if (status === 'acknowledged') return refused('acknowledge', 'This referral has already been acknowledged');
      if (status === 'accepted') return refused('acknowledge', 'This referral has already been accepted');
      return refused('acknowledge', alreadyFinished[status]);
    }
    case 'decide': {
      if (status === 'accepted') return refused('decision', 'This referral has already been accepted: it cannot be decided again');
      if (status !== 'sent' && status !== 'acknowledged') return refused('decision', alreadyFinished[status]);
      if (action.decision !== 'accepted' && action.decision !== 'declined') return refused('decision', 'Select whether you accept or decline the referral');
      let reason: string | null = null;
      if (action.decision === 'declined') {
        const checked = text(action.reason, 'decisionReason', reasonMaximum, 'Enter why you are declining the referral: the referrer is told', 'The reason');
        if ('problem' in checked) return { ok: false, problems: [checked.problem] };
        reason = checked.value;
      } else {
        const trimmed = action.reason.trim();
        if (trimmed.length > reasonMaximum) return refused('decisionReason', `The note must be ${reasonMaximum} characters or fewer`);
        reason = trimmed === '' ? null : trimmed;
      }
      // Deciding at once acknowledges too: a crisis team that accepts within minutes has not skipped a step.
      return {
        ok: true,
        state: { ...state, status: action.decision, acknowledged: state.acknowledged ?? step, decision: { ...step, decision: action.decision, reason } },
      };
    }
    case 'close': {
      if (status === 'sent' || status === 'acknowledged') return refused('outcome', 'This referral has not been accepted: accept or decline it first');
      if (status !== 'accepted') return refused('outcome', alreadyFinished[status]);
      const problems: FieldProblem[] = [];
      if (!isReferralOutcome(action.outcome)) problems.push({ field: 'outcome', message: 'Select the outcome: a referral cannot be closed without one' });
      const note = text(action.note, 'outcomeNote', reasonMaximum, 'Enter what was done: the referrer is told', 'What was done');
      if ('problem' in note) problems.push(note.problem);
      if (problems.length > 0 || 'problem' in note || !isReferralOutcome(action.outcome)) return { ok: false, problems };
      return { ok: true, state: { ...state, status: 'closed', closed: { ...step, outcome: action.outcome, note: note.value } } };
    }
    case 'withdraw': {
      if (status === 'accepted') return refused('withdrawalReason', 'This referral has been accepted: only the receiving team can close it, with an outcome');
      if (status !== 'sent' && status !== 'acknowledged') return refused('withdrawalReason', alreadyFinished[status]);
      const reason = text(action.reason, 'withdrawalReason', reasonMaximum, 'Enter why you are withdrawing the referral', 'The reason');
      if ('problem' in reason) return { ok: false, problems: [reason.problem] };
      return { ok: true, state: { ...state, status: 'withdrawn', withdrawn: { ...step, reason: reason.value } } };
    }
  }
}

// The steps open at a status, whoever takes them: for offering only the forms that can succeed.
export function openSteps(status: ReferralStatus): { acknowledge: boolean; decide: boolean; close: boolean; withdraw: boolean } {
  return {
    acknowledge: status === 'sent',
    decide: status === 'sent' || status === 'acknowledged',
    close: status === 'accepted',
    withdraw: status === 'sent' || status === 'acknowledged',
  };
}

// How a finished referral ended, in the words that go back to the referrer; null while it is open.
export function referralEnding(state: ReferralState): { heading: string; words: string; at: Temporal.Instant; by: string } | null {
  if (state.status === 'closed' && state.closed) return { heading: `Closed: ${referralOutcomes[state.closed.outcome]}`, words: state.closed.note, at: state.closed.at, by: state.closed.by };
  if (state.status === 'declined' && state.decision?.reason) return { heading: 'Declined', words: state.decision.reason, at: state.decision.at, by: state.decision.by };
  if (state.status === 'withdrawn' && state.withdrawn) return { heading: 'Withdrawn by the referrer', words: state.withdrawn.reason, at: state.withdrawn.at, by: state.withdrawn.by };
  return null;
}

// The timer now running, if any: acknowledgement while the referral is unacknowledged, the decision
// once acknowledged. Once accepted, the work takes the time it takes (a pathway sets its own deadlines,
// a court date for a pre-sentence report); a finished referral has no timer.
export interface RunningTimer {
  timer: 'acknowledge' | 'decide';
  due: Temporal.Instant;
  overdue: boolean;
}

export const timerLabels: Record<RunningTimer['timer'], string> = { acknowledge: 'Acknowledge', decide: 'Accept or decline' };

export function runningTimer(status: ReferralStatus, timers: ReferralTimers, now: Temporal.Instant): RunningTimer | null {
  const running = status === 'sent' ? { timer: 'acknowledge' as const, due: timers.acknowledgeDue } : status === 'acknowledged' ? { timer: 'decide' as const, due: timers.decideDue } : null;
  if (running === null) return null;
  return { ...running, overdue: Temporal.Instant.compare(running.due, now) <= 0 };
}

// Whether the referral is to be escalated now: its timer has run out and it has not been escalated
// before. It is escalated once: the named lead then has it in hand, and the inbox still shows it overdue.
export function dueForEscalation(referral: { status: ReferralStatus; timers: ReferralTimers; escalatedAt: Temporal.Instant | null }, now: Temporal.Instant): boolean {
  return referral.escalatedAt === null && runningTimer(referral.status, referral.timers, now)?.overdue === true;
}

// Where a team or agency is: its agency, and its team if it is one.
export interface Party {
  agencyId: string;
  teamId: string | null;
}

// Whether a member of staff is of the party a referral names: a referral to (or from) a team is the
// team's; one to (or from) an agency as a whole is everyone's in that agency.
export function belongsTo(staff: { agencyId: string | null; teamId: string | null }, party: Party): boolean {
  return staff.agencyId === party.agencyId && (party.teamId === null || party.teamId === staff.teamId);
}

// The order of an inbox or a sent list: open referrals first; among them those overdue, then by when
// their timer falls due, the most urgent first where that is equal, and accepted ones (no timer) after;
// finished referrals last, the most recently finished first.
export interface ListedReferral {
  status: ReferralStatus;
  urgency: ReferralUrgency;
  referredAt: Temporal.Instant;
  timers: ReferralTimers;
  finishedAt: Temporal.Instant | null;
}

export function compareForInbox(now: Temporal.Instant): (a: ListedReferral, b: ListedReferral) => number {
  return (a, b) => {
    const aFinished = isFinished(a.status);
    const bFinished = isFinished(b.status);
    if (aFinished !== bFinished) return aFinished ? 1 : -1;
    if (aFinished) return Temporal.Instant.compare(b.finishedAt ?? b.referredAt, a.finishedAt ?? a.referredAt);
    const aTimer = runningTimer(a.status, a.timers, now);
    const bTimer = runningTimer(b.status, b.timers, now);
    if ((aTimer === null) !== (bTimer === null)) return aTimer === null ? 1 : -1;
    if (aTimer && bTimer) {
      if (aTimer.overdue !== bTimer.overdue) return aTimer.overdue ? -1 : 1;
      const byDue = Temporal.Instant.compare(aTimer.due, bTimer.due);
      if (byDue !== 0) return byDue;
    }
    const byUrgency = urgencyRank[a.urgency] - urgencyRank[b.urgency];
    if (byUrgency !== 0) return byUrgency;
    return Temporal.Instant.compare(a.referredAt, b.referredAt);
  };
}

export interface NewReferralInput {
  purpose: string;
  urgency: string;
  asked: string;
  referrerWords: string;
  // The receiving agency, and team if one was chosen.
  toAgencyId: string;
  toTeamId: string | null;
}

export interface NewReferralFacts {
  from: Party;
  // Whether the receiving agency (and team, if one was chosen) is on Accord, in use, and the team the agency's.
  receiverOnAccord: boolean;
}

export interface ValidReferral {
  purpose: ReferralPurpose;
  urgency: ReferralUrgency;
  asked: string;
  referrerWords: string;
  to: Party;
}

// Checks a new referral; every problem is found at once, each naming its field.
export function validateReferral(input: NewReferralInput, facts: NewReferralFacts): { ok: true; referral: ValidReferral } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (!isReferralPurpose(input.purpose)) problems.push({ field: 'purpose', message: 'Select what the referral is for' });
  if (!isReferralUrgency(input.urgency)) problems.push({ field: 'urgency', message: 'Select how urgent the referral is' });
  const asked = text(input.asked, 'asked', askedMaximum, 'Enter what you are asking the team to do', 'What you are asking');
  if ('problem' in asked) problems.push(asked.problem);
  const words = text(input.referrerWords, 'referrerWords', referrerWordsMaximum, 'Enter the referral in your own words', 'The referral in your own words');
  if ('problem' in words) problems.push(words.problem);
  const to: Party = { agencyId: input.toAgencyId, teamId: input.toTeamId };
  if (input.toAgencyId === '') problems.push({ field: 'to', message: 'Select the team or agency you are referring to' });
  else if (!facts.receiverOnAccord) problems.push({ field: 'to', message: 'Select a team or agency on Accord' });
  else if (to.agencyId === facts.from.agencyId && to.teamId === facts.from.teamId) problems.push({ field: 'to', message: 'Select another team: you cannot refer to your own' });
  else if (to.agencyId === facts.from.agencyId && to.teamId === null) problems.push({ field: 'to', message: 'Select a team of your own agency, or another agency: a referral to your own agency as a whole would come back to you' });
  if (problems.length > 0 || 'problem' in asked || 'problem' in words || !isReferralPurpose(input.purpose) || !isReferralUrgency(input.urgency)) return { ok: false, problems };
  return { ok: true, referral: { purpose: input.purpose, urgency: input.urgency, asked: asked.value, referrerWords: words.value, to } };
}
