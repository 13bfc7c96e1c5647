import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashToken } from '../../src/app/auth/sessions.ts';
import type { ApprovalRecord } from '../../src/app/organisation/queries.ts';
import { readDateInput } from '../../src/web/admin/date-input.ts';
import { approvalStatus } from '../../src/web/admin/staff.ts';
import { addStaff, startTestApp, TestClient, testPassword, type TestApp } from '../support/harness.ts';

// The error summary, and the link in it to the field with the problem.
function assertErrorSummary(body: string, fieldId: string, message: RegExp) {
  assert.match(body, /There is a problem/);
  assert.match(body, new RegExp(`href="#${fieldId}"`), `the error summary links to #${fieldId}`);
  assert.match(body, message);
}

function locationOf(response: { statusCode: number; headers: Record<string, unknown> }): string {
  assert.equal(response.statusCode, 303, 'a successful form redirects');
  return String(response.headers.location);
}

function idFrom(location: string, prefix: string): string {
  assert.ok(location.startsWith(prefix), `${location} starts with ${prefix}`);
  return location.slice(prefix.length).split('/')[0]!;
}

const newPassword = 'a long enough password';

function londonToday() {
  return Temporal.Now.zonedDateTimeISO('Europe/London').toPlainDate();
}

describe('reading a date typed into day, month and year boxes', () => {
  const read = (day: string, month: string, year: string, required = true) =>
    readDateInput({ 'validFrom-day': day, 'validFrom-month': month, 'validFrom-year': year }, { field: 'validFrom', label: 'Date the approval starts', required });

  it('reads a real date, with or without leading zeros and spaces', () => {
    assert.equal(read('1', '2', '2025').isoDate, '2025-02-01');
    assert.equal(read(' 09 ', '07', '2024').isoDate, '2024-07-09');
    assert.equal(read('29', '2', '2024').isoDate, '2024-02-29');
    assert.equal(read('1', '2', '2025').problem, null);
  });

  it('names the field and says what is wrong', () => {
    assert.equal(read('29', '2', '2025').problem?.message, 'Date the approval starts must be a real date');
    assert.equal(read('', '', '').problem?.message, 'Enter the date the approval starts');
    assert.equal(read('3', '', '').problem?.message, 'Date the approval starts must include a month and year');
    assert.deepEqual(read('3', '', '').partsInError, ['month', 'year']);
    assert.equal(read('3', 'March', '2025').problem?.message, 'Date the approval starts must be a real date, in numbers');
    assert.deepEqual(read('3', '4', '25').partsInError, ['year']);
    assert.match(read('3', '4', '25').problem?.message ?? '', /year with 4 numbers/);
  });

  it('lets an optional date be left empty', () => {
    const reading = read('', '', '', false);
    assert.equal(reading.isoDate, null);
    assert.equal(reading.problem, null);
  });
});

describe('whether an approval holds today', () => {
  const approval = (validFrom: string, validTo: string | null, withdrawn = false): ApprovalRecord => ({
    id: '00000000-0000-4000-8000-000000000001',
    userId: '00000000-0000-4000-8000-000000000002',
    kind: 'amhp',
    validFrom: Temporal.PlainDate.from(validFrom),
    validTo: validTo === null ? null : Temporal.PlainDate.from(validTo),
    approvingBody: null,
    recordedAt: '2025-01-01T00:00:00Z',
    withdrawnAt: withdrawn ? '2025-03-01T00:00:00Z' : null,
    withdrawnReason: withdrawn ? 'Recorded in error' : null,
  });
  const today = Temporal.PlainDate.from('2025-06-30');

  it('is current from its first day to its last day inclusive', () => {
    assert.equal(approvalStatus(approval('2025-06-30', '2025-06-30'), today), 'Current');
    assert.equal(approvalStatus(approval('2020-01-01', null), today), 'Current');
  });

  it('is not current before it starts, after it ends, or once withdrawn', () => {
    assert.equal(approvalStatus(approval('2025-07-01', null), today), 'Not yet started');
    assert.equal(approvalStatus(approval('2020-01-01', '2025-06-29'), today), 'Ended');
    assert.equal(approvalStatus(approval('2020-01-01', null, true), today), 'Withdrawn');
  });
});

