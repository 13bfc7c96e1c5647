import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn } from '../../src/app/auth/sign-in.ts';
import { clockNow } from '../../src/app/context.ts';
import { cliDatabase, runAccord, stackFrame, type CliDatabase } from './support.ts';

const password = 'a long enough administrator password';

describe('accord admin create', () => {
  let database: CliDatabase;
  before(async () => {
    database = await cliDatabase();
  });
  after(() => database.remove());

  it('creates the first administrator and their agency on a new database; they can sign in', async () => {
    const run = await runAccord(
      ['admin', 'create', '--username', 'first.admin', '--name', 'Alex Example', '--agency', 'Example County Council', '--agency-kind', 'local-authority'],
      { ...database.environment, ACCORD_ADMIN_PASSWORD: password },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Created administrator first\.admin \(Alex Example\) at Example County Council/);

    await database.use(async (db) => {
      const user = await db
        .selectFrom('users')
        .innerJoin('agencies', 'agencies.id', 'users.agency_id')
        .select(['users.role', 'users.display_name', 'users.is_demo', 'agencies.name', 'agencies.kind'])
        .where('username', '=', 'first.admin')
        .executeTakeFirstOrThrow();
      assert.deepEqual(user, { role: 'system-administrator', display_name: 'Alex Example', is_demo: false, name: 'Example County Council', kind: 'local-authority' });
      assert.equal((await signIn(db, clockNow, 'first.admin', 'not the password')).kind, 'refused');
      assert.equal((await signIn(db, clockNow, 'first.admin', password)).kind, 'signed-in');
      const audit = await db.selectFrom('audit_log').select(['actor_label', 'what']).where('what', 'like', 'Added staff account first.admin%').executeTakeFirstOrThrow();
      assert.match(audit.actor_label, /^Command line: accord admin create \(run by .+\)$/);
    });
  });

  it('reads the password from the first line of standard input when it is not a terminal, into an existing agency', async () => {
    const run = await runAccord(['admin', 'create', '--username', 'second.admin', '--name', 'Sam Example', '--agency', 'Example County Council'], database.environment, `${password}\nignored second line\n`);
    assert.equal(run.code, 0, run.stderr);
    await database.use(async (db) => {
      assert.equal((await signIn(db, clockNow, 'second.admin', password)).kind, 'signed-in');
      const agencies = await db.selectFrom('agencies').select('name').execute();
      assert.deepEqual(agencies, [{ name: 'Example County Council' }]);
    });
  });

  it('needs --agency-kind for an agency that does not exist yet, and creates nothing without it', async () => {
    const run = await runAccord(['admin', 'create', '--username', 'third.admin', '--name', 'Jo Example', '--agency', 'Nowhere Trust'], { ...database.environment, ACCORD_ADMIN_PASSWORD: password });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /There is no agency called “Nowhere Trust” yet: give --agency-kind/);
    assert.match(run.stderr, /--help/);
    await database.use(async (db) => {
      assert.equal((await db.selectFrom('users').select('id').where('username', '=', 'third.admin').execute()).length, 0);
      assert.equal((await db.selectFrom('agencies').select('id').where('name', '=', 'Nowhere Trust').execute()).length, 0);
    });
  });

  it('refuses a username already taken with exit 1, and a short password or none with exit 2', async () => {
    const taken = await runAccord(['admin', 'create', '--username', 'first.admin', '--name', 'Another', '--agency', 'Example County Council'], { ...database.environment, ACCORD_ADMIN_PASSWORD: password });
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /The username first\.admin is already taken/);

    const short = await runAccord(['admin', 'create', '--username', 'short.admin', '--name', 'Short', '--agency', 'Example County Council'], { ...database.environment, ACCORD_ADMIN_PASSWORD: 'too short' });
    assert.equal(short.code, 2);
    assert.match(short.stderr, /Password must be at least 12 characters/);

    const none = await runAccord(['admin', 'create', '--username', 'no.password', '--name', 'None', '--agency', 'Example County Council'], database.environment, '');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /No password given: set ACCORD_ADMIN_PASSWORD/);

    const missing = await runAccord(['admin', 'create', '--name', 'Nameless', '--agency', 'Example County Council'], { ...database.environment, ACCORD_ADMIN_PASSWORD: password });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Give the administrator’s username with --username/);

    for (const run of [taken, short, none, missing]) assert.doesNotMatch(run.stderr, stackFrame);
    await database.use(async (db) => {
      const usernames = (await db.selectFrom('users').select('username').orderBy('username').execute()).map((row) => row.username);
      assert.deepEqual(usernames, ['first.admin', 'second.admin']);
    });
  });
});
