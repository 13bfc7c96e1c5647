import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppContext } from '../../src/app/context.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { addStaff, cookieHeader, cookiesFrom, involve, startTestApp, TestClient, type TestApp } from '../support/harness.ts';

// The community-sentence pathway's pages, driven as a member of staff would: each party's forms and
// views, from the liaison and diversion screening to attended and missed appointments.

type Pairs = [string, string][];

function dayBoxes(name: string, day: Temporal.PlainDate): Pairs {
  return [
    [`${name}-day`, String(day.day)],
    [`${name}-month`, String(day.month)],
    [`${name}-year`, String(day.year)],
  ];
}

function timeBoxes(name: string, instant: Temporal.Instant): Pairs {
  const zoned = instant.toZonedDateTimeISO('Europe/London');
  return [...dayBoxes(name, zoned.toPlainDate()), [`${name}-time`, `${String(zoned.hour).padStart(2, '0')}:${String(zoned.minute).padStart(2, '0')}`]];
}

// Repeated names (checkboxes) need pairs rather than a record.
async function send(test: TestApp, client: TestClient, url: string, pairs: Pairs) {
  const payload = new URLSearchParams([...pairs, ['_csrf', client.csrfToken]]);
  const response = await test.app.inject({ method: 'POST', url, headers: { cookie: cookieHeader(client.jar), 'content-type': 'application/x-www-form-urlencoded' }, payload: payload.toString() });
  cookiesFrom(response.headers['set-cookie'], client.jar);
  return response;
}

