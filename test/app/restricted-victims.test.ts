import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { AppContext } from '../../src/app/context.ts';
import { InvalidInput, PolicyDenied } from '../../src/app/errors.ts';
import { recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { recordConditionalDischarge } from '../../src/app/restricted/conditional-discharge.ts';
import { recordRepresentation, recordVictimContact, recordVictimTold, viewVictims } from '../../src/app/restricted/victims.ts';
import { categoriesFor, setCategories } from '../../src/app/sharing/policy-admin.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff, involve } from '../support/harness.ts';

// Victim information is held in the 'victim-information' category, which the default policy gives to the
// Ministry's casework alone: the hospital's clinicians, though involved, do not see the victim liaison
// contact unless an administrator changes the policy.
describe('victims of a restricted patient', () => {
  let database: TestDatabase;
  const now = Temporal.Instant.from('2026-03-05T12:00:00Z');
  const staff: Record<string, { userId: string; agencyId: string; role: Role; agencyName: string }> = {};

  function as(name: string): AppContext {
    const member = staff[name]!;
    return { db: database.db, now: () => now, purpose: 'Testing victims', actor: { kind: 'user', userId: member.userId, label: `Test ${name}`, role: member.role, agencyId: member.agencyId, agencyName: member.agencyName } };
  }

  async function add(name: string, role: Role, agencyName: string, agencyKind: AgencyKind) {
    const added = await addStaff(database.db, { username: name, role, agencyName, agencyKind });
    staff[name] = { userId: added.userId, agencyId: added.agencyId, role, agencyName };
  }

  before(async () => {
    database = await freshDatabase();
    await add('office', 'mha-administrator', 'Wessex Partnership NHS Trust', 'mental-health-trust');
    await add('clinician', 'responsible-clinician', 'Wessex Partnership NHS Trust', 'mental-health-trust');
    await add('psychiatrist', 'psychiatrist', 'Wessex Partnership NHS Trust', 'mental-health-trust');
    await add('caseworker', 'moj-caseworker', 'Mental Health Casework Section', 'moj-casework');
    await add('admin', 'system-administrator', 'Accord administration', 'mental-health-trust');
  });
  after(() => database.close());

  async function patient(familyName: string): Promise<string> {
    const office = as('office');
    const outcome = await registerPerson(office, { givenNames: 'Sam', familyName, preferredName: null, otherNames: null, dateOfBirth: '1990-02-14', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null }, { confirmedNewPerson: true });
    assert.equal(outcome.kind, 'registered');
    const personId = outcome.kind === 'registered' ? outcome.personId : '';
    const placement = { agencyId: staff.office!.agencyId, agencyName: 'Wessex Partnership NHS Trust', teamId: null, teamName: null };
    await recordLegalEvent(office, personId, 1, { event: { type: 'court-order', at: '2025-01-10T10:00:00Z', order: 's37', restricted: true } as never, placement, documentId: null, note: null }, 'Recorded a hospital order');
    await recordLegalEvent(office, personId, 2, { event: { type: 'hospital-admitted', at: '2025-01-12T10:00:00Z' }, placement, documentId: null, note: null }, 'Recorded admission');
    await involve(database.db, personId, staff.caseworker!.agencyId);
    return personId;
  }

  const contact = { officerName: 'Jo Oakbrook', officerAgency: 'Wessex Probation Victim Liaison Unit', officerPhone: '01632 960 001', officerEmail: '', optedIn: 'yes' };

  async function refusal(promise: Promise<unknown>): Promise<string> {
    const error = await promise.then(() => null, (thrown: unknown) => thrown);
    assert.ok(error instanceof PolicyDenied, `expected PolicyDenied, got ${String(error)}`);
    return error.message;
  }

  it('the Ministry caseworker records and reads the contact; the responsible clinician and psychiatrist are refused', async () => {
    const personId = await patient('Contact');
    await recordVictimContact(as('caseworker'), personId, contact);
    const view = await viewVictims(as('caseworker'), personId);
    assert.equal(view.contact?.officerName, 'Jo Oakbrook');
    assert.equal(view.contact?.optedIn, true);
    assert.match(await refusal(viewVictims(as('clinician'), personId)), /victim information/);
    assert.match(await refusal(viewVictims(as('psychiatrist'), personId)), /victim information/);
    await refusal(recordVictimContact(as('clinician'), personId, contact));
    // No audit line names the officer.
    const audit = await database.db.selectFrom('audit_log').select('what').where('person_id', '=', personId).execute();
    assert.ok(audit.every((entry) => !entry.what.includes('Oakbrook')));
    assert.ok(audit.some((entry) => entry.what === 'Recorded the victim liaison contact'));
  });

  it('an administrator granting the category to responsible clinicians makes it visible to them', async () => {
    const personId = await patient('Granted');
    await recordVictimContact(as('caseworker'), personId, contact);
    await refusal(viewVictims(as('clinician'), personId));
    const admin = as('admin');
    const before = await categoriesFor(admin, 'mental-health-trust', 'responsible-clinician');
    await setCategories(admin, 'mental-health-trust', 'responsible-clinician', [...before, 'victim-information'], 'Forensic service: the clinician handles victim issues');
    try {
      assert.equal((await viewVictims(as('clinician'), personId)).contact?.officerName, 'Jo Oakbrook');
      await refusal(viewVictims(as('psychiatrist'), personId));
    } finally {
      await setCategories(admin, 'mental-health-trust', 'responsible-clinician', before, 'Back to the default policy');
    }
    await refusal(viewVictims(as('clinician'), personId));
  });

  it('a new contact supersedes the old, which stays; representations and what the victim was told are logged', async () => {
    const personId = await patient('Logged');
    await recordVictimContact(as('caseworker'), personId, contact);
    await recordVictimContact(as('caseworker'), personId, { ...contact, officerName: 'Pat Greenhill', officerPhone: '', officerEmail: 'pat.greenhill@example.org', optedIn: 'no' });
    await recordRepresentation(as('caseworker'), personId, { madeOn: '2026-03-01', representation: 'Asks for an exclusion zone around Weymouth' });
    await recordVictimTold(as('caseworker'), personId, { toldOn: '2026-03-04', what: 'Told of the exclusion zone condition', toldBy: 'Pat Greenhill, victim liaison officer' });
    const view = await viewVictims(as('caseworker'), personId);
    assert.equal(view.contact?.officerName, 'Pat Greenhill');
    assert.deepEqual(view.earlierContacts.map((item) => item.officerName), ['Jo Oakbrook']);
    assert.deepEqual(view.representations.map((item) => [item.madeOn.toString(), item.representation]), [['2026-03-01', 'Asks for an exclusion zone around Weymouth']]);
    assert.deepEqual(view.told.map((item) => [item.toldOn.toString(), item.what, item.toldBy]), [['2026-03-04', 'Told of the exclusion zone condition', 'Pat Greenhill, victim liaison officer']]);
    await assert.rejects(sql`update victim_contacts set officer_name = 'Changed' where person_id = ${personId}`.execute(database.db));
    await assert.rejects(sql`delete from victim_told where person_id = ${personId}`.execute(database.db));
  });

  it('bad input names what is wrong and saves nothing', async () => {
    const personId = await patient('Invalid');
    const error = await recordVictimContact(as('caseworker'), personId, { officerName: ' ', officerAgency: 'Probation', officerPhone: '', officerEmail: 'not-an-email', optedIn: 'maybe' }).then(() => null, (thrown: unknown) => thrown);
    assert.ok(error instanceof InvalidInput);
    assert.deepEqual(error.problems.map((problem) => problem.field), ['officerName', 'officerEmail', 'optedIn']);
    const told = await recordVictimTold(as('caseworker'), personId, { toldOn: '2026-03-06', what: '', toldBy: 'VLO' }).then(() => null, (thrown: unknown) => thrown);
    assert.ok(told instanceof InvalidInput);
    assert.deepEqual(told.problems.map((problem) => problem.field), ['toldOn', 'what']);
    const rows = await database.db.selectFrom('victim_contacts').select('id').where('person_id', '=', personId).execute();
    assert.equal(rows.length, 0);
  });

  it('lists the current discharge conditions that concern victims, and not the others', async () => {
    const personId = await patient('Conditions');
    await recordConditionalDischarge(as('caseworker'), personId, 3, {
      by: 'sos',
      at: '2026-03-02T10:00:00Z',
      conditions: [
        { kind: 'residence', text: 'Reside at Elm House hostel, Dorchester', concernsVictims: '' },
        { kind: 'exclusion-zone', text: 'Not to enter Weymouth', concernsVictims: '' },
      ],
    });
    const view = await viewVictims(as('caseworker'), personId);
    assert.deepEqual(view.conditions.map((condition) => [condition.label, condition.text]), [['Exclusion zone', 'Not to enter Weymouth']]);
  });
});
