import type { AppContext } from '../../app/context.ts';
import {
  allocateCase,
  completeRequirement,
  placeWithProvider,
  recordAssessment,
  recordBreachOutcome,
  recordClosingReview,
  recordComplianceDecision,
  recordCourtDecision,
  recordEngagement,
  recordLeavingPathway,
  recordOrder,
  recordPreSentenceReport,
  recordPrivateConsent,
  recordReportChecklist,
  startBreach,
} from '../../app/mhtr/pathway-steps.ts';
import { courtAcceptances, yesOrNo } from '../../domain/mhtr/assessment.ts';
import { conditionsProvision, courtOutcomes, orderKinds, otherRequirements, treatmentConditions, treatmentKinds } from '../../domain/mhtr/court.ts';
import type { MhtrStepKind } from '../../domain/mhtr/pathway.ts';
import { consentWays, type ReportChecklistInput } from '../../domain/mhtr/report-checklist.ts';
import {
  breachOutcomes,
  complianceDecisions,
  completionWays,
  engagementLevels,
  leavingReasons,
  practitionerGrades,
  riskLevels,
  type LeavingReason,
} from '../../domain/mhtr/supervision.ts';
import type { RecordCategory } from '../../domain/record/categories.ts';
import type { FormField, FormReading } from './form-reading.ts';

// One short definition per step a member of staff records on a case: its fields, and how the form's
// values become the application's input. The rules (what is required, what the law asks) are the
// domain's; the definitions only ask the questions and pass the answers on.

export interface FormOptions {
  practitioners: Readonly<Record<string, string>>;
  providers: Readonly<Record<string, string>>;
  // Missed appointments no decision has yet covered, by id.
  missedAppointments: Readonly<Record<string, string>>;
  // The categories of the person's record the member of staff may write.
  categories: ReadonlySet<RecordCategory>;
}

export interface StepForm {
  intro?: string;
  // Choices the form needs loaded.
  needs?: 'practitioners' | 'providers';
  fields(options: FormOptions): FormField[];
  record(app: AppContext, caseId: string, form: FormReading): Promise<unknown>;
}

const date = (name: string, label: string, hint = 'For example, 27 3 2026'): FormField => ({ name, kind: 'date', label, hint });
const line = (name: string, label: string, hint?: string): FormField => ({ name, kind: 'text', label, ...(hint ? { hint } : {}) });
const box = (name: string, label: string, hint?: string, optional = false): FormField => ({ name, kind: 'textarea', label, optional, ...(hint ? { hint } : {}) });
const radios = (name: string, label: string, choices: Readonly<Record<string, string>>, hint?: string): FormField => ({ name, kind: 'radios', label, choices, ...(hint ? { hint } : {}) });
const checkboxes = (name: string, label: string, choices: Readonly<Record<string, string>>, hint?: string): FormField => ({ name, kind: 'checkboxes', label, choices, ...(hint ? { hint } : {}) });

// Leaving reasons recorded through their own step (the court's decision, the outcome of breach) are not
// offered here; the domain refuses them anyway.
const leavingChoices = Object.fromEntries(
  (Object.keys(leavingReasons) as LeavingReason[]).filter((reason) => reason !== 'court-did-not-make-requirement' && reason !== 'order-revoked-on-breach').map((reason) => [reason, leavingReasons[reason]]),
);

const consentChoices = { assessment: 'Assessment', treatment: 'Treatment' };

export const screeningFields: FormField[] = [
  date('screenedOn', 'Date of the screening'),
  line('place', 'Where the screening took place', 'For example, the custody suite'),
  line('screeningTool', 'Screening tool used'),
  box('findings', 'What the screening found'),
  radios('suggestsRequirement', 'May a mental health treatment requirement suit the person?', yesOrNo),
];

