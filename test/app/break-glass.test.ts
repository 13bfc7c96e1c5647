import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppContext } from '../../src/app/context.ts';
import { Conflict, InvalidInput, NotFound, PolicyDenied } from '../../src/app/errors.ts';
import { parseSearchText, searchPeople } from '../../src/app/people/find-people.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { viewPerson } from '../../src/app/people/view-person.ts';
import { breakGlass, breakGlassForReview, breakGlassSubject, recentReviews, reviewBreakGlass, unreviewedBreakGlass } from '../../src/app/sharing/break-glass.ts';
import { breakGlassHours, validateBreakGlassRequest, validateBreakGlassReview } from '../../src/domain/sharing/break-glass.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import type { PersonDetails } from '../../src/domain/people/person.ts';
import { auditEntriesAbout } from '../support/audit.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff } from '../support/harness.ts';

const rosa: PersonDetails = {
  givenNames: 'Rosa',
  familyName: 'Treharne',
  preferredName: null,
  otherNames: null,
  dateOfBirth: '1986-09-12',
  nhsNumber: '9434765919',
  pncId: null,
  probationReference: null,
  address: '3 Mill Lane',
  preferredLanguage: null,
  interpreterNeeded: false,
  communicationNeeds: null,
};

const reason = 'Found collapsed in custody, needs her crisis plan';

