import type { accessReportJson, SubjectAccessExport } from '../../app/sharing/subject-access.ts';
import { formatNhsNumber } from '../../domain/people/nhs-number.ts';
import { ownWordsSources, personDetailLabels, type EntryContent, type LegalEntryContent, type PersonDetails } from '../../domain/people/person.ts';
import type { UseCounts } from '../../domain/sharing/transparency.ts';
import { formatDate, formatDateTime } from '../core/dates.ts';
import { legalEntrySummary } from '../legal/legal-presenter.ts';
import { detailRows, escapeHtml, roleLabel } from '../people/person-presenter.ts';

// The access report and the subject access export as pages: plain view models for the Nunjucks views,
// built from the same plain objects the JSON download holds. The access report is written to the person
// ("your record"); the subject access document is a readable copy of the export.

type ReportJson = ReturnType<typeof accessReportJson>;
type Cell = { text: string } | { html: string };

function times(count: number): string {
  return count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
}

// "looked at your record 3 times, changed it once and was refused once"
export function usesInWords(counts: UseCounts): string {
  const parts = [
    counts.looked > 0 ? `looked at your record ${times(counts.looked)}` : null,
    counts.changed > 0 ? `${counts.looked > 0 ? 'changed it' : 'changed your record'} ${times(counts.changed)}` : null,
    counts.listed > 0 ? `saw your name in a list ${times(counts.listed)}` : null,
    counts.refused > 0 ? `was refused access ${times(counts.refused)}` : null,
  ].filter((part): part is string => part !== null);
  if (parts.length === 0) return 'did not use your record';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function linesHtml(value: string): string {
  return value.split('\n').map(escapeHtml).join('<br>');
}

export function periodInWords(period: ReportJson['period']): string {
  if (period.from === null && period.to === null) return 'since it began';
  const from = period.from === null ? 'since it began' : `from ${formatDateTime(period.from)}`;
  const to = period.to === null ? 'to now' : `up to ${formatDateTime(period.to)}`;
  return `${from} ${to}`;
}

function involvementRows(involvements: ReportJson['involvements']): Cell[][] {
  return involvements.map((involvement) => [
    { text: [involvement.agency, involvement.team, involvement.member].filter(Boolean).join(', ') },
    { text: involvement.reason },
    { text: formatDateTime(involvement.startsAt) },
    {
      text: involvement.current
        ? involvement.endsAt === null
          ? 'Still involved'
          : `Still involved, until ${formatDateTime(involvement.endsAt)}`
        : `Ended ${formatDateTime(involvement.endsAt)}${involvement.endReason ? `: ${involvement.endReason}` : ''}`,
    },
    { text: involvement.recordedBy },
  ]);
}

function agencyModels(agencies: ReportJson['agencies']) {
  return agencies.map((agency) => ({
    agency: agency.agency,
    summary: `People at ${agency.agency} ${usesInWords(agency.counts)}.`,
    staff: agency.staff.map((member) => ({
      heading: member.role ? `${member.who}, ${roleLabel(member.role)}` : member.who,
      summary: `${usesInWords(member.counts).replace(/^./, (first) => first.toUpperCase())}, ${
        member.first === member.last ? `on ${formatDateTime(member.first)}` : `between ${formatDateTime(member.first)} and ${formatDateTime(member.last)}`
      }.`,
      rows: member.uses.map((use): Cell[] => [{ text: formatDateTime(use.at) }, { text: use.happened }, { text: use.what }, { text: use.purpose }]),
    })),
  }));
}

function disclosureModels(disclosures: ReportJson['disclosures']) {
  return disclosures.map((disclosure) => {
    const recipient = disclosure.recipientTeam ? `${disclosure.recipientAgency} (${disclosure.recipientTeam})` : disclosure.recipientAgency;
    const items = [
      ...(disclosure.identity ? ['Your identifying details (date of birth, identifiers, address)'] : []),
      ...disclosure.items.map((item) => `${item.kindLabel} (${item.categoryLabel.toLowerCase()}), written ${formatDateTime(item.recordedAt)}`),
    ];
    const basis = [disclosure.basisLabel, disclosure.justification, disclosure.consentRecordedAt ? `Your consent recorded on ${formatDateTime(disclosure.consentRecordedAt)}` : null].filter(Boolean) as string[];
    const decision =
      disclosure.decision === null
        ? `Waiting for a decision by the ${roleLabel(disclosure.approverRole).toLowerCase()}`
        : `${disclosure.decision === 'approved' ? 'Approved' : 'Not approved'} by ${disclosure.decidedBy ?? 'unknown'} on ${formatDateTime(disclosure.decidedAt)}${disclosure.decisionNote ? `: ${disclosure.decisionNote}` : ''}`;
    const rows = [
      { key: { text: 'Status' }, value: { text: disclosure.statusLabel } },
      { key: { text: 'Shared with' }, value: { text: recipient } },
      { key: { text: 'Shared by' }, value: { text: `${disclosure.fromAgency}, proposed by ${disclosure.proposedBy} on ${formatDateTime(disclosure.proposedAt)}` } },
      { key: { text: 'Why' }, value: { text: disclosure.purpose } },
      { key: { text: 'Lawful basis' }, value: { html: basis.map(linesHtml).join('<br>') } },
      { key: { text: 'What was shared' }, value: { html: `<ul class="govuk-list govuk-list--bullet">${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` } },
      { key: { text: 'Approval' }, value: { text: decision } },
      { key: { text: 'Until' }, value: { text: formatDateTime(disclosure.expiresAt) } },
      ...(disclosure.withdrawnAt
        ? [{ key: { text: 'Withdrawn' }, value: { text: `${formatDateTime(disclosure.withdrawnAt)} by ${disclosure.withdrawnBy ?? 'unknown'}${disclosure.withdrawalNote ? `: ${disclosure.withdrawalNote}` : ''}` } }]
        : []),
    ];
    return { heading: `To ${recipient}, proposed ${formatDateTime(disclosure.proposedAt)}`, rows };
  });
}

function emergencyAccessModels(accesses: ReportJson['emergencyAccess']) {
  return accesses.map((access) => ({
    heading: `${access.who}, ${roleLabel(access.role)}, ${access.agency}`,
    rows: [
      { key: { text: 'When' }, value: { text: `From ${formatDateTime(access.startsAt)} to ${formatDateTime(access.endsAt)}${access.current ? ' (still running)' : ''}` } },
      { key: { text: 'Reason they gave' }, value: { html: linesHtml(access.reason) } },
      {
        key: { text: 'Review' },
        value: {
          text:
            access.reviewedAt === null
              ? 'Not yet reviewed'
              : `${access.reviewOutcomeLabel ?? 'Reviewed'}: reviewed by ${access.reviewedBy ?? 'unknown'} on ${formatDateTime(access.reviewedAt)}${access.reviewNote ? `. ${access.reviewNote}` : ''}`,
        },
      },
    ],
  }));
}

// The parts both pages show: who is involved, who used the record, what was disclosed, emergency access.
export function reportSections(report: Pick<ReportJson, 'involvements' | 'agencies' | 'disclosures' | 'emergencyAccess' | 'totals'>) {
  return {
    totalsInWords: usesInWords(report.totals),
    involvementRows: involvementRows(report.involvements),
    agencies: agencyModels(report.agencies),
    disclosures: disclosureModels(report.disclosures),
    emergencyAccess: emergencyAccessModels(report.emergencyAccess),
  };
}

export function accessReportModel(report: ReportJson) {
  return {
    personName: report.personName,
    generatedAt: formatDateTime(report.generatedAt),
    periodInWords: periodInWords(report.period),
    ...reportSections(report),
  };
}

// A field name in an entry's data ('dateOfBirth', 'values.applicantName') in words.
function fieldLabel(path: string): string {
  const last = path.split('.').at(-1) ?? path;
  if (Object.hasOwn(personDetailLabels, last)) return path.replace(last, personDetailLabels[last as keyof PersonDetails]);
  return path
    .split('.')
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase())
    .join(' › ')
    .replace(/^./, (first) => first.toUpperCase());
}

function fieldValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'Not recorded';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    try {
      return formatDateTime(value);
    } catch {
      return value;
    }
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  return String(value);
}

// Every field an entry holds, nested fields named by their path, so nothing is left out of the document.
export function dataFields(data: unknown, prefix = ''): { label: string; value: string }[] {
  if (data === null || typeof data !== 'object') {
    if (prefix === '') return [];
    const value = prefix.endsWith('nhsNumber') && typeof data === 'string' && data.length === 10 ? formatNhsNumber(data) : fieldValue(data);
    return [{ label: fieldLabel(prefix), value }];
  }
  // A person's details in the order of the form, whatever order the stored data has them in.
  const detailOrder = Object.keys(personDetailLabels);
  const rank = (key: string) => (detailOrder.includes(key) ? detailOrder.indexOf(key) : detailOrder.length);
  const entries = Array.isArray(data)
    ? data.map((item, index) => [String(index + 1), item] as const)
    : Object.entries(data as Record<string, unknown>).sort(([a], [b]) => rank(a) - rank(b));
  if (entries.length === 0) return prefix === '' ? [] : [{ label: fieldLabel(prefix), value: 'None' }];
  // Accord's own references between records (an agency's or a document's id) mean nothing to a reader;
  // the JSON export keeps them.
  const shown = entries.filter(([key]) => !/^id$|Id$/.test(key));
  return shown.flatMap(([key, value]) => dataFields(value, prefix === '' ? key : `${prefix}.${key}`));
}

