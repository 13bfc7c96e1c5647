import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clockNow, type AppContext } from '../../src/app/context.ts';
import { recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import type { Placement } from '../../src/domain/legal/legal-entries.ts';
import { addStaff, startTestApp, TestClient, type TestApp } from '../support/harness.ts';

// The form "Record a reference to the tribunal", reached from the status page, through HTTP. The app runs
// on the real clock, so the history is placed relative to today in London.
describe('recording a reference to the tribunal on the web', () => {
  let test: TestApp;
  let office: AppContext;
  let placement: Placement;
  let client: TestClient;
  const today = () => clockNow().toZonedDateTimeISO('Europe/London').toPlainDate();
  const londonAt = (date: Temporal.PlainDate, time: string) => date.toZonedDateTime({ timeZone: 'Europe/London', plainTime: time }).toString({ timeZoneName: 'never' });
  const dateBoxes = (date: Temporal.PlainDate, time: string) => ({ 'at-day': String(date.day), 'at-month': String(date.month), 'at-year': String(date.year), 'at-time': time });

  // Detained under s3 seven months ago and renewed, with no application: the managers' reference
  // (s68(2)) fell due about a month ago.
  async function detainedPerson(familyName: string): Promise<string> {
    const outcome = await registerPerson(
      office,
      { givenNames: 'Sam', familyName, preferredName: null, otherNames: null, dateOfBirth: '1990-02-14', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null },
      { confirmedNewPerson: true },
    );
    assert.equal(outcome.kind, 'registered');
    const id = outcome.kind === 'registered' ? outcome.personId : '';
    const admitted = today().subtract({ months: 7 });
    await recordLegalEvent(office, id, 1, { event: { type: 's3-admitted', at: londonAt(admitted, '10:00') }, placement, documentId: null, note: null }, 'Recorded an s3 admission');
    await recordLegalEvent(office, id, 2, { event: { type: 'renewal-furnished', at: londonAt(admitted.add({ months: 5, days: 10 }), '10:00') }, placement: null, documentId: null, note: null }, 'Recorded a renewal');
    return id;
  }

  const entryCount = async (id: string) => (await test.db.selectFrom('record_entries').select('id').where('person_id', '=', id).execute()).length;

  before(async () => {
    test = await startTestApp();
    const staff = await addStaff(test.db, { username: 'office', role: 'mha-administrator', agencyName: 'Wessex Partnership NHS Trust', displayName: 'Olu Office' });
    office = { db: test.db, now: clockNow, purpose: 'Testing', actor: { kind: 'user', userId: staff.userId, label: 'Olu Office', role: 'mha-administrator', agencyId: staff.agencyId, agencyName: staff.agencyName } };
    placement = { agencyId: staff.agencyId, agencyName: staff.agencyName, teamId: null, teamName: null };
    client = new TestClient(test.app);
    await client.signIn('office');
  });
  after(() => test.close());

  it('is reached from the status page and starts from the reference that is due', async () => {
    const id = await detainedPerson('Due');
    const status = await client.get(`/people/${id}/legal`);
    assert.match(status.body, /No reference to the tribunal has been recorded\./);
    assert.ok(status.body.includes(`href="/people/${id}/legal/tribunal-references/new">Record a reference to the tribunal</a>`));
    const form = await client.get(`/people/${id}/legal/tribunal-references/new`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<h1 class="govuk-heading-l">Record a reference to the tribunal<\/h1>/);
    assert.match(form.body, /Managers\u2019 reference due: midnight at the end of [^(]+\(Section 68\(2\)\)/);
    assert.match(form.body, /value="s68\(2\)" checked/);
    assert.match(form.body, /<label[^>]*for="at-time"/, 'the time box has a label');
  });

  it('refuses bad input naming each field, and a time in the future, saving nothing', async () => {
    const id = await detainedPerson('Refused');
    await client.get(`/people/${id}/legal/tribunal-references/new`);
    const entries = await entryCount(id);
    const bad = await client.post(`/people/${id}/legal/tribunal-references/new`, { version: '3', provision: '', 'at-day': '31', 'at-month': '2', 'at-year': '2026', 'at-time': '14:30', note: 'x'.repeat(2001) });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#provision">Select who made the reference and under which section<\/a>/);
    assert.match(bad.body, /href="#at-day">Date and time the reference was sent must be a real date/);
    assert.match(bad.body, /href="#note">Note must be 2000 characters or fewer<\/a>/);
    assert.match(bad.body, /name="at-day"[^>]*value="31"/, 'what was typed is shown again');

    const tomorrow = today().add({ days: 1 });
    const future = await client.post(`/people/${id}/legal/tribunal-references/new`, { version: '3', provision: 's68(2)', ...dateBoxes(tomorrow, '09:00') });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /href="#at-day">The time the reference was made is in the future: record things once they have happened<\/a>/);
    assert.equal(await entryCount(id), entries);
  });

  it('records the reference, shows it as the last reference under Tribunal, and the reference is no longer due', async () => {
    const id = await detainedPerson('Referred');
    const before = await client.get(`/people/${id}/legal`);
    assert.match(before.body, /Refer the case to the tribunal \(managers\u2019 reference\)/);
    await client.get(`/people/${id}/legal/tribunal-references/new`);
    const yesterday = today().subtract({ days: 1 });
    const saved = await client.post(`/people/${id}/legal/tribunal-references/new`, { version: '3', provision: 's68(2)', ...dateBoxes(yesterday, '14:30'), note: 'Sent to the tribunal office' });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/people/${id}/legal?saved=reference`);
    const page = await client.get(`/people/${id}/legal?saved=reference`);
    assert.match(page.body, /The reference to the tribunal has been recorded\./);
    assert.match(page.body, /id="last-tribunal-reference">The hospital managers referred the case to the tribunal on \d+ \w+ \d{4} at 2:30pm under section 68\(2\)\. It met the managers\u2019 reference due at midnight at the end of [^(]+\(Section 68\(2\)\)\.<\/p>/);
    assert.match(page.body, /Made late: \d+ \w+ \d{4} at 2:30pm\./, 'made after it fell due');
    assert.match(page.body, /Sent to the tribunal office/);
    assert.doesNotMatch(page.body, /Refer the case to the tribunal \(managers\u2019 reference\)/, 'no longer among what falls due');
    const task = await test.db.selectFrom('tasks').select(['closed_reason']).where('person_id', '=', id).where('kind', '=', 'managers-reference-due').executeTakeFirstOrThrow();
    assert.equal(task.closed_reason, 'Done: the reference to the tribunal is recorded as made');
  });
});
