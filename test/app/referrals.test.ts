import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { AppContext } from '../../src/app/context.ts';
import { sweepTasks } from '../../src/app/deadlines/sweep.ts';
import { InvalidInput, NotFound, PolicyDenied } from '../../src/app/errors.ts';
import { inAppNotifier } from '../../src/app/notifications/notifier.ts';
import { createTeam } from '../../src/app/organisation/organisation.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { escalateOverdueReferrals } from '../../src/app/referrals/escalation.ts';
import { makeReferral } from '../../src/app/referrals/make-referral.ts';
import { referralInbox, referralsSent, viewReferral } from '../../src/app/referrals/read-referrals.ts';
import { acknowledgeReferral, closeReferral, decideReferral, withdrawReferral } from '../../src/app/referrals/referral-steps.ts';
import { setTeamLead } from '../../src/app/referrals/team-leads.ts';
import { personAccess, requirePersonAccess } from '../../src/app/sharing/person-access.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import type { NewReferralInput } from '../../src/domain/referrals/referral.ts';
import { auditEntriesAbout } from '../support/audit.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff, systemContext } from '../support/harness.ts';

const policeName = 'Wessex Police';
const divertName = 'Wessex Liaison and Diversion';

interface Staff {
  userId: string;
  agencyId: string;
  agencyName: string;
  role: Role;
  label: string;
}

