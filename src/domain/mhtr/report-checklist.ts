import type { RecordCategory } from '../record/categories.ts';
import type { Assessment } from './assessment.ts';
import { ProblemList, type Checked } from './input-checks.ts';

// The process checklist the guidance recommends for a pre-sentence report proposing the requirement
// (Mental Health Treatment Requirements: guidance on supporting integrated delivery, "Clerks of the Court
// and Sentencers"): consent to assessment and treatment; presenting issues; screening-tool information; a
// treatment plan naming the provider; appropriate treatment identified and available; the assessor and the
// clinical sign-off.
//
// Several hands complete it: the clinician the presenting issues, screening results, plan and sign-off
// (clinical information); probation that treatment is available (the arrangements the court must be
// satisfied of); the consent comes from the private consent record and the assessor from the assessment.
// Each item says its category and whether it is private: a private item is never put before open court,
// since publicly acknowledging a mental health condition can deter a person from agreeing to the
// requirement (guidance, "Consent").

export const reportChecklistItems = {
  consent: { label: 'The defendant’s consent to assessment and treatment', category: 'clinical', private: true },
  presentingIssues: { label: 'Presenting issues or symptoms', category: 'clinical', private: true },
  screeningResults: { label: 'Screening-tool results', category: 'clinical', private: true },
  treatmentPlan: { label: 'A treatment plan naming the treatment provider', category: 'clinical', private: true },
  treatmentAvailable: { label: 'Treatment identified and confirmed available', category: 'offending', private: false },
  assessor: { label: 'The mental health assessor', category: 'clinical', private: false },
  clinicalSignOff: { label: 'Clinical sign-off', category: 'clinical', private: false },
} as const satisfies Record<string, { label: string; category: RecordCategory; private: boolean }>;

export type ReportChecklistItem = keyof typeof reportChecklistItems;

// The items a member of staff completes on the checklist itself (consent and the assessor have their own
// records).
export type ChecklistEntryItem = Exclude<ReportChecklistItem, 'consent' | 'assessor'>;

// What one save of the checklist gives: only the items filled in this time (undefined: left as it was).
export interface ReportChecklistInput {
  presentingIssues?: string;
  screeningResults?: string;
  treatmentPlan?: { plan: string; provider: string };
  treatmentAvailable?: { confirmedBy: string; availableFrom: Temporal.PlainDate | null };
  clinicalSignOff?: { by: string; authority: string };
}

export interface ReportChecklistEntries {
  presentingIssues?: string;
  screeningResults?: string;
  // The plan is private; the provider it names is not (the order must specify the place or practitioner).
  treatmentPlan?: { plan: string; provider: string };
  treatmentAvailable?: { confirmedBy: string; availableFrom: Temporal.PlainDate };
  clinicalSignOff?: { by: string; authority: string };
}

export function checkReportChecklist(input: ReportChecklistInput): Checked<ReportChecklistEntries> {
  const problems = new ProblemList();
  const entries: ReportChecklistEntries = {};
  if (input.presentingIssues !== undefined) entries.presentingIssues = problems.text('presentingIssues', input.presentingIssues, 'the presenting issues or symptoms', 4000);
  if (input.screeningResults !== undefined) entries.screeningResults = problems.text('screeningResults', input.screeningResults, 'the screening tool used and its results', 4000);
  if (input.treatmentPlan !== undefined) {
    entries.treatmentPlan = {
      plan: problems.text('treatmentPlan', input.treatmentPlan.plan, 'the treatment plan', 4000),
      provider: problems.text('treatmentProvider', input.treatmentPlan.provider, 'the treatment provider the plan names', 200),
    };
  }
  if (input.treatmentAvailable !== undefined) {
    const confirmedBy = problems.text('treatmentConfirmedBy', input.treatmentAvailable.confirmedBy, 'who confirmed the treatment is available', 200);
    const availableFrom = problems.day('treatmentAvailableFrom', input.treatmentAvailable.availableFrom, 'the date treatment is available from');
    if (availableFrom) entries.treatmentAvailable = { confirmedBy, availableFrom };
  }
  if (input.clinicalSignOff !== undefined) {
    entries.clinicalSignOff = {
      by: problems.text('clinicalSignOffBy', input.clinicalSignOff.by, 'who gave the clinical sign-off', 200),
      authority: problems.text('clinicalSignOffAuthority', input.clinicalSignOff.authority, 'their role or clinical authority', 200),
    };
  }
  if (Object.keys(entries).length === 0 && problems.problems.length === 0) problems.add('presentingIssues', 'Complete at least one item of the checklist');
  return problems.result(() => entries);
}

