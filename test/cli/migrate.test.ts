import { migrationNames } from '../../src/db/migrate.ts';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cliDatabase, runAccord, stackFrame, type CliDatabase } from './support.ts';

describe('accord migrate', () => {
  let database: CliDatabase;
  before(async () => {
    database = await cliDatabase();
  });
  after(() => database.remove());

  it('applies the migrations and says which, then says there is nothing to apply', async () => {
    const first = await runAccord(['migrate'], database.environment);
    assert.equal(first.code, 0, first.stderr);
    assert.ok(first.stdout.startsWith(`Applied ${migrationNames.length} migrations`), first.stdout);
    assert.ok(first.stdout.trimEnd().endsWith(`: ${migrationNames.join(', ')}`), first.stdout);
    assert.deepEqual(migrationNames.slice(0, 2), ['0001-foundation', '0002-preferred-name-index']);
    const tables = await database.use((db) => db.selectFrom('agencies').select('id').execute());
    assert.deepEqual(tables, []);

    const second = await runAccord(['migrate'], database.environment);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /No migrations to apply/);
  });

  it('reports a missing embedded database folder instead of creating one', async () => {
    const run = await runAccord(['audit', 'verify'], { ACCORD_DATA_DIR: '/nonexistent/accord-cli-test' });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /There is no embedded database in \/nonexistent\/accord-cli-test/);
  });

  it('fails with exit 1 and names the database when the server cannot be reached', async () => {
    // Port 9 on the loopback address: nothing listens there.
    const run = await runAccord(['migrate'], { DATABASE_URL: 'postgres://accord:secret-password@127.0.0.1:9/accord' });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Could not reach the PostgreSQL database accord on 127\.0\.0\.1:9/);
    assert.doesNotMatch(run.stderr, /secret-password/);
    assert.doesNotMatch(run.stderr, stackFrame);
  });

  it('says to migrate first when verifying the audit log of a database that was never set up', async () => {
    const empty = await cliDatabase();
    try {
      // Opened once, so the database exists, but never migrated.
      await empty.use(async () => undefined);
      const run = await runAccord(['audit', 'verify'], empty.environment);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /has not been set up .*Run 'accord migrate' first/);
    } finally {
      await empty.remove();
    }
  });
});