function fieldsHtml(data: unknown): string {
  const fields = dataFields(data);
  if (fields.length === 0) return '';
  return `<ul class="govuk-list govuk-body-s">${fields.map((field) => `<li><span class="govuk-!-font-weight-bold">${escapeHtml(field.label)}:</span> ${linesHtml(field.value)}</li>`).join('')}</ul>`;
}

type ExportEntry = SubjectAccessExport['entries'][number];

function entryHtml(entry: ExportEntry): string {
  const content = { kind: entry.kind, data: entry.data } as EntryContent;
  const parts: string[] = [];
  switch (content.kind) {
    case 'note-recorded':
      parts.push(`<p class="govuk-body">${linesHtml(content.data.text)}</p>`);
      break;
    case 'own-words-recorded':
      parts.push(`<p class="govuk-body">“${linesHtml(content.data.words)}”</p><p class="govuk-body-s">${escapeHtml(ownWordsSources[content.data.source] ?? content.data.source)}</p>`);
      break;
    case 'person-registered':
    case 'details-amended':
    case 'correction':
      parts.push(fieldsHtml(content.data));
      break;
    default:
      parts.push(`<p class="govuk-body">${escapeHtml(legalEntrySummary(content as LegalEntryContent))}</p>`, fieldsHtml(content.data));
  }
  if (entry.reason) parts.push(`<p class="govuk-body-s"><span class="govuk-!-font-weight-bold">Reason:</span> ${linesHtml(entry.reason)}</p>`);
  if (entry.supersedes) parts.push(`<p class="govuk-body-s">Corrects entry ${escapeHtml(entry.supersedes)}.</p>`);
  if (entry.supersededBy) parts.push(`<p class="govuk-body-s"><strong>Corrected</strong> by entry ${escapeHtml(entry.supersededBy)}; kept as first written.</p>`);
  return parts.join('');
}

function detailsOf(details: PersonDetails) {
  return detailRows(details, null).map((row) =>
    row.key.text === personDetailLabels.nhsNumber && details.nhsNumber ? { ...row, value: { html: escapeHtml(formatNhsNumber(details.nhsNumber)) } } : row,
  );
}

