import type { ListedReferral } from '../../app/referrals/read-referrals.ts';
import { partyName, type Referral } from '../../app/referrals/referral-store.ts';
import { referralEnding, referralOutcomes, referralStatuses, timerLabels, type ReferralStatus, type RunningTimer } from '../../domain/referrals/referral.ts';
import { referralUrgencies } from '../../domain/referrals/urgencies.ts';
import { formatDateTime } from '../core/dates.ts';

// Plain view models for the referral pages, testable without HTTP. Every status and urgency is said in
// words; a colour only repeats it.

const statusClasses: Record<ReferralStatus, string> = {
  sent: 'govuk-tag--blue',
  acknowledged: 'govuk-tag--light-blue',
  accepted: 'govuk-tag--green',
  declined: 'govuk-tag--orange',
  closed: 'govuk-tag--grey',
  withdrawn: 'govuk-tag--grey',
};

export function statusTag(status: ReferralStatus): { text: string; classes: string } {
  return { text: referralStatuses[status], classes: statusClasses[status] };
}

export function urgencyTag(urgency: Referral['urgency']): { text: string; classes: string } {
  return { text: referralUrgencies[urgency].label, classes: urgency === 'emergency' ? 'govuk-tag--red' : urgency === 'urgent' ? 'govuk-tag--orange' : 'govuk-tag--grey' };
}

// "Overdue: acknowledge by 10 March 2026 at 4:00pm", or "Accept or decline by …"; empty with no timer.
export function timerText(timer: RunningTimer | null): string {
  if (timer === null) return '';
  const text = `${timerLabels[timer.timer]} by ${formatDateTime(timer.due)}`;
  return timer.overdue ? `Overdue: ${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
}

export function listRows(referrals: readonly ListedReferral[], side: 'inbox' | 'sent') {
  return referrals.map((referral) => {
    const ending = referralEnding(referral.state);
    return {
      href: `/referrals/${referral.id}`,
      personName: referral.personName,
      purpose: referral.purposeLabel,
      party: partyName(side === 'inbox' ? referral.from : referral.to),
      urgency: urgencyTag(referral.urgency),
      sentAt: formatDateTime(referral.referredAt),
      status: statusTag(referral.state.status),
      due: timerText(referral.timer),
      overdue: referral.timer?.overdue ?? false,
      escalated: referral.escalation !== null,
      outcome: ending ? `${ending.heading}: ${ending.words}` : '',
    };
  });
}

export function summaryRows(referral: Referral, timer: RunningTimer | null) {
  const rows = [
    { key: { text: 'For' }, value: { text: referral.purposeLabel } },
    { key: { text: 'Urgency' }, value: { text: referralUrgencies[referral.urgency].label } },
    { key: { text: 'From' }, value: { text: `${partyName(referral.from)}, by ${referral.referredByLabel}` } },
    { key: { text: 'To' }, value: { text: partyName(referral.to) } },
    { key: { text: 'Sent' }, value: { text: formatDateTime(referral.referredAt) } },
    { key: { text: 'Status' }, value: { text: referralStatuses[referral.state.status] } },
  ];
  if (timer) rows.push({ key: { text: 'Due' }, value: { text: timerText(timer) } });
  if (referral.escalation) {
    rows.push({
      key: { text: 'Escalated' },
      value: { text: `${formatDateTime(referral.escalation.at)}, ${referral.escalation.leadLabel ? `to ${referral.escalation.leadLabel}, the team’s lead` : 'with no lead named for the team'}` },
    });
  }
  return rows;
}

// What happened to the referral, oldest first, each step with who and when.
export function historyItems(referral: Referral): { when: string; text: string }[] {
  const { state } = referral;
  const items: { at: Temporal.Instant; text: string }[] = [{ at: referral.referredAt, text: `Sent by ${referral.referredByLabel}` }];
  if (state.acknowledged) items.push({ at: state.acknowledged.at, text: `Acknowledged by ${state.acknowledged.by}` });
  if (state.decision) {
    const reason = state.decision.reason ? `: ${state.decision.reason}` : '';
    items.push({ at: state.decision.at, text: `${state.decision.decision === 'accepted' ? 'Accepted' : 'Declined'} by ${state.decision.by}${reason}` });
  }
  if (referral.escalation) {
    items.push({ at: referral.escalation.at, text: `Escalated as overdue${referral.escalation.leadLabel ? ` to ${referral.escalation.leadLabel}` : ', with no lead named'}` });
  }
  if (state.closed) items.push({ at: state.closed.at, text: `Closed by ${state.closed.by}. Outcome: ${referralOutcomes[state.closed.outcome]}: ${state.closed.note}` });
  if (state.withdrawn) items.push({ at: state.withdrawn.at, text: `Withdrawn by ${state.withdrawn.by}: ${state.withdrawn.reason}` });
  return items.sort((a, b) => Temporal.Instant.compare(a.at, b.at)).map((item) => ({ when: formatDateTime(item.at), text: item.text }));
}