// The error summary's entries: each message, with the field it links to (null when it links nowhere).
function errorSummary(body: string): { text: string; href: string | null }[] {
  const summary = /<div class="govuk-error-summary[\s\S]*?<ul class="govuk-list govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(body);
  if (!summary) return [];
  return [...summary[1]!.matchAll(/<li>\s*(?:<a href="([^"]*)">([\s\S]*?)<\/a>|([\s\S]*?))\s*<\/li>/g)].map((match) => ({ href: match[1] ?? null, text: (match[2] ?? match[3] ?? '').trim() }));
}

function decode(text: string): string {
  return text.replaceAll('&#39;', '’').replaceAll('&amp;', '&').replaceAll('&quot;', '"');
}

describe('community-sentence pathway pages', () => {
  let test: TestApp;
  const today = Temporal.Now.zonedDateTimeISO('Europe/London').toPlainDate();
  let personId = '';
  let otherPersonId = '';
  let caseId = '';
  let caseUrl = '';
  const staff: Record<string, { userId: string; agencyId: string }> = {};
  const clients: Record<string, TestClient> = {};

  async function member(username: string, role: Role, agencyKind: AgencyKind, agencyName: string) {
    staff[username] = await addStaff(test.db, { username, role, agencyKind, agencyName, displayName: `Test ${username}` });
    const client = new TestClient(test.app);
    await client.signIn(username);
    clients[username] = client;
  }

  before(async () => {
    test = await startTestApp();
    await member('liaison', 'liaison-and-diversion-practitioner', 'liaison-and-diversion', 'Riverside Liaison and Diversion');
    await member('psr', 'probation-practitioner', 'probation-service', 'Riverside Probation');
    await member('officer', 'probation-practitioner', 'probation-service', 'Riverside Probation');
    await member('senior', 'senior-probation-officer', 'probation-service', 'Riverside Probation');
    await member('nurse', 'mental-health-nurse', 'mental-health-trust', 'Riverside Mental Health Trust');
    await member('clerk', 'court-officer', 'court', 'Riverside Magistrates’ Court');
    await member('amhp', 'amhp', 'local-authority', 'Riverside Council');
    await member('guardian', 'caldicott-guardian', 'mental-health-trust', 'Riverside Mental Health Trust');
    const liaison = staff.liaison!;
    const context: AppContext = {
      db: test.db,
      now: () => Temporal.Now.instant(),
      purpose: 'Test set-up',
      actor: { kind: 'user', userId: liaison.userId, label: 'Test liaison', role: 'liaison-and-diversion-practitioner', agencyId: liaison.agencyId, agencyName: 'Riverside Liaison and Diversion' },
    };
    const person = (givenNames: string, familyName: string) =>
      registerPerson(
        context,
        { givenNames, familyName, preferredName: null, otherNames: null, dateOfBirth: null, nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null },
        { confirmedNewPerson: true },
      );
    const helen = await person('Helen', 'Ward');
    personId = helen.kind === 'registered' ? helen.personId : '';
    const mark = await person('Mark', 'Dale');
    otherPersonId = mark.kind === 'registered' ? mark.personId : '';
    for (const id of [personId, otherPersonId]) {
      for (const agency of ['psr', 'nurse', 'clerk', 'amhp']) await involve(test.db, id, staff[agency]!.agencyId);
    }
  });
  after(() => test.close());

  it('opens a case from the screening form, refusing bad input by naming the field', async () => {
    const liaison = clients.liaison!;
    const cases = await liaison.get(`/people/${personId}/community-sentence`);
    assert.equal(cases.statusCode, 200);
    assert.match(cases.body, /Helen Ward has no case on the pathway/);
    assert.match(cases.body, /Open a case from a liaison and diversion screening/);
    const form = await liaison.get(`/people/${personId}/community-sentence/open`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<label class="govuk-label govuk-label--s" for="screeningTool">/);
    const screening: Pairs = [...dayBoxes('screenedOn', today), ['place', 'Riverside custody suite'], ['screeningTool', ' '], ['findings', 'Low mood since losing her job'], ['suggestsRequirement', 'yes']];
    const refused = await send(test, liaison, `/people/${personId}/community-sentence/open`, screening);
    assert.equal(refused.statusCode, 400);
    assert.deepEqual(errorSummary(refused.body), [{ text: 'Enter the screening tool used', href: '#screeningTool' }]);
    // An impossible date is named as the boxes show it, not as "enter the date".
    const withTool: Pairs = screening.map(([name, value]) => [name, name === 'screeningTool' ? 'L&D screen' : value]);
    const badDate = await send(test, liaison, `/people/${personId}/community-sentence/open`, [...withTool.filter(([name]) => !name.startsWith('screenedOn-')), ['screenedOn-day', '31'], ['screenedOn-month', '2'], ['screenedOn-year', String(today.year)]]);
    assert.equal(badDate.statusCode, 400);
    assert.deepEqual(errorSummary(badDate.body).map((item) => item.href), ['#screenedOn-day']);
    assert.equal(await test.db.selectFrom('mhtr_cases').select('id').where('person_id', '=', personId).executeTakeFirst(), undefined, 'nothing half-saved');

    // Probation's policy does not include clinical information, which a screening is; it is not offered.
    assert.doesNotMatch((await clients.psr!.get(`/people/${personId}/community-sentence`)).body, /Open a case from a liaison/);
    assert.equal((await clients.psr!.get(`/people/${personId}/community-sentence/open`)).statusCode, 403);
    // An AMHP may read clinical information but does not screen in custody: the page says who does, with no form.
    const amhpForm = await clients.amhp!.get(`/people/${personId}/community-sentence/open`);
    assert.equal(amhpForm.statusCode, 200);
    assert.match(amhpForm.body, /Screenings are recorded by a liaison and diversion practitioner, a mental health nurse or a psychiatrist/);
    assert.doesNotMatch(amhpForm.body, /name="screeningTool"/);

    const opened = await send(test, liaison, `/people/${personId}/community-sentence/open`, [...screening.filter(([name]) => name !== 'screeningTool'), ['screeningTool', 'Liaison and diversion screening']]);
    assert.equal(opened.statusCode, 303);
    caseUrl = opened.headers.location!.split('?')[0]!;
    caseId = caseUrl.split('/').at(-1)!;
    const page = await liaison.get(opened.headers.location!);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Liaison and diversion screening was recorded/);
    assert.match(page.body, /<dt class="govuk-summary-list__key">\s*Stage\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Liaison and diversion screening/);
    assert.match(page.body, /Riverside custody suite/);
  });

  it('takes the case through the report, assessment, checklist and private consent, showing what is missing', async () => {
    const psr = clients.psr!;
    let page = await psr.get(caseUrl);
    assert.match(page.body, new RegExp(`href="${caseUrl}/steps/pre-sentence-report"`));
    assert.doesNotMatch(page.body, /steps\/assessment"/, 'probation is not offered the clinical assessment');
    const report = await send(test, psr, `${caseUrl}/steps/pre-sentence-report`, [
      ...dayBoxes('requestedOn', today),
      ['court', 'Riverside Magistrates’ Court'],
      ...dayBoxes('hearingOn', today.add({ days: 21 })),
      ['author', 'Test psr'],
      ['suggestedAssessor', 'Riverside forensic CMHT'],
      ['registeredWithGeneralPractitioner', 'yes'],
    ]);
    assert.equal(report.statusCode, 303);

    const nurse = clients.nurse!;
    const assessment = await send(test, nurse, `${caseUrl}/steps/assessment`, [
      ...dayBoxes('assessedOn', today),
      ['assessorName', 'Test nurse'],
      ['assessorQualification', 'Registered mental health nurse'],
      ['assessorOrganisation', 'Riverside Mental Health Trust'],
      ['findings', 'Moderate depressive episode'],
      ['recommendsRequirement', 'yes'],
      ['courtAcceptance', 'not-yet-decided'],
    ]);
    assert.equal(assessment.statusCode, 303);

    // Probation confirms availability; its form has no clinical boxes.
    const probationChecklist = await psr.get(`${caseUrl}/steps/report-checklist`);
    assert.equal(probationChecklist.statusCode, 200);
    assert.doesNotMatch(probationChecklist.body, /id="presentingIssues"/);
    assert.equal((await send(test, psr, `${caseUrl}/steps/report-checklist`, [['treatmentConfirmedBy', 'CMHT team manager'], ...dayBoxes('treatmentAvailableFrom', today.add({ days: 14 }))])).statusCode, 303);
    const half = await send(test, nurse, `${caseUrl}/steps/report-checklist`, [['treatmentPlan', 'Twelve sessions of behavioural activation']]);
    assert.equal(half.statusCode, 400);
    assert.deepEqual(errorSummary(half.body), [{ text: 'Enter the treatment provider the plan names', href: '#treatmentProvider' }]);
    const checklist = await send(test, nurse, `${caseUrl}/steps/report-checklist`, [
      ['presentingIssues', 'Low mood, poor sleep, drinking to cope'],
      ['screeningResults', 'PHQ-9 score 17'],
      ['treatmentPlan', 'Twelve sessions of behavioural activation'],
      ['treatmentProvider', 'Riverside Community Mental Health Team'],
      ['clinicalSignOffBy', 'Dr Test Patel'],
      ['clinicalSignOffAuthority', 'Consultant forensic psychiatrist'],
    ]);
    assert.equal(checklist.statusCode, 303);
    page = await nurse.get(caseUrl);
    assert.match(page.body, /Report checklist/);
    assert.match(page.body, /Record the defendant’s consent to both assessment and treatment, agreed in private/);
    assert.equal((page.body.match(/>\s*Missing\s*</g) ?? []).length, 1, 'only consent is missing');

    // The court cannot make the requirement without consent: the refusal is about the case, not a box.
    const clerk = clients.clerk!;
    const decision: Pairs = [
      ...dayBoxes('decidedOn', today),
      ['court', 'Riverside Magistrates’ Court'],
      ['outcome', 'requirement-made'],
      ['conditionsMet', 'requires-treatment'],
      ['conditionsMet', 'arrangements'],
      ['conditionsMet', 'willingness'],
      ['assessorAccepted', 'accepted'],
    ];
    const early = await send(test, clerk, `${caseUrl}/steps/court-decision`, decision);
    assert.equal(early.statusCode, 400);
    assert.deepEqual(errorSummary(decode(early.body)), [{ text: 'The requirement cannot be made without the defendant’s consent to assessment and treatment, agreed in private: record it first', href: null }]);

    const consentForm = await nurse.get(`${caseUrl}/steps/private-consent`);
    assert.match(consentForm.body, /recorded as private and kept out of the court summary/);
    const noChoice = await send(test, nurse, `${caseUrl}/steps/private-consent`, [...dayBoxes('agreedOn', today), ['howGiven', 'in-writing'], ['whoWasPresent', 'Probation practitioner and nurse']]);
    assert.equal(noChoice.statusCode, 400);
    assert.deepEqual(errorSummary(noChoice.body), [{ text: 'Select what the defendant agreed to: assessment, treatment or both', href: '#toAssessment' }]);
    assert.match(noChoice.body, /id="toAssessment"/);
    const consent = await send(test, nurse, `${caseUrl}/steps/private-consent`, [
      ...dayBoxes('agreedOn', today),
      ['consentTo', 'assessment'],
      ['consentTo', 'treatment'],
      ['howGiven', 'in-writing'],
      ['whoWasPresent', 'Probation practitioner and nurse'],
      ['notes', 'Does not want her employer to learn of it'],
    ]);
    assert.equal(consent.statusCode, 303);
    page = await nurse.get(caseUrl);
    assert.doesNotMatch(page.body, />\s*Missing\s*</);
    assert.match(page.body, /Consent agreed in private \(private: not for open court\)/);
  });

  it('refuses the order without the three conditions, then records the decision and the order', async () => {
    const clerk = clients.clerk!;
    const form = await clerk.get(`${caseUrl}/steps/court-decision`);
    assert.match(form.body, /Sentencing Act 2020, Schedule 9, paragraph 17/);
    const partial = await send(test, clerk, `${caseUrl}/steps/court-decision`, [
      ...dayBoxes('decidedOn', today),
      ['court', 'Riverside Magistrates’ Court'],
      ['outcome', 'requirement-made'],
      ['conditionsMet', 'requires-treatment'],
      ['conditionsMet', 'willingness'],
      ['assessorAccepted', 'accepted'],
    ]);
    assert.equal(partial.statusCode, 400);
    const problems = errorSummary(decode(partial.body));
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.href, '#conditionsMet');
    assert.match(problems[0]!.text, /arrangements have been or can be made .*paragraph 17/);
    // What was chosen is kept.
    assert.match(partial.body, /value="willingness" checked/);

    const decided = await send(test, clerk, `${caseUrl}/steps/court-decision`, [
      ...dayBoxes('decidedOn', today),
      ['court', 'Riverside Magistrates’ Court'],
      ['outcome', 'requirement-made'],
      ['conditionsMet', 'requires-treatment'],
      ['conditionsMet', 'arrangements'],
      ['conditionsMet', 'willingness'],
      ['assessorAccepted', 'accepted'],
    ]);
    assert.equal(decided.statusCode, 303);
    const order = await send(test, clerk, `${caseUrl}/steps/order`, [
      ...dayBoxes('madeOn', today),
      ['orderKind', 'community-order'],
      ...dayBoxes('requirementStartsOn', today),
      ...dayBoxes('requirementEndsOn', today.add({ months: 12 })),
      ['treatmentKind', 'institution-based-out-patient'],
      ['placeOrPractitioner', 'Riverside Community Mental Health Team'],
      ['otherRequirements', 'alcohol-treatment'],
      ['otherRequirements', 'supervision'],
    ]);
    assert.equal(order.statusCode, 303);
    // A second order is refused by the case's stage, shown as a page that says why.
    const again = await clerk.get(`${caseUrl}/steps/order`);
    assert.equal(again.statusCode, 409);
    assert.match(decode(again.body), /Order cannot be recorded now: the case is at the stage “order made”/);
    // The court does not see the clinical steps' content.
    const page = await clerk.get(caseUrl);
    assert.doesNotMatch(page.body, /Moderate depressive episode/);
    assert.match(page.body, /Not shown: your agency’s sharing policy does not include clinical information/);
  });

  it('gives the court a summary with nothing private in it', async () => {
    const summary = await clients.clerk!.get(`${caseUrl}/court-summary`);
    assert.equal(summary.statusCode, 200);
    const body = decode(summary.body);
    for (const secret of ['employer', 'PHQ-9', 'behavioural activation', 'Low mood', 'Moderate depressive', 'Probation practitioner and nurse']) assert.ok(!body.includes(secret), `the court summary shows “${secret}”`);
    assert.match(body, /Riverside Community Mental Health Team/);
    assert.match(body, /The court accepted the assessor/);
    assert.match(body, /Complete/);
    assert.match(body, /Arrangements have been or can be made for the treatment[\s\S]*?<td class="govuk-table__cell">Yes<\/td>/);
    // Even a clinician, who may see the private items on the case, gets a summary without them.
    const nurseSummary = decode((await clients.nurse!.get(`${caseUrl}/court-summary`)).body);
    assert.ok(!nurseSummary.includes('employer') && !nurseSummary.includes('PHQ-9'));
  });

  it('allocates, places, books appointments and records attendance once', async () => {
    const senior = clients.senior!;
    const allocationForm = await senior.get(`${caseUrl}/steps/allocation`);
    assert.match(allocationForm.body, new RegExp(`<option value="${staff.officer!.userId}">Test officer \\(Riverside Probation\\)</option>`));
    const wrongGrade = await send(test, senior, `${caseUrl}/steps/allocation`, [['riskLevel', 'high'], ['practitionerUserId', staff.officer!.userId], ['practitionerGrade', 'probation-services-officer']]);
    assert.equal(wrongGrade.statusCode, 400);
    assert.deepEqual(errorSummary(wrongGrade.body), [{ text: 'A high-risk case is held by a probation officer', href: '#practitionerGrade' }]);
    assert.equal((await send(test, senior, `${caseUrl}/steps/allocation`, [['riskLevel', 'medium'], ['practitionerUserId', staff.officer!.userId], ['practitionerGrade', 'probation-officer']])).statusCode, 303);

    const officer = clients.officer!;
    const placementForm = await officer.get(`${caseUrl}/steps/placement`);
    assert.match(placementForm.body, /Riverside Mental Health Trust<\/option>/);
    assert.equal((await send(test, officer, `${caseUrl}/steps/placement`, [['providerAgencyId', staff.nurse!.agencyId], ...dayBoxes('startsOn', today), ['keyWorker', 'Test nurse']])).statusCode, 303);

    const noTime = await send(test, officer, `${caseUrl}/appointments/new`, [['kind', 'supervision'], ...dayBoxes('startsAt', today), ['place', 'Riverside probation office'], ['withWhom', 'Test officer']]);
    assert.equal(noTime.statusCode, 400);
    assert.deepEqual(errorSummary(noTime.body), [{ text: 'Date and time of the appointment must include a time, like 14:30', href: '#startsAt-time' }]);

    const now = Temporal.Now.instant();
    const past = [4, 3, 2, 1].map((days) => now.subtract({ hours: 24 * days }).round({ smallestUnit: 'minute', roundingMode: 'floor' }));
    assert.equal((await send(test, officer, `${caseUrl}/appointments/new`, [['kind', 'supervision'], ...timeBoxes('startsAt', past[0]!), ['place', 'Riverside probation office'], ['withWhom', 'Test officer']])).statusCode, 303);
    for (const startsAt of past.slice(1)) {
      assert.equal((await send(test, clients.nurse!, `${caseUrl}/appointments/new`, [['kind', 'treatment'], ...timeBoxes('startsAt', startsAt), ['place', 'Riverside CMHT clinic'], ['withWhom', 'Test nurse']])).statusCode, 303);
    }
    const upcoming = now.add({ hours: 24 * 7 }).round({ smallestUnit: 'minute', roundingMode: 'floor' });
    assert.equal((await send(test, officer, `${caseUrl}/appointments/new`, [['kind', 'supervision'], ...timeBoxes('startsAt', upcoming), ['place', 'Riverside probation office'], ['withWhom', 'Test officer']])).statusCode, 303);

    const appointments = await test.db.selectFrom('mhtr_appointments').select(['id', 'kind']).where('case_id', '=', caseId).orderBy('starts_at').execute();
    const attendance = (index: number) => `${caseUrl}/appointments/${appointments[index]!.id}/attendance`;
    assert.equal((await send(test, officer, attendance(0), [['outcome', 'attended']])).statusCode, 303);
    assert.equal((await send(test, clients.nurse!, attendance(1), [['outcome', 'attended']])).statusCode, 303);
    assert.equal((await send(test, clients.nurse!, attendance(2), [['outcome', 'attended']])).statusCode, 303);
    assert.equal((await send(test, clients.nurse!, attendance(3), [['outcome', 'missed'], ['note', 'No contact']])).statusCode, 303);
    const twice = await send(test, officer, attendance(3), [['outcome', 'attended']]);
    assert.equal(twice.statusCode, 400);
    assert.match(decode(twice.body), /already recorded as “missed” by Test nurse: an appointment’s outcome cannot be recorded twice/);
    const early = await send(test, officer, attendance(4), [['outcome', 'attended']]);
    assert.equal(early.statusCode, 400);
    assert.deepEqual(errorSummary(early.body), [{ text: 'Attendance can be recorded only once the appointment has started', href: '#outcome' }]);

    const page = await officer.get(caseUrl);
    assert.match(page.body, /3 attended, 1 missed of 5 booked/);
    assert.match(page.body, /Awaiting a decision on non-compliance/);
    assert.match(page.body, /Decision on non-compliance/);
    assert.match(page.body, /<th scope="row" class="govuk-table__header">Supervision and treatment<\/th>/);
  });

  it('records the probation practitioner’s decision with the provider’s view, and shows it on the caseload', async () => {
    const officer = clients.officer!;
    const form = await officer.get(`${caseUrl}/steps/compliance-decision`);
    assert.match(form.body, /name="appointmentIds"/);
    const missed = /name="appointmentIds" type="checkbox" value="([^"]+)"/.exec(form.body)![1]!;
    const noView = await send(test, officer, `${caseUrl}/steps/compliance-decision`, [...dayBoxes('decidedOn', today), ['decision', 'warning'], ['appointmentIds', missed], ['whatHappened', 'Missed a session'], ['providerViewFrom', 'Test nurse'], ['reason', 'First miss']]);
    assert.equal(noView.statusCode, 400);
    assert.deepEqual(errorSummary(decode(noView.body)), [{ text: 'Enter the treatment provider’s view', href: '#providerView' }]);
    const decided = await send(test, officer, `${caseUrl}/steps/compliance-decision`, [
      ...dayBoxes('decidedOn', today),
      ['decision', 'warning'],
      ['appointmentIds', missed],
      ['whatHappened', 'Missed a session'],
      ['providerView', 'A warning is proportionate'],
      ['providerViewFrom', 'Test nurse'],
      ['reason', 'First miss'],
    ]);
    assert.equal(decided.statusCode, 303);

    const caseload = await officer.get('/probation/caseload');
    assert.equal(caseload.statusCode, 200);
    assert.match(caseload.body, new RegExp(`<a class="govuk-link" href="${caseUrl}">Helen Ward</a>`));
    assert.match(caseload.body, /3 attended, 1 missed of 5 booked/);
    assert.match(caseload.body, /Warning, /);
    assert.match(caseload.body, /Medium/);
    const otherCaseload = await clients.psr!.get('/probation/caseload');
    assert.match(otherCaseload.body, /No case is allocated to you/);

    const engagement = await send(test, clients.nurse!, `${caseUrl}/steps/engagement`, [...dayBoxes('recordedOn', today), ['level', 'partly-engaging'], ['note', 'Missed a session after a family crisis']]);
    assert.equal(engagement.statusCode, 303);
    const providerList = await clients.nurse!.get('/treatment-provider/cases');
    assert.equal(providerList.statusCode, 200);
    assert.match(providerList.body, /Helen Ward/);
    assert.match(providerList.body, /Partly engaging/);
    // Probation sees attendance, not the provider's clinical note.
    assert.doesNotMatch((await officer.get(caseUrl)).body, /family crisis/);
  });

  it('gives the person their plan in plain words', async () => {
    const plan = await clients.officer!.get(`${caseUrl}/plan`);
    assert.equal(plan.statusCode, 200);
    const body = decode(plan.body);
    assert.match(body, /<h1 class="govuk-heading-l">Your plan<\/h1>/);
    assert.match(body, /You are going to your appointments/);
    assert.match(body, /You will also get help with alcohol/);
    assert.match(body, /Your probation practitioner: Test officer/);
    assert.match(body, /Meeting with your probation practitioner/);
    assert.match(body, /You missed this one/);
    assert.match(body, /If you cannot come to an appointment, tell your probation practitioner/);
    // No legal or clinical terms, nothing private, and no one else's notes.
    for (const term of ['Schedule 9', 'paragraph 17', 'non-compliance', 'breach', 'PHQ-9', 'employer', 'family crisis', 'Moderate depressive', 'institution-based']) assert.ok(!body.includes(term), `the plan says “${term}”`);
  });

  it('does not show one person’s case under another person’s address', async () => {
    const response = await clients.officer!.get(`/people/${otherPersonId}/community-sentence/${caseId}`);
    assert.equal(response.statusCode, 404);
    const step = await send(test, clients.clerk!, `/people/${otherPersonId}/community-sentence/${caseId}/steps/breach-outcome`, [['outcome', 'order-continues']]);
    assert.equal(step.statusCode, 404);
    assert.equal((await clients.officer!.get(`${caseUrl}/steps/not-a-step`)).statusCode, 404);
  });

  it('records community orders without the requirement and shows the dashboard with charts and CSV', async () => {
    const clerk = clients.clerk!;
    const form = await clerk.get('/community-sentences/community-orders/new');
    assert.equal(form.statusCode, 200);
    assert.doesNotMatch(form.body, /value="mental-health-treatment"/);
    const none = await send(test, clerk, '/community-sentences/community-orders/new', [...dayBoxes('madeOn', today), ['orderKind', 'community-order']]);
    assert.equal(none.statusCode, 400);
    assert.deepEqual(errorSummary(none.body), [{ text: 'Select at least one requirement of the order', href: '#requirements' }]);
    assert.equal((await send(test, clerk, '/community-sentences/community-orders/new', [...dayBoxes('madeOn', today), ['orderKind', 'community-order'], ['requirements', 'unpaid-work'], ['requirements', 'curfew']])).statusCode, 303);
    // Only the court records them; others are told so, with no form.
    const probationForm = await clients.officer!.get('/community-sentences/community-orders/new');
    assert.match(probationForm.body, /Community orders are recorded by a court officer/);
    assert.doesNotMatch(probationForm.body, /name="orderKind"/);

    assert.equal((await clients.officer!.get('/community-sentences/dashboard')).statusCode, 403);
    const dashboard = await clients.guardian!.get('/community-sentences/dashboard');
    assert.equal(dashboard.statusCode, 200);
    assert.match(dashboard.body, /1 of 2 community orders recorded carry a mental health treatment requirement \(50%\)/);
    assert.match(dashboard.body, /<svg class="accord-chart"[^>]*role="img"/);
    assert.match(dashboard.body, /<th scope="row" class="govuk-table__header">Supervision and treatment<\/th><td class="govuk-table__cell govuk-table__cell--numeric">1<\/td>/);
    assert.doesNotMatch(dashboard.body, /Helen/);
    const csv = await clients.guardian!.get('/community-sentences/dashboard.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /^"Measure","Category","Count"\r\n/);
    assert.match(csv.body, /"People at each stage now","Supervision and treatment","1"/);
    assert.match(csv.body, /"Uptake","All community orders recorded","2"/);
  });

  it('offers the pathway’s pages from the navigation', async () => {
    const hub = await clients.officer!.get('/community-sentences');
    assert.equal(hub.statusCode, 200);
    assert.match(hub.body, /href="\/community-sentences" aria-current="page">Community sentences</);
    assert.match(hub.body, /href="\/probation\/caseload"/);
    assert.doesNotMatch(hub.body, /href="\/community-sentences\/dashboard"/);
    assert.match((await clients.guardian!.get('/community-sentences')).body, /href="\/community-sentences\/dashboard"/);
  });
});
