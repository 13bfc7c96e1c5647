import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAssessment, type Assessment } from '../../../src/domain/mhtr/assessment.ts';
import { checkCourtDecision, checkOrder, type CourtDecision, type CourtDecisionInput, type TreatmentOrder } from '../../../src/domain/mhtr/court.ts';
import { courtSummary } from '../../../src/domain/mhtr/court-summary.ts';
import { pathwayFigures } from '../../../src/domain/mhtr/dashboard.ts';
import { caseState, stepRefusals, type MhtrStep, type RecordedStep } from '../../../src/domain/mhtr/pathway.ts';
import { personPlan } from '../../../src/domain/mhtr/person-plan.ts';
import { checkReportChecklist, missingFromReport, type PrivateConsent } from '../../../src/domain/mhtr/report-checklist.ts';
import { stageSpells } from '../../../src/domain/mhtr/stages.ts';
import { checkAllocation, checkAttendance, checkComplianceDecision, type ComplianceDecisionInput } from '../../../src/domain/mhtr/supervision.ts';

const today = Temporal.PlainDate.from('2026-05-20');
const day = (text: string) => Temporal.PlainDate.from(text);
const at = (text: string) => Temporal.Instant.from(text);

const assessment: Assessment = {
  assessedOn: day('2026-05-01'),
  assessorName: 'Sam Reid',
  assessorQualification: 'Community psychiatric nurse, forensic team',
  assessorOrganisation: 'Riverside Mental Health Trust',
  findings: 'Moderate depression and anxiety',
  recommendsRequirement: true,
  courtAcceptance: 'accepted',
};

const consent: PrivateConsent = { agreedOn: day('2026-05-02'), toAssessment: true, toTreatment: true, howGiven: 'in-writing', whoWasPresent: 'Probation practitioner and CPN', notes: 'Worried about people at work finding out' };

const decision: CourtDecision = { decidedOn: day('2026-05-10'), court: 'Riverside Magistrates', outcome: 'requirement-made', conditionsMet: ['requires-treatment', 'arrangements', 'willingness'], assessorAcceptance: 'accepted', reason: null };

const order: TreatmentOrder = {
  madeOn: day('2026-05-10'),
  orderKind: 'community-order',
  requirementStartsOn: day('2026-05-11'),
  requirementEndsOn: day('2027-05-10'),
  treatmentKind: 'institution-based-out-patient',
  placeOrPractitioner: 'Riverside Community Mental Health Team',
  otherRequirements: ['alcohol-treatment'],
};

function steps(...items: [MhtrStep, string][]): RecordedStep[] {
  return items.map(([step, when]) => ({ step, at: at(when) }));
}

const screening: MhtrStep = {
  kind: 'screening',
  value: { screenedOn: day('2026-04-20'), place: 'Riverside custody suite', screeningTool: 'Liaison and diversion screening', findings: 'Low mood', suggestsRequirement: true, referralId: null },
};
const report: MhtrStep = {
  kind: 'pre-sentence-report',
  value: { requestedOn: day('2026-04-22'), court: 'Riverside Magistrates', hearingOn: day('2026-05-10'), author: 'P. Officer', suggestedAssessor: 'Forensic CMHT', registeredWithGeneralPractitioner: true },
};

function caseReadyForCourt(withConsent = true) {
  const items: [MhtrStep, string][] = [
    [screening, '2026-04-20T10:00:00Z'],
    [report, '2026-04-22T10:00:00Z'],
    [{ kind: 'assessment', value: assessment }, '2026-05-01T10:00:00Z'],
  ];
  if (withConsent) items.push([{ kind: 'private-consent', value: consent }, '2026-05-02T10:00:00Z']);
  return caseState(steps(...items));
}

function decisionInput(overrides: Partial<CourtDecisionInput> = {}): CourtDecisionInput {
  return { decidedOn: day('2026-05-10'), court: 'Riverside Magistrates', outcome: 'requirement-made', conditionsMet: ['requires-treatment', 'arrangements', 'willingness'], assessorAccepted: 'accepted', reason: '', ...overrides };
}

