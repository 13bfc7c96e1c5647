import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppContext } from '../../src/app/context.ts';
import { recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { recordTribunalReference } from '../../src/app/legal/record-tribunal-reference.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { mentalHealthActReport, type MentalHealthActReport } from '../../src/app/reports/mental-health-act-report.ts';
import type { LegalEventJson, Placement, TribunalReferenceProvision } from '../../src/domain/legal/legal-entries.ts';
import { reportCsvRows } from '../../src/web/reports/report-presenter.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff } from '../support/harness.ts';

// Managers' references that fell due in March 2026, and whether each was made on time, late, after a
// revocation (s68(7)) or not at all, from histories recorded the way the office records them.
describe('references made on time in the Mental Health Act report', () => {
  let database: TestDatabase;
  let office: AppContext;
  let wessex: Placement;
  let now = Temporal.Instant.from('2026-06-01T09:00:00Z');
  let report: MentalHealthActReport;

  async function version(personId: string): Promise<number> {
    return (await database.db.selectFrom('people').select('version').where('id', '=', personId).executeTakeFirstOrThrow()).version;
  }

  async function addPerson(familyName: string): Promise<string> {
    now = Temporal.Instant.from('2025-01-01T09:00:00Z');
    const outcome = await registerPerson(office, { givenNames: 'Sam', familyName, preferredName: null, otherNames: null, dateOfBirth: '1980-02-14', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null }, { confirmedNewPerson: true });
    return outcome.kind === 'registered' ? outcome.personId : '';
  }

  async function record(personId: string, event: LegalEventJson, placement: Placement | null = null) {
    now = Temporal.Instant.from(event.at).add({ hours: 1 });
    await recordLegalEvent(office, personId, await version(personId), { event, placement, documentId: null, note: null }, `Recorded ${event.type}`);
  }

  async function refer(personId: string, at: string, provision: TribunalReferenceProvision) {
    now = Temporal.Instant.from(at).add({ hours: 1 });
    await recordTribunalReference(office, personId, await version(personId), { at, provision, note: null });
  }

  // Detained under s3 and renewed in the window, with no application: the s68(2) reference falls due six
  // months from admission, in March 2026.
  async function detainedAndRenewed(familyName: string, admitted: string, referredEarly?: string): Promise<string> {
    const id = await addPerson(familyName);
    await record(id, { type: 's3-admitted', at: admitted }, wessex);
    if (referredEarly) await refer(id, referredEarly, 's67(1)');
    await record(id, { type: 'renewal-furnished', at: '2026-02-20T12:00:00Z' });
    return id;
  }

  before(async () => {
    database = await freshDatabase();
    const staff = await addStaff(database.db, { username: 'office', role: 'mha-administrator', agencyName: 'Wessex Partnership NHS Trust' });
    office = { db: database.db, now: () => now, purpose: 'Testing', actor: { kind: 'user', userId: staff.userId, label: 'Test office', role: 'mha-administrator', agencyId: staff.agencyId, agencyName: staff.agencyName } };
    wessex = { agencyId: staff.agencyId, agencyName: staff.agencyName, teamId: null, teamName: null };

    // Due at the end of 9 March; referred on 9 March: on time.
    await refer(await detainedAndRenewed('OnTime', '2025-09-10T12:00:00Z'), '2026-03-09T15:00:00Z', 's68(2)');
    // Due at the end of 14 March; referred on 20 March: late.
    await refer(await detainedAndRenewed('Late', '2025-09-15T12:00:00Z'), '2026-03-20T10:00:00Z', 's68(2)');
    // Due at the end of 17 March; referred in April, after the period: still late.
    await refer(await detainedAndRenewed('AfterPeriod', '2025-09-18T12:00:00Z'), '2026-04-10T10:00:00Z', 's68(2)');
    // Due at the end of 19 March; never referred.
    await detainedAndRenewed('NotMade', '2025-09-20T12:00:00Z');
    // Due at the end of 24 March; the Secretary of State referred in January, which makes the managers'
    // reference unnecessary (s68(3)(b)): on time.
    await detainedAndRenewed('Secretary', '2025-09-25T12:00:00Z', '2026-01-15T10:00:00Z');
    // A community treatment order revoked on 11 March, referred the next day (s68(7)).
    const revoked = await addPerson('Revoked');
    await record(revoked, { type: 's3-admitted', at: '2025-10-01T12:00:00Z' }, wessex);
    await record(revoked, { type: 'cto-made', at: '2026-03-03T12:00:00Z' });
    await record(revoked, { type: 'cto-recalled', at: '2026-03-10T10:00:00Z' });
    await record(revoked, { type: 'cto-revoked', at: '2026-03-11T09:00:00Z' });
    await refer(revoked, '2026-03-12T09:00:00Z', 's68(7)');
    // Due in April: outside the period, though referred in March.
    await refer(await detainedAndRenewed('April', '2025-10-20T12:00:00Z'), '2026-03-25T10:00:00Z', 's68(2)');

    now = Temporal.Instant.from('2026-06-01T09:00:00Z');
    report = await mentalHealthActReport(office, { agencyId: wessex.agencyId, from: '2026-03-01', to: '2026-03-31' });
  });
  after(() => database.close());

  it('counts the references that fell due in the period, and of them those made on time, late, after a revocation and not made', () => {
    assert.equal(report.managersReferencesDue, 6);
    assert.deepEqual(report.managersReferences, { 'on-time': 2, late: 2, 'as-soon-as-possible': 1, 'not-made': 1 });
  });

  it('puts the same numbers in the CSV', () => {
    const references = reportCsvRows(report).filter((row) => row[3] === 'Managers\u2019 references that fell due in the period');
    assert.deepEqual(
      references.map((row) => [row[4], row[5]]),
      [
        ['Made on time', '2'],
        ['Made late', '2'],
        ['Made after a revocation (no fixed time)', '1'],
        ['Not made', '1'],
        ['Fell due', '6'],
      ],
    );
  });

  it('counts only the references that fell due within the period chosen', async () => {
    const firstHalf = await mentalHealthActReport(office, { agencyId: wessex.agencyId, from: '2026-03-01', to: '2026-03-15' });
    // OnTime (end of 9 March), Revoked (11 March) and Late (end of 14 March, the first instant of the
    // 15th); not NotMade (end of 19 March).
    assert.equal(firstHalf.managersReferencesDue, 3);
    assert.deepEqual(firstHalf.managersReferences, { 'on-time': 1, late: 1, 'as-soon-as-possible': 1, 'not-made': 0 });
  });
});
