import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppContext } from '../../src/app/context.ts';
import { InvalidInput } from '../../src/app/errors.ts';
import { refreshDueProjections } from '../../src/app/legal/legal-position.ts';
import { appendLegalEntry, recordLegalEvent, withdrawLegalEvent } from '../../src/app/legal/record-legal.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import type { Placement } from '../../src/domain/legal/legal-entries.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff } from '../support/harness.ts';

// The legal record: events checked by the law engine before they are saved, and the derived status,
// deadlines and tasks kept in step in the same transaction.
describe('recording a person’s legal position', () => {
  let database: TestDatabase;
  let office: AppContext;
  let placement: Placement;
  let now = Temporal.Instant.from('2026-04-20T14:00:00Z');

  async function staffContext(username: string, role: Role, agencyName: string): Promise<AppContext> {
    const staff = await addStaff(database.db, { username, role, agencyName });
    return { db: database.db, now: () => now, purpose: 'Testing', actor: { kind: 'user', userId: staff.userId, label: `Test ${username}`, role, agencyId: staff.agencyId, agencyName } };
  }

  before(async () => {
    database = await freshDatabase();
    office = await staffContext('office', 'mha-administrator', 'Wessex Partnership NHS Trust');
    placement = { agencyId: office.actor.agencyId!, agencyName: 'Wessex Partnership NHS Trust', teamId: null, teamName: null };
  });
  after(() => database.close());

  async function addPerson(familyName: string): Promise<string> {
    const outcome = await registerPerson(office, { givenNames: 'Sam', familyName, preferredName: null, otherNames: null, dateOfBirth: '1990-02-14', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null }, { confirmedNewPerson: true });
    assert.equal(outcome.kind, 'registered');
    return outcome.kind === 'registered' ? outcome.personId : '';
  }

  async function deadlines(personId: string) {
    return database.db.selectFrom('legal_deadlines').select(['kind', 'due', 'provision']).where('person_id', '=', personId).orderBy('due').execute();
  }

  async function openTasks(personId: string) {
    return database.db.selectFrom('tasks').select(['kind', 'role', 'due', 'closed_at', 'closed_reason']).where('person_id', '=', personId).where('closed_at', 'is', null).orderBy('due').execute();
  }

  it('an s2 admission gives the status, its deadlines and tasks for the right roles', async () => {
    now = Temporal.Instant.from('2026-04-20T15:00:00Z');
    const id = await addPerson('Admitted');
    const result = await recordLegalEvent(office, id, 1, { event: { type: 's2-admitted', at: '2026-04-20T15:10:00+01:00' }, placement, documentId: null, note: null }, 'Recorded an s2 admission');
    assert.equal(result.position.output.status.provision, 's2');
    const status = await database.db.selectFrom('legal_status').selectAll().where('person_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(status.provision, 's2');
    assert.equal(status.agency_id, placement.agencyId);
    const rows = await deadlines(id);
    const authority = rows.find((row) => row.kind === 'authority-ends');
    assert.ok(authority);
    assert.equal(Temporal.Instant.from(authority.due).toString(), '2026-05-17T23:00:00Z');
    assert.equal(authority.provision, 's2(4)');
    const tasks = await openTasks(id);
    assert.deepEqual(tasks.map((task) => [task.kind, task.role]).sort(), [
      ['authority-ends', 'responsible-clinician'],
      ['rights-information', 'mha-administrator'],
      ['tribunal-window-closes', 'mha-administrator'],
    ]);
  });

  it('recording that s132 information was given closes that task, saying why', async () => {
    now = Temporal.Instant.from('2026-04-20T15:00:00Z');
    const id = await addPerson('Informed');
    await recordLegalEvent(office, id, 1, { event: { type: 's2-admitted', at: '2026-04-20T15:10:00+01:00' }, placement, documentId: null, note: null }, 'Recorded an s2 admission');
    now = Temporal.Instant.from('2026-04-20T15:45:00Z');
    await appendLegalEntry(office, id, 2, { kind: 'rights-information-given', data: { provision: 's132', at: '2026-04-20T16:30:00+01:00', understood: true, note: null } }, 'Recorded s132 information given');
    assert.ok(!(await openTasks(id)).some((task) => task.kind === 'rights-information'));
    const closed = await database.db.selectFrom('tasks').select(['closed_reason', 'closed_at']).where('person_id', '=', id).where('kind', '=', 'rights-information').executeTakeFirstOrThrow();
    assert.match(closed.closed_reason ?? '', /No longer due/);
  });

  it('a step the law does not allow is refused with its provision, and nothing is saved', async () => {
    now = Temporal.Instant.from('2026-04-22T14:00:00Z');
    const id = await addPerson('Refused');
    await recordLegalEvent(office, id, 1, { event: { type: 's2-admitted', at: '2026-04-20T15:10:00+01:00' }, placement, documentId: null, note: null }, 'Recorded an s2 admission');
    await assert.rejects(
      recordLegalEvent(office, id, 2, { event: { type: 's5-2-report-furnished', at: '2026-04-21T10:00:00+01:00' }, placement, documentId: null, note: null }, 'Recorded s5(2)'),
      (error: unknown) => error instanceof InvalidInput && /s5\(2\)/.test(error.problems[0]!.message),
    );
    const entries = await database.db.selectFrom('record_entries').select('kind').where('person_id', '=', id).execute();
    assert.equal(entries.length, 2);
  });

  it('an application whose examinations are too far apart is refused citing s12(1)', async () => {
    now = Temporal.Instant.from('2026-04-22T14:00:00Z');
    const id = await addPerson('Scrutinised');
    const application = {
      madeAt: '2026-04-20T11:00:00+01:00',
      applicant: 'amhp',
      applicantLastSawPatientAt: '2026-04-20T10:30:00+01:00',
      recommendations: [
        { examinedAt: '2026-04-12T16:00:00+01:00', signedAt: '2026-04-12T16:30:00+01:00', s12Approved: true, previousAcquaintance: false },
        { examinedAt: '2026-04-19T16:00:00+01:00', signedAt: '2026-04-19T16:30:00+01:00', s12Approved: false, previousAcquaintance: true },
      ],
    };
    await assert.rejects(
      recordLegalEvent(office, id, 1, { event: { type: 's2-admitted', at: '2026-04-20T15:10:00+01:00', application }, placement, documentId: null, note: null }, 'Recorded an s2 admission'),
      (error: unknown) => error instanceof InvalidInput && error.problems.some((problem) => problem.message.includes('(s12(1))')),
    );
  });

  it('a time in the future is refused', async () => {
    now = Temporal.Instant.from('2026-04-20T14:00:00Z');
    const id = await addPerson('Future');
    await assert.rejects(
      recordLegalEvent(office, id, 1, { event: { type: 's2-admitted', at: '2026-04-21T15:10:00+01:00' }, placement, documentId: null, note: null }, 'Recorded an s2 admission'),
      (error: unknown) => error instanceof InvalidInput && error.problems[0]!.field === 'at' && /future/.test(error.problems[0]!.message),
    );
  });

  it('input that breaks the engine contract names the field', async () => {
    now = Temporal.Instant.from('2026-04-22T14:00:00Z');
    const id = await addPerson('Malformed');
    await recordLegalEvent(office, id, 1, { event: { type: 'place-of-safety-arrival', at: '2026-04-22T10:00:00+01:00', power: 's136' }, placement, documentId: null, note: null }, 'Recorded s136');
    await assert.rejects(
      recordLegalEvent(office, id, 2, { event: { type: 'place-of-safety-extended', at: '2026-04-22T12:00:00+01:00', hours: 40 }, placement, documentId: null, note: null }, 'Recorded an extension'),
      (error: unknown) => error instanceof InvalidInput && error.problems[0]!.field === 'hours',
    );
  });

  it('when a deadline passes, the next read of the hospital’s lists brings the position up to date', async () => {
    now = Temporal.Instant.from('2026-04-22T14:00:00Z');
    const id = await addPerson('Lapsing');
    await recordLegalEvent(office, id, 1, { event: { type: 'place-of-safety-arrival', at: '2026-04-22T10:00:00+01:00', power: 's136' }, placement, documentId: null, note: null }, 'Recorded s136');
    assert.equal((await database.db.selectFrom('legal_status').select('provision').where('person_id', '=', id).executeTakeFirstOrThrow()).provision, 's136');
    now = Temporal.Instant.from('2026-04-23T14:00:00Z');
    const refreshed = await refreshDueProjections(office, placement.agencyId);
    assert.ok(refreshed >= 1);
    assert.equal((await database.db.selectFrom('legal_status').select('provision').where('person_id', '=', id).executeTakeFirstOrThrow()).provision, 'none');
  });

  it('a legal event entered in error is withdrawn: kept and marked, no longer read by the engine', async () => {
    now = Temporal.Instant.from('2026-04-22T14:00:00Z');
    const id = await addPerson('Mistaken');
    const first = await recordLegalEvent(office, id, 1, { event: { type: 's2-admitted', at: '2026-04-20T15:10:00+01:00' }, placement, documentId: null, note: null }, 'Recorded an s2 admission');
    await assert.rejects(withdrawLegalEvent(office, id, 2, first.entryId, '  '), (error: unknown) => error instanceof InvalidInput && error.problems[0]!.field === 'reason');
    const withdrawn = await withdrawLegalEvent(office, id, 2, first.entryId, 'Recorded on the wrong person');
    assert.equal(withdrawn.position.output.status.provision, 'none');
    assert.equal(withdrawn.position.record.withdrawnEvents.length, 1);
    assert.equal(withdrawn.position.record.withdrawnEvents[0]!.withdrawal.reason, 'Recorded on the wrong person');
    const entries = await database.db.selectFrom('record_entries').select(['kind', 'supersedes']).where('person_id', '=', id).orderBy('sequence').execute();
    assert.deepEqual(entries.map((entry) => entry.kind), ['person-registered', 'legal-event-recorded', 'legal-event-withdrawn']);
    assert.equal(entries[2]!.supersedes, first.entryId);
    assert.equal(await database.db.selectFrom('legal_status').select('person_id').where('person_id', '=', id).executeTakeFirst(), undefined);
    await assert.rejects(withdrawLegalEvent(office, id, 3, first.entryId, 'Again'), (error: unknown) => error instanceof InvalidInput && /already been withdrawn/.test(error.problems[0]!.message));
  });
});