describe('the court’s conditions (Sentencing Act 2020, Schedule 9, paragraph 17)', () => {
  it('refuses to record the requirement as made unless each of the three conditions is recorded as met, naming the missing one', () => {
    const checked = checkCourtDecision(decisionInput({ conditionsMet: ['requires-treatment', 'arrangements'] }), today);
    assert.equal(checked.ok, false);
    const problems = checked.ok ? [] : checked.problems;
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.field, 'conditionsMet');
    assert.match(problems[0]!.message, /expressed willingness to comply/);
    assert.match(problems[0]!.message, /Schedule 9, paragraph 17/);
  });

  it('records a decision with all three conditions, and one not making the requirement only with a reason', () => {
    assert.equal(checkCourtDecision(decisionInput(), today).ok, true);
    const withoutReason = checkCourtDecision(decisionInput({ outcome: 'requirement-not-made', conditionsMet: [] }), today);
    assert.deepEqual(withoutReason.ok ? [] : withoutReason.problems.map((problem) => problem.field), ['reason']);
  });

  it('refuses the requirement on an assessor the court did not accept', () => {
    const checked = checkCourtDecision(decisionInput({ assessorAccepted: 'not-accepted' }), today);
    assert.deepEqual(checked.ok ? [] : checked.problems.map((problem) => problem.field), ['assessorAccepted']);
  });

  it('refuses a decision to make the requirement while the defendant’s consent is not on record', () => {
    const refusals = stepRefusals(caseReadyForCourt(false), { kind: 'court-decision', value: decision });
    assert.deepEqual(refusals.map((problem) => problem.field), ['consent']);
    assert.deepEqual(stepRefusals(caseReadyForCourt(true), { kind: 'court-decision', value: decision }), []);
  });

  it('refuses an order until a decision with the three conditions met, and consent, are recorded', () => {
    const beforeDecision = stepRefusals(caseReadyForCourt(true), { kind: 'order', value: order });
    assert.equal(beforeDecision[0]!.field, 'decision');
    assert.match(beforeDecision[0]!.message, /three conditions met \(Sentencing Act 2020, Schedule 9, paragraph 17\) and the defendant’s consent/);
    const decided = caseState(
      steps([screening, '2026-04-20T10:00:00Z'], [report, '2026-04-22T10:00:00Z'], [{ kind: 'assessment', value: assessment }, '2026-05-01T10:00:00Z'], [{ kind: 'private-consent', value: consent }, '2026-05-02T10:00:00Z'], [{ kind: 'court-decision', value: decision }, '2026-05-10T10:00:00Z']),
    );
    assert.deepEqual(stepRefusals(decided, { kind: 'order', value: order }), []);
    // A decision recorded short of a condition (as an older record might hold) still cannot carry an order.
    const shortOfACondition = { ...decided, decision: { ...decision, conditionsMet: ['requires-treatment' as const, 'arrangements' as const] } };
    assert.deepEqual(stepRefusals(shortOfACondition, { kind: 'order', value: order }).map((problem) => problem.field), ['conditionsMet']);
    const withoutConsent = { ...decided, consent: { ...consent, toTreatment: false } };
    assert.deepEqual(stepRefusals(withoutConsent, { kind: 'order', value: order }).map((problem) => problem.field), ['consent']);
  });

  it('checks the order: the kind of treatment, the place or practitioner it names, and its period', () => {
    const checked = checkOrder(
      { madeOn: day('2026-05-10'), orderKind: 'community-order', requirementStartsOn: day('2026-05-11'), requirementEndsOn: day('2026-05-11'), treatmentKind: 'practitioner-based', placeOrPractitioner: '', otherRequirements: ['alcohol-treatment', 'juggling'] },
      today,
    );
    assert.equal(checked.ok, false);
    const problems = checked.ok ? [] : checked.problems;
    assert.deepEqual(problems.map((problem) => problem.field).sort(), ['otherRequirements', 'placeOrPractitioner', 'requirementEndsOn']);
    assert.match(problems.find((problem) => problem.field === 'placeOrPractitioner')!.message, /practitioner the order names/);
  });
});

describe('the assessment', () => {
  it('asks for the assessor’s qualification in words, not section 12 approval', () => {
    const checked = checkAssessment({ assessedOn: day('2026-05-01'), assessorName: 'Sam Reid', assessorQualification: '', assessorOrganisation: 'CMHT', findings: 'x', recommendsRequirement: 'yes', courtAcceptance: 'not-yet-decided' }, today);
    assert.deepEqual(checked.ok ? [] : checked.problems.map((problem) => problem.message), ['Enter the assessor’s qualification (section 12 approval is not needed)']);
  });
});