describe('administration', () => {
  let test: TestApp;
  let admin: TestClient;
  let adminUserId: string;

  before(async () => {
    test = await startTestApp();
    const account = await addStaff(test.db, { username: 'admin.one', role: 'system-administrator', agencyName: 'Accord operators' });
    adminUserId = account.userId;
    await addStaff(test.db, { username: 'nurse.one', role: 'mental-health-nurse' });
    admin = new TestClient(test.app);
    await admin.signIn('admin.one');
  });
  after(() => test.close());

  describe('access', () => {
    it('refuses a signed-in person without the administer permission with 403, and saves nothing', async () => {
      const nurse = new TestClient(test.app);
      await nurse.signIn('nurse.one');
      for (const url of ['/admin', '/admin/agencies', '/admin/agencies/new', '/admin/staff', '/admin/staff/new', '/admin/api-tokens', '/admin/api-tokens/new']) {
        const response = await nurse.get(url);
        assert.equal(response.statusCode, 403, url);
        assert.match(response.body, /You do not have permission to see this page/);
      }
      const before = await test.db.selectFrom('agencies').select('id').execute();
      const post = await nurse.post('/admin/agencies/new', { name: 'Agency by a nurse', kind: 'police-force' });
      assert.equal(post.statusCode, 403);
      const afterwards = await test.db.selectFrom('agencies').select('id').execute();
      assert.equal(afterwards.length, before.length);
    });

    it('sends someone not signed in to sign in', async () => {
      const response = await test.app.inject({ method: 'GET', url: '/admin/staff' });
      assert.equal(response.statusCode, 303);
      assert.match(String(response.headers.location), /^\/sign-in\?returnTo=%2Fadmin%2Fstaff/);
    });

    it('shows the overview with links to agencies, staff and API tokens', async () => {
      const response = await admin.get('/admin');
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /<h1 class="govuk-heading-l">Administration<\/h1>/);
      for (const href of ['/admin/agencies', '/admin/staff', '/admin/api-tokens']) assert.match(response.body, new RegExp(`href="${href}"`));
    });

    it('refuses a form without the CSRF token and saves nothing', async () => {
      await admin.get('/admin/agencies/new');
      const response = await admin.post('/admin/agencies/new', { name: 'No token agency', kind: 'court' }, { csrf: null });
      assert.equal(response.statusCode, 403);
      const saved = await test.db.selectFrom('agencies').select('id').where('name', '=', 'No token agency').executeTakeFirst();
      assert.equal(saved, undefined);
    });

    it('answers a malformed or unknown id in the address with a 404 page, not an error', async () => {
      for (const url of [
        '/admin/agencies/not-a-uuid',
        '/admin/agencies/not-a-uuid/edit',
        '/admin/staff/123',
        '/admin/staff/123/approvals/new',
        '/admin/staff/00000000-0000-4000-8000-000000000000',
        '/admin/api-tokens/nope/revoke',
      ]) {
        const response = await admin.get(url);
        assert.equal(response.statusCode, 404, url);
        assert.match(response.body, /Page not found/);
      }
      await admin.get('/admin');
      const post = await admin.post('/admin/agencies/not-a-uuid/edit', { name: 'Whatever', kind: 'court' });
      assert.equal(post.statusCode, 404);
      const unknown = await admin.post('/admin/staff/00000000-0000-4000-8000-000000000000/password', { password: newPassword, passwordConfirmation: newPassword });
      assert.equal(unknown.statusCode, 404);
    });
  });

  describe('agencies and teams', () => {
    let agencyId: string;

    it('adds an agency and lists it with its kind, teams and staff', async () => {
      await admin.get('/admin/agencies/new');
      const response = await admin.post('/admin/agencies/new', { name: 'Eastshire Police', kind: 'police-force' });
      agencyId = idFrom(locationOf(response), '/admin/agencies/');
      const page = await admin.get(`/admin/agencies/${agencyId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1 class="govuk-heading-l">Eastshire Police<\/h1>/);
      assert.match(page.body, /This agency has no teams yet/);
      const list = await admin.get('/admin/agencies');
      assert.match(list.body, /Eastshire Police<\/a>/);
      assert.match(list.body, /Police force/);
    });

    it('refuses an agency with no name or kind with 400, naming the fields, and saves nothing', async () => {
      const count = (await test.db.selectFrom('agencies').select('id').execute()).length;
      await admin.get('/admin/agencies/new');
      const response = await admin.post('/admin/agencies/new', { name: '   ', kind: '' });
      assert.equal(response.statusCode, 400);
      assertErrorSummary(response.body, 'name', /Enter the agency’s name/);
      assertErrorSummary(response.body, 'kind', /Select the kind of agency/);
      assert.match(response.body, /<title>Error: Add an agency/);
      assert.equal((await test.db.selectFrom('agencies').select('id').execute()).length, count);
    });

    it('refuses a second agency with the same name as a problem with the name', async () => {
      await admin.get('/admin/agencies/new');
      const response = await admin.post('/admin/agencies/new', { name: 'Eastshire Police', kind: 'court' });
      assert.equal(response.statusCode, 400);
      assertErrorSummary(response.body, 'name', /An agency with that name already exists/);
    });

    it('changes an agency’s name and kind', async () => {
      const form = await admin.get(`/admin/agencies/${agencyId}/edit`);
      assert.match(form.body, /value="Eastshire Police"/);
      const response = await admin.post(`/admin/agencies/${agencyId}/edit`, { name: 'Eastshire Constabulary', kind: 'police-force' });
      assert.equal(locationOf(response), `/admin/agencies/${agencyId}`);
      const row = await test.db.selectFrom('agencies').select(['name', 'kind']).where('id', '=', agencyId).executeTakeFirstOrThrow();
      assert.deepEqual(row, { name: 'Eastshire Constabulary', kind: 'police-force' });
    });

    it('adds a team to an agency and counts it in the list', async () => {
      await admin.get(`/admin/agencies/${agencyId}/teams/new`);
      const empty = await admin.post(`/admin/agencies/${agencyId}/teams/new`, { name: '' });
      assert.equal(empty.statusCode, 400);
      assertErrorSummary(empty.body, 'name', /Enter the team’s name/);
      const response = await admin.post(`/admin/agencies/${agencyId}/teams/new`, { name: 'Mental health street triage' });
      assert.equal(locationOf(response), `/admin/agencies/${agencyId}`);
      const page = await admin.get(`/admin/agencies/${agencyId}`);
      assert.match(page.body, /Mental health street triage/);
      const list = await admin.get('/admin/agencies');
      const row = /Eastshire Constabulary<\/a>[\s\S]*?<\/tr>/.exec(list.body)?.[0] ?? '';
      assert.match(row, />\s*1\s*<\/td>[\s\S]*>\s*0\s*<\/td>/, 'one team and no staff');
    });

    it('names a team’s lead from the agency’s own staff, for escalated referrals', async () => {
      const team = await test.db.selectFrom('teams').select('id').where('agency_id', '=', agencyId).where('name', '=', 'Mental health street triage').executeTakeFirstOrThrow();
      const agencyName = (await test.db.selectFrom('agencies').select('name').where('id', '=', agencyId).executeTakeFirstOrThrow()).name;
      const sergeant = await addStaff(test.db, { username: 'triage.sergeant', role: 'police-officer', agencyName, displayName: 'Sam Sergeant' });
      const outsider = await addStaff(test.db, { username: 'other.force', role: 'police-officer', agencyKind: 'police-force', displayName: 'Olly Other' });
      const path = `/admin/agencies/${agencyId}/teams/${team.id}/lead`;
      const form = await admin.get(path);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Sam Sergeant/);
      assert.doesNotMatch(form.body, /Olly Other/, 'only the agency’s own staff are offered');
      const wrong = await admin.post(path, { leadUserId: outsider.userId });
      assert.equal(wrong.statusCode, 400);
      assertErrorSummary(wrong.body, 'leadUserId', /Select the lead from the staff of/);
      assert.equal((await test.db.selectFrom('teams').select('lead_user_id').where('id', '=', team.id).executeTakeFirstOrThrow()).lead_user_id, null);
      const saved = await admin.post(path, { leadUserId: sergeant.userId });
      assert.equal(locationOf(saved), `/admin/agencies/${agencyId}`);
      const page = await admin.get(`/admin/agencies/${agencyId}`);
      assert.match(page.body, /Sam Sergeant <a class="govuk-link" href="[^"]+\/lead">Change/);
    });
  });

  describe('staff accounts and approvals', () => {
    let agencyId: string;
    let teamId: string;
    let otherTeamId: string;
    let userId: string;

    before(async () => {
      await admin.get('/admin/agencies/new');
      agencyId = idFrom(locationOf(await admin.post('/admin/agencies/new', { name: 'Westshire NHS Trust', kind: 'mental-health-trust' })), '/admin/agencies/');
      await admin.post(`/admin/agencies/${agencyId}/teams/new`, { name: 'Crisis team' });
      const otherAgencyId = idFrom(locationOf(await admin.post('/admin/agencies/new', { name: 'Westshire Council', kind: 'local-authority' })), '/admin/agencies/');
      await admin.post(`/admin/agencies/${otherAgencyId}/teams/new`, { name: 'AMHP service' });
      teamId = (await test.db.selectFrom('teams').select('id').where('name', '=', 'Crisis team').executeTakeFirstOrThrow()).id;
      otherTeamId = (await test.db.selectFrom('teams').select('id').where('name', '=', 'AMHP service').executeTakeFirstOrThrow()).id;
    });

    const staffForm = (overrides: Record<string, string> = {}) => ({
      username: 'r.okafor',
      displayName: 'Rita Okafor',
      email: 'rita.okafor@example.org',
      agencyId,
      teamId,
      role: 'amhp',
      password: newPassword,
      passwordConfirmation: newPassword,
      ...overrides,
    });

    it('adds a staff account who can then sign in with the initial password', async () => {
      const form = await admin.get(`/admin/staff/new?agency=${agencyId}`);
      assert.match(form.body, new RegExp(`<option value="${agencyId}" selected>`), 'the agency is chosen already');
      const response = await admin.post('/admin/staff/new', staffForm());
      userId = idFrom(locationOf(response), '/admin/staff/');
      const page = await admin.get(`/admin/staff/${userId}`);
      assert.match(page.body, /<h1 class="govuk-heading-l">Rita Okafor<\/h1>/);
      assert.match(page.body, /Approved mental health professional/);
      assert.match(page.body, /Crisis team/);
      const stored = await test.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
      assert.ok(stored.password_hash && !stored.password_hash.includes(newPassword), 'only a hash of the password is kept');
      const rita = new TestClient(test.app);
      await rita.signIn('r.okafor', newPassword);
    });

    it('lists staff, filtered by agency', async () => {
      const all = await admin.get('/admin/staff');
      assert.match(all.body, /Rita Okafor<\/a>/);
      assert.match(all.body, /Test nurse\.one<\/a>/);
      const filtered = await admin.get(`/admin/staff?agency=${agencyId}`);
      assert.equal(filtered.statusCode, 200);
      assert.match(filtered.body, /Staff at Westshire NHS Trust/);
      assert.match(filtered.body, /Rita Okafor<\/a>/);
      assert.doesNotMatch(filtered.body, /Test nurse\.one<\/a>/);
      const nonsense = await admin.get('/admin/staff?agency=nonsense');
      assert.equal(nonsense.statusCode, 200);
      assert.match(nonsense.body, /Test nurse\.one<\/a>/);
    });

    it('refuses a username already taken as a problem with the username, and saves nothing', async () => {
      await admin.get('/admin/staff/new');
      const response = await admin.post('/admin/staff/new', staffForm({ displayName: 'Another Rita' }));
      assert.equal(response.statusCode, 400);
      assertErrorSummary(response.body, 'username', /That username is already taken/);
      assert.match(response.body, /id="username-error"/);
      const count = await test.db.selectFrom('users').select('id').where('display_name', '=', 'Another Rita').execute();
      assert.equal(count.length, 0);
    });

    it('refuses missing details, a short password and passwords that differ, naming each field', async () => {
      await admin.get('/admin/staff/new');
      const response = await admin.post('/admin/staff/new', staffForm({ username: 'x.new', displayName: '', role: '', password: 'short', passwordConfirmation: 'different' }));
      assert.equal(response.statusCode, 400);
      assertErrorSummary(response.body, 'displayName', /Enter their full name/);
      assertErrorSummary(response.body, 'role', /Select their role/);
      assertErrorSummary(response.body, 'password', /Password must be at least 12 characters/);
      assertErrorSummary(response.body, 'passwordConfirmation', /The two passwords do not match/);
      assert.doesNotMatch(response.body, /value="short"/, 'the password is not shown again');
      const mismatch = await admin.post('/admin/staff/new', staffForm({ username: 'x.new', passwordConfirmation: `${newPassword}!` }));
      assert.equal(mismatch.statusCode, 400);
      assertErrorSummary(mismatch.body, 'passwordConfirmation', /The two passwords do not match/);
      assert.equal(await test.db.selectFrom('users').select('id').where('username', '=', 'x.new').executeTakeFirst(), undefined);
    });

    it('refuses a team from another agency', async () => {
      await admin.get('/admin/staff/new');
      const response = await admin.post('/admin/staff/new', staffForm({ username: 'x.team', teamId: otherTeamId }));
      assert.equal(response.statusCode, 400);
      assertErrorSummary(response.body, 'teamId', /Select a team in the same agency/);
      assert.equal(await test.db.selectFrom('users').select('id').where('username', '=', 'x.team').executeTakeFirst(), undefined);
    });

    it('changes a staff account’s details, role and team', async () => {
      const form = await admin.get(`/admin/staff/${userId}/edit`);
      assert.match(form.body, /value="Rita Okafor"/);
      const response = await admin.post(`/admin/staff/${userId}/edit`, { displayName: 'Rita Okafor-Bell', email: '', agencyId, teamId: '', role: 'social-worker' });
      assert.equal(locationOf(response), `/admin/staff/${userId}`);
      const row = await test.db.selectFrom('users').select(['display_name', 'email', 'team_id', 'role', 'username']).where('id', '=', userId).executeTakeFirstOrThrow();
      assert.deepEqual(row, { display_name: 'Rita Okafor-Bell', email: null, team_id: null, role: 'social-worker', username: 'r.okafor' });
      const badEmail = await admin.post(`/admin/staff/${userId}/edit`, { displayName: 'Rita', email: 'not an email', agencyId, teamId: '', role: 'amhp' });
      assert.equal(badEmail.statusCode, 400);
      assertErrorSummary(badEmail.body, 'email', /Enter an email address in the right format/);
      const unchanged = await test.db.selectFrom('users').select('role').where('id', '=', userId).executeTakeFirstOrThrow();
      assert.equal(unchanged.role, 'social-worker');
    });

    it('refuses to let an administrator change their own role', async () => {
      const operators = await test.db.selectFrom('users').select('agency_id').where('id', '=', adminUserId).executeTakeFirstOrThrow();
      await admin.get(`/admin/staff/${adminUserId}/edit`);
      const response = await admin.post(`/admin/staff/${adminUserId}/edit`, { displayName: 'Admin', email: '', agencyId: operators.agency_id, teamId: '', role: 'gp' });
      assert.equal(response.statusCode, 400);
      assertErrorSummary(response.body, 'role', /You cannot change your own role/);
      const row = await test.db.selectFrom('users').select('role').where('id', '=', adminUserId).executeTakeFirstOrThrow();
      assert.equal(row.role, 'system-administrator');
    });

    it('sets a new password, which works in place of the old one', async () => {
      await admin.get(`/admin/staff/${userId}/password`);
      const short = await admin.post(`/admin/staff/${userId}/password`, { password: 'short', passwordConfirmation: 'short' });
      assert.equal(short.statusCode, 400);
      assertErrorSummary(short.body, 'password', /at least 12 characters/);
      const response = await admin.post(`/admin/staff/${userId}/password`, { password: testPassword, passwordConfirmation: testPassword });
      assert.equal(locationOf(response), `/admin/staff/${userId}`);
      const rita = new TestClient(test.app);
      await rita.get('/sign-in');
      const old = await rita.post('/sign-in', { username: 'r.okafor', password: newPassword });
      assert.equal(old.statusCode, 401);
      await rita.signIn('r.okafor', testPassword);
    });

    it('disables an account, ending its sessions, and enables it again', async () => {
      const rita = new TestClient(test.app);
      await rita.signIn('r.okafor', testPassword);
      const confirm = await admin.get(`/admin/staff/${userId}/disable`);
      assert.match(confirm.body, /Disable this account/);
      const disabled = await admin.post(`/admin/staff/${userId}/disable`, {});
      assert.equal(locationOf(disabled), `/admin/staff/${userId}`);
      const page = await admin.get(`/admin/staff/${userId}`);
      assert.match(page.body, /This account is disabled/);
      const home = await rita.get('/');
      assert.equal(home.statusCode, 303, 'the disabled account is signed out');
      await rita.get('/sign-in');
      assert.equal((await rita.post('/sign-in', { username: 'r.okafor', password: testPassword })).statusCode, 401);
      const enabled = await admin.post(`/admin/staff/${userId}/enable`, {});
      assert.equal(locationOf(enabled), `/admin/staff/${userId}`);
      await rita.signIn('r.okafor', testPassword);
    });

    it('refuses to disable your own account', async () => {
      const page = await admin.get(`/admin/staff/${adminUserId}`);
      assert.doesNotMatch(page.body, /Disable account/);
      const response = await admin.post(`/admin/staff/${adminUserId}/disable`, {});
      assert.equal(response.statusCode, 400);
      assertErrorSummary(response.body, 'confirm', /You cannot disable your own account/);
      const row = await test.db.selectFrom('users').select('disabled_at').where('id', '=', adminUserId).executeTakeFirstOrThrow();
      assert.equal(row.disabled_at, null);
    });

    it('adds an approval and shows it as current today', async () => {
      const today = londonToday();
      const from = today.subtract({ years: 1 });
      const to = today.add({ years: 2 });
      await admin.get(`/admin/staff/${userId}/approvals/new`);
      const response = await admin.post(`/admin/staff/${userId}/approvals/new`, {
        kind: 'amhp',
        'validFrom-day': String(from.day),
        'validFrom-month': String(from.month),
        'validFrom-year': String(from.year),
        'validTo-day': String(to.day),
        'validTo-month': String(to.month),
        'validTo-year': String(to.year),
        approvingBody: 'Westshire Council',
      });
      assert.equal(locationOf(response), `/admin/staff/${userId}`);
      const page = await admin.get(`/admin/staff/${userId}`);
      const row = /Approved mental health professional <span[\s\S]*?<\/tr>/.exec(page.body)?.[0] ?? '';
      assert.match(row, /Westshire Council/);
      assert.match(row, />\s*Current\s*</);
      const stored = await test.db.selectFrom('approvals').select(['valid_from', 'valid_to']).where('user_id', '=', userId).executeTakeFirstOrThrow();
      assert.equal(String(stored.valid_from).slice(0, 10), from.toString());
      assert.equal(String(stored.valid_to).slice(0, 10), to.toString());
    });

    it('shows an approval that has ended as not current', async () => {
      await admin.get(`/admin/staff/${userId}/approvals/new`);
      const response = await admin.post(`/admin/staff/${userId}/approvals/new`, {
        kind: 'section-12-doctor',
        'validFrom-day': '1',
        'validFrom-month': '1',
        'validFrom-year': '2015',
        'validTo-day': '31',
        'validTo-month': '12',
        'validTo-year': '2019',
        approvingBody: '',
      });
      locationOf(response);
      const page = await admin.get(`/admin/staff/${userId}`);
      const row = /Section 12 approved doctor <span[\s\S]*?<\/tr>/.exec(page.body)?.[0] ?? '';
      assert.match(row, /1 January 2015/);
      assert.match(row, />\s*Ended\s*</);
    });

    it('refuses an impossible date, an incomplete date and an end before the start, naming the field, and saves nothing', async () => {
      const count = async () => (await test.db.selectFrom('approvals').select('id').where('user_id', '=', userId).execute()).length;
      const before = await count();
      await admin.get(`/admin/staff/${userId}/approvals/new`);
      const impossible = await admin.post(`/admin/staff/${userId}/approvals/new`, {
        kind: 'amhp',
        'validFrom-day': '31',
        'validFrom-month': '2',
        'validFrom-year': '2025',
      });
      assert.equal(impossible.statusCode, 400);
      assertErrorSummary(impossible.body, 'validFrom-day', /Date the approval starts must be a real date/);
      assert.match(impossible.body, /value="31"/, 'what was typed is shown again');

      const incomplete = await admin.post(`/admin/staff/${userId}/approvals/new`, {
        kind: 'amhp',
        'validFrom-day': '3',
        'validFrom-month': '',
        'validFrom-year': '2025',
      });
      assert.equal(incomplete.statusCode, 400);
      assertErrorSummary(incomplete.body, 'validFrom-month', /Date the approval starts must include a month/);

      const missing = await admin.post(`/admin/staff/${userId}/approvals/new`, { kind: '' });
      assert.equal(missing.statusCode, 400);
      assertErrorSummary(missing.body, 'kind', /Select the approval/);
      assertErrorSummary(missing.body, 'validFrom-day', /Enter the date the approval starts/);

      const backwards = await admin.post(`/admin/staff/${userId}/approvals/new`, {
        kind: 'amhp',
        'validFrom-day': '10',
        'validFrom-month': '6',
        'validFrom-year': '2025',
        'validTo-day': '9',
        'validTo-month': '6',
        'validTo-year': '2025',
      });
      assert.equal(backwards.statusCode, 400);
      assertErrorSummary(backwards.body, 'validTo-day', /Date the approval ends must be the same as or after the date it starts/);
      assert.equal(await count(), before);
    });

    it('withdraws an approval with a reason and keeps it listed as withdrawn', async () => {
      const approval = await test.db.selectFrom('approvals').select('id').where('user_id', '=', userId).where('kind', '=', 'amhp').executeTakeFirstOrThrow();
      const url = `/admin/staff/${userId}/approvals/${approval.id}/withdraw`;
      await admin.get(url);
      const empty = await admin.post(url, { reason: '  ' });
      assert.equal(empty.statusCode, 400);
      assertErrorSummary(empty.body, 'reason', /Enter why the approval is withdrawn/);
      const response = await admin.post(url, { reason: 'Approval panel withdrew it pending retraining' });
      assert.equal(locationOf(response), `/admin/staff/${userId}`);
      const page = await admin.get(`/admin/staff/${userId}`);
      const row = /Approved mental health professional <span[\s\S]*?<\/tr>/.exec(page.body)?.[0] ?? '';
      assert.match(row, />\s*Withdrawn\s*</);
      assert.match(row, /Approval panel withdrew it pending retraining/);
      assert.doesNotMatch(row, />\s*Current\s*</);
    });

    it('does not withdraw an approval through another account’s address', async () => {
      const approval = await test.db.selectFrom('approvals').select('id').where('user_id', '=', userId).where('kind', '=', 'section-12-doctor').executeTakeFirstOrThrow();
      const response = await admin.post(`/admin/staff/${adminUserId}/approvals/${approval.id}/withdraw`, { reason: 'Wrong account' });
      assert.equal(response.statusCode, 404);
      const row = await test.db.selectFrom('approvals').select('withdrawn_at').where('id', '=', approval.id).executeTakeFirstOrThrow();
      assert.equal(row.withdrawn_at, null);
    });

    it('writes an audit entry for each change', async () => {
      const entries = await test.db.selectFrom('audit_log').select(['what', 'action', 'actor_user_id']).where('action', '=', 'administer').where('actor_user_id', '=', adminUserId).execute();
      const what = entries.map((entry) => entry.what).join('\n');
      assert.match(what, /Added agency Westshire NHS Trust/);
      assert.match(what, /Added staff account r\.okafor/);
      assert.match(what, /Recorded amhp approval/);
      assert.match(what, /Withdrew approval/);
    });
  });

  describe('API tokens', () => {
    let agencyId: string;

    before(async () => {
      await admin.get('/admin/agencies/new');
      agencyId = idFrom(locationOf(await admin.post('/admin/agencies/new', { name: 'Northshire Probation', kind: 'probation-service' })), '/admin/agencies/');
    });

    it('refuses a token with no name or agency, naming the fields', async () => {
      await admin.get('/admin/api-tokens/new');
      const response = await admin.post('/admin/api-tokens/new', { name: '', agencyId: '', role: 'probation-practitioner' });
      assert.equal(response.statusCode, 400);
      assertErrorSummary(response.body, 'name', /Enter a name for the token/);
      assertErrorSummary(response.body, 'agencyId', /Select the agency the token acts for/);
      const administrator = await admin.post('/admin/api-tokens/new', { name: 'Too powerful', agencyId, role: 'system-administrator' });
      assert.equal(administrator.statusCode, 400);
      assertErrorSummary(administrator.body, 'role', /cannot be the system administrator role/);
      assert.equal((await test.db.selectFrom('api_tokens').select('id').execute()).length, 0);
    });

    it('creates a token, shows it once, and the token identifies its holder to the API until revoked', async () => {
      await admin.get('/admin/api-tokens/new');
      const created = await admin.post('/admin/api-tokens/new', { name: 'Case management link', agencyId, role: 'probation-practitioner' });
      assert.equal(created.statusCode, 200, 'the token is shown on the answer to the form, not after a redirect');
      assert.equal(created.headers['cache-control'], 'no-store');
      assert.match(created.body, /It will not be shown again/);
      const token = /id="api-token" type="text" value="(accord_[^"]+)"/.exec(created.body)?.[1];
      assert.ok(token, 'the token is on the page');

      const stored = await test.db.selectFrom('api_tokens').select(['id', 'token_hash', 'role']).where('name', '=', 'Case management link').executeTakeFirstOrThrow();
      assert.notEqual(stored.token_hash, token);
      assert.equal(stored.token_hash, hashToken(token));

      const list = await admin.get('/admin/api-tokens');
      assert.match(list.body, /Case management link/);
      assert.match(list.body, /Northshire Probation/);
      assert.match(list.body, />\s*Active\s*</);
      assert.ok(!list.body.includes(token), 'the list does not show the token');

      const whoami = await test.app.inject({ method: 'GET', url: '/api/v1/whoami', headers: { authorization: `Bearer ${token}` } });
      assert.equal(whoami.statusCode, 200);
      assert.deepEqual(whoami.json(), { label: 'API token “Case management link”', role: 'probation-practitioner', agency: 'Northshire Probation' });

      const wrong = await test.app.inject({ method: 'GET', url: '/api/v1/whoami', headers: { authorization: `Bearer ${token}x` } });
      assert.equal(wrong.statusCode, 401);

      const confirm = await admin.get(`/admin/api-tokens/${stored.id}/revoke`);
      assert.match(confirm.body, /Revoke this API token/);
      const revoked = await admin.post(`/admin/api-tokens/${stored.id}/revoke`, {});
      assert.equal(locationOf(revoked), '/admin/api-tokens');
      const afterwards = await test.app.inject({ method: 'GET', url: '/api/v1/whoami', headers: { authorization: `Bearer ${token}` } });
      assert.equal(afterwards.statusCode, 401);
      const listed = await admin.get('/admin/api-tokens');
      assert.match(listed.body, /Revoked on /);
    });

    it('does not let a token reach the administration pages', async () => {
      await admin.get('/admin/api-tokens/new');
      const created = await admin.post('/admin/api-tokens/new', { name: 'Nurse system', agencyId, role: 'mental-health-nurse' });
      const token = /id="api-token" type="text" value="(accord_[^"]+)"/.exec(created.body)![1]!;
      const response = await test.app.inject({ method: 'GET', url: '/admin/agencies', headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.statusCode, 403);
    });

    it('tells a signed-in person who they are', async () => {
      const response = await admin.get('/api/v1/whoami');
      assert.equal(response.statusCode, 200);
      assert.deepEqual(JSON.parse(response.body), { label: 'Test admin.one', role: 'system-administrator', agency: 'Accord operators' });
    });
  });
});
