import type { Disclosure, DisclosureItem, DisclosureSummary } from '../../app/sharing/disclosures.ts';
import { todayInLondon } from '../../domain/london-time.ts';
import { entryKindLabels, type EntryContent, type RecordEntry } from '../../domain/people/person.ts';
import { recordCategories } from '../../domain/record/categories.ts';
import { approverLabel, disclosureLastDay, disclosureStatusLabels, type DisclosureStatus } from '../../domain/sharing/disclosure.ts';
import { basisRequirement, isLawfulBasis } from '../../domain/sharing/lawful-bases.ts';
import { formatDate, formatDateTime } from '../core/dates.ts';
import { legalEntrySummary } from '../legal/legal-presenter.ts';

// Plain view models for the disclosure pages: what each entry says in a line, how a disclosure's status
// reads, and the rows of its summary. The templates escape every value.

// What an entry says, in plain words.
export function entryText(content: EntryContent): string {
  switch (content.kind) {
    case 'note-recorded':
      return content.data.text;
    case 'own-words-recorded':
      return `In their words: “${content.data.words}”`;
    case 'person-registered':
    case 'details-amended':
      return 'Identifying details';
    case 'correction':
      return content.data.correctedKind === 'own-words-recorded' ? `Corrected to read: “${content.data.replacement.words}”` : 'Corrected identifying details';
    default:
      return legalEntrySummary(content);
  }
}

// The first words of an entry, for choosing it from a list.
export function entrySummary(content: EntryContent, length = 160): string {
  const text = entryText(content).replace(/\s+/g, ' ').trim();
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > length / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

export function entryHeading(entry: Pick<RecordEntry, 'content' | 'recordedAt' | 'category'> | DisclosureItem): string {
  const kind = 'content' in entry ? entry.content.kind : entry.kind;
  return `${entryKindLabels[kind]}, ${formatDateTime(entry.recordedAt)} (${recordCategories[entry.category].toLowerCase()})`;
}

// The last day a disclosure holds: it stops at the start of the next day in London.
export function lastDayOf(expiresAt: Temporal.Instant): string {
  return formatDate(disclosureLastDay(expiresAt));
}

const statusTagClasses: Record<DisclosureStatus, string> = {
  'awaiting-approval': 'govuk-tag--blue',
  approved: 'govuk-tag--green',
  refused: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
  expired: 'govuk-tag--grey',
};

export function statusTag(status: DisclosureStatus) {
  return { text: disclosureStatusLabels[status], classes: statusTagClasses[status] };
}

export function recipientLine(disclosure: Pick<Disclosure, 'recipientAgencyName' | 'recipientTeamName'>): string {
  return disclosure.recipientTeamName ? `${disclosure.recipientAgencyName}, ${disclosure.recipientTeamName}` : disclosure.recipientAgencyName;
}

export function itemsLine(disclosure: Pick<DisclosureSummary, 'items' | 'identity'>): string {
  const parts = disclosure.items.map((item) => `${entryKindLabels[item.kind]} of ${formatDate(todayInLondon(item.recordedAt))}`);
  if (disclosure.identity) parts.unshift('Identifying details');
  return parts.join('; ');
}

function justificationLabel(basis: string): string {
  if (!isLawfulBasis(basis)) return 'Justification';
  const requirement = basisRequirement[basis];
  if (requirement.field === 'risk') return 'The risk of serious harm to others';
  if (requirement.field === 'authority') return 'The duty, order or concern relied on';
  return 'Justification';
}

// The summary rows of one disclosure: its basis, purpose, parties, end, and who did what.
export function disclosureRows(disclosure: Disclosure) {
  const rows: { key: { text: string }; value: { text: string } }[] = [];
  const row = (key: string, value: string) => rows.push({ key: { text: key }, value: { text: value } });
  row('Status', statusSentence(disclosure));
  row('Lawful basis', disclosure.basisLabel);
  if (disclosure.justification) row(justificationLabel(disclosure.basis), disclosure.justification);
  if (disclosure.consentId) row('Consent', 'Rests on the consent the person gave, on record, covering the recipient and the items');
  row('Purpose', disclosure.purpose);
  row('From', disclosure.fromAgencyName);
  row('To', recipientLine(disclosure));
  row('Last day it holds', `${lastDayOf(disclosure.expiresAt)} (it stops at midnight, London time)`);
  row('Approved or refused by', `The ${approverLabel(disclosure.approverRole)} of ${disclosure.fromAgencyName}`);
  row('Proposed', `${formatDateTime(disclosure.proposedAt)} by ${disclosure.proposedByLabel}`);
  if (disclosure.decision && disclosure.decidedAt) {
    row(disclosure.decision === 'approved' ? 'Approved' : 'Refused', `${formatDateTime(disclosure.decidedAt)} by ${disclosure.decidedByLabel ?? ''}`);
    if (disclosure.decisionNote) row('Reasons for the decision', disclosure.decisionNote);
  }
  if (disclosure.withdrawnAt) {
    row('Withdrawn', `${formatDateTime(disclosure.withdrawnAt)} by ${disclosure.withdrawnByLabel ?? ''}`);
    if (disclosure.withdrawalNote) row('Why it was withdrawn', disclosure.withdrawalNote);
  }
  return rows;
}

export function statusSentence(disclosure: Pick<Disclosure, 'status' | 'expiresAt' | 'approverRole' | 'decision'>): string {
  switch (disclosure.status) {
    case 'awaiting-approval':
      return `Awaiting approval by the ${approverLabel(disclosure.approverRole)}. Nothing is shared until it is approved.`;
    case 'approved':
      return `Approved: in effect until the end of ${lastDayOf(disclosure.expiresAt)}.`;
    case 'refused':
      return 'Refused: nothing was shared.';
    case 'withdrawn':
      return 'Withdrawn: nothing is shared by it any longer.';
    case 'expired':
      return disclosure.decision === 'approved'
        ? `Expired at the end of ${lastDayOf(disclosure.expiresAt)}: nothing is shared by it any longer.`
        : `Expired at the end of ${lastDayOf(disclosure.expiresAt)} before anyone approved it: nothing was shared.`;
  }
}
