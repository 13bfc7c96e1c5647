import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppContext } from '../../src/app/context.ts';
import { recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import type { LegalEventJson, Placement } from '../../src/domain/legal/legal-entries.ts';
import { addStaff, startTestApp, TestClient, type TestApp } from '../support/harness.ts';

const march = 'from-day=1&from-month=3&from-year=2026&to-day=31&to-month=3&to-year=2026';

describe('the Mental Health Act report pages', () => {
  let test: TestApp;
  let wessex: Placement;
  let mercia: Placement;
  let office: AppContext;
  let elsewhere: AppContext;

  function staffContext(staff: { userId: string; agencyId: string; agencyName: string }, at: () => Temporal.Instant): AppContext {
    return { db: test.db, now: at, purpose: 'Test set-up', actor: { kind: 'user', userId: staff.userId, label: 'Test office', role: 'mha-administrator', agencyId: staff.agencyId, agencyName: staff.agencyName } };
  }

  // A person with one legal event, recorded an hour after it happened.
  async function personWith(context: AppContext, familyName: string, event: LegalEventJson, placement: Placement) {
    const recording = { ...context, now: () => Temporal.Instant.from(event.at).add({ hours: 1 }) };
    const outcome = await registerPerson(recording, { givenNames: 'Alex', familyName, preferredName: null, otherNames: null, dateOfBirth: '1975-05-05', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null }, { confirmedNewPerson: true });
    assert.equal(outcome.kind, 'registered');
    if (outcome.kind !== 'registered') return;
    await recordLegalEvent(recording, outcome.personId, 1, { event, placement, documentId: null, note: null }, `Recorded ${event.type}`);
  }

  before(async () => {
    test = await startTestApp();
    const officeStaff = await addStaff(test.db, { username: 'office', role: 'mha-administrator', agencyName: 'Wessex Partnership NHS Trust' });
    await addStaff(test.db, { username: 'nurse', role: 'mental-health-nurse', agencyName: 'Wessex Partnership NHS Trust' });
    const merciaStaff = await addStaff(test.db, { username: 'elsewhere', role: 'mha-administrator', agencyName: 'Mercia Health NHS Trust' });
    office = staffContext(officeStaff, () => Temporal.Now.instant());
    elsewhere = staffContext(merciaStaff, () => Temporal.Now.instant());
    wessex = { agencyId: officeStaff.agencyId, agencyName: officeStaff.agencyName, teamId: null, teamName: null };
    mercia = { agencyId: merciaStaff.agencyId, agencyName: merciaStaff.agencyName, teamId: null, teamName: null };
    // Wessex: an s2 admission in March, and an s3 authority that lapses on 12 March for want of renewal.
    await personWith(office, 'Assessed', { type: 's2-admitted', at: '2026-03-05T15:00:00Z' }, wessex);
    await personWith(office, 'Lapsed', { type: 's3-admitted', at: '2025-09-12T12:00:00Z' }, wessex);
    // Mercia: two s2 admissions and a place of safety, none of them Wessex's.
    await personWith(elsewhere, 'First', { type: 's2-admitted', at: '2026-03-06T12:00:00Z' }, mercia);
    await personWith(elsewhere, 'Second', { type: 's2-admitted', at: '2026-03-07T12:00:00Z' }, mercia);
    await personWith(elsewhere, 'Safety', { type: 'place-of-safety-arrival', at: '2026-03-08T12:00:00Z', power: 's136' }, mercia);
  });
  after(() => test.close());

  // The count in a table row, by the row's heading, within one section of the page.
  function countIn(body: string, sectionId: string, label: string): number | null {
    const start = body.indexOf(`id="${sectionId}"`);
    assert.ok(start >= 0, `section ${sectionId} is on the page`);
    const next = body.indexOf('<h2', start + 1);
    const section = body.slice(start, next < 0 ? undefined : next);
    const match = new RegExp(`<th scope="row" class="govuk-table__header">${label}</th>\\s*<td[^>]*>(\\d+)</td>`).exec(section);
    return match ? Number(match[1]) : null;
  }

  it('shows the agency’s numbers for the period, each chart an SVG image with a title and a table', async () => {
    const client = new TestClient(test.app);
    await client.signIn('office');
    const response = await client.get(`/reports?${march}`);
    assert.equal(response.statusCode, 200);
    const body = response.body;
    assert.match(body, /Wessex Partnership NHS Trust: 1 March 2026 to 31 March 2026/);
    assert.match(body, /<svg class="accord-chart" viewBox="0 0 \d+ \d+" role="img" aria-labelledby="chart-begun-title chart-begun-desc"/);
    assert.match(body, /<title id="chart-begun-title">Detentions begun in the period, by section<\/title>/);
    assert.match(body, /<desc id="chart-begun-desc">Section 2: 1\. Detentions begun: 1\.<\/desc>/);
    assert.match(body, /<caption class="govuk-table__caption govuk-table__caption--s">Detentions begun: the numbers in the chart<\/caption>/);
    assert.equal(countIn(body, 'begun', 'Section 2'), 1, 'Mercia’s s2 admissions are not counted');
    assert.equal(countIn(body, 'detained', 'Section 3'), 1);
    assert.equal(countIn(body, 'detained', 'People detained \\(each counted once\\)'), 2);
    assert.equal(countIn(body, 'lapses', 'Section 3'), 1);
    assert.doesNotMatch(body, /Section 136/, 'Mercia’s place of safety is not in Wessex’s report');
    // Managers' references: those that fell due, and whether each was made on time, late or not at all.
    assert.match(body, /<title id="chart-references-title">Managers’ references that fell due in the period, by when the reference was made<\/title>/);
    assert.equal(countIn(body, 'references', 'Made on time'), 0);
    assert.equal(countIn(body, 'references', 'Not made'), 0);
    assert.equal(countIn(body, 'references', 'Fell due'), 0, 'Lapsed’s authority ended before its reference fell due');
    assert.match(body, /Made on time: a reference recorded as made that met the duty, made on or before the moment it fell due/);
    assert.doesNotMatch(body, /\sstyle="/, 'no inline styles: the content security policy forbids them');
    assert.match(body, /href="\/reports\.csv\?from-day=1&amp;from-month=3&amp;from-year=2026&amp;to-day=31&amp;to-month=3&amp;to-year=2026"/);
    const audit = await test.db.selectFrom('audit_log').select(['person_id', 'action', 'what']).where('what', 'like', 'Produced the Mental Health Act report for Wessex%').execute();
    assert.deepEqual(audit, [{ person_id: null, action: 'list', what: 'Produced the Mental Health Act report for Wessex Partnership NHS Trust 2026-03-01\u20132026-03-31' }]);
  });

  it('shows another agency its own numbers only', async () => {
    const client = new TestClient(test.app);
    await client.signIn('elsewhere');
    const body = (await client.get(`/reports?${march}`)).body;
    assert.equal(countIn(body, 'begun', 'Section 2'), 2);
    assert.equal(countIn(body, 'begun', 'Section 136'), 1);
    assert.equal(countIn(body, 'lapses', 'Section 3'), null);
  });

  it('opens on the last full calendar month', async () => {
    const client = new TestClient(test.app);
    await client.signIn('office');
    const response = await client.get('/reports');
    assert.equal(response.statusCode, 200);
    const today = Temporal.Now.zonedDateTimeISO('Europe/London').toPlainDate();
    const from = today.toPlainYearMonth().subtract({ months: 1 }).toPlainDate({ day: 1 });
    const to = from.add({ months: 1 }).subtract({ days: 1 });
    assert.match(response.body, new RegExp(`id="from-month" name="from-month" type="text" value="${from.month}"`));
    assert.match(response.body, new RegExp(`id="to-day" name="to-day" type="text" value="${to.day}"`));
    assert.match(response.body, /Mental Health Act report/);
  });

  it('gives the same numbers as CSV, every cell quoted', async () => {
    const client = new TestClient(test.app);
    await client.signIn('office');
    const response = await client.get(`/reports.csv?${march}`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/csv/);
    assert.match(String(response.headers['content-disposition']), /attachment; filename="mental-health-act-report-2026-03-01-to-2026-03-31\.csv"/);
    const lines = response.body.split('\r\n');
    assert.equal(lines[0], '"Agency","From","To","Measure","Category","Count"');
    assert.ok(lines.includes('"Wessex Partnership NHS Trust","2026-03-01","2026-03-31","Detentions begun in the period","Section 2","1"'));
    assert.ok(lines.includes('"Wessex Partnership NHS Trust","2026-03-01","2026-03-31","Authorities that lapsed in the period","Section 3","1"'));
    assert.ok(lines.includes('"Wessex Partnership NHS Trust","2026-03-01","2026-03-31","Statutory documents scrutinised in the period","Invalid: the detention cannot rest on it","0"'));
    assert.ok(!response.body.includes('Section 136'));
  });

  it('explains a period that is not valid, linking to the date at fault', async () => {
    const client = new TestClient(test.app);
    await client.signIn('office');
    const backwards = await client.get('/reports?from-day=31&from-month=3&from-year=2026&to-day=1&to-month=3&to-year=2026');
    assert.equal(backwards.statusCode, 400);
    assert.match(backwards.body, /There is a problem/);
    assert.match(backwards.body, /<a href="#to-day">The end of the period must be the same as or after the start<\/a>/);
    assert.doesNotMatch(backwards.body, /<svg/);
    const impossible = await client.get('/reports?from-day=30&from-month=2&from-year=2026&to-day=31&to-month=3&to-year=2026');
    assert.equal(impossible.statusCode, 400);
    assert.match(impossible.body, /<a href="#from-day">Start date must be a real date<\/a>/);
    const tooLong = await client.get('/reports?from-day=1&from-month=1&from-year=2020&to-day=1&to-month=1&to-year=2026');
    assert.equal(tooLong.statusCode, 400);
    assert.match(tooLong.body, /The period must be 5 years or shorter/);
    const future = Temporal.Now.zonedDateTimeISO('Europe/London').toPlainDate().add({ days: 2 });
    const ahead = await client.get(`/reports?from-day=1&from-month=3&from-year=2026&to-day=${future.day}&to-month=${future.month}&to-year=${future.year}`);
    assert.equal(ahead.statusCode, 400);
    assert.match(ahead.body, /The end of the period must be today or in the past/);
    const empty = await client.get('/reports?from-day=&from-month=&from-year=&to-day=&to-month=&to-year=');
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /<a href="#from-day">Enter the start date<\/a>/);
    assert.match(empty.body, /<a href="#to-day">Enter the end date<\/a>/);
    const csv = await client.get('/reports.csv?from-day=31&from-month=3&from-year=2026&to-day=1&to-month=3&to-year=2026');
    assert.equal(csv.statusCode, 400);
  });

  it('is refused to a nurse, who has no reports.read', async () => {
    const client = new TestClient(test.app);
    await client.signIn('nurse');
    assert.equal((await client.get(`/reports?${march}`)).statusCode, 403);
    assert.equal((await client.get(`/reports.csv?${march}`)).statusCode, 403);
  });
});
