import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clockNow, type AppContext } from '../../src/app/context.ts';
import { recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import type { Placement } from '../../src/domain/legal/legal-entries.ts';
import { addStaff, involve, startTestApp, TestClient, type TestApp } from '../support/harness.ts';

// The status page and the forms beside it, through HTTP. The app runs on the real clock, so events are
// recorded at times relative to today in London and the expected wording is worked out from the same day.

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const longDate = (date: Temporal.PlainDate) => `${weekdays[date.dayOfWeek - 1]} ${date.day} ${months[date.month - 1]} ${date.year}`;

describe('the Mental Health Act status page', () => {
  let test: TestApp;
  let office: AppContext;
  let placement: Placement;
  let client: TestClient;
  let tribunalAgencyId: string;
  const today = () => clockNow().toZonedDateTimeISO('Europe/London').toPlainDate();

  // An s2 admission at 10:00 London time, `daysAgo` days before today.
  async function admittedPerson(familyName: string, daysAgo: number): Promise<{ id: string; admitted: Temporal.PlainDate }> {
    const outcome = await registerPerson(
      office,
      { givenNames: 'Sam', familyName, preferredName: null, otherNames: null, dateOfBirth: '1990-02-14', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null },
      { confirmedNewPerson: true },
    );
    assert.equal(outcome.kind, 'registered');
    const id = outcome.kind === 'registered' ? outcome.personId : '';
    const admitted = today().subtract({ days: daysAgo });
    const at = admitted.toZonedDateTime({ timeZone: 'Europe/London', plainTime: '10:00' }).toString({ timeZoneName: 'never' });
    await recordLegalEvent(office, id, 1, { event: { type: 's2-admitted', at }, placement, documentId: null, note: null }, 'Recorded an s2 admission');
    return { id, admitted };
  }

  before(async () => {
    test = await startTestApp();
    const staff = await addStaff(test.db, { username: 'office', role: 'mha-administrator', agencyName: 'Wessex Partnership NHS Trust', displayName: 'Olu Office' });
    tribunalAgencyId = (await addStaff(test.db, { username: 'clerk', role: 'tribunal-clerk', agencyName: 'Tribunal Service' })).agencyId;
    await addStaff(test.db, { username: 'admin', role: 'system-administrator' });
    office = { db: test.db, now: clockNow, purpose: 'Testing', actor: { kind: 'user', userId: staff.userId, label: 'Olu Office', role: 'mha-administrator', agencyId: staff.agencyId, agencyName: staff.agencyName } };
    placement = { agencyId: staff.agencyId, agencyName: staff.agencyName, teamId: null, teamName: null };
    client = new TestClient(test.app);
    await client.signIn('office');
  });
  after(() => test.close());

  it('says in plain words when an s2 admission ends, and how long until then', async () => {
    const { id, admitted } = await admittedPerson('Current', 1);
    const response = await client.get(`/people/${id}/legal`);
    assert.equal(response.statusCode, 200);
    // s2(4): 28 days beginning with the day of admission, so the last day is the admission day + 27.
    const lastDay = admitted.add({ days: 27 });
    assert.match(response.body, /Detained under section 2 since \d+ \w+ \d{4} at 10:00am\./);
    assert.ok(response.body.includes(`Ends at midnight at the end of ${longDate(lastDay)} \u2014 in 26 days (Section 2(4)).`), 'the end in plain words');
    assert.match(response.body, /Record a legal event/);
    assert.match(response.body, new RegExp(`href="/people/${id}/documents/new"`));
    assert.match(response.body, /Give the patient information about their rights under s132/);
  });

  it('says how long ago the authority ended once it has passed', async () => {
    const { id, admitted } = await admittedPerson('Lapsed', 40);
    const response = await client.get(`/people/${id}/legal`);
    assert.equal(response.statusCode, 200);
    const lastDay = admitted.add({ days: 27 });
    assert.ok(response.body.includes(`The authority ended 12 days ago, at midnight at the end of ${longDate(lastDay)}`), 'the lapse in plain words');
  });

  it('records a relative and shows who the nearest relative is and why', async () => {
    const { id } = await admittedPerson('Family', 2);
    const form = await client.get(`/people/${id}/legal/relatives/new`);
    assert.equal(form.statusCode, 200);
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const wife = await client.post(`/people/${id}/legal/relatives/new`, {
      version,
      name: 'Ada Family',
      relationship: 'wife',
      'dateOfBirth-day': '2',
      'dateOfBirth-month': '2',
      'dateOfBirth-year': '1984',
      facts: 'permanentlySeparated',
    });
    assert.equal(wife.statusCode, 303);
    assert.equal(wife.headers.location, `/people/${id}/legal?saved=relative`);
    await client.get(`/people/${id}/legal/relatives/new`);
    const son = await client.post(`/people/${id}/legal/relatives/new`, { version: String(Number(version) + 1), name: 'Ben Family', relationship: 'son', 'dateOfBirth-day': '9', 'dateOfBirth-month': '9', 'dateOfBirth-year': '2004' });
    assert.equal(son.statusCode, 303);
    const page = await client.get(`/people/${id}/legal?saved=relative`);
    assert.match(page.body, /The relative has been recorded/);
    assert.match(page.body, /Ben Family acts as nearest relative\./);
    assert.match(page.body, /Ada Family: permanently separated from the patient \(Section 26\(5\)\(b\)\)/);

    // A displacement order puts someone else in place, and the page says so with the provision.
    await client.get(`/people/${id}/legal/nearest-relative-orders/new`);
    const order = await client.post(`/people/${id}/legal/nearest-relative-orders/new`, { version: String(Number(version) + 2), kind: 'displacement', actingName: 'Carol Advocate', 'from-day': '1', 'from-month': '1', 'from-year': '2020' });
    assert.equal(order.statusCode, 303);
    const displaced = await client.get(`/people/${id}/legal`);
    assert.match(displaced.body, /Carol Advocate acts as nearest relative\./);
    assert.match(displaced.body, /displacing Ben Family \(Section 29\)/);
    assert.match(displaced.body, /Under section 26 the nearest relative is Ben Family/);
  });

  it('refuses a relative with no name or relationship, naming the fields', async () => {
    const { id } = await admittedPerson('Empty', 2);
    await client.get(`/people/${id}/legal/relatives/new`);
    const response = await client.post(`/people/${id}/legal/relatives/new`, { version: '2', name: '', relationship: 'cohabitant' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /href="#name">Enter the relative/);
    assert.match(response.body, /href="#livingWithPatientSince-day">Enter the date they began living with the patient/);
  });

  it('refuses information about rights given at a time in the future, saving nothing', async () => {
    const { id } = await admittedPerson('Rights', 1);
    const tomorrow = today().add({ days: 1 });
    await client.get(`/people/${id}/legal/rights`);
    const refused = await client.post(`/people/${id}/legal/rights`, {
      version: '2',
      provision: 's132',
      understood: 'yes',
      'at-day': String(tomorrow.day),
      'at-month': String(tomorrow.month),
      'at-year': String(tomorrow.year),
      'at-time': '09:00',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /href="#at-day">The time the information was given is in the future/);
    assert.match(refused.body, /name="at-time"[^>]*value="09:00"/);
    const yesterday = today().subtract({ days: 1 });
    const given = await client.post(`/people/${id}/legal/rights`, {
      version: '2',
      provision: 's132',
      understood: 'yes',
      'at-day': String(yesterday.day),
      'at-month': String(yesterday.month),
      'at-year': String(yesterday.year),
      'at-time': '14:30',
    });
    assert.equal(given.statusCode, 303);
    const page = await client.get(`/people/${id}/legal`);
    assert.match(page.body, /at 2:30pm<\/td>\s*<td class="govuk-table__cell">Section 132<\/td>/);
    assert.doesNotMatch(page.body, /Give the patient information about their rights under s132/);
  });

  it('records a certificate, and shows the record changed when the version is stale', async () => {
    const { id } = await admittedPerson('Certified', 3);
    await client.get(`/people/${id}/legal/certificates/new`);
    const yesterday = today().subtract({ days: 1 });
    const form = { form: 'T2', treatment: 'Antipsychotic medication, BNF limits', 'at-day': String(yesterday.day), 'at-month': String(yesterday.month), 'at-year': String(yesterday.year), 'at-time': '11:15' };
    assert.equal((await client.post(`/people/${id}/legal/certificates/new`, { ...form, version: '2' })).statusCode, 303);
    const stale = await client.post(`/people/${id}/legal/certificates/new`, { ...form, version: '2' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /This record changed since you opened it/);
    assert.match(stale.body, /name="version" value="3"/);
    const page = await client.get(`/people/${id}/legal`);
    assert.match(page.body, /T2: approved clinician certifies consent to medication/);
  });

  it('needs sign-in and permission to read people, and audits the read', async () => {
    const { id } = await admittedPerson('Guarded', 1);
    const anonymous = new TestClient(test.app);
    const redirected = await anonymous.get(`/people/${id}/legal`);
    assert.equal(redirected.statusCode, 303);
    assert.match(String(redirected.headers.location), /^\/sign-in/);

    const admin = new TestClient(test.app);
    await admin.signIn('admin');
    assert.equal((await admin.get(`/people/${id}/legal`)).statusCode, 403);

    // Someone who may read but not write sees the status without the links to change it: the tribunal's
    // clerk, once the tribunal has the patient's application.
    await involve(test.db, id, tribunalAgencyId, 'Application to the tribunal');
    const clerk = new TestClient(test.app);
    await clerk.signIn('clerk');
    const read = await clerk.get(`/people/${id}/legal`);
    assert.equal(read.statusCode, 200);
    assert.doesNotMatch(read.body, /Record a legal event/);
    assert.equal((await clerk.get(`/people/${id}/legal/relatives/new`)).statusCode, 403);

    const audits = await test.db.selectFrom('audit_log').select(['action', 'what', 'actor_label', 'purpose']).where('person_id', '=', id).where('what', '=', "Viewed the person's Mental Health Act status").execute();
    assert.equal(audits.length, 1);
    assert.equal(audits[0]!.action, 'read');
    assert.equal(audits[0]!.actor_label, 'Test clerk');
  });
});
