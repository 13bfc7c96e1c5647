import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { cliDatabase, runAccord, type CliDatabase } from './support.ts';

describe('accord audit verify', () => {
  let database: CliDatabase;
  before(async () => {
    database = await cliDatabase();
    // Some history to check: an administrator and their agency, and a few synthetic people.
    const admin = await runAccord(['admin', 'create', '--username', 'audit.admin', '--name', 'Audit Admin', '--agency', 'Audit Test Agency', '--agency-kind', 'local-authority'], {
      ...database.environment,
      ACCORD_ADMIN_PASSWORD: 'a long enough administrator password',
    });
    assert.equal(admin.code, 0, admin.stderr);
    const generate = await runAccord(['generate', '--people', '5'], database.environment);
    assert.equal(generate.code, 0, generate.stderr);
  });
  after(() => database.remove());

  it('checks every entry of an intact chain and exits 0', async () => {
    const entries = await database.use(async (db) => (await db.selectFrom('audit_log').select('sequence').execute()).length);
    assert.ok(entries > 5);
    const run = await runAccord(['audit', 'verify'], database.environment);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`Audit log intact: ${entries} entries checked`));
  });

  it('names the altered entry and exits 1 after an audit row is changed behind the trigger’s back', async () => {
    await database.use(async (db) => {
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
      await sql`update audit_log set what = 'Nothing to see here' where sequence = 3`.execute(db);
      await sql`alter table audit_log enable trigger audit_log_append_only`.execute(db);
    });
    const run = await runAccord(['audit', 'verify'], database.environment);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Audit log BROKEN: entry 3 has been altered: its contents no longer match its hash/);
    assert.match(run.stderr, /Entry 3 now reads: .*Nothing to see here/);
    assert.match(run.stderr, /The 2 entries before it are intact/);
  });
});
