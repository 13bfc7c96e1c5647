import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { auditEntriesAbout } from '../support/audit.ts';
import { clinicalNoteText, sharedRecord, type SharedRecord } from '../support/transparency.ts';
import { cliDatabase, runAccord, stackFrame, type CliDatabase } from './support.ts';

describe('accord record export and accord record subject-access', () => {
  let database: CliDatabase;
  let record: SharedRecord;
  let folder: string;

  before(async () => {
    database = await cliDatabase();
    const migrate = await runAccord(['migrate'], database.environment);
    assert.equal(migrate.code, 0, migrate.stderr);
    record = await database.use((db) => sharedRecord(db, 'cli'));
    folder = mkdtempSync(path.join(tmpdir(), 'accord-export-'));
  });
  after(async () => {
    rmSync(folder, { recursive: true, force: true });
    await database.remove();
  });

  it('exports the record as a police officer sees it: the clinical note is left out, and counted', async () => {
    const run = await runAccord(['record', 'export', record.personId, '--as', record.police.username], database.environment);
    assert.equal(run.code, 0, run.stderr);
    const exported = JSON.parse(run.stdout);
    assert.equal(exported.id, record.personId);
    assert.equal(exported.relationship, 'involved');
    assert.equal(exported.details.familyName, 'Marsh');
    assert.ok(exported.entries.length >= 1);
    assert.ok(!exported.entries.some((entry: { id: string }) => entry.id === record.noteId), 'the police policy does not include clinical information');
    assert.ok(!run.stdout.includes(clinicalNoteText));
    assert.equal(exported.hiddenEntries, 1);
    const audited = await database.use((db) => auditEntriesAbout(db, record.personId).where('actor_label', '=', `Test ${record.police.username}`).execute());
    assert.equal(audited.length, 1);
    assert.equal(audited[0]!.what, 'Exported the person’s record as JSON from the command line');
    assert.match(audited[0]!.purpose, /command line: accord record export, run by /);
  });

  it('exports everything held, clinical note included, as the Mental Health Act administrator', async () => {
    const run = await runAccord(['record', 'subject-access', record.personId, '--as', record.trust.username], database.environment);
    assert.equal(run.code, 0, run.stderr);
    const held = JSON.parse(run.stdout);
    assert.equal(held.schema, 'accord.subject-access/1');
    const note = held.entries.find((entry: { id: string }) => entry.id === record.noteId);
    assert.deepEqual(note.data, { category: 'clinical', text: clinicalNoteText });
    assert.equal(held.generatedBy.name, `Test ${record.trust.username}`);
  });

  it('refuses, and records the refusal, where the member of staff would be refused on the page', async () => {
    const run = await runAccord(['record', 'export', record.personId, '--as', record.housing.username], database.environment);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /accord record export: You and your team are not involved with this person/);
    assert.equal(run.stdout, '');
    const refused = await database.use((db) => auditEntriesAbout(db, record.personId).where('actor_label', '=', `Test ${record.housing.username}`).where('action', '=', 'refused').execute());
    assert.equal(refused.length, 1);
  });

  it('refuses the subject access export to a role that does not oversee the use of records', async () => {
    const run = await runAccord(['record', 'subject-access', record.personId, '--as', record.police.username], database.environment);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Your role does not include producing a subject access export/);
    assert.equal(run.stdout, '');
  });

  it('writes to a new file readable by its owner only, and never over an existing one', async () => {
    const file = path.join(folder, 'helen.json');
    const run = await runAccord(['record', 'export', record.personId, '--as', record.trust.username, '--output', file], database.environment);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Wrote the record as Test cli\.admin sees it to /);
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    assert.ok(exported.entries.some((entry: { id: string }) => entry.id === record.noteId), 'the trust’s administrator sees clinical notes');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const again = await runAccord(['record', 'export', record.personId, '--as', record.trust.username, '--output', file], database.environment);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists: choose another file; nothing was written/);
  });

  it('says plainly what is wrong with how it was called, or with whom', async () => {
    const unknown = await runAccord(['record', 'export', record.personId, '--as', 'nobody.here'], database.environment);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /There is no member of staff with the username nobody\.here/);
    const badId = await runAccord(['record', 'export', 'helen', '--as', record.police.username], database.environment);
    assert.equal(badId.code, 2);
    assert.match(badId.stderr, /PERSON_ID must be a person’s id/);
    const noActor = await runAccord(['record', 'export', record.personId], database.environment);
    assert.equal(noActor.code, 2);
    assert.match(noActor.stderr, /--as/);
    const missing = await runAccord(['record', 'subject-access', '00000000-0000-4000-8000-000000000000', '--as', record.trust.username], database.environment);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /The person was not found/);
    for (const run of [unknown, badId, noActor, missing]) assert.doesNotMatch(run.stderr, stackFrame);
  });
});
