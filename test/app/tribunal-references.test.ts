import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppContext } from '../../src/app/context.ts';
import { InvalidInput, PolicyDenied } from '../../src/app/errors.ts';
import { recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { recordTribunalReference } from '../../src/app/legal/record-tribunal-reference.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import type { LegalEventJson, Placement } from '../../src/domain/legal/legal-entries.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff } from '../support/harness.ts';

// Recording a reference to the tribunal: the entry says which due reference it met, the deadline and the
// office's task for it close, and a reference in the future is refused with nothing written.
describe('recording a reference to the tribunal', () => {
  let database: TestDatabase;
  let office: AppContext;
  let placement: Placement;
  let now = Temporal.Instant.from('2026-01-01T09:00:00Z');

  async function staffContext(username: string, role: Role, agencyName: string): Promise<AppContext> {
    const staff = await addStaff(database.db, { username, role, agencyName });
    return { db: database.db, now: () => now, purpose: 'Testing', actor: { kind: 'user', userId: staff.userId, label: `Test ${username}`, role, agencyId: staff.agencyId, agencyName } };
  }

  async function version(personId: string): Promise<number> {
    return (await database.db.selectFrom('people').select('version').where('id', '=', personId).executeTakeFirstOrThrow()).version;
  }

  async function record(personId: string, event: LegalEventJson) {
    now = Temporal.Instant.from(event.at).add({ hours: 1 });
    await recordLegalEvent(office, personId, await version(personId), { event, placement, documentId: null, note: null }, `Recorded ${event.type}`);
  }

  // Detained under s3 on 3 February 2026 and renewed in July, with no application to the tribunal: the
  // managers' reference (s68(2)) falls due at the end of 2 August.
  async function detainedPerson(familyName: string): Promise<string> {
    now = Temporal.Instant.from('2026-01-01T09:00:00Z');
    const outcome = await registerPerson(office, { givenNames: 'Sam', familyName, preferredName: null, otherNames: null, dateOfBirth: '1980-02-14', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null }, { confirmedNewPerson: true });
    assert.equal(outcome.kind, 'registered');
    const id = outcome.kind === 'registered' ? outcome.personId : '';
    await record(id, { type: 's3-admitted', at: '2026-02-03T11:00:00Z' });
    await record(id, { type: 'renewal-furnished', at: '2026-07-20T11:00:00+01:00' });
    return id;
  }

  const referenceTasks = (personId: string) =>
    database.db.selectFrom('tasks').select(['due', 'closed_at', 'closed_reason', 'closed_by_label']).where('person_id', '=', personId).where('kind', '=', 'managers-reference-due').execute();
  const referenceDeadlines = (personId: string) => database.db.selectFrom('legal_deadlines').select(['due', 'provision']).where('person_id', '=', personId).where('kind', '=', 'managers-reference-due').execute();

  before(async () => {
    database = await freshDatabase();
    office = await staffContext('office', 'mha-administrator', 'Wessex Partnership NHS Trust');
    placement = { agencyId: office.actor.agencyId!, agencyName: 'Wessex Partnership NHS Trust', teamId: null, teamName: null };
  });
  after(() => database.close());

  it('meets the managers’ reference that fell due, closes its task saying so, and audits the write', async () => {
    const id = await detainedPerson('Referred');
    // The reference is due, and the office's task.
    assert.equal((await referenceDeadlines(id)).length, 1);
    const [task] = await referenceTasks(id);
    assert.equal(task?.closed_at, null);

    now = Temporal.Instant.from('2026-08-20T10:00:00+01:00');
    const result = await recordTribunalReference(office, id, await version(id), { at: '2026-08-05T10:00:00+01:00', provision: 's68(2)', note: 'Sent by secure email' });
    assert.deepEqual(result.reference, {
      at: '2026-08-05T10:00:00+01:00',
      by: 'managers',
      provision: 's68(2)',
      met: { kind: 'managers-reference-due', due: '2026-08-02T23:00:00Z', provision: 's68(2)' },
      note: 'Sent by secure email',
    });
    assert.deepEqual(await referenceDeadlines(id), [], 'no longer due');
    const [closed] = await referenceTasks(id);
    assert.ok(closed?.closed_at, 'the task is closed');
    assert.equal(closed.closed_reason, 'Done: the reference to the tribunal is recorded as made');
    assert.equal(closed.closed_by_label, 'Test office');
    const entry = await database.db.selectFrom('record_entries').select(['kind', 'category']).where('person_id', '=', id).orderBy('sequence', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual(entry, { kind: 'tribunal-reference-made', category: 'legal-status' });
    const audit = await database.db.selectFrom('audit_log').select(['action', 'what']).where('person_id', '=', id).where('at', '=', now.toString()).execute();
    assert.deepEqual(audit, [{ action: 'write', what: 'Recorded a reference to the tribunal (s68(2))' }]);
    assert.equal(result.position.record.tribunalReferences.at(-1)?.note, 'Sent by secure email');

    // A second reference for the same duty meets nothing: the first met it.
    now = Temporal.Instant.from('2026-08-21T10:00:00+01:00');
    const again = await recordTribunalReference(office, id, await version(id), { at: '2026-08-21T09:00:00+01:00', provision: 's68(2)', note: null });
    assert.equal(again.reference.met, null);
  });

  it('records a reference when none is due, saying it met none', async () => {
    const id = await detainedPerson('Discretionary');
    now = Temporal.Instant.from('2026-08-20T10:00:00+01:00');
    const result = await recordTribunalReference(office, id, await version(id), { at: '2026-08-19T10:00:00+01:00', provision: 's71(1)', note: null });
    assert.equal(result.reference.by, 'secretary-of-state');
    assert.equal(result.reference.met, null);
    assert.equal((await referenceDeadlines(id)).length, 1, 'the managers’ reference is still due');
  });

  it('counts a Secretary of State’s reference in the six months as meeting the six-month reference (s68(3)(b))', async () => {
    const id = await detainedPerson('Secretary');
    now = Temporal.Instant.from('2026-07-21T10:00:00+01:00');
    const result = await recordTribunalReference(office, id, await version(id), { at: '2026-05-01T10:00:00+01:00', provision: 's67(1)', note: null });
    assert.deepEqual(result.reference.met, { kind: 'managers-reference-due', due: '2026-08-02T23:00:00Z', provision: 's68(2)' });
    assert.deepEqual(await referenceDeadlines(id), []);
  });

  it('refuses a reference at a time in the future, writing nothing', async () => {
    const id = await detainedPerson('Future');
    now = Temporal.Instant.from('2026-08-20T10:00:00+01:00');
    const before = await version(id);
    await assert.rejects(
      recordTribunalReference(office, id, before, { at: '2026-08-20T11:00:00+01:00', provision: 's68(2)', note: null }),
      (error: unknown) => error instanceof InvalidInput && error.problems[0]?.field === 'at' && /The time the reference was made is in the future/.test(error.problems[0].message),
    );
    assert.equal(await version(id), before);
    assert.equal((await referenceDeadlines(id)).length, 1);
  });

  it('is for those who may write to the person’s record', async () => {
    const id = await detainedPerson('Unwritten');
    const tribunal = await staffContext('clerk', 'tribunal-clerk', 'Tribunal Service');
    now = Temporal.Instant.from('2026-08-20T10:00:00+01:00');
    await assert.rejects(recordTribunalReference(tribunal, id, await version(id), { at: '2026-08-19T10:00:00+01:00', provision: 's68(2)', note: null }), PolicyDenied);
  });
});
