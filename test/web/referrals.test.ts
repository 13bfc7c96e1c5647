import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clockNow, type AppContext } from '../../src/app/context.ts';
import { createTeam } from '../../src/app/organisation/organisation.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { addStaff, startTestApp, systemContext, TestClient, type TestApp } from '../support/harness.ts';

describe('referral pages', () => {
  let test: TestApp;
  let personId = '';
  const teams: Record<string, string> = {};
  const agencies: Record<string, string> = {};
  const clients = new Map<string, TestClient>();
  const as = (username: string) => clients.get(username)!;

  async function add(username: string, role: Role, agencyName: string, agencyKind: AgencyKind, team: string) {
    const added = await addStaff(test.db, { username, role, agencyName, agencyKind, displayName: `${username} officer` });
    agencies[agencyName] = added.agencyId;
    teams[team] ??= await createTeam(systemContext(test.db), added.agencyId, { name: team });
    await test.db.updateTable('users').set({ team_id: teams[team] }).where('id', '=', added.userId).execute();
    const client = new TestClient(test.app);
    await client.signIn(username);
    clients.set(username, client);
    return added;
  }

  before(async () => {
    test = await startTestApp();
    const custody = await add('custody', 'police-officer', 'Wessex Police', 'police-force', 'Custody suite');
    await add('screener', 'liaison-and-diversion-practitioner', 'Wessex Liaison and Diversion', 'liaison-and-diversion', 'Custody screening');
    await add('court', 'liaison-and-diversion-practitioner', 'Wessex Liaison and Diversion', 'liaison-and-diversion', 'Court team');
    const context: AppContext = { db: test.db, now: clockNow, purpose: 'Setting up', actor: { kind: 'user', userId: custody.userId, label: 'custody officer', role: 'police-officer', agencyId: custody.agencyId, agencyName: custody.agencyName } };
    const outcome = await registerPerson(
      context,
      { givenNames: 'Jonah', familyName: 'Reed', preferredName: null, otherNames: null, dateOfBirth: '1991-04-02', nhsNumber: null, pncId: null, probationReference: null, address: '3 Quay Street', preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null },
      { confirmedNewPerson: true },
    );
    personId = outcome.kind === 'registered' ? outcome.personId : '';
  });
  after(() => test.close());

  const words = 'Arrested for criminal damage at 1pm. Confused; says the television talks to him.';

  async function refer(urgency = 'urgent'): Promise<string> {
    await as('custody').get(`/people/${personId}/referrals/new`);
    const response = await as('custody').post(`/people/${personId}/referrals/new`, {
      to: `${agencies['Wessex Liaison and Diversion']}/${teams['Custody screening']}`,
      purpose: 'liaison-and-diversion-screening',
      urgency,
      asked: 'Screen him before his first appearance tomorrow.',
      referrerWords: words,
    });
    assert.equal(response.statusCode, 303, response.body.slice(0, 1500));
    const match = /^\/referrals\/([0-9a-f-]{36})\?saved=sent$/.exec(String(response.headers.location));
    assert.ok(match, String(response.headers.location));
    return match[1]!;
  }

  it('offers a form naming every field, and shows each problem beside its field without saving', async () => {
    const form = await as('custody').get(`/people/${personId}/referrals/new`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<h1 class="govuk-heading-l">Make a referral<\/h1>/);
    assert.match(form.body, /Custody screening \(Wessex Liaison and Diversion\)/);
    assert.ok(!form.body.includes('>Custody suite (Wessex Police)<'), 'the referrer’s own team is not offered');
    assert.match(form.body, /Acknowledged within 1 hour, accepted or declined within 4 hours/);
    assert.match(form.body, /href="\/referrals"[^>]*>Referrals</);
    const before = await test.db.selectFrom('referrals').select('id').execute();
    const response = await as('custody').post(`/people/${personId}/referrals/new`, { to: '', purpose: '', urgency: '', asked: '', referrerWords: '' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /There is a problem/);
    for (const [href, message] of [
      ['#purpose', 'Select what the referral is for'],
      ['#urgency', 'Select how urgent the referral is'],
      ['#asked', 'Enter what you are asking the team to do'],
      ['#referrerWords', 'Enter the referral in your own words'],
      ['#to', 'Select the team or agency you are referring to'],
    ]) {
      assert.ok(response.body.includes(`<a href="${href}">${message}</a>`), `${href}: ${message}`);
    }
    assert.equal((await test.db.selectFrom('referrals').select('id').execute()).length, before.length);
  });

  it('takes a referral through acknowledgement, acceptance and closing, and shows the outcome to the referrer', async () => {
    const id = await refer();
    const inbox = await as('screener').get('/referrals');
    assert.equal(inbox.statusCode, 200);
    assert.match(inbox.body, new RegExp(`href="/referrals/${id}">Jonah Reed`));
    assert.match(inbox.body, /Acknowledge by/);

    const page = await as('screener').get(`/referrals/${id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(words));
    assert.match(page.body, /You see the person’s record once your team accepts/);
    assert.ok(!page.body.includes(`href="/people/${personId}"`), 'no link to a record the receiver cannot yet see');
    assert.equal((await as('screener').get(`/people/${personId}`)).statusCode, 403);

    assert.equal((await as('screener').post(`/referrals/${id}/acknowledge`, {})).statusCode, 303);
    const refused = await as('screener').post(`/referrals/${id}/decision`, { decision: 'declined', decisionReason: '' });
    assert.equal(refused.statusCode, 400);
    assert.ok(refused.body.includes('<a href="#decisionReason">Enter why you are declining the referral: the referrer is told</a>'));
    const accepted = await as('screener').post(`/referrals/${id}/decision`, { decision: 'accepted', decisionReason: '' });
    assert.equal(accepted.statusCode, 303);
    assert.equal(accepted.headers.location, `/referrals/${id}?saved=accepted`);
    const afterAccepting = await as('screener').get(`/referrals/${id}?saved=accepted`);
    assert.match(afterAccepting.body, /your team is now involved with the person/);
    assert.ok(afterAccepting.body.includes(`href="/people/${personId}"`));
    assert.equal((await as('screener').get(`/people/${personId}`)).statusCode, 200);

    const noOutcome = await as('screener').post(`/referrals/${id}/close`, { outcome: '', outcomeNote: '' });
    assert.equal(noOutcome.statusCode, 400);
    assert.ok(noOutcome.body.includes('<a href="#outcome">Select the outcome: a referral cannot be closed without one</a>'));
    assert.equal((await as('screener').post(`/referrals/${id}/close`, { outcome: 'completed', outcomeNote: 'Screened; diverted to the community mental health team.' })).statusCode, 303);

    const sent = await as('custody').get('/referrals');
    assert.match(sent.body, /Made by your team/);
    assert.ok(sent.body.includes('Closed: Done as asked: Screened; diverted to the community mental health team.'));
    const history = await as('custody').get(`/referrals/${id}`);
    assert.match(history.body, /Acknowledged by screener officer/);
    assert.match(history.body, /Accepted by screener officer/);
    assert.ok(!history.body.includes('action="/referrals/' + id + '/withdraw"'), 'a closed referral cannot be withdrawn');
  });

  it('lets the referrer withdraw an unanswered referral, and no one else', async () => {
    const id = await refer('routine');
    const page = await as('custody').get(`/referrals/${id}`);
    assert.ok(page.body.includes(`action="/referrals/${id}/withdraw"`));
    assert.ok(!page.body.includes(`action="/referrals/${id}/decision"`));
    assert.equal((await as('screener').post(`/referrals/${id}/withdraw`, { withdrawalReason: 'Not ours' })).statusCode, 403);
    const missing = await as('custody').post(`/referrals/${id}/withdraw`, { withdrawalReason: '' });
    assert.equal(missing.statusCode, 400);
    assert.ok(missing.body.includes('<a href="#withdrawalReason">Enter why you are withdrawing the referral</a>'));
    assert.equal((await as('custody').post(`/referrals/${id}/withdraw`, { withdrawalReason: 'Released without charge.' })).statusCode, 303);
    const row = await test.db.selectFrom('referrals').select(['status', 'withdrawal_reason']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'withdrawn', withdrawal_reason: 'Released without charge.' });
  });

  it('keeps a referral from a team it was not sent to, and answers an unknown one as not found', async () => {
    const id = await refer();
    assert.equal((await as('court').get(`/referrals/${id}`)).statusCode, 403);
    assert.equal((await as('court').post(`/referrals/${id}/acknowledge`, {})).statusCode, 403);
    assert.ok(!(await as('court').get('/referrals')).body.includes(`/referrals/${id}`));
    assert.equal((await as('screener').get('/referrals/00000000-0000-4000-8000-000000000000')).statusCode, 404);
    assert.equal((await as('screener').get('/referrals/not-an-id')).statusCode, 404);
  });
});
