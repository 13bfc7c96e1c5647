import { sql } from 'kysely';
import { displayName } from '../../domain/people/person.ts';
import { courtSummary, type CourtSummary } from '../../domain/mhtr/court-summary.ts';
import { pathwayFigures, type PathwayFigures } from '../../domain/mhtr/dashboard.ts';
import { caseState, consentCoversAssessmentAndTreatment, roleMayTakeStep, stepRules, type MhtrCaseState, type MhtrStep, type MhtrStepKind } from '../../domain/mhtr/pathway.ts';
import { personPlan, type PersonPlan } from '../../domain/mhtr/person-plan.ts';
import { missingFromReport, type MissingItem } from '../../domain/mhtr/report-checklist.ts';
import { mhtrStages, stageSpells, type MhtrStage, type StageSpell } from '../../domain/mhtr/stages.ts';
import { complianceDecisions, engagementLevels, riskLevels, tallyAppointments, type AppointmentKind, type AppointmentTally, type AttendanceOutcome, type EngagementLevel, type LeavingReason } from '../../domain/mhtr/supervision.ts';
import { treatmentKinds } from '../../domain/mhtr/court.ts';
import type { RecordCategory } from '../../domain/record/categories.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { NotFound } from '../errors.ts';
import { requirePermission } from '../policy.ts';
import { currentlyRelated, requirePersonAccess } from '../sharing/person-access.ts';
import { loadCaseRow, loadSteps, recordedSteps, stepFromRow, type StepRow } from './case-store.ts';

// What the pathway's pages show: the case with its history, the probation caseload, the treatment
// provider's list, the court summary, the person's own plan and the dashboard. Each read is audited; each
// shows only the steps whose category the reader's policy allows.

export interface CaseAppointment {
  id: string;
  kind: AppointmentKind;
  startsAt: Temporal.Instant;
  place: string;
  withWhom: string;
  bookedBy: string;
  outcome: AttendanceOutcome | null;
  outcomeNote: string | null;
  outcomeRecordedBy: string | null;
  outcomeRecordedAt: Temporal.Instant | null;
  // A missed appointment that no decision on non-compliance has yet covered.
  awaitingDecision: boolean;
}

export interface CaseStepView {
  id: string;
  kind: MhtrStepKind;
  label: string;
  category: RecordCategory;
  // Agreed in private: never to be shown in anything meant for open court.
  private: boolean;
  stageAfter: MhtrStage;
  recordedAt: Temporal.Instant;
  recordedBy: string;
  recordedByAgency: string;
  // The step's content, or null where the reader's policy does not include its category.
  step: MhtrStep | null;
}

export interface CaseView {
  caseId: string;
  personId: string;
  personName: string;
  stage: MhtrStage;
  stageLabel: string;
  stageSince: Temporal.Instant;
  spells: (StageSpell & { label: string })[];
  steps: CaseStepView[];
  // What is known from the steps the reader may see (a hidden step's facts are null here).
  known: MhtrCaseState;
  missingFromReport: MissingItem[];
  appointments: CaseAppointment[];
  attendance: AppointmentTally;
  // The steps the reader could record now, by their role and the case's stage.
  nextSteps: MhtrStepKind[];
}

async function personNameOf(db: AppContext['db'], personId: string): Promise<string> {
  const person = await db.selectFrom('people').select(['given_names', 'family_name', 'preferred_name']).where('id', '=', personId).executeTakeFirst();
  if (!person) throw new NotFound('The person');
  return displayName({ givenNames: person.given_names, familyName: person.family_name, preferredName: person.preferred_name });
}

async function loadAppointments(db: AppContext['db'], caseIds: readonly string[]): Promise<(CaseAppointment & { caseId: string })[]> {
  if (caseIds.length === 0) return [];
  const rows = await db.selectFrom('mhtr_appointments').selectAll().where('case_id', 'in', [...caseIds]).orderBy('starts_at').execute();
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    kind: row.kind as AppointmentKind,
    startsAt: Temporal.Instant.from(row.starts_at),
    place: row.place,
    withWhom: row.with_whom,
    bookedBy: row.booked_by_label,
    outcome: row.outcome as AttendanceOutcome | null,
    outcomeNote: row.outcome_note,
    outcomeRecordedBy: row.outcome_recorded_by_label,
    outcomeRecordedAt: row.outcome_recorded_at === null ? null : Temporal.Instant.from(row.outcome_recorded_at),
    awaitingDecision: row.outcome === 'missed' && row.decided_by_step_id === null,
  }));
}

