import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clockNow, type AppContext } from '../../src/app/context.ts';
import { recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { dateTimeValuesOf } from '../../src/web/core/date-time-input.ts';
import { addStaff, startTestApp, TestClient, type TestApp } from '../support/harness.ts';

// Removal to a place of safety under s136 and reports of absence without leave, through HTTP on the real
// clock: the legal events they record, the engine's clock they show, and the rules that refuse a record.

function moment(name: string, instant: Temporal.Instant): Record<string, string> {
  const values = dateTimeValuesOf(instant);
  return { [`${name}-day`]: values.day, [`${name}-month`]: values.month, [`${name}-year`]: values.year, [`${name}-time`]: values.time };
}

// Whole minutes, so that the form (which takes hours and minutes) gives back the same instant.
const minutesAgo = (minutes: number) => Temporal.Instant.fromEpochMilliseconds(Math.floor(clockNow().epochMilliseconds / 60_000) * 60_000).subtract({ minutes });

describe('place of safety under s136, and absence without leave', () => {
  let test: TestApp;
  let office: AppContext;
  let client: TestClient;
  let policeAgencyId: string;

  async function person(familyName: string, dateOfBirth: string | null): Promise<string> {
    const outcome = await registerPerson(
      office,
      { givenNames: 'Ray', familyName, preferredName: null, otherNames: null, dateOfBirth, nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null },
      { confirmedNewPerson: true },
    );
    assert.equal(outcome.kind, 'registered');
    return outcome.kind === 'registered' ? outcome.personId : '';
  }

  async function version(personId: string): Promise<string> {
    return String((await test.db.selectFrom('people').select('version').where('id', '=', personId).executeTakeFirstOrThrow()).version);
  }

  async function legalEventTypes(personId: string): Promise<string[]> {
    const rows = await test.db.selectFrom('record_entries').select('data').where('person_id', '=', personId).where('kind', '=', 'legal-event-recorded').orderBy('sequence').execute();
    return rows.map((row) => (row.data as { event: { type: string } }).event.type);
  }

  before(async () => {
    test = await startTestApp();
    const staff = await addStaff(test.db, { username: 'office', role: 'mha-administrator', agencyName: 'Wessex Partnership NHS Trust' });
    policeAgencyId = (await addStaff(test.db, { username: 'officer', role: 'police-officer', agencyKind: 'police-force', agencyName: 'Wessex Police' })).agencyId;
    office = { db: test.db, now: clockNow, purpose: 'Testing', actor: { kind: 'user', userId: staff.userId, label: 'Olu Office', role: 'mha-administrator', agencyId: staff.agencyId, agencyName: staff.agencyName } };
    client = new TestClient(test.app);
    await client.signIn('office');
  });
  after(() => test.close());

  it('records the arrival as a legal event, shows the 24 hours, and 36 after a 12-hour extension', async () => {
    const id = await person('Adult', '1990-05-01');
    const form = await client.get(`/people/${id}/place-of-safety/new`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Record a removal to a place of safety under section 136/);
    const arrived = minutesAgo(120);
    const response = await client.post(`/people/${id}/place-of-safety/new`, {
      version: await version(id),
      ...moment('detainedAt', minutesAgo(150)),
      detainedWhere: 'Clifton Suspension Bridge',
      placeKind: 'health-based-place-of-safety',
      placeName: 'Riverside s136 suite',
      ...moment('arrivedAt', arrived),
    });
    assert.equal(response.statusCode, 303, response.body);
    const page = await client.get(String(response.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /24 hours beginning with the arrival/);
    assert.ok(page.body.includes(arrived.add({ hours: 24 }).toZonedDateTimeISO('Europe/London').toString({ timeZoneName: 'never', smallestUnit: 'second' })), 'the exact end');
    // No handover recorded two hours after arrival: the expectation is overdue, the legal clock unchanged.
    assert.match(page.body, /Handover within 1 hour: overdue by (59|60|61) minutes/);
    assert.deepEqual(await legalEventTypes(id), ['place-of-safety-arrival']);

    const extended = await client.post(`${response.headers.location}/extension`, {
      version: await version(id),
      hours: '12',
      ...moment('authorisedAt', minutesAgo(10)),
      authorisedBy: 'Dr Amara Okafor',
      reason: 'Too intoxicated to be assessed',
    });
    assert.equal(extended.statusCode, 303, extended.body);
    const afterExtension = await client.get(String(response.headers.location));
    assert.match(afterExtension.body, /36 hours beginning with the arrival/);
    assert.deepEqual(await legalEventTypes(id), ['place-of-safety-arrival', 'place-of-safety-extended']);
    const status = await client.get(`/people/${id}/legal`);
    assert.match(status.body, new RegExp(`href="/people/${id}/place-of-safety/new"`));
  });

  it('records the handover without touching the clock, and the outcome ends the detention', async () => {
    const id = await person('Handover', '1985-01-01');
    const created = await client.post(`/people/${id}/place-of-safety/new`, { version: await version(id), ...moment('detainedAt', minutesAgo(90)), detainedWhere: 'High Street', placeKind: 'emergency-department', placeName: 'Royal Infirmary A&E', ...moment('arrivedAt', minutesAgo(80)) });
    assert.equal(created.statusCode, 303);
    const url = String(created.headers.location);
    const handed = await client.post(`${url}/handover`, { ...moment('handedOverAt', minutesAgo(35)), handedOverTo: 'Nurse Patel' });
    assert.equal(handed.statusCode, 303, handed.body);
    const page = await client.get(url);
    assert.match(page.body, /Handover within 1 hour: met \(45 minutes after arrival\)/);
    assert.match(page.body, /24 hours beginning with the arrival/);
    assert.deepEqual(await legalEventTypes(id), ['place-of-safety-arrival']);
    const outcome = await client.post(`${url}/outcome`, { version: await version(id), outcome: 'detained-s2', ...moment('outcomeAt', minutesAgo(5)), note: '' });
    assert.equal(outcome.statusCode, 303, outcome.body);
    assert.deepEqual(await legalEventTypes(id), ['place-of-safety-arrival', 'place-of-safety-ended']);
    assert.match((await client.get(url)).body, /Detained under section 2 at/);
  });

  it('refuses a police station for a child, naming the rule, and saves nothing', async () => {
    const id = await person('Child', clockNow().toZonedDateTimeISO('Europe/London').toPlainDate().subtract({ years: 16 }).toString());
    const response = await client.post(`/people/${id}/place-of-safety/new`, {
      version: await version(id),
      ...moment('detainedAt', minutesAgo(60)),
      detainedWhere: 'Station Road',
      placeKind: 'police-station',
      placeName: 'Central police station',
      ...moment('arrivedAt', minutesAgo(30)),
      conditions: 'imminentRisk',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /A person under 18 may never be removed to, kept at or taken to a police station as a place of safety \(s136A\(1\)\)/);
    assert.deepEqual(await legalEventTypes(id), []);
    assert.equal((await test.db.selectFrom('place_of_safety_records').select('id').where('person_id', '=', id).execute()).length, 0);
  });

  it('refuses a police station for an adult without every statutory condition', async () => {
    const id = await person('Station', '1970-01-01');
    const response = await client.post(`/people/${id}/place-of-safety/new`, {
      version: await version(id), ...moment('detainedAt', minutesAgo(60)), detainedWhere: 'Station Road', placeKind: 'police-station', placeName: 'Central police station', ...moment('arrivedAt', minutesAgo(30)), conditions: 'imminentRisk',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /inspector or above authorised/);
    assert.deepEqual(await legalEventTypes(id), []);
  });

  it('names the field when input is missing or wrong', async () => {
    const id = await person('BadInput', '1970-01-01');
    const response = await client.post(`/people/${id}/place-of-safety/new`, { version: await version(id), ...moment('detainedAt', minutesAgo(30)), detainedWhere: 'Park', placeKind: 'other', placeName: '', ...moment('arrivedAt', minutesAgo(60)) });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /href="#placeName">Enter the name of the place of safety/);
    const early = await client.post(`/people/${id}/place-of-safety/new`, { version: await version(id), ...moment('detainedAt', minutesAgo(30)), detainedWhere: 'Park', placeKind: 'other', placeName: 'Day centre', ...moment('arrivedAt', minutesAgo(60)) });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /arrival at the place of safety must be the same as or after the time of detention/);
    const noDate = await client.post(`/people/${id}/place-of-safety/new`, { version: await version(id), detainedWhere: 'Park', placeKind: 'other', placeName: 'Day centre', ...moment('arrivedAt', minutesAgo(60)) });
    assert.equal(noDate.statusCode, 400);
    assert.match(noDate.body, /href="#detainedAt-day">Enter the date and time of detention under s136/);
  });

  it('reports an absent patient: records awol-began, involves the force, which reads the s18 position; the return is recorded', async () => {
    const id = await person('Absent', '1980-01-01');
    const admitted = minutesAgo(60 * 24 * 3);
    await recordLegalEvent(office, id, Number(await version(id)), { event: { type: 's3-admitted', at: admitted.toZonedDateTimeISO('Europe/London').toString({ timeZoneName: 'never' }) }, placement: { agencyId: office.actor.agencyId!, agencyName: office.actor.agencyName, teamId: null, teamName: null }, documentId: null, note: null }, 'Recorded an s3 admission');
    const form = await client.get(`/people/${id}/awol/new`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Wessex Police/);
    const missing = await client.post(`/people/${id}/awol/new`, { version: await version(id), ...moment('missingSince', minutesAgo(120)), policeAgencyId, risk: '', request: 'Return to Ward 3' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /href="#risk">Enter the risk/);
    const reported = await client.post(`/people/${id}/awol/new`, { version: await version(id), ...moment('missingSince', minutesAgo(120)), policeAgencyId, risk: 'Risk of self-harm', request: 'Return to Ward 3' });
    assert.equal(reported.statusCode, 303, reported.body);
    assert.deepEqual((await legalEventTypes(id)).slice(-1), ['awol-began']);
    const involvement = await test.db.selectFrom('involvements').select('reason').where('person_id', '=', id).where('agency_id', '=', policeAgencyId).executeTakeFirst();
    assert.equal(involvement?.reason, 'Absent without leave: reported to the police');

    const police = new TestClient(test.app);
    await police.signIn('officer');
    const read = await police.get(String(reported.headers.location));
    assert.equal(read.statusCode, 200);
    assert.match(read.body, /may be taken into custody and returned under section 18 until/);
    assert.match(read.body, /Risk of self-harm/);

    const returned = await client.post(`${reported.headers.location}/returned`, { version: await version(id), ...moment('returnedAt', minutesAgo(10)) });
    assert.equal(returned.statusCode, 303, returned.body);
    assert.deepEqual((await legalEventTypes(id)).slice(-1), ['awol-returned']);
    assert.match((await client.get(String(reported.headers.location))).body, /does not show the patient as absent without leave now/);
  });
});
