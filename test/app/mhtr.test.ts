import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppContext } from '../../src/app/context.ts';
import { InvalidInput, PolicyDenied } from '../../src/app/errors.ts';
import { bookAppointment, recordAttendance } from '../../src/app/mhtr/appointments.ts';
import { courtSummaryFor, pathwayDashboard, personPlanFor, probationCaseload, treatmentProviderList, viewCase } from '../../src/app/mhtr/case-views.ts';
import { recordCommunityOrder } from '../../src/app/mhtr/community-orders.ts';
import {
  allocateCase,
  completeRequirement,
  openCaseFromScreening,
  placeWithProvider,
  recordAssessment,
  recordClosingReview,
  recordComplianceDecision,
  recordCourtDecision,
  recordEngagement,
  recordOrder,
  recordPreSentenceReport,
  recordPrivateConsent,
  recordReportChecklist,
} from '../../src/app/mhtr/pathway-steps.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import type { CourtDecisionInput, OrderInput } from '../../src/domain/mhtr/court.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { auditEntriesAbout } from '../support/audit.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff, involve } from '../support/harness.ts';

interface Staff {
  userId: string;
  agencyId: string;
  agencyName: string;
  role: Role;
  label: string;
}

// Asserts that `work` is refused with InvalidInput, naming `field` with a message matching `message`.
async function refusedWith(work: Promise<unknown>, field: string, message: RegExp): Promise<void> {
  await assert.rejects(work, (error: unknown) => {
    assert.ok(error instanceof InvalidInput, `expected InvalidInput, got ${String(error)}`);
    const problem = error.problems.find((item) => item.field === field);
    assert.ok(problem, `no problem on ${field}: ${JSON.stringify(error.problems)}`);
    assert.match(problem.message, message);
    return true;
  });
}

