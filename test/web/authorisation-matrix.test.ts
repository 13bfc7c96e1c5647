import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createSession } from '../../src/app/auth/sessions.ts';
import { clockNow, type AppContext } from '../../src/app/context.ts';
import { recordNote } from '../../src/app/people/record-note.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { roleMay, type Permission } from '../../src/domain/access/permissions.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import { roleKeys, type Role } from '../../src/domain/organisation/roles.ts';
import { noteCategories, type NoteCategory } from '../../src/domain/people/person.ts';
import type { PersonNeed } from '../../src/domain/sharing/person-access.ts';
import { addStaff, startTestApp, type TestApp } from '../support/harness.ts';

// The authorisation matrix. For every route the server has (read from the server itself, so a new route is
// in it the moment it is added), every role, and every relationship a member of staff can have with a
// person — involved, not involved, through a disclosure, by break-glass — and for an anonymous caller, the
// answer must be what the policy says: the role's permissions (src/domain/access/permissions.ts), the
// route's declared need of the relationship, and the category policy held as data in the database.
//
// The expected answer is worked out here, from those declarations and that data, by the rule as the
// sharing policy states it, not by calling the server's own decision function.

type Relationship = 'involved' | 'not involved' | 'disclosed' | 'break-glass';
const relationships: Relationship[] = ['involved', 'not involved', 'disclosed', 'break-glass'];

// Where each role usually works: its kind of agency decides its category policy.
const homeAgencyKind: Record<Role, AgencyKind> = {
  'system-administrator': 'mental-health-trust',
  'mha-administrator': 'mental-health-trust',
  amhp: 'local-authority',
  'responsible-clinician': 'mental-health-trust',
  psychiatrist: 'mental-health-trust',
  'mental-health-nurse': 'mental-health-trust',
  'crisis-team-practitioner': 'mental-health-trust',
  'liaison-and-diversion-practitioner': 'liaison-and-diversion',
  'emergency-department-clinician': 'acute-trust',
  paramedic: 'ambulance-service',
  'probation-practitioner': 'probation-service',
  'senior-probation-officer': 'probation-service',
  'police-control-room': 'police-force',
  'police-officer': 'police-force',
  'court-officer': 'court',
  'moj-caseworker': 'moj-casework',
  'tribunal-clerk': 'tribunal',
  advocate: 'advocacy-service',
  'social-worker': 'local-authority',
  gp: 'gp-practice',
  'housing-officer': 'housing',
  'support-worker': 'voluntary-organisation',
  'information-governance-lead': 'mental-health-trust',
  'caldicott-guardian': 'mental-health-trust',
};

interface RouteUnderTest {
  method: string;
  url: string;
  access: 'public' | 'signed-in' | Permission;
  person: PersonNeed | null;
}

interface Caller {
  role: Role;
  relationship: Relationship;
  userId: string;
  cookie: string;
  csrfToken: string;
  categories: Set<string>;
}

type Answer = 'allowed' | 'refused' | 'sign-in';

// The policy, stated once more in plain terms.
function expectedAnswer(route: RouteUnderTest, caller: Caller | null): Answer {
  if (route.access === 'public') return 'allowed';
  if (caller === null) return 'sign-in';
  if (route.access !== 'signed-in' && !roleMay(caller.role, route.access)) return 'refused';
  const need = route.person;
  if (need === null) return 'allowed';
  // Oversight (the access history) and asking for emergency access need no relationship.
  if (need.oversight || need.emergency) return 'allowed';
  switch (caller.relationship) {
    case 'not involved':
      return 'refused';
    case 'disclosed':
      // A recipient sees exactly what was disclosed, on the pages that show it, and changes nothing.
      return need.disclosedView && !need.change ? 'allowed' : 'refused';
    case 'involved':
    case 'break-glass':
      return caller.categories.has(need.category) ? 'allowed' : 'refused';
  }
}

