import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppContext } from '../../src/app/context.ts';
import { closeCall, handOffCall, raiseCall, recordThresholdDecision } from '../../src/app/crisis/calls.ts';
import { whereDidTheyGo } from '../../src/app/crisis/monthly-report.ts';
import { saveService } from '../../src/app/crisis/services.ts';
import { InvalidInput, PolicyDenied } from '../../src/app/errors.ts';
import { createTeam } from '../../src/app/organisation/organisation.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { decideReferral } from '../../src/app/referrals/referral-steps.ts';
import { median, percentile } from '../../src/domain/crisis/monthly-report.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff, systemContext } from '../support/harness.ts';

describe('the monthly "where did they go" report on crisis calls', () => {
  let database: TestDatabase;
  let clock = Temporal.Instant.from('2026-02-01T00:00:00Z');
  const staff: Record<string, { userId: string; agencyId: string; agencyName: string; role: Role }> = {};
  const people: Record<string, string> = {};
  const services: Record<string, string> = {};

  function as(name: string): AppContext {
    const member = staff[name]!;
    return { db: database.db, now: () => clock, purpose: 'Testing the crisis report', actor: { kind: 'user', userId: member.userId, label: name, role: member.role, agencyId: member.agencyId, agencyName: member.agencyName } };
  }
  const at = (instant: string) => {
    clock = Temporal.Instant.from(instant);
  };

  async function add(name: string, role: Role, agencyName: string, agencyKind: AgencyKind, team: string | null) {
    const added = await addStaff(database.db, { username: name, role, agencyName, agencyKind, displayName: name });
    if (team !== null) {
      const teamId = await createTeam(systemContext(database.db), added.agencyId, { name: team });
      await database.db.updateTable('users').set({ team_id: teamId }).where('id', '=', added.userId).execute();
      services[team] = teamId;
    }
    staff[name] = { userId: added.userId, agencyId: added.agencyId, agencyName: added.agencyName, role };
  }

  async function register(givenNames: string, familyName: string) {
    const outcome = await registerPerson(
      as('control'),
      { givenNames, familyName, preferredName: null, otherNames: null, dateOfBirth: '1985-06-01', nhsNumber: null, pncId: null, probationReference: null, address: '12 Harbour Road', preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null },
      { confirmedNewPerson: true },
    );
    people[givenNames] = outcome.kind === 'registered' ? outcome.personId : '';
  }

  function call(category: string, person: string | null) {
    return {
      category,
      caller: 'A neighbour, by phone',
      location: 'Harbour Road',
      concern: 'Seen on the harbour wall, distressed.',
      risk: 'high',
      riskKnown: 'Nothing known.',
      personId: person === null ? null : people[person]!,
      personDescription: person === null ? 'A man in his forties in a blue coat' : '',
    };
  }

  // Raises a call and routes it to health and care at the same instant.
  async function raiseForHealth(instant: string, category: string, person: string | null): Promise<string> {
    at(instant);
    const callId = await raiseCall(as('control'), call(category, person));
    await recordThresholdDecision(as('control'), callId, { crime: 'no', riskToLife: 'no', reasons: 'No crime; no immediate risk to life.' });
    return callId;
  }

  async function handOff(instant: string, callId: string, service: string): Promise<string> {
    at(instant);
    return handOffCall(as('control'), callId, { serviceId: services[service]!, asked: 'Please assess today.' });
  }

  before(async () => {
    database = await freshDatabase();
    await add('control', 'police-control-room', 'Wessex Police', 'police-force', 'Control room');
    await add('crisis', 'crisis-team-practitioner', 'Wessex Partnership NHS Trust', 'mental-health-trust', 'Crisis team');
    await add('paramedic', 'paramedic', 'Wessex Ambulance Service', 'ambulance-service', null);
    await add('records', 'mha-administrator', 'Wessex Partnership NHS Trust', 'mental-health-trust', null);
    await add('admin', 'system-administrator', 'Accord administration', 'mental-health-trust', null);
    for (const [given, family] of [['Ada', 'Moss'], ['Ben', 'Hale'], ['Cara', 'Lund']] as const) await register(given, family);
    const directory = { canDo: 'Assessment', cannotDo: 'Cannot force entry', hours: '24 hours', outOfHours: '0300 000 0000' };
    services['crisis-service'] = await saveService(as('admin'), null, { name: 'Wessex crisis team', kind: 'crisis-team', ...directory, agencyId: staff.crisis!.agencyId, teamId: services['Crisis team']! });
    services['ambulance-service'] = await saveService(as('admin'), null, { name: 'Wessex ambulance', kind: 'ambulance', ...directory, agencyId: staff.paramedic!.agencyId, teamId: null });

    // February: one call about Ada, answered after 35 minutes and closed.
    const february = await raiseForHealth('2026-02-10T10:00:00Z', 'concern-for-welfare', 'Ada');
    const februaryHandoff = await handOff('2026-02-10T10:05:00Z', february, 'crisis-service');
    at('2026-02-10T10:35:00Z');
    await decideReferral(as('crisis'), februaryHandoff, 'accepted', '');
    at('2026-02-10T14:00:00Z');
    await closeCall(as('crisis'), february, { outcome: 'seen-and-assessed', detail: 'Seen at home.' });

    // March, call 1 (Ada): declined by the crisis team after 30 minutes, then taken by the ambulance service and closed.
    const declinedFirst = await raiseForHealth('2026-03-02T10:00:00Z', 'concern-for-welfare', 'Ada');
    const crisisHandoff = await handOff('2026-03-02T10:10:00Z', declinedFirst, 'crisis-service');
    at('2026-03-02T10:30:00Z');
    await decideReferral(as('crisis'), crisisHandoff, 'declined', 'No capacity; needs an ambulance.');
    const ambulanceHandoff = await handOff('2026-03-02T10:40:00Z', declinedFirst, 'ambulance-service');
    at('2026-03-02T11:00:00Z');
    await decideReferral(as('paramedic'), ambulanceHandoff, 'accepted', '');
    at('2026-03-02T12:00:00Z');
    await closeCall(as('paramedic'), declinedFirst, { outcome: 'admitted', detail: 'Admitted to Ward 4.' });

    // March, call 2 (Ada again): the police attend and close it.
    at('2026-03-05T09:00:00Z');
    const policeCall = await raiseCall(as('control'), call('medical-help', 'Ada'));
    await recordThresholdDecision(as('control'), policeCall, { crime: 'no', riskToLife: 'yes', reasons: 'Holding a blade to her arm.' });
    at('2026-03-05T10:00:00Z');
    await closeCall(as('control'), policeCall, { outcome: 'no-further-action', detail: 'Calm when officers arrived; her sister stayed.' });

    // March, call 3 (Ben): accepted by the crisis team after 90 minutes, and closed only in April.
    const lateClosed = await raiseForHealth('2026-03-10T08:00:00Z', 'transport-or-conveyance', 'Ben');
    const lateHandoff = await handOff('2026-03-10T08:00:00Z', lateClosed, 'crisis-service');
    at('2026-03-10T09:30:00Z');
    await decideReferral(as('crisis'), lateHandoff, 'accepted', '');

    // March, call 4 (Cara): accepted by the ambulance service after 15 minutes and closed.
    const quick = await raiseForHealth('2026-03-12T10:00:00Z', 'concern-for-welfare', 'Cara');
    const quickHandoff = await handOff('2026-03-12T10:00:00Z', quick, 'ambulance-service');
    at('2026-03-12T10:15:00Z');
    await decideReferral(as('paramedic'), quickHandoff, 'accepted', '');
    at('2026-03-12T11:00:00Z');
    await closeCall(as('paramedic'), quick, { outcome: 'referred-on', detail: 'Referred to her GP.' });

    // March, call 5: someone not on Accord; nobody has taken it.
    await raiseForHealth('2026-03-20T12:00:00Z', 'concern-for-welfare', null);

    // 23:30 on 31 March by the UTC clock is 00:30 on 1 April in London (summer time): an April call.
    await raiseForHealth('2026-03-31T23:30:00Z', 'concern-for-welfare', 'Ada');

    at('2026-04-02T09:00:00Z');
    await closeCall(as('crisis'), lateClosed, { outcome: 'seen-and-assessed', detail: 'Conveyed to the place of safety and assessed.' });
    at('2026-04-15T12:00:00Z');
  });
  after(() => database.close());

  const count = (tallies: { label: string; count: number }[], label: string) => tallies.find((tally) => tally.label === label)?.count;

  it('counts the calls raised in a London calendar month by category and by outcome as it stands now', async () => {
    const march = await whereDidTheyGo(as('records'), '2026-03');
    assert.equal(march.calls, 5);
    assert.equal(march.partial, false);
    assert.equal(count(march.byCategory, 'Concern for welfare'), 3);
    assert.equal(count(march.byCategory, 'Person needing medical help'), 1);
    assert.equal(count(march.byCategory, 'Transport or conveyance request'), 1);
    assert.equal(count(march.byCategory, 'Section 136 handover'), 0);
    assert.equal(count(march.byOutcome, 'Admitted'), 1);
    assert.equal(count(march.byOutcome, 'No further action'), 1);
    assert.equal(count(march.byOutcome, 'Referred on'), 1);
    // Closed in April, so it shows its outcome, but it was open at the end of March.
    assert.equal(count(march.byOutcome, 'Seen and assessed'), 1);
    assert.equal(count(march.byOutcome, 'No outcome yet'), 1);
    assert.equal(march.openAtMonthEnd, 2);

    const february = await whereDidTheyGo(as('records'), '2026-02');
    assert.equal(february.calls, 1);
    assert.equal(count(february.byOutcome, 'Seen and assessed'), 1);
    assert.equal(february.openAtMonthEnd, 0);

    const april = await whereDidTheyGo(as('records'), '2026-04');
    assert.equal(april.calls, 1);
    assert.equal(april.partial, true);
    assert.equal(april.openAtMonthEnd, 1);
  });

  it('says which agency took each call: accepted handoffs by receiving agency, and the calls the police attended', async () => {
    const march = await whereDidTheyGo(as('records'), '2026-03');
    assert.deepEqual(
      march.takenBy.map((tally) => [tally.label, tally.count]),
      [
        ['Wessex Ambulance Service', 2],
        ['Police attended', 1],
        ['Wessex Partnership NHS Trust', 1],
        ['Not taken by anyone yet', 1],
      ],
    );
  });

  it('measures time to response from the call being raised to the first handoff’s answer, overall and by agency', async () => {
    const march = await whereDidTheyGo(as('records'), '2026-03');
    // First answers: 30 minutes (declined by the crisis team), 90 (crisis team), 15 (ambulance).
    assert.deepEqual(march.responseTimes, { answered: 3, medianMinutes: 30, ninetiethPercentileMinutes: 90 });
    assert.deepEqual(march.responseTimesByAgency, [
      { agencyName: 'Wessex Ambulance Service', answered: 1, medianMinutes: 15, ninetiethPercentileMinutes: 15 },
      { agencyName: 'Wessex Partnership NHS Trust', answered: 2, medianMinutes: 60, ninetiethPercentileMinutes: 90 },
    ]);
    assert.equal(march.firstHandoffUnanswered, 0);
    assert.equal((await whereDidTheyGo(as('records'), '2026-02')).responseTimes.medianMinutes, 35);
  });

  it('counts repeat callers without naming them, and audits the report as a read about no one', async () => {
    const march = await whereDidTheyGo(as('records'), '2026-03');
    // Ada had two calls in March (her third, by the London clock, was in April).
    assert.deepEqual(march.repeatCallers, { people: 1, calls: 2 });
    const written = JSON.stringify(march);
    for (const [name, personId] of Object.entries(people)) {
      assert.equal(written.includes(personId), false, `the report holds no identifier of ${name}`);
      assert.equal(written.includes(name), false, `the report does not name ${name}`);
    }
    const audit = await database.db.selectFrom('audit_log').selectAll().where('what', '=', 'Produced the crisis calls report for 2026-03').orderBy('sequence', 'desc').executeTakeFirstOrThrow();
    assert.equal(audit.action, 'read');
    assert.equal(audit.person_id, null);
    assert.equal(audit.person_ids, null);
    assert.equal(audit.actor_label, 'records');
  });

  it('refuses a month that is not a month, or not yet begun, naming the field; and anyone whose role does not read reports', async () => {
    for (const month of ['2026-13', 'March', '', '2026-3']) {
      await assert.rejects(whereDidTheyGo(as('records'), month), (error: unknown) => error instanceof InvalidInput && error.problems[0]!.field === 'month');
    }
    await assert.rejects(whereDidTheyGo(as('records'), '2026-05'), (error: unknown) => error instanceof InvalidInput && /this month or in the past/.test(error.problems[0]!.message));
    await assert.rejects(whereDidTheyGo(as('control'), '2026-03'), PolicyDenied);
  });

  it('takes the median of an even count as the mean of the middle two, and the 90th percentile by nearest rank', () => {
    assert.equal(median([]), null);
    assert.equal(median([40, 10, 20, 30]), 25);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90), 9);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90), 10);
  });
});