describe('the report checklist', () => {
  it('lists everything missing, in order, and nothing once complete', () => {
    const none = missingFromReport({ entries: {}, assessment: null, consentToAssessmentAndTreatment: false });
    assert.deepEqual(none.map((item) => item.item), ['consent', 'presentingIssues', 'screeningResults', 'treatmentPlan', 'treatmentAvailable', 'assessor', 'clinicalSignOff']);
    const complete = missingFromReport({
      entries: {
        presentingIssues: 'Low mood',
        screeningResults: 'PHQ-9: 16',
        treatmentPlan: { plan: 'Twelve sessions of CBT', provider: 'Riverside CMHT' },
        treatmentAvailable: { confirmedBy: 'CMHT manager', availableFrom: day('2026-05-11') },
        clinicalSignOff: { by: 'Dr Patel', authority: 'Consultant psychiatrist' },
      },
      assessment,
      consentToAssessmentAndTreatment: true,
    });
    assert.deepEqual(complete, []);
  });

  it('counts an assessor the court did not accept as missing', () => {
    const missing = missingFromReport({ entries: {}, assessment: { ...assessment, courtAcceptance: 'not-accepted' }, consentToAssessmentAndTreatment: true });
    assert.match(missing.find((item) => item.item === 'assessor')!.message, /did not accept/);
  });

  it('keeps items from earlier saves and names the field of a blank item', () => {
    const state = caseState(
      steps(
        [screening, '2026-04-20T10:00:00Z'],
        [report, '2026-04-22T10:00:00Z'],
        [{ kind: 'assessment', value: assessment }, '2026-05-01T10:00:00Z'],
        [{ kind: 'report-checklist', value: { presentingIssues: 'Low mood' } }, '2026-05-03T10:00:00Z'],
        [{ kind: 'report-checklist', value: { screeningResults: 'PHQ-9: 16' } }, '2026-05-04T10:00:00Z'],
      ),
    );
    assert.equal(state.checklist.presentingIssues, 'Low mood');
    assert.equal(state.checklist.screeningResults, 'PHQ-9: 16');
    const blank = checkReportChecklist({ treatmentPlan: { plan: 'CBT', provider: ' ' } });
    assert.deepEqual(blank.ok ? [] : blank.problems.map((problem) => problem.field), ['treatmentProvider']);
  });
});

describe('the court summary', () => {
  it('holds nothing private: not the consent, the presenting issues, the screening results, the plan or the findings', () => {
    const state = caseState(
      steps(
        [screening, '2026-04-20T10:00:00Z'],
        [report, '2026-04-22T10:00:00Z'],
        [{ kind: 'assessment', value: assessment }, '2026-05-01T10:00:00Z'],
        [{ kind: 'private-consent', value: consent }, '2026-05-02T10:00:00Z'],
        [
          {
            kind: 'report-checklist',
            value: {
              presentingIssues: 'Hears voices when stressed',
              screeningResults: 'PHQ-9 score of 16',
              treatmentPlan: { plan: 'Twelve sessions of trauma-focused therapy', provider: 'Riverside CMHT' },
              treatmentAvailable: { confirmedBy: 'CMHT manager', availableFrom: day('2026-05-11') },
              clinicalSignOff: { by: 'Dr Patel', authority: 'Consultant psychiatrist' },
            },
          },
          '2026-05-03T10:00:00Z',
        ],
        [{ kind: 'court-decision', value: decision }, '2026-05-10T10:00:00Z'],
        [{ kind: 'order', value: order }, '2026-05-10T11:00:00Z'],
      ),
    );
    const summary = courtSummary(state, null);
    const text = JSON.stringify(summary);
    for (const secret of ['Hears voices', 'PHQ-9', 'trauma-focused', 'Worried about people at work', 'Probation practitioner and CPN', 'Moderate depression']) {
      assert.ok(!text.includes(secret), `the court summary includes “${secret}”`);
    }
    assert.ok(summary.openItems.every((item) => !['consent', 'presentingIssues', 'screeningResults', 'treatmentPlan'].includes(item.item)));
    // What the court does need is there.
    assert.equal(summary.treatmentProvider, 'Riverside CMHT');
    assert.equal(summary.assessor?.qualification, 'Community psychiatric nurse, forensic team');
    assert.equal(summary.reportComplete, true);
    assert.deepEqual(summary.conditions?.map((condition) => condition.met), [true, true, true]);
    assert.equal(summary.order?.placeOrPractitioner, 'Riverside Community Mental Health Team');
  });
});

