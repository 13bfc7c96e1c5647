import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppContext } from '../../src/app/context.ts';
import { legalPositionOf } from '../../src/app/legal/legal-position.ts';
import { recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { createAgency, createStaff, createTeam } from '../../src/app/organisation/organisation.ts';
import { loadEntries } from '../../src/app/people/record-store.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { caseworkDeadlineKinds } from '../../src/app/restricted/case-view.ts';
import { escalateOverdueReports } from '../../src/app/restricted/report-escalation.ts';
import type { Deadline } from '../../src/domain/law/contract.ts';
import { dueKindLabels } from '../../src/domain/legal/due-items.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { isoDateTime } from '../../src/web/core/dates.ts';
import { involve, systemContext } from '../support/harness.ts';
import { openBrowser, serveApp, VisitedPages, type BrowserSession, type ServedApp } from '../support/browser.ts';
import { Journey } from '../support/journey.ts';

// A restricted patient's casework in a real browser, with the service's clock moved on between steps:
// Daniel Reyes, detained under a hospital order with restrictions (s37/41). His responsible clinician asks
// the Secretary of State for community leave; the Ministry of Justice caseworker refuses, and later
// consents with conditions, after which (and not before) the leave can be recorded. He is conditionally
// discharged by the Secretary of State with conditions; his clinical and social supervisors are named;
// the clinical supervisor's first report is filed on time and the social supervisor's is late, escalated by
// the sweep and then filed; a breach of the exclusion zone leads to a warrant of recall, his return to
// hospital, and the Secretary of State's reference to the tribunal within a month (s75(1)). At every step
// the casework page's clocks are exactly the law engine's. The victim liaison contact is recorded by the
// Ministry and never reaches the clinician. The Ministry's view shows what waits. axe checks every page.
describe('browser journey: a restricted patient from leave refused and granted to conditional discharge, supervisors’ reports and recall', () => {
  // Monday 2 March 2026, 10am in London (GMT).
  let clock = Temporal.Instant.from('2026-03-02T10:00:00Z');
  let served: ServedApp;
  let browser: BrowserSession;
  let visited: VisitedPages;
  let journey: Journey;
  let personId = '';
  let dischargedAt = clock;
  let returnedAt = clock;
  const agencies: Record<string, string> = {};
  const hub = () => `/people/${personId}/restricted`;

  async function agency(name: string, kind: AgencyKind): Promise<string> {
    agencies[name] = await createAgency(systemContext(served.db), { name, kind });
    return agencies[name];
  }

  async function member(username: string, displayName: string, role: Role, agencyName: string, teamId: string | null = null): Promise<{ userId: string; agencyId: string }> {
    const agencyId = agencies[agencyName]!;
    const userId = await createStaff(systemContext(served.db), { username, displayName, email: null, agencyId, teamId, role }, 'correct horse battery staple');
    return { userId, agencyId };
  }

  before(async () => {
    served = await serveApp({ now: () => clock });
    await agency('Wessex Partnership NHS Trust', 'mental-health-trust');
    await agency('Mental Health Casework Section', 'moj-casework');
    await agency('Dorset Council', 'local-authority');
    const ward = await createTeam(systemContext(served.db), agencies['Wessex Partnership NHS Trust']!, { name: 'Hawthorn ward' });
    const office = await member('office', 'Olu Adebayo', 'mha-administrator', 'Wessex Partnership NHS Trust', ward);
    await member('doctor', 'Dr Nadia Hale', 'responsible-clinician', 'Wessex Partnership NHS Trust', ward);
    await member('menon', 'Dr Ravi Menon', 'psychiatrist', 'Wessex Partnership NHS Trust');
    await member('ortiz', 'Sam Ortiz', 'social-worker', 'Dorset Council');
    await member('casework', 'Grace Whitfield', 'moj-caseworker', 'Mental Health Casework Section');

    // The hospital's Mental Health Act office records the order and the admission, as it does from the
    // court's papers; the casework agency becomes involved because the record shows a restriction.
    const context: AppContext = { db: served.db, now: () => clock, purpose: 'Recording a hospital order', actor: { kind: 'user', userId: office.userId, label: 'Olu Adebayo', role: 'mha-administrator', agencyId: office.agencyId, agencyName: 'Wessex Partnership NHS Trust' } };
    const outcome = await registerPerson(
      context,
      { givenNames: 'Daniel', familyName: 'Reyes', preferredName: null, otherNames: null, dateOfBirth: '1988-09-14', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null },
      { confirmedNewPerson: true },
    );
    assert.equal(outcome.kind, 'registered');
    personId = outcome.kind === 'registered' ? outcome.personId : '';
    const placement = { agencyId: office.agencyId, agencyName: 'Wessex Partnership NHS Trust', teamId: ward, teamName: 'Hawthorn ward' };
    await recordLegalEvent(context, personId, 1, { event: { type: 'court-order', at: '2025-01-06T11:00:00Z', order: 's37', restricted: true }, placement, documentId: null, note: null }, 'Recorded a hospital order with restrictions');
    await recordLegalEvent(context, personId, 2, { event: { type: 'hospital-admitted', at: '2025-01-08T15:00:00Z' }, placement, documentId: null, note: null }, 'Recorded the admission');
    // The local authority's social worker works with the hospital on his discharge.
    await involve(served.db, personId, agencies['Dorset Council']!, 'Social work for discharge planning');

    browser = await openBrowser(served.baseUrl);
    visited = new VisitedPages(browser.page);
    // A few minutes pass between one member of staff and the next.
    journey = new Journey(browser, visited, () => {
      clock = clock.add({ minutes: 5 });
    });
  });

  after(async () => {
    await browser?.close();
    await served?.close();
  });

  // The law engine's answer now, read from the record as stored, independently of any page.
  async function engineDeadlines(): Promise<Deadline[]> {
    const position = legalPositionOf(await loadEntries(served.db, personId), clock);
    return position.output.deadlines.filter((deadline) => caseworkDeadlineKinds.includes(deadline.kind));
  }

  // Opens the casework page and checks its clocks are exactly the engine's: what, when (to the second)
  // and the provision. Returns the engine's deadlines for further checks.
  async function assertClocksRight(): Promise<Deadline[]> {
    await journey.open(hub());
    const table = journey.page.locator('table').filter({ has: journey.page.locator('caption', { hasText: 'Reports, references and tribunal windows' }) });
    const rows = await table.locator('tbody tr').all();
    const shown = await Promise.all(
      rows.map(async (row) => {
        const cells = (await row.locator('th, td').allInnerTexts()).map((cell) => cell.trim());
        return `${cells[0]} | ${await row.locator('time').getAttribute('datetime')} | ${cells[2]}`;
      }),
    );
    const expected = await engineDeadlines();
    assert.deepEqual(shown, expected.map((deadline) => `${dueKindLabels[deadline.kind]} | ${isoDateTime(deadline.due)} | ${deadline.provision}`));
    return expected;
  }

  function londonDay(instant: Temporal.Instant): Temporal.PlainDate {
    return instant.toZonedDateTimeISO('Europe/London').toPlainDate();
  }

  // The London day a period ends on: the day of its last moment.
  function lastDay(deadline: Deadline): Temporal.PlainDate {
    return londonDay(deadline.due.subtract({ nanoseconds: 1 }));
  }

  async function ask(leave: { escorted: boolean }): Promise<void> {
    await journey.open(hub());
    await journey.link('Ask the Secretary of State for leave, transfer or discharge');
    await journey.choose('What are you asking for?', 'Leave of absence');
    await journey.choose('Kind of leave', 'Community leave');
    await journey.choose('Escorted or unescorted', leave.escorted ? 'Escorted' : 'Unescorted');
    await journey.fill('Risk assessment', 'HCR-20 reviewed at CPA: risk of violence low while settled and taking clozapine');
    await journey.fill('Leave plan', 'Four hours in Weymouth on Saturdays, back on the ward by 17:00; absence reported to police at once');
    await journey.save('Send the request');
    assert.match(await journey.mainText(), /Awaiting the decision/);
  }

  async function decide(decision: 'consents' | 'refuses', reasons: string, conditions?: string): Promise<void> {
    await journey.open('/restricted');
    assert.match(await journey.mainText(), /1 request awaiting a decision/);
    await journey.link(/^Leave of absence, asked/);
    await journey.choose('Decision', `The Secretary of State ${decision}`);
    if (conditions !== undefined) await journey.fill('Conditions of the consent', conditions);
    await journey.fill('Reasons for the decision', reasons);
    await journey.save('Record the decision');
  }

  async function recordLeave(): Promise<void> {
    await journey.open(`/people/${personId}/legal/record/leave`);
    await journey.fillDateTime('When does the leave start?', clock.add({ hours: 24 }));
    await journey.fillDateTime('When does the leave end?', clock.add({ hours: 28 }));
    await journey.choose('Is the leave escorted?', 'No');
    await journey.follow(journey.page.getByRole('button', { name: 'Continue' }));
    await journey.follow(journey.page.getByRole('button', { name: 'Save' }));
  }

  it('the clinician asks for unescorted community leave; leave cannot be recorded without consent; the Ministry refuses', async () => {
    await journey.signIn('doctor');
    await journey.open(`/people/${personId}`);
    await journey.link(/^Restricted patient casework/);
    assert.match(await journey.mainText(), /This patient is restricted/);
    const clocks = await assertClocksRight();
    // s41(6): the annual report by the first anniversary of admission not yet passed.
    const annual = clocks.find((deadline) => deadline.kind === 'annual-report-due');
    assert.ok(annual && annual.provision.startsWith('s41(6)'), 'the annual report is on the clock');
    await ask({ escorted: false });

    await recordLeave();
    const refusal = await journey.mainText();
    assert.match(refusal, /There is a problem/);
    assert.match(refusal, /Unescorted leave for a restricted patient needs the Secretary of State's consent.*s41\(3\)\(c\)\(i\)/);
    await journey.signOut();

    await journey.signIn('casework');
    await decide('refuses', 'Too soon: the tribunal has not yet considered his case and the risk assessment is six months old');
    assert.match(await journey.mainText(), /Refused/);
    await journey.signOut();
  });

  it('asked again, the Ministry consents with conditions, and the leave is recorded', async () => {
    clock = clock.add({ hours: 24 * 14 });
    await journey.signIn('doctor');
    await ask({ escorted: false });
    await journey.signOut();

    await journey.signIn('casework');
    await decide('consents', 'Settled on the ward; updated risk assessment supports it', 'Not to enter Dorchester town centre; to carry a mobile phone');
    assert.match(await journey.mainText(), /Not to enter Dorchester town centre/);
    await journey.signOut();

    await journey.signIn('doctor');
    await recordLeave();
    assert.doesNotMatch(await journey.mainText(), /There is a problem/);
    await journey.open(`/people/${personId}/restricted/requests`);
    const rows = await journey.tableRows('Every request, newest first');
    assert.deepEqual(rows.map((row) => row[3]?.split(/\s/)[0]), ['Consented', 'Refused']);
    await journey.signOut();
  });

  it('the Secretary of State discharges him on conditions; the clocks become the supervisors’ reports and the s75(2) window', async () => {
    clock = Temporal.Instant.from('2026-05-04T09:00:00Z');
    await journey.signIn('casework');
    await journey.open(`${hub()}/conditional-discharge`);
    await journey.link('Record a conditional discharge');
    dischargedAt = clock.subtract({ hours: 1 }).round({ smallestUnit: 'minute' });
    await journey.choose('Who discharged the patient?', 'The Secretary of State for Justice (section 42(2))');
    await journey.fillDateTime('When did the discharge take effect?', dischargedAt);
    const conditions: [string, string][] = [
      ['Residence', 'To reside at Elm House, Weymouth, and not to stay elsewhere without the clinical supervisor’s agreement'],
      ['Supervision', 'To accept supervision by the clinical and social supervisors and attend appointments'],
      ['Exclusion zone', 'Not to enter Dorchester town centre, as shown on the map held by the casework team'],
    ];
    for (const [index, [kind, wording]] of conditions.entries()) {
      const row = journey.group(`Condition ${index + 1}`);
      await row.getByLabel('Kind of condition').selectOption({ label: kind });
      await row.getByLabel('Wording of the condition').fill(wording);
    }
    await journey.save('Record the conditional discharge');
    assert.match(await journey.mainText(), /Exclusion zone/);

    const clocks = await assertClocksRight();
    const supervisor = clocks.find((deadline) => deadline.kind === 'supervisor-report-due');
    assert.ok(supervisor, 'the supervisors’ report is on the clock');
    const firstReportDays = londonDay(dischargedAt).until(lastDay(supervisor), { largestUnit: 'days' }).days;
    assert.ok(firstReportDays >= 27 && firstReportDays <= 28, `first supervisors' report 28 days after discharge, got ${firstReportDays}`);
    assert.equal(clocks.some((deadline) => deadline.kind === 'annual-report-due'), false, 'no annual report while conditionally discharged');
    assert.ok(clocks.some((deadline) => deadline.kind.startsWith('tribunal-window') && deadline.provision.startsWith('s75(2)')), 'the s75(2) window');

    // The Ministry names the two supervisors.
    await journey.open(`${hub()}/reports`);
    await journey.link('Name a supervisor');
    await journey.choose('Clinical supervisor', 'Dr Ravi Menon, psychiatrist, Wessex Partnership NHS Trust');
    await journey.save('Name the clinical supervisor');
    await journey.open(`${hub()}/supervisors`);
    await journey.choose('Social supervisor', 'Sam Ortiz, social worker, Dorset Council');
    await journey.save('Name the social supervisor');
    const named = await journey.tableRows('Supervisors named, latest first');
    assert.deepEqual(named.map((row) => `${row[0]}: ${row[1]}`).sort(), ['Clinical supervisor: Dr Ravi Menon (psychiatrist)', 'Social supervisor: Sam Ortiz (social worker)']);
    await journey.signOut();
  });

  it('the clinical supervisor reports on time; the social supervisor’s report is late, escalated, then filed', async () => {
    clock = dischargedAt.add({ hours: 24 * 20 });
    await journey.signIn('menon');
    await journey.open(`${hub()}/reports`);
    await journey.follow(journey.page.getByRole('button', { name: 'File a report' }));
    assert.match(await journey.mainText(), /File the clinical supervisor/i);
    await journey.fill('Report', 'Settled at Elm House; attending clinic; mental state stable; no concerns from staff.');
    await journey.choose('Recommendation', 'Continue as now');
    await journey.fill('Reasons for the recommendation', 'Complying with every condition.');
    await journey.save('File the report');
    await journey.signOut();

    // The first report date passes with the social supervisor's report not filed; the sweep escalates it.
    clock = dischargedAt.add({ hours: 24 * 30 });
    assert.equal(await escalateOverdueReports({ ...systemContext(served.db), now: () => clock }), 1);
    assert.equal(await escalateOverdueReports({ ...systemContext(served.db), now: () => clock }), 0, 'escalated once only');

    await journey.signIn('casework');
    await journey.open('/restricted');
    const view = await journey.mainText();
    assert.match(view, /1 report overdue/);
    assert.match(view, /Social supervisor.*was due .*; escalated/);
    await journey.open('/restricted?show=overdue-reports');
    assert.match(await journey.mainText(), /Daniel Reyes/);
    await journey.signOut();

    await journey.signIn('ortiz');
    await journey.open(`${hub()}/reports`);
    const before = await journey.tableRows('Reports due and filed');
    assert.ok(before.some((row) => /Social supervisor/.test(row[0]!) && /Overdue and escalated/.test(row[3]!)), JSON.stringify(before));
    await journey.follow(journey.page.getByRole('button', { name: 'File a report' }));
    await journey.fill('Report', 'Missed two appointments; seen near Dorchester by his sister.');
    await journey.choose('Recommendation', 'Recall to hospital');
    await journey.fill('Reasons for the recommendation', 'Disengaging, and may have breached the exclusion zone.');
    await journey.save('File the report');
    const rows = await journey.tableRows('Reports due and filed');
    assert.ok(rows.some((row) => /Clinical supervisor/.test(row[0]!) && /Filed on time/.test(row[3]!)), JSON.stringify(rows));
    assert.ok(rows.some((row) => /Social supervisor/.test(row[0]!) && /Filed late/.test(row[3]!) && /escalated/.test(row[3]!)), JSON.stringify(rows));

    // The social supervisor records the breach of the exclusion zone.
    await journey.open(`${hub()}/conditional-discharge`);
    await journey.link('Record a concern or a breach of a condition');
    await journey.choose('Is this a concern or a breach of a condition?', 'Breach of a condition');
    await journey.group('Which condition?').getByLabel(/Not to enter Dorchester town centre/).check();
    await journey.fillDateTime('When did it happen?', clock.subtract({ hours: 24 * 2 }).round({ smallestUnit: 'minute' }));
    await journey.fill('What happened', 'Seen in Dorchester town centre by his sister, who told the police.');
    await journey.fill('Action taken', 'Told the casework team and the clinical supervisor the same day.');
    await journey.save('Record it');
    await journey.signOut();
  });

  it('the Ministry recalls him; after his return the s75(1) reference is due within a month, and is made', async () => {
    clock = clock.add({ hours: 3 });
    await journey.signIn('casework');
    await journey.open(`${hub()}/conditional-discharge`);
    await journey.link('Record the Secretary of State’s warrant of recall');
    await journey.fillDateTime('When was the warrant issued?', clock.subtract({ minutes: 30 }).round({ smallestUnit: 'minute' }));
    await journey.fill('Reasons for recall', 'Breach of the exclusion zone and disengagement, on the social supervisor’s recommendation');
    await journey.save('Record the warrant');
    await journey.signOut();

    clock = clock.add({ hours: 20 });
    await journey.signIn('office');
    await journey.open(`${hub()}/conditional-discharge`);
    await journey.link('Record the return to hospital on recall');
    returnedAt = clock.subtract({ hours: 2 }).round({ smallestUnit: 'minute' });
    await journey.fillDateTime('When did the patient return to hospital?', returnedAt);
    await journey.page.getByLabel('Hospital and ward').selectOption({ label: 'Wessex Partnership NHS Trust: Hawthorn ward' });
    await journey.save('Record the return');
    const clocks = await assertClocksRight();
    // s75(1)(a): the reference within one month beginning with the day of return.
    const reference = clocks.find((deadline) => deadline.kind === 'sos-reference-due');
    assert.ok(reference && reference.provision.startsWith('s75(1)'), 'the s75(1) reference is on the clock');
    assert.equal(lastDay(reference).toString(), londonDay(returnedAt).add({ months: 1 }).subtract({ hours: 24 * 1 }).toString());
    assert.ok(clocks.some((deadline) => deadline.kind === 'annual-report-due'), 'back in hospital: the annual report again (s41(6))');
    await journey.signOut();

    await journey.signIn('casework');
    await journey.open('/restricted?show=recent-recalls');
    assert.match(await journey.mainText(), /Daniel Reyes[\s\S]*Returned on recall/);
    await journey.open(`${hub()}/conditional-discharge`);
    await journey.link('Record the Secretary of State’s reference to the tribunal');
    await journey.group('Under which section was the case referred?').getByLabel(/within one month of return \(section 75\(1\)\)/).check();
    await journey.fillDateTime('When was the reference sent to the tribunal?', clock.subtract({ minutes: 10 }).round({ smallestUnit: 'minute' }));
    await journey.save('Record the reference');
    const afterReference = await assertClocksRight();
    assert.ok(afterReference.some((deadline) => deadline.kind === 'sos-reference-due'), 'the engine still shows the reference until the hearing');
    const state = await journey.page.locator('tr', { hasText: 'Secretary of State’s reference due' }).innerText();
    assert.match(state, /Made /, 'the reference shows as made');
    await journey.signOut();
  });

  it('the Ministry records the victim liaison contact, which the clinician cannot see', async () => {
    await journey.signIn('casework');
    await journey.open(`${hub()}/victims`);
    await journey.link('Record the victim liaison contact');
    await journey.fill('Name of the victim liaison officer', 'Jo Whitlock');
    await journey.fill('Probation area or agency', 'Dorset Probation Delivery Unit');
    await journey.fill('Phone number', '01305 000000');
    await journey.choose('Did the victim opt in to the victim contact scheme?', 'Yes');
    await journey.save('Save the contact');
    assert.match(await journey.mainText(), /Jo Whitlock/);
    await journey.signOut();

    await journey.signIn('doctor');
    await journey.open(hub());
    assert.equal(await journey.page.getByRole('link', { name: 'Victims' }).count(), 0, 'no way in is offered');
    assert.doesNotMatch(await journey.page.content(), /Whitlock/);
    const refused = await journey.page.goto(`${hub()}/victims`);
    assert.equal(refused?.status(), 403);
    await visited.check(journey.page);
    assert.doesNotMatch(await journey.page.content(), /Whitlock/);
    await journey.open(`/people/${personId}`);
    assert.doesNotMatch(await journey.page.content(), /Whitlock/);
    await journey.signOut();
    visited.assertEveryPageChecked();
  });
});
