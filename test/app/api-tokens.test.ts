import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiTokenPrefix, createApiToken, listApiTokens, revokeApiToken } from '../../src/app/auth/api-tokens.ts';
import { findTokenActor, hashToken } from '../../src/app/auth/sessions.ts';
import { clockNow, systemActor, type Actor, type AppContext } from '../../src/app/context.ts';
import { InvalidInput, NotFound, PolicyDenied } from '../../src/app/errors.ts';
import type { AccordDatabase } from '../../src/db/database.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { freshDatabase } from '../support/database.ts';
import { addStaff } from '../support/harness.ts';

function contextFor(db: AccordDatabase, account: { userId: string; agencyId: string; agencyName: string }, role: Role): AppContext {
  const actor: Actor = { kind: 'user', userId: account.userId, label: `Test ${role}`, role, agencyId: account.agencyId, agencyName: account.agencyName };
  return { db, now: clockNow, actor, purpose: 'Testing API tokens' };
}

describe('API tokens', () => {
  let db: AccordDatabase;
  let close: () => Promise<void>;
  let administrator: AppContext;
  let nurse: AppContext;
  let agencyId: string;

  before(async () => {
    ({ db, close } = await freshDatabase());
    const adminAccount = await addStaff(db, { username: 'admin.one', role: 'system-administrator', agencyName: 'Operators' });
    const nurseAccount = await addStaff(db, { username: 'nurse.one', role: 'mental-health-nurse', agencyName: 'Southshire NHS Trust' });
    administrator = contextFor(db, adminAccount, 'system-administrator');
    nurse = contextFor(db, nurseAccount, 'mental-health-nurse');
    agencyId = nurseAccount.agencyId;
  });
  after(() => close());

  it('creates a token that is returned once and stored only as a hash', async () => {
    const created = await createApiToken(administrator, { name: 'Bed management', agencyId, role: 'mental-health-nurse' });
    assert.ok(created.token.startsWith(apiTokenPrefix));
    assert.ok(created.token.length > 40, 'the token carries enough randomness');
    const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.notEqual(row.token_hash, created.token);
    assert.equal(row.token_hash, hashToken(created.token));
    assert.ok(!JSON.stringify(row).includes(created.token), 'the token itself is nowhere in the row');
    assert.equal(row.created_by, administrator.actor.userId);
  });

  it('gives a token the agency and role it was created for', async () => {
    const created = await createApiToken(administrator, { name: 'Ward system', agencyId, role: 'mental-health-nurse' });
    const actor = await findTokenActor(db, created.token);
    assert.deepEqual(actor, {
      kind: 'token',
      userId: null,
      label: 'API token “Ward system”',
      role: 'mental-health-nurse',
      agencyId,
      agencyName: 'Southshire NHS Trust',
    });
  });

  it('lists tokens without their secrets, and a revoked token no longer identifies anyone', async () => {
    const created = await createApiToken(administrator, { name: 'To be revoked', agencyId, role: 'gp' });
    const listed = (await listApiTokens(administrator)).find((token) => token.id === created.id);
    assert.ok(listed);
    assert.equal(listed.revokedAt, null);
    assert.equal(listed.agencyName, 'Southshire NHS Trust');
    assert.ok(!JSON.stringify(listed).includes(created.token));

    await revokeApiToken(administrator, created.id);
    assert.equal(await findTokenActor(db, created.token), null);
    const afterwards = (await listApiTokens(administrator)).find((token) => token.id === created.id);
    assert.ok(afterwards?.revokedAt, 'the token is listed as revoked');

    // Sending the revocation twice changes nothing and is not an error.
    await revokeApiToken(administrator, created.id);
    const row = await db.selectFrom('api_tokens').select(['revoked_at', 'revoked_by']).where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.equal(row.revoked_at, afterwards.revokedAt);
    assert.equal(row.revoked_by, administrator.actor.userId);
  });

  it('audits creating and revoking, with no person and without the token', async () => {
    const created = await createApiToken(administrator, { name: 'Audited', agencyId, role: 'gp' });
    await revokeApiToken(administrator, created.id);
    const entries = await db.selectFrom('audit_log').selectAll().where('what', 'like', '%“Audited”%').orderBy('sequence').execute();
    assert.equal(entries.length, 2);
    for (const entry of entries) {
      assert.equal(entry.action, 'administer');
      assert.equal(entry.person_id, null);
      assert.equal(entry.actor_user_id, administrator.actor.userId);
      assert.equal(entry.purpose, 'Testing API tokens');
      assert.ok(!entry.what.includes(created.token));
    }
    assert.match(entries[0]!.what, /^Created API token/);
    assert.match(entries[1]!.what, /^Revoked API token/);
  });

  it('refuses anyone without the administer permission', async () => {
    await assert.rejects(createApiToken(nurse, { name: 'Mine', agencyId, role: 'mental-health-nurse' }), PolicyDenied);
    await assert.rejects(listApiTokens(nurse), PolicyDenied);
    const created = await createApiToken(administrator, { name: 'Not the nurse’s to revoke', agencyId, role: 'gp' });
    await assert.rejects(revokeApiToken(nurse, created.id), PolicyDenied);
    assert.notEqual(await findTokenActor(db, created.token), null);
  });

  it('refuses a token that could administer Accord, an unknown agency, and a creator who is not a person', async () => {
    await assert.rejects(createApiToken(administrator, { name: 'Root', agencyId, role: 'system-administrator' as never }), (error: unknown) => {
      assert.ok(error instanceof InvalidInput);
      assert.equal(error.problems[0]?.field, 'role');
      return true;
    });
    await assert.rejects(createApiToken(administrator, { name: 'Nowhere', agencyId: '00000000-0000-4000-8000-000000000000', role: 'gp' }), (error: unknown) => {
      assert.ok(error instanceof InvalidInput);
      assert.equal(error.problems[0]?.field, 'agencyId');
      return true;
    });
    const system: AppContext = { db, now: clockNow, actor: systemActor('Operator'), purpose: 'Testing API tokens' };
    await assert.rejects(createApiToken(system, { name: 'From the system', agencyId, role: 'gp' }), PolicyDenied);
    const count = await db.selectFrom('api_tokens').select('id').where('name', 'in', ['Root', 'Nowhere', 'From the system']).execute();
    assert.equal(count.length, 0);
  });

  it('reports an unknown or malformed token id as not found', async () => {
    await assert.rejects(revokeApiToken(administrator, 'not-a-uuid'), NotFound);
    await assert.rejects(revokeApiToken(administrator, '00000000-0000-4000-8000-000000000000'), NotFound);
  });
});