export function subjectAccessModel(document: SubjectAccessExport) {
  const legal = document.legal;
  return {
    personName: document.person.name,
    generatedAt: formatDateTime(document.generatedAt),
    generatedBy: `${document.generatedBy.name}${document.generatedBy.role ? `, ${roleLabel(document.generatedBy.role)}` : ''}, ${document.generatedBy.agency}`,
    schema: document.schema,
    releaseChecks: document.releaseChecks,
    detailRows: detailsOf(document.person.details),
    ownWords: document.person.ownWords,
    entryRows: document.entries.map((entry): Cell[] => [
      { text: String(entry.sequence) },
      { text: formatDateTime(entry.recordedAt) },
      { html: entry.kindLabel === entry.categoryLabel ? escapeHtml(entry.kindLabel) : `${escapeHtml(entry.kindLabel)}<br><span class="govuk-body-s">${escapeHtml(entry.categoryLabel)}</span>` },
      { text: `${entry.author.name}, ${roleLabel(entry.author.role)}, ${entry.author.agency}` },
      { html: entryHtml(entry) },
    ]),
    legalStatusRows: legal
      ? [
          { key: { text: 'Status' }, value: { text: legal.status.status.provision } },
          { key: { text: 'Since' }, value: { text: legal.status.status.since ? formatDateTime(legal.status.status.since) : 'Not applicable' } },
          { key: { text: 'Liable to be detained' }, value: { text: legal.status.status.liableToBeDetained ? 'Yes' : 'No' } },
          { key: { text: 'Restricted (Part 3)' }, value: { text: legal.status.status.restricted ? 'Yes' : 'No' } },
          { key: { text: 'Absent without leave' }, value: { text: legal.status.status.awol ? 'Yes' : 'No' } },
          { key: { text: 'Worked out at' }, value: { text: formatDateTime(legal.status.asOf) } },
        ]
      : [],
    legalProblem: document.legalProblem,
    dueRows: (legal?.due ?? []).map((item): Cell[] => [{ text: item.title }, { text: item.provision }, { text: formatDateTime(item.due) }]),
    taskRows: document.tasks.map((task): Cell[] => [
      { text: task.title },
      { text: task.provision },
      { text: formatDateTime(task.due) },
      { text: task.closedAt ? `Closed ${formatDateTime(task.closedAt)}${task.closedReason ? `: ${task.closedReason}` : ''}` : task.escalatedAt ? `Open, escalated ${formatDateTime(task.escalatedAt)}` : 'Open' },
    ]),
    notificationRows: document.notifications.map((notification): Cell[] => [
      { text: formatDateTime(notification.createdAt) },
      { text: notification.subject },
      { html: linesHtml(notification.body) },
      { text: `${notification.channel}, ${notification.status}` },
    ]),
    documentRows: document.documents.map((item): Cell[] => [
      { text: `Form ${item.formCode}: ${item.formTitle}` },
      { text: formatDateTime(item.receivedAt) },
      { text: item.outcome ? `${item.outcome.outcome}: ${item.outcome.action}` : 'Not yet scrutinised' },
      { text: item.original ? item.original.filename : 'No original kept' },
    ]),
    originalRows: document.originals.map((original): Cell[] => [
      { text: original.filename },
      { text: `${original.mediaType}, ${original.size.toLocaleString('en-GB')} bytes` },
      { text: `${formatDateTime(original.uploadedAt)}${original.uploadedBy ? ` by ${original.uploadedBy}` : ''}` },
      { html: `<code class="govuk-!-text-break-word">${escapeHtml(original.sha256)}</code>` },
    ]),
    consentRows: document.consents.map((consent): Cell[] => [
      { text: `${consent.decision === 'agreed' ? 'Agreed' : consent.decision === 'refused' ? 'Refused' : consent.decision}: ${consent.purpose}` },
      { text: `${consent.agencies.join(', ')}; ${consent.categories.join(', ').toLowerCase()}` },
      { text: `${consent.howGiven}; capacity: ${consent.capacity}${consent.bestInterests ? `; best interests: ${consent.bestInterests}` : ''}` },
      { text: `Recorded ${formatDateTime(consent.recordedAt)} by ${consent.recordedBy} (${consent.recordedByAgency})` },
      {
        text: consent.withdrawnAt
          ? `Withdrawn ${formatDateTime(consent.withdrawnAt)}${consent.withdrawnBy ? ` by ${consent.withdrawnBy}` : ''}${consent.withdrawalNote ? `: ${consent.withdrawalNote}` : ''}`
          : consent.validUntil
            ? `Until ${formatDateTime(consent.validUntil)}`
            : 'Until withdrawn',
      },
    ]),
    ...reportSections({
      involvements: document.involvements,
      agencies: document.accessReport.agencies,
      disclosures: document.disclosures,
      emergencyAccess: document.emergencyAccess,
      totals: document.accessReport.totals,
    }),
  };
}
