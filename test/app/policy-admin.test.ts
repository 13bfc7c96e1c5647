import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { clockNow, systemActor, type AppContext } from '../../src/app/context.ts';
import { InvalidInput, NotFound, PolicyDenied } from '../../src/app/errors.ts';
import { recordNote } from '../../src/app/people/record-note.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { viewPerson } from '../../src/app/people/view-person.ts';
import { requirePersonAccess } from '../../src/app/sharing/person-access.ts';
import {
  categoriesFor,
  policyHistory,
  PolicyChangedMeanwhile,
  readApprovers,
  readCategoryPolicy,
  setApprover,
  setCategories,
} from '../../src/app/sharing/policy-admin.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff } from '../support/harness.ts';

function invalidOn(field: string) {
  return (error: unknown) => {
    assert.ok(error instanceof InvalidInput, `expected InvalidInput, got ${String(error)}`);
    assert.ok(
      error.problems.some((problem) => problem.field === field),
      `a problem names ${field}: ${JSON.stringify(error.problems)}`,
    );
    return true;
  };
}

describe('the sharing policy as data an administrator reads and changes', () => {
  let database: TestDatabase;
  let administrator: AppContext;
  let officer: AppContext;
  let controlRoom: AppContext;

  async function staffContext(username: string, role: Role, agencyKind: AgencyKind, agencyName: string): Promise<AppContext> {
    const staff = await addStaff(database.db, { username, role, agencyKind, agencyName });
    return {
      db: database.db,
      now: clockNow,
      purpose: 'Testing the sharing policy',
      actor: { kind: 'user', userId: staff.userId, label: `Test ${username}`, role, agencyId: staff.agencyId, agencyName },
    };
  }

  async function administerEntries() {
    return database.db.selectFrom('audit_log').selectAll().where('action', '=', 'administer').where('what', 'like', 'Sharing policy%').orderBy('sequence').execute();
  }

  async function approverEntries() {
    return database.db.selectFrom('audit_log').selectAll().where('action', '=', 'administer').where('what', 'like', 'Approver of disclosures%').orderBy('sequence').execute();
  }

  before(async () => {
    database = await freshDatabase();
    administrator = await staffContext('admin', 'system-administrator', 'mental-health-trust', 'Wessex Partnership NHS Trust');
    officer = await staffContext('officer', 'police-officer', 'police-force', 'Wessex Police');
    controlRoom = await staffContext('control', 'police-control-room', 'police-force', 'Wessex Police');
  });
  after(() => database.close());

  describe('reading', () => {
    it('starts from the default: police see legal status and risk to others, not clinical notes', async () => {
      const policy = await readCategoryPolicy(administrator);
      assert.deepEqual(policy['police-force']['police-officer'], ['identity', 'legal-status', 'risk-to-others']);
      assert.ok(!policy['police-force']['police-officer'].includes('clinical'));
      assert.ok(policy['mental-health-trust']['mental-health-nurse'].includes('clinical'));
      assert.deepEqual(policy['police-force']['system-administrator'], [], 'administrators see no one’s record');
      assert.deepEqual(await categoriesFor(administrator, 'police-force', 'police-officer'), ['identity', 'legal-status', 'risk-to-others']);
    });

    it('reads who approves each lawful basis', async () => {
      const approvers = await readApprovers(administrator);
      assert.equal(approvers['public-interest'], 'caldicott-guardian');
      assert.equal(approvers.consent, 'information-governance-lead');
    });

    it('is only for administrators', async () => {
      await assert.rejects(readCategoryPolicy(officer), PolicyDenied);
      await assert.rejects(categoriesFor(officer, 'police-force', 'police-officer'), PolicyDenied);
      await assert.rejects(readApprovers(officer), PolicyDenied);
    });

    it('finds no such kind of agency or role', async () => {
      await assert.rejects(categoriesFor(administrator, 'secret-service', 'police-officer'), NotFound);
      await assert.rejects(categoriesFor(administrator, 'police-force', 'chief-constable'), NotFound);
    });
  });

  describe('changing what a kind of agency and role sees', () => {
    let personId: string;

    before(async () => {
      // An officer adds a person (so Wessex Police is involved), and a risk-to-others note is on their record.
      const registered = await registerPerson(
        officer,
        {
          givenNames: 'Daniel',
          familyName: 'Reeve',
          preferredName: null,
          otherNames: null,
          dateOfBirth: '1988-03-14',
          nhsNumber: null,
          pncId: null,
          probationReference: null,
          address: null,
          preferredLanguage: null,
          interpreterNeeded: false,
          communicationNeeds: null,
        },
        { confirmedNewPerson: true },
      );
      assert.equal(registered.kind, 'registered');
      personId = registered.kind === 'registered' ? registered.personId : '';
      const system: AppContext = { db: database.db, now: clockNow, actor: systemActor('Test set-up'), purpose: 'Test set-up' };
      await recordNote(system, personId, 1, { category: 'risk-to-others', text: 'Threatened a neighbour with a knife on 2 May.' });
    });

    beforeEach(async () => {
      // Each case starts from the default for police officers.
      await setCategories(administrator, 'police-force', 'police-officer', ['identity', 'legal-status', 'risk-to-others'], 'Back to the default for the next case');
    });

    it('removes risk to others from police officers: the officer no longer sees it, and the audit log says what changed and why', async () => {
      const seenBefore = await viewPerson({ ...officer }, personId);
      assert.ok(seenBefore.chronology.some((item) => item.entry.category === 'risk-to-others'), 'the officer saw the note before');
      const entriesBefore = (await administerEntries()).length;

      const change = await setCategories(administrator, 'police-force', 'police-officer', ['identity', 'legal-status'], 'Information sharing agreement revised on 1 June');
      assert.deepEqual(change.removed, ['risk-to-others']);
      assert.deepEqual(change.added, []);
      assert.deepEqual(await categoriesFor(administrator, 'police-force', 'police-officer'), ['identity', 'legal-status']);

      // A new request (a fresh context) asks the policy afresh.
      const seenAfter = await viewPerson({ ...officer }, personId);
      assert.ok(!seenAfter.chronology.some((item) => item.entry.category === 'risk-to-others'), 'the note is hidden from the officer now');
      assert.equal(seenAfter.hiddenEntries, 1);
      await assert.rejects(requirePersonAccess({ ...officer }, personId, { category: 'risk-to-others' }), PolicyDenied);
      // The control room, another role at the same kind of agency, is untouched.
      await requirePersonAccess({ ...controlRoom }, personId, { category: 'risk-to-others' });
      assert.ok((await categoriesFor(administrator, 'police-force', 'police-control-room')).includes('risk-to-others'));

      const entries = await administerEntries();
      assert.equal(entries.length, entriesBefore + 1, 'one audit entry for the change');
      const entry = entries.at(-1)!;
      assert.equal(entry.actor_user_id, administrator.actor.userId);
      assert.equal(entry.person_id, null);
      assert.match(entry.what, /Police officer, Police force/);
      assert.match(entry.what, /added nothing; removed Risk to others; now sees Identity, Legal status\./);
      assert.match(entry.what, /Reason: Information sharing agreement revised on 1 June$/);
    });

    it('adds a category and says so', async () => {
      const change = await setCategories(administrator, 'police-force', 'police-officer', ['clinical', 'identity', 'legal-status', 'risk-to-others'], 'Street triage pilot');
      assert.deepEqual(change.added, ['clinical']);
      assert.deepEqual(change.removed, []);
      assert.match((await administerEntries()).at(-1)!.what, /added Clinical; removed nothing; now sees Identity, Legal status, Clinical, Risk to others\./);
      const seen = await viewPerson({ ...officer }, personId);
      assert.ok(seen.access.categories.has('clinical'));
    });

    it('refuses a change with no reason, naming the field, and changes nothing', async () => {
      const entriesBefore = (await administerEntries()).length;
      await assert.rejects(setCategories(administrator, 'police-force', 'police-officer', ['identity'], '   '), invalidOn('reason'));
      assert.deepEqual(await categoriesFor(administrator, 'police-force', 'police-officer'), ['identity', 'legal-status', 'risk-to-others']);
      assert.equal((await administerEntries()).length, entriesBefore);
    });

    it('refuses a category that does not exist', async () => {
      await assert.rejects(setCategories(administrator, 'police-force', 'police-officer', ['identity', 'everything'], 'Testing'), invalidOn('categories'));
      assert.deepEqual(await categoriesFor(administrator, 'police-force', 'police-officer'), ['identity', 'legal-status', 'risk-to-others']);
    });

    it('refuses anyone but an administrator, and changes nothing', async () => {
      await assert.rejects(setCategories(officer, 'police-force', 'police-officer', ['identity', 'legal-status', 'risk-to-others', 'clinical'], 'I would like to see more'), PolicyDenied);
      assert.deepEqual(await categoriesFor(administrator, 'police-force', 'police-officer'), ['identity', 'legal-status', 'risk-to-others']);
    });

    it('never gives the administrator’s own role sight of records', async () => {
      await assert.rejects(setCategories(administrator, 'police-force', 'system-administrator', ['clinical'], 'Testing'), PolicyDenied);
      assert.deepEqual(await categoriesFor(administrator, 'police-force', 'system-administrator'), []);
    });

    it('finds no such kind of agency or role to change', async () => {
      await assert.rejects(setCategories(administrator, 'secret-service', 'police-officer', ['identity'], 'Testing'), NotFound);
      await assert.rejects(setCategories(administrator, 'police-force', 'chief-constable', ['identity'], 'Testing'), NotFound);
    });

    it('does not undo a change made since the administrator opened the policy', async () => {
      const opened = await categoriesFor(administrator, 'police-force', 'police-officer');
      await setCategories(administrator, 'police-force', 'police-officer', ['identity', 'legal-status'], 'Another administrator, meanwhile');
      await assert.rejects(
        setCategories(administrator, 'police-force', 'police-officer', [...opened, 'offending'], 'Adding offending', { expected: opened }),
        PolicyChangedMeanwhile,
      );
      assert.deepEqual(await categoriesFor(administrator, 'police-force', 'police-officer'), ['identity', 'legal-status']);
    });

    it('writes nothing when nothing changes', async () => {
      const entriesBefore = (await administerEntries()).length;
      const change = await setCategories(administrator, 'police-force', 'police-officer', ['risk-to-others', 'legal-status', 'identity'], 'Same again');
      assert.deepEqual([change.added, change.removed], [[], []]);
      assert.equal((await administerEntries()).length, entriesBefore);
    });

    it('reads the history of one row back from the audit log, newest first', async () => {
      await setCategories(administrator, 'police-force', 'police-officer', ['identity'], 'Narrowed for the history test');
      await setCategories(administrator, 'probation-service', 'police-officer', ['identity'], 'A different row');
      const history = await policyHistory(administrator, { agencyKind: 'police-force', role: 'police-officer' });
      assert.match(history[0]!.what, /^added nothing; removed Legal status, Risk to others; now sees Identity\. Reason: Narrowed for the history test$/);
      assert.equal(history[0]!.by, 'Test admin');
      assert.ok(history.every((entry) => !entry.what.includes('A different row')), 'only this row’s changes');
      await assert.rejects(policyHistory(officer, { agencyKind: 'police-force', role: 'police-officer' }), PolicyDenied);
    });
  });

  describe('changing who approves disclosures', () => {
    it('names another role, audited with what it was and why', async () => {
      const change = await setApprover(administrator, 'public-interest', 'information-governance-lead', 'The Caldicott guardian is on leave until August');
      assert.deepEqual(change, { basis: 'public-interest', previous: 'caldicott-guardian', role: 'information-governance-lead' });
      assert.equal((await readApprovers(administrator))['public-interest'], 'information-governance-lead');
      const entry = (await approverEntries()).at(-1)!;
      assert.match(entry.what, /Public interest: a real risk of serious harm to others/);
      assert.match(entry.what, /changed from Caldicott guardian to Information governance lead\. Reason: The Caldicott guardian is on leave until August$/);
    });

    it('refuses the administrator’s role, a role that does not exist, and no reason, naming the field', async () => {
      const before = await readApprovers(administrator);
      const entriesBefore = (await approverEntries()).length;
      await assert.rejects(setApprover(administrator, 'mappa', 'system-administrator', 'Testing'), invalidOn('role'));
      await assert.rejects(setApprover(administrator, 'mappa', 'chief-constable', 'Testing'), invalidOn('role'));
      await assert.rejects(setApprover(administrator, 'mappa', 'caldicott-guardian', ''), invalidOn('reason'));
      assert.deepEqual(await readApprovers(administrator), before);
      assert.equal((await approverEntries()).length, entriesBefore);
    });

    it('finds no such lawful basis, and is only for administrators', async () => {
      await assert.rejects(setApprover(administrator, 'because-i-said-so', 'caldicott-guardian', 'Testing'), NotFound);
      await assert.rejects(setApprover(officer, 'mappa', 'police-officer', 'Testing'), PolicyDenied);
      assert.equal((await readApprovers(administrator)).mappa, 'information-governance-lead');
    });

    it('does not undo a change made since the administrator opened it', async () => {
      await setApprover(administrator, 'legal-duty', 'caldicott-guardian', 'Meanwhile');
      await assert.rejects(setApprover(administrator, 'legal-duty', 'mha-administrator', 'Testing', { expected: 'information-governance-lead' }), PolicyChangedMeanwhile);
      assert.equal((await readApprovers(administrator))['legal-duty'], 'caldicott-guardian');
    });
  });
});
