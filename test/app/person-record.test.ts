import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { clockNow, type AppContext } from '../../src/app/context.ts';
import { StaleRecord } from '../../src/app/errors.ts';
import { amendPersonDetails, correctEntry, recordOwnWords } from '../../src/app/people/change-person.ts';
import { parseSearchText, searchPeople } from '../../src/app/people/find-people.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { viewPerson } from '../../src/app/people/view-person.ts';
import { verifyAuditChain } from '../../src/app/audit/verify-audit-chain.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import type { PersonDetails } from '../../src/domain/people/person.ts';
import { auditEntriesAbout } from '../support/audit.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff, involve } from '../support/harness.ts';

const helen: PersonDetails = {
  givenNames: 'Helen',
  familyName: 'Marsh',
  preferredName: null,
  otherNames: null,
  dateOfBirth: '1979-06-02',
  nhsNumber: '9434765919',
  pncId: null,
  probationReference: 'X123456',
  address: '4 Quay Street',
  preferredLanguage: 'English',
  interpreterNeeded: false,
  communicationNeeds: null,
};

describe('a person’s record', () => {
  let database: TestDatabase;
  let nurse: AppContext;
  let probation: AppContext;

  async function staffContext(username: string, role: Role, agencyName: string): Promise<AppContext> {
    const staff = await addStaff(database.db, { username, role, agencyName });
    return {
      db: database.db,
      now: clockNow,
      purpose: 'Testing',
      actor: { kind: 'user', userId: staff.userId, label: `Test ${username}`, role, agencyId: staff.agencyId, agencyName },
    };
  }

  before(async () => {
    database = await freshDatabase();
    nurse = await staffContext('nurse', 'mental-health-nurse', 'Wessex Partnership NHS Trust');
    probation = await staffContext('probation', 'probation-practitioner', 'Wessex Probation Service');
  });
  after(() => database.close());

  async function addHelen(details = helen): Promise<string> {
    const outcome = await registerPerson(nurse, details, { confirmedNewPerson: true });
    assert.equal(outcome.kind, 'registered');
    return outcome.kind === 'registered' ? outcome.personId : '';
  }

  // The nurse's trust is involved by registering her; probation, which supervises her, is brought in.
  async function supervisedByProbation(personId: string): Promise<void> {
    await involve(database.db, personId, probation.actor.agencyId!, 'Supervised on licence');
  }

  it('attributes every entry to its author, role and agency', async () => {
    const id = await addHelen();
    await supervisedByProbation(id);
    await amendPersonDetails(probation, id, 1, { ...helen, address: '12 Harbour Road' }, 'Moved into approved premises');
    const view = await viewPerson(nurse, id);
    const [latest, first] = view.chronology.map((item) => item.entry);
    assert.equal(latest!.author.agencyName, 'Wessex Probation Service');
    assert.equal(latest!.author.role, 'probation-practitioner');
    assert.equal(latest!.reason, 'Moved into approved premises');
    assert.deepEqual(latest!.content, { kind: 'details-amended', data: { address: '12 Harbour Road' } });
    assert.equal(first!.author.agencyName, 'Wessex Partnership NHS Trust');
    assert.equal(view.state.details.address, '12 Harbour Road');
  });

  it('keeps both the corrected entry and its correction', async () => {
    const id = await addHelen({ ...helen, nhsNumber: null, dateOfBirth: '1980-01-01' });
    await recordOwnWords(nurse, id, 1, { words: 'Tell my brother', source: 'said-to-staff' });
    const before = await viewPerson(nurse, id);
    const ownWordsEntry = before.chronology.find((item) => item.entry.content.kind === 'own-words-recorded')!.entry;
    await correctEntry(nurse, id, 2, ownWordsEntry.id, { correctedKind: 'own-words-recorded', replacement: { words: 'Tell my sister', source: 'said-to-staff' } }, 'Misheard');
    const view = await viewPerson(nurse, id);
    assert.equal(view.chronology.length, 3);
    const original = view.chronology.find((item) => item.entry.id === ownWordsEntry.id)!;
    assert.deepEqual(original.entry.content.data, { words: 'Tell my brother', source: 'said-to-staff' }, 'the original is unchanged');
    assert.ok(original.supersededBy, 'the original is marked as superseded');
    assert.equal(view.state.ownWords?.words, 'Tell my sister');
  });

  it('refuses to update or delete an entry at the database itself', async () => {
    const id = await addHelen({ ...helen, nhsNumber: null, dateOfBirth: '1981-01-01' });
    await assert.rejects(sql`update record_entries set data = '{}'::jsonb where person_id = ${id}`.execute(database.db), /append-only/);
    await assert.rejects(sql`delete from record_entries where person_id = ${id}`.execute(database.db), /append-only/);
    await assert.rejects(sql`delete from audit_log`.execute(database.db), /append-only/);
  });

  it('gives the later of two edits from the same version a StaleRecord, and saves nothing of it', async () => {
    const id = await addHelen({ ...helen, nhsNumber: null, dateOfBirth: '1982-01-01' });
    await supervisedByProbation(id);
    const results = await Promise.allSettled([
      amendPersonDetails(nurse, id, 1, { ...helen, nhsNumber: null, dateOfBirth: '1982-01-01', address: 'From the nurse' }, null),
      amendPersonDetails(probation, id, 1, { ...helen, nhsNumber: null, dateOfBirth: '1982-01-01', address: 'From probation' }, null),
    ]);
    const fulfilled = results.filter((result) => result.status === 'fulfilled');
    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    assert.equal(fulfilled.length, 1);
    assert.equal(rejected.length, 1);
    assert.ok(rejected[0]!.reason instanceof StaleRecord, `expected StaleRecord, got ${rejected[0]!.reason}`);
    const view = await viewPerson(nurse, id);
    assert.equal(view.chronology.length, 2, 'only the first edit became an entry');
  });

  it('keeps both edits when the second is made after reading the first', async () => {
    const id = await addHelen({ ...helen, nhsNumber: null, dateOfBirth: '1983-01-01' });
    await supervisedByProbation(id);
    const details = { ...helen, nhsNumber: null, dateOfBirth: '1983-01-01' };
    await amendPersonDetails(nurse, id, 1, { ...details, address: 'First' }, null);
    await amendPersonDetails(probation, id, 2, { ...details, address: 'Second', preferredLanguage: 'Welsh' }, null);
    const view = await viewPerson(nurse, id);
    assert.equal(view.chronology.length, 3);
    assert.equal(view.state.details.address, 'Second');
  });

  it('stops a likely duplicate until the user confirms it is someone else', async () => {
    await addHelen({ ...helen, nhsNumber: '4010232137', dateOfBirth: '1984-01-01' });
    const sameNhs = await registerPerson(nurse, { ...helen, givenNames: 'Other', nhsNumber: '4010232137', dateOfBirth: '1999-09-09' });
    assert.equal(sameNhs.kind, 'possible-matches');
    const sameNameAndBirth = await registerPerson(nurse, { ...helen, givenNames: 'HELEN', familyName: 'marsh', nhsNumber: null, dateOfBirth: '1984-01-01' });
    assert.equal(sameNameAndBirth.kind, 'possible-matches');
    if (sameNameAndBirth.kind === 'possible-matches') assert.deepEqual(sameNameAndBirth.matches[0]!.reasons, ['same name and date of birth']);
    const confirmed = await registerPerson(nurse, { ...helen, nhsNumber: null, dateOfBirth: '1984-01-01' }, { confirmedNewPerson: true });
    assert.equal(confirmed.kind, 'registered');
  });

  it('finds people by name, date of birth and each identifier', async () => {
    const id = await addHelen({ ...helen, givenNames: 'Rowena', familyName: 'Quillfeather', nhsNumber: '9990000018', pncId: '19/1234567A', probationReference: 'Y654321', dateOfBirth: '1990-12-25', preferredName: 'Ro' });
    for (const query of ['quill', 'Rowena Quillfeather', 'ro quillfeather', '999 000 0018', '19/1234567a', 'y654321', 'Quillfeather 25/12/1990']) {
      const results = await searchPeople(nurse, parseSearchText(query));
      assert.ok(results.some((result) => result.id === id), `"${query}" finds her`);
    }
    const wrongDate = await searchPeople(nurse, parseSearchText('Quillfeather 24/12/1990'));
    assert.equal(wrongDate.length, 0);
  });

  it('audits every read, search result and write against the person, in an unbroken chain', async () => {
    const id = await addHelen({ ...helen, givenNames: 'Audra', familyName: 'Tillotson', nhsNumber: null, dateOfBirth: '1970-01-01' });
    await supervisedByProbation(id);
    await viewPerson(probation, id);
    await searchPeople(probation, parseSearchText('Tillotson'));
    const rows = await auditEntriesAbout(database.db, id).execute();
    assert.deepEqual(
      rows.map((row) => [row.action, row.agency_name]),
      [
        ['write', 'Wessex Partnership NHS Trust'],
        ['read', 'Wessex Probation Service'],
        ['list', 'Wessex Probation Service'],
      ],
    );
    assert.ok(rows.every((row) => row.purpose === 'Testing'));
    const verification = await verifyAuditChain(database.db);
    assert.equal(verification.firstBreak, null);
    assert.ok(verification.entriesChecked >= rows.length);
  });

  it('detects a tampered audit entry and names it', async () => {
    const target = await database.db.selectFrom('audit_log').select('sequence').orderBy('sequence').offset(2).limit(1).executeTakeFirstOrThrow();
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    await sql`update audit_log set what = 'Nothing happened' where sequence = ${target.sequence}`.execute(database.db);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(database.db);
    const verification = await verifyAuditChain(database.db, 2);
    assert.deepEqual(verification.firstBreak, { sequence: target.sequence, problem: 'hash-mismatch' });
  });
});
