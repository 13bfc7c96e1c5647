import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppContext } from '../../src/app/context.ts';
import { closeCall, handOffCall, raiseCall, recordDisagreement, recordThresholdDecision } from '../../src/app/crisis/calls.ts';
import { callsPastTimer, declinedCalls, listCalls, openCallsWithoutOwner, viewCall } from '../../src/app/crisis/read-calls.ts';
import { saveService } from '../../src/app/crisis/services.ts';
import { InvalidInput, PolicyDenied } from '../../src/app/errors.ts';
import { createTeam } from '../../src/app/organisation/organisation.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { escalateOverdueReferrals } from '../../src/app/referrals/escalation.ts';
import { decideReferral } from '../../src/app/referrals/referral-steps.ts';
import { setTeamLead } from '../../src/app/referrals/team-leads.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff, systemContext } from '../support/harness.ts';

describe('crisis calls', () => {
  let database: TestDatabase;
  const start = Temporal.Instant.from('2026-03-10T22:00:00Z');
  let clock = start;
  const staff: Record<string, { userId: string; agencyId: string; agencyName: string; role: Role; label: string }> = {};
  const teams: Record<string, string> = {};
  let personId = '';
  let crisisTeamService = '';

  function as(name: string): AppContext {
    const member = staff[name]!;
    return { db: database.db, now: () => clock, purpose: 'Testing crisis calls', actor: { kind: 'user', userId: member.userId, label: member.label, role: member.role, agencyId: member.agencyId, agencyName: member.agencyName } };
  }

  async function add(name: string, role: Role, agencyName: string, agencyKind: AgencyKind, team: string | null) {
    const added = await addStaff(database.db, { username: name, role, agencyName, agencyKind, displayName: name });
    if (team !== null) {
      teams[team] ??= await createTeam(systemContext(database.db), added.agencyId, { name: team });
      await database.db.updateTable('users').set({ team_id: teams[team] }).where('id', '=', added.userId).execute();
    }
    staff[name] = { userId: added.userId, agencyId: added.agencyId, agencyName: added.agencyName, role, label: name };
  }

  const welfare = () => ({
    category: 'concern-for-welfare',
    caller: 'Her sister, by phone',
    location: '12 Harbour Road',
    concern: 'Has not answered the door for two days; sent a message saying goodbye.',
    risk: 'high',
    riskKnown: 'Previous overdose in 2024. No weapons known.',
    personId,
    personDescription: '',
  });

  before(async () => {
    database = await freshDatabase();
    await add('control', 'police-control-room', 'Wessex Police', 'police-force', 'Control room');
    await add('crisis', 'crisis-team-practitioner', 'Wessex Partnership NHS Trust', 'mental-health-trust', 'Crisis team');
    await add('crisisLead', 'crisis-team-practitioner', 'Wessex Partnership NHS Trust', 'mental-health-trust', 'Crisis team');
    await add('nurse', 'mental-health-nurse', 'Wessex Partnership NHS Trust', 'mental-health-trust', 'Ward 4');
    await add('elsewhere', 'police-officer', 'Dorset Police', 'police-force', null);
    await add('admin', 'system-administrator', 'Accord administration', 'mental-health-trust', null);
    const outcome = await registerPerson(
      as('control'),
      { givenNames: 'Ada', familyName: 'Moss', preferredName: null, otherNames: null, dateOfBirth: '1985-06-01', nhsNumber: null, pncId: null, probationReference: null, address: '12 Harbour Road', preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null },
      { confirmedNewPerson: true },
    );
    personId = outcome.kind === 'registered' ? outcome.personId : '';
    await setTeamLead(as('admin'), teams['Crisis team']!, staff.crisisLead!.userId);
    crisisTeamService = await saveService(as('admin'), null, {
      name: 'Wessex crisis team',
      kind: 'crisis-team',
      canDo: 'Home visits within 4 hours; mental health assessment',
      cannotDo: 'Cannot force entry; cannot convey',
      hours: '24 hours, every day',
      outOfHours: '0300 000 0000',
      agencyId: staff.crisis!.agencyId,
      teamId: teams['Crisis team']!,
    });
  });
  after(() => database.close());

  it('follows a concern for welfare from threshold to a handoff that is declined, escalates, is accepted and closes with an outcome', async () => {
    clock = start;
    const callId = await raiseCall(as('control'), welfare());
    assert.deepEqual((await openCallsWithoutOwner(as('control'))).map((call) => call.id), [callId]);

    await recordThresholdDecision(as('control'), callId, { crime: 'no', riskToLife: 'no', reasons: 'No crime reported; she is answering messages, so no immediate risk to life.' });
    const firstHandoff = await handOffCall(as('control'), callId, { serviceId: crisisTeamService, asked: 'Visit today and assess.' });
    const referral = await database.db.selectFrom('referrals').selectAll().where('id', '=', firstHandoff).executeTakeFirstOrThrow();
    assert.equal(referral.purpose, 'crisis-response');
    // High risk: an emergency referral, to be acknowledged within the hour.
    assert.equal(referral.urgency, 'emergency');
    assert.equal(Temporal.Instant.from(referral.acknowledge_due).toString(), '2026-03-10T23:00:00Z');

    await decideReferral(as('crisis'), firstHandoff, 'declined', 'No capacity tonight: ask the ambulance service.');
    assert.deepEqual((await declinedCalls(as('control'))).map((call) => call.id), [callId]);
    assert.ok((await openCallsWithoutOwner(as('control'))).some((call) => call.id === callId));

    // Handed again ten minutes later and left unanswered past the hour: the sweep escalates it to the team's named lead.
    clock = start.add({ minutes: 10 });
    const secondHandoff = await handOffCall(as('control'), callId, { serviceId: crisisTeamService, asked: 'Please reconsider: no ambulance available.' });
    clock = start.add({ minutes: 71 });
    assert.deepEqual((await callsPastTimer(as('control'))).map((call) => call.id), [callId]);
    assert.equal(await escalateOverdueReferrals({ ...systemContext(database.db), now: () => clock }), 1);
    const escalated = await viewCall(as('control'), callId);
    assert.equal(escalated.call.handoffs.at(-1)!.escalatedTo, 'crisisLead');

    await assert.rejects(closeCall(as('crisis'), callId, { outcome: 'seen-and-assessed', detail: 'Seen.' }), InvalidInput);
    await decideReferral(as('crisisLead'), secondHandoff, 'accepted', '');
    assert.equal((await openCallsWithoutOwner(as('control'))).some((call) => call.id === callId), false);

    await assert.rejects(closeCall(as('crisis'), callId, { outcome: '', detail: '' }), (error: unknown) => error instanceof InvalidInput && error.problems[0]!.field === 'outcome');
    await closeCall(as('crisis'), callId, { outcome: 'seen-and-assessed', detail: 'Seen at home; home treatment team to visit daily.' });
    const closed = await viewCall(as('control'), callId);
    assert.equal(closed.call.stage, 'closed');
    assert.equal(closed.call.outcome?.outcome, 'seen-and-assessed');
    const closedReferral = await database.db.selectFrom('referrals').selectAll().where('id', '=', secondHandoff).executeTakeFirstOrThrow();
    assert.equal(closedReferral.status, 'closed');
    assert.equal(closedReferral.outcome_note, 'Seen and assessed: Seen at home; home treatment team to visit daily.');
    assert.equal((await listCalls(as('control'))).some((call) => call.id === callId), false);
  });

  it('refuses a threshold decision without reasons, and one taken outside the control room', async () => {
    clock = start;
    const callId = await raiseCall(as('control'), welfare());
    await assert.rejects(recordThresholdDecision(as('control'), callId, { crime: 'no', riskToLife: 'no', reasons: ' ' }), (error: unknown) => error instanceof InvalidInput && error.problems.some((problem) => problem.field === 'reasons'));
    await assert.rejects(recordThresholdDecision(as('crisis'), callId, { crime: 'no', riskToLife: 'no', reasons: 'Fine' }), PolicyDenied);
    const row = await database.db.selectFrom('crisis_calls').selectAll().where('id', '=', callId).executeTakeFirstOrThrow();
    assert.equal(row.threshold_route, null);
  });

  it('keeps a call the police attend with them, and does not hand it off', async () => {
    clock = start;
    const callId = await raiseCall(as('control'), welfare());
    await recordThresholdDecision(as('control'), callId, { crime: 'no', riskToLife: 'yes', reasons: 'Message reads as a suicide note.' });
    await assert.rejects(handOffCall(as('control'), callId, { serviceId: crisisTeamService, asked: 'Visit' }), (error: unknown) => error instanceof InvalidInput && error.problems[0]!.field === 'serviceId');
    await assert.rejects(closeCall(as('control'), callId, { outcome: 'no-further-action', detail: '' }), (error: unknown) => error instanceof InvalidInput && error.problems[0]!.field === 'outcomeDetail');
    await closeCall(as('control'), callId, { outcome: 'admitted', detail: 'Taken to the emergency department and admitted.' });
    assert.equal((await viewCall(as('control'), callId)).call.stage, 'closed');
  });

  it('records a call about someone unknown, but hands it off only once they are on Accord', async () => {
    clock = start;
    const callId = await raiseCall(as('control'), { ...welfare(), personId: '', personDescription: 'Man in his 40s, red coat, on the bridge' } as never);
    await recordThresholdDecision(as('control'), callId, { crime: 'no', riskToLife: 'no', reasons: 'Walking away from the bridge, calm.' });
    await assert.rejects(handOffCall(as('control'), callId, { serviceId: crisisTeamService, asked: 'Find and assess' }), (error: unknown) => error instanceof InvalidInput && /Add the person to Accord/.test(error.problems[0]!.message));
  });

  it('sends a disagreement to the named lead of each agency, and hides the call from agencies not party to it', async () => {
    clock = start;
    const callId = await raiseCall(as('control'), welfare());
    await recordThresholdDecision(as('control'), callId, { crime: 'no', riskToLife: 'no', reasons: 'No immediate risk.' });
    await handOffCall(as('control'), callId, { serviceId: crisisTeamService, asked: 'Assess' });
    await assert.rejects(recordDisagreement(as('crisis'), callId, { about: '', withAgencyId: staff.control!.agencyId }), InvalidInput);
    await recordDisagreement(as('crisis'), callId, { about: 'This call met the threshold for police attendance.', withAgencyId: staff.control!.agencyId });
    const notes = await database.db.selectFrom('notifications').selectAll().where('subject', 'like', '%disagreement%').execute();
    assert.ok(notes.some((note) => note.recipient === 'crisisLead'));
    assert.ok(notes.some((note) => note.agency_id === staff.control!.agencyId));
    assert.equal((await viewCall(as('control'), callId)).disagreements[0]!.about, 'This call met the threshold for police attendance.');
    await assert.rejects(viewCall(as('elsewhere'), callId), PolicyDenied);
  });
});
