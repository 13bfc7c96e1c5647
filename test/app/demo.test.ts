import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn } from '../../src/app/auth/sign-in.ts';
import { clockNow, type AppContext } from '../../src/app/context.ts';
import { pathwayDashboard, probationCaseload } from '../../src/app/mhtr/case-views.ts';
import { demoPeople } from '../../src/app/demo/case-studies.ts';
import { hospitalPatients } from '../../src/app/demo/hospital-patients.ts';
import { prepareDemo, seedDemo } from '../../src/app/demo/seed.ts';
import { loadEntries } from '../../src/app/people/record-store.ts';
import type { AccordDatabase } from '../../src/db/database.ts';
import { agencyKindKeys } from '../../src/domain/organisation/agency-kinds.ts';
import { approvalHoldsOn, approvalKindKeys } from '../../src/domain/organisation/approvals.ts';
import { nhsNumberProblem } from '../../src/domain/people/nhs-number.ts';
import { stepRules, type MhtrStepKind } from '../../src/domain/mhtr/pathway.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { derivePersonState } from '../../src/domain/people/person.ts';
import { freshDatabase } from '../support/database.ts';

const password = 'the first demo password';

async function personNamed(db: AccordDatabase, givenNames: string, familyName: string) {
  return db.selectFrom('people').selectAll().where('given_names', '=', givenNames).where('family_name', '=', familyName).executeTakeFirstOrThrow();
}

// A context acting as a demo member of staff, now.
async function asStaff(db: AccordDatabase, username: string): Promise<AppContext> {
  const user = await db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.display_name', 'users.role', 'agencies.id as agency_id', 'agencies.name as agency_name'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return {
    db,
    now: clockNow,
    purpose: 'Checking the demo',
    actor: { kind: 'user', userId: user.id, label: user.display_name, role: user.role as Role, agencyId: user.agency_id, agencyName: user.agency_name },
  };
}

// A person's pathway case: where it is, its steps in order, and what happened at its appointments.
async function pathwayOf(db: AccordDatabase, givenNames: string, familyName: string) {
  const person = await personNamed(db, givenNames, familyName);
  const found = await db.selectFrom('mhtr_cases').selectAll().where('person_id', '=', person.id).execute();
  assert.equal(found.length, 1, `${givenNames} has one pathway case`);
  const pathwayCase = found[0]!;
  const steps = await db.selectFrom('mhtr_steps').selectAll().where('case_id', '=', pathwayCase.id).orderBy('sequence').execute();
  const appointments = await db.selectFrom('mhtr_appointments').selectAll().where('case_id', '=', pathwayCase.id).orderBy('starts_at').execute();
  const count = (outcome: string | null) => appointments.filter((item) => item.outcome === outcome).length;
  const data = (kind: MhtrStepKind) => {
    const step = steps.find((item) => item.kind === kind);
    assert.ok(step, `${givenNames}’s case has a ${kind} step`);
    return (typeof step.data === 'string' ? JSON.parse(step.data) : step.data) as Record<string, unknown>;
  };
  return { person, pathwayCase, steps, appointments, attended: count('attended'), missed: count('missed'), toCome: count(null), data };
}

