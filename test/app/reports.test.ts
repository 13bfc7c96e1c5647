import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppContext } from '../../src/app/context.ts';
import { InvalidInput, PolicyDenied } from '../../src/app/errors.ts';
import { appendLegalEntry, recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { appendEntry } from '../../src/app/people/record-store.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { mentalHealthActReport, type MentalHealthActReport } from '../../src/app/reports/mental-health-act-report.ts';
import type { LegalEventJson, Placement } from '../../src/domain/legal/legal-entries.ts';
import type { LegalEntryContent } from '../../src/domain/people/person.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff, involve } from '../support/harness.ts';

// The Mental Health Act report for March 2026, from histories recorded the way staff record them, each
// step at its own time.
describe('the Mental Health Act report', () => {
  let database: TestDatabase;
  let office: AppContext;
  let otherOffice: AppContext;
  let wessex: Placement;
  let other: Placement;
  let now = Temporal.Instant.from('2026-06-01T09:00:00Z');
  const march = { from: '2026-03-01', to: '2026-03-31' };
  let report: MentalHealthActReport;

  async function staffContext(username: string, role: Role, agencyName: string): Promise<AppContext> {
    const staff = await addStaff(database.db, { username, role, agencyName });
    return { db: database.db, now: () => now, purpose: 'Testing', actor: { kind: 'user', userId: staff.userId, label: `Test ${username}`, role, agencyId: staff.agencyId, agencyName } };
  }

  async function addPerson(familyName: string): Promise<string> {
    now = Temporal.Instant.from('2025-01-01T09:00:00Z');
    const outcome = await registerPerson(office, { givenNames: 'Sam', familyName, preferredName: null, otherNames: null, dateOfBirth: '1980-02-14', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null }, { confirmedNewPerson: true });
    assert.equal(outcome.kind, 'registered');
    return outcome.kind === 'registered' ? outcome.personId : '';
  }

  async function version(personId: string): Promise<number> {
    return (await database.db.selectFrom('people').select('version').where('id', '=', personId).executeTakeFirstOrThrow()).version;
  }

  // Recorded an hour after it happened, as the office would.
  async function record(context: AppContext, personId: string, event: LegalEventJson, placement: Placement | null) {
    now = Temporal.Instant.from(event.at).add({ hours: 1 });
    await recordLegalEvent(context, personId, await version(personId), { event, placement, documentId: null, note: null }, `Recorded ${event.type}`);
  }

  async function append(context: AppContext, personId: string, at: string, content: LegalEntryContent) {
    now = Temporal.Instant.from(at).add({ hours: 1 });
    await appendLegalEntry(context, personId, await version(personId), content, `Recorded ${content.kind}`);
  }

  before(async () => {
    database = await freshDatabase();
    office = await staffContext('office', 'mha-administrator', 'Wessex Partnership NHS Trust');
    otherOffice = await staffContext('elsewhere', 'mha-administrator', 'Mercia Health NHS Trust');
    wessex = { agencyId: office.actor.agencyId!, agencyName: 'Wessex Partnership NHS Trust', teamId: null, teamName: null };
    other = { agencyId: otherOffice.actor.agencyId!, agencyName: 'Mercia Health NHS Trust', teamId: null, teamName: null };

    // Admitted under s2 in March, then detained under s3 in March; one form found invalid, one rectified.
    const admitted = await addPerson('Admitted');
    await record(office, admitted, { type: 's2-admitted', at: '2026-03-05T15:00:00Z' }, wessex);
    await record(office, admitted, { type: 's3-admitted', at: '2026-03-20T11:00:00Z' }, null);
    for (const [documentId, outcome] of [['doc-invalid', 'invalid'], ['doc-rectified', 'rectified']] as const) {
      await append(office, admitted, '2026-03-21T10:00:00Z', { kind: 'statutory-document-received', data: { documentId, formCode: 'A7', formTitle: 'Application for admission for treatment', values: {}, signers: [], attachment: null, findings: [], receivedAt: '2026-03-21T10:00:00Z' } });
      await append(office, admitted, '2026-03-22T10:00:00Z', { kind: 'document-outcome-recorded', data: { documentId, outcome, action: 'Checked by the office', at: '2026-03-22T10:00:00Z' } });
    }

    // Detained under s3 since September; the renewal report is furnished in March, in the window.
    const renewed = await addPerson('Renewed');
    await record(office, renewed, { type: 's3-admitted', at: '2025-09-25T12:00:00Z' }, wessex);
    await record(office, renewed, { type: 'renewal-furnished', at: '2026-03-15T12:00:00Z' }, null);

    // Detained under s3 since September; no renewal, so the authority lapses on 12 March.
    const lapsed = await addPerson('Lapsed');
    await record(office, lapsed, { type: 's3-admitted', at: '2025-09-12T12:00:00Z' }, wessex);

    // The authority lapses on 5 March and a renewal report is furnished on 10 March, too late. Accord
    // refuses to record such a report, so this record stands for one that reached the record before the
    // rule was checked (an import): the entry is written by the data layer directly.
    const late = await addPerson('Late');
    await record(office, late, { type: 's3-admitted', at: '2025-09-05T12:00:00Z' }, wessex);
    now = Temporal.Instant.from('2026-03-10T13:00:00Z');
    const lateVersion = await version(late);
    await database.db.transaction().execute((trx) => appendEntry(trx, office, late, lateVersion, { content: { kind: 'legal-event-recorded', data: { event: { type: 'renewal-furnished', at: '2026-03-10T12:00:00Z' }, placement: null, documentId: null, note: null } } }));

    // A community treatment order made, recalled and revoked in March.
    const community = await addPerson('Community');
    await record(office, community, { type: 's3-admitted', at: '2025-10-01T12:00:00Z' }, wessex);
    await record(office, community, { type: 'cto-made', at: '2026-03-03T12:00:00Z' }, null);
    await record(office, community, { type: 'cto-recalled', at: '2026-03-10T10:00:00Z' }, null);
    await record(office, community, { type: 'cto-revoked', at: '2026-03-11T09:00:00Z' }, null);

    // Detained under s3 in Wessex, transferred to Mercia on 10 March.
    const transferred = await addPerson('Transferred');
    await record(office, transferred, { type: 's3-admitted', at: '2025-10-15T12:00:00Z' }, wessex);
    await append(office, transferred, '2026-03-10T12:00:00Z', { kind: 'hospital-transfer', data: { at: '2026-03-10T12:00:00Z', to: other } });

    // Admitted under s2 in March at another agency: never in Wessex's numbers.
    const elsewhere = await addPerson('Elsewhere');
    await involve(database.db, elsewhere, other.agencyId, 'Referred to Mercia for admission');
    await record(otherOffice, elsewhere, { type: 's2-admitted', at: '2026-03-06T12:00:00Z' }, other);

    // Admitted under s2 in April: outside the period.
    const april = await addPerson('April');
    await record(office, april, { type: 's2-admitted', at: '2026-04-02T12:00:00Z' }, wessex);

    now = Temporal.Instant.from('2026-06-01T09:00:00Z');
    report = await mentalHealthActReport(office, { agencyId: wessex.agencyId, ...march });
  });
  after(() => database.close());

  const sections = (counts: { provision: string; count: number }[]) => Object.fromEntries(counts.map((count) => [count.provision, count.count]));

  it('counts the people detained at any point, by section, and detentions begun in the period', () => {
    // Admitted (s2, s3), Renewed, Lapsed, Late, Community (s3, and cto while recalled), Transferred.
    assert.equal(report.peopleDetained.total, 6);
    assert.deepEqual(sections(report.peopleDetained.bySection), { s3: 6, s2: 1, cto: 1 });
    assert.equal(report.detentionsBegun.total, 2);
    assert.deepEqual(sections(report.detentionsBegun.bySection), { s2: 1, s3: 1 });
  });

  it('counts community treatment orders made, in force, recalled and revoked', () => {
    assert.deepEqual(report.communityTreatmentOrders, { made: 1, inForce: 1, recalled: 1, revoked: 1 });
  });

  it('tells a renewal in time from one furnished after the authority lapsed, and counts the lapses', () => {
    assert.deepEqual(report.renewals, { onTime: 1, beforeWindow: 0, afterLapse: 1 });
    assert.equal(report.lapses.total, 2);
    assert.deepEqual(sections(report.lapses.bySection), { s3: 2 });
  });

  it('counts managers’ references that fell due: the revoked order (s68(7)) and six months of s3 (s68(2))', () => {
    // Community: on revocation. Renewed: six months from 25 September, not having applied. Transferred's
    // falls due in April; Lapsed's and Late's authorities ended before theirs.
    assert.equal(report.managersReferencesDue, 2);
  });

  it('counts scrutiny outcomes decided in the period', () => {
    assert.deepEqual(report.documents, { valid: 0, rectified: 1, invalid: 1 });
  });

  it('counts for the other agency only what happened there: the transfer in and its own admission', async () => {
    const theirs = await mentalHealthActReport(otherOffice, { agencyId: other.agencyId, ...march });
    assert.equal(theirs.peopleDetained.total, 2);
    assert.deepEqual(sections(theirs.peopleDetained.bySection), { s3: 1, s2: 1 });
    assert.deepEqual(sections(theirs.detentionsBegun.bySection), { s2: 1 });
    assert.equal(theirs.lapses.total, 0);
    assert.deepEqual(theirs.documents, { valid: 0, rectified: 0, invalid: 0 });
  });

  it('records one audit entry for the report, naming no person', async () => {
    now = Temporal.Instant.from('2026-06-02T09:00:00Z');
    await mentalHealthActReport(office, { agencyId: wessex.agencyId, from: '2026-02-01', to: '2026-02-28' });
    const entries = await database.db.selectFrom('audit_log').select(['person_id', 'action', 'what']).where('at', '=', now.toString()).execute();
    assert.deepEqual(entries, [{ person_id: null, action: 'list', what: 'Produced the Mental Health Act report for Wessex Partnership NHS Trust 2026-02-01\u20132026-02-28' }]);
  });

  it('is for those with reports.read, for their own agency only', async () => {
    const nurse = await staffContext('nurse', 'mental-health-nurse', 'Wessex Partnership NHS Trust');
    await assert.rejects(mentalHealthActReport(nurse, { agencyId: wessex.agencyId, ...march }), PolicyDenied);
    await assert.rejects(mentalHealthActReport(otherOffice, { agencyId: wessex.agencyId, ...march }), PolicyDenied);
  });

  it('refuses a period that ends before it starts, runs past today or is longer than five years', async () => {
    now = Temporal.Instant.from('2026-06-01T09:00:00Z');
    const refused = async (from: string, to: string, pattern: RegExp) =>
      assert.rejects(mentalHealthActReport(office, { agencyId: wessex.agencyId, from, to }), (error: unknown) => error instanceof InvalidInput && pattern.test(error.problems[0]!.message));
    await refused('2026-03-31', '2026-03-01', /same as or after the start/);
    await refused('2026-05-01', '2026-06-02', /today or in the past/);
    await refused('2021-03-01', '2026-03-01', /5 years or shorter/);
    await refused('2026-02-30', '2026-03-01', /real date/);
    const fiveYears = await mentalHealthActReport(office, { agencyId: wessex.agencyId, from: '2021-03-02', to: '2026-03-01' });
    assert.equal(fiveYears.from, '2021-03-02');
  });
});
