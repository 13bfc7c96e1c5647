import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyAuditChain } from '../../src/app/audit/verify-audit-chain.ts';
import { clockNow, systemActor, type AppContext } from '../../src/app/context.ts';
import { createAgency } from '../../src/app/organisation/organisation.ts';
import { parseSearchText, searchPeople } from '../../src/app/people/find-people.ts';
import { loadEntries } from '../../src/app/people/record-store.ts';
import { nhsNumberProblem } from '../../src/domain/people/nhs-number.ts';
import { derivePersonState } from '../../src/domain/people/person.ts';
import { involve } from '../support/harness.ts';
import { cliDatabase, runAccord, type CliDatabase } from './support.ts';

describe('accord generate', () => {
  let database: CliDatabase;
  let firstRun: Awaited<ReturnType<typeof runAccord>>;
  before(async () => {
    database = await cliDatabase();
    firstRun = await runAccord(['generate', '--people', '50', '--seed', '7'], database.environment);
  });
  after(() => database.remove());

  it('adds 50 people, reporting progress on standard error and the outcome on standard output', () => {
    assert.equal(firstRun.code, 0, firstRun.stderr);
    assert.match(firstRun.stdout, /Added 50 synthetic people with \d+ record entries/);
    assert.match(firstRun.stderr, /\[#{30}\] 50\/50 people 100%/);
  });

  it('gives each person several attributed entries whose derived state is the person’s stored state', async () => {
    await database.use(async (db) => {
      const people = await db.selectFrom('people').selectAll().execute();
      assert.equal(people.length, 50);
      const staff = new Map((await db.selectFrom('users').innerJoin('agencies', 'agencies.id', 'users.agency_id').select(['users.id', 'users.display_name', 'users.role', 'agencies.name']).execute()).map((row) => [row.id, row]));
      const kinds = new Set<string>();
      for (const person of people) {
        const entries = await loadEntries(db, person.id);
        assert.ok(entries.length >= 2, 'a registration and at least one later entry');
        assert.equal(entries[0]!.content.kind, 'person-registered');
        for (const [index, entry] of entries.entries()) {
          kinds.add(entry.content.kind);
          assert.equal(entry.sequence, index + 1);
          const author = staff.get(entry.author.userId ?? '');
          assert.ok(author, 'every entry is attributed to a staff account');
          assert.equal(entry.author.name, author.display_name);
          assert.equal(entry.author.role, author.role);
          assert.equal(entry.author.agencyName, author.name);
          if (index > 0) assert.ok(Temporal.Instant.compare(entries[index - 1]!.recordedAt, entry.recordedAt) <= 0, 'entries are in time order');
          assert.ok(Temporal.Instant.compare(entry.recordedAt, clockNow()) < 0);
        }
        const derived = derivePersonState(entries);
        const stored = person.state as { details: unknown; ownWords: { entryId: string; recordedAt: string } | null; version: number };
        assert.deepEqual(stored.details, derived.details);
        assert.equal(stored.version, derived.version);
        assert.equal(person.version, entries.length);
        assert.deepEqual(stored.ownWords, derived.ownWords && { ...derived.ownWords, recordedAt: derived.ownWords.recordedAt.toString() });
        assert.equal(person.given_names, derived.details.givenNames);
        assert.equal(person.family_name, derived.details.familyName);
        assert.equal(person.preferred_name, derived.details.preferredName);
        assert.equal(person.date_of_birth, derived.details.dateOfBirth);
        assert.equal(person.nhs_number, derived.details.nhsNumber);
        assert.equal(person.pnc_id, derived.details.pncId);
        assert.equal(person.probation_reference, derived.details.probationReference);
        for (const name of [derived.details.givenNames, derived.details.familyName]) assert.ok(person.search_names.includes(name.toLowerCase()));
      }
      assert.ok(kinds.has('details-amended'));
    });
  });

  it('writes one audit entry per person and keeps the chain intact', async () => {
    await database.use(async (db) => {
      const people = await db.selectFrom('people').select('id').execute();
      const audited = await db.selectFrom('audit_log').select(['person_id', 'action', 'what', 'actor_label']).where('person_id', 'is not', null).execute();
      assert.deepEqual(audited.map((row) => row.person_id).sort(), people.map((row) => row.id).sort());
      for (const row of audited) {
        assert.equal(row.action, 'write');
        assert.match(row.what, /^Added a synthetic person for load testing, with \d+ generated record entries$/);
        assert.match(row.actor_label, /^Command line: accord generate/);
      }
      const verification = await verifyAuditChain(db);
      assert.equal(verification.firstBreak, null);
    });
  });

  it('gives valid NHS numbers from the 999 testing range, never the same twice across runs', async () => {
    const second = await runAccord(['generate', '--people', '50', '--seed', '7'], database.environment);
    assert.equal(second.code, 0, second.stderr);
    await database.use(async (db) => {
      const numbers = (await db.selectFrom('people').select('nhs_number').where('nhs_number', 'is not', null).execute()).map((row) => row.nhs_number!);
      assert.ok(numbers.length >= 80, 'most people have an NHS number');
      for (const number of numbers) {
        assert.match(number, /^999\d{7}$/);
        assert.equal(nhsNumberProblem(number), null);
      }
      assert.equal(new Set(numbers).size, numbers.length);
      assert.equal((await db.selectFrom('people').select('id').execute()).length, 100);
    });
  });

  it('makes people that can be found by name like anyone else', async () => {
    await database.use(async (db) => {
      const someone = await db.selectFrom('people').select(['id', 'family_name', 'date_of_birth']).where('date_of_birth', 'is not', null).orderBy('family_name').executeTakeFirstOrThrow();
      const setUp: AppContext = { db, now: clockNow, actor: systemActor('Test set-up'), purpose: 'Test set-up' };
      const agencyId = await createAgency(setUp, { name: 'Test Partnership NHS Trust', kind: 'mental-health-trust' });
      const context: AppContext = { db, now: clockNow, actor: { kind: 'user', userId: null, label: 'Test reader', role: 'mental-health-nurse', agencyId, agencyName: 'Test Partnership NHS Trust' }, purpose: 'Testing search' };
      // Search finds by a bare name only the people the searcher's agency is involved with (lawful
      // sharing); anyone else is found by a name with a date of birth, shown by those alone.
      const stranger = await searchPeople(context, parseSearchText(`${someone.family_name} ${someone.date_of_birth}`));
      assert.ok(stranger.some((result) => result.id === someone.id && result.restricted));
      await involve(db, someone.id, agencyId, 'Referred to the trust');
      const involved = await searchPeople(context, parseSearchText(someone.family_name));
      assert.ok(involved.some((result) => result.id === someone.id && !result.restricted));
    });
  });
});