describe('referrals', () => {
  let database: TestDatabase;
  // A clock the tests move: 10 March 2026, 3pm in London, to begin with.
  const start = Temporal.Instant.from('2026-03-10T15:00:00Z');
  let clock = start;
  const staff: Record<string, Staff> = {};
  const teams: Record<string, string> = {};
  let personId = '';

  // A new context for every call: access is decided once per context, as once per request.
  function as(name: string): AppContext {
    const member = staff[name]!;
    return {
      db: database.db,
      now: () => clock,
      purpose: 'Testing referrals',
      actor: { kind: 'user', userId: member.userId, label: member.label, role: member.role, agencyId: member.agencyId, agencyName: member.agencyName },
    };
  }

  function sweeper(): AppContext {
    return { ...systemContext(database.db, 'Escalating referrals'), now: () => clock };
  }

  async function add(name: string, role: Role, agencyName: string, agencyKind: AgencyKind, team: string | null) {
    const added = await addStaff(database.db, { username: name, role, agencyName, agencyKind, displayName: `${name} (${role})` });
    if (team !== null) {
      teams[team] ??= await createTeam(systemContext(database.db), added.agencyId, { name: team });
      await database.db.updateTable('users').set({ team_id: teams[team] }).where('id', '=', added.userId).execute();
    }
    staff[name] = { userId: added.userId, agencyId: added.agencyId, agencyName: added.agencyName, role, label: `${name} (${role})` };
  }

  function screening(overrides: Partial<NewReferralInput> = {}): NewReferralInput {
    return {
      purpose: 'liaison-and-diversion-screening',
      urgency: 'urgent',
      asked: 'Screen him in custody before his first appearance tomorrow.',
      referrerWords: 'Arrested for criminal damage at 1pm. Confused, says the television talks to him.',
      toAgencyId: staff.screener!.agencyId,
      toTeamId: teams['Custody screening']!,
      ...overrides,
    };
  }

  before(async () => {
    database = await freshDatabase();
    await add('custody', 'police-officer', policeName, 'police-force', 'Custody suite');
    await add('custody2', 'police-officer', policeName, 'police-force', 'Custody suite');
    await add('response', 'police-officer', policeName, 'police-force', 'Response');
    await add('screener', 'liaison-and-diversion-practitioner', divertName, 'liaison-and-diversion', 'Custody screening');
    await add('lead', 'liaison-and-diversion-practitioner', divertName, 'liaison-and-diversion', 'Custody screening');
    await add('court', 'liaison-and-diversion-practitioner', divertName, 'liaison-and-diversion', 'Court team');
    await add('elsewhere', 'police-officer', 'Dorset Police', 'police-force', null);
    await add('admin', 'system-administrator', 'Accord administration', 'mental-health-trust', null);
    // Added by the custody officer, which makes the police involved with him.
    const outcome = await registerPerson(
      as('custody'),
      { givenNames: 'Jonah', familyName: 'Reed', preferredName: null, otherNames: null, dateOfBirth: '1991-04-02', nhsNumber: null, pncId: null, probationReference: null, address: '3 Quay Street', preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null },
      { confirmedNewPerson: true },
    );
    assert.equal(outcome.kind, 'registered');
    personId = outcome.kind === 'registered' ? outcome.personId : '';
    await setTeamLead(as('admin'), teams['Custody screening']!, staff.lead!.userId);
  });
  after(() => database.close());
  beforeEach(() => {
    clock = start;
  });

  async function referral(id: string) {
    return database.db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  it('keeps the referrer’s own words, what was asked, the urgency and timers fixed when sent, and audits it', async () => {
    const id = await makeReferral(as('custody'), personId, screening());
    const row = await referral(id);
    assert.equal(row.status, 'sent');
    assert.equal(row.referrer_words, 'Arrested for criminal damage at 1pm. Confused, says the television talks to him.');
    assert.equal(row.asked, 'Screen him in custody before his first appearance tomorrow.');
    assert.equal(row.urgency, 'urgent');
    assert.equal(row.from_team_id, teams['Custody suite']);
    assert.equal(row.to_team_id, teams['Custody screening']);
    assert.equal(Temporal.Instant.from(row.acknowledge_due).toString(), '2026-03-10T19:00:00Z');
    assert.equal(Temporal.Instant.from(row.decide_due).toString(), '2026-03-11T15:00:00Z');
    const audit = await auditEntriesAbout(database.db, personId).execute();
    assert.ok(audit.some((entry) => entry.action === 'write' && entry.what === 'Referred to Custody screening (Wessex Liaison and Diversion) for: Liaison and diversion screening (urgent)'));
  });

  it('refuses a referral from someone who may not change the person’s record, and audits the refusal', async () => {
    const before = await database.db.selectFrom('referrals').select('id').execute();
    await assert.rejects(makeReferral(as('elsewhere'), personId, screening()), PolicyDenied);
    const after = await database.db.selectFrom('referrals').select('id').execute();
    assert.equal(after.length, before.length);
    const refusals = (await auditEntriesAbout(database.db, personId).execute()).filter((entry) => entry.action === 'refused' && entry.actor_user_id === staff.elsewhere!.userId);
    assert.equal(refusals.length, 1);
  });

  it('names each bad field and saves nothing', async () => {
    const before = await database.db.selectFrom('referrals').select('id').execute();
    await assert.rejects(makeReferral(as('custody'), personId, screening({ asked: '  ', urgency: 'whenever', toAgencyId: 'not-an-id', toTeamId: null })), (error: unknown) => {
      assert.ok(error instanceof InvalidInput);
      assert.deepEqual(error.problems.map((problem) => problem.field), ['urgency', 'asked', 'to']);
      return true;
    });
    // A team of another agency is not a receiver.
    await assert.rejects(makeReferral(as('custody'), personId, screening({ toTeamId: teams.Response! })), InvalidInput);
    assert.equal((await database.db.selectFrom('referrals').select('id').execute()).length, before.length);
  });

  it('shows the receiving team the referral but not the record until it accepts; accepting makes the team involved', async () => {
    const id = await makeReferral(as('custody'), personId, screening());
    assert.equal((await personAccess(as('screener'), personId)).relationship, 'none');
    const before = await viewReferral(as('screener'), id);
    assert.equal(before.viewerIs, 'receiver');
    assert.equal(before.seesRecord, false);
    assert.equal(before.referral.personName, 'Jonah Reed');
    assert.deepEqual(before.can, { acknowledge: true, decide: true, close: false, withdraw: false });
    await assert.rejects(requirePersonAccess(as('screener'), personId, { category: 'identity' }), PolicyDenied);

    await acknowledgeReferral(as('screener'), id);
    await assert.rejects(acknowledgeReferral(as('screener'), id), (error: unknown) => error instanceof InvalidInput && /already been acknowledged/.test(error.message));
    clock = start.add({ minutes: 30 });
    await decideReferral(as('screener'), id, 'accepted', '');
    const row = await referral(id);
    assert.equal(row.status, 'accepted');
    assert.equal(row.decided_by, staff.screener!.userId);
    assert.equal(Temporal.Instant.from(row.acknowledged_at!).toString(), start.toString());

    const access = await requirePersonAccess(as('screener'), personId, { category: 'identity' });
    assert.equal(access.relationship, 'involved');
    const involvement = await database.db.selectFrom('involvements').selectAll().where('person_id', '=', personId).where('team_id', '=', teams['Custody screening']!).executeTakeFirstOrThrow();
    assert.equal(involvement.reason, 'Accepted a referral: Liaison and diversion screening');
    assert.equal(involvement.agency_id, staff.screener!.agencyId);
    // Another team of the same agency is not involved by it.
    assert.equal((await personAccess(as('court'), personId)).relationship, 'none');
    assert.equal((await viewReferral(as('screener'), id)).seesRecord, true);

    await assert.rejects(decideReferral(as('screener'), id, 'accepted', ''), (error: unknown) => error instanceof InvalidInput && error.problems[0]!.field === 'decision');
  });

  it('accepts one of two acceptances sent at once', async () => {
    const id = await makeReferral(as('custody'), personId, screening());
    const outcomes = await Promise.allSettled([decideReferral(as('screener'), id, 'accepted', ''), decideReferral(as('lead'), id, 'declined', 'We are full')]);
    assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
    const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
    assert.ok(rejected && rejected.reason instanceof InvalidInput);
  });

  it('refuses a decline without a reason, and sends the reason back to the referrer', async () => {
    const id = await makeReferral(as('custody'), personId, screening({ purpose: 'mental-health-assessment' }));
    await assert.rejects(decideReferral(as('screener'), id, 'declined', ' '), (error: unknown) => {
      assert.ok(error instanceof InvalidInput);
      assert.deepEqual(error.problems, [{ field: 'decisionReason', message: 'Enter why you are declining the referral: the referrer is told' }]);
      return true;
    });
    assert.equal((await referral(id)).status, 'sent');
    const notificationsBefore = await database.db.selectFrom('notifications').select('id').where('agency_id', '=', staff.custody!.agencyId).execute();
    await decideReferral(as('screener'), id, 'declined', 'An assessment is for the approved mental health professional service.');
    const row = await referral(id);
    assert.equal(row.status, 'declined');
    assert.equal(row.decision_reason, 'An assessment is for the approved mental health professional service.');
    const known = new Set(notificationsBefore.map((item) => item.id));
    const notifications = await database.db.selectFrom('notifications').selectAll().where('agency_id', '=', staff.custody!.agencyId).execute();
    const added = notifications.filter((item) => !known.has(item.id));
    assert.equal(added.length, 1);
    const told = added[0]!;
    assert.equal(told.subject, 'Referral declined by Custody screening (Wessex Liaison and Diversion)');
    assert.equal(told.recipient, staff.custody!.label);
    assert.equal(told.role, 'police-officer');
    assert.ok(!told.body.includes('Jonah'), 'the notification does not name the person');
    // The sent list shows how it ended.
    const sent = await referralsSent(as('custody2'));
    const listed = sent.find((item) => item.id === id)!;
    assert.equal(listed.state.status, 'declined');
    assert.equal(listed.state.decision?.reason, 'An assessment is for the approved mental health professional service.');
    // Declined is finished: it cannot be accepted, closed or withdrawn.
    await assert.rejects(decideReferral(as('screener'), id, 'accepted', ''), InvalidInput);
    await assert.rejects(withdrawReferral(as('custody'), id, 'Too late'), InvalidInput);
  });

  it('closes only with an outcome, only by the receiving team, and tells the referrer', async () => {
    const id = await makeReferral(as('custody'), personId, screening());
    await assert.rejects(closeReferral(as('screener'), id, 'completed', 'Screened'), (error: unknown) => error instanceof InvalidInput && /not been accepted/.test(error.message));
    await decideReferral(as('screener'), id, 'accepted', 'Seeing him at 4pm');
    await assert.rejects(closeReferral(as('screener'), id, '', ''), (error: unknown) => {
      assert.ok(error instanceof InvalidInput);
      assert.deepEqual(error.problems.map((problem) => problem.field), ['outcome', 'outcomeNote']);
      return true;
    });
    await assert.rejects(closeReferral(as('custody'), id, 'completed', 'Screened'), PolicyDenied);
    await assert.rejects(closeReferral(as('court'), id, 'completed', 'Screened'), PolicyDenied);
    assert.equal((await referral(id)).status, 'accepted');
    clock = start.add({ hours: 3 });
    await closeReferral(as('lead'), id, 'completed', 'Screened: psychosis likely; report to the court tomorrow recommends a mental health treatment requirement.');
    const row = await referral(id);
    assert.equal(row.status, 'closed');
    assert.equal(row.outcome, 'completed');
    assert.equal(row.closed_by, staff.lead!.userId);
    const told = await database.db.selectFrom('notifications').selectAll().where('subject', '=', 'Outcome of your referral to Custody screening (Wessex Liaison and Diversion)').execute();
    assert.equal(told.length, 1);
    assert.match(told[0]!.body, /was closed: done as asked\./);
    // The database itself refuses a closed referral without an outcome.
    await assert.rejects(database.db.updateTable('referrals').set({ outcome_note: ' ' }).where('id', '=', id).execute());
    await assert.rejects(database.db.deleteFrom('referrals').where('id', '=', id).execute());
  });

  it('lets only the referring team withdraw an unanswered referral, with a reason', async () => {
    const id = await makeReferral(as('custody'), personId, screening());
    await assert.rejects(withdrawReferral(as('screener'), id, 'Not ours'), PolicyDenied);
    await assert.rejects(withdrawReferral(as('response'), id, 'Not ours'), PolicyDenied);
    await assert.rejects(withdrawReferral(as('custody2'), id, ''), (error: unknown) => error instanceof InvalidInput && error.problems[0]!.field === 'withdrawalReason');
    await withdrawReferral(as('custody2'), id, 'Released without charge at 4pm.');
    const row = await referral(id);
    assert.equal(row.status, 'withdrawn');
    assert.equal(row.withdrawn_by, staff.custody2!.userId);
    assert.equal(row.withdrawal_reason, 'Released without charge at 4pm.');
    await assert.rejects(acknowledgeReferral(as('screener'), id), InvalidInput);
  });

  it('escalates an overdue referral once, to the receiving team’s named lead, with one notification', async () => {
    const id = await makeReferral(as('custody'), personId, screening({ urgency: 'emergency' }));
    clock = start.add({ minutes: 59 });
    const early = await escalateOverdueReferrals(sweeper());
    assert.equal((await referral(id)).escalated_at, null, `${early} escalated early`);
    const notificationsBefore = (await database.db.selectFrom('notifications').select('id').execute()).length;
    clock = start.add({ hours: 1 });
    assert.ok((await escalateOverdueReferrals(sweeper())) >= 1);
    const row = await referral(id);
    assert.equal(row.escalated_to, staff.lead!.userId);
    assert.equal(row.escalated_to_label, staff.lead!.label);
    assert.equal(row.escalated_timer, 'acknowledge');
    const notifications = await database.db.selectFrom('notifications').selectAll().where('recipient', '=', staff.lead!.label).where('body', 'like', '%emergency referral%').execute();
    assert.equal(notifications.length, 1);
    assert.equal(notifications[0]!.agency_id, staff.lead!.agencyId);
    assert.equal(notifications[0]!.role, 'liaison-and-diversion-practitioner');
    assert.match(notifications[0]!.body, /Acknowledge was due 2026-03-10 at 16:00 \(London time\)/);
    assert.ok(!notifications[0]!.body.includes('Reed'));
    // Again, later, and once acknowledged and past the decision timer: nothing more.
    clock = start.add({ hours: 2 });
    await escalateOverdueReferrals(sweeper());
    await acknowledgeReferral(as('screener'), id);
    clock = start.add({ hours: 5 });
    await escalateOverdueReferrals(sweeper());
    assert.equal(Temporal.Instant.from((await referral(id)).escalated_at!).toString(), start.add({ hours: 1 }).toString());
    const after = await database.db.selectFrom('notifications').selectAll().where('recipient', '=', staff.lead!.label).where('body', 'like', '%emergency referral%').execute();
    assert.equal(after.length, 1);
    assert.ok((await database.db.selectFrom('notifications').select('id').execute()).length >= notificationsBefore + 1);
    const audit = await auditEntriesAbout(database.db, personId).execute();
    assert.equal(audit.filter((entry) => entry.what.startsWith('Escalated an overdue referral') && entry.what.includes(staff.lead!.label)).length >= 1, true);
    // The sweep is Accord's: no member of staff runs it.
    await assert.rejects(escalateOverdueReferrals(as('lead')), PolicyDenied);
  });

  it('escalates through the scheduled sweep, and to the administrators when the team has no lead', async () => {
    const id = await makeReferral(as('custody'), personId, screening({ urgency: 'emergency', toTeamId: teams['Court team']! }));
    clock = start.add({ hours: 2 });
    const outcome = await sweepTasks(sweeper(), inAppNotifier, { warn: () => undefined, error: () => undefined });
    assert.ok(outcome.referralsEscalated >= 1);
    const row = await referral(id);
    assert.notEqual(row.escalated_at, null);
    assert.equal(row.escalated_to, null);
    const told = await database.db.selectFrom('notifications').selectAll().where('subject', '=', 'Overdue referral to Court team (Wessex Liaison and Diversion): no lead is named').execute();
    assert.equal(told.length, 1);
    assert.equal(told[0]!.role, 'system-administrator');
    assert.equal(told[0]!.status, 'in-app');
  });

  it('lists a team’s inbox, open and overdue first, and not another team’s', async () => {
    const routine = await makeReferral(as('custody'), personId, screening({ urgency: 'routine' }));
    const emergency = await makeReferral(as('custody'), personId, screening({ urgency: 'emergency' }));
    const inbox = await referralInbox(as('screener'));
    const ids = inbox.map((item) => item.id);
    assert.ok(ids.indexOf(emergency) < ids.indexOf(routine));
    const firstFinished = inbox.findIndex((item) => ['declined', 'closed', 'withdrawn'].includes(item.state.status));
    const lastOpen = inbox.findLastIndex((item) => !['declined', 'closed', 'withdrawn'].includes(item.state.status));
    assert.ok(firstFinished === -1 || lastOpen < firstFinished);
    assert.ok(!(await referralInbox(as('court'))).some((item) => item.id === emergency));
    assert.ok(!(await referralsSent(as('response'))).some((item) => item.id === emergency));
    // Listing is audited, naming everyone listed.
    const lists = await database.db.selectFrom('audit_log').selectAll().where('action', '=', 'list').where('what', '=', 'Listed the referrals received by their team').where('actor_user_id', '=', staff.screener!.userId).execute();
    assert.ok(lists.length >= 1 && lists.at(-1)!.person_ids!.includes(personId));
  });

  it('shows a referral only to its two teams and to those who may read the record', async () => {
    const id = await makeReferral(as('custody'), personId, screening());
    // The response team is in the police, who are involved with him: it reads the record, so it may see it.
    assert.equal((await viewReferral(as('response'), id)).viewerIs, 'record-reader');
    await assert.rejects(viewReferral(as('court'), id), PolicyDenied);
    await assert.rejects(viewReferral(as('elsewhere'), id), PolicyDenied);
    await assert.rejects(viewReferral(as('screener'), '00000000-0000-4000-8000-000000000000'), NotFound);
    const reads = (await auditEntriesAbout(database.db, personId).execute()).filter((entry) => entry.action === 'read' && entry.what.startsWith('Viewed a referral'));
    assert.ok(reads.length >= 1);
  });

  it('names a team’s lead only by an administrator, from the team’s agency, and audits it', async () => {
    await assert.rejects(setTeamLead(as('custody'), teams['Custody suite']!, staff.custody!.userId), PolicyDenied);
    await assert.rejects(setTeamLead(as('admin'), teams['Custody suite']!, staff.screener!.userId), (error: unknown) => error instanceof InvalidInput && error.problems[0]!.field === 'leadUserId');
    await setTeamLead(as('admin'), teams['Custody suite']!, staff.custody2!.userId);
    const team = await database.db.selectFrom('teams').select('lead_user_id').where('id', '=', teams['Custody suite']!).executeTakeFirstOrThrow();
    assert.equal(team.lead_user_id, staff.custody2!.userId);
    const entry = await database.db.selectFrom('audit_log').selectAll().where('action', '=', 'administer').where('what', 'like', 'Named % as the lead of Custody suite%').executeTakeFirst();
    assert.ok(entry);
    await setTeamLead(as('admin'), teams['Custody suite']!, null);
    assert.equal((await database.db.selectFrom('teams').select('lead_user_id').where('id', '=', teams['Custody suite']!).executeTakeFirstOrThrow()).lead_user_id, null);
  });

  it('writes every step to the audit log about the person', async () => {
    const id = await makeReferral(as('custody'), personId, screening({ purpose: 'pre-sentence-report' }));
    await acknowledgeReferral(as('screener'), id);
    await decideReferral(as('screener'), id, 'accepted', '');
    await closeReferral(as('screener'), id, 'partly-completed', 'Short-format report only: he declined a full interview.');
    const whats = (await auditEntriesAbout(database.db, personId).execute()).filter((entry) => entry.action === 'write').map((entry) => entry.what);
    assert.ok(whats.includes('Referred to Custody screening (Wessex Liaison and Diversion) for: Pre-sentence report (urgent)'));
    assert.ok(whats.includes('Acknowledged a referral from Custody suite (Wessex Police) (Pre-sentence report)'));
    assert.ok(whats.includes('Accepted a referral from Custody suite (Wessex Police) (Pre-sentence report): Custody screening (Wessex Liaison and Diversion) is now involved'));
    assert.ok(whats.includes('Closed a referral from Custody suite (Wessex Police) (Pre-sentence report). Outcome: Partly done: Short-format report only: he declined a full interview.'));
  });
});