function seesCategory(context: AppContext, categories: ReadonlySet<RecordCategory>, system: boolean, category: RecordCategory): boolean {
  return system || context.actor.kind === 'system' || categories.has(category);
}

// The case with its stage history (time at each stage), its steps as far as the reader may see them, its
// appointments and what the reader could record next.
export async function viewCase(context: AppContext, caseId: string): Promise<CaseView> {
  const row = await loadCaseRow(context.db, caseId);
  const access = await requirePersonAccess(context, row.person_id, { category: 'offending' });
  const stepRows = await loadSteps(context.db, caseId);
  const full = caseState(recordedSteps(stepRows));
  const visible = (item: StepRow) => seesCategory(context, access.categories, access.system, item.category as RecordCategory);
  const known = caseState(recordedSteps(stepRows.filter(visible)));
  const now = context.now();
  const appointments = await loadAppointments(context.db, [caseId]);
  const steps = stepRows.map((item): CaseStepView => {
    const kind = item.kind as MhtrStepKind;
    return {
      id: item.id,
      kind,
      label: stepRules[kind].label,
      category: item.category as RecordCategory,
      private: item.private,
      stageAfter: item.stage_after as MhtrStage,
      recordedAt: Temporal.Instant.from(item.recorded_at),
      recordedBy: item.recorded_by_label,
      recordedByAgency: item.recorded_by_agency_name,
      step: visible(item) ? stepFromRow(item) : null,
    };
  });
  const role = context.actor.kind === 'system' ? null : context.actor.role;
  const nextSteps = (Object.keys(stepRules) as MhtrStepKind[]).filter(
    (kind) => kind !== 'screening' && kind !== 'supervision-started' && stepRules[kind].from.includes(full.stage) && (role === null || roleMayTakeStep(role, kind)) && seesCategory(context, access.categories, access.system, stepRules[kind].category),
  );
  await recordAudit(context, [{ personId: row.person_id, action: 'read', what: 'Viewed the person’s mental health treatment requirement case' }]);
  return {
    caseId,
    personId: row.person_id,
    personName: await personNameOf(context.db, row.person_id),
    stage: full.stage,
    stageLabel: mhtrStages[full.stage],
    stageSince: Temporal.Instant.from(row.stage_since),
    spells: stageSpells(full.history, now).map((spell) => ({ ...spell, label: mhtrStages[spell.stage] })),
    steps,
    known,
    missingFromReport: missingFromReport({ entries: full.checklist, assessment: full.assessment, consentToAssessmentAndTreatment: consentCoversAssessmentAndTreatment(full.consent) }),
    appointments,
    attendance: tallyAppointments(appointments, now),
    nextSteps,
  };
}

// The person's cases, newest first, for their record's page.
export async function casesOfPerson(context: AppContext, personId: string): Promise<{ caseId: string; stage: MhtrStage; stageLabel: string; openedAt: Temporal.Instant }[]> {
  await requirePersonAccess(context, personId, { category: 'offending' });
  const rows = await context.db.selectFrom('mhtr_cases').select(['id', 'stage', 'opened_at']).where('person_id', '=', personId).orderBy('opened_at', 'desc').execute();
  await recordAudit(context, [{ personId, action: 'read', what: 'Viewed the person’s mental health treatment requirement cases' }]);
  return rows.map((row) => ({ caseId: row.id, stage: row.stage as MhtrStage, stageLabel: mhtrStages[row.stage as MhtrStage], openedAt: Temporal.Instant.from(row.opened_at) }));
}

// The court summary: only what the court needs, and nothing private (see the domain's courtSummary).
export async function courtSummaryFor(context: AppContext, caseId: string): Promise<CourtSummary & { personName: string }> {
  const row = await loadCaseRow(context.db, caseId);
  await requirePersonAccess(context, row.person_id, { category: 'offending' });
  const state = caseState(recordedSteps(await loadSteps(context.db, caseId)));
  const appointments = await loadAppointments(context.db, [caseId]);
  const summary = courtSummary(state, state.order === null ? null : tallyAppointments(appointments, context.now()));
  await recordAudit(context, [{ personId: row.person_id, action: 'read', what: 'Produced the court summary of the person’s mental health treatment requirement case' }]);
  return { ...summary, personName: await personNameOf(context.db, row.person_id) };
}

