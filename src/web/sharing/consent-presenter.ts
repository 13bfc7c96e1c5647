import type { ConsentRecord } from '../../app/sharing/consent.ts';
import { recordCategories } from '../../domain/record/categories.ts';
import { capacityStates, consentDecisions, consentLastDay, consentWays, overriddenInPartBy } from '../../domain/sharing/consent.ts';
import { formatDate, formatDateTime } from '../core/dates.ts';

// The person's decisions about sharing as the consent page shows them: one summary card each, saying what
// was decided, with whom, for what, how, by whom it was recorded and whether it still holds.

function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function untilText(validUntil: Temporal.Instant | null): string {
  if (validUntil === null) return 'Until withdrawn';
  const lastDay = consentLastDay(validUntil);
  return lastDay === null ? `Until ${formatDateTime(validUntil)}` : `To the end of ${formatDate(lastDay)}`;
}

function statusText(consent: ConsentRecord, overriddenBy: readonly ConsentRecord[]): string {
  if (consent.current) {
    if (overriddenBy.length > 0) return `Current, except where a later refusal (recorded ${formatDateTime(overriddenBy[0]!.recordedAt)}) covers the same agency and information`;
    return 'Current';
  }
  if (consent.endedAt === null) return 'Not yet in force';
  if (consent.withdrawnAt !== null && Temporal.Instant.compare(consent.withdrawnAt, consent.endedAt) === 0) {
    return `Withdrawn ${formatDateTime(consent.withdrawnAt)} by ${consent.withdrawnBy ?? 'unknown'}: ${consent.withdrawalNote ?? ''}`;
  }
  const lastDay = consentLastDay(consent.endedAt);
  return lastDay === null ? `Ended ${formatDateTime(consent.endedAt)}, the end of the period it was given for` : `Ended: it held to the end of ${formatDate(lastDay)}, the period it was given for`;
}

export interface ConsentCard {
  id: string;
  title: string;
  current: boolean;
  withdrawHref: string | null;
  withdrawHiddenText: string;
  rows: { key: { text: string }; value: { text: string } }[];
}

export function consentCards(consents: readonly ConsentRecord[], options: { personId: string; canWrite: boolean; now: Temporal.Instant }): ConsentCard[] {
  return consents.map((consent) => {
    const overriddenBy = overriddenInPartBy(consents, consent, options.now).map((refusal) => consents.find((item) => item.id === refusal.id)!);
    const decision = consentDecisions[consent.decision] ?? consent.decision;
    const rows = [
      { key: { text: 'Status' }, value: { text: statusText(consent, overriddenBy) } },
      { key: { text: 'Agencies' }, value: { text: listNames(consent.agencies.map((agency) => agency.name)) } },
      { key: { text: 'Information' }, value: { text: listNames(consent.categories.map((category) => recordCategories[category])) } },
      { key: { text: 'Purpose' }, value: { text: consent.purpose } },
      { key: { text: 'How it was given' }, value: { text: consentWays[consent.howGiven] ?? consent.howGiven } },
      { key: { text: 'Capacity for this decision' }, value: { text: capacityStates[consent.capacity] ?? consent.capacity } },
      ...(consent.bestInterests === null ? [] : [{ key: { text: 'Best-interests decision' }, value: { text: consent.bestInterests } }]),
      { key: { text: 'Holds' }, value: { text: untilText(consent.validUntil) } },
      { key: { text: 'Recorded' }, value: { text: `${formatDateTime(consent.recordedAt)} by ${consent.recordedBy}, ${consent.recordedByAgency}` } },
    ];
    return {
      id: consent.id,
      title: `${decision}: ${listNames(consent.agencies.map((agency) => agency.name))}`,
      current: consent.current,
      withdrawHref: options.canWrite && consent.current ? `/people/${options.personId}/consent/${consent.id}/withdraw` : null,
      withdrawHiddenText: `the ${consent.decision === 'agreed' ? 'consent' : 'refusal'} recorded ${formatDateTime(consent.recordedAt)}`,
      rows,
    };
  });
}
