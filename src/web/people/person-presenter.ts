import { correctableKinds, personDetailLabels, entryKindLabels, ownWordsSources, type EntryContent, type PersonDetails, type RecordEntry } from '../../domain/people/person.ts';
import { formatNhsNumber } from '../../domain/people/nhs-number.ts';
import { recordCategories } from '../../domain/record/categories.ts';
import { roles, type Role } from '../../domain/organisation/roles.ts';
import type { PersonRecordView } from '../../app/people/view-person.ts';
import { formatDate, formatDateTime, isoDateTime } from '../core/dates.ts';
import { legalEntrySummary } from '../legal/legal-presenter.ts';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export function detailValue(key: keyof PersonDetails, value: PersonDetails[keyof PersonDetails]): string {
  if (value === null || value === undefined || value === '') return 'Not recorded';
  if (key === 'interpreterNeeded') return value ? 'Yes' : 'No';
  if (key === 'dateOfBirth') return formatDate(value as string);
  if (key === 'nhsNumber') return formatNhsNumber(value as string);
  return String(value);
}

export function roleLabel(role: string): string {
  return (roles as Record<string, string>)[role] ?? (role === 'system' ? 'Accord' : role);
}

// Lists the details an entry holds, in the form's order. A registration lists only what was recorded;
// an amendment lists every field it changed, including one it cleared.
function detailsList(details: Partial<PersonDetails>, onlyRecorded = false): string {
  const rows = (Object.keys(personDetailLabels) as (keyof PersonDetails)[])
    .filter((key) => key in details && !(onlyRecorded && (details[key] === null || details[key] === '')))
    .map((key) => `<li><span class="govuk-!-font-weight-bold">${escapeHtml(personDetailLabels[key])}:</span> ${escapeHtml(detailValue(key, details[key] as never))}</li>`)
    .join('');
  return `<ul class="govuk-list">${rows}</ul>`;
}

function contentHtml(content: EntryContent): string {
  switch (content.kind) {
    case 'person-registered':
      return detailsList(content.data, true);
    case 'details-amended':
      return `<p class="govuk-body">Changed to:</p>${detailsList(content.data)}`;
    case 'own-words-recorded':
      return `<blockquote class="accord-own-words govuk-body">${escapeHtml(content.data.words)}</blockquote><p class="govuk-body-s">${escapeHtml(ownWordsSources[content.data.source])}</p>`;
    case 'note-recorded':
      return content.data.text.split(/\n{2,}/).map((paragraph) => `<p class="govuk-body">${paragraph.split('\n').map(escapeHtml).join('<br>')}</p>`).join('');
    case 'correction': {
      const corrected = { kind: content.data.correctedKind, data: content.data.replacement } as EntryContent;
      return `<p class="govuk-body">Corrected to read:</p>${contentHtml(corrected)}`;
    }
    default:
      return `<p class="govuk-body">${escapeHtml(legalEntrySummary(content))}</p>`;
  }
}

export function authorLine(entry: RecordEntry): string {
  return `${entry.author.name}, ${roleLabel(entry.author.role)}, ${entry.author.agencyName}`;
}

export interface ChronologyOptions {
  personId: string;
  canCorrect: boolean;
}

// The person's chronology as MoJ timeline items, newest first. Every entry shows its author and agency;
// a corrected entry stays, marked with who corrected it, when and why.
export function chronologyItems(view: PersonRecordView, options: ChronologyOptions) {
  return view.chronology.map(({ entry, supersededBy, supersedes, sight }) => {
    const parts: string[] = [];
    if (sight === 'disclosed') {
      parts.push('<p class="govuk-body"><strong class="govuk-tag govuk-tag--purple">Disclosed to you</strong> Shared with your agency by a recorded disclosure; you see it only because of that.</p>');
    }
    if (supersedes) {
      parts.push(`<p class="govuk-body">Corrects the entry “${escapeHtml(entryKindLabels[supersedes.content.kind])}” of ${escapeHtml(formatDateTime(supersedes.recordedAt))}.</p>`);
    }
    if (entry.reason) parts.push(`<p class="govuk-body"><span class="govuk-!-font-weight-bold">Reason:</span> ${escapeHtml(entry.reason)}</p>`);
    if (supersededBy) {
      parts.push(
        `<p class="govuk-body"><strong class="govuk-tag govuk-tag--grey">Corrected</strong> This entry was corrected on ${escapeHtml(formatDateTime(supersededBy.recordedAt))} by ${escapeHtml(authorLine(supersededBy))}. It is kept as it was first written:</p>`,
      );
    }
    parts.push(contentHtml(entry.content));
    const category = recordCategories[entry.category];
    parts.push(`<p class="govuk-body-s">Category: ${escapeHtml(category)}</p>`);
    if (options.canCorrect && (correctableKinds as readonly string[]).includes(entry.content.kind)) {
      parts.push(
        `<p class="govuk-body-s"><a class="govuk-link" href="/people/${options.personId}/entries/${entry.id}/correction">Correct this entry<span class="govuk-visually-hidden"> (${escapeHtml(entryKindLabels[entry.content.kind])}, ${escapeHtml(formatDateTime(entry.recordedAt))})</span></a></p>`,
      );
    }
    return {
      label: { text: entryKindLabels[entry.content.kind] },
      byline: { text: authorLine(entry) },
      datetime: { timestamp: isoDateTime(entry.recordedAt), format: 'datetime' },
      html: parts.join(''),
      attributes: { id: `entry-${entry.id}` },
    };
  });
}

export function detailRows(details: PersonDetails, changeHref: string | null) {
  return (Object.keys(personDetailLabels) as (keyof PersonDetails)[]).map((key) => ({
    key: { text: personDetailLabels[key] },
    value: { html: detailValue(key, details[key]).split('\n').map(escapeHtml).join('<br>') },
    actions: changeHref
      ? { items: [{ href: `${changeHref}#${key === 'dateOfBirth' ? 'dateOfBirth-day' : key === 'interpreterNeeded' ? 'interpreterNeeded' : key}`, text: 'Change', visuallyHiddenText: personDetailLabels[key].toLowerCase() }] }
      : undefined,
  }));
}

export type { Role };
