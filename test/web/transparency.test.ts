import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { toLondonOffsetDateTime } from '../../src/domain/london-time.ts';
import { auditEntriesAbout } from '../support/audit.ts';
import { startTestApp, TestClient, type TestApp } from '../support/harness.ts';
import { breakGlassReason, clinicalNoteText, riskStated, sharedRecord, type SharedRecord } from '../support/transparency.ts';

describe('transparency pages: the access report and subject access', () => {
  let test: TestApp;
  let record: SharedRecord;
  let administrator: TestClient;

  before(async () => {
    test = await startTestApp();
    record = await sharedRecord(test.db, 'web');
    // Detained under s2 yesterday, so there is a legal status, deadlines and tasks to give her.
    const placement = { agencyId: record.trust.agencyId, agencyName: record.trust.agencyName, teamId: null, teamName: null };
    const admitted = toLondonOffsetDateTime(Temporal.Now.instant().subtract({ hours: 24 }));
    await recordLegalEvent(record.trust.context, record.personId, 2, { event: { type: 's2-admitted', at: admitted }, placement, documentId: null, note: null }, 'Recorded an s2 admission');
    // The police officer reads Helen's record through the page; the housing officer, not involved, is refused.
    const police = new TestClient(test.app);
    await police.signIn(record.police.username);
    assert.equal((await police.get(`/people/${record.personId}`)).statusCode, 200);
    const housing = new TestClient(test.app);
    await housing.signIn(record.housing.username);
    assert.equal((await housing.get(`/people/${record.personId}`)).statusCode, 403);
    administrator = new TestClient(test.app);
    await administrator.signIn(record.trust.username);
  });
  after(() => test.close());

  it('shows the person who looked at their record, a refusal, a disclosure and a break-glass, printable', async () => {
    const response = await administrator.get(`/people/${record.personId}/access-report`);
    assert.equal(response.statusCode, 200);
    const page = response.body;
    assert.match(page, /<h1 class="govuk-heading-l">Who has looked at your record<\/h1>/);
    assert.match(page, /For Helen Marsh/);
    // A view by another agency, by name and role.
    assert.match(page, /<h3 class="govuk-heading-s">Wessex Police<\/h3>/);
    assert.match(page, /Test web\.police, Police officer/);
    assert.match(page, /Looked at your record/);
    // The refusal.
    assert.match(page, /<h3 class="govuk-heading-s">Portsea Housing Association<\/h3>/);
    assert.match(page, /Was refused access to your record/);
    // The disclosure: basis, risk stated, what, to whom, approved by whom.
    assert.match(page, /Public interest: a real risk of serious harm to others/);
    assert.ok(page.includes(riskStated.replace(/'/g, '&#39;')));
    assert.match(page, /To Wessex Probation Service/);
    assert.match(page, /Note \(clinical\), written/);
    assert.match(page, /Approved by Test web\.caldicott/);
    // The break-glass, with its reason and review.
    assert.ok(page.includes(breakGlassReason));
    assert.match(page, /Appropriate: the emergency justified the access: reviewed by Test web\.caldicott/);
    // What the note says is not in the report: only that it was disclosed.
    assert.ok(!page.includes(clinicalNoteText));
    // Printed without the service's menus or the period form.
    assert.match(page, /<div class="govuk-!-display-none-print">\s*<header class="accord-header"/);
    assert.match(page, /<div class="govuk-grid-row govuk-!-display-none-print">[\s\S]*<form method="get"/);
    const audited = await auditEntriesAbout(test.db, record.personId).where('actor_label', '=', `Test ${record.trust.username}`).where('what', 'like', 'Produced the access report%').execute();
    assert.equal(audited.length, 1);
  });

  it('reports a period of days, and names the date at fault when the period is wrong', async () => {
    const today = Temporal.Now.zonedDateTimeISO('Europe/London').toPlainDate();
    const tomorrow = today.add({ days: 1 });
    const later = await administrator.get(`/people/${record.personId}/access-report?from-day=${tomorrow.day}&from-month=${tomorrow.month}&from-year=${tomorrow.year}&to-day=&to-month=&to-year=`);
    assert.equal(later.statusCode, 400);
    assert.match(later.body, /<a href="#from-day">Start date must be today or in the past<\/a>/);

    const backwards = await administrator.get(`/people/${record.personId}/access-report?from-day=${today.day}&from-month=${today.month}&from-year=${today.year}&to-day=1&to-month=1&to-year=2020`);
    assert.equal(backwards.statusCode, 400);
    assert.match(backwards.body, /<a href="#to-day">End date must be the same as or after the start date<\/a>/);

    const impossible = await administrator.get(`/people/${record.personId}/access-report?from-day=31&from-month=2&from-year=2026`);
    assert.equal(impossible.statusCode, 400);
    assert.match(impossible.body, /Start date must be a real date/);

    const yesterday = today.subtract({ days: 1 });
    const earlier = await administrator.get(`/people/${record.personId}/access-report?from-day=1&from-month=1&from-year=2020&to-day=${yesterday.day}&to-month=${yesterday.month}&to-year=${yesterday.year}`);
    assert.equal(earlier.statusCode, 200);
    assert.match(earlier.body, /No one looked at or changed your record in this period/);
    assert.match(earlier.body, /Nothing about you was disclosed in this period/);

    const day = await administrator.get(`/people/${record.personId}/access-report?from-day=${today.day}&from-month=${today.month}&from-year=${today.year}&to-day=${today.day}&to-month=${today.month}&to-year=${today.year}`);
    assert.equal(day.statusCode, 200);
    assert.match(day.body, /Wessex Police/);
  });

  it('downloads everything held as JSON, with every entry of the record', async () => {
    const response = await administrator.get(`/people/${record.personId}/subject-access.json`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    assert.match(String(response.headers['content-disposition']), new RegExp(`^attachment; filename="subject-access-${record.personId}-\\d{4}-\\d{2}-\\d{2}\\.json"$`));
    const held = JSON.parse(response.body);
    assert.equal(held.schema, 'accord.subject-access/1');
    const stored = await test.db.selectFrom('record_entries').select('id').where('person_id', '=', record.personId).execute();
    assert.deepEqual(held.entries.map((entry: { id: string }) => entry.id).sort(), stored.map((row) => row.id).sort());
    assert.ok(held.entries.some((entry: { data: { text?: string } }) => entry.data.text === clinicalNoteText));
    assert.equal(held.disclosures[0].basis, 'public-interest');
    assert.equal(held.emergencyAccess[0].reason, breakGlassReason);
  });

  it('shows everything held as a readable, printable document with the checks before release', async () => {
    const response = await administrator.get(`/people/${record.personId}/subject-access`);
    assert.equal(response.statusCode, 200);
    const page = response.body;
    assert.match(page, /<h1 class="govuk-heading-l">Everything Accord holds about Helen Marsh<\/h1>/);
    assert.ok(page.includes(clinicalNoteText));
    assert.match(page, /943 476 5919/);
    assert.match(page, /Health information: the serious harm test/);
    assert.match(page, /href="\/people\/[0-9a-f-]{36}\/subject-access\.json" download/);
    assert.match(page, /<h2 class="govuk-heading-m" id="disclosures">Information shared about you<\/h2>/);
    // The legal position as worked out now, its deadlines, and the tasks it gave staff.
    assert.match(page, /Status\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*s2\s*<\/dd>/);
    assert.match(page, /<caption class="govuk-table__caption govuk-table__caption--s">Deadlines under the Mental Health Act<\/caption>/);
    assert.match(page, /Give the patient information about their rights under s132 \(s2\)/);
    assert.match(page, /Admitted for assessment, s2 on /);
    const audited = await auditEntriesAbout(test.db, record.personId).where('what', 'like', 'Exported everything held%as a readable document').execute();
    assert.equal(audited.length, 1);
  });

  it('refuses a role without the access history permission, leaking nothing', async () => {
    const police = new TestClient(test.app);
    await police.signIn(record.police.username);
    for (const path of ['access-report', 'subject-access', 'subject-access.json']) {
      const response = await police.get(`/people/${record.personId}/${path}`);
      assert.equal(response.statusCode, 403, path);
      assert.ok(!response.body.includes('Helen'), path);
      assert.ok(!response.body.includes(clinicalNoteText), path);
    }
  });

  it('says when the person is not there', async () => {
    const response = await administrator.get('/people/00000000-0000-4000-8000-000000000000/access-report');
    assert.equal(response.statusCode, 404);
  });
});
