import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clockNow, type AppContext } from '../../src/app/context.ts';
import { createTeam } from '../../src/app/organisation/organisation.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { addStaff, startTestApp, systemContext, TestClient, type TestApp } from '../support/harness.ts';

describe('crisis call pages', () => {
  let test: TestApp;
  let personId = '';
  const teams: Record<string, string> = {};
  const agencies: Record<string, string> = {};
  const clients = new Map<string, TestClient>();
  const as = (username: string) => clients.get(username)!;

  async function add(username: string, role: Role, agencyName: string, agencyKind: AgencyKind, team: string | null) {
    const added = await addStaff(test.db, { username, role, agencyName, agencyKind, displayName: username });
    agencies[agencyName] = added.agencyId;
    if (team) {
      teams[team] ??= await createTeam(systemContext(test.db), added.agencyId, { name: team });
      await test.db.updateTable('users').set({ team_id: teams[team] }).where('id', '=', added.userId).execute();
    }
    const client = new TestClient(test.app);
    await client.signIn(username);
    clients.set(username, client);
    return added;
  }

  before(async () => {
    test = await startTestApp();
    const control = await add('control', 'police-control-room', 'Wessex Police', 'police-force', 'Control room');
    await add('crisis', 'crisis-team-practitioner', 'Wessex Partnership NHS Trust', 'mental-health-trust', 'Crisis team');
    await add('admin', 'system-administrator', 'Accord administration', 'mental-health-trust', null);
    const context: AppContext = { db: test.db, now: clockNow, purpose: 'Setting up', actor: { kind: 'user', userId: control.userId, label: 'control', role: 'police-control-room', agencyId: control.agencyId, agencyName: control.agencyName } };
    const outcome = await registerPerson(
      context,
      { givenNames: 'Ada', familyName: 'Moss', preferredName: null, otherNames: null, dateOfBirth: '1985-06-01', nhsNumber: null, pncId: null, probationReference: null, address: '12 Harbour Road', preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null },
      { confirmedNewPerson: true },
    );
    personId = outcome.kind === 'registered' ? outcome.personId : '';
  });
  after(() => test.close());

  it('lets an administrator add a service, naming each missing field, and shows it in the directory', async () => {
    await as('admin').get('/admin/services/new');
    const bad = await as('admin').post('/admin/services/new', { name: '', kind: '', canDo: '', cannotDo: '', hours: '', outOfHours: '', receiver: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#name">Enter the service’s name/);
    assert.match(bad.body, /href="#receiver">Select the team on Accord that takes its calls/);
    const saved = await as('admin').post('/admin/services/new', {
      name: 'Wessex crisis team',
      kind: 'crisis-team',
      canDo: 'Home visits within 4 hours',
      cannotDo: 'Cannot force entry',
      hours: '24 hours',
      outOfHours: '0300 000 0000',
      receiver: `${agencies['Wessex Partnership NHS Trust']}/${teams['Crisis team']}`,
    });
    assert.equal(saved.statusCode, 303);
    const directory = await as('crisis').get('/services');
    assert.match(directory.body, /Wessex crisis team/);
    assert.match(directory.body, /Cannot force entry/);
    assert.equal((await as('crisis').get('/admin/services/new')).statusCode, 403);
  });

  it('raises a call, refuses a threshold decision without reasons, and offers the directory for the handoff', async () => {
    await as('control').get('/calls/new');
    const bad = await as('control').post('/calls/new', { category: '', caller: '', location: '', concern: '', risk: '', riskKnown: '', personId: '', personDescription: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#category">Select what kind of call it is/);
    assert.match(bad.body, /href="#personDescription">Describe the person/);
    const raised = await as('control').post('/calls/new', {
      category: 'concern-for-welfare',
      caller: 'Her sister',
      location: '12 Harbour Road',
      concern: 'Not answering the door',
      risk: 'medium',
      riskKnown: 'Previous overdose',
      personId,
      personDescription: '',
    });
    assert.equal(raised.statusCode, 303);
    const callUrl = String(raised.headers.location).split('?')[0]!;
    const page = await as('control').get(callUrl);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Awaiting the threshold decision/);
    assert.match((await as('control').get('/calls')).body, /Concern for welfare/);

    await as('control').get(`${callUrl}/threshold`);
    const noReasons = await as('control').post(`${callUrl}/threshold`, { crime: 'no', riskToLife: 'no', reasons: '' });
    assert.equal(noReasons.statusCode, 400);
    assert.match(noReasons.body, /href="#reasons">Enter the reasons for the decision/);
    assert.equal((await as('control').post(`${callUrl}/threshold`, { crime: 'no', riskToLife: 'no', reasons: 'No crime; no immediate risk.' })).statusCode, 303);

    const handoff = await as('control').get(`${callUrl}/handoff`);
    assert.match(handoff.body, /Can: Home visits within 4 hours\. Cannot: Cannot force entry/);
    assert.match(handoff.body, /acknowledge within 4 hours/);
    const noService = await as('control').post(`${callUrl}/handoff`, { serviceId: '', asked: '' });
    assert.equal(noService.statusCode, 400);
    assert.match(noService.body, /href="#serviceId">Select a service from the directory/);
    const serviceId = /name="serviceId" type="radio" value="([^"]+)"/.exec(handoff.body)![1]!;
    assert.equal((await as('control').post(`${callUrl}/handoff`, { serviceId, asked: 'Visit today' })).statusCode, 303);
    assert.match((await as('control').get(callUrl)).body, /Handed off, awaiting an answer/);

    // The crisis team sees the call it was handed, but cannot close it before accepting.
    await as('crisis').get(callUrl);
    const early = await as('crisis').post(`${callUrl}/outcome`, { outcome: 'seen-and-assessed', outcomeDetail: 'Seen' });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /href="#call-outcome">Nobody has taken this call yet/);
  });
});
