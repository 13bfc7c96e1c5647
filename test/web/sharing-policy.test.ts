import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clockNow, systemActor } from '../../src/app/context.ts';
import { recordNote } from '../../src/app/people/record-note.ts';
import { recordCategories, type RecordCategory } from '../../src/domain/record/categories.ts';
import { addStaff, cookieHeader, startTestApp, TestClient, type TestApp } from '../support/harness.ts';

const categoryColumns = Object.keys(recordCategories) as RecordCategory[];

// The cells of one role's row in one kind of agency's table on the policy page: category → Yes or No.
function policyRow(body: string, agencyKind: string, roleLabel: string): Record<RecordCategory, string> {
  const start = body.indexOf(`id="policy-${agencyKind}"`);
  assert.ok(start >= 0, `the page has a table for ${agencyKind}`);
  const table = body.slice(start, body.indexOf('</table>', start));
  const row = new RegExp(`<tr class="govuk-table__row">\\s*<th scope="row" class="govuk-table__header"><a class="govuk-link" href="[^"]+">${roleLabel}</a></th>([\\s\\S]*?)</tr>`).exec(table);
  assert.ok(row, `the ${agencyKind} table has a row for ${roleLabel}`);
  const cells = [...row[1]!.matchAll(/<td class="govuk-table__cell[^"]*">([\s\S]*?)<\/td>/g)].map((match) => match[1]!.trim());
  return Object.fromEntries(categoryColumns.map((category, index) => [category, cells[index]])) as Record<RecordCategory, string>;
}

async function policyFor(test: TestApp, agencyKind: string, role: string): Promise<string[]> {
  const rows = await test.db.selectFrom('category_policy').select('category').where('agency_kind', '=', agencyKind).where('role', '=', role).orderBy('category').execute();
  return rows.map((row) => row.category);
}

// Sends a form as a browser does, with a field repeated once per ticked checkbox (TestClient.post sends
// each field once).
async function postForm(test: TestApp, client: TestClient, url: string, fields: [string, string][]) {
  const payload = new URLSearchParams([...fields, ['_csrf', client.csrfToken]]);
  return test.app.inject({
    method: 'POST',
    url,
    headers: { cookie: cookieHeader(client.jar), 'content-type': 'application/x-www-form-urlencoded' },
    payload: payload.toString(),
  });
}

const riskNote = 'Threatened a neighbour with a knife on 2 May.';

describe('the sharing policy pages', () => {
  let test: TestApp;
  let admin: TestClient;
  let officer: TestClient;
  let personPath: string;

  before(async () => {
    test = await startTestApp();
    await addStaff(test.db, { username: 'admin', role: 'system-administrator', agencyKind: 'mental-health-trust', agencyName: 'Wessex Partnership NHS Trust' });
    await addStaff(test.db, { username: 'officer', role: 'police-officer', agencyKind: 'police-force', agencyName: 'Wessex Police' });
    admin = new TestClient(test.app);
    await admin.signIn('admin');
    officer = new TestClient(test.app);
    await officer.signIn('officer');

    // The officer adds a person, so Wessex Police is involved with them; a risk-to-others note is then on
    // the record.
    await officer.get('/people/new');
    const added = await officer.post('/people', { givenNames: 'Daniel', familyName: 'Reeve', 'dateOfBirth-day': '14', 'dateOfBirth-month': '3', 'dateOfBirth-year': '1988', interpreterNeeded: 'no' });
    assert.equal(added.statusCode, 303);
    personPath = String(added.headers.location);
    const personId = personPath.split('/').at(-1)!;
    await recordNote({ db: test.db, now: clockNow, actor: systemActor('Test set-up'), purpose: 'Test set-up' }, personId, 1, { category: 'risk-to-others', text: riskNote });
  });
  after(() => test.close());

  it('is linked from the administration home page', async () => {
    const home = await admin.get('/admin');
    assert.match(home.body, /<a class="govuk-link" href="\/admin\/sharing-policy">Sharing policy<\/a>/);
  });

  it('shows the default in words: police officers see risk to others but not clinical notes', async () => {
    const page = await admin.get('/admin/sharing-policy');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1 class="govuk-heading-l">Sharing policy<\/h1>/);
    const police = policyRow(page.body, 'police-force', 'Police officer');
    assert.equal(police['risk-to-others'], 'Yes');
    assert.equal(police['legal-status'], 'Yes');
    assert.equal(police.clinical, 'No');
    assert.equal(policyRow(page.body, 'mental-health-trust', 'Mental health nurse').clinical, 'Yes');
    assert.match(page.body, /<th scope="col" class="govuk-table__header">Risk to others<\/th>/);
    assert.ok(page.body.includes('href="/admin/sharing-policy/police-force/police-officer"'), 'each row links to its change page');
    // Who approves each lawful basis.
    assert.match(page.body, /Public interest: a real risk of serious harm to others\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Caldicott guardian/);
    assert.ok(page.body.includes('href="/admin/disclosure-approvers/public-interest"'));
  });

  it('refuses a change with no reason, naming the field, and saves nothing', async () => {
    const form = await admin.get('/admin/sharing-policy/police-force/police-officer');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<input class="govuk-checkboxes__input" id="categories-4" name="categories" type="checkbox" value="risk-to-others" checked>/);
    assert.match(form.body, /<input class="govuk-checkboxes__input" id="categories-3" name="categories" type="checkbox" value="clinical">/);
    const response = await admin.post('/admin/sharing-policy/police-force/police-officer', { categories: 'identity', shown: 'identity,legal-status,risk-to-others', reason: '' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /There is a problem/);
    assert.match(response.body, /<a href="#reason">Enter why you are changing the policy<\/a>/);
    assert.deepEqual(await policyFor(test, 'police-force', 'police-officer'), ['identity', 'legal-status', 'risk-to-others']);
  });

  it('removes risk to others from police officers: an involved officer then no longer sees those entries, and the audit log has the change', async () => {
    const before = await officer.get(personPath);
    assert.equal(before.statusCode, 200);
    assert.ok(before.body.includes(riskNote), 'the officer sees the risk-to-others note under the default policy');

    await admin.get('/admin/sharing-policy/police-force/police-officer');
    const saved = await postForm(test, admin, '/admin/sharing-policy/police-force/police-officer', [
      ['categories', 'identity'],
      ['categories', 'legal-status'],
      ['shown', 'identity,legal-status,risk-to-others'],
      ['reason', 'Information sharing agreement revised on 1 June'],
    ]);
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/admin/sharing-policy?saved=police-force/police-officer');

    const overview = await admin.get(String(saved.headers.location));
    assert.match(overview.body, /You changed the sharing policy for Police officer \(Police force\)/);
    assert.match(overview.body, /<a class="govuk-notification-banner__link" href="#policy-police-force">See the policy for Police force<\/a>/);
    assert.equal(policyRow(overview.body, 'police-force', 'Police officer')['risk-to-others'], 'No');
    assert.equal(policyRow(overview.body, 'police-force', 'Police control room operator')['risk-to-others'], 'Yes', 'other roles are untouched');

    const after = await officer.get(personPath);
    assert.equal(after.statusCode, 200);
    assert.ok(!after.body.includes(riskNote), 'the note is no longer shown to the officer');

    const entry = await test.db.selectFrom('audit_log').selectAll().where('action', '=', 'administer').where('what', 'like', 'Sharing policy%').orderBy('sequence', 'desc').executeTakeFirstOrThrow();
    assert.equal(entry.actor_label, 'Test admin');
    assert.match(entry.what, /Police officer, Police force.*: added nothing; removed Risk to others; now sees Identity, Legal status\. Reason: Information sharing agreement revised on 1 June/);

    const rowPage = await admin.get('/admin/sharing-policy/police-force/police-officer');
    assert.match(rowPage.body, /added nothing; removed Risk to others; now sees Identity, Legal status\. Reason: Information sharing agreement revised on 1 June/, 'the change page shows the row’s history');
  });

  it('does not undo a change made since the page was opened', async () => {
    const response = await postForm(test, admin, '/admin/sharing-policy/police-force/police-officer', [
      ['categories', 'identity'],
      ['categories', 'legal-status'],
      ['categories', 'risk-to-others'],
      ['categories', 'offending'],
      ['shown', 'identity,legal-status,risk-to-others'],
      ['reason', 'Adding offending'],
    ]);
    assert.equal(response.statusCode, 409);
    assert.match(response.body, /Someone changed this policy since you opened it/);
    assert.deepEqual(await policyFor(test, 'police-force', 'police-officer'), ['identity', 'legal-status']);
  });

  it('changes who approves a disclosure, refusing the administrator’s role', async () => {
    const form = await admin.get('/admin/disclosure-approvers/public-interest');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<option value="caldicott-guardian" selected>Caldicott guardian<\/option>/);
    assert.ok(!form.body.includes('value="system-administrator"'), 'the administrator’s role is not offered');

    const refused = await admin.post('/admin/disclosure-approvers/public-interest', { role: 'system-administrator', shown: 'caldicott-guardian', reason: 'Testing' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /<a href="#role">Select a role other than system administrator/);
    const noReason = await admin.post('/admin/disclosure-approvers/public-interest', { role: 'information-governance-lead', shown: 'caldicott-guardian', reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /<a href="#reason">Enter why you are changing the policy<\/a>/);

    const saved = await admin.post('/admin/disclosure-approvers/public-interest', { role: 'information-governance-lead', shown: 'caldicott-guardian', reason: 'The Caldicott guardian is on leave' });
    assert.equal(saved.statusCode, 303);
    const overview = await admin.get(String(saved.headers.location));
    assert.match(overview.body, /Public interest: a real risk of serious harm to others\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Information governance lead/);
    const row = await test.db.selectFrom('disclosure_approvers').select('role').where('basis', '=', 'public-interest').executeTakeFirstOrThrow();
    assert.equal(row.role, 'information-governance-lead');
  });

  it('is refused to anyone but an administrator, and they change nothing', async () => {
    assert.equal((await officer.get('/admin/sharing-policy')).statusCode, 403);
    assert.equal((await officer.get('/admin/sharing-policy/police-force/police-officer')).statusCode, 403);
    await officer.get('/');
    const post = await postForm(test, officer, '/admin/sharing-policy/police-force/police-officer', [
      ['categories', 'identity'],
      ['categories', 'legal-status'],
      ['categories', 'clinical'],
      ['reason', 'I would like to see more'],
    ]);
    assert.equal(post.statusCode, 403);
    assert.match(post.body, /You do not have permission to see this page/, 'refused for the role, not for a stale form');
    assert.deepEqual(await policyFor(test, 'police-force', 'police-officer'), ['identity', 'legal-status']);
    const approver = await officer.post('/admin/disclosure-approvers/mappa', { role: 'police-officer', reason: 'Testing' });
    assert.equal(approver.statusCode, 403);
    const row = await test.db.selectFrom('disclosure_approvers').select('role').where('basis', '=', 'mappa').executeTakeFirstOrThrow();
    assert.equal(row.role, 'information-governance-lead');
  });

  it('shows a page not found for an unknown kind of agency, role or lawful basis', async () => {
    assert.equal((await admin.get('/admin/sharing-policy/secret-service/police-officer')).statusCode, 404);
    assert.equal((await admin.get('/admin/sharing-policy/police-force/chief-constable')).statusCode, 404);
    assert.equal((await admin.get('/admin/disclosure-approvers/because-i-said-so')).statusCode, 404);
    const post = await admin.post('/admin/sharing-policy/police-force/chief-constable', { categories: 'identity', reason: 'Testing' });
    assert.equal(post.statusCode, 404);
  });
});