function answerOf(statusCode: number, location: string | undefined, api: boolean): Answer {
  if (api && statusCode === 401) return 'sign-in';
  if (!api && statusCode === 303 && location?.startsWith('/sign-in')) return 'sign-in';
  if (statusCode === 403) return 'refused';
  return 'allowed';
}

describe('authorisation: every route, role and relationship answers as the policy says', () => {
  let test: TestApp;
  let personId = '';
  const notes = new Map<NoteCategory, string>();
  const callers: Caller[] = [];
  let routes: RouteUnderTest[] = [];

  before(async () => {
    test = await startTestApp();
    const { db } = test;
    const now = clockNow();
    // The person, added by a hospital's Mental Health Act office (which makes the hospital involved), with
    // a note of every category.
    const office = await addStaff(db, { username: 'holding-office', role: 'mha-administrator', agencyKind: 'mental-health-trust', agencyName: 'Holding Trust' });
    const officeContext: AppContext = { db, now: clockNow, purpose: 'Setting up the matrix', actor: { kind: 'user', userId: office.userId, label: 'Holding office', role: 'mha-administrator', agencyId: office.agencyId, agencyName: 'Holding Trust' } };
    const outcome = await registerPerson(officeContext, { givenNames: 'Matrix', familyName: 'Person', preferredName: null, otherNames: null, dateOfBirth: '1980-01-01', nhsNumber: null, pncId: null, probationReference: null, address: 'Secret Street 1', preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null }, { confirmedNewPerson: true });
    assert.equal(outcome.kind, 'registered');
    personId = outcome.kind === 'registered' ? outcome.personId : '';
    // The holding trust's policy does not cover victim information: that note is written as Accord would
    // receive it from the Ministry's casework, straight into the record.
    let version = 1;
    for (const category of noteCategories) {
      const text = `Matrix note ${category} ${randomUUID()}`;
      if (category === 'victim-information') {
        version += 1;
        await db.insertInto('record_entries').values({ person_id: personId, sequence: version, kind: 'note-recorded', category, data: JSON.stringify({ category, text }), reason: null, supersedes: null, author_user_id: null, author_name: 'Casework', author_role: 'moj-caseworker', author_agency_id: null, author_agency_name: 'Casework', recorded_at: now.toString() }).execute();
        await db.updateTable('people').set({ version }).where('id', '=', personId).execute();
      } else {
        await recordNote(officeContext, personId, version, { category, text });
        version += 1;
      }
      notes.set(category, text);
    }
    const disclosed = await db.selectFrom('record_entries').select('id').where('person_id', '=', personId).where('kind', '=', 'note-recorded').where('category', '=', 'clinical').executeTakeFirstOrThrow();

    const policy = await db.selectFrom('category_policy').selectAll().execute();
    for (const role of roleKeys) {
      for (const relationship of relationships) {
        const kind = homeAgencyKind[role];
        const staff = await addStaff(db, { username: `${role}-${relationship.replace(' ', '-')}`, role, agencyKind: kind, agencyName: `${role} ${relationship} agency` });
        if (relationship === 'involved') {
          await db.insertInto('involvements').values({ person_id: personId, agency_id: staff.agencyId, team_id: null, user_id: null, reason: 'Matrix', starts_at: now.subtract({ hours: 1 }).toString(), ends_at: null, recorded_by: null, recorded_by_label: 'Matrix', recorded_at: now.toString() }).execute();
        }
        if (relationship === 'disclosed') {
          await db
            .insertInto('disclosures')
            .values({ person_id: personId, basis: 'public-interest', justification: 'Matrix risk', consent_id: null, purpose: 'Matrix', from_agency_id: office.agencyId, from_agency_name: 'Holding Trust', recipient_agency_id: staff.agencyId, recipient_team_id: null, entry_ids: [disclosed.id], identity: false, expires_at: now.add({ hours: 24 }).toString(), approver_role: 'caldicott-guardian', proposed_by: office.userId, proposed_by_label: 'Holding office', proposed_at: now.subtract({ hours: 1 }).toString(), decision: 'approved', decided_by: null, decided_by_label: 'Caldicott guardian', decided_at: now.subtract({ minutes: 30 }).toString(), decision_note: null })
            .execute();
        }
        if (relationship === 'break-glass') {
          await db.insertInto('break_glass').values({ person_id: personId, user_id: staff.userId, user_label: role, role, agency_id: staff.agencyId, reason: 'Matrix emergency', starts_at: now.subtract({ minutes: 5 }).toString(), ends_at: now.add({ hours: 4 }).toString() }).execute();
        }
        const session = await createSession(db, staff.userId, now);
        callers.push({
          role,
          relationship,
          userId: staff.userId,
          cookie: `accord_session=${session.token}`,
          csrfToken: session.csrfToken,
          categories: new Set(policy.filter((row) => row.agency_kind === kind && row.role === role).map((row) => row.category)),
        });
      }
    }

    routes = test.app.accordRoutes.flatMap((route) => {
      const config = (route.config ?? {}) as { access?: RouteUnderTest['access']; person?: PersonNeed | null };
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      return methods.filter((method) => method !== 'HEAD').map((method) => ({ method, url: route.url, access: config.access ?? 'signed-in', person: config.person ?? null }));
    });
  });
  after(() => test.close());

  function concretePath(url: string): string {
    return url.replace(':personId', personId).replace(/:[A-Za-z]+/g, () => randomUUID()).replace('*', 'accord.css');
  }

  // An anonymous visitor's form token, as the sign-in page would set it.
  const anonymousToken = randomUUID() + randomUUID();

  async function ask(route: RouteUnderTest, caller: Caller | null) {
    const url = concretePath(route.url);
    const form = route.method !== 'GET';
    const headers: Record<string, string> = { cookie: caller ? caller.cookie : `accord_csrf=${anonymousToken}` };
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const payload = form ? new URLSearchParams({ _csrf: caller?.csrfToken ?? anonymousToken, anything: '1' }).toString() : undefined;
    const response = await test.app.inject({ method: route.method as 'GET', url, headers, payload });
    // Signing out sends the caller to the sign-in page too: what shows it was allowed is the session cookie cleared.
    if (caller && route.url === '/sign-out') return /accord_session=;/.test(String(response.headers['set-cookie'])) ? 'allowed' : 'sign-in';
    return answerOf(response.statusCode, response.headers.location as string | undefined, url.startsWith('/api/'));
  }

  it('knows every route the server has, each with what it needs declared', () => {
    assert.ok(routes.length > 60, `${routes.length} routes`);
    for (const route of routes) {
      if (route.url.includes(':personId')) assert.ok(route.person, `${route.method} ${route.url} declares what it needs of the relationship`);
      assert.ok(route.access, `${route.method} ${route.url} declares who may call it`);
    }
    assert.equal(callers.length, roleKeys.length * relationships.length);
  });

  it('answers every route for every role and relationship, and an anonymous caller, as the policy says', async () => {
    const mismatches: string[] = [];
    let asked = 0;
    // Signing out ends the caller's session, so it is asked last.
    const ordered = [...routes.filter((route) => route.url !== '/sign-out'), ...routes.filter((route) => route.url === '/sign-out')];
    for (const route of ordered) {
      const expected = expectedAnswer(route, null);
      const actual = await ask(route, null);
      asked += 1;
      if (actual !== expected) mismatches.push(`${route.method} ${route.url}, anonymous: expected ${expected}, got ${actual}`);
    }
    for (const route of ordered) {
      for (const caller of callers) {
        const expected = expectedAnswer(route, caller);
        const actual = await ask(route, caller);
        asked += 1;
        if (actual !== expected) mismatches.push(`${route.method} ${route.url}, ${caller.role} ${caller.relationship}: expected ${expected}, got ${actual}`);
      }
    }
    assert.ok(asked > 5000, `${asked} answers checked`);
    assert.deepEqual(mismatches.slice(0, 40), [], `${mismatches.length} answers differ from the policy`);
  });

  it('shows each caller exactly the categories of the record their policy allows, or exactly what was disclosed', async () => {
    const problems: string[] = [];
    for (const caller of callers.filter((item) => item.relationship !== 'not involved' && roleMay(item.role, 'person.read'))) {
      const session = await createSession(test.db, caller.userId, clockNow());
      const response = await test.app.inject({ method: 'GET', url: `/people/${personId}`, headers: { cookie: `accord_session=${session.token}` } });
      if (caller.relationship !== 'disclosed' && !caller.categories.has('identity')) {
        if (response.statusCode !== 403) problems.push(`${caller.role} ${caller.relationship}: expected a refusal without the identity category`);
        continue;
      }
      assert.equal(response.statusCode, 200, `${caller.role} ${caller.relationship}`);
      for (const [category, text] of notes) {
        const shouldSee = caller.relationship === 'disclosed' ? category === 'clinical' : caller.categories.has(category);
        if (response.body.includes(text) !== shouldSee) problems.push(`${caller.role} ${caller.relationship}: the ${category} note is ${shouldSee ? 'missing' : 'shown'}`);
      }
      if (caller.relationship === 'disclosed') {
        if (!response.body.includes('Disclosed to you')) problems.push(`${caller.role} disclosed: the note is not marked as disclosed`);
        if (response.body.includes('Secret Street')) problems.push(`${caller.role} disclosed: an address that was not disclosed is shown`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('writes every refusal of a person’s record to the audit log, naming who was refused', async () => {
    const caller = callers.find((item) => item.role === 'police-officer' && item.relationship === 'not involved')!;
    const session = await createSession(test.db, caller.userId, clockNow());
    const before = await test.db.selectFrom('audit_log').select('sequence').where('person_id', '=', personId).where('action', '=', 'refused').where('actor_user_id', '=', caller.userId).execute();
    const response = await test.app.inject({ method: 'GET', url: `/people/${personId}/legal`, headers: { cookie: `accord_session=${session.token}` } });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /not involved/);
    const afterwards = await test.db.selectFrom('audit_log').select(['what']).where('person_id', '=', personId).where('action', '=', 'refused').where('actor_user_id', '=', caller.userId).execute();
    assert.equal(afterwards.length, before.length + 1);
  });

  it('writes a refusal for want of permission to the audit log too, once', async () => {
    const caller = callers.find((item) => item.role === 'police-officer' && item.relationship === 'involved')!;
    const session = await createSession(test.db, caller.userId, clockNow());
    const refusals = () => test.db.selectFrom('audit_log').select(['what', 'person_id']).where('action', '=', 'refused').where('actor_user_id', '=', caller.userId).execute();
    const before = (await refusals()).length;
    const response = await test.app.inject({ method: 'GET', url: '/admin/staff', headers: { cookie: `accord_session=${session.token}` } });
    assert.equal(response.statusCode, 403);
    const after = await refusals();
    assert.equal(after.length, before + 1);
    assert.match(after.at(-1)!.what, /^Refused: .*\(GET \/admin\/staff\)\. Their role does not allow it\.$/);
    assert.equal(after.at(-1)!.person_id, null);
    // Refused a clinical note, which the police policy does not include: one entry, about the person.
    const version = (await test.db.selectFrom('people').select('version').where('id', '=', personId).executeTakeFirstOrThrow()).version;
    const note = await test.app.inject({
      method: 'POST',
      url: `/people/${personId}/notes/new`,
      headers: { cookie: `accord_session=${session.token}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: session.csrfToken, version: String(version), category: 'clinical', text: 'Not theirs to write' }).toString(),
    });
    assert.equal(note.statusCode, 403);
    assert.match(note.body, /does not include clinical information/);
    const afterLegal = await refusals();
    assert.equal(afterLegal.length, before + 2);
    assert.equal(afterLegal.at(-1)!.person_id, personId);
  });
});