// The person's own plan, in plain words, to give them or print.
export async function personPlanFor(context: AppContext, caseId: string): Promise<PersonPlan & { personName: string }> {
  const row = await loadCaseRow(context.db, caseId);
  await requirePersonAccess(context, row.person_id, { category: 'offending' });
  const state = caseState(recordedSteps(await loadSteps(context.db, caseId)));
  const appointments = await loadAppointments(context.db, [caseId]);
  await recordAudit(context, [{ personId: row.person_id, action: 'read', what: 'Produced the person’s own plan for their mental health treatment requirement' }]);
  return { ...personPlan(state, appointments, context.now()), personName: await personNameOf(context.db, row.person_id) };
}

export interface CaseloadRow {
  caseId: string;
  personId: string;
  personName: string;
  stage: MhtrStage;
  stageLabel: string;
  riskLevel: string | null;
  requirementEndsOn: Temporal.PlainDate | null;
  treatment: string | null;
  provider: string | null;
  attendance: AppointmentTally;
  missedAwaitingDecision: number;
  lastDecision: { decidedOn: Temporal.PlainDate; decision: string } | null;
  nextAppointment: { startsAt: Temporal.Instant; kind: AppointmentKind } | null;
}

interface ListedCase {
  id: string;
  person_id: string;
  stage: string;
  requirement_ends_on: string | null;
  given_names: string;
  family_name: string;
  preferred_name: string | null;
}

async function caseloadRows(context: AppContext, cases: readonly ListedCase[]): Promise<{ rows: CaseloadRow[]; states: Map<string, MhtrCaseState> }> {
  const ids = cases.map((item) => item.id);
  const stepRows = ids.length === 0 ? [] : await context.db.selectFrom('mhtr_steps').selectAll().where('case_id', 'in', ids).where('category', '=', 'offending').orderBy('case_id').orderBy('sequence').execute();
  const appointments = await loadAppointments(context.db, ids);
  const now = context.now();
  const states = new Map<string, MhtrCaseState>();
  const rows = cases.map((item): CaseloadRow => {
    // The caseload reads the steps about the order only (offending): no clinical detail is needed here.
    const state = caseState(recordedSteps(stepRows.filter((step) => step.case_id === item.id)));
    states.set(item.id, state);
    const mine = appointments.filter((appointment) => appointment.caseId === item.id);
    const upcoming = mine.find((appointment) => appointment.outcome === null && Temporal.Instant.compare(appointment.startsAt, now) > 0);
    const last = state.decisions.at(-1);
    return {
      caseId: item.id,
      personId: item.person_id,
      personName: displayName({ givenNames: item.given_names, familyName: item.family_name, preferredName: item.preferred_name }),
      stage: item.stage as MhtrStage,
      stageLabel: mhtrStages[item.stage as MhtrStage],
      riskLevel: state.allocation === null ? null : riskLevels[state.allocation.riskLevel],
      requirementEndsOn: item.requirement_ends_on === null ? null : Temporal.PlainDate.from(item.requirement_ends_on),
      treatment: state.order === null ? null : treatmentKinds[state.order.treatmentKind].label,
      provider: state.placement?.providerName ?? null,
      attendance: tallyAppointments(mine, now),
      missedAwaitingDecision: mine.filter((appointment) => appointment.awaitingDecision).length,
      lastDecision: last === undefined ? null : { decidedOn: last.decidedOn, decision: complianceDecisions[last.decision] },
      nextAppointment: upcoming === undefined ? null : { startsAt: upcoming.startsAt, kind: upcoming.kind },
    };
  });
  return { rows, states };
}

// A probation practitioner's caseload (their own, unless another practitioner is named): each case still
// open or awaiting its closing review, with the requirement's progress. Only people the reader is currently
// related to are listed.
export async function probationCaseload(context: AppContext, practitionerUserId: string | null = context.actor.userId): Promise<CaseloadRow[]> {
  requirePermission(context.actor, 'person.read');
  if (practitionerUserId === null) return [];
  const cases = await context.db
    .selectFrom('mhtr_cases')
    .innerJoin('people', 'people.id', 'mhtr_cases.person_id')
    .select(['mhtr_cases.id', 'mhtr_cases.person_id', 'mhtr_cases.stage', 'mhtr_cases.requirement_ends_on', 'people.given_names', 'people.family_name', 'people.preferred_name'])
    .where('mhtr_cases.practitioner_user_id', '=', practitionerUserId)
    .where('mhtr_cases.stage', '!=', 'closed')
    .where((eb) => currentlyRelated(context, eb))
    .orderBy('people.family_name')
    .orderBy('people.given_names')
    .execute();
  const { rows } = await caseloadRows(context, cases);
  await recordAudit(context, [{ personId: null, personIds: rows.map((row) => row.personId), action: 'list', what: 'Viewed a probation caseload of mental health treatment requirements' }]);
  return rows;
}

