import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addStaff, involve, startTestApp, TestClient, type TestApp } from '../support/harness.ts';

const helenForm = {
  givenNames: 'Helen',
  familyName: 'Okafor',
  'dateOfBirth-day': '14',
  'dateOfBirth-month': '2',
  'dateOfBirth-year': '1990',
  nhsNumber: '943 476 5919',
  interpreterNeeded: 'no',
};

async function countPeople(test: TestApp): Promise<number> {
  const row = await test.db.selectFrom('people').select((expression) => expression.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

describe('people pages', () => {
  let test: TestApp;
  let client: TestClient;
  before(async () => {
    test = await startTestApp();
    await addStaff(test.db, { username: 'amhp', role: 'amhp', agencyKind: 'local-authority', agencyName: 'Wessex County Council' });
    await addStaff(test.db, { username: 'admin', role: 'system-administrator' });
    await addStaff(test.db, { username: 'ig', role: 'information-governance-lead' });
    client = new TestClient(test.app);
    await client.signIn('amhp');
  });
  after(() => test.close());

  it('refuses a wrong NHS number check digit with a clear message, saving nothing', async () => {
    await client.get('/people/new');
    const before = await countPeople(test);
    const response = await client.post('/people', { ...helenForm, nhsNumber: '9434765918' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /There is a problem/);
    assert.match(response.body, /<a href="#nhsNumber">NHS number is not valid: its last digit \(the check digit\) does not match/);
    assert.match(response.body, /<title>Error: Add a person – Accord<\/title>/);
    assert.match(response.body, /value="9434765918"/, 'what the user typed is kept');
    assert.equal(await countPeople(test), before);
  });

  it('names every field at fault, including an impossible date of birth', async () => {
    const response = await client.post('/people', { givenNames: '', familyName: 'X', 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '1990', pncId: 'nope' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /href="#givenNames">Enter their given names/);
    assert.match(response.body, /href="#dateOfBirth-day">Date of birth must be a real date/);
    assert.match(response.body, /href="#pncId">Police National Computer ID must look like/);
    assert.match(response.body, /href="#interpreterNeeded">Select whether they need an interpreter/);
  });

  it('adds a person, opens their summary and finds them again', async () => {
    const added = await client.post('/people', helenForm);
    assert.equal(added.statusCode, 303);
    const location = String(added.headers.location);
    assert.match(location, /^\/people\/[0-9a-f-]{36}$/);
    const summary = await client.get(location);
    assert.equal(summary.statusCode, 200);
    assert.match(summary.body, /<h1 class="govuk-heading-l">Helen Okafor<\/h1>/);
    assert.match(summary.body, /943 476 5919/);
    assert.match(summary.body, /moj-timeline/);
    assert.match(summary.body, /by Test amhp, Approved mental health professional, Wessex County Council/);
    const found = await client.get('/people?q=okafor');
    assert.equal(found.statusCode, 200);
    assert.ok(found.body.includes(`href="${location}"`));
  });

  it('shows a possible duplicate before adding them again', async () => {
    const before = await countPeople(test);
    const response = await client.post('/people', { ...helenForm, nhsNumber: '' });
    assert.equal(response.statusCode, 409);
    assert.match(response.body, /may already be on Accord/);
    assert.match(response.body, /Same name and date of birth/);
    assert.equal(await countPeople(test), before);
    const confirmed = await client.post('/people', { ...helenForm, nhsNumber: '', confirmedNewPerson: 'yes' });
    assert.equal(confirmed.statusCode, 303);
    assert.equal(await countPeople(test), before + 1);
  });

  it('tells the later of two editors that the record changed, keeps their input and saves nothing', async () => {
    const added = await client.post('/people', { ...helenForm, givenNames: 'Mark', familyName: 'Ellery', nhsNumber: '' });
    const location = String(added.headers.location);
    const other = new TestClient(test.app);
    // A nurse of the trust caring for him, which the council's AMHP referred him to.
    const nurse = await addStaff(test.db, { username: 'nurse', role: 'mental-health-nurse' });
    await involve(test.db, location.slice('/people/'.length), nurse.agencyId, 'Referred by the AMHP');
    await other.signIn('nurse');
    const form = { ...helenForm, givenNames: 'Mark', familyName: 'Ellery', nhsNumber: '', version: '1' };
    assert.equal((await other.get(`${location}/details`)).statusCode, 200);
    await client.get(`${location}/details`);
    const first = await other.post(`${location}/details`, { ...form, address: 'Flat 2, 8 Canal Street' });
    assert.equal(first.statusCode, 303);
    const second = await client.post(`${location}/details`, { ...form, address: '99 Wrong Road' });
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /This record changed since you opened it/);
    assert.match(second.body, /Details changed by Test nurse/);
    assert.match(second.body, /value="99 Wrong Road"|99 Wrong Road<\/textarea>/);
    assert.match(second.body, /name="version" value="2"/, 'the form now carries the current version, to save after review');
    const summary = await client.get(location);
    assert.match(summary.body, /Flat 2, 8 Canal Street/);
    assert.equal(summary.body.includes('99 Wrong Road'), false);
  });

  it('records their own words, names a missing field, and gives the later of two writers the review', async () => {
    const added = await client.post('/people', { ...helenForm, givenNames: 'Terry', familyName: 'Pike', nhsNumber: '' });
    const location = String(added.headers.location);
    const form = await client.get(`${location}/own-words`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="version" value="1"/);
    const missing = await client.post(`${location}/own-words`, { version: '1', words: '', source: 'said-to-staff' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /href="#words">Enter what the person wants, in their own words/);
    const saved = await client.post(`${location}/own-words`, { version: '1', words: 'Ask me before you ring my mum.', source: 'said-to-staff' });
    assert.equal(saved.statusCode, 303);
    const stale = await client.post(`${location}/own-words`, { version: '1', words: 'Something else.', source: 'written-by-person' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /This record changed since you opened it/);
    assert.match(stale.body, /In their own words by Test amhp/);
    assert.match(stale.body, /name="version" value="2"/);
    assert.match(stale.body, /Something else\./, 'what they typed is kept');
    const summary = await client.get(location);
    assert.match(summary.body, /Ask me before you ring my mum\./);
    assert.equal(summary.body.includes('Something else.'), false);
  });

  it('refuses a form with a missing or forged CSRF token, saving nothing', async () => {
    const before = await countPeople(test);
    const missing = await client.post('/people', { ...helenForm, familyName: 'Nocsrf', nhsNumber: '' }, { csrf: null });
    assert.equal(missing.statusCode, 403);
    const forged = await client.post('/people', { ...helenForm, familyName: 'Forged', nhsNumber: '' }, { csrf: 'a'.repeat(43) });
    assert.equal(forged.statusCode, 403);
    assert.match(forged.body, /nothing was saved/);
    assert.equal(await countPeople(test), before);
  });

  it('shows the access history only to roles entitled to it', async () => {
    const added = await client.post('/people', { ...helenForm, givenNames: 'Aw', familyName: 'Bellamy', nhsNumber: '' });
    const location = String(added.headers.location);
    await client.get(location);
    const refused = await client.get(`${location}/access-history`);
    assert.equal(refused.statusCode, 403);
    const governance = new TestClient(test.app);
    await governance.signIn('ig');
    const history = await governance.get(`${location}/access-history`);
    assert.equal(history.statusCode, 200);
    assert.match(history.body, /Viewed the person’s summary and chronology|Viewed the person&#39;s summary and chronology/);
    assert.match(history.body, /Added the person to Accord/);
    assert.match(history.body, /Wessex County Council/);
  });

  it('does not show people’s records to a system administrator', async () => {
    const admin = new TestClient(test.app);
    await admin.signIn('admin');
    assert.equal((await admin.get('/people')).statusCode, 403);
  });

  it('answers a malformed id with 404, not an error', async () => {
    assert.equal((await client.get('/people/not-a-uuid')).statusCode, 404);
    assert.equal((await client.get('/people/00000000-0000-4000-8000-000000000000')).statusCode, 404);
  });
});

describe('people API', () => {
  let test: TestApp;
  let client: TestClient;
  before(async () => {
    test = await startTestApp();
    await addStaff(test.db, { username: 'probation', role: 'probation-practitioner' });
    client = new TestClient(test.app);
    await client.signIn('probation');
  });
  after(() => test.close());

  async function postJson(body: unknown, csrf: string | null = client.csrfToken) {
    return test.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { cookie: [...client.jar].map(([name, value]) => `${name}=${value}`).join('; '), 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      payload: JSON.stringify(body),
    });
  }

  it('answers bad input with 400 application/problem+json naming each field', async () => {
    const response = await postJson({ person: { givenNames: 'A', familyName: '', nhsNumber: '9434765918', interpreterNeeded: false } });
    assert.equal(response.statusCode, 400);
    assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    const problem = response.json();
    assert.deepEqual(problem.errors.map((error: { field: string }) => error.field).sort(), ['person.familyName', 'person.nhsNumber']);
  });

  it('answers a body that is not JSON with 400 problem, not 500', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { cookie: [...client.jar].map(([name, value]) => `${name}=${value}`).join('; '), 'content-type': 'application/json', 'x-csrf-token': client.csrfToken },
      payload: '{"person": ',
    });
    assert.equal(response.statusCode, 400);
    assert.match(String(response.headers['content-type']), /application\/problem\+json/);
  });

  it('adds and reads a person', async () => {
    const created = await postJson({ person: { givenNames: 'Helen', familyName: 'Api', dateOfBirth: '1990-01-01', interpreterNeeded: true } });
    assert.equal(created.statusCode, 201);
    const id = created.json().id;
    const read = await test.app.inject({ method: 'GET', url: `/api/v1/people/${id}`, headers: { cookie: [...client.jar].map(([name, value]) => `${name}=${value}`).join('; ') } });
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().details.interpreterNeeded, true);
    assert.equal(read.json().entries[0].author.role, 'probation-practitioner');
  });

  it('refuses a cookie-authenticated API write without the CSRF header', async () => {
    const response = await postJson({ person: { givenNames: 'No', familyName: 'Header', interpreterNeeded: false } }, null);
    assert.equal(response.statusCode, 403);
  });
});
