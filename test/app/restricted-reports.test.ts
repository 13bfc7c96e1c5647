import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { systemActor, type AppContext } from '../../src/app/context.ts';
import { InvalidInput, PolicyDenied } from '../../src/app/errors.ts';
import { recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { escalateOverdueReports } from '../../src/app/restricted/report-escalation.ts';
import { fileReport, nameSupervisor, overdueReports, viewReports } from '../../src/app/restricted/reports.ts';
import { recordInvolvement } from '../../src/app/sharing/involvements.ts';
import { personAccess } from '../../src/app/sharing/person-access.ts';
import type { Placement } from '../../src/domain/legal/legal-entries.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff } from '../support/harness.ts';

// Statutory reports on restricted patients: the responsible clinician's yearly report (s41(6)) while
// detained, the supervisors' reports after a conditional discharge, filing against the schedule the law
// engine gives, refusals that say why, and escalation of what is overdue, once.
describe('statutory reports on restricted patients', () => {
  let database: TestDatabase;
  let office: AppContext;
  let clinician: AppContext;
  let caseworker: AppContext;
  let psychiatrist: AppContext;
  let otherPsychiatrist: AppContext;
  let probation: AppContext;
  let placement: Placement;
  let now = Temporal.Instant.from('2026-06-10T12:00:00Z');
  let detained = '';
  let discharged = '';
  const sweep = (): AppContext => ({ db: database.db, now: () => now, purpose: 'Testing the sweep', actor: systemActor('Scheduled sweep') });

  async function staffContext(username: string, role: Role, agencyName: string, agencyKind?: AgencyKind): Promise<AppContext> {
    const staff = await addStaff(database.db, { username, role, agencyName, displayName: `Test ${username}`, ...(agencyKind ? { agencyKind } : {}) });
    return { db: database.db, now: () => now, purpose: 'Testing', actor: { kind: 'user', userId: staff.userId, label: `Test ${username}`, role, agencyId: staff.agencyId, agencyName } };
  }

  async function patient(familyName: string): Promise<string> {
    const outcome = await registerPerson(office, { givenNames: 'Sam', familyName, preferredName: null, otherNames: null, dateOfBirth: '1980-02-14', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null }, { confirmedNewPerson: true });
    assert.equal(outcome.kind, 'registered');
    const personId = outcome.kind === 'registered' ? outcome.personId : '';
    await recordLegalEvent(office, personId, 1, { event: { type: 'court-order', at: '2025-01-10T10:00:00Z', order: 's37', restricted: true } as never, placement, documentId: null, note: null }, 'Recorded a hospital order');
    await recordLegalEvent(office, personId, 2, { event: { type: 'hospital-admitted', at: '2025-01-12T14:00:00Z' } as never, placement, documentId: null, note: null }, 'Recorded the admission');
    return personId;
  }

  async function problem(promise: Promise<unknown>): Promise<{ field: string; message: string }> {
    const error = await promise.then(() => null, (thrown: unknown) => thrown);
    assert.ok(error instanceof InvalidInput, `expected InvalidInput, got ${String(error)}`);
    return error.problems[0]!;
  }

  const report = (kind: string, recommendation: string) => ({ kind, recommendation, report: 'Settled; engaging with treatment.', reasons: 'No incidents this period.' });

  before(async () => {
    database = await freshDatabase();
    office = await staffContext('office', 'mha-administrator', 'Wessex Partnership NHS Trust');
    clinician = await staffContext('clinician', 'responsible-clinician', 'Wessex Partnership NHS Trust');
    psychiatrist = await staffContext('psychiatrist', 'psychiatrist', 'Wessex Partnership NHS Trust');
    otherPsychiatrist = await staffContext('other', 'psychiatrist', 'Wessex Partnership NHS Trust');
    caseworker = await staffContext('caseworker', 'moj-caseworker', 'Mental Health Casework Section', 'moj-casework');
    probation = await staffContext('probation', 'probation-practitioner', 'Wessex Probation', 'probation-service');
    placement = { agencyId: office.actor.agencyId!, agencyName: 'Wessex Partnership NHS Trust', teamId: null, teamName: null };
    detained = await patient('Detained');
    discharged = await patient('Discharged');
    await recordLegalEvent(caseworker, discharged, 3, { event: { type: 'discharged', at: '2026-05-20T12:00:00+01:00', kind: 'conditional', by: 'sos' } as never, placement: null, documentId: null, note: null }, 'Recorded a conditional discharge');
    await recordInvolvement(office, discharged, { agencyId: probation.actor.agencyId!, teamId: null, userId: null, reason: 'Offender manager', startsAt: now.subtract({ hours: 1 }), endsAt: null });
  });
  after(() => database.close());

  it('gives the annual report yearly from admission while detained, and the supervisors’ 28 days after discharge then every 3 months', async () => {
    now = Temporal.Instant.from('2026-06-10T12:00:00Z');
    const held = await viewReports(clinician, detained);
    assert.deepEqual(held.rows.map((row) => [row.kind, row.due.toString(), row.provision, row.status]), [
      ['annual', '2026-01-12T00:00:00Z', 's41(6)', 'overdue'],
      ['annual', '2027-01-12T00:00:00Z', 's41(6)', 'due'],
    ]);
    now = Temporal.Instant.from('2026-10-01T12:00:00Z');
    const out = await viewReports(caseworker, discharged);
    assert.deepEqual(out.rows.map((row) => [row.kind, row.due.toString(), row.status]), [
      // Due while detained, but the patient was discharged before anyone could file it: no longer due.
      ['annual', '2026-01-12T00:00:00Z', 'lapsed'],
      // 28 days beginning with 20 May: by the start of 17 June (London), then 17 September, then 17 December.
      ['clinical-supervisor', '2026-06-16T23:00:00Z', 'overdue'],
      ['social-supervisor', '2026-06-16T23:00:00Z', 'overdue'],
      ['clinical-supervisor', '2026-09-16T23:00:00Z', 'overdue'],
      ['social-supervisor', '2026-09-16T23:00:00Z', 'overdue'],
      ['clinical-supervisor', '2026-12-17T00:00:00Z', 'due'],
      ['social-supervisor', '2026-12-17T00:00:00Z', 'due'],
    ]);
    assert.equal(out.rows[1]?.provision, 'guidance (MoJ conditional discharge)');
    now = Temporal.Instant.from('2026-06-10T12:00:00Z');
  });

  it('the responsible clinician’s report meets the earliest due date not met: late for the overdue one, on time for the next; then none is due', async () => {
    now = Temporal.Instant.from('2026-06-10T12:00:00Z');
    await assert.rejects(fileReport(otherPsychiatrist, detained, report('annual', 'continue-detention')), PolicyDenied);
    await fileReport(clinician, detained, report('annual', 'continue-detention'));
    await fileReport(clinician, detained, report('annual', 'leave'));
    const refused = await problem(fileReport(clinician, detained, report('annual', 'continue-detention')));
    assert.equal(refused.field, 'kind');
    assert.match(refused.message, /the report due on 12 January 2027 at 12:00am was filed on 10 June 2026 at 1:00pm, and the next is due on 12 January 2028 at 12:00am \(s41\(6\)\)/);
    const view = await viewReports(clinician, detained);
    assert.deepEqual(view.rows.map((row) => [row.due.toString(), row.status, row.report?.recommendationLabel]), [
      ['2026-01-12T00:00:00Z', 'filed-late', 'Continue detention'],
      ['2027-01-12T00:00:00Z', 'filed-on-time', 'Leave of absence'],
      ['2028-01-12T00:00:00Z', 'due', undefined],
    ]);
    const supervisor = await problem(fileReport(clinician, detained, report('clinical-supervisor', 'continue')));
    assert.match(supervisor.message, /not conditionally discharged, so no supervisor’s report is due \(s42\(2\)/);
    const annual = await problem(fileReport(clinician, discharged, report('annual', 'continue-detention')));
    assert.match(annual.message, /conditionally discharged, so no responsible clinician’s annual report is due.*s41\(6\)/);
    assert.deepEqual((await problem(fileReport(clinician, detained, { kind: 'annual', recommendation: 'recall', report: '', reasons: 'x' }))).field, 'recommendation');
    const rows = await database.db.selectFrom('restricted_reports').select('id').where('person_id', '=', detained).execute();
    assert.equal(rows.length, 2);
    await assert.rejects(sql`update restricted_reports set late = false where person_id = ${detained}`.execute(database.db));
    await assert.rejects(sql`delete from restricted_reports where person_id = ${detained}`.execute(database.db));
  });

  it('only the named supervisor files a supervisor’s report; naming makes them involved; naming again replaces', async () => {
    now = Temporal.Instant.from('2026-06-10T12:00:00Z');
    await assert.rejects(nameSupervisor(probation, discharged, { supervision: 'clinical', userId: psychiatrist.actor.userId! }), PolicyDenied);
    assert.equal((await problem(nameSupervisor(caseworker, discharged, { supervision: 'clinical', userId: probation.actor.userId! }))).field, 'userId');
    await nameSupervisor(caseworker, discharged, { supervision: 'clinical', userId: otherPsychiatrist.actor.userId! });
    await nameSupervisor(caseworker, discharged, { supervision: 'clinical', userId: psychiatrist.actor.userId! });
    await nameSupervisor(clinician, discharged, { supervision: 'social', userId: probation.actor.userId! });
    const view = await viewReports(caseworker, discharged);
    assert.deepEqual(view.supervisors.map((item) => [item.supervision, item.name, item.current]), [
      ['social', 'Test probation', true],
      ['clinical', 'Test psychiatrist', true],
      ['clinical', 'Test other', false],
    ]);
    const involvement = await database.db.selectFrom('involvements').select('user_id').where('person_id', '=', discharged).where('user_id', '=', psychiatrist.actor.userId!).execute();
    assert.equal(involvement.length, 1);
    assert.ok((await personAccess(psychiatrist, discharged)).categories.has('legal-status'));
    await assert.rejects(fileReport(otherPsychiatrist, discharged, report('clinical-supervisor', 'continue')), PolicyDenied);
    await assert.rejects(fileReport(clinician, discharged, report('clinical-supervisor', 'continue')), PolicyDenied);
    await assert.rejects(fileReport(psychiatrist, discharged, report('social-supervisor', 'continue')), PolicyDenied);
    await fileReport(psychiatrist, discharged, report('clinical-supervisor', 'continue'));
    const again = await problem(fileReport(psychiatrist, discharged, report('clinical-supervisor', 'continue')));
    assert.match(again.message, /was filed on 10 June 2026.*next is due on 17 September 2026 at 12:00am \(guidance \(MoJ conditional discharge\)\)/);
  });

  it('escalates an overdue report once, to the casework team and the supervisor, without naming the person; overdueReports shows it', async () => {
    now = Temporal.Instant.from('2026-06-20T09:00:00Z');
    const before = await database.db.selectFrom('notifications').select('id').execute();
    const counts = await Promise.all([escalateOverdueReports(sweep()), escalateOverdueReports(sweep())]);
    assert.equal(counts[0] + counts[1], 1);
    assert.equal(await escalateOverdueReports(sweep()), 0);
    await assert.rejects(escalateOverdueReports(caseworker), PolicyDenied);
    const notes = await database.db.selectFrom('notifications').selectAll().where('id', 'not in', before.length ? before.map((row) => row.id) : ['00000000-0000-0000-0000-000000000000']).orderBy('role').execute();
    assert.deepEqual(notes.map((note) => [note.agency_id, note.role, note.recipient]), [
      [caseworker.actor.agencyId, 'moj-caseworker', null],
      [probation.actor.agencyId, 'probation-practitioner', 'Test probation'],
    ]);
    for (const note of notes) {
      assert.match(note.body, /social supervisor’s report was due 17 June 2026 at 12:00am/);
      assert.doesNotMatch(`${note.subject} ${note.body}`, /Sam|Discharged/);
    }
    const overdue = await overdueReports(database.db, [discharged, detained], now);
    assert.deepEqual([...overdue.keys()], [discharged]);
    assert.deepEqual(overdue.get(discharged)?.map((item) => [item.kind, item.label, item.due.toString(), item.provision, item.escalatedAt?.toString()]), [
      ['social-supervisor', 'Social supervisor’s report', '2026-06-16T23:00:00Z', 'guidance (MoJ conditional discharge)', '2026-06-20T09:00:00Z'],
    ]);
    const escalation = await viewReports(caseworker, discharged);
    const row = escalation.rows.find((item) => item.kind === 'social-supervisor');
    assert.equal(row?.status, 'escalated');
    assert.match(row?.escalation?.escalatedTo ?? '', /Mental Health Casework Section.*Test probation, social supervisor \(Wessex Probation\)/);
    const audit = await database.db.selectFrom('audit_log').select('what').where('person_id', '=', discharged).where('what', 'like', 'Escalated an overdue report%').execute();
    assert.equal(audit.length, 1);
    // Filed late once escalated: the report is late, the escalation stays on record, and nothing is overdue.
    now = Temporal.Instant.from('2026-06-22T09:00:00Z');
    await fileReport(probation, discharged, report('social-supervisor', 'vary-conditions'));
    const filed = (await viewReports(caseworker, discharged)).rows.find((item) => item.kind === 'social-supervisor');
    assert.equal(filed?.status, 'filed-late');
    assert.ok(filed?.escalation);
    assert.equal((await overdueReports(database.db, [discharged], now)).size, 0);
  });
});