export interface ProviderListRow extends CaseloadRow {
  keyWorker: string | null;
  placeOrPractitioner: string | null;
  lastEngagement: { recordedOn: Temporal.PlainDate; level: string } | null;
}

// The treatment provider's list: the cases placed with the reader's agency, with treatment appointments
// and the latest engagement they recorded.
export async function treatmentProviderList(context: AppContext): Promise<ProviderListRow[]> {
  requirePermission(context.actor, 'person.read');
  if (context.actor.agencyId === null) return [];
  const cases = await context.db
    .selectFrom('mhtr_cases')
    .innerJoin('people', 'people.id', 'mhtr_cases.person_id')
    .select(['mhtr_cases.id', 'mhtr_cases.person_id', 'mhtr_cases.stage', 'mhtr_cases.requirement_ends_on', 'people.given_names', 'people.family_name', 'people.preferred_name'])
    .where('mhtr_cases.provider_agency_id', '=', context.actor.agencyId)
    .where('mhtr_cases.stage', '!=', 'closed')
    .where((eb) => currentlyRelated(context, eb))
    .orderBy('people.family_name')
    .orderBy('people.given_names')
    .execute();
  const { rows, states } = await caseloadRows(context, cases);
  const ids = cases.map((item) => item.id);
  const engagement = ids.length === 0 ? [] : await context.db.selectFrom('mhtr_steps').selectAll().where('case_id', 'in', ids).where('kind', '=', 'engagement').orderBy('sequence').execute();
  const result = rows.map((row): ProviderListRow => {
    const latest = engagement.filter((step) => step.case_id === row.caseId).at(-1);
    const value = latest === undefined ? null : stepFromRow(latest);
    const state = states.get(row.caseId)!;
    return {
      ...row,
      keyWorker: state.placement?.keyWorker ?? null,
      placeOrPractitioner: state.order?.placeOrPractitioner ?? null,
      lastEngagement: value?.kind === 'engagement' ? { recordedOn: value.value.recordedOn, level: engagementLevels[value.value.level as EngagementLevel] } : null,
    };
  });
  await recordAudit(context, [{ personId: null, personIds: result.map((row) => row.personId), action: 'list', what: 'Viewed the treatment provider’s list of mental health treatment requirements' }]);
  return result;
}

// The pathway dashboard: counts across every case on Accord, naming no one. Orders are counted by the day
// they were made, within the period when one is given.
export async function pathwayDashboard(context: AppContext, period: { from: Temporal.PlainDate; to: Temporal.PlainDate } | null = null): Promise<PathwayFigures> {
  requirePermission(context.actor, 'reports.read');
  const cases = await context.db.selectFrom('mhtr_cases').select(['id', 'person_id', 'stage', 'leaving_reason']).execute();
  const steps = await context.db.selectFrom('mhtr_steps').select(['case_id', 'stage_after', 'recorded_at']).orderBy('case_id').orderBy('sequence').execute();
  const histories = new Map<string, { stage: MhtrStage; enteredAt: Temporal.Instant }[]>();
  for (const step of steps) {
    const history = histories.get(step.case_id) ?? [];
    if (history.at(-1)?.stage !== step.stage_after) history.push({ stage: step.stage_after as MhtrStage, enteredAt: Temporal.Instant.from(step.recorded_at) });
    histories.set(step.case_id, history);
  }
  let orders = context.db.selectFrom('community_orders').select([sql<number>`count(*)::int`.as('all'), sql<number>`count(mhtr_case_id)::int`.as('with_requirement')]);
  if (period) orders = orders.where('made_on', '>=', period.from.toString()).where('made_on', '<=', period.to.toString());
  const counted = await orders.executeTakeFirstOrThrow();
  const figures = pathwayFigures(
    cases.map((item) => ({ personId: item.person_id, stage: item.stage as MhtrStage, history: histories.get(item.id) ?? [], leavingReason: item.leaving_reason as LeavingReason | null })),
    { withRequirement: Number(counted.with_requirement), all: Number(counted.all) },
    context.now(),
  );
  await recordAudit(context, [{ personId: null, action: 'list', what: 'Viewed the mental health treatment requirement pathway dashboard' }]);
  return figures;
}


