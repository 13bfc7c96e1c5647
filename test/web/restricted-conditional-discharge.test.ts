import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppContext } from '../../src/app/context.ts';
import { legalPositionOf } from '../../src/app/legal/legal-position.ts';
import { recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { loadEntries } from '../../src/app/people/record-store.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { currentConditions } from '../../src/app/restricted/conditional-discharge.ts';
import { dateTimeValuesOf } from '../../src/web/core/date-time-input.ts';
import { isoDateTime } from '../../src/web/core/dates.ts';
import { addStaff, involve, startTestApp, systemContext, TestClient, type TestApp } from '../support/harness.ts';

// A restricted patient taken through the pages: conditionally discharged with conditions, a breach
// reported, recalled by warrant, returned to hospital, and the Secretary of State's reference recorded,
// with the law engine's tribunal and reference deadlines shown at every step.
describe('conditional discharge pages', () => {
  let test: TestApp;
  let personId: string;
  let hospital: { agencyId: string };
  let casework: { agencyId: string };
  const page = () => `/people/${personId}/restricted/conditional-discharge`;

  // A London midday some days ago, as the date and time boxes take it.
  function daysAgo(days: number): Temporal.Instant {
    return Temporal.Now.zonedDateTimeISO('Europe/London').subtract({ days }).with({ hour: 12, minute: 0, second: 0, millisecond: 0, microsecond: 0, nanosecond: 0 }).toInstant();
  }
  function boxes(name: string, instant: Temporal.Instant): Record<string, string> {
    const values = dateTimeValuesOf(instant);
    return { [`${name}-day`]: values.day, [`${name}-month`]: values.month, [`${name}-year`]: values.year, [`${name}-time`]: values.time };
  }

  async function client(username: string): Promise<TestClient> {
    const signedIn = new TestClient(test.app);
    await signedIn.signIn(username);
    return signedIn;
  }

  async function version(): Promise<string> {
    return String((await test.db.selectFrom('people').select('version').where('id', '=', personId).executeTakeFirstOrThrow()).version);
  }

  async function engineDeadline(kind: string) {
    return legalPositionOf(await loadEntries(test.db, personId), Temporal.Now.instant()).output.deadlines.find((deadline) => deadline.kind === kind);
  }

  before(async () => {
    test = await startTestApp();
    hospital = await addStaff(test.db, { username: 'cd-office', role: 'mha-administrator', agencyName: 'Wessex Partnership NHS Trust' });
    await addStaff(test.db, { username: 'cd-clinician', role: 'responsible-clinician', agencyName: 'Wessex Partnership NHS Trust' });
    casework = await addStaff(test.db, { username: 'cd-caseworker', role: 'moj-caseworker', agencyKind: 'moj-casework', agencyName: 'Mental Health Casework Section' });
    const probation = await addStaff(test.db, { username: 'cd-probation', role: 'probation-practitioner', agencyKind: 'probation-service', agencyName: 'Wessex Probation Service' });
    const setUp: AppContext = systemContext(test.db);
    const outcome = await registerPerson(setUp, { givenNames: 'Robin', familyName: 'Hartley', preferredName: null, otherNames: null, dateOfBirth: '1985-05-05', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null }, { confirmedNewPerson: true });
    personId = outcome.kind === 'registered' ? outcome.personId : '';
    const placement = { agencyId: hospital.agencyId, agencyName: 'Wessex Partnership NHS Trust', teamId: null, teamName: null };
    await recordLegalEvent(setUp, personId, 1, { event: { type: 'court-order', at: daysAgo(400).toString(), order: 's37', restricted: true }, placement, documentId: null, note: null }, 'Set-up');
    await recordLegalEvent(setUp, personId, 2, { event: { type: 'hospital-admitted', at: daysAgo(398).toString() }, placement, documentId: null, note: null }, 'Set-up');
    await involve(test.db, personId, casework.agencyId);
    await involve(test.db, personId, probation.agencyId);
  });
  after(() => test.close());

  it('takes the patient through conditional discharge, a breach, recall, return and the reference, with the deadlines right at each step', async () => {
    const caseworker = await client('cd-caseworker');
    let response = await caseworker.get(page());
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Record a conditional discharge/);

    // Bad input: no conditions. The error summary links to the first condition's field, and nothing is saved.
    await caseworker.get(`${page()}/new`);
    response = await caseworker.post(`${page()}/new`, { version: await version(), by: 'sos', ...boxes('at', daysAgo(30)) });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /href="#condition1-kind"[^>]*>Enter at least one condition/);
    assert.deepEqual(await currentConditions(test.db, personId), []);

    response = await caseworker.post(`${page()}/new`, {
      version: await version(),
      by: 'sos',
      ...boxes('at', daysAgo(30)),
      'condition1-kind': 'residence',
      'condition1-text': 'Reside at Elm House hostel, Dorchester',
      'condition1-concernsVictims': '',
      'condition2-kind': '',
      'condition2-text': '',
      'condition3-kind': 'exclusion-zone',
      'condition3-text': 'Not to enter Weymouth',
      'condition3-concernsVictims': '',
    });
    assert.equal(response.statusCode, 303);
    response = await caseworker.get(page());
    assert.match(response.body, /Reside at Elm House hostel, Dorchester/);
    assert.match(response.body, /Conditionally discharged restricted patient/);
    const window = await engineDeadline('tribunal-window-opens');
    assert.equal(window?.provision, 's75(2)');
    assert.ok(response.body.includes(`<time datetime="${isoDateTime(window!.due)}">`), 'the s75(2) window is shown as the engine gives it');
    assert.match(response.body, /<td class="govuk-table__cell">s75\(2\)<\/td>/);
    assert.match(response.body, /Vary the conditions/);
    assert.match(response.body, /Record the Secretary of State’s warrant of recall/);

    // A breach reported by probation needs the condition, then reaches the casework team.
    const probation = await client('cd-probation');
    await probation.get(`${page()}/concerns/new`);
    response = await probation.post(`${page()}/concerns/new`, { kind: 'breach', ...boxes('occurredAt', daysAgo(5)), whatHappened: 'Seen in Weymouth', actionTaken: 'Reminded of the condition' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Select the condition that was breached/);
    const exclusion = (await currentConditions(test.db, personId)).find((condition) => condition.kind === 'exclusion-zone')!;
    response = await probation.post(`${page()}/concerns/new`, { kind: 'breach', conditionId: exclusion.id, ...boxes('occurredAt', daysAgo(5)), whatHappened: 'Seen in Weymouth', actionTaken: 'Reminded of the condition' });
    assert.equal(response.statusCode, 303);
    const notices = await test.db.selectFrom('notifications').select(['body']).where('agency_id', '=', casework.agencyId).execute();
    assert.equal(notices.length, 1);
    assert.doesNotMatch(notices[0]!.body, /Hartley|Robin/);

    // Only the caseworker issues the warrant.
    const office = await client('cd-office');
    await office.get(page());
    response = await office.post(`${page()}/recall`, { ...boxes('issuedAt', daysAgo(3)), reasons: 'Breach' });
    assert.equal(response.statusCode, 403);
    await caseworker.get(`${page()}/recall`);
    response = await caseworker.post(`${page()}/recall`, { ...boxes('issuedAt', daysAgo(3)), reasons: 'Breach of the exclusion zone and deteriorating mental state' });
    assert.equal(response.statusCode, 303);

    // The hospital records the return; the engine then shows s75(1), the s75(1)(b) window and the annual report.
    response = await office.get(page());
    assert.match(response.body, /Record the return to hospital on recall/);
    await office.get(`${page()}/return`);
    response = await office.post(`${page()}/return`, { version: await version(), ...boxes('returnedAt', daysAgo(2)), placement: hospital.agencyId });
    assert.equal(response.statusCode, 303);
    response = await office.get(page());
    assert.match(response.body, /Restricted hospital order|s37\/41/);
    for (const [kind, provision] of [['sos-reference-due', 's75(1)'], ['tribunal-window-opens', 's75(1)(b)'], ['annual-report-due', 's41(6)']] as const) {
      const deadline = await engineDeadline(kind);
      assert.equal(deadline?.provision, provision);
      assert.ok(response.body.includes(`<time datetime="${isoDateTime(deadline!.due)}">`), `${kind} shown as the engine gives it`);
    }
    assert.doesNotMatch(response.body, /Record the return to hospital on recall/);

    // The caseworker records the Secretary of State's reference; it shows as made.
    response = await caseworker.get(`${page()}/references/new`);
    assert.match(response.body, /value="s75\(1\)" checked/);
    response = await caseworker.post(`${page()}/references/new`, { version: await version(), provision: 's75(1)', ...boxes('at', daysAgo(1)) });
    assert.equal(response.statusCode, 303);
    response = await caseworker.get(page());
    assert.match(response.body, /Secretary of State’s reference due<\/td>\s*<td[^>]*><time[^>]*>[^<]*<\/time><\/td>\s*<td[^>]*>s75\(1\)<\/td>\s*<td[^>]*>Made /);
  });

  it('refuses a conditional discharge of an unrestricted patient on the page, citing the provision', async () => {
    const setUp = systemContext(test.db);
    const outcome = await registerPerson(setUp, { givenNames: 'Alex', familyName: 'Unrestricted', preferredName: null, otherNames: null, dateOfBirth: '1985-05-05', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null }, { confirmedNewPerson: true });
    const other = outcome.kind === 'registered' ? outcome.personId : '';
    const placement = { agencyId: hospital.agencyId, agencyName: 'Wessex Partnership NHS Trust', teamId: null, teamName: null };
    await recordLegalEvent(setUp, other, 1, { event: { type: 'court-order', at: daysAgo(20).toString(), order: 's37', restricted: false }, placement, documentId: null, note: null }, 'Set-up');
    await recordLegalEvent(setUp, other, 2, { event: { type: 'hospital-admitted', at: daysAgo(19).toString() }, placement, documentId: null, note: null }, 'Set-up');
    await involve(test.db, other, casework.agencyId);
    const office = await client('cd-office');
    await office.get(`/people/${other}/restricted/conditional-discharge/new`);
    const response = await office.post(`/people/${other}/restricted/conditional-discharge/new`, { version: '3', by: 'tribunal', ...boxes('at', daysAgo(1)), 'condition1-kind': 'residence', 'condition1-text': 'Reside at home' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /unrestricted patient[^<]*\(/);
    assert.match(response.body, /href="#by"/);
  });
});
