import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addStaff, startTestApp, TestClient, testPassword, type TestApp } from '../support/harness.ts';

describe('sign-in', () => {
  let test: TestApp;
  before(async () => {
    test = await startTestApp();
    await addStaff(test.db, { username: 'nurse.one', role: 'mental-health-nurse' });
    await addStaff(test.db, { username: 'nurse.two', role: 'mental-health-nurse' });
  });
  after(() => test.close());

  it('signs in with the right password and sets an HTTP-only, SameSite session cookie', async () => {
    const client = new TestClient(test.app);
    await client.get('/sign-in');
    const response = await client.post('/sign-in', { username: 'nurse.one', password: testPassword });
    assert.equal(response.statusCode, 303);
    const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((cookie) => cookie.startsWith('accord_session='));
    assert.ok(setCookie, 'a session cookie is set');
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    const home = await client.get('/');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Signed in as Test nurse.one/);
  });

  it('refuses a wrong password with a message and no session', async () => {
    const client = new TestClient(test.app);
    await client.get('/sign-in');
    const response = await client.post('/sign-in', { username: 'nurse.one', password: 'not the password' });
    assert.equal(response.statusCode, 401);
    assert.match(response.body, /The username or password is not right/);
    assert.equal(client.jar.has('accord_session'), false);
  });

  it('locks the account after five wrong passwords, even against the right one', async () => {
    const client = new TestClient(test.app);
    await client.get('/sign-in');
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const response = await client.post('/sign-in', { username: 'nurse.two', password: `wrong ${attempt}` });
      assert.equal(response.statusCode, 401);
    }
    const fifth = await client.post('/sign-in', { username: 'nurse.two', password: 'wrong 5' });
    assert.equal(fifth.statusCode, 423);
    const right = await client.post('/sign-in', { username: 'nurse.two', password: testPassword });
    assert.equal(right.statusCode, 423);
    assert.match(right.body, /This account is locked/);
  });

  it('refuses a sign-in form without the CSRF token', async () => {
    const client = new TestClient(test.app);
    await client.get('/sign-in');
    const response = await client.post('/sign-in', { username: 'nurse.one', password: testPassword }, { csrf: null });
    assert.equal(response.statusCode, 403);
    assert.equal(client.jar.has('accord_session'), false);
  });

  it('signs out, ending the session', async () => {
    const client = new TestClient(test.app);
    await client.signIn('nurse.one');
    const out = await client.post('/sign-out', {});
    assert.equal(out.statusCode, 303);
    const home = await client.get('/');
    assert.equal(home.statusCode, 303);
    assert.match(String(home.headers.location), /^\/sign-in/);
  });
});
