import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clockNow, type AppContext } from '../../src/app/context.ts';
import { recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { addStaff, startTestApp, TestClient, type TestApp } from '../support/harness.ts';

// The deadlines, tasks and outbox pages of a hospital's Mental Health Act office.
describe('deadlines, tasks and outbox pages', () => {
  let test: TestApp;
  let office: TestClient;
  let personId: string;
  const hospital = 'Wessex Partnership NHS Trust';

  before(async () => {
    test = await startTestApp();
    const staff = await addStaff(test.db, { username: 'office', role: 'mha-administrator', agencyName: hospital });
    await addStaff(test.db, { username: 'rc', role: 'responsible-clinician', agencyName: hospital });
    await addStaff(test.db, { username: 'constable', role: 'police-officer', agencyKind: 'police-force', agencyName: 'Wessex Police' });
    await addStaff(test.db, { username: 'other-office', role: 'mha-administrator', agencyName: 'Mercia Health NHS Trust' });
    const context: AppContext = { db: test.db, now: clockNow, purpose: 'Test set-up', actor: { kind: 'user', userId: staff.userId, label: 'Test office', role: 'mha-administrator', agencyId: staff.agencyId, agencyName: hospital } };
    const outcome = await registerPerson(context, { givenNames: 'Sam', familyName: 'Okonjo', preferredName: null, otherNames: null, dateOfBirth: '1990-02-14', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null }, { confirmedNewPerson: true });
    assert.equal(outcome.kind, 'registered');
    personId = outcome.kind === 'registered' ? outcome.personId : '';
    const admitted = clockNow().subtract({ hours: 2 }).toString();
    await recordLegalEvent(context, personId, 1, { event: { type: 's2-admitted', at: admitted }, placement: { agencyId: staff.agencyId, agencyName: hospital, teamId: null, teamName: null }, documentId: null, note: null }, 'Recorded an s2 admission');
    office = new TestClient(test.app);
    await office.signIn('office');
  });
  after(() => test.close());

  it('shows the hospital’s deadlines, most urgent first, with links to the person’s legal status', async () => {
    const response = await office.get('/deadlines');
    assert.equal(response.statusCode, 200);
    const body = response.body;
    const table = body.slice(body.indexOf('<table'));
    assert.match(body, /<caption class="govuk-table__caption govuk-table__caption--m">What falls due at Wessex Partnership NHS Trust, most urgent first \(3 deadlines\)<\/caption>/);
    assert.match(body, new RegExp(`href="/people/${personId}/legal">Sam Okonjo<span class="govuk-visually-hidden">`));
    const rights = table.indexOf('Rights information to give');
    const window = table.indexOf('Tribunal window closes');
    const expiry = table.indexOf('Authority ends');
    assert.ok(rights > 0 && rights < window && window < expiry, 'the passed item first, then the soonest');
    assert.match(body, /overdue by (less than an hour|\d+ hours?)/);
    assert.match(body, /in 1[34] days/);
    assert.match(body, /govuk-tag--red[^>]*>\s*Overdue/);
  });

  it('filters by what is due, and explains a filter it cannot use', async () => {
    const filtered = await office.get('/deadlines?kind=authority-ends&within=90');
    assert.equal(filtered.statusCode, 200);
    assert.match(filtered.body, /\(1 deadline\)/);
    assert.doesNotMatch(filtered.body, /Rights information to give<\/td>/);
    const wrong = await office.get('/deadlines?kind=nonsense&within=0');
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /href="#kind">Select what is due from the list/);
    assert.match(wrong.body, /href="#within">Due within must be a number of days/);
  });

  it('exports the same list as CSV', async () => {
    const response = await office.get('/deadlines.csv?kind=authority-ends');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="deadlines-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = response.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    assert.equal(lines.length, 2);
    assert.match(lines[1]!, /^"Sam Okonjo","","Authority ends","\d{4}-\d{2}-\d{2} \d{2}:\d{2}","s2\(4\)",""$/);
  });

  it('shows another hospital none of this hospital’s people', async () => {
    const other = new TestClient(test.app);
    await other.signIn('other-office');
    const response = await other.get('/deadlines');
    assert.equal(response.statusCode, 200);
    assert.doesNotMatch(response.body, /Okonjo/);
    assert.doesNotMatch((await other.get('/tasks?role=all')).body, /Okonjo/);
    assert.doesNotMatch((await other.get('/deadlines.csv')).body, /Okonjo/);
  });

  it('needs the deadlines permission for every page', async () => {
    const police = new TestClient(test.app);
    await police.signIn('constable');
    for (const url of ['/deadlines', '/deadlines.csv', '/tasks', '/outbox']) {
      const response = await police.get(url);
      assert.equal(response.statusCode, 403, url);
      assert.doesNotMatch(response.body, /Okonjo/);
    }
    const anonymous = await test.app.inject({ method: 'GET', url: '/tasks' });
    assert.equal(anonymous.statusCode, 303);
  });

  it('lists my role’s open tasks, overdue ones escalated, and closes one with a note, once', async () => {
    const list = await office.get('/tasks');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Open tasks for the mental health act administrator at Wessex Partnership NHS Trust/);
    assert.match(list.body, /Give the patient information about their rights under s132/);
    assert.doesNotMatch(list.body, /The s2 authority ends/, 'the clinician’s task is not in my list by default');
    assert.match(list.body, />\s*Escalated/);
    const taskId = /href="\/tasks\/([0-9a-f-]{36})">Close<span class="govuk-visually-hidden"> the task “Give the patient information/.exec(list.body)?.[1];
    assert.ok(taskId);

    const page = await office.get(`/tasks/${taskId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<label class="govuk-label govuk-label--s" for="note">/);
    const empty = await office.post(`/tasks/${taskId}/close`, { note: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /href="#note">Enter a note saying how the task was done/);
    const forged = await office.post(`/tasks/${taskId}/close`, { note: 'Done' }, { csrf: 'not-the-token' });
    assert.equal(forged.statusCode, 403);

    const closed = await office.post(`/tasks/${taskId}/close`, { note: 'Rights leaflet given and explained on admission' });
    assert.equal(closed.statusCode, 303);
    assert.equal(closed.headers.location, '/tasks?closed=1');
    const row = await test.db.selectFrom('tasks').select(['closed_reason', 'closed_by_label']).where('id', '=', taskId).executeTakeFirstOrThrow();
    assert.equal(row.closed_reason, 'Rights leaflet given and explained on admission');
    const again = await office.post(`/tasks/${taskId}/close`, { note: 'Again' });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /already closed/);
    const closedList = await office.get('/tasks?status=closed');
    assert.match(closedList.body, /Rights leaflet given and explained on admission/);
  });

  it('lets a clinician see but not close the office’s task', async () => {
    const clinician = new TestClient(test.app);
    await clinician.signIn('rc');
    const mine = await clinician.get('/tasks');
    assert.match(mine.body, /The s2 authority ends/);
    const all = await clinician.get('/tasks?role=mha-administrator');
    const taskId = /href="\/tasks\/([0-9a-f-]{36})">View<span/.exec(all.body)?.[1];
    assert.ok(taskId);
    const refused = await clinician.post(`/tasks/${taskId}/close`, { note: 'Done' });
    assert.equal(refused.statusCode, 403);
  });

  it('shows the outbox with the escalation notification', async () => {
    const response = await office.get('/outbox');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Notifications at Wessex Partnership NHS Trust, newest first/);
    assert.match(response.body, /Overdue Mental Health Act task at Wessex Partnership NHS Trust/);
    assert.match(response.body, /Queued|In Accord only/);
  });
});
