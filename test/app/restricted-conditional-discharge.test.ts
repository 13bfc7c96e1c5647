import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { AppContext } from '../../src/app/context.ts';
import { InvalidInput, PolicyDenied } from '../../src/app/errors.ts';
import { legalPositionOf } from '../../src/app/legal/legal-position.ts';
import { recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { loadEntries } from '../../src/app/people/record-store.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { currentConditions, recordConcern, recordConditionalDischarge, varyConditions, viewConditionalDischarge } from '../../src/app/restricted/conditional-discharge.ts';
import { issueRecallWarrant, recordReturnToHospital, recordSecretaryOfStateReference } from '../../src/app/restricted/recall.ts';
import type { Placement } from '../../src/domain/legal/legal-entries.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff, involve } from '../support/harness.ts';

// A restricted patient's conditional discharge (s42(2), s73), its conditions and their variation, concerns
// and breaches, recall by warrant (s42(3)) and the deadlines the law engine then shows.
describe('conditional discharge of a restricted patient', () => {
  let database: TestDatabase;
  let office: AppContext;
  let clinician: AppContext;
  let caseworker: AppContext;
  let probation: AppContext;
  let placement: Placement;
  let now = Temporal.Instant.from('2026-03-05T12:00:00Z');

  async function staffContext(username: string, role: Role, agencyName: string, agencyKind?: AgencyKind): Promise<AppContext> {
    const staff = await addStaff(database.db, { username, role, agencyName, ...(agencyKind ? { agencyKind } : {}) });
    return { db: database.db, now: () => now, purpose: 'Testing', actor: { kind: 'user', userId: staff.userId, label: `Test ${username}`, role, agencyId: staff.agencyId, agencyName } };
  }

  before(async () => {
    database = await freshDatabase();
    office = await staffContext('office', 'mha-administrator', 'Wessex Partnership NHS Trust');
    clinician = await staffContext('clinician', 'responsible-clinician', 'Wessex Partnership NHS Trust');
    caseworker = await staffContext('caseworker', 'moj-caseworker', 'Mental Health Casework Section', 'moj-casework');
    probation = await staffContext('probation', 'probation-practitioner', 'Wessex Probation Service', 'probation-service');
    placement = { agencyId: office.actor.agencyId!, agencyName: 'Wessex Partnership NHS Trust', teamId: null, teamName: null };
  });
  after(() => database.close());

  async function patient(familyName: string, order: Record<string, unknown> = { type: 'court-order', order: 's37', restricted: true }): Promise<string> {
    now = Temporal.Instant.from('2026-03-05T12:00:00Z');
    const outcome = await registerPerson(office, { givenNames: 'Sam', familyName, preferredName: null, otherNames: null, dateOfBirth: '1990-02-14', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null }, { confirmedNewPerson: true });
    assert.equal(outcome.kind, 'registered');
    const personId = outcome.kind === 'registered' ? outcome.personId : '';
    await recordLegalEvent(office, personId, 1, { event: { at: '2025-01-10T10:00:00Z', ...order } as never, placement, documentId: null, note: null }, 'Recorded a hospital order');
    await recordLegalEvent(office, personId, 2, { event: { type: 'hospital-admitted', at: Temporal.Instant.from(String(order['at'] ?? '2025-01-10T10:00:00Z')).add({ hours: 48 }).toString() }, placement, documentId: null, note: null }, 'Recorded admission');
    await involve(database.db, personId, caseworker.actor.agencyId!);
    await involve(database.db, personId, probation.actor.agencyId!);
    return personId;
  }

  const conditions = [
    { kind: 'residence', text: 'Reside at Elm House hostel, Dorchester', concernsVictims: '' },
    { kind: 'exclusion-zone', text: 'Not to enter Weymouth', concernsVictims: '' },
    { kind: '', text: '', concernsVictims: '' },
    { kind: 'supervision', text: 'Meet the social supervisor weekly', concernsVictims: 'no' },
  ];

  async function discharge(personId: string, by: 'sos' | 'tribunal' = 'sos') {
    return recordConditionalDischarge(by === 'sos' ? caseworker : office, personId, 3, { by, at: '2026-03-02T10:00:00Z', conditions });
  }

  async function problems(promise: Promise<unknown>): Promise<{ field: string; message: string }[]> {
    const error = await promise.then(() => null, (thrown: unknown) => thrown);
    assert.ok(error instanceof InvalidInput, `expected InvalidInput, got ${String(error)}`);
    return error.problems;
  }

  async function position(personId: string) {
    return legalPositionOf(await loadEntries(database.db, personId), now);
  }

  async function dischargeEvents(personId: string) {
    return (await loadEntries(database.db, personId)).filter((entry) => entry.content.kind === 'legal-event-recorded' && entry.content.data.event.type === 'discharged');
  }

  it('records the discharge and its conditions together; the engine shows the s75(2) window and the supervisors’ report', async () => {
    const personId = await patient('Together');
    const { entryId } = await discharge(personId);
    assert.ok(entryId);
    const current = await currentConditions(database.db, personId);
    assert.deepEqual(current.map((condition) => [condition.kind, condition.label, condition.text, condition.concernsVictims, condition.setBy]), [
      ['residence', 'Residence', 'Reside at Elm House hostel, Dorchester', false, 'Test caseworker'],
      ['exclusion-zone', 'Exclusion zone', 'Not to enter Weymouth', true, 'Test caseworker'],
      ['supervision', 'Supervision', 'Meet the social supervisor weekly', false, 'Test caseworker'],
    ]);
    const { output } = await position(personId);
    assert.equal(output.status.provision, 'conditionally-discharged');
    // s75(2): the first window opens at the end of 12 months beginning with the date of discharge.
    const window = output.deadlines.find((deadline) => deadline.kind === 'tribunal-window-opens');
    assert.deepEqual(window && [window.due.toString(), window.provision], ['2027-03-02T00:00:00Z', 's75(2)']);
    assert.ok(output.deadlines.some((deadline) => deadline.kind === 'supervisor-report-due'));
  });

  it('the tribunal’s discharge is recorded by the Mental Health Act administrator, the Secretary of State’s by the caseworker only', async () => {
    const personId = await patient('Tribunal');
    await assert.rejects(recordConditionalDischarge(office, personId, 3, { by: 'sos', at: '2026-03-02T10:00:00Z', conditions }), PolicyDenied);
    await assert.rejects(recordConditionalDischarge(caseworker, personId, 3, { by: 'tribunal', at: '2026-03-02T10:00:00Z', conditions }), PolicyDenied);
    await discharge(personId, 'tribunal');
    assert.equal((await currentConditions(database.db, personId)).length, 3);
  });

  it('refuses, with the provision, a conditional discharge of an unrestricted or already discharged patient, saving nothing', async () => {
    const unrestricted = await patient('Unrestricted', { type: 'court-order', order: 's37', restricted: false, at: '2026-01-10T10:00:00Z' });
    const [refused] = await problems(discharge(unrestricted));
    assert.match(refused?.message ?? '', /unrestricted patient.*\(.+\)/);
    assert.equal((await dischargeEvents(unrestricted)).length, 0);
    assert.equal((await database.db.selectFrom('discharge_condition_sets').select('id').where('person_id', '=', unrestricted).execute()).length, 0);

    const twice = await patient('Twice');
    await discharge(twice);
    const [again] = await problems(recordConditionalDischarge(caseworker, twice, 4, { by: 'sos', at: '2026-03-03T10:00:00Z', conditions }));
    assert.match(again?.message ?? '', /already conditionally discharged/);
    assert.equal((await database.db.selectFrom('discharge_condition_sets').select('id').where('person_id', '=', twice).execute()).length, 1);
  });

  it('a discharge the engine does not put into effect leaves neither the event nor conditions behind', async () => {
    // A restriction direction: the engine leaves the tribunal's conditional discharge to s74 and the status unchanged.
    const personId = await patient('Direction', { type: 'transfer-direction', direction: 's47', restricted: true });
    const [problem] = await problems(discharge(personId, 'tribunal'));
    assert.match(problem?.message ?? '', /s74/);
    assert.equal((await dischargeEvents(personId)).length, 0);
    assert.equal((await database.db.selectFrom('discharge_condition_sets').select('id').where('person_id', '=', personId).execute()).length, 0);
  });

  it('blank or half-filled condition rows are refused naming the row; at least one condition is needed', async () => {
    const personId = await patient('Blank');
    const [none] = await problems(recordConditionalDischarge(caseworker, personId, 3, { by: 'sos', at: '2026-03-02T10:00:00Z', conditions: [{ kind: '', text: '' }] }));
    assert.match(none?.message ?? '', /at least one condition/);
    const half = await problems(recordConditionalDischarge(caseworker, personId, 3, { by: 'sos', at: '2026-03-02T10:00:00Z', conditions: [{ kind: 'treatment', text: ' ' }, { kind: 'nonsense', text: 'x' }] }));
    assert.deepEqual(half.map((problem) => problem.field), ['condition1-text', 'condition2-kind']);
    assert.equal((await dischargeEvents(personId)).length, 0);
  });

  it('the Secretary of State varies the conditions: a new set supersedes the old, and the history keeps both', async () => {
    const personId = await patient('Varied');
    await discharge(personId);
    await assert.rejects(varyConditions(clinician, personId, { reason: 'Moved', conditions: [{ kind: 'residence', text: 'Reside at 4 Mill Lane' }] }), PolicyDenied);
    now = now.add({ hours: 2 });
    await varyConditions(caseworker, personId, { reason: 'Moved to supported housing', conditions: [{ kind: 'residence', text: 'Reside at 4 Mill Lane, Dorchester' }, { kind: 'no-contact', text: 'No contact with the victim’s family' }] });
    const current = await currentConditions(database.db, personId);
    assert.deepEqual(current.map((condition) => [condition.kind, condition.text, condition.concernsVictims]), [
      ['residence', 'Reside at 4 Mill Lane, Dorchester', false],
      ['no-contact', 'No contact with the victim’s family', true],
    ]);
    const view = await viewConditionalDischarge(caseworker, personId);
    assert.deepEqual(view.sets.map((set) => [set.origin, set.provision, set.current, set.conditions.length, set.reason]), [
      ['discharge', 's42(2)', false, 3, null],
      ['variation', 's42(2)', true, 2, 'Moved to supported housing'],
    ]);
    await assert.rejects(sql`update discharge_conditions set wording = 'changed' where person_id = ${personId}`.execute(database.db));
    await assert.rejects(sql`delete from discharge_condition_sets where person_id = ${personId}`.execute(database.db));
  });

  it('conditions cannot be varied for a patient who is not conditionally discharged, and the refusal says why', async () => {
    const personId = await patient('Detained');
    const [problem] = await problems(varyConditions(caseworker, personId, { reason: 'Change', conditions: [{ kind: 'residence', text: 'Reside at home' }] }));
    assert.match(problem?.message ?? '', /not show this patient as conditionally discharged/);
  });

  it('a breach names a condition and tells the casework team without naming the patient; a concern need not', async () => {
    const personId = await patient('Breacher');
    await discharge(personId);
    const [exclusion] = (await currentConditions(database.db, personId)).filter((condition) => condition.kind === 'exclusion-zone');
    const [missing] = await problems(recordConcern(probation, personId, { kind: 'breach', occurredAt: '2026-03-04T20:00:00Z', whatHappened: 'Seen in Weymouth', actionTaken: 'Spoke to him' }));
    assert.equal(missing?.field, 'conditionId');
    await assert.rejects(recordConcern(office, personId, { kind: 'concern', occurredAt: '2026-03-04T20:00:00Z', whatHappened: 'x', actionTaken: 'y' }), PolicyDenied);
    const before = await database.db.selectFrom('notifications').select('id').execute();
    const breach = await recordConcern(probation, personId, { kind: 'breach', conditionId: exclusion!.id, occurredAt: '2026-03-04T20:00:00Z', whatHappened: 'Seen in Weymouth by a police officer', actionTaken: 'Reminded of the condition; told the responsible clinician' });
    assert.deepEqual(breach.notified, ['Mental Health Casework Section']);
    const notices = await database.db.selectFrom('notifications').selectAll().where('id', 'not in', before.length > 0 ? before.map((row) => row.id) : ['00000000-0000-0000-0000-000000000000']).execute();
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.agency_id, caseworker.actor.agencyId);
    assert.equal(notices[0]!.role, 'moj-caseworker');
    assert.equal(notices[0]!.status, 'queued');
    assert.doesNotMatch(`${notices[0]!.subject} ${notices[0]!.body}`, /Breacher|Sam/);
    const concern = await recordConcern(clinician, personId, { kind: 'concern', occurredAt: '2026-03-05T09:00:00Z', whatHappened: 'Missed a depot injection', actionTaken: 'Rebooked for tomorrow' });
    assert.deepEqual(concern.notified, []);
    const view = await viewConditionalDischarge(caseworker, personId);
    assert.deepEqual(view.concerns?.map((item) => [item.kind, item.condition?.label ?? null, item.recordedBy]), [
      ['concern', null, 'Test clinician'],
      ['breach', 'Exclusion zone', 'Test probation'],
    ]);
    await assert.rejects(sql`update discharge_concerns set what_happened = 'changed' where person_id = ${personId}`.execute(database.db));
  });

  it('recall: only the caseworker issues a warrant, only for a conditionally discharged patient; after the return the engine shows s75(1), the s75(1)(b) windows and the annual report', async () => {
    const detained = await patient('NotDischarged');
    const [notDischarged] = await problems(issueRecallWarrant(caseworker, detained, { issuedAt: '2026-03-05T10:00:00Z', reasons: 'Relapse' }));
    assert.match(notDischarged?.message ?? '', /conditionally discharged.*s42\(3\)/);

    const personId = await patient('Recalled');
    await discharge(personId);
    now = Temporal.Instant.from('2026-06-03T12:00:00Z');
    await assert.rejects(issueRecallWarrant(clinician, personId, { issuedAt: '2026-06-02T16:00:00+01:00', reasons: 'Relapse' }), PolicyDenied);
    const [noReasons] = await problems(issueRecallWarrant(caseworker, personId, { issuedAt: '2026-06-02T16:00:00+01:00', reasons: ' ' }));
    assert.equal(noReasons?.field, 'reasons');
    const warrantId = await issueRecallWarrant(caseworker, personId, { issuedAt: '2026-06-02T16:00:00+01:00', reasons: 'Breach of the exclusion zone and deteriorating mental state' });
    await problems(issueRecallWarrant(caseworker, personId, { issuedAt: '2026-06-02T17:00:00+01:00', reasons: 'Again' }));
    // Still conditionally discharged until the return.
    assert.equal((await position(personId)).output.status.provision, 'conditionally-discharged');
    await assert.rejects(recordReturnToHospital(probation, personId, 4, { warrantId, returnedAt: '2026-06-03T09:00:00+01:00', placement }), PolicyDenied);
    await recordReturnToHospital(office, personId, 4, { warrantId, returnedAt: '2026-06-03T09:00:00+01:00', placement });
    const { output } = await position(personId);
    assert.equal(output.status.provision, 's37/41');
    const found = (kind: string) => output.deadlines.filter((deadline) => deadline.kind === kind).map((deadline) => [deadline.due.toString(), deadline.provision]);
    // s75(1)(a): within one month beginning with the day of return, 3 June: by the end of 2 July (London).
    assert.deepEqual(found('sos-reference-due'), [['2026-07-02T23:00:00Z', 's75(1)']]);
    // s75(1)(b): the patient may apply from the end of six months beginning with the day of return.
    assert.deepEqual(found('tribunal-window-opens'), [['2026-12-03T00:00:00Z', 's75(1)(b)']]);
    assert.deepEqual(found('annual-report-due'), [['2027-06-02T23:00:00Z', 's41(6)']]);
    assert.deepEqual(await currentConditions(database.db, personId), []);
    const view = await viewConditionalDischarge(caseworker, personId);
    assert.equal(view.warrants[0]?.returnedAt?.toString(), '2026-06-03T08:00:00Z');
    await problems(recordReturnToHospital(office, personId, 5, { warrantId, returnedAt: '2026-06-03T10:00:00+01:00', placement }));
    await assert.rejects(sql`update recall_warrants set reasons = 'changed' where id = ${warrantId}`.execute(database.db));

    // The Secretary of State's reference, recorded by the caseworker, meets the s75(1) reference due.
    await assert.rejects(recordSecretaryOfStateReference(clinician, personId, 5, { at: '2026-06-03T11:00:00+01:00', provision: 's75(1)', note: null }), PolicyDenied);
    const reference = await recordSecretaryOfStateReference(caseworker, personId, 5, { at: '2026-06-03T11:00:00+01:00', provision: 's75(1)', note: null });
    assert.deepEqual(reference.reference.met, { kind: 'sos-reference-due', due: '2026-07-02T23:00:00Z', provision: 's75(1)' });
    const after = await position(personId);
    assert.deepEqual(after.met.map((met) => [met.kind, met.provision]), [['sos-reference-due', 's75(1)']]);
    assert.ok(!after.due.some((item) => item.kind === 'sos-reference-due'));
  });
});
