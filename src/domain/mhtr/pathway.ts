import type { Role } from '../organisation/roles.ts';
import type { RecordCategory } from '../record/categories.ts';
import type { Assessment, PreSentenceReport, Screening } from './assessment.ts';
import { allConditionsMet, conditionsProvision, type CourtDecision, type TreatmentOrder } from './court.ts';
import type { MhtrProblem } from './input-checks.ts';
import { mergeChecklist, type PrivateConsent, type ReportChecklistEntries } from './report-checklist.ts';
import { mhtrStages, stageEnded, type MhtrStage, type StageEntry } from './stages.ts';
import type {
  Allocation,
  Breach,
  BreachOutcomeRecord,
  ClosingReview,
  Completion,
  ComplianceDecisionRecord,
  Engagement,
  Leaving,
  Placement,
} from './supervision.ts';

// A case on the pathway is the sequence of its steps, each recorded once and never changed. The case's
// state (its stage and what is known) is the fold of its steps; whether a step may be taken, and the stage
// it leads to, is decided here from that state.

export type MhtrStep =
  | { kind: 'screening'; value: Screening }
  | { kind: 'pre-sentence-report'; value: PreSentenceReport }
  | { kind: 'assessment'; value: Assessment }
  | { kind: 'report-checklist'; value: ReportChecklistEntries }
  | { kind: 'private-consent'; value: PrivateConsent }
  | { kind: 'court-decision'; value: CourtDecision }
  | { kind: 'order'; value: TreatmentOrder }
  | { kind: 'allocation'; value: Allocation }
  | { kind: 'placement'; value: Placement }
  // Booking the first appointment after placement: supervision and treatment have begun.
  | { kind: 'supervision-started'; value: { firstAppointmentAt: string } }
  | { kind: 'engagement'; value: Engagement }
  | { kind: 'compliance-decision'; value: ComplianceDecisionRecord }
  | { kind: 'breach'; value: Breach }
  | { kind: 'breach-outcome'; value: BreachOutcomeRecord }
  | { kind: 'completion'; value: Completion }
  | { kind: 'left-pathway'; value: Leaving }
  | { kind: 'closing-review'; value: ClosingReview };

export type MhtrStepKind = MhtrStep['kind'];

const probation: Role[] = ['probation-practitioner', 'senior-probation-officer'];
const clinicians: Role[] = ['psychiatrist', 'mental-health-nurse', 'responsible-clinician', 'amhp', 'social-worker', 'liaison-and-diversion-practitioner'];
const court: Role[] = ['court-officer'];

interface StepRule {
  label: string;
  // The record category the step belongs to: who may record or read it follows the sharing policy.
  category: RecordCategory;
  // Private: agreed outside court and never put before open court.
  private: boolean;
  // The roles that take this step (Accord itself, acting for an operator, may take any).
  roles: readonly Role[];
  // The stages from which it may be taken.
  from: readonly MhtrStage[];
}

const beforeTheCourt: MhtrStage[] = ['screening', 'pre-sentence-report', 'assessment', 'report'];
const underTheOrder: MhtrStage[] = ['allocation', 'placement', 'supervision', 'breach'];
const open: MhtrStage[] = ['screening', 'pre-sentence-report', 'assessment', 'report', 'court-decision', 'order', 'allocation', 'placement', 'supervision', 'breach'];

export const stepRules: Record<MhtrStepKind, StepRule> = {
  screening: { label: 'Liaison and diversion screening', category: 'clinical', private: false, roles: ['liaison-and-diversion-practitioner', 'mental-health-nurse', 'psychiatrist'], from: [] },
  'pre-sentence-report': { label: 'Pre-sentence report', category: 'offending', private: false, roles: probation, from: ['screening'] },
  assessment: { label: 'Mental health assessment', category: 'clinical', private: false, roles: clinicians, from: ['pre-sentence-report', 'assessment', 'report'] },
  'report-checklist': { label: 'Report checklist', category: 'clinical', private: false, roles: [...probation, ...clinicians], from: ['assessment', 'report'] },
  'private-consent': { label: 'Consent agreed in private', category: 'clinical', private: true, roles: [...probation, ...clinicians], from: beforeTheCourt },
  'court-decision': { label: 'Court’s decision', category: 'offending', private: false, roles: court, from: ['pre-sentence-report', 'assessment', 'report'] },
  order: { label: 'Order', category: 'offending', private: false, roles: court, from: ['court-decision'] },
  allocation: { label: 'Allocation', category: 'offending', private: false, roles: ['senior-probation-officer', 'probation-practitioner'], from: ['order', ...underTheOrder] },
  placement: { label: 'Placement with the treatment provider', category: 'offending', private: false, roles: [...probation, ...clinicians], from: ['allocation', 'placement', 'supervision'] },
  'supervision-started': { label: 'Supervision started', category: 'offending', private: false, roles: [...probation, ...clinicians], from: ['placement'] },
  engagement: { label: 'Engagement with treatment', category: 'clinical', private: false, roles: clinicians, from: ['placement', 'supervision', 'breach'] },
  'compliance-decision': { label: 'Decision on non-compliance', category: 'offending', private: false, roles: probation, from: ['allocation', 'placement', 'supervision'] },
  breach: { label: 'Breach proceedings', category: 'offending', private: false, roles: probation, from: ['allocation', 'placement', 'supervision'] },
  'breach-outcome': { label: 'Outcome of breach proceedings', category: 'offending', private: false, roles: [...probation, ...court], from: ['breach'] },
  completion: { label: 'Completion', category: 'offending', private: false, roles: probation, from: ['supervision'] },
  'left-pathway': { label: 'Left the pathway', category: 'offending', private: false, roles: [...probation, ...clinicians, ...court], from: open },
  'closing-review': { label: 'Closing review', category: 'offending', private: false, roles: [...probation, ...clinicians], from: ['completed', 'left-pathway'] },
};