describe('the mental health treatment requirement pathway', () => {
  let database: TestDatabase;
  // One clock for every actor, moved forward by the tests.
  let now = Temporal.Instant.from('2026-04-20T09:00:00Z');
  const day = () => now.toZonedDateTimeISO('Europe/London').toPlainDate();
  let liaison: Staff;
  let reportWriter: Staff;
  let practitioner: Staff;
  let senior: Staff;
  let nurse: Staff;
  let courtOfficer: Staff;
  let otherProbation: Staff;
  let guardian: Staff;
  let personId: string;
  let caseId: string;

  async function staff(username: string, role: Role, agencyKind: AgencyKind, agencyName: string): Promise<Staff> {
    const added = await addStaff(database.db, { username, role, agencyKind, agencyName, displayName: `Test ${username}` });
    return { userId: added.userId, agencyId: added.agencyId, agencyName, role, label: `Test ${username}` };
  }

  function as(member: Staff, purpose = 'Working the pathway'): AppContext {
    return {
      db: database.db,
      now: () => now,
      purpose,
      actor: { kind: 'user', userId: member.userId, label: member.label, role: member.role, agencyId: member.agencyId, agencyName: member.agencyName },
    };
  }

  function decision(overrides: Partial<CourtDecisionInput> = {}): CourtDecisionInput {
    return { decidedOn: day(), court: 'Riverside Magistrates’ Court', outcome: 'requirement-made', conditionsMet: ['requires-treatment', 'arrangements', 'willingness'], assessorAccepted: 'accepted', reason: '', ...overrides };
  }

  function order(): OrderInput {
    return {
      madeOn: day(),
      orderKind: 'community-order',
      requirementStartsOn: day(),
      requirementEndsOn: day().add({ months: 12 }),
      treatmentKind: 'institution-based-out-patient',
      placeOrPractitioner: 'Riverside Community Mental Health Team',
      otherRequirements: ['supervision', 'alcohol-treatment'],
    };
  }

  before(async () => {
    database = await freshDatabase();
    liaison = await staff('liaison', 'liaison-and-diversion-practitioner', 'liaison-and-diversion', 'Riverside Liaison and Diversion');
    reportWriter = await staff('psr', 'probation-practitioner', 'probation-service', 'Riverside Probation');
    practitioner = await staff('officer', 'probation-practitioner', 'probation-service', 'Riverside Probation');
    senior = await staff('senior', 'senior-probation-officer', 'probation-service', 'Riverside Probation');
    nurse = await staff('nurse', 'mental-health-nurse', 'mental-health-trust', 'Riverside Mental Health Trust');
    courtOfficer = await staff('clerk', 'court-officer', 'court', 'Riverside Magistrates’ Court');
    otherProbation = await staff('elsewhere', 'probation-practitioner', 'probation-service', 'Hilltown Probation');
    guardian = await staff('guardian', 'caldicott-guardian', 'mental-health-trust', 'Riverside Mental Health Trust');
    const outcome = await registerPerson(
      as(liaison),
      {
        givenNames: 'Helen',
        familyName: 'Ward',
        preferredName: null,
        otherNames: null,
        dateOfBirth: null,
        nhsNumber: null,
        pncId: null,
        probationReference: null,
        address: null,
        preferredLanguage: null,
        interpreterNeeded: false,
        communicationNeeds: null,
      },
      { confirmedNewPerson: true },
    );
    assert.equal(outcome.kind, 'registered');
    personId = outcome.kind === 'registered' ? outcome.personId : '';
    // As the custody referral and the court's listing would.
    await involve(database.db, personId, reportWriter.agencyId);
    await involve(database.db, personId, nurse.agencyId);
    await involve(database.db, personId, courtOfficer.agencyId);
  });

  after(() => database.close());

  it('opens a case from the custody screening, one open case at a time', async () => {
    const screening = { screenedOn: day(), place: 'Riverside custody suite', screeningTool: 'Liaison and diversion screening', findings: 'Low mood since losing her job', suggestsRequirement: 'yes', referralId: null };
    await assert.rejects(openCaseFromScreening(as(reportWriter), personId, screening), (error: unknown) => error instanceof PolicyDenied);
    ({ caseId } = await openCaseFromScreening(as(liaison), personId, screening));
    await refusedWith(openCaseFromScreening(as(liaison), personId, screening), 'stage', /already has a case/);
    await refusedWith(openCaseFromScreening(as(liaison), personId, { ...screening, screeningTool: ' ' }), 'screeningTool', /Enter the screening tool/);
    const view = await viewCase(as(liaison), caseId);
    assert.equal(view.stage, 'screening');
  });

  it('takes the case through the report, the assessment and consent agreed in private', async () => {
    now = now.add({ hours: 48 });
    await recordPreSentenceReport(as(reportWriter), caseId, {
      requestedOn: day(),
      court: 'Riverside Magistrates’ Court',
      hearingOn: day().add({ days: 21 }),
      author: 'Test psr',
      suggestedAssessor: 'Riverside forensic community mental health team',
      registeredWithGeneralPractitioner: 'yes',
    });
    now = now.add({ hours: 24 * 7 });
    await recordAssessment(as(nurse), caseId, {
      assessedOn: day(),
      assessorName: 'Test nurse',
      assessorQualification: 'Registered mental health nurse, forensic community team',
      assessorOrganisation: 'Riverside Mental Health Trust',
      findings: 'Moderate depressive episode; no psychosis',
      recommendsRequirement: 'yes',
      courtAcceptance: 'not-yet-decided',
    });
    // Probation's policy does not include clinical information: it confirms availability, not symptoms.
    await assert.rejects(recordReportChecklist(as(reportWriter), caseId, { presentingIssues: 'Low mood' }), (error: unknown) => error instanceof PolicyDenied);
    await recordReportChecklist(as(reportWriter), caseId, { treatmentAvailable: { confirmedBy: 'CMHT team manager', availableFrom: day().add({ days: 14 }) } });
    await recordReportChecklist(as(nurse), caseId, {
      presentingIssues: 'Low mood, poor sleep, drinking to cope',
      screeningResults: 'PHQ-9 score 17; AUDIT score 14',
      treatmentPlan: { plan: 'Twelve weekly sessions of behavioural activation', provider: 'Riverside Community Mental Health Team' },
      clinicalSignOff: { by: 'Dr Test Patel', authority: 'Consultant forensic psychiatrist' },
    });
    let view = await viewCase(as(nurse), caseId);
    assert.equal(view.stage, 'report');
    assert.deepEqual(view.missingFromReport.map((item) => item.item), ['consent']);
    // The court cannot make the requirement before the defendant's consent is on record.
    now = now.add({ hours: 24 });
    await refusedWith(recordCourtDecision(as(courtOfficer), caseId, decision()), 'consent', /without the defendant’s consent/);
    await refusedWith(recordOrder(as(courtOfficer), caseId, order()), 'decision', /three conditions met .* and the defendant’s consent/);
    await recordPrivateConsent(as(nurse), caseId, { agreedOn: day(), toAssessment: true, toTreatment: true, howGiven: 'in-writing', whoWasPresent: 'Probation practitioner and mental health nurse', notes: 'Does not want her employer to learn of it' });
    view = await viewCase(as(nurse), caseId);
    assert.deepEqual(view.missingFromReport, []);
    assert.equal(view.steps.find((step) => step.kind === 'private-consent')?.private, true);
    // The audit says that consent was recorded, never what it says.
    const audit = await auditEntriesAbout(database.db, personId).execute();
    assert.ok(audit.some((entry) => entry.what.includes('consent, agreed in private')));
    assert.ok(!audit.some((entry) => entry.what.includes('employer')));
  });

  it('refuses the order without the three conditions, then records the court’s decision and the order', async () => {
    await refusedWith(recordCourtDecision(as(courtOfficer), caseId, decision({ conditionsMet: ['requires-treatment', 'willingness'] })), 'conditionsMet', /arrangements have been or can be made .*paragraph 17/);
    await assert.rejects(recordCourtDecision(as(reportWriter), caseId, decision()), (error: unknown) => error instanceof PolicyDenied && /court officer/.test(error.message));
    await recordCourtDecision(as(courtOfficer), caseId, decision());
    await recordOrder(as(courtOfficer), caseId, order());
    const view = await viewCase(as(courtOfficer), caseId);
    assert.equal(view.stage, 'order');
    assert.equal(view.known.assessment, null, 'the court does not see the clinical assessment');
    assert.equal(view.steps.find((step) => step.kind === 'assessment')?.step, null);
    await refusedWith(recordOrder(as(courtOfficer), caseId, order()), 'stage', /cannot be recorded now/);
  });

  it('keeps everything private out of the court summary', async () => {
    const summary = await courtSummaryFor(as(courtOfficer), caseId);
    const text = JSON.stringify(summary);
    for (const secret of ['employer', 'PHQ-9', 'behavioural activation', 'Low mood', 'Moderate depressive']) assert.ok(!text.includes(secret), `the court summary includes “${secret}”`);
    assert.equal(summary.treatmentProvider, 'Riverside Community Mental Health Team');
    assert.equal(summary.assessor?.courtAcceptance, 'The court accepted the assessor');
    assert.equal(summary.reportComplete, true);
  });

  it('allocates by risk, places with the provider, books appointments and records attendance once', async () => {
    now = now.add({ hours: 24 });
    await refusedWith(allocateCase(as(senior), caseId, { riskLevel: 'high', practitionerUserId: practitioner.userId, practitionerGrade: 'probation-services-officer' }), 'practitionerGrade', /high-risk case is held by a probation officer/);
    await refusedWith(allocateCase(as(senior), caseId, { riskLevel: 'medium', practitionerUserId: nurse.userId, practitionerGrade: 'probation-officer' }), 'practitionerUserId', /probation practitioner on Accord/);
    await allocateCase(as(senior), caseId, { riskLevel: 'medium', practitionerUserId: practitioner.userId, practitionerGrade: 'probation-officer' });
    await placeWithProvider(as(practitioner), caseId, { providerAgencyId: nurse.agencyId, startsOn: day().add({ days: 7 }), keyWorker: 'Test nurse' });
    const starts = [1, 8, 15, 22].map((days) => now.add({ hours: 24 * days }));
    const appointments: string[] = [];
    appointments.push((await bookAppointment(as(practitioner), caseId, { kind: 'supervision', startsAt: starts[0]!, place: 'Riverside probation office', withWhom: 'Test officer' })).appointmentId);
    for (const startsAt of starts.slice(1)) appointments.push((await bookAppointment(as(nurse), caseId, { kind: 'treatment', startsAt, place: 'Riverside CMHT clinic', withWhom: 'Test nurse' })).appointmentId);
    await assert.rejects(bookAppointment(as(nurse), caseId, { kind: 'supervision', startsAt: starts[0]!, place: 'x', withWhom: 'y' }), (error: unknown) => error instanceof PolicyDenied);
    assert.equal((await viewCase(as(practitioner), caseId)).stage, 'supervision');
    await refusedWith(recordAttendance(as(practitioner), appointments[0]!, { outcome: 'attended', note: '' }), 'outcome', /only once the appointment has started/);
    now = now.add({ hours: 24 * 23 });
    await recordAttendance(as(practitioner), appointments[0]!, { outcome: 'attended', note: '' });
    await recordAttendance(as(nurse), appointments[1]!, { outcome: 'attended', note: '' });
    await recordAttendance(as(nurse), appointments[2]!, { outcome: 'attended', note: '' });
    await recordAttendance(as(nurse), appointments[3]!, { outcome: 'missed', note: 'No contact' });
    await refusedWith(recordAttendance(as(practitioner), appointments[3]!, { outcome: 'attended', note: '' }), 'outcome', /already recorded as “missed” by Test nurse: an appointment’s outcome cannot be recorded twice/);
    const view = await viewCase(as(practitioner), caseId);
    assert.deepEqual([view.attendance.attended, view.attendance.missed], [3, 1]);
    assert.deepEqual(view.appointments.filter((item) => item.awaitingDecision).map((item) => item.id), [appointments[3]]);
  });

  it('records engagement and the probation practitioner’s decision with the provider’s view, and shows both lists', async () => {
    await recordEngagement(as(nurse), caseId, { recordedOn: day(), level: 'partly-engaging', note: 'Missed the last session after a family crisis' });
    await assert.rejects(recordEngagement(as(practitioner), caseId, { recordedOn: day(), level: 'engaging', note: 'x' }), (error: unknown) => error instanceof PolicyDenied);
    const missed = (await viewCase(as(practitioner), caseId)).appointments.find((item) => item.awaitingDecision)!;
    const input = { decidedOn: day(), decision: 'warning', appointmentIds: [missed.id], whatHappened: 'Missed a treatment appointment', providerView: '', providerViewFrom: 'Test nurse', reason: 'First missed appointment' };
    await refusedWith(recordComplianceDecision(as(practitioner), caseId, input), 'providerView', /treatment provider’s view/);
    await assert.rejects(recordComplianceDecision(as(nurse), caseId, { ...input, providerView: 'A warning is proportionate' }), (error: unknown) => error instanceof PolicyDenied);
    await recordComplianceDecision(as(practitioner), caseId, { ...input, providerView: 'A warning is proportionate; otherwise engaging' });
    await refusedWith(recordComplianceDecision(as(practitioner), caseId, { ...input, providerView: 'Again' }), 'appointmentIds', /do not yet have a decision/);

    const caseload = await probationCaseload(as(practitioner));
    assert.equal(caseload.length, 1);
    assert.equal(caseload[0]!.personName, 'Helen Ward');
    assert.deepEqual([caseload[0]!.attendance.attended, caseload[0]!.attendance.missed, caseload[0]!.missedAwaitingDecision], [3, 1, 0]);
    assert.equal(caseload[0]!.lastDecision?.decision, 'Warning');
    assert.equal(caseload[0]!.riskLevel, 'Medium');
    assert.deepEqual(await probationCaseload(as(otherProbation)), []);

    const providerList = await treatmentProviderList(as(nurse));
    assert.equal(providerList.length, 1);
    assert.equal(providerList[0]!.lastEngagement?.level, 'Partly engaging');
    // Probation sees attendance, not the provider's clinical notes.
    const probationView = await viewCase(as(practitioner), caseId);
    assert.equal(probationView.steps.find((step) => step.kind === 'engagement')?.step, null);
    assert.ok(probationView.nextSteps.includes('compliance-decision'));
    assert.ok(!probationView.nextSteps.includes('engagement'));
  });

  it('refuses a member of staff who is not involved with the person', async () => {
    await assert.rejects(recordComplianceDecision(as(otherProbation), caseId, { decidedOn: day(), decision: 'no-action', appointmentIds: [], whatHappened: 'x', providerView: 'x', providerViewFrom: 'x', reason: 'x' }), (error: unknown) => error instanceof PolicyDenied);
    await assert.rejects(viewCase(as(otherProbation), caseId), (error: unknown) => error instanceof PolicyDenied);
  });

  it('gives the person their plan in plain words', async () => {
    const plan = await personPlanFor(as(practitioner), caseId);
    assert.equal(plan.probationPractitioner, 'Test officer');
    assert.equal(plan.treatmentService?.name, 'Riverside Mental Health Trust');
    assert.deepEqual(plan.past.map((item) => item.whatHappened), ['You missed this one', 'You came', 'You came', 'You came']);
    assert.ok(plan.whatYourOrderAsks.includes('You will also get help with alcohol'));
  });

  it('completes the requirement, closes the case after review, and shows it on the dashboard', async () => {
    now = now.add({ hours: 24 * 30 });
    await refusedWith(recordClosingReview(as(practitioner), caseId, { reviewedOn: day(), outcomes: 'x', whatHelped: 'x', whatGotInTheWay: 'x', onwardSupport: 'x' }), 'stage', /cannot be recorded now/);
    await completeRequirement(as(practitioner), caseId, { completedOn: day(), how: 'ended-early-for-good-progress', note: 'Stable; the court ended the order early' });
    await recordClosingReview(as(practitioner), caseId, { reviewedOn: day(), outcomes: 'Stable mood, in work', whatHelped: 'Weekly sessions', whatGotInTheWay: 'A family crisis', onwardSupport: 'GP review in three months' });
    const view = await viewCase(as(practitioner), caseId);
    assert.equal(view.stage, 'closed');
    assert.deepEqual(
      view.spells.map((spell) => spell.stage),
      ['screening', 'pre-sentence-report', 'assessment', 'report', 'court-decision', 'order', 'allocation', 'placement', 'supervision', 'completed', 'closed'],
    );
    assert.equal(view.spells[0]!.hours, 48);

    await refusedWith(recordCommunityOrder(as(courtOfficer), { madeOn: day(), orderKind: 'community-order', requirements: ['mental-health-treatment'] }), 'requirements', /pathway case/);
    await recordCommunityOrder(as(courtOfficer), { madeOn: day(), orderKind: 'community-order', requirements: ['unpaid-work', 'curfew'] });
    await assert.rejects(pathwayDashboard(as(practitioner)), (error: unknown) => error instanceof PolicyDenied);
    const figures = await pathwayDashboard(as(guardian));
    assert.deepEqual(figures.uptake, { ordersWithRequirement: 1, allCommunityOrders: 2, percent: 50 });
    assert.equal(figures.stages.find((item) => item.stage === 'closed')!.people, 1);
    assert.equal(figures.stages.find((item) => item.stage === 'screening')!.medianDays, 2);
  });

  it('counts a case the court did not make the requirement for as a drop-out, with the reason', async () => {
    const outcome = await registerPerson(
      as(liaison),
      { givenNames: 'Mark', familyName: 'Dale', preferredName: null, otherNames: null, dateOfBirth: null, nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null },
      { confirmedNewPerson: true },
    );
    const markId = outcome.kind === 'registered' ? outcome.personId : '';
    await involve(database.db, markId, reportWriter.agencyId);
    await involve(database.db, markId, courtOfficer.agencyId);
    const { caseId: markCase } = await openCaseFromScreening(as(liaison), markId, { screenedOn: day(), place: 'Riverside custody suite', screeningTool: 'Liaison and diversion screening', findings: 'Anxiety', suggestsRequirement: 'yes', referralId: null });
    await recordPreSentenceReport(as(reportWriter), markCase, { requestedOn: day(), court: 'Riverside Magistrates’ Court', hearingOn: day(), author: 'Test psr', suggestedAssessor: 'CMHT', registeredWithGeneralPractitioner: 'no' });
    await refusedWith(recordCourtDecision(as(courtOfficer), markCase, decision({ outcome: 'requirement-not-made', conditionsMet: [] })), 'reason', /why the court did not make/);
    await recordCourtDecision(as(courtOfficer), markCase, decision({ outcome: 'requirement-not-made', conditionsMet: [], reason: 'No treatment available in time' }));
    const figures = await pathwayDashboard(as(guardian));
    assert.deepEqual(figures.dropOuts.map((item) => [item.reason, item.cases]), [['court-did-not-make-requirement', 1]]);
    assert.deepEqual(figures.leftFrom, [{ stage: 'pre-sentence-report', cases: 1 }]);
  });
});
