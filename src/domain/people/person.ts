import type { RecordCategory } from '../record/categories.ts';
import type {
  CertificateData,
  CtoConditionsData,
  LegalEventWithdrawnData,
  DocumentOutcomeData,
  DocumentReceivedData,
  LeaveData,
  LegalEventData,
  NearestRelativeOrderData,
  RelativeRecordedData,
  RightsInformationData,
  TransferData,
  TribunalReferenceData,
} from '../legal/legal-entries.ts';

// A person's identifying and practical details as they stand now.
export interface PersonDetails {
  givenNames: string;
  familyName: string;
  preferredName: string | null;
  otherNames: string | null;
  dateOfBirth: string | null;
  nhsNumber: string | null;
  pncId: string | null;
  probationReference: string | null;
  address: string | null;
  preferredLanguage: string | null;
  interpreterNeeded: boolean;
  communicationNeeds: string | null;
}

export const personDetailLabels: Record<keyof PersonDetails, string> = {
  givenNames: 'Given names',
  familyName: 'Family name',
  preferredName: 'Preferred name',
  otherNames: 'Other names used',
  dateOfBirth: 'Date of birth',
  nhsNumber: 'NHS number',
  pncId: 'Police National Computer ID',
  probationReference: 'Probation case reference',
  address: 'Address',
  preferredLanguage: 'Preferred language',
  interpreterNeeded: 'Needs an interpreter',
  communicationNeeds: 'Communication and access needs',
};

export const ownWordsSources = {
  'said-to-staff': 'Said to a member of staff, written down in their words',
  'written-by-person': 'Written by the person',
  'through-advocate': 'Given through an advocate',
} as const;
export type OwnWordsSource = keyof typeof ownWordsSources;

// A note written into the record by a member of staff, under the category that decides who sees it: a
// clinical note, a risk assessment summary, offending history, a safeguarding concern, especially
// sensitive health information, or information about a victim.
export const noteCategories = ['clinical', 'risk-to-others', 'risk-to-self', 'offending', 'safeguarding', 'sensitive-health', 'victim-information'] as const;
export type NoteCategory = (typeof noteCategories)[number];

export interface NoteData {
  category: NoteCategory;
  text: string;
}

export interface OwnWords {
  words: string;
  source: OwnWordsSource;
}

// The kinds of entry in a person's record and what each carries. A correction replaces what an earlier
// entry said; the earlier entry stays in the record, marked as superseded.
export type EntryContent =
  | { kind: 'person-registered'; data: PersonDetails }
  | { kind: 'details-amended'; data: Partial<PersonDetails> }
  | { kind: 'own-words-recorded'; data: OwnWords }
  | { kind: 'note-recorded'; data: NoteData }
  | { kind: 'correction'; data: EntryCorrection }
  | LegalEntryContent;

// Entries about the person's position under the Mental Health Act (../legal/legal-entries.ts).
export type LegalEntryContent =
  | { kind: 'legal-event-recorded'; data: LegalEventData }
  | { kind: 'statutory-document-received'; data: DocumentReceivedData }
  | { kind: 'document-outcome-recorded'; data: DocumentOutcomeData }
  | { kind: 'relative-recorded'; data: RelativeRecordedData }
  | { kind: 'nearest-relative-order-recorded'; data: NearestRelativeOrderData }
  | { kind: 'rights-information-given'; data: RightsInformationData }
  | { kind: 'certificate-recorded'; data: CertificateData }
  | { kind: 'leave-granted'; data: LeaveData }
  | { kind: 'hospital-transfer'; data: TransferData }
  | { kind: 'cto-conditions-recorded'; data: CtoConditionsData }
  | { kind: 'tribunal-reference-made'; data: TribunalReferenceData }
  | { kind: 'legal-event-withdrawn'; data: LegalEventWithdrawnData };

export type EntryCorrection =
  | { correctedKind: 'person-registered'; replacement: PersonDetails }
  | { correctedKind: 'details-amended'; replacement: Partial<PersonDetails> }
  | { correctedKind: 'own-words-recorded'; replacement: OwnWords };

export type EntryKind = EntryContent['kind'];

export const entryKindLabels: Record<EntryKind, string> = {
  'person-registered': 'Person added',
  'details-amended': 'Details changed',
  'own-words-recorded': 'In their own words',
  'note-recorded': 'Note',
  correction: 'Correction',
  'legal-event-recorded': 'Legal status',
  'statutory-document-received': 'Statutory document received',
  'document-outcome-recorded': 'Statutory document scrutinised',
  'relative-recorded': 'Relative recorded',
  'nearest-relative-order-recorded': 'Nearest relative order or delegation',
  'rights-information-given': 'Rights information given',
  'certificate-recorded': 'Consent to treatment certificate',
  'leave-granted': 'Section 17 leave granted',
  'hospital-transfer': 'Transferred between hospitals',
  'cto-conditions-recorded': 'Community treatment order conditions',
  'tribunal-reference-made': 'Reference to the tribunal made',
  'legal-event-withdrawn': 'Legal event withdrawn as entered in error',
};