// The roles that book appointments and record their outcomes: probation for both kinds, the provider's
// clinicians for treatment appointments.
export const appointmentRoles = { supervision: probation, treatment: [...probation, ...clinicians] } as const;
export const appointmentStages: readonly MhtrStage[] = underTheOrder;

export interface RecordedStep {
  step: MhtrStep;
  at: Temporal.Instant;
}

export interface MhtrCaseState {
  stage: MhtrStage;
  history: StageEntry[];
  screening: Screening | null;
  preSentenceReport: PreSentenceReport | null;
  // The latest assessment; an earlier one the court did not accept stays in the steps.
  assessment: Assessment | null;
  checklist: ReportChecklistEntries;
  consent: PrivateConsent | null;
  decision: CourtDecision | null;
  order: TreatmentOrder | null;
  allocation: Allocation | null;
  placement: Placement | null;
  engagement: Engagement[];
  decisions: ComplianceDecisionRecord[];
  breach: Breach | null;
  breachOutcome: BreachOutcomeRecord | null;
  completion: Completion | null;
  leaving: Leaving | null;
  closingReview: ClosingReview | null;
}

export function emptyCase(): MhtrCaseState {
  return {
    stage: 'screening',
    history: [],
    screening: null,
    preSentenceReport: null,
    assessment: null,
    checklist: {},
    consent: null,
    decision: null,
    order: null,
    allocation: null,
    placement: null,
    engagement: [],
    decisions: [],
    breach: null,
    breachOutcome: null,
    completion: null,
    leaving: null,
    closingReview: null,
  };
}

// What a step does to what is known; the stage is decided separately (stageAfter).
function absorb(state: MhtrCaseState, step: MhtrStep): MhtrCaseState {
  switch (step.kind) {
    case 'screening':
      return { ...state, screening: step.value };
    case 'pre-sentence-report':
      return { ...state, preSentenceReport: step.value };
    case 'assessment':
      return { ...state, assessment: step.value };
    case 'report-checklist':
      return { ...state, checklist: mergeChecklist([state.checklist, step.value]) };
    case 'private-consent':
      return { ...state, consent: step.value };
    case 'court-decision': {
      // The court settles whether it accepted the assessor.
      const assessment = state.assessment === null ? null : { ...state.assessment, courtAcceptance: step.value.assessorAcceptance };
      return { ...state, decision: step.value, assessment };
    }
    case 'order':
      return { ...state, order: step.value };
    case 'allocation':
      return { ...state, allocation: step.value };
    case 'placement':
      return { ...state, placement: step.value };
    case 'supervision-started':
      return state;
    case 'engagement':
      return { ...state, engagement: [...state.engagement, step.value] };
    case 'compliance-decision':
      return { ...state, decisions: [...state.decisions, step.value] };
    case 'breach':
      return { ...state, breach: step.value, breachOutcome: null };
    case 'breach-outcome':
      return { ...state, breachOutcome: step.value };
    case 'completion':
      return { ...state, completion: step.value };
    case 'left-pathway':
      return { ...state, leaving: step.value };
    case 'closing-review':
      return { ...state, closingReview: step.value };
  }
}

// The stage a step leads to from the current state (assumed allowed).
export function stageAfter(state: MhtrCaseState, step: MhtrStep): MhtrStage {
  switch (step.kind) {
    case 'screening':
      return 'screening';
    case 'pre-sentence-report':
      return 'pre-sentence-report';
    case 'assessment':
      return 'assessment';
    case 'report-checklist':
      return 'report';
    case 'private-consent':
    case 'engagement':
    case 'compliance-decision':
      return state.stage;
    case 'court-decision':
      return step.value.outcome === 'requirement-made' ? 'court-decision' : 'left-pathway';
    case 'order':
      return 'order';
    case 'allocation':
      return state.stage === 'order' ? 'allocation' : state.stage;
    case 'placement':
      return state.stage === 'allocation' ? 'placement' : state.stage;
    case 'supervision-started':
      return 'supervision';
    case 'breach':
      return 'breach';
    case 'breach-outcome':
      return step.value.outcome === 'order-revoked' ? 'left-pathway' : 'supervision';
    case 'completion':
      return 'completed';
    case 'left-pathway':
      return 'left-pathway';
    case 'closing-review':
      return 'closed';
  }
}