describe('appointments', () => {
  const startsAt = at('2026-06-01T10:00:00Z');

  it('records an outcome once: a second is refused, saying what the first was and who recorded it', () => {
    const first = checkAttendance({ startsAt, outcome: null, outcomeRecordedBy: null, outcomeRecordedAt: null }, { outcome: 'attended', note: '' }, at('2026-06-01T11:00:00Z'));
    assert.equal(first.ok, true);
    const second = checkAttendance({ startsAt, outcome: 'attended', outcomeRecordedBy: 'Jo Bloggs', outcomeRecordedAt: at('2026-06-01T11:00:00Z') }, { outcome: 'missed', note: '' }, at('2026-06-01T12:00:00Z'));
    assert.equal(second.ok, false);
    assert.match(second.ok ? '' : second.problems[0]!.message, /already recorded as “attended” by Jo Bloggs: an appointment’s outcome cannot be recorded twice/);
  });

  it('records attendance only once the appointment has started, and a rearrangement only before', () => {
    const fresh = { startsAt, outcome: null, outcomeRecordedBy: null, outcomeRecordedAt: null };
    assert.equal(checkAttendance(fresh, { outcome: 'attended', note: '' }, at('2026-06-01T09:00:00Z')).ok, false);
    assert.equal(checkAttendance(fresh, { outcome: 'rearranged-in-advance', note: '' }, at('2026-06-01T09:00:00Z')).ok, true);
    assert.equal(checkAttendance(fresh, { outcome: 'rearranged-in-advance', note: '' }, at('2026-06-01T10:30:00Z')).ok, false);
    const absence = checkAttendance(fresh, { outcome: 'acceptable-absence', note: '' }, at('2026-06-01T10:30:00Z'));
    assert.deepEqual(absence.ok ? [] : absence.problems.map((problem) => problem.field), ['note']);
  });
});

describe('decisions on non-compliance', () => {
  const input: ComplianceDecisionInput = {
    decidedOn: day('2026-06-02'),
    decision: 'warning',
    appointmentIds: ['a1'],
    whatHappened: 'Missed the treatment appointment of 1 June',
    providerView: 'Engaging well otherwise; a warning would be proportionate',
    providerViewFrom: 'Key worker at the CMHT',
    reason: 'First missed appointment',
  };

  it('needs the provider’s view, and covers only missed appointments without a decision', () => {
    assert.equal(checkComplianceDecision(input, ['a1'], today.add({ days: 30 })).ok, true);
    const withoutView = checkComplianceDecision({ ...input, providerView: '' }, ['a1'], today.add({ days: 30 }));
    assert.deepEqual(withoutView.ok ? [] : withoutView.problems.map((problem) => problem.field), ['providerView']);
    const alreadyDecided = checkComplianceDecision(input, [], today.add({ days: 30 }));
    assert.deepEqual(alreadyDecided.ok ? [] : alreadyDecided.problems.map((problem) => problem.field), ['appointmentIds']);
  });

  it('starts breach proceedings only after a decision to breach', () => {
    const base = caseState(
      steps(
        [screening, '2026-04-20T10:00:00Z'],
        [report, '2026-04-22T10:00:00Z'],
        [{ kind: 'assessment', value: assessment }, '2026-05-01T10:00:00Z'],
        [{ kind: 'private-consent', value: consent }, '2026-05-02T10:00:00Z'],
        [{ kind: 'court-decision', value: decision }, '2026-05-10T10:00:00Z'],
        [{ kind: 'order', value: order }, '2026-05-10T11:00:00Z'],
        [{ kind: 'allocation', value: { riskLevel: 'medium', practitionerUserId: 'u', practitionerName: 'Pat', practitionerGrade: 'probation-services-officer' } }, '2026-05-11T10:00:00Z'],
      ),
    );
    const breach: MhtrStep = { kind: 'breach', value: { startedOn: day('2026-06-10'), court: 'Riverside Magistrates', grounds: 'Repeated missed appointments' } };
    assert.deepEqual(stepRefusals(base, breach).map((problem) => problem.field), ['decision']);
    const warned = { ...base, decisions: [{ ...input, decidedOn: day('2026-06-02'), decision: 'warning' as const, appointmentIds: [] }] };
    assert.deepEqual(stepRefusals(warned, breach).map((problem) => problem.field), ['decision']);
    const decided = { ...base, decisions: [{ ...input, decidedOn: day('2026-06-02'), decision: 'breach' as const, appointmentIds: [] }] };
    assert.deepEqual(stepRefusals(decided, breach), []);
  });
});