// The categories a save touches: the member of staff needs to be allowed each.
export function checklistCategories(entries: ReportChecklistEntries): RecordCategory[] {
  const keys = Object.keys(entries) as ChecklistEntryItem[];
  return [...new Set(keys.map((key) => reportChecklistItems[key].category))];
}

// What the checklist needs besides its own entries.
export interface ChecklistContext {
  entries: ReportChecklistEntries;
  assessment: Assessment | null;
  consentToAssessmentAndTreatment: boolean;
}

export interface MissingItem {
  item: ReportChecklistItem;
  message: string;
}

// Everything still missing from the report, in the checklist's order, each with what to do about it.
export function missingFromReport(checklist: ChecklistContext): MissingItem[] {
  const missing: MissingItem[] = [];
  if (!checklist.consentToAssessmentAndTreatment) missing.push({ item: 'consent', message: 'Record the defendant’s consent to both assessment and treatment, agreed in private' });
  if (!checklist.entries.presentingIssues) missing.push({ item: 'presentingIssues', message: 'Add the presenting issues or symptoms' });
  if (!checklist.entries.screeningResults) missing.push({ item: 'screeningResults', message: 'Add the screening tool used and its results' });
  if (!checklist.entries.treatmentPlan) missing.push({ item: 'treatmentPlan', message: 'Add a treatment plan naming the treatment provider' });
  if (!checklist.entries.treatmentAvailable) missing.push({ item: 'treatmentAvailable', message: 'Confirm that the treatment is available, and from when' });
  if (!checklist.assessment) missing.push({ item: 'assessor', message: 'Record the mental health assessment and who made it' });
  else if (checklist.assessment.courtAcceptance === 'not-accepted') missing.push({ item: 'assessor', message: 'The court did not accept the assessor: record an assessment by a practitioner the court accepts' });
  if (!checklist.entries.clinicalSignOff) missing.push({ item: 'clinicalSignOff', message: 'Add the clinical sign-off' });
  return missing;
}

// Entries from later saves replace those of earlier ones, item by item.
export function mergeChecklist(saves: readonly ReportChecklistEntries[]): ReportChecklistEntries {
  return saves.reduce<ReportChecklistEntries>((merged, save) => ({ ...merged, ...save }), {});
}

// The defendant's consent, agreed in private before the hearing between them, the probation practitioner
// and the health professional, so that the court can ratify it without the details being disclosed in
// open court (guidance, "Consent"). Clinical, and private.

export const consentWays = {
  'in-writing': 'In writing, signed by the defendant',
  verbally: 'Verbally, and written down by staff',
} as const;

export interface PrivateConsentInput {
  agreedOn: Temporal.PlainDate | null;
  toAssessment: boolean;
  toTreatment: boolean;
  howGiven: string;
  // Who was there: for example the probation practitioner and the health professional.
  whoWasPresent: string;
  notes: string;
}

export interface PrivateConsent {
  agreedOn: Temporal.PlainDate;
  toAssessment: boolean;
  toTreatment: boolean;
  howGiven: keyof typeof consentWays;
  whoWasPresent: string;
  notes: string | null;
}

export function checkPrivateConsent(input: PrivateConsentInput, today: Temporal.PlainDate): Checked<PrivateConsent> {
  const problems = new ProblemList();
  const agreedOn = problems.pastDay('agreedOn', input.agreedOn, 'the date the defendant agreed', today);
  if (!input.toAssessment && !input.toTreatment) problems.add('toAssessment', 'Select what the defendant agreed to: assessment, treatment or both');
  const howGiven = problems.choice('howGiven', input.howGiven, consentWays, 'how the defendant gave their consent');
  const whoWasPresent = problems.text('whoWasPresent', input.whoWasPresent, 'who was present when the defendant agreed', 500);
  const notes = problems.optionalText('notes', input.notes, 'notes', 2000);
  return problems.result(() => ({ agreedOn: agreedOn!, toAssessment: input.toAssessment, toTreatment: input.toTreatment, howGiven: howGiven!, whoWasPresent, notes }));
}
