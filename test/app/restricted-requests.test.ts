import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { AppContext } from '../../src/app/context.ts';
import { InvalidInput, PolicyDenied } from '../../src/app/errors.ts';
import { appendLegalEntry, recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { decideRequest, listRequests, submitRequest, withdrawRequest } from '../../src/app/restricted/requests.ts';
import { recordInvolvement } from '../../src/app/sharing/involvements.ts';
import type { Placement } from '../../src/domain/legal/legal-entries.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff } from '../support/harness.ts';

// Leave, transfer and discharge of a restricted patient need the Secretary of State's consent
// (s41(3)(c)): the responsible clinician asks, the Ministry of Justice caseworker decides, and the legal
// record refuses the step until a consent on record covers it.
describe('requests to the Secretary of State for a restricted patient', () => {
  let database: TestDatabase;
  let office: AppContext;
  let clinician: AppContext;
  let caseworker: AppContext;
  let placement: Placement;
  let now = Temporal.Instant.from('2026-06-10T12:00:00Z');

  async function staffContext(username: string, role: Role, agencyName: string, agencyKind?: AgencyKind): Promise<AppContext> {
    const staff = await addStaff(database.db, { username, role, agencyName, ...(agencyKind ? { agencyKind } : {}) });
    return { db: database.db, now: () => now, purpose: 'Testing', actor: { kind: 'user', userId: staff.userId, label: `Test ${username}`, role, agencyId: staff.agencyId, agencyName } };
  }

  before(async () => {
    database = await freshDatabase();
    office = await staffContext('office', 'mha-administrator', 'Wessex Partnership NHS Trust');
    clinician = await staffContext('clinician', 'responsible-clinician', 'Wessex Partnership NHS Trust');
    caseworker = await staffContext('caseworker', 'moj-caseworker', 'Mental Health Casework Section', 'moj-casework');
    placement = { agencyId: office.actor.agencyId!, agencyName: 'Wessex Partnership NHS Trust', teamId: null, teamName: null };
  });
  after(() => database.close());

  async function patient(familyName: string, event: Record<string, unknown>): Promise<string> {
    const outcome = await registerPerson(office, { givenNames: 'Sam', familyName, preferredName: null, otherNames: null, dateOfBirth: '1990-02-14', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null }, { confirmedNewPerson: true });
    assert.equal(outcome.kind, 'registered');
    const personId = outcome.kind === 'registered' ? outcome.personId : '';
    await recordLegalEvent(office, personId, 1, { event: { type: 'court-order', at: '2026-06-01T10:00:00+01:00', ...event } as never, placement, documentId: null, note: null }, 'Recorded a hospital order');
    await recordInvolvement(office, personId, { agencyId: caseworker.actor.agencyId!, teamId: null, userId: null, reason: 'Restricted patient: casework for the Secretary of State', startsAt: now, endsAt: null });
    return personId;
  }

  const restricted = { order: 's37', restricted: true };
  const unescortedCommunityLeave = { kind: 'leave', leave: 'community', escorted: 'unescorted', riskAssessment: 'HCR-20 reviewed: low risk of violence', plan: 'Four hours in town, back by 17:00' };

  async function grantLeave(personId: string, escorted: boolean) {
    return appendLegalEntry(clinician, personId, 2, { kind: 'leave-granted', data: { from: '2026-06-10T14:00:00+01:00', to: '2026-06-10T18:00:00+01:00', escorted, conditions: null } }, 'Recorded section 17 leave');
  }

  async function problems(promise: Promise<unknown>): Promise<{ field: string; message: string }[]> {
    const error = await promise.then(() => null, (thrown: unknown) => thrown);
    assert.ok(error instanceof InvalidInput, `expected InvalidInput, got ${String(error)}`);
    return error.problems;
  }

  it('leave is refused for a restricted patient without consent, citing s41(3)(c), and nothing is saved', async () => {
    const personId = await patient('Refused', restricted);
    const [problem] = await problems(grantLeave(personId, true));
    assert.equal(problem?.field, 'event');
    assert.match(problem?.message ?? '', /Secretary of State's consent.*s41\(3\)\(c\)\(i\)/);
    const leave = await database.db.selectFrom('record_entries').select('id').where('person_id', '=', personId).where('kind', '=', 'leave-granted').execute();
    assert.equal(leave.length, 0);
  });

  it('a request refused and then one consented with conditions: leave is allowed only after consent', async () => {
    const personId = await patient('Consented', restricted);
    const first = await submitRequest(clinician, personId, unescortedCommunityLeave);
    await decideRequest(caseworker, personId, first, { decision: 'refused', reasons: 'Too soon after admission' });
    await problems(grantLeave(personId, false));
    now = now.add({ minutes: 30 });
    const second = await submitRequest(clinician, personId, unescortedCommunityLeave);
    await decideRequest(caseworker, personId, second, { decision: 'consented', conditions: 'Not to enter Dorchester town centre', reasons: 'Settled on the ward for three months' });
    const written = await grantLeave(personId, false);
    assert.ok(written.entryId);
    const requests = await listRequests(clinician, personId);
    assert.deepEqual(requests.map((request) => [request.state, request.conditions, request.decidedBy]), [
      ['refused', null, 'Test caseworker'],
      ['consented', 'Not to enter Dorchester town centre', 'Test caseworker'],
    ]);
    now = Temporal.Instant.from('2026-06-10T12:00:00Z');
    const audit = await database.db.selectFrom('audit_log').select('what').where('person_id', '=', personId).where('action', '=', 'write').execute();
    assert.ok(audit.some((entry) => /Asked the Secretary of State/.test(entry.what)));
    assert.ok(audit.some((entry) => /decision \(consented\)/.test(entry.what)));
  });

  it('consent to escorted leave does not cover unescorted leave', async () => {
    const personId = await patient('Escorted', restricted);
    const id = await submitRequest(clinician, personId, { ...unescortedCommunityLeave, escorted: 'escorted' });
    await decideRequest(caseworker, personId, id, { decision: 'consented', conditions: 'Two escorts', reasons: 'First step' });
    const [problem] = await problems(grantLeave(personId, false));
    assert.match(problem?.message ?? '', /Unescorted leave/);
    assert.ok((await grantLeave(personId, true)).entryId);
  });

  it('transfer and discharge by the responsible clinician are refused without consent, each with its provision', async () => {
    const personId = await patient('Transfer', restricted);
    const other: Placement = { ...placement, agencyName: 'Casterbridge Secure Unit' };
    const [transfer] = await problems(appendLegalEntry(clinician, personId, 2, { kind: 'hospital-transfer', data: { at: '2026-06-10T12:00:00+01:00', to: other } }, 'Recorded a transfer'));
    assert.match(transfer?.message ?? '', /s41\(3\)\(c\)\(ii\)/);
    const [discharge] = await problems(recordLegalEvent(clinician, personId, 2, { event: { type: 'discharged', at: '2026-06-10T12:00:00+01:00', kind: 'absolute', by: 'rc' }, placement: null, documentId: null, note: null }, 'Recorded a discharge'));
    assert.match(discharge?.message ?? '', /s41\(3\)\(c\)\(iii\)/);
  });

  it('leave for a patient who is not restricted needs no consent, and a request for them is refused saying why', async () => {
    const personId = await patient('Unrestricted', { order: 's37', restricted: false });
    assert.ok((await grantLeave(personId, false)).entryId);
    const [problem] = await problems(submitRequest(clinician, personId, unescortedCommunityLeave));
    assert.equal(problem?.field, 'kind');
    assert.match(problem?.message ?? '', /not restricted/);
    const rows = await database.db.selectFrom('sos_requests').select('id').where('person_id', '=', personId).execute();
    assert.equal(rows.length, 0);
  });

  it('only the responsible clinician asks and only the caseworker decides; bad input names the field', async () => {
    const personId = await patient('Roles', restricted);
    await assert.rejects(submitRequest(caseworker, personId, unescortedCommunityLeave), PolicyDenied);
    assert.deepEqual((await problems(submitRequest(clinician, personId, { kind: 'leave', leave: 'ground', escorted: 'escorted', riskAssessment: '', plan: 'Walk' }))).map((problem) => problem.field), ['riskAssessment']);
    const id = await submitRequest(clinician, personId, { kind: 'transfer', destination: 'Casterbridge Secure Unit', reason: 'Nearer family' });
    await assert.rejects(decideRequest(clinician, personId, id, { decision: 'consented', conditions: 'None', reasons: 'Fine' }), PolicyDenied);
    assert.deepEqual((await problems(decideRequest(caseworker, personId, id, { decision: 'consented', reasons: 'Fine' }))).map((problem) => problem.field), ['conditions']);
  });

  it('a decision or withdrawal is written once; the row cannot then be changed or deleted', async () => {
    const personId = await patient('Once', restricted);
    const id = await submitRequest(clinician, personId, { kind: 'discharge', discharge: 'absolute', reason: 'Recovered' });
    await withdrawRequest(clinician, personId, id, 'Relapse this week');
    await problems(decideRequest(caseworker, personId, id, { decision: 'refused', reasons: 'Withdrawn' }));
    const [request] = await listRequests(caseworker, personId);
    assert.equal(request?.state, 'withdrawn');
    assert.equal(request?.withdrawnReason, 'Relapse this week');
    await assert.rejects(sql`update sos_requests set withdrawn_reason = 'changed' where id = ${id}`.execute(database.db));
    await assert.rejects(sql`delete from sos_requests where id = ${id}`.execute(database.db));
  });
});
