import { inTransaction } from '../../db/transaction.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { todayInLondon } from '../../domain/london-time.ts';
import {
  checkAssessment,
  checkPreSentenceReport,
  checkScreening,
  courtAcceptances,
  type AssessmentInput,
  type PreSentenceReportInput,
  type ScreeningInput,
} from '../../domain/mhtr/assessment.ts';
import { checkCourtDecision, checkOrder, courtOutcomes, treatmentKinds, type CourtDecisionInput, type OrderInput } from '../../domain/mhtr/court.ts';
import { caseState, stepRules } from '../../domain/mhtr/pathway.ts';
import {
  checkPrivateConsent,
  checkReportChecklist,
  checklistCategories,
  reportChecklistItems,
  type ChecklistEntryItem,
  type PrivateConsentInput,
  type ReportChecklistInput,
} from '../../domain/mhtr/report-checklist.ts';
import { stageEnded, type MhtrStage } from '../../domain/mhtr/stages.ts';
import {
  breachOutcomes,
  checkAllocation,
  checkBreach,
  checkBreachOutcome,
  checkClosingReview,
  checkCompletion,
  checkComplianceDecision,
  checkEngagement,
  checkLeaving,
  checkPlacement,
  complianceDecisions,
  completionWays,
  engagementLevels,
  leavingReasons,
  riskLevels,
  type AllocationInput,
  type BreachInput,
  type BreachOutcomeInput,
  type ClosingReviewInput,
  type CompletionInput,
  type ComplianceDecisionInput,
  type EngagementInput,
  type LeavingInput,
  type PlacementInput,
} from '../../domain/mhtr/supervision.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput } from '../errors.ts';
import { ensureAgencyInvolvement, ensureInvolvement } from '../sharing/involvements.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';
import { appendStep, loadCaseRow, recordedSteps, loadSteps, requireStepRole, takeStep, unwrap, type CaseRow, type Executor } from './case-store.ts';

// One function per thing a member of staff does on the pathway. Each checks the relationship with the
// person for the step's category (src/app/sharing/person-access.ts) and the role, refuses bad input with
// the field at fault, and writes the step, the case's projection and the audit entry in one transaction.

export interface StepOutcome {
  stepId: string;
  stage: MhtrStage;
}

// Opens a case from a liaison and diversion screening after arrest (a custody referral, when there was
// one). A person has one open case at a time.
export async function openCaseFromScreening(context: AppContext, personId: string, input: ScreeningInput): Promise<{ caseId: string }> {
  await requirePersonAccess(context, personId, { category: stepRules.screening.category, change: true });
  requireStepRole(context, 'screening');
  const screening = unwrap(checkScreening(input, todayInLondon(context.now())));
  if (screening.referralId !== null && !isUuid(screening.referralId)) throw new InvalidInput([{ field: 'referralId', message: 'Select the custody referral from the list' }]);
  return inTransaction(context.db, async (trx) => {
    // Serialises opening cases for the person, so two screenings at once cannot open two cases.
    await trx.selectFrom('people').select('id').where('id', '=', personId).forUpdate().execute();
    const open = await trx.selectFrom('mhtr_cases').select(['id', 'stage']).where('person_id', '=', personId).execute();
    if (open.some((item) => !stageEnded(item.stage as MhtrStage))) {
      throw new InvalidInput([{ field: 'stage', message: 'This person already has a case on the pathway: record this screening there' }]);
    }
    const now = context.now().toString();
    const row = await trx
      .insertInto('mhtr_cases')
      .values({ person_id: personId, stage: 'screening', stage_since: now, opened_at: now, opened_by_agency_id: context.actor.agencyId, referral_id: screening.referralId })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendStep(trx, context, row, caseState([]), { kind: 'screening', value: screening }, `opened a case from a liaison and diversion screening at ${screening.place}`);
    return { caseId: row.id };
  });
}

export async function recordPreSentenceReport(context: AppContext, caseId: string, input: PreSentenceReportInput): Promise<StepOutcome> {
  return takeStep(
    context,
    caseId,
    'pre-sentence-report',
    (today) => checkPreSentenceReport(input, today),
    (step) => (step.kind === 'pre-sentence-report' ? `recorded the pre-sentence report for ${step.value.court}, hearing on ${step.value.hearingOn.toString()}` : ''),
    () => ({ probation_agency_id: context.actor.agencyId }),
  );
}

export async function recordAssessment(context: AppContext, caseId: string, input: AssessmentInput): Promise<StepOutcome> {
  return takeStep(
    context,
    caseId,
    'assessment',
    (today) => checkAssessment(input, today),
    (step) =>
      step.kind === 'assessment'
        ? `recorded the mental health assessment by ${step.value.assessorName} (${step.value.assessorQualification}); ${courtAcceptances[step.value.courtAcceptance].toLowerCase()}`
        : '',
  );
}

