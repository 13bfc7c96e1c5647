import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { AppContext } from '../../src/app/context.ts';
import { InvalidInput, PolicyDenied } from '../../src/app/errors.ts';
import { createTeam } from '../../src/app/organisation/organisation.ts';
import { recordNote } from '../../src/app/people/record-note.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { viewPerson } from '../../src/app/people/view-person.ts';
import { recordInvolvement } from '../../src/app/sharing/involvements.ts';
import {
  awaitingMyApproval,
  decideDisclosure,
  disclosedToMyAgency,
  listDisclosuresOf,
  proposeDisclosure,
  viewDisclosure,
  withdrawDisclosure,
  withdrawDisclosuresOnConsent,
} from '../../src/app/sharing/disclosures.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import type { ProposalInput } from '../../src/domain/sharing/disclosure.ts';
import { auditEntriesAbout } from '../support/audit.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff, systemContext } from '../support/harness.ts';

const trustName = 'Wessex Partnership NHS Trust';
const policeName = 'Wessex Police';

interface Staff {
  userId: string;
  agencyId: string;
  agencyName: string;
  role: Role;
  username: string;
}

describe('disclosures', () => {
  let database: TestDatabase;
  // A clock the tests move: 10 March 2026, 3pm in London, to begin with.
  let clock = Temporal.Instant.from('2026-03-10T15:00:00Z');
  const staff: Record<string, Staff> = {};

  // A new context for every call: what a member of staff may see is decided once per context, as once
  // per request, so a context must not outlive a move of the clock.
  function as(name: string): AppContext {
    const member = staff[name]!;
    return {
      db: database.db,
      now: () => clock,
      purpose: 'Testing disclosures',
      actor: { kind: 'user', userId: member.userId, label: `Test ${member.username}`, role: member.role, agencyId: member.agencyId, agencyName: member.agencyName },
    };
  }

  async function add(username: string, role: Role, agencyName: string, agencyKind: AgencyKind) {
    const added = await addStaff(database.db, { username, role, agencyName, agencyKind });
    staff[username] = { ...added, role };
  }

  async function addPerson(): Promise<{ personId: string; clinicalNoteId: string; riskNoteId: string }> {
    const outcome = await registerPerson(
      as('nurse'),
      {
        givenNames: 'Daniel',
        familyName: 'Price',
        preferredName: null,
        otherNames: null,
        dateOfBirth: '1988-09-14',
        nhsNumber: null,
        pncId: null,
        probationReference: null,
        address: '7 Mill Lane',
        preferredLanguage: null,
        interpreterNeeded: false,
        communicationNeeds: null,
      },
      { confirmedNewPerson: true },
    );
    assert.equal(outcome.kind, 'registered');
    const personId = outcome.kind === 'registered' ? outcome.personId : '';
    await recordNote(as('nurse'), personId, 1, { category: 'clinical', text: 'Started on clozapine; side effects reviewed weekly.' });
    await recordNote(as('nurse'), personId, 2, { category: 'risk-to-others', text: 'Threatened his neighbour with a knife on 9 March.' });
    const entries = await database.db.selectFrom('record_entries').select(['id', 'category']).where('person_id', '=', personId).execute();
    return {
      personId,
      clinicalNoteId: entries.find((entry) => entry.category === 'clinical')!.id,
      riskNoteId: entries.find((entry) => entry.category === 'risk-to-others')!.id,
    };
  }

  function publicInterest(riskNoteId: string, overrides: Partial<ProposalInput> = {}): ProposalInput {
    return {
      basis: 'public-interest',
      justification: 'He has threatened his neighbour with a knife and says he will do it again.',
      purpose: 'So that officers attending the address know the risk',
      recipientAgencyId: staff.police!.agencyId,
      recipientTeamId: null,
      entryIds: [riskNoteId],
      identity: false,
      lastDay: Temporal.PlainDate.from('2026-03-17'),
      ...overrides,
    };
  }

  async function problemsOf(work: Promise<unknown>): Promise<string[]> {
    try {
      await work;
    } catch (error) {
      if (error instanceof InvalidInput) return error.problems.map((problem) => problem.field);
      throw error;
    }
    assert.fail('expected InvalidInput');
  }

  async function countDisclosures(): Promise<number> {
    const row = await database.db.selectFrom('disclosures').select((builder) => builder.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    return Number(row.count);
  }

  before(async () => {
    database = await freshDatabase();
    await add('nurse', 'mental-health-nurse', trustName, 'mental-health-trust');
    await add('psychiatrist', 'psychiatrist', trustName, 'mental-health-trust');
    await add('guardian', 'caldicott-guardian', trustName, 'mental-health-trust');
    await add('governance', 'information-governance-lead', trustName, 'mental-health-trust');
    await add('police', 'police-officer', policeName, 'police-force');
    await add('otherguardian', 'caldicott-guardian', 'Wessex Acute Hospitals', 'acute-trust');
    await add('probation', 'probation-practitioner', 'Wessex Probation Service', 'probation-service');
    await add('probationguardian', 'caldicott-guardian', 'Wessex Probation Service', 'probation-service');
    await add('probationgovernance', 'information-governance-lead', 'Wessex Probation Service', 'probation-service');
  });
  after(() => database.close());
  beforeEach(() => {
    clock = Temporal.Instant.from('2026-03-10T15:00:00Z');
  });

  it('cannot be saved without a basis, items, or the risk for a public-interest disclosure, naming each field', async () => {
    const { personId, riskNoteId } = await addPerson();
    const before = await countDisclosures();
    assert.deepEqual(await problemsOf(proposeDisclosure(as('nurse'), personId, publicInterest(riskNoteId, { basis: '' }))), ['basis']);
    assert.deepEqual(await problemsOf(proposeDisclosure(as('nurse'), personId, publicInterest(riskNoteId, { entryIds: [] }))), ['items']);
    assert.deepEqual(await problemsOf(proposeDisclosure(as('nurse'), personId, publicInterest(riskNoteId, { justification: '' }))), ['justification']);
    assert.deepEqual(await problemsOf(proposeDisclosure(as('nurse'), personId, publicInterest(riskNoteId, { recipientAgencyId: staff.nurse!.agencyId }))), ['recipientAgencyId']);
    assert.deepEqual(await problemsOf(proposeDisclosure(as('nurse'), personId, publicInterest(riskNoteId, { lastDay: Temporal.PlainDate.from('2027-03-11') }))), ['expiresOn']);
    assert.equal(await countDisclosures(), before, 'nothing was saved');
  });

  it('cannot be saved without an approver for its basis', async () => {
    const { personId, riskNoteId } = await addPerson();
    const before = await countDisclosures();
    await database.db.deleteFrom('disclosure_approvers').where('basis', '=', 'public-interest').execute();
    try {
      const error = await proposeDisclosure(as('nurse'), personId, publicInterest(riskNoteId)).catch((caught: unknown) => caught);
      assert.ok(error instanceof InvalidInput);
      assert.equal(error.problems[0]!.field, 'basis');
      assert.match(error.problems[0]!.message, /cannot be saved without an approver/);
    } finally {
      await database.db.insertInto('disclosure_approvers').values({ basis: 'public-interest', role: 'caldicott-guardian' }).execute();
    }
    assert.equal(await countDisclosures(), before);
  });

  it('discloses only entries the proposer sees in full', async () => {
    const { personId, clinicalNoteId, riskNoteId } = await addPerson();
    await recordInvolvement(as('nurse'), personId, { agencyId: staff.probation!.agencyId, teamId: null, userId: null, reason: 'Under supervision', startsAt: clock, endsAt: null });
    // Probation sees risk to others but not clinical notes.
    assert.deepEqual(await problemsOf(proposeDisclosure(as('probation'), personId, publicInterest(clinicalNoteId))), ['items']);
    const id = await proposeDisclosure(as('probation'), personId, { ...publicInterest(riskNoteId), basis: 'mappa', justification: 'MAPPA category 2, level 2 meeting on 12 March' });
    assert.ok((await awaitingMyApproval(as('probationgovernance'))).some((item) => item.id === id), 'approved in the agency that holds the information');
  });

  it('is refused to someone who may not change the record', async () => {
    const { personId, riskNoteId } = await addPerson();
    await assert.rejects(proposeDisclosure(as('police'), personId, publicInterest(riskNoteId)), PolicyDenied);
  });

  it('is approved only by the role the policy names in the agency that made it: not a clinician, not another agency’s guardian', async () => {
    const { personId, riskNoteId } = await addPerson();
    const id = await proposeDisclosure(as('nurse'), personId, publicInterest(riskNoteId));
    await assert.rejects(decideDisclosure(as('psychiatrist'), id, 'approved', 'Agree'), (error: unknown) => error instanceof PolicyDenied && /Caldicott guardian/.test(error.message));
    await assert.rejects(decideDisclosure(as('otherguardian'), id, 'approved', 'Agree'), PolicyDenied);
    await assert.rejects(decideDisclosure(as('governance'), id, 'approved', 'Agree'), PolicyDenied);
    const refusals = await auditEntriesAbout(database.db, personId).where('action', '=', 'refused').execute();
    assert.equal(refusals.length, 3, 'each refusal is audited');
    const [pending] = await listDisclosuresOf(as('nurse'), personId);
    assert.equal(pending!.status, 'awaiting-approval');
    await decideDisclosure(as('guardian'), id, 'approved', 'A real and current risk of serious harm to the neighbour.');
    const [approved] = await listDisclosuresOf(as('nurse'), personId);
    assert.equal(approved!.status, 'approved');
    assert.equal(approved!.decidedByLabel, 'Test guardian');
    const audit = await auditEntriesAbout(database.db, personId).where('actor_label', '=', 'Test guardian').execute();
    assert.equal(audit.length, 1);
    assert.match(audit[0]!.what, /^Disclosed to Wessex Police on the basis: Public interest: a real risk of serious harm to others\. Items: Note \(risk to others\)/);
    assert.match(audit[0]!.what, /Approved by the Caldicott guardian: A real and current risk/);
  });

  it('is never approved by whoever proposed it', async () => {
    const { personId, riskNoteId } = await addPerson();
    // The policy is data: here an administrator has made nurses the approvers of direct-care disclosures.
    await database.db.updateTable('disclosure_approvers').set({ role: 'mental-health-nurse' }).where('basis', '=', 'direct-care').execute();
    try {
      await add('secondnurse', 'mental-health-nurse', trustName, 'mental-health-trust');
      const id = await proposeDisclosure(as('nurse'), personId, publicInterest(riskNoteId, { basis: 'direct-care', justification: '' }));
      await assert.rejects(decideDisclosure(as('nurse'), id, 'approved', 'Fine'), (error: unknown) => error instanceof PolicyDenied && /You proposed this disclosure/.test(error.message));
      assert.deepEqual((await awaitingMyApproval(as('nurse'))).map((item) => item.id).includes(id), false, 'not in the proposer’s own queue');
      assert.ok((await awaitingMyApproval(as('secondnurse'))).some((item) => item.id === id));
      await decideDisclosure(as('secondnurse'), id, 'approved', 'Needed for his care');
    } finally {
      await database.db.updateTable('disclosure_approvers').set({ role: 'information-governance-lead' }).where('basis', '=', 'direct-care').execute();
    }
  });

  it('lets the recipient see exactly the disclosed entries, marked, and their name only', async () => {
    const { personId, clinicalNoteId, riskNoteId } = await addPerson();
    await assert.rejects(viewPerson(as('police'), personId), PolicyDenied, 'nothing before approval');
    const id = await proposeDisclosure(as('nurse'), personId, publicInterest(riskNoteId));
    await assert.rejects(viewPerson(as('police'), personId), PolicyDenied, 'nothing while awaiting approval');
    await decideDisclosure(as('guardian'), id, 'approved', 'Risk is real');
    const view = await viewPerson(as('police'), personId);
    assert.deepEqual(
      view.chronology.map((item) => [item.entry.id, item.sight]),
      [[riskNoteId, 'disclosed']],
    );
    assert.equal(view.chronology.some((item) => item.entry.id === clinicalNoteId), false);
    assert.equal(view.identityVisible, false);
    assert.equal(view.state.details.givenNames, 'Daniel');
    assert.equal(view.state.details.address, null, 'identifying details were not disclosed');
    const mine = await disclosedToMyAgency(as('police'));
    assert.ok(mine.some((item) => item.id === id && item.personName === 'Daniel Price'));
  });

  it('stops at the end of its last day without anyone acting', async () => {
    const { personId, riskNoteId } = await addPerson();
    const id = await proposeDisclosure(as('nurse'), personId, publicInterest(riskNoteId, { lastDay: Temporal.PlainDate.from('2026-03-11'), identity: true }));
    await decideDisclosure(as('guardian'), id, 'approved', 'Risk is real');
    clock = Temporal.Instant.from('2026-03-11T23:59:59Z');
    const lastMoment = await viewPerson(as('police'), personId);
    assert.equal(lastMoment.chronology.length, 1);
    assert.equal(lastMoment.state.details.address, '7 Mill Lane', 'identifying details were disclosed');
    clock = Temporal.Instant.from('2026-03-12T00:00:00Z');
    await assert.rejects(viewPerson(as('police'), personId), PolicyDenied);
    assert.equal((await disclosedToMyAgency(as('police'))).some((item) => item.id === id), false);
    const [ended] = await listDisclosuresOf(as('nurse'), personId);
    assert.equal(ended!.status, 'expired');
    await assert.rejects(withdrawDisclosure(as('nurse'), id, 'No longer needed'), InvalidInput, 'an ended disclosure is not withdrawn');
  });

  it('stops at once when withdrawn, and keeps who withdrew it and why', async () => {
    const { personId, riskNoteId } = await addPerson();
    const id = await proposeDisclosure(as('nurse'), personId, publicInterest(riskNoteId));
    await decideDisclosure(as('guardian'), id, 'approved', 'Risk is real');
    assert.equal((await viewPerson(as('police'), personId)).chronology.length, 1);
    await assert.rejects(withdrawDisclosure(as('police'), id, 'Not mine to end'), PolicyDenied);
    assert.deepEqual(await problemsOf(withdrawDisclosure(as('psychiatrist'), id, ' ')), ['withdrawalNote']);
    await withdrawDisclosure(as('psychiatrist'), id, 'The neighbour has moved away');
    await assert.rejects(viewPerson(as('police'), personId), PolicyDenied);
    const row = await database.db.selectFrom('disclosures').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.withdrawn_by_label, 'Test psychiatrist');
    assert.equal(row.withdrawal_note, 'The neighbour has moved away');
    assert.equal(row.decision, 'approved', 'the decision stays on the row');
    assert.deepEqual(await problemsOf(withdrawDisclosure(as('psychiatrist'), id, 'Again')), ['withdrawalNote']);
  });

  it('keeps a decision final, and a refusal shares nothing', async () => {
    const { personId, riskNoteId } = await addPerson();
    const id = await proposeDisclosure(as('nurse'), personId, publicInterest(riskNoteId));
    assert.deepEqual(await problemsOf(decideDisclosure(as('guardian'), id, 'maybe', '')), ['decision', 'decisionNote']);
    await decideDisclosure(as('guardian'), id, 'refused', 'The risk is historic; the police already hold it.');
    assert.deepEqual(await problemsOf(decideDisclosure(as('guardian'), id, 'approved', 'Changed my mind')), ['decision']);
    await assert.rejects(viewPerson(as('police'), personId), PolicyDenied);
    const [refused] = await listDisclosuresOf(as('nurse'), personId);
    assert.equal(refused!.status, 'refused');
    assert.equal(refused!.decisionNote, 'The risk is historic; the police already hold it.');
  });

  it('shows the approver the items to decide on, and lists proposals only to that role in that agency', async () => {
    const { personId, riskNoteId } = await addPerson();
    const id = await proposeDisclosure(as('nurse'), personId, publicInterest(riskNoteId));
    assert.ok((await awaitingMyApproval(as('guardian'))).some((item) => item.id === id));
    assert.equal((await awaitingMyApproval(as('otherguardian'))).some((item) => item.id === id), false);
    assert.equal((await awaitingMyApproval(as('governance'))).some((item) => item.id === id), false);
    const forGuardian = await viewDisclosure(as('guardian'), id);
    assert.equal(forGuardian.canDecide, true);
    assert.equal(forGuardian.items[0]!.entry?.content.kind, 'note-recorded', 'the guardian sees the risk note to decide on it');
    assert.equal(forGuardian.shownToDecide, 1, 'though their own policy does not show them risk to others');
    await assert.rejects(viewDisclosure(as('otherguardian'), id), PolicyDenied);
    await assert.rejects(viewDisclosure(as('police'), id), PolicyDenied, 'the recipient learns nothing before approval');
    await decideDisclosure(as('guardian'), id, 'approved', 'Risk is real');
    const forPolice = await viewDisclosure(as('police'), id);
    assert.equal(forPolice.readerIs, 'recipient');
    assert.equal(forPolice.items[0]!.entry?.id, riskNoteId);
    assert.equal(forPolice.disclosure.justification, null, 'not the reasoning behind it');
    assert.equal(forPolice.disclosure.decisionNote, null);
    assert.equal(forPolice.canDecide, false);
    assert.equal(forPolice.canWithdraw, false);
  });

  it('reaches only the team named, when one is', async () => {
    const { personId, riskNoteId } = await addPerson();
    const teamId = await createTeam(systemContext(database.db), staff.police!.agencyId, { name: 'Public protection unit' });
    await add('ppu', 'police-officer', policeName, 'police-force');
    await database.db.updateTable('users').set({ team_id: teamId }).where('id', '=', staff.ppu!.userId).execute();
    const id = await proposeDisclosure(as('nurse'), personId, publicInterest(riskNoteId, { recipientTeamId: teamId }));
    await decideDisclosure(as('guardian'), id, 'approved', 'Risk is real');
    assert.equal((await viewPerson(as('ppu'), personId)).chronology.length, 1);
    await assert.rejects(viewPerson(as('police'), personId), PolicyDenied);
  });

  it('on consent, rests on a current consent covering the recipient and ends with it', async () => {
    const { personId, riskNoteId } = await addPerson();
    const input = publicInterest(riskNoteId, { basis: 'consent', justification: '' });
    assert.deepEqual(await problemsOf(proposeDisclosure(as('nurse'), personId, input)), ['basis']);
    const consent = await database.db
      .insertInto('consents')
      .values({
        person_id: personId,
        decision: 'agreed',
        agency_ids: [staff.police!.agencyId],
        categories: ['identity', 'risk-to-others'],
        purpose: 'So the police know how to approach him',
        how_given: 'in-writing',
        capacity: 'has-capacity',
        best_interests: null,
        valid_until: null,
        recorded_by: staff.nurse!.userId,
        recorded_by_label: 'Test nurse',
        recorded_by_agency: trustName,
        recorded_at: clock.toString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const unapproved = await proposeDisclosure(as('nurse'), personId, input);
    const id = await proposeDisclosure(as('nurse'), personId, input);
    const [proposed] = await listDisclosuresOf(as('nurse'), personId);
    assert.equal(proposed!.consentId, consent.id);
    assert.equal(proposed!.approverRole, 'information-governance-lead');
    await decideDisclosure(as('governance'), id, 'approved', 'He agreed in writing');
    assert.equal((await viewPerson(as('police'), personId)).chronology.length, 1);
    await inTransaction(database.db, async (trx) => {
      await trx.updateTable('consents').set({ withdrawn_at: clock.toString(), withdrawn_by_label: 'Test nurse', withdrawal_note: 'He changed his mind' }).where('id', '=', consent.id).execute();
      assert.equal(await withdrawDisclosuresOnConsent(trx, as('nurse'), consent.id, 'He changed his mind'), 2, 'the approved one and the one awaiting approval');
    });
    await assert.rejects(viewPerson(as('police'), personId), PolicyDenied);
    assert.deepEqual(await problemsOf(decideDisclosure(as('governance'), unapproved, 'approved', 'He agreed')), ['decision']);
  });

  it('on consent, is not approved once the consent has been withdrawn', async () => {
    const { personId, riskNoteId } = await addPerson();
    const consent = await database.db
      .insertInto('consents')
      .values({
        person_id: personId,
        decision: 'agreed',
        agency_ids: [staff.police!.agencyId],
        categories: ['risk-to-others'],
        purpose: 'So the police know how to approach him',
        how_given: 'in-writing',
        capacity: 'has-capacity',
        best_interests: null,
        valid_until: null,
        recorded_by: staff.nurse!.userId,
        recorded_by_label: 'Test nurse',
        recorded_by_agency: trustName,
        recorded_at: clock.toString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = await proposeDisclosure(as('nurse'), personId, publicInterest(riskNoteId, { basis: 'consent', justification: '' }));
    assert.deepEqual(await problemsOf(proposeDisclosure(as('nurse'), personId, publicInterest(riskNoteId, { basis: 'consent', justification: '', identity: true }))), ['basis'], 'the consent does not cover identifying details');
    // His later refusal overrides the agreement: no new disclosure can rest on it.
    clock = clock.add({ minutes: 5 });
    await database.db
      .insertInto('consents')
      .values({
        person_id: personId,
        decision: 'refused',
        agency_ids: [staff.police!.agencyId],
        categories: ['risk-to-others'],
        purpose: 'He does not want the police told',
        how_given: 'verbally',
        capacity: 'has-capacity',
        best_interests: null,
        valid_until: null,
        recorded_by: staff.nurse!.userId,
        recorded_by_label: 'Test nurse',
        recorded_by_agency: trustName,
        recorded_at: clock.toString(),
      })
      .execute();
    const refused = await proposeDisclosure(as('nurse'), personId, publicInterest(riskNoteId, { basis: 'consent', justification: '' })).catch((caught: unknown) => caught);
    assert.ok(refused instanceof InvalidInput);
    assert.match(refused.problems[0]!.message, /The person has refused sharing this information with this recipient/);
    await database.db.updateTable('consents').set({ withdrawn_at: clock.toString(), withdrawn_by_label: 'Test nurse', withdrawal_note: 'Changed his mind' }).where('id', '=', consent.id).execute();
    const error = await decideDisclosure(as('governance'), id, 'approved', 'He agreed').catch((caught: unknown) => caught);
    assert.ok(error instanceof InvalidInput);
    assert.match(error.problems[0]!.message, /consent this disclosure rests on is no longer current/);
  });

  it('is listed with every status for the record, and the listing is audited', async () => {
    const { personId, riskNoteId } = await addPerson();
    await proposeDisclosure(as('nurse'), personId, publicInterest(riskNoteId));
    const list = await listDisclosuresOf(as('psychiatrist'), personId);
    assert.equal(list.length, 1);
    assert.deepEqual(list[0]!.items.map((item) => [item.entryId, item.kind, item.category]), [[riskNoteId, 'note-recorded', 'risk-to-others']]);
    const audit = await auditEntriesAbout(database.db, personId).where('actor_label', '=', 'Test psychiatrist').execute();
    assert.deepEqual(audit.map((entry) => entry.what), ['Viewed the disclosures about the person']);
    await assert.rejects(listDisclosuresOf(as('police'), personId), PolicyDenied);
  });
});