export const stepForms: Partial<Record<MhtrStepKind, StepForm>> = {
  'pre-sentence-report': {
    intro: 'The court has asked probation for a pre-sentence report. Annex A of the guidance asks the report to cover the person’s eligibility, including registration with a GP.',
    fields: () => [
      date('requestedOn', 'Date the court asked for the report'),
      line('court', 'Court'),
      date('hearingOn', 'Date of the sentencing hearing'),
      line('author', 'Who is writing the report'),
      line('suggestedAssessor', 'Team or practitioner suggested to make the mental health assessment'),
      radios('registeredWithGeneralPractitioner', 'Is the person registered with a GP?', yesOrNo),
    ],
    record: (app, caseId, form) =>
      recordPreSentenceReport(app, caseId, {
        requestedOn: form.day('requestedOn'),
        court: form.text('court'),
        hearingOn: form.day('hearingOn'),
        author: form.text('author'),
        suggestedAssessor: form.text('suggestedAssessor'),
        registeredWithGeneralPractitioner: form.text('registeredWithGeneralPractitioner'),
      }),
  },
  assessment: {
    intro: 'The assessment is made by a suitably qualified practitioner whom the court accepts. Section 12 approval has not been required since the Legal Aid, Sentencing and Punishment of Offenders Act 2012.',
    fields: () => [
      date('assessedOn', 'Date of the assessment'),
      line('assessorName', 'Assessor’s name'),
      line('assessorQualification', 'Assessor’s qualification', 'In their own words, for example “Registered mental health nurse, community forensic team”'),
      line('assessorOrganisation', 'Assessor’s team or organisation'),
      box('findings', 'What the assessment found'),
      radios('recommendsRequirement', 'Does the assessor recommend a mental health treatment requirement?', yesOrNo),
      radios('courtAcceptance', 'Has the court accepted the assessor?', courtAcceptances),
    ],
    record: (app, caseId, form) =>
      recordAssessment(app, caseId, {
        assessedOn: form.day('assessedOn'),
        assessorName: form.text('assessorName'),
        assessorQualification: form.text('assessorQualification'),
        assessorOrganisation: form.text('assessorOrganisation'),
        findings: form.text('findings'),
        recommendsRequirement: form.text('recommendsRequirement'),
        courtAcceptance: form.text('courtAcceptance'),
      }),
  },
  'report-checklist': {
    intro: 'Fill in the items you can; items left blank keep what is already recorded. The clinical items are private and never go before open court. Consent and the assessor have their own records.',
    fields: ({ categories }) => [
      ...(categories.has('clinical')
        ? [
            box('presentingIssues', 'Presenting issues or symptoms', undefined, true),
            box('screeningResults', 'Screening tool used and its results', undefined, true),
            box('treatmentPlan', 'Treatment plan', undefined, true),
            line('treatmentProvider', 'Treatment provider the plan names', 'Needed with the plan'),
          ]
        : []),
      ...(categories.has('offending')
        ? [line('treatmentConfirmedBy', 'Who confirmed the treatment is available', 'Leave blank if not yet confirmed'), date('treatmentAvailableFrom', 'Date treatment is available from')]
        : []),
      ...(categories.has('clinical') ? [line('clinicalSignOffBy', 'Clinical sign-off given by', 'Leave blank if not yet signed off'), line('clinicalSignOffAuthority', 'Their role or clinical authority')] : []),
    ],
    record: (app, caseId, form) => {
      const input: ReportChecklistInput = {};
      if (form.given('presentingIssues')) input.presentingIssues = form.text('presentingIssues');
      if (form.given('screeningResults')) input.screeningResults = form.text('screeningResults');
      if (form.given('treatmentPlan', 'treatmentProvider')) input.treatmentPlan = { plan: form.text('treatmentPlan'), provider: form.text('treatmentProvider') };
      if (form.given('treatmentConfirmedBy', 'treatmentAvailableFrom')) input.treatmentAvailable = { confirmedBy: form.text('treatmentConfirmedBy'), availableFrom: form.day('treatmentAvailableFrom') };
      if (form.given('clinicalSignOffBy', 'clinicalSignOffAuthority')) input.clinicalSignOff = { by: form.text('clinicalSignOffBy'), authority: form.text('clinicalSignOffAuthority') };
      return recordReportChecklist(app, caseId, input);
    },
  },
  'private-consent': {
    intro: 'Consent is agreed in private before the hearing, between the person, the probation practitioner and the health professional, so that the court can ratify it without its details being said in open court. It is recorded as private and kept out of the court summary.',
    fields: () => [
      date('agreedOn', 'Date the person agreed'),
      { ...checkboxes('consentTo', 'What did the person agree to?', consentChoices, 'The court can make the requirement only with consent to both'), problemField: 'toAssessment' },
      radios('howGiven', 'How did the person give their consent?', consentWays),
      line('whoWasPresent', 'Who was present', 'For example, the probation practitioner and the mental health nurse'),
      box('notes', 'Notes', 'Private: never shown to the court', true),
    ],
    record: (app, caseId, form) =>
      recordPrivateConsent(app, caseId, {
        agreedOn: form.day('agreedOn'),
        toAssessment: form.list('consentTo').includes('assessment'),
        toTreatment: form.list('consentTo').includes('treatment'),
        howGiven: form.text('howGiven'),
        whoWasPresent: form.text('whoWasPresent'),
        notes: form.text('notes'),
      }),
  },
  'court-decision': {
    intro: `The court may make the requirement only if satisfied of the three conditions (${conditionsProvision}), each recorded as met, with the defendant’s consent on record.`,
    fields: () => [
      date('decidedOn', 'Date of the decision'),
      line('court', 'Court'),
      radios('outcome', 'What did the court decide?', courtOutcomes),
      checkboxes('conditionsMet', 'Conditions the court recorded as met', treatmentConditions, `${conditionsProvision}. All three are needed to make the requirement.`),
      radios('assessorAccepted', 'Did the court accept the mental health assessor?', courtAcceptances),
      box('reason', 'Why the court did not make the requirement', 'Needed only if it did not', true),
    ],
    record: (app, caseId, form) =>
      recordCourtDecision(app, caseId, {
        decidedOn: form.day('decidedOn'),
        court: form.text('court'),
        outcome: form.text('outcome'),
        conditionsMet: form.list('conditionsMet'),
        assessorAccepted: form.text('assessorAccepted'),
        reason: form.text('reason'),
      }),
  },
  order: {
    intro: 'The order specifies the kind of treatment and the place or practitioner (Sentencing Act 2020, Schedule 9, paragraph 16).',
    fields: () => [
      date('madeOn', 'Date the order was made'),
      radios('orderKind', 'Kind of order', orderKinds),
      date('requirementStartsOn', 'Date the requirement starts'),
      date('requirementEndsOn', 'Date the requirement ends'),
      radios('treatmentKind', 'Kind of treatment', Object.fromEntries(Object.entries(treatmentKinds).map(([key, kind]) => [key, kind.label]))),
      line('placeOrPractitioner', 'Place or practitioner the order names', 'The hospital or clinic for in-patient or institution-based treatment; the practitioner for practitioner-based treatment'),
      checkboxes('otherRequirements', 'Other requirements in the same order', otherRequirements, 'Select any that apply'),
    ],
    record: (app, caseId, form) =>
      recordOrder(app, caseId, {
        madeOn: form.day('madeOn'),
        orderKind: form.text('orderKind'),
        requirementStartsOn: form.day('requirementStartsOn'),
        requirementEndsOn: form.day('requirementEndsOn'),
        treatmentKind: form.text('treatmentKind'),
        placeOrPractitioner: form.text('placeOrPractitioner'),
        otherRequirements: form.list('otherRequirements'),
      }),
  },
  allocation: {
    intro: 'Allocate by assessed risk of serious harm: a high-risk case is held by a probation officer. The practitioner becomes involved with the person.',
    needs: 'practitioners',
    fields: ({ practitioners }) => [
      radios('riskLevel', 'Assessed risk of serious harm', riskLevels),
      { name: 'practitionerUserId', kind: 'select', label: 'Probation practitioner', choices: practitioners },
      radios('practitionerGrade', 'Practitioner’s grade', practitionerGrades),
    ],
    record: (app, caseId, form) => allocateCase(app, caseId, { riskLevel: form.text('riskLevel'), practitionerUserId: form.text('practitionerUserId'), practitionerGrade: form.text('practitionerGrade') }),
  },
  placement: {
    intro: 'The treatment provider becomes involved with the person and can record engagement with treatment.',
    needs: 'providers',
    fields: ({ providers }) => [{ name: 'providerAgencyId', kind: 'select', label: 'Treatment provider', choices: providers }, date('startsOn', 'Date treatment starts'), line('keyWorker', 'Key worker at the provider')],
    record: (app, caseId, form) => placeWithProvider(app, caseId, { providerAgencyId: form.text('providerAgencyId'), startsOn: form.day('startsOn'), keyWorker: form.text('keyWorker') }),
  },
  engagement: {
    intro: 'The provider’s view of how the person is engaging with treatment. It is clinical information: probation sees attendance, not this note.',
    fields: () => [date('recordedOn', 'Date of this update'), radios('level', 'How is the person engaging with treatment?', engagementLevels), box('note', 'Note on engagement with treatment')],
    record: (app, caseId, form) => recordEngagement(app, caseId, { recordedOn: form.day('recordedOn'), level: form.text('level'), note: form.text('note') }),
  },
  'compliance-decision': {
    intro: 'Breach is at the probation practitioner’s discretion, informed by the treatment provider: record the provider’s view with every decision.',
    fields: ({ missedAppointments }) => [
      date('decidedOn', 'Date of the decision'),
      radios('decision', 'Decision', complianceDecisions),
      ...(Object.keys(missedAppointments).length > 0 ? [checkboxes('appointmentIds', 'Missed appointments this decision covers', missedAppointments, 'Select any that apply')] : []),
      box('whatHappened', 'What the failure to comply was'),
      box('providerView', 'The treatment provider’s view'),
      line('providerViewFrom', 'Who at the provider gave their view'),
      box('reason', 'Reason for the decision'),
    ],
    record: (app, caseId, form) =>
      recordComplianceDecision(app, caseId, {
        decidedOn: form.day('decidedOn'),
        decision: form.text('decision'),
        appointmentIds: form.list('appointmentIds'),
        whatHappened: form.text('whatHappened'),
        providerView: form.text('providerView'),
        providerViewFrom: form.text('providerViewFrom'),
        reason: form.text('reason'),
      }),
  },
  breach: {
    intro: 'Breach proceedings start on a decision to breach, recorded with the provider’s view.',
    fields: () => [date('startedOn', 'Date breach proceedings started'), line('court', 'Court the order returns to'), box('grounds', 'Grounds for breach')],
    record: (app, caseId, form) => startBreach(app, caseId, { startedOn: form.day('startedOn'), court: form.text('court'), grounds: form.text('grounds') }),
  },
  'breach-outcome': {
    fields: () => [date('decidedOn', 'Date the court decided'), radios('outcome', 'What did the court decide?', breachOutcomes), box('note', 'What the court decided, in brief')],
    record: (app, caseId, form) => recordBreachOutcome(app, caseId, { decidedOn: form.day('decidedOn'), outcome: form.text('outcome'), note: form.text('note') }),
  },
  completion: {
    fields: () => [date('completedOn', 'Date the requirement ended'), radios('how', 'How did the requirement end?', completionWays), box('note', 'How the requirement went')],
    record: (app, caseId, form) => completeRequirement(app, caseId, { completedOn: form.day('completedOn'), how: form.text('how'), note: form.text('note') }),
  },
  'left-pathway': {
    intro: 'Record why the case is leaving the pathway early: the dashboard counts these drop-outs by reason.',
    fields: () => [radios('reason', 'Why is the case leaving the pathway?', leavingChoices), box('note', 'What happened')],
    record: (app, caseId, form) => recordLeavingPathway(app, caseId, { reason: form.text('reason'), note: form.text('note') }),
  },
  'closing-review': {
    fields: () => [
      date('reviewedOn', 'Date of the review'),
      box('outcomes', 'Outcomes for the person'),
      box('whatHelped', 'What helped'),
      box('whatGotInTheWay', 'What got in the way'),
      box('onwardSupport', 'Support that continues after the order'),
    ],
    record: (app, caseId, form) =>
      recordClosingReview(app, caseId, {
        reviewedOn: form.day('reviewedOn'),
        outcomes: form.text('outcomes'),
        whatHelped: form.text('whatHelped'),
        whatGotInTheWay: form.text('whatGotInTheWay'),
        onwardSupport: form.text('onwardSupport'),
      }),
  },
};

export function stepFormFor(step: string): StepForm | null {
  return Object.hasOwn(stepForms, step) ? (stepForms[step as MhtrStepKind] ?? null) : null;
}