// Saves the items of the report checklist given; items already recorded stay unless given again. A save
// needs the relationship for every category it touches (clinical items, or probation's confirmation that
// treatment is available).
export async function recordReportChecklist(context: AppContext, caseId: string, input: ReportChecklistInput): Promise<StepOutcome> {
  const entries = unwrap(checkReportChecklist(input));
  const found = await loadCaseRow(context.db, caseId);
  for (const category of checklistCategories(entries)) await requirePersonAccess(context, found.person_id, { category, change: true });
  requireStepRole(context, 'report-checklist');
  return inTransaction(context.db, async (trx) => {
    const row = await lockCase(trx, caseId);
    const state = caseState(recordedSteps(await loadSteps(trx, caseId)));
    const items = (Object.keys(entries) as ChecklistEntryItem[]).map((item) => reportChecklistItems[item].label.toLowerCase());
    return appendStep(trx, context, row, state, { kind: 'report-checklist', value: entries }, `completed on the report checklist: ${items.join('; ')}`);
  });
}

// The defendant's consent, agreed in private before the hearing. The audit entry says that it was
// recorded, not what it says.
export async function recordPrivateConsent(context: AppContext, caseId: string, input: PrivateConsentInput): Promise<StepOutcome> {
  return takeStep(
    context,
    caseId,
    'private-consent',
    (today) => checkPrivateConsent(input, today),
    () => 'recorded the defendant’s consent, agreed in private (not for open court)',
  );
}

export async function recordCourtDecision(context: AppContext, caseId: string, input: CourtDecisionInput): Promise<StepOutcome> {
  return takeStep(
    context,
    caseId,
    'court-decision',
    (today) => checkCourtDecision(input, today),
    (step) => (step.kind === 'court-decision' ? `recorded the court’s decision at ${step.value.court}: ${courtOutcomes[step.value.outcome].toLowerCase()}` : ''),
    (_trx, _row, step) => (step.kind === 'court-decision' && step.value.outcome === 'requirement-not-made' ? { leaving_reason: 'court-did-not-make-requirement' } : {}),
  );
}

// Records the order; refused unless the court's decision recorded all three conditions as met and the
// defendant's consent is on record. The order is also counted among community orders, for uptake.
export async function recordOrder(context: AppContext, caseId: string, input: OrderInput): Promise<StepOutcome> {
  return takeStep(
    context,
    caseId,
    'order',
    (today) => checkOrder(input, today),
    (step) => (step.kind === 'order' ? `recorded the order: ${treatmentKinds[step.value.treatmentKind].label.toLowerCase()}, ${step.value.requirementStartsOn.toString()} to ${step.value.requirementEndsOn.toString()}` : ''),
    async (trx, row, step) => {
      if (step.kind !== 'order') return {};
      // Counted in the same transaction as the step: an order refused by the case's rules is not counted.
      await trx
        .insertInto('community_orders')
        .values({
          made_on: step.value.madeOn.toString(),
          order_kind: step.value.orderKind,
          requirements: ['mental-health-treatment', ...step.value.otherRequirements],
          mhtr_case_id: row.id,
          court_agency_id: context.actor.agencyId,
          recorded_by: context.actor.userId,
          recorded_by_label: context.actor.label,
          recorded_at: context.now().toString(),
        })
        .execute();
      return { requirement_ends_on: step.value.requirementEndsOn.toString() };
    },
  );
}

// Allocates the case to a probation practitioner by assessed risk; the practitioner becomes involved with
// the person so that they can see the record their policy allows.
export async function allocateCase(context: AppContext, caseId: string, input: AllocationInput): Promise<StepOutcome> {
  const practitioner = isUuid(input.practitionerUserId.trim())
    ? await context.db
        .selectFrom('users')
        .innerJoin('agencies', 'agencies.id', 'users.agency_id')
        .select(['users.id', 'users.display_name', 'users.agency_id'])
        .where('users.id', '=', input.practitionerUserId.trim())
        .where('users.role', 'in', ['probation-practitioner', 'senior-probation-officer'])
        .where('agencies.kind', '=', 'probation-service')
        .where('users.disabled_at', 'is', null)
        .executeTakeFirst()
    : undefined;
  return takeStep(
    context,
    caseId,
    'allocation',
    () => checkAllocation(input, practitioner?.display_name ?? null),
    (step) => (step.kind === 'allocation' ? `allocated the case to ${step.value.practitionerName} (${riskLevels[step.value.riskLevel].toLowerCase()} risk)` : ''),
    async (trx, row) => {
      await ensureInvolvement(trx, context, row.person_id, { agencyId: practitioner!.agency_id, teamId: null, userId: practitioner!.id }, 'Allocated the mental health treatment requirement');
      return { practitioner_user_id: practitioner!.id, probation_agency_id: practitioner!.agency_id };
    },
  );
}

// Places the person with the treatment provider, which becomes involved with them.
export async function placeWithProvider(context: AppContext, caseId: string, input: PlacementInput): Promise<StepOutcome> {
  const provider = isUuid(input.providerAgencyId.trim())
    ? await context.db.selectFrom('agencies').select(['id', 'name']).where('id', '=', input.providerAgencyId.trim()).where('retired_at', 'is', null).executeTakeFirst()
    : undefined;
  return takeStep(
    context,
    caseId,
    'placement',
    () => checkPlacement(input, provider?.name ?? null),
    (step) => (step.kind === 'placement' ? `placed the person with ${step.value.providerName} from ${step.value.startsOn.toString()}` : ''),
    async (trx, row) => {
      await ensureAgencyInvolvement(trx, context, row.person_id, provider!.id, 'Treatment provider for a mental health treatment requirement');
      return { provider_agency_id: provider!.id };
    },
  );
}

