import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { createApiToken } from '../../src/app/auth/api-tokens.ts';
import type { AppContext } from '../../src/app/context.ts';
import { buildApp, type AccordApp } from '../../src/web/app.ts';
import { auditEntriesAbout } from '../support/audit.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff, TestClient } from '../support/harness.ts';

const rosaForm = {
  givenNames: 'Rosa',
  familyName: 'Treharne',
  'dateOfBirth-day': '12',
  'dateOfBirth-month': '9',
  'dateOfBirth-year': '1986',
  nhsNumber: '943 476 5919',
  interpreterNeeded: 'no',
};

const reason = 'Found collapsed in custody, needs her crisis plan';

describe('break-glass pages', () => {
  let database: TestDatabase;
  let app: AccordApp;
  // The application's clock, moved on by the tests: access must stop at its end with no one acting.
  let clock = Temporal.Instant.fromEpochMilliseconds(Temporal.Now.instant().epochMilliseconds);
  let personId = '';
  let policeAgencyId = '';
  let adminUserId = '';
  const clients = new Map<string, TestClient>();

  async function signedIn(username: string): Promise<TestClient> {
    const client = new TestClient(app);
    await client.signIn(username);
    clients.set(username, client);
    return client;
  }
  const as = (username: string) => clients.get(username)!;

  async function breakGlassCount(): Promise<number> {
    const rows = await database.db.selectFrom('break_glass').select('id').where('person_id', '=', personId).execute();
    return rows.length;
  }

  before(async () => {
    database = await freshDatabase();
    app = await buildApp({ db: database.db, logger: pino({ level: 'silent' }), now: () => clock, demo: false });
    await app.ready();
    const trust = { agencyName: 'Wessex Partnership NHS Trust', agencyKind: 'mental-health-trust' } as const;
    const police = { agencyName: 'Wessex Police', agencyKind: 'police-force' } as const;
    await addStaff(database.db, { username: 'nurse', role: 'mental-health-nurse', ...trust });
    await addStaff(database.db, { username: 'trust-ig', role: 'information-governance-lead', ...trust });
    policeAgencyId = (await addStaff(database.db, { username: 'officer', role: 'police-officer', ...police })).agencyId;
    await addStaff(database.db, { username: 'police-ig', role: 'information-governance-lead', ...police });
    adminUserId = (await addStaff(database.db, { username: 'admin', role: 'system-administrator' })).userId;
    for (const username of ['nurse', 'trust-ig', 'officer', 'police-ig']) await signedIn(username);
    await as('nurse').get('/people/new');
    const added = await as('nurse').post('/people', rosaForm);
    assert.equal(added.statusCode, 303);
    personId = String(added.headers.location).split('/').at(-1)!;
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('refuses a member of staff who is not involved, pointing to break-glass, and audits the refusal', async () => {
    const response = await as('officer').get(`/people/${personId}`);
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /break-glass/);
    assert.equal(response.body.includes('Treharne'), false);
    const refused = await auditEntriesAbout(database.db, personId).where('action', '=', 'refused').where('actor_label', '=', 'Test officer').execute();
    assert.equal(refused.length, 1);
  });

  it('shows the warning page without the person’s name to someone who has not found them', async () => {
    const page = await as('officer').get(`/people/${personId}/break-glass`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Everything you open and do in the record is logged/);
    assert.match(page.body, /information governance lead reviews every use/);
    assert.match(page.body, /name="reason"/);
    assert.match(page.body, /value="12"/);
    assert.equal(page.body.includes('Treharne'), false);
    const missing = await as('officer').get('/people/00000000-0000-4000-8000-000000000000/break-glass');
    assert.equal(missing.statusCode, 404);
  });

  it('refuses a request without a reason or a duration, naming each field, and saves nothing', async () => {
    const response = await as('officer').post(`/people/${personId}/break-glass`, { reason: '', hours: '' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /<a href="#reason">Enter the reason you need emergency access<\/a>/);
    assert.match(response.body, /<a href="#hours">Select how long you need emergency access for<\/a>/);
    const tooShort = await as('officer').post(`/people/${personId}/break-glass`, { reason: 'urgent', hours: '4' });
    assert.equal(tooShort.statusCode, 400);
    assert.match(tooShort.body, /href="#reason">Reason must say what the emergency is, in at least 3 words/);
    assert.match(tooShort.body, /value="4" checked/, 'the duration chosen is kept');
    assert.equal(await breakGlassCount(), 0);
  });

  it('does not let an API token break the glass', async () => {
    const admin: AppContext = { db: database.db, now: () => clock, purpose: 'Testing', actor: { kind: 'user', userId: adminUserId, label: 'Test admin', role: 'system-administrator', agencyId: null, agencyName: 'Accord' } };
    const { token } = await createApiToken(admin, { name: 'Control room', agencyId: policeAgencyId, role: 'police-control-room' });
    const response = await app.inject({
      method: 'POST',
      url: `/people/${personId}/break-glass`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ reason, hours: '1' }).toString(),
    });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /Only a member of staff signed in as themselves/);
    assert.equal(await breakGlassCount(), 0);
  });

  it('names the person found in a search, then opens the record for the hours chosen, then closes it without anyone acting', async () => {
    const found = await as('officer').get('/people?q=9434765919');
    assert.match(found.body, /Rosa Treharne/);
    const page = await as('officer').get(`/people/${personId}/break-glass`);
    assert.match(page.body, /<span class="govuk-caption-l">Rosa Treharne<\/span>/);

    const granted = await as('officer').post(`/people/${personId}/break-glass`, { reason, hours: '4' });
    assert.equal(granted.statusCode, 303);
    assert.equal(granted.headers.location, `/people/${personId}`);
    const record = await as('officer').get(`/people/${personId}`);
    assert.equal(record.statusCode, 200);
    assert.match(record.body, /<h1 class="govuk-heading-l">Rosa Treharne<\/h1>/);
    const again = await as('officer').get(`/people/${personId}/break-glass`);
    assert.match(again.body, /You already have emergency access to this record until/);
    const twice = await as('officer').post(`/people/${personId}/break-glass`, { reason, hours: '1' });
    assert.equal(twice.statusCode, 409);
    assert.equal(await breakGlassCount(), 1);

    clock = clock.add({ hours: 3, minutes: 59 });
    assert.equal((await as('officer').get(`/people/${personId}`)).statusCode, 200);
    clock = clock.add({ minutes: 1 });
    assert.equal((await as('officer').get(`/people/${personId}`)).statusCode, 403);
  });

  it('lists it for review by the information governance lead of the user’s agency only', async () => {
    const queue = await as('police-ig').get('/break-glass/review');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, /Awaiting review \(1\)/);
    assert.match(queue.body, /Rosa Treharne/);
    assert.match(queue.body, /Test officer/);
    assert.ok(queue.body.includes(reason));
    const otherAgency = await as('trust-ig').get('/break-glass/review');
    assert.equal(otherAgency.statusCode, 200);
    assert.equal(otherAgency.body.includes('Test officer'), false);
    assert.match(otherAgency.body, /There is no emergency access waiting for review/);
    assert.equal((await as('officer').get('/break-glass/review')).statusCode, 403);
  });

  it('lets the reviewer see what was done, insists on an outcome and a note when not appropriate, and records the review once', async () => {
    const [use] = await database.db.selectFrom('break_glass').select('id').where('person_id', '=', personId).execute();
    const url = `/break-glass/${use!.id}/review`;
    assert.equal((await as('trust-ig').get(url)).statusCode, 404, 'another agency’s reviewer does not find it');
    const page = await as('police-ig').get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Emergency access \(break-glass\) for 4 hours/);
    assert.match(page.body, /Viewed the person&#39;s summary and chronology/);

    const noOutcome = await as('police-ig').post(url, { outcome: '', note: '' });
    assert.equal(noOutcome.statusCode, 400);
    assert.match(noOutcome.body, /href="#outcome">Select whether the emergency access was appropriate/);
    const noNote = await as('police-ig').post(url, { outcome: 'not-appropriate', note: '' });
    assert.equal(noNote.statusCode, 400);
    assert.match(noNote.body, /href="#note">Enter why the access was not appropriate/);

    const saved = await as('police-ig').post(url, { outcome: 'appropriate', note: 'Custody nurse confirmed the emergency' });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/break-glass/review?saved=review');
    const queue = await as('police-ig').get('/break-glass/review?saved=review');
    assert.match(queue.body, /Review recorded/);
    assert.match(queue.body, /There is no emergency access waiting for review/);
    assert.match(queue.body, /Recently reviewed/);
    assert.match(queue.body, /Appropriate: the emergency justified the access/);

    const again = await as('police-ig').post(url, { outcome: 'not-appropriate', note: 'Changed my mind' });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /already reviewed, by Test police-ig/);
    const [row] = await database.db.selectFrom('break_glass').selectAll().where('id', '=', use!.id).execute();
    assert.equal(row!.review_outcome, 'appropriate');
  });

  it('does not let a reviewer review their own emergency access', async () => {
    await as('police-ig').get(`/people/${personId}/break-glass`);
    const granted = await as('police-ig').post(`/people/${personId}/break-glass`, { reason: 'Checking a report of harm overnight', hours: '1' });
    assert.equal(granted.statusCode, 303);
    const [own] = await database.db.selectFrom('break_glass').select('id').where('person_id', '=', personId).where('reviewed_at', 'is', null).execute();
    const page = await as('police-ig').get(`/break-glass/${own!.id}/review`);
    assert.match(page.body, /This is your own emergency access: another reviewer in your agency must review it/);
    assert.equal(page.body.includes('name="outcome"'), false);
    const posted = await as('police-ig').post(`/break-glass/${own!.id}/review`, { outcome: 'appropriate', note: '' });
    assert.equal(posted.statusCode, 403);
    const [row] = await database.db.selectFrom('break_glass').selectAll().where('id', '=', own!.id).execute();
    assert.equal(row!.reviewed_at, null);
  });
});
