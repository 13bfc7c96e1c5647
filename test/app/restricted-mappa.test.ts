import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { AppContext } from '../../src/app/context.ts';
import { InvalidInput, PolicyDenied } from '../../src/app/errors.ts';
import { recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { recordArrangement, recordMeeting, viewMappa, viewMeeting } from '../../src/app/restricted/mappa.ts';
import { listDisclosuresOf } from '../../src/app/sharing/disclosures.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff, involve } from '../support/harness.ts';

// MAPPA for a restricted patient: category 2 by law, the arrangement's history kept version by version,
// and minutes shared only with the lead agency, the agencies at the meeting and the Ministry's casework,
// each share logged as a disclosure on the MAPPA basis.
describe('MAPPA for a restricted patient', () => {
  let database: TestDatabase;
  const now = Temporal.Instant.from('2026-06-10T12:00:00Z');
  const staff: Record<string, { userId: string; agencyId: string; role: Role; agencyName: string }> = {};

  // A fresh context each time, so that a change of access is decided afresh.
  function as(name: string): AppContext {
    const member = staff[name]!;
    return { db: database.db, now: () => now, purpose: 'Testing MAPPA', actor: { kind: 'user', userId: member.userId, label: `Test ${name}`, role: member.role, agencyId: member.agencyId, agencyName: member.agencyName } };
  }

  async function add(name: string, role: Role, agencyName: string, agencyKind: AgencyKind) {
    const added = await addStaff(database.db, { username: name, role, agencyName, agencyKind });
    staff[name] = { userId: added.userId, agencyId: added.agencyId, role, agencyName };
  }

  before(async () => {
    database = await freshDatabase();
    await add('office', 'mha-administrator', 'Wessex Partnership NHS Trust', 'mental-health-trust');
    await add('clinician', 'responsible-clinician', 'Wessex Partnership NHS Trust', 'mental-health-trust');
    await add('caseworker', 'moj-caseworker', 'Mental Health Casework Section', 'moj-casework');
    await add('probation', 'probation-practitioner', 'Wessex Probation Service', 'probation-service');
    await add('police', 'police-officer', 'Wessex Police', 'police-force');
    await add('social', 'social-worker', 'Casterbridge Council', 'local-authority');
  });
  after(() => database.close());

  async function patient(familyName: string, restricted: boolean): Promise<string> {
    const office = as('office');
    const outcome = await registerPerson(office, { givenNames: 'Alex', familyName, preferredName: null, otherNames: null, dateOfBirth: '1985-05-01', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null }, { confirmedNewPerson: true });
    assert.equal(outcome.kind, 'registered');
    const personId = outcome.kind === 'registered' ? outcome.personId : '';
    const placement = { agencyId: staff.office!.agencyId, agencyName: 'Wessex Partnership NHS Trust', teamId: null, teamName: null };
    await recordLegalEvent(office, personId, 1, { event: { type: 'court-order', at: '2026-06-01T10:00:00+01:00', order: 's37', restricted } as never, placement, documentId: null, note: null }, 'Recorded a hospital order');
    for (const name of ['caseworker', 'probation', 'police', 'social']) await involve(database.db, personId, staff[name]!.agencyId);
    return personId;
  }

  async function problems(promise: Promise<unknown>): Promise<{ field: string; message: string }[]> {
    const error = await promise.then(() => null, (thrown: unknown) => thrown);
    assert.ok(error instanceof InvalidInput, `expected InvalidInput, got ${String(error)}`);
    return error.problems;
  }

  async function refusal(promise: Promise<unknown>): Promise<string> {
    const error = await promise.then(() => null, (thrown: unknown) => thrown);
    assert.ok(error instanceof PolicyDenied, `expected PolicyDenied, got ${String(error)}`);
    return error.message;
  }

  it('a restricted patient must be category 2: another category is refused, naming why, and nothing is saved', async () => {
    const personId = await patient('Restricted', true);
    const [problem] = await problems(recordArrangement(as('probation'), personId, { category: '3', level: '2', leadAgencyId: staff.probation!.agencyId, reason: 'Violent index offence' }));
    assert.equal(problem?.field, 'category');
    assert.match(problem?.message ?? '', /restricted.*category 2.*s327\(3\)\(b\)\(viii\)/);
    const rows = await database.db.selectFrom('mappa_arrangements').select('id').where('person_id', '=', personId).execute();
    assert.equal(rows.length, 0);
    await recordArrangement(as('probation'), personId, { category: '2', level: '2', leadAgencyId: staff.probation!.agencyId, reason: 'Violent index offence' });
    // A patient who is not restricted may be placed in another category.
    const other = await patient('Unrestricted', false);
    await recordArrangement(as('probation'), other, { category: '3', level: '1', leadAgencyId: staff.probation!.agencyId, reason: 'Assessed risk of serious harm' });
    assert.equal((await viewMappa(as('probation'), other)).current?.category, 3);
  });

  it('changes of level and lead agency are new versions: the history is kept and the rows cannot be changed', async () => {
    const personId = await patient('History', true);
    await recordArrangement(as('probation'), personId, { category: '2', level: '1', leadAgencyId: staff.probation!.agencyId, reason: 'Managed by probation' });
    await recordArrangement(as('probation'), personId, { category: '2', level: '2', leadAgencyId: staff.probation!.agencyId, reason: 'Escalated after a breach' });
    await recordArrangement(as('probation'), personId, { category: '2', level: '2', leadAgencyId: staff.police!.agencyId, reason: 'Police to lead' });
    const [same] = await problems(recordArrangement(as('police'), personId, { category: '2', level: '2', leadAgencyId: staff.police!.agencyId, reason: 'No change' }));
    assert.match(same?.message ?? '', /Nothing has changed/);
    const view = await viewMappa(as('police'), personId);
    assert.deepEqual(
      view.history.map((version) => [version.version, version.level, version.leadAgencyName, version.change]),
      [
        [3, 2, 'Wessex Police', 'Lead agency changed from Wessex Probation Service to Wessex Police'],
        [2, 2, 'Wessex Probation Service', 'Level raised from 1 to 2'],
        [1, 1, 'Wessex Probation Service', null],
      ],
    );
    // Probation no longer leads and attended no meeting: it no longer sees the MAPPA information.
    assert.match(await refusal(viewMappa(as('probation'), personId)), /s325/);
    await assert.rejects(sql`update mappa_arrangements set level = 3 where person_id = ${personId}`.execute(database.db));
    await assert.rejects(sql`delete from mappa_arrangements where person_id = ${personId}`.execute(database.db));
  });

  it('minutes are seen by the lead agency, the agencies that attended and the Ministry, and refused to an involved agency that did not attend', async () => {
    const personId = await patient('Minutes', true);
    await recordArrangement(as('probation'), personId, { category: '2', level: '2', leadAgencyId: staff.probation!.agencyId, reason: 'Violent index offence' });
    const attended = await recordMeeting(as('probation'), personId, {
      heldOn: '2026-06-09',
      level: '2',
      attendingAgencyIds: [staff.probation!.agencyId, staff.police!.agencyId],
      minutes: 'Exclusion zone around Casterbridge agreed to be proposed.',
      actions: [{ action: 'Draft the exclusion zone map', owner: 'DC Hardy, Wessex Police' }, { action: '', owner: '' }],
    });
    const without = await recordMeeting(as('probation'), personId, { heldOn: '2026-06-10', level: '3', attendingAgencyIds: [staff.probation!.agencyId, staff.office!.agencyId], minutes: 'Senior review.', actions: [] });
    const seen = await viewMeeting(as('police'), personId, attended);
    assert.equal(seen.minutes, 'Exclusion zone around Casterbridge agreed to be proposed.');
    assert.deepEqual(seen.actions, [{ action: 'Draft the exclusion zone map', owner: 'DC Hardy, Wessex Police' }]);
    // The police attended only the first meeting: they see that one alone.
    assert.deepEqual((await viewMappa(as('police'), personId)).meetings.map((meeting) => meeting.id), [attended]);
    assert.match(await refusal(viewMeeting(as('police'), personId, without)), /shared only with the lead agency, the agencies at the meeting.*s325/);
    assert.equal((await viewMappa(as('probation'), personId)).meetings.length, 2);
    assert.equal((await viewMeeting(as('caseworker'), personId, without)).minutes, 'Senior review.');
    // The local authority is involved and sees risk to others, but was at no meeting.
    assert.match(await refusal(viewMeeting(as('social'), personId, attended)), /Criminal Justice Act 2003 s325/);
    assert.match(await refusal(viewMappa(as('social'), personId)), /s325/);
    const refused = await database.db.selectFrom('audit_log').select('what').where('person_id', '=', personId).where('action', '=', 'refused').execute();
    assert.ok(refused.some((entry) => /MAPPA information is shared only/.test(entry.what)));
  });

  it('recording minutes logs a disclosure on the MAPPA basis to each other attending agency, shown on the person’s disclosures', async () => {
    const personId = await patient('Disclosed', true);
    await recordArrangement(as('probation'), personId, { category: '2', level: '2', leadAgencyId: staff.probation!.agencyId, reason: 'Violent index offence' });
    await recordMeeting(as('probation'), personId, { heldOn: '2026-06-08', level: '2', attendingAgencyIds: [staff.probation!.agencyId, staff.police!.agencyId, staff.office!.agencyId], minutes: 'Discharge planning.', actions: [] });
    const disclosures = await listDisclosuresOf(as('office'), personId);
    assert.deepEqual(disclosures.map((item) => item.recipientAgencyName).sort(), ['Wessex Partnership NHS Trust', 'Wessex Police']);
    for (const disclosure of disclosures) {
      assert.equal(disclosure.basis, 'mappa');
      assert.equal(disclosure.fromAgencyName, 'Wessex Probation Service');
      assert.match(disclosure.justification ?? '', /category 2, level 2; MAPP meeting held on 2026-06-08.*s325/);
    }
    const audit = await database.db.selectFrom('audit_log').select('what').where('person_id', '=', personId).where('action', '=', 'write').execute();
    assert.ok(audit.some((entry) => /Disclosed to Wessex Police on the basis: MAPPA/.test(entry.what)));
    // An agency outside MAPPA cannot record minutes of a meeting it did not attend.
    assert.match(await refusal(recordMeeting(as('police'), personId, { heldOn: '2026-06-09', level: '2', attendingAgencyIds: [staff.probation!.agencyId], minutes: 'Not ours.', actions: [] })), /attended/);
  });

  it('a meeting needs an arrangement and a valid form; roles outside MAPPA do not record', async () => {
    const personId = await patient('Forms', true);
    const [missing] = await problems(recordMeeting(as('probation'), personId, { heldOn: '2026-06-09', level: '2', attendingAgencyIds: [staff.probation!.agencyId], minutes: 'x', actions: [] }));
    assert.equal(missing?.field, 'arrangement');
    await recordArrangement(as('probation'), personId, { category: '2', level: '2', leadAgencyId: staff.probation!.agencyId, reason: 'Violent index offence' });
    const found = await problems(recordMeeting(as('probation'), personId, { heldOn: '2026-07-01', level: '1', attendingAgencyIds: ['not-an-agency'], minutes: ' ', actions: [{ action: 'Visit', owner: '' }] }));
    assert.deepEqual(found.map((problem) => problem.field), ['heldOn', 'level', 'attendingAgencyIds', 'minutes', 'owner-1']);
    assert.match(await refusal(recordArrangement(as('social'), personId, { category: '2', level: '3', leadAgencyId: staff.probation!.agencyId, reason: 'x' })), /recorded by a police officer/);
    const meetings = await database.db.selectFrom('mappa_meetings').select('id').where('person_id', '=', personId).execute();
    assert.equal(meetings.length, 0);
  });
});