describe('allocation by risk', () => {
  it('gives a high-risk case only to a probation officer', () => {
    const refused = checkAllocation({ riskLevel: 'high', practitionerUserId: 'u', practitionerGrade: 'probation-services-officer' }, 'Pat');
    assert.deepEqual(refused.ok ? [] : refused.problems.map((problem) => problem.message), ['A high-risk case is held by a probation officer']);
    assert.equal(checkAllocation({ riskLevel: 'low', practitionerUserId: 'u', practitionerGrade: 'probation-services-officer' }, 'Pat').ok, true);
  });
});

describe('stages, time and figures', () => {
  it('moves through the stages and measures the time at each', () => {
    const state = caseState(steps([screening, '2026-04-20T10:00:00Z'], [report, '2026-04-22T10:00:00Z'], [{ kind: 'assessment', value: assessment }, '2026-05-01T10:00:00Z']));
    assert.deepEqual(state.history.map((entry) => entry.stage), ['screening', 'pre-sentence-report', 'assessment']);
    const spells = stageSpells(state.history, at('2026-05-03T10:00:00Z'));
    assert.deepEqual(spells.map((spell) => spell.hours), [48, 216, 48]);
    assert.equal(spells[2]!.leftAt, null);
  });

  it('ends the case when the court does not make the requirement, counting it as a drop-out with that reason', () => {
    const state = caseState(
      steps(
        [screening, '2026-04-20T10:00:00Z'],
        [report, '2026-04-22T10:00:00Z'],
        [{ kind: 'court-decision', value: { ...decision, outcome: 'requirement-not-made', conditionsMet: [], reason: 'Other sentence' } }, '2026-05-10T10:00:00Z'],
      ),
    );
    assert.equal(state.stage, 'left-pathway');
    assert.equal(state.leaving?.reason, 'court-did-not-make-requirement');
    const figures = pathwayFigures([{ personId: 'p', stage: state.stage, history: state.history, leavingReason: 'court-did-not-make-requirement' }], { withRequirement: 1, all: 8 }, at('2026-05-20T10:00:00Z'));
    assert.deepEqual(figures.dropOuts.map((item) => [item.reason, item.cases]), [['court-did-not-make-requirement', 1]]);
    assert.deepEqual(figures.leftFrom, [{ stage: 'pre-sentence-report', cases: 1 }]);
    assert.equal(figures.uptake.percent, 12.5);
    assert.equal(figures.stages.find((item) => item.stage === 'left-pathway')!.people, 1);
  });

  it('refuses steps once the case has ended, except its closing review', () => {
    const ended = { ...caseReadyForCourt(), stage: 'completed' as const };
    assert.match(stepRefusals(ended, { kind: 'assessment', value: assessment })[0]!.message, /the case has ended/);
    assert.deepEqual(stepRefusals(ended, { kind: 'closing-review', value: { reviewedOn: today, outcomes: 'x', whatHelped: 'x', whatGotInTheWay: 'x', onwardSupport: 'x' } }), []);
  });
});

describe('the person’s plan', () => {
  it('says in plain words what the order asks, what is coming up and what happened', () => {
    const state = { ...caseReadyForCourt(), stage: 'supervision' as const, order, placement: { providerAgencyId: 'x', providerName: 'Riverside CMHT', startsOn: day('2026-05-11'), keyWorker: 'Alex' } };
    const plan = personPlan(
      state,
      [
        { id: '1', kind: 'treatment', startsAt: at('2026-05-12T10:00:00Z'), place: 'Clinic', withWhom: 'Alex', outcome: 'attended' },
        { id: '2', kind: 'supervision', startsAt: at('2026-05-25T10:00:00Z'), place: 'Probation office', withWhom: 'Pat', outcome: null },
      ],
      at('2026-05-20T10:00:00Z'),
    );
    assert.equal(plan.whereYouAre, 'You are going to your appointments');
    assert.ok(plan.whatYourOrderAsks.includes('You will also get help with alcohol'));
    assert.deepEqual(plan.comingUp.map((item) => item.what), ['Meeting with your probation practitioner']);
    assert.deepEqual(plan.past.map((item) => item.whatHappened), ['You came']);
  });
});
