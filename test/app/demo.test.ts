import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn } from '../../src/app/auth/sign-in.ts';
import { clockNow } from '../../src/app/context.ts';
import { demoPeople } from '../../src/app/demo/case-studies.ts';
import { hospitalPatients } from '../../src/app/demo/hospital-patients.ts';
import { prepareDemo, seedDemo } from '../../src/app/demo/seed.ts';
import { loadEntries } from '../../src/app/people/record-store.ts';
import type { AccordDatabase } from '../../src/db/database.ts';
import { agencyKindKeys } from '../../src/domain/organisation/agency-kinds.ts';
import { approvalHoldsOn, approvalKindKeys } from '../../src/domain/organisation/approvals.ts';
import { nhsNumberProblem } from '../../src/domain/people/nhs-number.ts';
import { derivePersonState } from '../../src/domain/people/person.ts';
import { freshDatabase } from '../support/database.ts';

const password = 'the first demo password';

async function personNamed(db: AccordDatabase, givenNames: string, familyName: string) {
  return db.selectFrom('people').selectAll().where('given_names', '=', givenNames).where('family_name', '=', familyName).executeTakeFirstOrThrow();
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
    assert.deepEqual(sameAgain, { seeded: false, demoAccounts: 30, passwordsSet: 0 });

    const restart = await prepareDemo(db, clockNow, 'the second start’s password');
    assert.equal(restart.seeded, false);
    assert.equal(restart.passwordsSet, restart.demoAccounts);
    assert.equal((await signIn(db, clockNow, 'chloe.winter', 'the second start’s password')).kind, 'signed-in');
    assert.equal((await signIn(db, clockNow, 'chloe.winter', password)).kind, 'refused');
    const audit = await db.selectFrom('audit_log').select(['actor_label', 'what']).orderBy('sequence', 'desc').where('action', '=', 'administer').executeTakeFirstOrThrow();
    assert.deepEqual(audit, { actor_label: 'Accord start-up (demo)', what: `Set the demo password for ${restart.demoAccounts} demo accounts` });
  });
});