describe('break-glass access and its review', () => {
  let database: TestDatabase;
  // One clock for everyone, moved on by the tests.
  let clock = Temporal.Instant.from('2026-03-02T09:00:00Z');
  const contexts = new Map<string, AppContext>();
  let personId = '';

  async function staff(username: string, role: Role, agencyName: string, agencyKind: AgencyKind): Promise<AppContext> {
    const added = await addStaff(database.db, { username, role, agencyName, agencyKind });
    const context: AppContext = {
      db: database.db,
      now: () => clock,
      purpose: 'Testing',
      actor: { kind: 'user', userId: added.userId, label: `Test ${username}`, role, agencyId: added.agencyId, agencyName },
    };
    contexts.set(username, context);
    return context;
  }
  // A fresh context per action, as each request has: the access decision is kept for one request only.
  const as = (username: string): AppContext => ({ ...contexts.get(username)! });

  before(async () => {
    database = await freshDatabase();
    await staff('nurse', 'mental-health-nurse', 'Wessex Partnership NHS Trust', 'mental-health-trust');
    await staff('trust-ig', 'information-governance-lead', 'Wessex Partnership NHS Trust', 'mental-health-trust');
    await staff('officer', 'police-officer', 'Wessex Police', 'police-force');
    await staff('sergeant', 'police-officer', 'Wessex Police', 'police-force');
    await staff('police-ig', 'information-governance-lead', 'Wessex Police', 'police-force');
    await staff('police-caldicott', 'caldicott-guardian', 'Wessex Police', 'police-force');
    const outcome = await registerPerson(as('nurse'), rosa, { confirmedNewPerson: true });
    assert.equal(outcome.kind, 'registered');
    personId = outcome.kind === 'registered' ? outcome.personId : '';
  });
  after(() => database.close());

  async function breakGlassRows() {
    return database.db.selectFrom('break_glass').selectAll().where('person_id', '=', personId).orderBy('starts_at').execute();
  }

  it('offers a fixed list of durations, the longest one long shift', () => {
    assert.deepEqual([...breakGlassHours], [1, 4, 8, 12]);
    assert.equal(validateBreakGlassRequest({ reason, hours: '24' }).ok, false);
    assert.equal(validateBreakGlassRequest({ reason, hours: '12' }).ok, true);
  });

  it('refuses a member of staff who is not involved, and audits the refusal', async () => {
    await assert.rejects(viewPerson(as('officer'), personId), PolicyDenied);
    const refused = await auditEntriesAbout(database.db, personId).where('action', '=', 'refused').where('actor_label', '=', 'Test officer').execute();
    assert.equal(refused.length, 1);
    assert.match(refused[0]!.what, /break-glass/);
  });

  it('refuses a request without a real reason or a duration from the list, naming the field, and saves nothing', async () => {
    const problemsOf = async (input: { reason: unknown; hours: unknown }) => {
      const error = await breakGlass(as('officer'), personId, input).then(
        () => assert.fail('should have been refused'),
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof InvalidInput);
      return error.problems;
    };
    assert.deepEqual(await problemsOf({ reason: '', hours: '4' }), [{ field: 'reason', message: 'Enter the reason you need emergency access' }]);
    assert.deepEqual((await problemsOf({ reason: 'urgent', hours: '4' })).map((problem) => problem.field), ['reason']);
    assert.deepEqual((await problemsOf({ reason: 'x '.repeat(600), hours: '4' })).map((problem) => problem.message), ['Reason must be 1000 characters or fewer']);
    assert.deepEqual((await problemsOf({ reason, hours: '5' })).map((problem) => problem.field), ['hours']);
    assert.equal((await breakGlassRows()).length, 0);
  });

  it('does not let an API token, or someone already involved, break the glass', async () => {
    const officer = as('officer');
    const token: AppContext = { ...officer, actor: { ...officer.actor, kind: 'token', userId: null, label: 'API token “Control room”' } };
    await assert.rejects(breakGlass(token, personId, { reason, hours: '1' }), PolicyDenied);
    await assert.rejects(breakGlass(as('nurse'), personId, { reason, hours: '1' }), Conflict);
    assert.equal((await breakGlassRows()).length, 0);
  });

  it('shows the break-glass page the name only of someone the user already found', async () => {
    assert.equal((await breakGlassSubject(as('sergeant'), personId)).personName, null);
    await searchPeople(as('sergeant'), parseSearchText('943 476 5919'));
    assert.equal((await breakGlassSubject(as('sergeant'), personId)).personName, 'Rosa Treharne');
    await assert.rejects(breakGlassSubject(as('sergeant'), '00000000-0000-4000-8000-000000000000'), NotFound);
  });

  it('gives the record for the hours chosen, with an audit entry, then stops without anyone acting', async () => {
    const granted = await breakGlass(as('officer'), personId, { reason: `  ${reason} `, hours: '4' });
    assert.equal(granted.endsAt.toString(), '2026-03-02T13:00:00Z');
    const [row] = await breakGlassRows();
    assert.equal(row!.reason, reason);
    assert.equal(row!.role, 'police-officer');
    assert.equal(Temporal.Instant.from(row!.ends_at).toString(), '2026-03-02T13:00:00Z');
    const opened = await auditEntriesAbout(database.db, personId).where('action', '=', 'write').where('actor_label', '=', 'Test officer').execute();
    assert.deepEqual(opened.map((entry) => entry.what), [`Emergency access (break-glass) for 4 hours: ${reason}`]);

    clock = clock.add({ minutes: 30 });
    const view = await viewPerson(as('officer'), personId);
    assert.equal(view.access.relationship, 'break-glass');
    assert.equal(view.state.details.familyName, 'Treharne');
    await viewPerson(as('officer'), personId);
    await assert.rejects(breakGlass(as('officer'), personId, { reason, hours: '1' }), Conflict, 'not extended while it runs');

    clock = Temporal.Instant.from('2026-03-02T13:00:00Z');
    await assert.rejects(viewPerson(as('officer'), personId), PolicyDenied);
  });

  it('lists it for review by its own agency, with what the user did, and not for another agency', async () => {
    const queue = await unreviewedBreakGlass(as('police-ig'));
    assert.equal(queue.length, 1);
    const [use] = queue;
    assert.equal(use!.personName, 'Rosa Treharne');
    assert.equal(use!.userLabel, 'Test officer');
    assert.equal(use!.reason, reason);
    assert.equal(use!.running, false);
    assert.equal(use!.actionsDuring, 2, 'the two reads, not the opening itself');
    assert.deepEqual(await unreviewedBreakGlass(as('trust-ig')), []);
    await assert.rejects(unreviewedBreakGlass(as('officer')), PolicyDenied);
    await assert.rejects(breakGlassForReview(as('trust-ig'), use!.id), NotFound);
    const detail = await breakGlassForReview(as('police-ig'), use!.id);
    assert.deepEqual(detail.activity.map((item) => item.action), ['write', 'read', 'read']);
  });

  it('keeps the user from reviewing their own, and another agency from reviewing it', async () => {
    clock = clock.add({ hours: 1 });
    await breakGlass(as('police-ig'), personId, { reason: 'Checking a report of harm overnight', hours: '1' });
    const queue = await unreviewedBreakGlass(as('police-caldicott'));
    assert.deepEqual(queue.map((use) => use.userLabel), ['Test officer', 'Test police-ig'], 'oldest first');
    const own = queue[1]!;
    await assert.rejects(reviewBreakGlass(as('police-ig'), own.id, { outcome: 'appropriate', note: '' }), PolicyDenied);
    await assert.rejects(reviewBreakGlass(as('trust-ig'), own.id, { outcome: 'appropriate', note: '' }), NotFound);
    await reviewBreakGlass(as('police-caldicott'), own.id, { outcome: 'appropriate', note: '' });
    const [row] = await database.db.selectFrom('break_glass').selectAll().where('id', '=', own.id).execute();
    assert.equal(row!.reviewed_by_label, 'Test police-caldicott');
  });

  it('needs a note when access was not appropriate, records the review once, and takes it off the queue', async () => {
    assert.deepEqual(validateBreakGlassReview({ outcome: 'appropriate', note: '' }), { ok: true, value: { outcome: 'appropriate', note: null } });
    const [use] = await unreviewedBreakGlass(as('police-ig'));
    const refusal = await reviewBreakGlass(as('police-ig'), use!.id, { outcome: 'not-appropriate', note: ' ' }).then(
      () => assert.fail('should have been refused'),
      (caught: unknown) => caught,
    );
    assert.ok(refusal instanceof InvalidInput);
    assert.deepEqual(refusal.problems.map((problem) => problem.field), ['note']);
    await assert.rejects(reviewBreakGlass(as('police-ig'), use!.id, { outcome: 'fine', note: '' }), InvalidInput);

    clock = clock.add({ hours: 2 });
    await reviewBreakGlass(as('police-ig'), use!.id, { outcome: 'not-appropriate', note: 'Should have called the crisis team; referred to line manager' });
    const [row] = await database.db.selectFrom('break_glass').selectAll().where('id', '=', use!.id).execute();
    assert.equal(row!.review_outcome, 'not-appropriate');
    assert.equal(row!.review_note, 'Should have called the crisis team; referred to line manager');
    assert.equal(row!.reviewed_by_label, 'Test police-ig');
    assert.equal(Temporal.Instant.from(row!.reviewed_at!).toString(), clock.toString());
    const audited = await auditEntriesAbout(database.db, personId).where('actor_label', '=', 'Test police-ig').where('action', '=', 'write').execute();
    assert.ok(audited.some((entry) => entry.what === 'Reviewed emergency access (break-glass) by Test officer: Not appropriate: referred for follow-up. Should have called the crisis team; referred to line manager'));

    assert.deepEqual(await unreviewedBreakGlass(as('police-ig')), []);
    await assert.rejects(reviewBreakGlass(as('police-caldicott'), use!.id, { outcome: 'appropriate', note: '' }), Conflict);
    const reviewed = await recentReviews(as('police-ig'));
    assert.deepEqual(reviewed.map((item) => [item.userLabel, item.review?.outcome]), [
      ['Test officer', 'not-appropriate'],
      ['Test police-ig', 'appropriate'],
    ]);
  });
});
