import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { createStaff, createTeam } from '../../src/app/organisation/organisation.ts';
import { buildApp, type AccordApp } from '../../src/web/app.ts';
import { dateTimeValuesOf } from '../../src/web/core/date-time-input.ts';
import { auditEntriesAbout } from '../support/audit.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff, systemContext, testPassword, TestClient } from '../support/harness.ts';

const rosaForm = {
  givenNames: 'Rosa',
  familyName: 'Treharne',
  'dateOfBirth-day': '12',
  'dateOfBirth-month': '9',
  'dateOfBirth-year': '1986',
  nhsNumber: '',
  interpreterNeeded: 'no',
};

// The date-time boxes of the involvement form, for an instant.
function boxes(name: string, instant: Temporal.Instant): Record<string, string> {
  const values = dateTimeValuesOf(instant);
  return { [`${name}-day`]: values.day, [`${name}-month`]: values.month, [`${name}-year`]: values.year, [`${name}-time`]: values.time };
}

describe('involvement pages', () => {
  let database: TestDatabase;
  let app: AccordApp;
  // Whole minutes, since the form's boxes hold minutes.
  let clock = Temporal.Instant.from('2026-05-04T08:00:00Z');
  let personId = '';
  let policeAgencyId = '';
  let responseTeamId = '';
  const clients = new Map<string, TestClient>();

  async function signedIn(username: string): Promise<TestClient> {
    const client = new TestClient(app);
    await client.signIn(username);
    clients.set(username, client);
    return client;
  }
  const as = (username: string) => clients.get(username)!;
  const involvementsUrl = () => `/people/${personId}/involvements`;

  async function recordPoliceInvolvement(form: Record<string, string>) {
    await as('nurse').get(`${involvementsUrl()}/new?agency=${policeAgencyId}`);
    return as('nurse').post(`${involvementsUrl()}/new`, { agencyId: policeAgencyId, teamId: '', reason: 'Missing person enquiry', ...boxes('startsAt', clock), ...form });
  }

  async function currentPoliceInvolvementId(): Promise<string> {
    const rows = await database.db.selectFrom('involvements').select('id').where('agency_id', '=', policeAgencyId).where('person_id', '=', personId).where('ended_at', 'is', null).orderBy('recorded_at', 'desc').execute();
    return rows[0]!.id;
  }

  before(async () => {
    database = await freshDatabase();
    app = await buildApp({ db: database.db, logger: pino({ level: 'silent' }), now: () => clock, demo: false });
    await app.ready();
    await addStaff(database.db, { username: 'nurse', role: 'mental-health-nurse', agencyName: 'Wessex Partnership NHS Trust', agencyKind: 'mental-health-trust' });
    await addStaff(database.db, { username: 'nurse2', role: 'mental-health-nurse', agencyName: 'Wessex Partnership NHS Trust', agencyKind: 'mental-health-trust' });
    policeAgencyId = (await addStaff(database.db, { username: 'officer', role: 'police-officer', agencyName: 'Wessex Police', agencyKind: 'police-force' })).agencyId;
    responseTeamId = await createTeam(systemContext(database.db), policeAgencyId, { name: 'Response team' });
    await createStaff(
      systemContext(database.db),
      { username: 'responder', displayName: 'Test responder', email: null, agencyId: policeAgencyId, teamId: responseTeamId, role: 'police-officer' },
      testPassword,
    );
    for (const username of ['nurse', 'nurse2', 'officer', 'responder']) await signedIn(username);
    await as('nurse').get('/people/new');
    const added = await as('nurse').post('/people', rosaForm);
    assert.equal(added.statusCode, 303);
    personId = String(added.headers.location).split('/').at(-1)!;
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('shows who is involved, with the reason and who recorded it, and audits the read', async () => {
    const page = await as('nurse').get(involvementsUrl());
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<caption class="govuk-table__caption govuk-table__caption--m">Involved now<\/caption>/);
    assert.match(page.body, /<th scope="row" class="govuk-table__header">Wessex Partnership NHS Trust<\/th>/);
    assert.match(page.body, /Test nurse/);
    assert.match(page.body, /Record an involvement/);
    const reads = await auditEntriesAbout(database.db, personId).where('action', '=', 'read').where('what', '=', 'Viewed who is and was involved with the person').execute();
    assert.equal(reads.length, 1);
  });

  it('refuses the list, and recording an involvement, to someone not involved', async () => {
    assert.equal((await as('officer').get(`/people/${personId}`)).statusCode, 403);
    assert.equal((await as('officer').get(involvementsUrl())).statusCode, 403);
    await as('officer').get('/');
    const posted = await as('officer').post(`${involvementsUrl()}/new`, { agencyId: policeAgencyId, teamId: '', reason: 'Let myself in', ...boxes('startsAt', clock) });
    assert.equal(posted.statusCode, 403);
    const rows = await database.db.selectFrom('involvements').select('id').where('agency_id', '=', policeAgencyId).execute();
    assert.equal(rows.length, 0);
  });

  it('chooses the agency first, then its teams, and names every field at fault', async () => {
    const choose = await as('nurse').get(`${involvementsUrl()}/new`);
    assert.equal(choose.statusCode, 200);
    assert.match(choose.body, /Wessex Police \(Police force\)/);
    const none = await as('nurse').get(`${involvementsUrl()}/new?agency=`);
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /href="#agency">Select the agency that is involved/);
    const form = await as('nurse').get(`${involvementsUrl()}/new?agency=${policeAgencyId}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /The whole of Wessex Police/);
    assert.match(form.body, /Response team/);
    assert.match(form.body, new RegExp(`id="startsAt-day" name="startsAt-day" type="text" inputmode="numeric" autocomplete="off" value="${dateTimeValuesOf(clock).day}"`), 'starts now unless changed');

    const bad = await as('nurse').post(`${involvementsUrl()}/new`, { agencyId: policeAgencyId, teamId: '', reason: '', ...boxes('startsAt', clock), 'startsAt-time': '25:00' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#reason">Enter why they are involved/);
    assert.match(bad.body, /href="#startsAt-time">Start of the involvement must have a real time/);
    const backwards = await recordPoliceInvolvement(boxes('endsAt', clock.subtract({ hours: 1 })));
    assert.equal(backwards.statusCode, 400);
    assert.match(backwards.body, /href="#endsAt-day">The end must be after the start/);
    const rows = await database.db.selectFrom('involvements').select('id').where('agency_id', '=', policeAgencyId).execute();
    assert.equal(rows.length, 0);
  });

  it('gives access while the involvement runs, and stops it at its end without anyone acting', async () => {
    const saved = await recordPoliceInvolvement(boxes('endsAt', clock.add({ hours: 2 })));
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `${involvementsUrl()}?saved=recorded`);
    const list = await as('nurse').get(String(saved.headers.location));
    assert.match(list.body, /The involvement is recorded/);
    assert.match(list.body, /Wessex Police<\/th>\s*<td class="govuk-table__cell">Missing person enquiry/);

    assert.equal((await as('officer').get(`/people/${personId}`)).statusCode, 200);
    clock = clock.add({ hours: 1, minutes: 59 });
    assert.equal((await as('officer').get(`/people/${personId}`)).statusCode, 200);
    clock = clock.add({ minutes: 1 });
    assert.equal((await as('officer').get(`/people/${personId}`)).statusCode, 403);
    const after = await as('nurse').get(involvementsUrl());
    assert.match(after.body, /Involved before, or not yet started/);
  });

  it('ends an involvement with a reason, which stops its access at once', async () => {
    assert.equal((await recordPoliceInvolvement({})).statusCode, 303);
    assert.equal((await as('officer').get(`/people/${personId}`)).statusCode, 200);
    const involvementId = await currentPoliceInvolvementId();
    const endUrl = `${involvementsUrl()}/${involvementId}/end`;
    const form = await as('nurse').get(endUrl);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Missing person enquiry/);
    const noReason = await as('nurse').post(endUrl, { endReason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /href="#endReason">Enter why the involvement is ending/);
    assert.equal((await as('officer').get(`/people/${personId}`)).statusCode, 200, 'nothing ended');

    clock = clock.add({ minutes: 30 });
    const ended = await as('nurse').post(endUrl, { endReason: 'Found safe and well' });
    assert.equal(ended.statusCode, 303);
    assert.equal(ended.headers.location, `${involvementsUrl()}?saved=ended`);
    assert.equal((await as('officer').get(`/people/${personId}`)).statusCode, 403);
    const list = await as('nurse').get(involvementsUrl());
    assert.match(list.body, /Ended by Test nurse: Found safe and well/);
    const [row] = await database.db.selectFrom('involvements').selectAll().where('id', '=', involvementId).execute();
    assert.equal(Temporal.Instant.from(row!.ends_at!).toString(), clock.toString(), 'kept, with its end');
    const audited = await auditEntriesAbout(database.db, personId).where('what', '=', 'Ended an involvement: Found safe and well').execute();
    assert.equal(audited.length, 1);
  });

  it('lets only the team’s staff in through a team’s involvement', async () => {
    const saved = await recordPoliceInvolvement({ teamId: responseTeamId, reason: 'Response to a welfare call' });
    assert.equal(saved.statusCode, 303);
    assert.equal((await as('responder').get(`/people/${personId}`)).statusCode, 200);
    assert.equal((await as('officer').get(`/people/${personId}`)).statusCode, 403);
    const list = await as('nurse').get(involvementsUrl());
    assert.match(list.body, /Wessex Police, Response team/);
  });

  it('tells a user whose own way in has just ended that they no longer see the record', async () => {
    const [trust] = await database.db
      .selectFrom('involvements')
      .innerJoin('agencies', 'agencies.id', 'involvements.agency_id')
      .select('involvements.id')
      .where('agencies.name', '=', 'Wessex Partnership NHS Trust')
      .where('involvements.person_id', '=', personId)
      .execute();
    const endUrl = `${involvementsUrl()}/${trust!.id}/end`;
    await as('nurse2').get(endUrl);
    const ended = await as('nurse2').post(endUrl, { endReason: 'Discharged to the care of her GP' });
    assert.equal(ended.statusCode, 200);
    assert.match(ended.body, /you no longer see it/);
    assert.equal((await as('nurse2').get(`/people/${personId}`)).statusCode, 403);
  });
});
