import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clockNow, type AppContext } from '../../src/app/context.ts';
import { InvalidInput, NotFound, PolicyDenied } from '../../src/app/errors.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { consentStandingFor, currentConsentFor, listConsents, recordConsent, withdrawConsent } from '../../src/app/sharing/consent.ts';
import { personAccess } from '../../src/app/sharing/person-access.ts';
import { todayInLondon } from '../../src/domain/london-time.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import { consentEndsAt, type ConsentInput } from '../../src/domain/sharing/consent.ts';
import { auditEntriesAbout } from '../support/audit.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff } from '../support/harness.ts';

interface Staff {
  userId: string;
  agencyId: string;
  agencyName: string;
  role: Role;
  label: string;
}

describe('consent to sharing', () => {
  let database: TestDatabase;
  // One clock for every actor here, moved forward by the tests; never backwards.
  let now = clockNow();
  let nurse: Staff;
  let probation: Staff;
  let police: Staff;

  async function staff(username: string, role: Role, agencyKind: AgencyKind, agencyName: string): Promise<Staff> {
    const added = await addStaff(database.db, { username, role, agencyKind, agencyName });
    return { userId: added.userId, agencyId: added.agencyId, agencyName, role, label: `Test ${username}` };
  }

  // A fresh context for each action: what a member of staff may see is decided once per context, as it
  // is once per request.
  function as(member: Staff, purpose = 'Testing consent'): AppContext {
    return {
      db: database.db,
      now: () => now,
      purpose,
      actor: { kind: 'user', userId: member.userId, label: member.label, role: member.role, agencyId: member.agencyId, agencyName: member.agencyName },
    };
  }

  async function addPerson(givenNames: string): Promise<string> {
    const outcome = await registerPerson(
      as(nurse),
      {
        givenNames,
        familyName: 'Okafor',
        preferredName: null,
        otherNames: null,
        dateOfBirth: null,
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
    assert.equal(outcome.kind, 'registered');
    return outcome.kind === 'registered' ? outcome.personId : '';
  }

  function agreement(overrides: Partial<ConsentInput> = {}): ConsentInput {
    return {
      decision: 'agreed',
      agencyIds: [probation.agencyId],
      categories: ['identity', 'offending'],
      purpose: 'To plan support on release',
      howGiven: 'verbally',
      capacity: 'not-assessed',
      bestInterestsBy: '',
      bestInterestsReasons: '',
      validUntil: null,
      ...overrides,
    };
  }

  async function consentCount(personId: string): Promise<number> {
    const row = await database.db.selectFrom('consents').select((eb) => eb.fn.countAll<number>().as('count')).where('person_id', '=', personId).executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async function problemsOf(promise: Promise<unknown>): Promise<Record<string, string>> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof InvalidInput) return Object.fromEntries(error.problems.map((problem) => [problem.field, problem.message]));
      throw error;
    }
    assert.fail('expected the input to be refused');
  }

  before(async () => {
    database = await freshDatabase();
    nurse = await staff('nurse', 'mental-health-nurse', 'mental-health-trust', 'Wessex Partnership NHS Trust');
    probation = await staff('probation', 'probation-practitioner', 'probation-service', 'Wessex Probation Service');
    police = await staff('police', 'police-officer', 'police-force', 'Wessex Police');
  });
  after(() => database.close());

  it('records what the person agreed to share, with whom, how and by whom, and audits it', async () => {
    const personId = await addPerson('Ada');
    const consentId = await recordConsent(as(nurse), personId, agreement({ agencyIds: [probation.agencyId, police.agencyId] }));

    const { personName, consents } = await listConsents(as(nurse), personId);
    assert.equal(personName, 'Ada Okafor');
    assert.equal(consents.length, 1);
    const [consent] = consents;
    assert.equal(consent!.id, consentId);
    assert.equal(consent!.decision, 'agreed');
    assert.deepEqual(consent!.agencies.map((agency) => agency.name), ['Wessex Probation Service', 'Wessex Police']);
    assert.deepEqual(consent!.categories, ['identity', 'offending']);
    assert.equal(consent!.howGiven, 'verbally');
    assert.equal(consent!.recordedBy, 'Test nurse');
    assert.equal(consent!.recordedByAgency, 'Wessex Partnership NHS Trust');
    assert.equal(consent!.validUntil, null);
    assert.equal(consent!.current, true);

    const audit = await auditEntriesAbout(database.db, personId).execute();
    const written = audit.find((entry) => entry.action === 'write' && entry.what.startsWith('Recorded the person’s consent'));
    assert.ok(written, 'the recording is audited');
    assert.match(written.what, /identity and offending information with Wessex Probation Service and Wessex Police for: To plan support on release/);
    assert.equal(written.actor_label, 'Test nurse');
    assert.ok(audit.some((entry) => entry.action === 'read' && entry.what === 'Viewed the person’s consent and refusals to share'), 'reading the list is audited');
  });

  it('records a refusal, which a disclosure on consent sees as a refusal rather than an absence of consent', async () => {
    const personId = await addPerson('Bea');
    await recordConsent(as(nurse), personId, agreement({ decision: 'refused', howGiven: 'in-writing' }));
    assert.equal(await currentConsentFor(as(nurse), personId, probation.agencyId, ['identity']), null);
    const standing = await consentStandingFor(as(nurse), personId, probation.agencyId, ['identity']);
    assert.equal(standing.kind, 'refused');
  });

  it('refuses incomplete input naming every field at fault, and saves nothing', async () => {
    const personId = await addPerson('Cal');
    const problems = await problemsOf(
      recordConsent(as(nurse), personId, { decision: '', agencyIds: [], categories: [], purpose: '  ', howGiven: '', capacity: '', bestInterestsBy: '', bestInterestsReasons: '', validUntil: null }),
    );
    assert.deepEqual(Object.keys(problems).sort(), ['agencyIds', 'capacity', 'categories', 'decision', 'howGiven', 'purpose']);
    assert.equal(problems.purpose, 'Enter the purpose of the sharing');
    assert.equal(await consentCount(personId), 0);
  });

  it('refuses an agency that is not on Accord, a category that does not exist and an end date already past', async () => {
    const personId = await addPerson('Dee');
    const unknownAgency = await problemsOf(recordConsent(as(nurse), personId, agreement({ agencyIds: ['00000000-0000-4000-8000-000000000000'] })));
    assert.equal(unknownAgency.agencyIds, 'Select agencies that are on Accord');
    const unknownCategory = await problemsOf(recordConsent(as(nurse), personId, agreement({ categories: ['identity', 'favourite-colour'] })));
    assert.equal(unknownCategory.categories, 'Select kinds of information from the list');
    const past = await problemsOf(recordConsent(as(nurse), personId, agreement({ validUntil: todayInLondon(now).subtract({ days: 1 }) })));
    assert.equal(past.validUntil, 'The date it ends must be today or in the future');
    assert.equal(await consentCount(personId), 0);
  });

  it('lets only someone deciding for a person who lacks capacity record it, with the best-interests decision (Mental Capacity Act 2005)', async () => {
    const personId = await addPerson('Eli');
    // s2(1): a person who lacks capacity cannot give it themselves.
    const themselves = await problemsOf(recordConsent(as(nurse), personId, agreement({ capacity: 'lacks-capacity', howGiven: 'verbally', bestInterestsBy: 'Dr Rao', bestInterestsReasons: 'Support on release' })));
    assert.match(themselves.howGiven!, /cannot give or refuse it themselves/);
    // s4: who made the best-interests decision, and why.
    const noDecision = await problemsOf(recordConsent(as(nurse), personId, agreement({ capacity: 'lacks-capacity', howGiven: 'best-interests' })));
    assert.equal(noDecision.bestInterestsBy, 'Enter who made the best-interests decision');
    assert.equal(noDecision.bestInterestsReasons, 'Enter why the decision is in the person’s best interests');
    // s1(2), s20(1): no one decides for a person not established to lack capacity.
    const presumed = await problemsOf(recordConsent(as(nurse), personId, agreement({ capacity: 'not-assessed', howGiven: 'attorney-or-deputy' })));
    assert.match(presumed.howGiven!, /only for a person assessed as lacking capacity/);
    const stray = await problemsOf(recordConsent(as(nurse), personId, agreement({ capacity: 'has-capacity', bestInterestsBy: 'Dr Rao' })));
    assert.match(stray.bestInterestsBy!, /only when the person lacks capacity/);
    assert.equal(await consentCount(personId), 0);

    await recordConsent(
      as(nurse),
      personId,
      agreement({ capacity: 'lacks-capacity', howGiven: 'attorney-or-deputy', bestInterestsBy: 'Sam Okafor, health and welfare attorney', bestInterestsReasons: 'He has said he wants help with housing' }),
    );
    const { consents } = await listConsents(as(nurse), personId);
    assert.equal(consents[0]!.bestInterests, 'Decided by Sam Okafor, health and welfare attorney. He has said he wants help with housing');
    assert.equal(consents[0]!.capacity, 'lacks-capacity');
  });

  it('covers only the agencies and information agreed, and stops at the end of its last day without anyone acting', async () => {
    const personId = await addPerson('Fin');
    const lastDay = todayInLondon(now).add({ days: 3 });
    const consentId = await recordConsent(as(nurse), personId, agreement({ validUntil: lastDay }));

    assert.equal((await currentConsentFor(as(nurse), personId, probation.agencyId, ['identity', 'offending']))?.id, consentId);
    assert.equal(await currentConsentFor(as(nurse), personId, probation.agencyId, ['clinical']), null, 'clinical information was not agreed');
    assert.equal(await currentConsentFor(as(nurse), personId, police.agencyId, ['identity']), null, 'the police were not named');

    now = consentEndsAt(lastDay).subtract({ milliseconds: 1 });
    assert.equal((await currentConsentFor(as(nurse), personId, probation.agencyId))?.id, consentId, 'it holds through its last day');
    now = consentEndsAt(lastDay);
    assert.equal(await currentConsentFor(as(nurse), personId, probation.agencyId), null, 'it has ended');
    const { consents } = await listConsents(as(nurse), personId);
    assert.equal(consents[0]!.current, false);
    assert.equal(consents[0]!.endedAt?.toString(), consentEndsAt(lastDay).toString());
    assert.equal(consents[0]!.withdrawnAt, null);
    now = now.add({ minutes: 1 });
  });

  it('lets the person’s later refusal override an earlier agreement for the same agency and information only', async () => {
    const personId = await addPerson('Gus');
    const consentId = await recordConsent(as(nurse), personId, agreement());
    now = now.add({ minutes: 1 });
    await recordConsent(as(nurse), personId, agreement({ decision: 'refused', categories: ['offending'] }));
    assert.equal((await currentConsentFor(as(nurse), personId, probation.agencyId, ['identity']))?.id, consentId);
    assert.equal(await currentConsentFor(as(nurse), personId, probation.agencyId, ['identity', 'offending']), null);
    assert.equal((await consentStandingFor(as(nurse), personId, probation.agencyId, ['offending'])).kind, 'refused');
  });

  it('withdraws a consent from now on, keeping it on the record with who withdrew it and why, and audits it', async () => {
    const personId = await addPerson('Hal');
    const consentId = await recordConsent(as(nurse), personId, agreement());
    now = now.add({ minutes: 5 });

    assert.deepEqual(await problemsOf(withdrawConsent(as(nurse), personId, consentId, '   ')), { note: 'Enter why it is being withdrawn' });
    await withdrawConsent(as(nurse), personId, consentId, 'Told me on the phone she no longer agrees');

    assert.equal(await currentConsentFor(as(nurse), personId, probation.agencyId), null);
    const row = await database.db.selectFrom('consents').selectAll().where('id', '=', consentId).executeTakeFirstOrThrow();
    assert.equal(row.withdrawn_by_label, 'Test nurse');
    assert.equal(row.withdrawal_note, 'Told me on the phone she no longer agrees');
    assert.equal(Temporal.Instant.from(row.withdrawn_at!).toString(), now.toString());
    assert.equal(row.decision, 'agreed', 'the decision itself is not rewritten');

    const again = await problemsOf(withdrawConsent(as(nurse), personId, consentId, 'Again'));
    assert.equal(again.note, 'This has already been withdrawn');
    await assert.rejects(withdrawConsent(as(nurse), personId, '00000000-0000-4000-8000-000000000000', 'Wrong one'), NotFound);

    const audit = await auditEntriesAbout(database.db, personId).execute();
    const withdrawal = audit.find((entry) => entry.action === 'write' && entry.what.startsWith('Withdrew the person’s consent'));
    assert.ok(withdrawal);
    assert.match(withdrawal.what, /with Wessex Probation Service: Told me on the phone she no longer agrees/);
  });

  it('ends at once a disclosure that rested on a consent when the consent is withdrawn', async () => {
    const personId = await addPerson('Ivy');
    const consentId = await recordConsent(as(nurse), personId, agreement({ categories: ['identity'] }));
    const disclosureFields = {
      person_id: personId,
      purpose: 'Release planning',
      from_agency_id: nurse.agencyId,
      from_agency_name: nurse.agencyName,
      recipient_agency_id: probation.agencyId,
      recipient_team_id: null,
      entry_ids: [],
      identity: true,
      expires_at: now.add({ hours: 24 * 30 }).toString(),
      approver_role: 'information-governance-lead',
      proposed_by: nurse.userId,
      proposed_by_label: 'Test nurse',
      proposed_at: now.toString(),
      decision: 'approved',
      decided_by_label: 'Test lead',
      decided_at: now.toString(),
    };
    const onConsent = await database.db.insertInto('disclosures').values({ ...disclosureFields, basis: 'consent', consent_id: consentId }).returning('id').executeTakeFirstOrThrow();
    const onAnotherBasis = await database.db.insertInto('disclosures').values({ ...disclosureFields, basis: 'mappa', justification: 'MAPPA level 2' }).returning('id').executeTakeFirstOrThrow();
    now = now.add({ minutes: 1 });
    assert.equal((await personAccess(as(probation), personId)).relationship, 'disclosed');

    now = now.add({ minutes: 1 });
    await withdrawConsent(as(nurse), personId, consentId, 'She asked us to stop sharing');

    const ended = await database.db.selectFrom('disclosures').selectAll().where('id', '=', onConsent.id).executeTakeFirstOrThrow();
    assert.equal(Temporal.Instant.from(ended.withdrawn_at!).toString(), now.toString());
    assert.equal(ended.withdrawal_note, 'The consent it rested on was withdrawn: She asked us to stop sharing');
    const other = await database.db.selectFrom('disclosures').selectAll().where('id', '=', onAnotherBasis.id).executeTakeFirstOrThrow();
    assert.equal(other.withdrawn_at, null, 'a disclosure on another lawful basis does not rest on consent');

    // Only the MAPPA disclosure is left, so probation still sees through it; withdraw that too to see
    // that the consent-based one no longer counts.
    await database.db.updateTable('disclosures').set({ withdrawn_at: now.toString() }).where('id', '=', onAnotherBasis.id).execute();
    now = now.add({ minutes: 1 });
    assert.equal((await personAccess(as(probation), personId)).relationship, 'none');
    const audit = await auditEntriesAbout(database.db, personId).execute();
    assert.ok(audit.some((entry) => entry.action === 'write' && entry.what === 'Withdrew a disclosure because the consent it rested on was withdrawn'));
  });

  it('ends at once a disclosure on consent that the person’s later refusal overrides, and only that', async () => {
    const personId = await addPerson('Jas');
    const consentId = await recordConsent(as(nurse), personId, agreement({ agencyIds: [probation.agencyId, police.agencyId], categories: ['identity'] }));
    const disclosure = (recipient: Staff) => ({
      person_id: personId,
      basis: 'consent',
      consent_id: consentId,
      purpose: 'Release planning',
      from_agency_id: nurse.agencyId,
      from_agency_name: nurse.agencyName,
      recipient_agency_id: recipient.agencyId,
      recipient_team_id: null,
      entry_ids: [],
      identity: true,
      expires_at: now.add({ hours: 24 * 30 }).toString(),
      approver_role: 'information-governance-lead',
      proposed_by: nurse.userId,
      proposed_by_label: 'Test nurse',
      proposed_at: now.toString(),
      decision: 'approved',
      decided_by_label: 'Test lead',
      decided_at: now.toString(),
    });
    const toProbation = await database.db.insertInto('disclosures').values(disclosure(probation)).returning('id').executeTakeFirstOrThrow();
    const toPolice = await database.db.insertInto('disclosures').values(disclosure(police)).returning('id').executeTakeFirstOrThrow();
    now = now.add({ minutes: 1 });
    await recordConsent(as(nurse), personId, agreement({ decision: 'refused', agencyIds: [police.agencyId], categories: ['identity'], purpose: 'Does not want the police told' }));

    const policeAfter = await database.db.selectFrom('disclosures').selectAll().where('id', '=', toPolice.id).executeTakeFirstOrThrow();
    assert.equal(Temporal.Instant.from(policeAfter.withdrawn_at!).toString(), now.toString());
    assert.equal(policeAfter.withdrawal_note, 'The person refused sharing this with the recipient');
    const probationAfter = await database.db.selectFrom('disclosures').selectAll().where('id', '=', toProbation.id).executeTakeFirstOrThrow();
    assert.equal(probationAfter.withdrawn_at, null, 'the refusal is about the police only');
    now = now.add({ minutes: 1 });
    assert.equal((await personAccess(as(police), personId)).relationship, 'none');
    assert.equal((await personAccess(as(probation), personId)).relationship, 'disclosed');
    const audit = await auditEntriesAbout(database.db, personId).execute();
    assert.ok(audit.some((entry) => entry.what === 'Ended a disclosure to Wessex Police made on the person’s consent: The person refused sharing this with the recipient'));
  });

  it('refuses someone not involved with the person, and audits the refusal', async () => {
    const personId = await addPerson('Jo');
    await assert.rejects(recordConsent(as(police), personId, agreement()), PolicyDenied);
    await assert.rejects(listConsents(as(police), personId), PolicyDenied);
    await assert.rejects(currentConsentFor(as(police), personId, probation.agencyId), PolicyDenied);
    const consentId = await recordConsent(as(nurse), personId, agreement());
    await assert.rejects(withdrawConsent(as(police), personId, consentId, 'Not mine to withdraw'), PolicyDenied);
    assert.equal(await consentCount(personId), 1);
    const row = await database.db.selectFrom('consents').select('withdrawn_at').where('id', '=', consentId).executeTakeFirstOrThrow();
    assert.equal(row.withdrawn_at, null);
    const refusals = (await auditEntriesAbout(database.db, personId).execute()).filter((entry) => entry.action === 'refused');
    assert.equal(refusals.length, 4);
    assert.ok(refusals.every((entry) => entry.actor_label === 'Test police'));
  });
});
