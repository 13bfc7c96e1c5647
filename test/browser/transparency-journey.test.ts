import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testPassword } from '../support/harness.ts';
import { openBrowser, serveApp, VisitedPages, type BrowserSession, type ServedApp } from '../support/browser.ts';
import { breakGlassReason, clinicalNoteText, sharedRecord, type SharedRecord } from '../support/transparency.ts';

// Dates are shown in UK time, whatever the machine's zone.
process.env.TZ = 'Europe/London';

describe('browser journey: the access report for the person and the subject access document', () => {
  let served: ServedApp;
  let browser: BrowserSession;
  let visited: VisitedPages;
  let record: SharedRecord;

  before(async () => {
    served = await serveApp();
    record = await sharedRecord(served.db, 'journey');
    browser = await openBrowser(served.baseUrl);
    visited = new VisitedPages(browser.page);
  });

  after(async () => {
    await browser?.close();
    await served?.close();
  });

  it('signs in as the Mental Health Act administrator and opens the access report from the record', async () => {
    const { page } = browser;
    await page.goto('/sign-in');
    await visited.check(page);
    await page.getByLabel('Username').fill(record.trust.username);
    await page.getByLabel('Password', { exact: true }).fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await visited.check(page);
    await page.goto(`/people/${record.personId}`);
    await visited.check(page);
    await page.getByRole('link', { name: /Access report for the person/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Who has looked at your record' }).waitFor();
    await visited.check(page);
    await page.getByRole('heading', { level: 3, name: 'Wessex Partnership NHS Trust' }).waitFor();
    await page.getByText(breakGlassReason).waitFor();
  });

  it('points to the date at fault in the period, then shows the period', async () => {
    const { page } = browser;
    const start = page.getByRole('group', { name: 'Start date' });
    await start.getByLabel('Day').fill('31');
    await start.getByLabel('Month').fill('2');
    await start.getByLabel('Year').fill('2026');
    await page.getByRole('button', { name: 'Show the report for this period' }).click();
    await page.getByRole('link', { name: 'Start date must be a real date' }).waitFor();
    await visited.check(page);
    await page.getByRole('link', { name: 'Start date must be a real date' }).click();
    assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id), 'from-day');

    const today = Temporal.Now.zonedDateTimeISO('Europe/London').toPlainDate();
    await start.getByLabel('Day').fill(String(today.day));
    await start.getByLabel('Month').fill(String(today.month));
    await start.getByLabel('Year').fill(String(today.year));
    await page.getByRole('button', { name: 'Show the report for this period' }).click();
    await page.getByRole('heading', { level: 2, name: 'Who looked at or changed your record' }).waitFor();
    await visited.check(page);
  });

  it('prints without the service’s header, navigation and period form', async () => {
    const { page } = browser;
    await page.emulateMedia({ media: 'print' });
    try {
      assert.equal(await page.locator('header.accord-header').isVisible(), false);
      assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false);
      assert.equal(await page.getByRole('button', { name: 'Show the report for this period' }).isVisible(), false);
      assert.equal(await page.getByRole('heading', { level: 1, name: 'Who has looked at your record' }).isVisible(), true);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('opens everything held as a readable document', async () => {
    const { page } = browser;
    await page.goto(`/people/${record.personId}/subject-access`);
    await page.getByRole('heading', { level: 1, name: 'Everything Accord holds about Helen Marsh' }).waitFor();
    await page.getByText(clinicalNoteText).waitFor();
    await visited.check(page);
    visited.assertEveryPageChecked();
  });
});