// The kinds a correction may replace with new content. Legal entries are not rewritten this way: a legal
// event entered in error is withdrawn (kept, marked, no longer read by the law engine) and what actually
// happened is recorded as a new event.
export const correctableKinds = ['person-registered', 'details-amended', 'own-words-recorded'] as const;

// The category of each kind of entry; a note carries its own (see entryCategory).
export const entryKindCategory: Record<EntryKind, RecordCategory> = {
  'person-registered': 'identity',
  'details-amended': 'identity',
  'own-words-recorded': 'identity',
  'note-recorded': 'clinical',
  correction: 'identity',
  'legal-event-recorded': 'legal-status',
  'statutory-document-received': 'legal-status',
  'document-outcome-recorded': 'legal-status',
  'relative-recorded': 'legal-status',
  'nearest-relative-order-recorded': 'legal-status',
  'rights-information-given': 'legal-status',
  'certificate-recorded': 'legal-status',
  'leave-granted': 'legal-status',
  'hospital-transfer': 'legal-status',
  'cto-conditions-recorded': 'legal-status',
  'tribunal-reference-made': 'legal-status',
  'legal-event-withdrawn': 'legal-status',
};

export function entryCategory(content: EntryContent): RecordCategory {
  return content.kind === 'note-recorded' ? content.data.category : entryKindCategory[content.kind];
}

export interface RecordEntry {
  id: string;
  sequence: number;
  content: EntryContent;
  category: RecordCategory;
  supersedes: string | null;
  reason: string | null;
  recordedAt: Temporal.Instant;
  author: { userId: string | null; name: string; role: string; agencyId: string | null; agencyName: string };
}

export interface PersonState {
  details: PersonDetails;
  ownWords: (OwnWords & { entryId: string; recordedAt: Temporal.Instant; recordedBy: string }) | null;
  version: number;
}

// Which entry, if any, supersedes each entry: the latest correction aimed at it.
export function supersessions(entries: readonly RecordEntry[]): Map<string, RecordEntry> {
  const latest = new Map<string, RecordEntry>();
  for (const entry of [...entries].sort((a, b) => a.sequence - b.sequence)) {
    if (entry.supersedes !== null) latest.set(entry.supersedes, entry);
  }
  return latest;
}

// Current state is a fold over the entries in order. A corrected entry counts with its correction's
// content, at the corrected entry's own place in the order, so a later change is not undone by a
// correction of something earlier.
export function derivePersonState(entries: readonly RecordEntry[]): PersonState {
  const ordered = [...entries].sort((a, b) => a.sequence - b.sequence);
  const supersededBy = supersessions(ordered);
  let details: PersonDetails | null = null;
  let ownWords: PersonState['ownWords'] = null;
  for (const entry of ordered) {
    if (entry.content.kind === 'correction') continue;
    const correction = supersededBy.get(entry.id);
    const content: EntryContent =
      correction && correction.content.kind === 'correction'
        ? ({ kind: correction.content.data.correctedKind, data: correction.content.data.replacement } as EntryContent)
        : entry.content;
    switch (content.kind) {
      case 'person-registered':
        details = { ...content.data };
        break;
      case 'details-amended':
        if (details === null) throw new Error(`Entry ${entry.id} amends a person who was never registered`);
        details = Object.assign({}, details, content.data) as PersonDetails;
        break;
      case 'own-words-recorded':
        ownWords = {
          ...content.data,
          entryId: entry.id,
          recordedAt: (correction ?? entry).recordedAt,
          recordedBy: (correction ?? entry).author.name,
        };
        break;
      default:
        // Correction entries, and legal entries (read by ../legal/legal-record.ts).
        break;
    }
  }
  if (details === null) throw new Error('A person record must begin with the person being registered');
  return { details, ownWords, version: ordered.length };
}

export function displayName(details: Pick<PersonDetails, 'givenNames' | 'familyName' | 'preferredName'>): string {
  return `${details.givenNames} ${details.familyName}`.trim();
}

// The fields that differ between two sets of details: what an amendment needs to record.
export function changedDetails(before: PersonDetails, after: PersonDetails): Partial<PersonDetails> {
  const changes: Partial<PersonDetails> = {};
  for (const key of Object.keys(after) as (keyof PersonDetails)[]) {
    if (before[key] !== after[key]) (changes as Record<string, unknown>)[key] = after[key];
  }
  return changes;
}
