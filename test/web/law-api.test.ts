import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiToken } from '../../src/app/auth/api-tokens.ts';
import { clockNow } from '../../src/app/context.ts';
import { addStaff, startTestApp, type TestApp } from '../support/harness.ts';

describe('law engine over HTTP', () => {
  let test: TestApp;
  let token: string;
  before(async () => {
    test = await startTestApp();
    const admin = await addStaff(test.db, { username: 'admin', role: 'system-administrator' });
    const created = await createApiToken(
      { db: test.db, now: clockNow, purpose: 'Test', actor: { kind: 'user', userId: admin.userId, label: 'Admin', role: 'system-administrator', agencyId: admin.agencyId, agencyName: admin.agencyName } },
      { name: 'MHA office system', agencyId: admin.agencyId, role: 'mha-administrator' },
    );
    token = created.token;
  });
  after(() => test.close());

  function post(url: string, body: unknown, authorisation: string | null = `Bearer ${token}`) {
    return test.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', ...(authorisation ? { authorization: authorisation } : {}) },
      payload: JSON.stringify(body),
    });
  }

  it('evaluates a history for a machine client with a token', async () => {
    const response = await post('/api/v1/law/evaluate', { asOf: '2026-04-21T09:00:00+01:00', events: [{ type: 's2-admitted', at: '2026-04-20T15:10:00+01:00' }] });
    assert.equal(response.statusCode, 200);
    const output = response.json();
    assert.equal(output.status.provision, 's2');
    assert.equal(output.status.since, '2026-04-20T15:10:00+01:00');
    assert.ok(output.deadlines.some((deadline: { kind: string; due: string }) => deadline.kind === 'authority-ends' && deadline.due === '2026-05-18T00:00:00+01:00'));
  });

  it('answers input that breaks the contract with 400 problem+json naming the field', async () => {
    const response = await post('/api/v1/law/evaluate', { asOf: '2026-04-21T09:00:00+01:00', events: [{ type: 's2-admitted', at: 'yesterday' }] });
    assert.equal(response.statusCode, 400);
    assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    assert.deepEqual(response.json().errors.map((error: { field: string }) => error.field), ['events[0].at']);
  });

  it('finds the nearest relative', async () => {
    const response = await post('/api/v1/law/nearest-relative', { asOf: '2026-05-01', patient: { dateOfBirth: '1980-01-01' }, relatives: [{ id: 'm', relationship: 'mother', dateOfBirth: '1955-01-01' }] });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().nearestRelative, 'm');
  });

  it('refuses a client with no token or a wrong one', async () => {
    assert.equal((await post('/api/v1/law/evaluate', {}, null)).statusCode, 401);
    assert.equal((await post('/api/v1/law/evaluate', {}, 'Bearer accord_wrong')).statusCode, 401);
  });
});
