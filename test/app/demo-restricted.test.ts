import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn } from '../../src/app/auth/sign-in.ts';
import { systemActor, type AppContext } from '../../src/app/context.ts';
import { seedDemo } from '../../src/app/demo/seed.ts';
import { PolicyDenied } from '../../src/app/errors.ts';
import { restrictedCaseload } from '../../src/app/restricted/case-view.ts';
import { viewConditionalDischarge } from '../../src/app/restricted/conditional-discharge.ts';
import { viewMappa } from '../../src/app/restricted/mappa.ts';
import { escalateOverdueReports } from '../../src/app/restricted/report-escalation.ts';
import { viewReports } from '../../src/app/restricted/reports.ts';
import { listRequests } from '../../src/app/restricted/requests.ts';
import { viewVictims } from '../../src/app/restricted/victims.ts';
import type { AccordDatabase } from '../../src/db/database.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { freshDatabase } from '../support/database.ts';

// The demo's restricted patients come with casework under way: the Ministry of Justice's view has something
// waiting on each side, the supervisors' reports are filed, and the first sweep escalates the one report
// left overdue, not every report since the patients were restricted.
describe('the Wessex demo’s restricted-patient casework', () => {
  let db: AccordDatabase;
  let close: () => Promise<void>;
  let seededAt: Temporal.Instant;
  const now = () => seededAt;

  async function asStaff(username: string): Promise<AppContext> {
    const user = await db
      .selectFrom('users')
      .innerJoin('agencies', 'agencies.id', 'users.agency_id')
      .select(['users.id', 'users.display_name', 'users.role', 'agencies.id as agency_id', 'agencies.name as agency_name'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return { db, now, purpose: 'Checking the demo', actor: { kind: 'user', userId: user.id, label: user.display_name, role: user.role as Role, agencyId: user.agency_id, agencyName: user.agency_name } };
  }

  async function personId(givenNames: string, familyName: string): Promise<string> {
    return (await db.selectFrom('people').select('id').where('given_names', '=', givenNames).where('family_name', '=', familyName).executeTakeFirstOrThrow()).id;
  }

  before(async () => {
    ({ db, close } = await freshDatabase());
    seededAt = Temporal.Instant.fromEpochMilliseconds(Temporal.Now.instant().epochMilliseconds);
    assert.equal((await seedDemo(db, now, 'a demo password')).seeded, true);
  });
  after(() => close());

  it('lets a visitor sign in as the Ministry’s caseworker, whose view lists the restricted patients with a request pending and one report overdue', async () => {
    assert.equal((await signIn(db, now, 'grace.adeyemi', 'a demo password')).kind, 'signed-in');
    const caseload = await restrictedCaseload(await asStaff('grace.adeyemi'));
    assert.deepEqual(caseload.rows.map((row) => row.name), ['Jack Durbeyfield', 'Nicholas Long', 'Solomon Longways', 'Michael Newson', 'Andrew Randle']);
    assert.deepEqual(caseload.totals, { patients: 5, pendingRequests: 1, overdueReports: 1, recentRecalls: 0 });
    const pending = caseload.rows.filter((row) => row.pendingRequests.length > 0);
    assert.deepEqual(pending.map((row) => [row.name, row.pendingRequests.map((request) => request.kind)]), [['Jack Durbeyfield', ['leave']]]);
    const overdue = caseload.rows.filter((row) => row.overdueReports.length > 0);
    assert.deepEqual(overdue.map((row) => [row.name, row.overdueReports.map((report) => report.kind)]), [['Andrew Randle', ['social-supervisor']]]);
  });

  it('names the conditionally discharged patient’s supervisors, whose reports are filed but for one, which the first sweep escalates alone', async () => {
    const caseworker = await asStaff('grace.adeyemi');
    const randle = await personId('Andrew', 'Randle');
    const reports = await viewReports(caseworker, randle);
    assert.deepEqual(reports.supervisors.filter((item) => item.current).map((item) => [item.supervision, item.name]).sort(), [
      ['clinical', 'Dr Kwame Asante'],
      ['social', 'Marcus Bell'],
    ]);
    const supervisors = reports.rows.filter((row) => row.kind !== 'annual');
    const fallenDue = supervisors.filter((row) => Temporal.Instant.compare(row.due, seededAt) <= 0);
    assert.ok(fallenDue.length >= 8, `${fallenDue.length} supervisors’ reports have fallen due since his discharge`);
    assert.deepEqual(fallenDue.filter((row) => row.report === null).map((row) => [row.kind, row.status]), [['social-supervisor', 'overdue']]);
    const onTime = fallenDue.filter((row) => row.status === 'filed-on-time');
    assert.ok(onTime.some((row) => row.kind === 'clinical-supervisor') && onTime.some((row) => row.kind === 'social-supervisor'), 'both supervisors have filed on time in Accord');
    for (const row of fallenDue.filter((item) => item.report !== null)) {
      assert.equal(row.report!.filedBy, row.kind === 'clinical-supervisor' ? 'Dr Kwame Asante' : 'Marcus Bell');
      assert.ok(Temporal.Instant.compare(row.report!.filedAt, seededAt) < 0);
    }
    // The overdue report is the most recent: every earlier one is filed.
    const overdue = fallenDue.find((row) => row.report === null)!;
    assert.ok(fallenDue.filter((row) => row.kind === 'social-supervisor').every((row) => Temporal.Instant.compare(row.due, overdue.due) <= 0));

    const sweep: AppContext = { db, now, purpose: 'The first sweep after seeding', actor: systemActor('Scheduled sweep') };
    assert.equal(await escalateOverdueReports(sweep), 1);
    assert.equal(await escalateOverdueReports(sweep), 0);
  });

  it('files the detained patient’s annual reports and has one request for leave consented and one waiting', async () => {
    const clinician = await asStaff('imogen.hale');
    const durbeyfield = await personId('Jack', 'Durbeyfield');
    const reports = await viewReports(clinician, durbeyfield);
    const fallenDue = reports.rows.filter((row) => Temporal.Instant.compare(row.due, seededAt) <= 0);
    assert.ok(fallenDue.length >= 3);
    assert.ok(fallenDue.every((row) => row.kind === 'annual' && row.report !== null && row.report.filedByRole === 'responsible-clinician'));
    assert.equal(fallenDue.at(-1)!.status, 'filed-on-time');
    const requests = await listRequests(clinician, durbeyfield);
    assert.deepEqual(requests.map((request) => [request.details.kind, request.state, request.decidedBy]), [
      ['leave', 'consented', 'Grace Adeyemi'],
      ['leave', 'submitted', null],
    ]);
  });

  it('varies the conditions, and records a concern, MAPPA at category 2 level 2 with a meeting, and the victim liaison officer, kept from clinicians', async () => {
    const caseworker = await asStaff('grace.adeyemi');
    const randle = await personId('Andrew', 'Randle');
    const discharge = await viewConditionalDischarge(caseworker, randle);
    const current = discharge.sets.find((set) => set.current);
    assert.ok(current, 'conditions are in force');
    assert.deepEqual(current.conditions.map((condition) => condition.kind), ['residence', 'supervision', 'treatment', 'exclusion-zone', 'no-contact']);
    assert.equal(discharge.concerns?.length, 1);

    const mappa = await viewMappa(caseworker, randle);
    assert.deepEqual([mappa.current?.category, mappa.current?.level, mappa.meetings.length], [2, 2, 1]);

    const victims = await viewVictims(caseworker, randle);
    assert.equal(victims.contact?.optedIn, true);
    assert.deepEqual(victims.conditions.map((condition) => condition.kind), ['exclusion-zone', 'no-contact']);
    await assert.rejects(viewVictims(await asStaff('kwame.asante'), randle), PolicyDenied);
  });
});
