import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import type { AppContext } from '../../src/app/context.ts';
import { handOffCall, raiseCall, recordThresholdDecision } from '../../src/app/crisis/calls.ts';
import { saveService } from '../../src/app/crisis/services.ts';
import { createTeam } from '../../src/app/organisation/organisation.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { decideReferral } from '../../src/app/referrals/referral-steps.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { buildApp, type AccordApp } from '../../src/web/app.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff, systemContext, TestClient } from '../support/harness.ts';

describe('the gap view and the monthly crisis calls report', () => {
  let database: TestDatabase;
  let app: AccordApp;
  // The application's clock, moved on by the tests so that a handoff runs past its timer.
  const start = Temporal.Instant.from('2026-03-10T22:00:00Z');
  let clock = start;
  const staff: Record<string, { userId: string; agencyId: string; agencyName: string; role: Role }> = {};
  const clients = new Map<string, TestClient>();
  const as = (username: string) => clients.get(username)!;
  let personId = '';
  let serviceId = '';
  const calls: Record<string, string> = {};

  function context(name: string): AppContext {
    const member = staff[name]!;
    return { db: database.db, now: () => clock, purpose: 'Setting up', actor: { kind: 'user', userId: member.userId, label: name, role: member.role, agencyId: member.agencyId, agencyName: member.agencyName } };
  }

  async function add(username: string, role: Role, agencyName: string, agencyKind: AgencyKind, team: string | null) {
    const added = await addStaff(database.db, { username, role, agencyName, agencyKind, displayName: username });
    staff[username] = { userId: added.userId, agencyId: added.agencyId, agencyName: added.agencyName, role };
    let teamId: string | null = null;
    if (team) {
      teamId = await createTeam(systemContext(database.db), added.agencyId, { name: team });
      await database.db.updateTable('users').set({ team_id: teamId }).where('id', '=', added.userId).execute();
    }
    const client = new TestClient(app);
    await client.signIn(username);
    clients.set(username, client);
    return teamId;
  }

  const welfare = (concern: string, risk: string) => ({ category: 'concern-for-welfare', caller: 'Her sister', location: '12 Harbour Road', concern, risk, riskKnown: 'Previous overdose', personId, personDescription: '' });

  before(async () => {
    database = await freshDatabase();
    app = await buildApp({ db: database.db, logger: pino({ level: 'silent' }), now: () => clock, demo: false });
    await app.ready();
    await add('control', 'police-control-room', 'Wessex Police', 'police-force', null);
    const crisisTeam = await add('crisis', 'crisis-team-practitioner', 'Wessex Partnership NHS Trust', 'mental-health-trust', 'Crisis team');
    await add('records', 'mha-administrator', 'Wessex Partnership NHS Trust', 'mental-health-trust', null);
    await add('elsewhere', 'police-officer', 'Dorset Police', 'police-force', null);
    await add('admin', 'system-administrator', 'Accord administration', 'mental-health-trust', null);
    const registered = await registerPerson(
      context('control'),
      { givenNames: 'Ada', familyName: 'Moss', preferredName: null, otherNames: null, dateOfBirth: '1985-06-01', nhsNumber: null, pncId: null, probationReference: null, address: '12 Harbour Road', preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null },
      { confirmedNewPerson: true },
    );
    personId = registered.kind === 'registered' ? registered.personId : '';
    serviceId = await saveService(context('admin'), null, {
      name: 'Wessex crisis team',
      kind: 'crisis-team',
      canDo: 'Home visits',
      cannotDo: 'Cannot force entry',
      hours: '24 hours',
      outOfHours: '0300 000 0000',
      agencyId: staff.crisis!.agencyId,
      teamId: crisisTeam,
    });

    // Raised first and declined: nobody has it, and it waits to be handed on.
    clock = start;
    calls.declined = await raiseCall(context('control'), welfare('Declined call', 'low'));
    await recordThresholdDecision(context('control'), calls.declined, { crime: 'no', riskToLife: 'no', reasons: 'No crime; no immediate risk.' });
    const declinedHandoff = await handOffCall(context('control'), calls.declined, { serviceId, asked: 'Visit and assess.' });
    await decideReferral(context('crisis'), declinedHandoff, 'declined', 'No capacity tonight');
    // Raised five minutes later, high risk, and handed off: unanswered past the hour it allows.
    clock = start.add({ minutes: 5 });
    calls.pastTimer = await raiseCall(context('control'), welfare('Unanswered call', 'high'));
    await recordThresholdDecision(context('control'), calls.pastTimer, { crime: 'no', riskToLife: 'no', reasons: 'No crime; no immediate risk.' });
    await handOffCall(context('control'), calls.pastTimer, { serviceId, asked: 'Visit tonight.' });
    // Raised ten minutes later still, with no threshold decision yet.
    clock = start.add({ minutes: 10 });
    calls.undecided = await raiseCall(context('control'), welfare('Undecided call', 'medium'));
    clock = start.add({ minutes: 80 });
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  // The part of the page from one table's heading to the next.
  function table(body: string, id: string): string {
    const from = body.indexOf(`id="${id}"`);
    assert.ok(from >= 0, `the page has the ${id} table`);
    const next = body.indexOf('<h2', from + 1);
    return body.slice(from, next === -1 ? undefined : next);
  }

  it('lists a declined call and a call past its timer, oldest first, linking to each with how long it has waited', async () => {
    const response = await as('control').get('/calls/gaps');
    assert.equal(response.statusCode, 200);
    const declined = table(response.body, 'declined');
    assert.match(declined, new RegExp(`href="/calls/${calls.declined}"`));
    assert.doesNotMatch(declined, new RegExp(calls.pastTimer!));
    assert.match(declined, /1 hour 20 minutes/);
    assert.match(declined, /Wessex crisis team declined: No capacity tonight/);

    const pastTimer = table(response.body, 'past-timer');
    assert.match(pastTimer, new RegExp(`href="/calls/${calls.pastTimer}"`));
    assert.doesNotMatch(pastTimer, new RegExp(calls.declined!));
    assert.match(pastTimer, /1 hour 15 minutes/);
    assert.match(pastTimer, /was due 10 March 2026 at 11:05pm, 15 minutes ago/);

    const withoutOwner = table(response.body, 'without-owner');
    const order = [calls.declined!, calls.pastTimer!, calls.undecided!].map((id) => withoutOwner.indexOf(`/calls/${id}"`));
    assert.ok(order.every((index) => index >= 0), 'every call nobody has is listed');
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'oldest first');
  });

  it('shows only the calls the viewer may see, and says so', async () => {
    const response = await as('elsewhere').get('/calls/gaps');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /You see only the calls you may see/);
    for (const id of Object.values(calls)) assert.doesNotMatch(response.body, new RegExp(id));
    assert.match(response.body, /There are no declined calls waiting to be handed on that you can see/);
  });

  it('links the gap view from the calls list, and the report only for those who read reports', async () => {
    const forControl = await as('control').get('/calls');
    assert.match(forControl.body, /href="\/calls\/gaps"/);
    assert.doesNotMatch(forControl.body, /href="\/calls\/report"/);
    assert.equal((await as('control').get('/calls/report?month=2026-03')).statusCode, 403);
  });

  it('renders the monthly report with its charts, and the same numbers as CSV, naming no one', async () => {
    const page = await as('records').get('/calls/report?month=2026-03');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Calls raised in 2026-03: 3/);
    assert.match(page.body, /<svg class="accord-chart"[^>]*aria-labelledby="chart-category-title chart-category-desc"/);
    assert.match(page.body, /Concern for welfare: 3/);
    assert.match(page.body, /People with more than one call in the month: 1, with 3 calls between them/);
    assert.match(page.body, /href="\/calls\/report.csv\?month=2026-03"/);
    assert.doesNotMatch(page.body, /Ada|Moss/);

    const csv = await as('records').get('/calls/report.csv?month=2026-03');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /crisis-calls-2026-03\.csv/);
    const lines = csv.body.split('\r\n');
    assert.equal(lines[0], '"Month","Measure","Item","Value"');
    assert.ok(lines.includes('"2026-03","Calls by category","Concern for welfare","3"'));
    assert.ok(lines.includes('"2026-03","Repeat callers","People with more than one call","1"'));
    assert.ok(lines.includes('"2026-03","Open at month end","All","3"'));
    assert.doesNotMatch(csv.body, /Ada|Moss/);
  });

  it('opens on the last full month, and refuses a bad or future month naming the field', async () => {
    const opened = await as('records').get('/calls/report');
    assert.equal(opened.statusCode, 200);
    assert.match(opened.body, /Calls raised in 2026-02: 0/);

    const bad = await as('records').get('/calls/report?month=2026-13');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#month">Enter the month as a year and month, for example 2026-03/);
    const future = await as('records').get('/calls/report.csv?month=2026-04');
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /href="#month">The month must be this month or in the past/);
  });
});