// Folds recorded steps, in order, into the case's state and the history of its stages.
export function caseState(steps: readonly RecordedStep[]): MhtrCaseState {
  let state = emptyCase();
  for (const { step, at } of steps) {
    const stage = stageAfter(state, step);
    state = absorb(state, step);
    // A court that does not make the requirement ends the case: that is the drop-out's reason.
    if (step.kind === 'court-decision' && stage === 'left-pathway') state = { ...state, leaving: { reason: 'court-did-not-make-requirement', note: step.value.reason ?? '' } };
    if (step.kind === 'breach-outcome' && stage === 'left-pathway') state = { ...state, leaving: { reason: 'order-revoked-on-breach', note: step.value.note } };
    if (state.history.length === 0 || stage !== state.stage) state = { ...state, stage, history: [...state.history, { stage, enteredAt: at }] };
  }
  return state;
}

// Booking the first appointment after placement starts supervision (a step of its own).
export function bookingStartsSupervision(stage: MhtrStage): boolean {
  return stage === 'placement';
}

export function consentCoversAssessmentAndTreatment(consent: PrivateConsent | null): boolean {
  return consent !== null && consent.toAssessment && consent.toTreatment;
}

// Whether the step may be taken now, and if not every reason why, each naming the rule. (Each step's own
// fields are checked by its check function; this is about the case.)
export function stepRefusals(state: MhtrCaseState, step: MhtrStep): MhtrProblem[] {
  const rule = stepRules[step.kind];
  if (step.kind === 'screening') return [];
  // Before the court has decided, an order is refused with what it needs rather than the stage alone.
  if (step.kind === 'order' && beforeTheCourt.includes(state.stage)) {
    return [{ field: 'decision', message: `An order cannot be recorded until the court’s decision is recorded, with the three conditions met (${conditionsProvision}) and the defendant’s consent on record` }];
  }
  if (!rule.from.includes(state.stage)) {
    const stage = mhtrStages[state.stage].toLowerCase();
    const reason = stageEnded(state.stage) && step.kind !== 'closing-review' ? 'the case has ended' : `the case is at the stage “${stage}”`;
    return [{ field: 'stage', message: `${rule.label} cannot be recorded now: ${reason}` }];
  }
  const problems: MhtrProblem[] = [];
  switch (step.kind) {
    case 'court-decision':
      if (step.value.outcome === 'requirement-made') {
        if (state.assessment === null) problems.push({ field: 'assessment', message: 'The requirement cannot be made without a mental health assessment: record the assessment first' });
        if (!consentCoversAssessmentAndTreatment(state.consent)) problems.push({ field: 'consent', message: 'The requirement cannot be made without the defendant’s consent to assessment and treatment, agreed in private: record it first' });
      }
      break;
    case 'order': {
      // The order is recorded only on a decision that made the requirement with each condition met, and on
      // the defendant's consent.
      const decision = state.decision;
      if (decision === null || decision.outcome !== 'requirement-made') problems.push({ field: 'decision', message: 'An order cannot be recorded until the court’s decision to make the requirement is recorded' });
      else if (!allConditionsMet(decision)) problems.push({ field: 'conditionsMet', message: `An order cannot be recorded unless the court recorded all three conditions as met (${conditionsProvision})` });
      if (!consentCoversAssessmentAndTreatment(state.consent)) problems.push({ field: 'consent', message: 'An order cannot be recorded without the defendant’s consent to assessment and treatment' });
      break;
    }
    case 'breach': {
      const last = state.decisions.at(-1);
      if (last?.decision !== 'breach') problems.push({ field: 'decision', message: 'Breach proceedings start only on the probation practitioner’s decision to breach: record that decision first, with the provider’s view' });
      break;
    }
    case 'completion':
      if (state.order === null) problems.push({ field: 'stage', message: 'There is no order to complete' });
      break;
    case 'left-pathway':
      if (step.value.reason === 'court-did-not-make-requirement') problems.push({ field: 'reason', message: 'Record the court’s decision instead: a decision not to make the requirement ends the case' });
      if (step.value.reason === 'order-revoked-on-breach') problems.push({ field: 'reason', message: 'Record the outcome of the breach proceedings instead: a revoked order ends the case' });
      break;
    default:
      break;
  }
  return problems;
}

// Whether a role may take a step (undefined role: Accord itself).
export function roleMayTakeStep(role: Role | null, kind: MhtrStepKind): boolean {
  return role === null || stepRules[kind].roles.includes(role);
}
