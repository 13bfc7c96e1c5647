import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import pino from 'pino';
import type { AppContext } from '../../src/app/context.ts';
import { recordNote } from '../../src/app/people/record-note.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { buildApp, type AccordApp } from '../../src/web/app.ts';
import { auditEntriesAbout } from '../support/audit.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff, cookieHeader, cookiesFrom, TestClient } from '../support/harness.ts';

const trust = { agencyName: 'Wessex Partnership NHS Trust', agencyKind: 'mental-health-trust' } as const;
const police = { agencyName: 'Wessex Police', agencyKind: 'police-force' } as const;
const riskText = 'Threatened his neighbour with a knife on 9 March; says he will go back.';
const clinicalText = 'Started on clozapine; bloods weekly.';

describe('disclosure pages', () => {
  let database: TestDatabase;
  let app: AccordApp;
  // The application's clock, moved by the tests: a disclosure must stop at its end with no one acting.
  // 10 March 2026, 3pm in London; sessions signed in now last until 3am on the 11th.
  const start = Temporal.Instant.from('2026-03-10T15:00:00Z');
  let clock = start;
  let nurseContext: () => AppContext;
  let policeAgencyId = '';
  const clients = new Map<string, TestClient>();
  const as = (username: string) => clients.get(username)!;

  // Posts a form whose fields may repeat (checkboxes), as a browser does.
  async function postForm(client: TestClient, url: string, fields: [string, string][]) {
    const payload = new URLSearchParams([...fields, ['_csrf', client.csrfToken]]);
    const response = await app.inject({
      method: 'POST',
      url,
      headers: { cookie: cookieHeader(client.jar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: payload.toString(),
    });
    cookiesFrom(response.headers['set-cookie'], client.jar);
    return response;
  }

  async function addPerson(familyName: string) {
    const outcome = await registerPerson(
      nurseContext(),
      { givenNames: 'Daniel', familyName, preferredName: null, otherNames: null, dateOfBirth: '1988-09-14', nhsNumber: null, pncId: null, probationReference: null, address: '7 Mill Lane', preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null },
      { confirmedNewPerson: true },
    );
    const personId = outcome.kind === 'registered' ? outcome.personId : '';
    await recordNote(nurseContext(), personId, 1, { category: 'clinical', text: clinicalText });
    await recordNote(nurseContext(), personId, 2, { category: 'risk-to-others', text: riskText });
    const risk = await database.db.selectFrom('record_entries').select('id').where('person_id', '=', personId).where('category', '=', 'risk-to-others').executeTakeFirstOrThrow();
    return { personId, riskNoteId: risk.id };
  }

  function proposal(riskNoteId: string, lastDay: { day: string; month: string; year: string }): [string, string][] {
    return [
      ['basis', 'public-interest'],
      ['justification', 'He has threatened his neighbour with a knife and says he will do it again.'],
      ['items', riskNoteId],
      ['recipientAgencyId', policeAgencyId],
      ['recipientTeamId', ''],
      ['purpose', 'So that officers attending the address know the risk'],
      ['expiresOn-day', lastDay.day],
      ['expiresOn-month', lastDay.month],
      ['expiresOn-year', lastDay.year],
    ];
  }

  async function proposeAndApprove(personId: string, riskNoteId: string, lastDay = { day: '17', month: '3', year: '2026' }): Promise<string> {
    await as('nurse').get(`/people/${personId}/disclosures/new`);
    const proposed = await postForm(as('nurse'), `/people/${personId}/disclosures/new`, proposal(riskNoteId, lastDay));
    assert.equal(proposed.statusCode, 303, proposed.body.slice(0, 2000));
    const location = String(proposed.headers.location);
    const disclosureId = /^\/disclosures\/([0-9a-f-]{36})\?saved=proposed$/.exec(location)![1]!;
    await as('guardian').get(`/disclosures/${disclosureId}`);
    const approved = await as('guardian').post(`/disclosures/${disclosureId}/decision`, { decision: 'approved', decisionNote: 'A real and current risk of serious harm to the neighbour.' });
    assert.equal(approved.statusCode, 303);
    return disclosureId;
  }

  before(async () => {
    database = await freshDatabase();
    app = await buildApp({ db: database.db, logger: pino({ level: 'silent' }), now: () => clock, demo: false });
    await app.ready();
    const nurse = await addStaff(database.db, { username: 'nurse', role: 'mental-health-nurse', ...trust });
    await addStaff(database.db, { username: 'psychiatrist', role: 'psychiatrist', ...trust });
    await addStaff(database.db, { username: 'guardian', role: 'caldicott-guardian', ...trust });
    policeAgencyId = (await addStaff(database.db, { username: 'officer', role: 'police-officer', ...police })).agencyId;
    nurseContext = () => ({
      db: database.db,
      now: () => clock,
      purpose: 'Setting up',
      actor: { kind: 'user', userId: nurse.userId, label: 'Test nurse', role: 'mental-health-nurse' as Role, agencyId: nurse.agencyId, agencyName: trust.agencyName },
    });
    for (const username of ['nurse', 'psychiatrist', 'guardian', 'officer']) {
      const client = new TestClient(app);
      await client.signIn(username);
      clients.set(username, client);
    }
  });
  after(async () => {
    await app.close();
    await database.close();
  });
  beforeEach(() => {
    clock = start;
  });

  it('offers the entries the proposer sees, identifying details, the lawful bases with their approver, and other agencies', async () => {
    const { personId, riskNoteId } = await addPerson('Price');
    const page = await as('nurse').get(`/people/${personId}/disclosures/new`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1 class="govuk-heading-l">Propose a disclosure<\/h1>/);
    assert.ok(page.body.includes(`value="${riskNoteId}"`), 'the risk note is offered');
    assert.match(page.body, /Threatened his neighbour with a knife/);
    assert.match(page.body, /value="identity"/);
    assert.doesNotMatch(page.body, /Person added/, 'the registration is disclosed as identifying details, not as an entry');
    assert.match(page.body, /Public interest: a real risk of serious harm to others/);
    assert.match(page.body, /Approved by the Caldicott guardian\. Needs: the risk of serious harm to others, stated\./);
    assert.match(page.body, /<label class="govuk-label govuk-label--s" for="justification">/);
    assert.match(page.body, /<option value="[0-9a-f-]{36}">Wessex Police<\/option>/);
    assert.doesNotMatch(page.body, /<option value="[0-9a-f-]{36}"[^>]*>Wessex Partnership NHS Trust<\/option>/, 'not the proposer’s own agency');
  });

  it('cannot be saved without a basis, items, recipient, purpose or end, each linked from the summary, saving nothing', async () => {
    const { personId } = await addPerson('Ashdown');
    await as('nurse').get(`/people/${personId}/disclosures/new`);
    const response = await postForm(as('nurse'), `/people/${personId}/disclosures/new`, []);
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /There is a problem/);
    assert.match(response.body, /href="#basis">Select the lawful basis for the disclosure/);
    assert.match(response.body, /href="#items">Select at least one item to disclose/);
    assert.match(response.body, /href="#recipientAgencyId">Select the agency the disclosure is to/);
    assert.match(response.body, /href="#purpose">Enter what the recipient needs the information for/);
    assert.match(response.body, /href="#expiresOn-day">Enter the last day the disclosure holds/);
    const saved = await database.db.selectFrom('disclosures').select('id').where('person_id', '=', personId).execute();
    assert.equal(saved.length, 0);
  });

  it('in the public interest, cannot be saved without the risk stated, and keeps what was typed', async () => {
    const { personId, riskNoteId } = await addPerson('Bright');
    await as('nurse').get(`/people/${personId}/disclosures/new`);
    const fields = proposal(riskNoteId, { day: '17', month: '', year: '2026' }).map(([name, value]): [string, string] => [name, name === 'justification' ? '' : value]);
    const response = await postForm(as('nurse'), `/people/${personId}/disclosures/new`, fields);
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /href="#justification">Enter the risk of serious harm to others that the disclosure is to prevent/);
    assert.match(response.body, /href="#expiresOn-month">Last day the disclosure holds must include a month/);
    assert.match(response.body, /So that officers attending the address know the risk<\/textarea>/);
    assert.match(response.body, new RegExp(`value="${riskNoteId}" checked`));
  });

  it('is approved by the Caldicott guardian, not the proposer or a clinician, and the police then see exactly the disclosed note', async () => {
    const { personId, riskNoteId } = await addPerson('Carver');
    const before = await as('officer').get(`/people/${personId}`);
    assert.equal(before.statusCode, 403, 'the police are not involved');

    await as('nurse').get(`/people/${personId}/disclosures/new`);
    const proposed = await postForm(as('nurse'), `/people/${personId}/disclosures/new`, proposal(riskNoteId, { day: '17', month: '3', year: '2026' }));
    assert.equal(proposed.statusCode, 303);
    const page = String(proposed.headers.location).replace(/\?.*$/, '');
    const shown = await as('nurse').get(`${page}?saved=proposed`);
    assert.match(shown.body, /Sent for approval/);
    assert.match(shown.body, /Awaiting approval by the Caldicott guardian/);
    assert.doesNotMatch(shown.body, /Save decision/, 'the proposer is not offered the decision');

    const byProposer = await as('nurse').post(`${page}/decision`, { decision: 'approved', decisionNote: 'Mine' });
    assert.equal(byProposer.statusCode, 403);
    await as('psychiatrist').get(page);
    const byClinician = await as('psychiatrist').post(`${page}/decision`, { decision: 'approved', decisionNote: 'Agree' });
    assert.equal(byClinician.statusCode, 403);
    assert.match(byClinician.body, /approved or refused by the Caldicott guardian/);
    assert.equal((await as('officer').get(`/people/${personId}`)).statusCode, 403, 'nothing is shared before approval');
    assert.equal((await as('officer').get(page)).statusCode, 403, 'not even that a disclosure is proposed');

    const queue = await as('guardian').get('/disclosures');
    assert.match(queue.body, /Awaiting your approval/);
    assert.ok(queue.body.includes(`href="${page}">Daniel Carver`));
    const toDecide = await as('guardian').get(page);
    assert.match(toDecide.body, /Threatened his neighbour with a knife/, 'the guardian sees what they are approving');
    assert.match(toDecide.body, /Save decision/);
    const missing = await as('guardian').post(`${page}/decision`, { decision: 'approved', decisionNote: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /href="#decisionNote">Enter the reasons for your decision/);
    const approved = await as('guardian').post(`${page}/decision`, { decision: 'approved', decisionNote: 'A real and current risk of serious harm to the neighbour.' });
    assert.equal(approved.statusCode, 303);
    const afterwards = await as('guardian').get(page);
    assert.match(afterwards.body, /Approved: in effect until the end of 17 March 2026/);
    assert.doesNotMatch(afterwards.body, /Save decision/, 'a decision is final');

    const terms = await as('officer').get(page);
    assert.equal(terms.statusCode, 200);
    assert.match(terms.body, /So that officers attending the address know the risk/, 'the recipient sees the purpose');
    assert.equal(terms.body.includes('says he will do it again'), false, 'but not the reasoning, which may say more than the items');
    assert.equal(terms.body.includes('A real and current risk'), false);
    const mine = await as('officer').get('/disclosures');
    assert.ok(mine.body.includes(`href="/people/${personId}">Daniel Carver`), 'the recipient is led to the record');
    const record = await as('officer').get(`/people/${personId}`);
    assert.equal(record.statusCode, 200);
    assert.ok(record.body.includes(riskText), 'the disclosed note is shown');
    assert.match(record.body, /Disclosed to you/);
    assert.equal(record.body.includes(clinicalText), false, 'the clinical note was not disclosed');
    assert.equal(record.body.includes('7 Mill Lane'), false, 'identifying details were not disclosed');
    assert.equal((await as('officer').get(`/people/${personId}/legal`)).statusCode, 403);
    assert.equal((await as('officer').get(`/people/${personId}/disclosures/new`)).statusCode, 403, 'a recipient cannot pass it on');

    const audit = await auditEntriesAbout(database.db, personId).where('action', '=', 'write').execute();
    assert.ok(audit.some((entry) => entry.actor_label === 'Test guardian' && /^Disclosed to Wessex Police on the basis: Public interest/.test(entry.what)));
  });

  it('stops at the end of its last day without anyone acting', async () => {
    const { personId, riskNoteId } = await addPerson('Dennet');
    await proposeAndApprove(personId, riskNoteId, { day: '10', month: '3', year: '2026' });
    clock = Temporal.Instant.from('2026-03-10T23:59:00Z');
    assert.equal((await as('officer').get(`/people/${personId}`)).statusCode, 200);
    clock = Temporal.Instant.from('2026-03-11T00:00:00Z');
    const ended = await as('officer').get(`/people/${personId}`);
    assert.equal(ended.statusCode, 403);
    const list = await as('officer').get('/disclosures');
    assert.equal(list.body.includes('Daniel Dennet'), false);
    const history = await as('psychiatrist').get(`/people/${personId}/disclosures`);
    assert.match(history.body, /<strong class="govuk-tag govuk-tag--grey">\s*Expired\s*<\/strong>/);
  });

  it('stops at once when withdrawn', async () => {
    const { personId, riskNoteId } = await addPerson('Eames');
    const disclosureId = await proposeAndApprove(personId, riskNoteId);
    assert.equal((await as('officer').get(`/people/${personId}`)).statusCode, 200);
    const page = await as('officer').get(`/disclosures/${disclosureId}`);
    assert.doesNotMatch(page.body, /Withdraw the disclosure/, 'the recipient cannot withdraw it');
    const form = await as('nurse').get(`/disclosures/${disclosureId}`);
    assert.match(form.body, /Withdraw the disclosure/);
    const noReason = await as('nurse').post(`/disclosures/${disclosureId}/withdraw`, { withdrawalNote: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /href="#withdrawalNote">Enter why the disclosure is being withdrawn/);
    const withdrawn = await as('nurse').post(`/disclosures/${disclosureId}/withdraw`, { withdrawalNote: 'The neighbour has moved away' });
    assert.equal(withdrawn.statusCode, 303);
    assert.equal((await as('officer').get(`/people/${personId}`)).statusCode, 403);
    const history = await as('psychiatrist').get(`/people/${personId}/disclosures`);
    assert.match(history.body, /Withdrawn/);
    assert.match(history.body, /Wessex Police/);
    const shown = await as('psychiatrist').get(`/disclosures/${disclosureId}`);
    assert.match(shown.body, /The neighbour has moved away/);
    assert.match(shown.body, /Withdrawn: nothing is shared by it any longer/);
  });

  it('is not shown to staff with no part in it', async () => {
    const { personId, riskNoteId } = await addPerson('Farrow');
    const disclosureId = await proposeAndApprove(personId, riskNoteId);
    await addStaff(database.db, { username: 'stranger', role: 'police-officer', agencyName: 'Another Police Force', agencyKind: 'police-force' });
    const stranger = new TestClient(app);
    await stranger.signIn('stranger');
    assert.equal((await stranger.get(`/disclosures/${disclosureId}`)).statusCode, 403);
    assert.equal((await stranger.get(`/people/${personId}/disclosures`)).statusCode, 403);
    assert.equal((await stranger.get('/disclosures/not-a-uuid')).statusCode, 404);
  });
});