describe('the Wessex demo', () => {
  let db: AccordDatabase;
  let close: () => Promise<void>;
  before(async () => {
    ({ db, close } = await freshDatabase());
    const outcome = await seedDemo(db, clockNow, password);
    assert.equal(outcome.seeded, true);
  });
  after(() => close());

  it('has an agency of every kind, each with staff, and demo-admin as system administrator', async () => {
    const agencies = await db.selectFrom('agencies').select(['id', 'kind']).execute();
    assert.deepEqual([...new Set(agencies.map((agency) => agency.kind))].sort(), [...agencyKindKeys].sort());
    for (const agency of agencies) {
      const staff = await db.selectFrom('users').select('id').where('agency_id', '=', agency.id).execute();
      assert.ok(staff.length > 0, `agency of kind ${agency.kind} has staff`);
    }
    const users = await db.selectFrom('users').select(['username', 'role', 'is_demo']).execute();
    assert.ok(users.every((user) => user.is_demo));
    assert.deepEqual(users.filter((user) => user.role === 'system-administrator').map((user) => user.username), ['demo-admin']);
    assert.ok(new Set(users.map((user) => user.role)).size >= 20, 'staff hold many different roles');
  });

  it('records approvals of every kind, current on today except one AMHP approval that has lapsed', async () => {
    const today = clockNow().toZonedDateTimeISO('Europe/London').toPlainDate();
    const approvals = await db.selectFrom('approvals').innerJoin('users', 'users.id', 'approvals.user_id').select(['approvals.kind', 'valid_from', 'valid_to', 'users.username', 'users.role']).execute();
    assert.deepEqual([...new Set(approvals.map((approval) => approval.kind))].sort(), [...approvalKindKeys].sort());
    const lapsed = approvals.filter(
      (approval) => !approvalHoldsOn({ validFrom: Temporal.PlainDate.from(approval.valid_from), validTo: approval.valid_to ? Temporal.PlainDate.from(approval.valid_to) : null, withdrawn: false }, today),
    );
    assert.deepEqual(lapsed.map((approval) => [approval.username, approval.kind]), [['gillian.oak', 'amhp']]);
    assert.ok(approvals.some((approval) => approval.valid_to !== null));
  });

  it('adds the case-study people and the hospital’s patients as demo people with valid test identifiers', async () => {
    const people = await db.selectFrom('people').selectAll().execute();
    assert.equal(people.length, demoPeople.length + hospitalPatients.length);
    for (const person of people) {
      assert.equal(person.is_demo, true);
      assert.match(person.nhs_number ?? '', /^999\d{7}$/);
      assert.equal(nhsNumberProblem(person.nhs_number!), null);
      if (person.pnc_id) assert.match(person.pnc_id, /^\d{2}\/\d{7}[A-Z]$/);
      if (person.probation_reference) assert.match(person.probation_reference, /^[A-Z]\d{6}$/);
      const details = (person.state as { details: { address: string | null } }).details;
      assert.match(details.address ?? '', /WX\d /, 'addresses are in the fictional WX postcode area');
    }
    const anna = (await personNamed(db, 'Anna', 'Wójcik')).state as { details: { preferredLanguage: string; interpreterNeeded: boolean } };
    assert.equal(anna.details.preferredLanguage, 'Polish');
    assert.equal(anna.details.interpreterNeeded, true);
  });

  it('gives every person a chronology in time order, each case-study person’s written by staff of more than one agency', async () => {
    const caseStudyNames = new Set(demoPeople.map((person) => person.events[0]!.action).map((action) => (action.kind === 'register' ? `${action.details.givenNames} ${action.details.familyName}` : '')));
    const people = await db.selectFrom('people').select(['id', 'state', 'version', 'given_names', 'family_name']).execute();
    for (const person of people) {
      const entries = await loadEntries(db, person.id);
      const agencies = new Set(entries.map((entry) => entry.author.agencyName));
      if (caseStudyNames.has(`${person.given_names} ${person.family_name}`)) assert.ok(agencies.size >= 2, 'entries from at least two agencies');
      for (const entry of entries) assert.ok(entry.author.userId, 'each entry is by a member of staff');
      for (let index = 1; index < entries.length; index += 1) assert.ok(Temporal.Instant.compare(entries[index - 1]!.recordedAt, entries[index]!.recordedAt) < 0);
      assert.ok(Temporal.Instant.compare(entries.at(-1)!.recordedAt, clockNow()) < 0);
      assert.deepEqual((person.state as { details: unknown }).details, derivePersonState(entries).details);
    }
  });

  it('keeps the corrected registration in Mark’s record, with his date of birth corrected', async () => {
    const mark = await personNamed(db, 'Mark', 'Treadwell');
    assert.equal(mark.date_of_birth, '1994-07-11');
    const entries = await loadEntries(db, mark.id);
    const correction = entries.find((entry) => entry.content.kind === 'correction');
    assert.ok(correction);
    assert.equal(correction.supersedes, entries[0]!.id);
    assert.equal(correction.author.agencyName, 'Durnover Green Surgery');
    assert.equal((entries[0]!.content.data as { dateOfBirth: string }).dateOfBirth, '1994-11-07');
  });

  it('records Helen’s own words as the case study gives them', async () => {
    const helen = await personNamed(db, 'Helen', 'Ashby');
    const state = helen.state as { ownWords: { words: string; recordedBy: string } };
    assert.match(state.ownWords.words, /^I have never had goal setting explained so that I understand how to use it in my daily life/);
    assert.equal(state.ownWords.recordedBy, 'Beth Ingram');
  });

  it('takes Helen along the pathway from a custody referral to supervision she keeps to, where she is now', async () => {
    const helen = await pathwayOf(db, 'Helen', 'Ashby');
    assert.equal(helen.pathwayCase.stage, 'supervision');
    assert.deepEqual(
      [...new Set(helen.steps.map((step) => step.stage_after))],
      ['screening', 'pre-sentence-report', 'assessment', 'report', 'court-decision', 'order', 'allocation', 'placement', 'supervision'],
    );
    // The case came from a custody referral to liaison and diversion, answered and closed.
    const referral = await db
      .selectFrom('referrals')
      .innerJoin('agencies as sender', 'sender.id', 'referrals.from_agency_id')
      .innerJoin('agencies as receiver', 'receiver.id', 'referrals.to_agency_id')
      .select(['referrals.purpose', 'referrals.status', 'referrals.decision', 'sender.kind as from_kind', 'receiver.kind as to_kind'])
      .where('referrals.id', '=', helen.pathwayCase.referral_id!)
      .executeTakeFirstOrThrow();
    assert.deepEqual(referral, { purpose: 'liaison-and-diversion-screening', status: 'closed', decision: 'accepted', from_kind: 'police-force', to_kind: 'liaison-and-diversion' });
    assert.equal(helen.steps.find((step) => step.kind === 'private-consent')?.private, true);
    assert.deepEqual(helen.data('court-decision').conditionsMet, ['requires-treatment', 'arrangements', 'willingness']);
    const order = helen.data('order');
    assert.equal(order.orderKind, 'community-order');
    assert.equal(Temporal.PlainDate.from(order.requirementStartsOn as string).until(Temporal.PlainDate.from(order.requirementEndsOn as string), { largestUnit: 'months' }).months, 12);
    assert.deepEqual([helen.attended, helen.missed, helen.toCome], [19, 0, 1]);
    assert.ok(!helen.steps.some((step) => step.kind === 'completion'), 'her order is still running');
  });

  it('takes AW through the whole pathway to a closed case, every appointment kept', async () => {
    const anna = await pathwayOf(db, 'Anna', 'Wójcik');
    assert.equal(anna.pathwayCase.stage, 'closed');
    assert.deepEqual(anna.steps.slice(-2).map((step) => step.kind), ['completion', 'closing-review']);
    const order = anna.data('order');
    assert.equal(order.orderKind, 'suspended-sentence-order');
    assert.deepEqual(order.otherRequirements, ['supervision', 'rehabilitation-activity']);
    assert.equal(Temporal.PlainDate.from(order.requirementStartsOn as string).until(Temporal.PlainDate.from(order.requirementEndsOn as string), { largestUnit: 'months' }).months, 12);
    assert.equal(anna.data('completion').how, 'ended-early-for-good-progress');
    assert.deepEqual([anna.attended, anna.missed, anna.toCome, anna.appointments.length], [24, 0, 0, 24]);
  });

  it('takes Mark into supervision with missed appointments, a warning with the provider’s view, then better attendance', async () => {
    const mark = await pathwayOf(db, 'Mark', 'Treadwell');
    assert.equal(mark.pathwayCase.stage, 'supervision');
    assert.deepEqual(mark.data('order').otherRequirements, ['supervision', 'alcohol-treatment']);
    assert.deepEqual([mark.attended, mark.missed, mark.toCome], [24, 4, 2]);
    const decisions = mark.steps.filter((step) => step.kind === 'compliance-decision');
    assert.equal(decisions.length, 1);
    const decision = mark.data('compliance-decision');
    assert.equal(decision.decision, 'warning');
    assert.match(decision.providerView as string, /\w/);
    assert.match(decision.providerViewFrom as string, /Beth Ingram/);
    // The warning covers every missed appointment, and none was missed after it.
    const missed = mark.appointments.filter((item) => item.outcome === 'missed');
    assert.ok(missed.every((item) => item.decided_by_step_id === decisions[0]!.id));
    const decidedAt = Temporal.Instant.from(decisions[0]!.recorded_at);
    assert.ok(missed.every((item) => Temporal.Instant.compare(Temporal.Instant.from(item.starts_at), decidedAt) < 0));
    assert.ok(mark.appointments.filter((item) => Temporal.Instant.compare(Temporal.Instant.from(item.starts_at), decidedAt) > 0).every((item) => item.outcome !== 'missed'));
    assert.deepEqual(
      mark.steps.filter((step) => step.kind === 'engagement').map((step) => (JSON.parse(typeof step.data === 'string' ? step.data : JSON.stringify(step.data)) as { level: string }).level),
      ['partly-engaging', 'engaging'],
    );
  });

  it('records every pathway step as a member of staff whose role takes it, in the past', async () => {
    const steps = await db.selectFrom('mhtr_steps').select(['kind', 'recorded_by', 'recorded_by_role', 'recorded_at']).execute();
    assert.ok(steps.length > 0);
    for (const step of steps) {
      assert.ok(step.recorded_by, `${step.kind} is recorded by a member of staff`);
      assert.ok((stepRules[step.kind as MhtrStepKind].roles as readonly string[]).includes(step.recorded_by_role!), `${step.kind} recorded by a ${step.recorded_by_role}`);
      assert.ok(Temporal.Instant.compare(Temporal.Instant.from(step.recorded_at), clockNow()) < 0);
    }
  });

  it('shows the probation practitioner her current cases, with attendance and the next appointment', async () => {
    const chloe = await asStaff(db, 'chloe.winter');
    const caseload = await probationCaseload(chloe);
    assert.deepEqual(
      caseload.map((row) => [row.personName, row.stage, row.attendance.attended, row.attendance.missed, row.missedAwaitingDecision, row.lastDecision?.decision ?? null]),
      [
        ['Helen Ashby', 'supervision', 19, 0, 0, null],
        ['Mark Treadwell', 'supervision', 24, 4, 0, 'Warning'],
      ],
    );
    for (const row of caseload) assert.ok(row.nextAppointment && Temporal.Instant.compare(row.nextAppointment.startsAt, clockNow()) > 0, `${row.personName} has an appointment to come`);
    assert.deepEqual(await probationCaseload(await asStaff(db, 'priya.nair')), [], 'AW’s closed case is off her practitioner’s caseload');
  });

  it('counts community orders made without the requirement, so uptake is not everything', async () => {
    const figures = await pathwayDashboard(await asStaff(db, 'margaret.lyle'));
    assert.deepEqual(figures.uptake, { ordersWithRequirement: 3, allCommunityOrders: 12, percent: 25 });
    const people = (stage: string) => figures.stages.find((item) => item.stage === stage)?.people;
    assert.deepEqual([people('supervision'), people('closed')], [2, 1]);
  });

  it('writes audit entries in time order, none in the future', async () => {
    const rows = await db.selectFrom('audit_log').select(['sequence', 'at']).orderBy('sequence').execute();
    for (let index = 1; index < rows.length; index += 1) {
      assert.ok(Temporal.Instant.compare(Temporal.Instant.from(rows[index - 1]!.at), Temporal.Instant.from(rows[index]!.at)) <= 0, `audit entry ${rows[index]!.sequence} is not before the one before it`);
    }
    assert.ok(Temporal.Instant.compare(Temporal.Instant.from(rows.at(-1)!.at), clockNow()) <= 0);
  });

  it('gives every demo account the demo password', async () => {
    for (const username of ['demo-admin', 'daniel.hollis', 'rachel.tull', 'zainab.hussain']) {
      assert.equal((await signIn(db, clockNow, username, password)).kind, 'signed-in', username);
    }
  });

  it('does not seed again, and at each start sets the demo accounts to that start’s password', async () => {
    assert.equal((await seedDemo(db, clockNow, 'another password entirely')).seeded, false);
    assert.equal((await signIn(db, clockNow, 'demo-admin', 'another password entirely')).kind, 'refused');

    const sameAgain = await prepareDemo(db, clockNow, password);
    assert.deepEqual(sameAgain, { seeded: false, demoAccounts: 32, passwordsSet: 0 });

    const restart = await prepareDemo(db, clockNow, 'the second start’s password');
    assert.equal(restart.seeded, false);
    assert.equal(restart.passwordsSet, restart.demoAccounts);
    assert.equal((await signIn(db, clockNow, 'chloe.winter', 'the second start’s password')).kind, 'signed-in');
    assert.equal((await signIn(db, clockNow, 'chloe.winter', password)).kind, 'refused');
    const audit = await db.selectFrom('audit_log').select(['actor_label', 'what']).orderBy('sequence', 'desc').where('action', '=', 'administer').executeTakeFirstOrThrow();
    assert.deepEqual(audit, { actor_label: 'Accord start-up (demo)', what: `Set the demo password for ${restart.demoAccounts} demo accounts` });
  });
});