// The provider's record of how the person is engaging with treatment (clinical).
export async function recordEngagement(context: AppContext, caseId: string, input: EngagementInput): Promise<StepOutcome> {
  return takeStep(
    context,
    caseId,
    'engagement',
    (today) => checkEngagement(input, today),
    (step) => (step.kind === 'engagement' ? `recorded engagement with treatment: ${engagementLevels[step.value.level].toLowerCase()}` : ''),
  );
}

// The probation practitioner's decision on a failure to comply, with the provider's view. The missed
// appointments it covers are marked as decided.
export async function recordComplianceDecision(context: AppContext, caseId: string, input: ComplianceDecisionInput): Promise<StepOutcome> {
  const found = await loadCaseRow(context.db, caseId);
  await requirePersonAccess(context, found.person_id, { category: stepRules['compliance-decision'].category, change: true });
  requireStepRole(context, 'compliance-decision');
  const today = todayInLondon(context.now());
  return inTransaction(context.db, async (trx) => {
    const row = await lockCase(trx, caseId);
    const missed = await trx.selectFrom('mhtr_appointments').select('id').where('case_id', '=', caseId).where('outcome', '=', 'missed').where('decided_by_step_id', 'is', null).forUpdate().execute();
    const decision = unwrap(
      checkComplianceDecision(
        input,
        missed.map((item) => item.id),
        today,
      ),
    );
    const state = caseState(recordedSteps(await loadSteps(trx, caseId)));
    const outcome = await appendStep(trx, context, row, state, { kind: 'compliance-decision', value: decision }, `recorded a decision on non-compliance: ${complianceDecisions[decision.decision].toLowerCase()}`);
    if (decision.appointmentIds.length > 0) await trx.updateTable('mhtr_appointments').set({ decided_by_step_id: outcome.stepId }).where('id', 'in', decision.appointmentIds).execute();
    return outcome;
  });
}

export async function startBreach(context: AppContext, caseId: string, input: BreachInput): Promise<StepOutcome> {
  return takeStep(
    context,
    caseId,
    'breach',
    (today) => checkBreach(input, today),
    (step) => (step.kind === 'breach' ? `started breach proceedings at ${step.value.court}` : ''),
  );
}

export async function recordBreachOutcome(context: AppContext, caseId: string, input: BreachOutcomeInput): Promise<StepOutcome> {
  return takeStep(
    context,
    caseId,
    'breach-outcome',
    (today) => checkBreachOutcome(input, today),
    (step) => (step.kind === 'breach-outcome' ? `recorded the outcome of breach proceedings: ${breachOutcomes[step.value.outcome].toLowerCase()}` : ''),
    (_trx, _row, step) => (step.kind === 'breach-outcome' && step.value.outcome === 'order-revoked' ? { leaving_reason: 'order-revoked-on-breach' } : {}),
  );
}

export async function completeRequirement(context: AppContext, caseId: string, input: CompletionInput): Promise<StepOutcome> {
  const { state } = await stateOf(context, caseId);
  return takeStep(
    context,
    caseId,
    'completion',
    (today) => {
      if (state.order === null) return { ok: false, problems: [{ field: 'stage', message: 'There is no order to complete' }] };
      return checkCompletion(input, state.order.requirementStartsOn, today);
    },
    (step) => (step.kind === 'completion' ? `recorded completion: ${completionWays[step.value.how].toLowerCase()}` : ''),
  );
}

// A case leaving the pathway early, with the reason: the drop-outs the dashboard counts.
export async function recordLeavingPathway(context: AppContext, caseId: string, input: LeavingInput): Promise<StepOutcome> {
  return takeStep(
    context,
    caseId,
    'left-pathway',
    () => checkLeaving(input),
    (step) => (step.kind === 'left-pathway' ? `recorded that the case left the pathway: ${leavingReasons[step.value.reason].toLowerCase()}` : ''),
    (_trx, _row, step) => (step.kind === 'left-pathway' ? { leaving_reason: step.value.reason } : {}),
  );
}

export async function recordClosingReview(context: AppContext, caseId: string, input: ClosingReviewInput): Promise<StepOutcome> {
  return takeStep(context, caseId, 'closing-review', (today) => checkClosingReview(input, today), () => 'recorded the closing review');
}

async function lockCase(trx: Executor, caseId: string): Promise<CaseRow> {
  return trx.selectFrom('mhtr_cases').selectAll().where('id', '=', caseId).forUpdate().executeTakeFirstOrThrow();
}

async function stateOf(context: AppContext, caseId: string) {
  const row = await loadCaseRow(context.db, caseId);
  return { row, state: caseState(recordedSteps(await loadSteps(context.db, caseId))) };
}

