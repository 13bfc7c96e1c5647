import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn } from '../../src/app/auth/sign-in.ts';
import { clockNow } from '../../src/app/context.ts';
import { hospitalPatients } from '../../src/app/demo/hospital-patients.ts';
import { cliDatabase, runAccord, type CliDatabase } from './support.ts';

describe('accord demo seed', () => {
  let database: CliDatabase;
  before(async () => {
    database = await cliDatabase();
  });
  after(() => database.remove());

  it('seeds the demo into an empty database, with demo-admin, the case-study people and the hospital’s patients, and prints a password that works', async () => {
    const run = await runAccord(['demo', 'seed'], database.environment);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`Seeded the Wessex demonstration: 15 agencies, \\d+ staff accounts, ${6 + hospitalPatients.length} people`));
    const password = /with the password: (\S+)/.exec(run.stdout)?.[1];
    assert.ok(password, 'the password is printed');
    await database.use(async (db) => {
      const admin = await db.selectFrom('users').select(['role', 'is_demo']).where('username', '=', 'demo-admin').executeTakeFirstOrThrow();
      assert.deepEqual(admin, { role: 'system-administrator', is_demo: true });
      assert.equal((await signIn(db, clockNow, 'demo-admin', password)).kind, 'signed-in');
      const people = await db.selectFrom('people').select(['given_names', 'family_name', 'is_demo']).orderBy('family_name').orderBy('given_names').execute();
      const names = people.map((person) => `${person.given_names} ${person.family_name}`);
      for (const name of ['Helen Ashby', 'Darren Brown', 'Kelly Brown', 'Terence Pike', 'Mark Treadwell', 'Anna Wójcik']) assert.ok(names.includes(name), name);
      assert.equal(people.length, 6 + hospitalPatients.length);
      assert.ok(people.every((person) => person.is_demo));
      // The three case studies of the community-sentence pathway, each at its own stage.
      const cases = await db
        .selectFrom('mhtr_cases')
        .innerJoin('people', 'people.id', 'mhtr_cases.person_id')
        .select(['people.given_names', 'mhtr_cases.stage'])
        .orderBy('people.given_names')
        .execute();
      assert.deepEqual(
        cases.map((item) => [item.given_names, item.stage]),
        [
          ['Anna', 'closed'],
          ['Helen', 'supervision'],
          ['Mark', 'supervision'],
        ],
      );
    });
  });

  it('uses ACCORD_DEMO_PASSWORD when set, without printing it', async () => {
    const other = await cliDatabase();
    try {
      const run = await runAccord(['demo', 'seed'], { ...other.environment, ACCORD_DEMO_PASSWORD: 'the demo password from the environment' });
      assert.equal(run.code, 0, run.stderr);
      assert.doesNotMatch(run.stdout, /the demo password from the environment/);
      assert.match(run.stdout, /\(the value of ACCORD_DEMO_PASSWORD\)/);
      await other.use(async (db) => assert.equal((await signIn(db, clockNow, 'daniel.hollis', 'the demo password from the environment')).kind, 'signed-in'));
    } finally {
      await other.remove();
    }
  });

  it('refuses a second seeding with exit 1 and changes nothing', async () => {
    const counts = () =>
      database.use(async (db) => [
        (await db.selectFrom('audit_log').select('sequence').execute()).length,
        (await db.selectFrom('mhtr_steps').select('id').execute()).length,
        (await db.selectFrom('mhtr_appointments').select('id').execute()).length,
        (await db.selectFrom('community_orders').select('id').execute()).length,
      ]);
    const before = await counts();
    const run = await runAccord(['demo', 'seed'], database.environment);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Not seeded: .* already has agencies/);
    assert.deepEqual(await counts(), before);
  });
});
