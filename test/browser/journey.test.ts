import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addStaff, testPassword } from '../support/harness.ts';
import { assertAccessible, openBrowser, serveApp, VisitedPages, type BrowserSession, type ServedApp } from '../support/browser.ts';

// Dates are shown in UK time, whatever the machine's zone.
process.env.TZ = 'Europe/London';

describe('browser journey: sign in, add a person, find them, read their record and its access history', () => {
  let served: ServedApp;
  let browser: BrowserSession;
  let visited: VisitedPages;
  let personPath = '';
  const person = { givenNames: 'Rowan', familyName: 'Pettigrew', name: 'Rowan Pettigrew', wrongNhsNumber: '9434765918', nhsNumber: '9434765919' };
  const mainNavigation = () => browser.page.getByRole('navigation', { name: 'Main' });

  before(async () => {
    served = await serveApp();
    await addStaff(served.db, { username: 'mha.admin', role: 'mha-administrator', displayName: 'Morgan Hale' });
    browser = await openBrowser(served.baseUrl);
    visited = new VisitedPages(browser.page);
  });

  after(async () => {
    await browser?.close();
    await served?.close();
  });

  it('has an accessibility check that finds violations', async () => {
    const scratch = await browser.context.newPage();
    try {
      await scratch.setContent('<!doctype html><html><head><title>Scratch</title></head><body><main><img src="data:,"><input type="text"></main></body></html>');
      await assert.rejects(() => assertAccessible(scratch), (error: Error) => {
        assert.match(error.message, /image-alt/);
        assert.match(error.message, /html-has-lang/);
        return true;
      });
    } finally {
      await scratch.close();
    }
  });

  it('sends a visitor to sign in, and signs them in', async () => {
    const { page } = browser;
    await page.goto('/');
    await page.waitForURL(/\/sign-in\?returnTo=%2F$/);
    await visited.check(page);
    await page.getByRole('heading', { level: 1, name: 'Sign in to Accord' }).waitFor();

    await page.getByLabel('Username').fill('mha.admin');
    await page.getByLabel('Password', { exact: true }).fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as Morgan Hale').first().waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    await visited.check(page);
  });

  it('adds a person, refusing an NHS number whose check digit is wrong until it is corrected', async () => {
    const { page } = browser;
    await mainNavigation().getByRole('link', { name: 'Add a person' }).click();
    await page.waitForURL(/\/people\/new$/);
    await page.getByRole('heading', { level: 1, name: 'Add a person' }).waitFor();
    await visited.check(page);

    await page.getByLabel('Given names').fill(person.givenNames);
    await page.getByLabel('Family name').fill(person.familyName);
    const dateOfBirth = page.getByRole('group', { name: /^Date of birth/ });
    await dateOfBirth.getByLabel('Day').fill('14');
    await dateOfBirth.getByLabel('Month').fill('2');
    await dateOfBirth.getByLabel('Year').fill('1987');
    const nhsNumber = page.getByLabel(/NHS number/);
    await nhsNumber.fill(person.wrongNhsNumber);
    await page.getByRole('group', { name: /interpreter/ }).getByLabel('No', { exact: true }).check();
    await page.getByRole('button', { name: 'Add person' }).click();

    const summary = page.locator('.govuk-error-summary');
    await summary.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await visited.check(page);
    assert.match(await page.title(), /^Error: /);
    // The summary takes focus so a screen reader announces it straight away.
    await summary.and(page.locator(':focus')).waitFor();
    const problems = summary.getByRole('link');
    assert.equal(await problems.count(), 1, `problems listed: ${(await problems.allTextContents()).join(' | ')}`);
    const problem = problems.first();
    assert.match((await problem.innerText()).trim(), /^NHS number .*check digit/);
    // The field keeps what was typed and shows the same message beside it.
    assert.equal(await nhsNumber.inputValue(), person.wrongNhsNumber);
    assert.equal(await page.getByLabel('Given names').inputValue(), person.givenNames);
    assert.match(await page.locator('.govuk-form-group--error').innerText(), /check digit/);
    await problem.click();
    await nhsNumber.and(page.locator(':focus')).waitFor();

    await nhsNumber.fill(person.nhsNumber);
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
    personPath = new URL(page.url()).pathname;
    const heading = await page.getByRole('heading', { level: 1 }).innerText();
    assert.ok(heading.includes(person.name), `the heading "${heading}" names ${person.name}`);
    assert.doesNotMatch(await page.title(), /^Error: /);
    await visited.check(page);
  });

  it('finds the person by name and opens their record, with its chronology', async () => {
    const { page } = browser;
    await mainNavigation().getByRole('link', { name: 'Find a person' }).click();
    await page.waitForURL(/\/people$/);
    await page.getByRole('heading', { level: 1, name: 'Find a person' }).waitFor();
    await visited.check(page);

    await page.getByLabel('Name, date of birth or identifier').fill(person.name);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/people\?q=/);
    const results = page.getByRole('table');
    const row = results.getByRole('row').filter({ has: page.getByRole('link', { name: person.name }) });
    await row.waitFor();
    await visited.check(page);
    const rowText = await row.innerText();
    assert.match(rowText, /14 February 1987/);
    assert.match(rowText, /943 476 5919/);

    await row.getByRole('link', { name: person.name }).click();
    await page.waitForURL((url) => url.pathname === personPath);
    await page.getByRole('heading', { level: 1, name: person.name }).waitFor();
    await visited.check(page);

    const timeline = page.locator('.moj-timeline');
    const added = timeline.locator('.moj-timeline__item').filter({ hasText: 'Person added' });
    assert.equal(await added.count(), 1);
    assert.match(await added.locator('.moj-timeline__byline').innerText(), /Morgan Hale, Mental Health Act administrator/);
    assert.match(await added.innerText(), /943 476 5919/);
    assert.match(String(await added.locator('time').getAttribute('datetime')), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });

  it('shows who has read the record in its access history', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: /^Access history/ }).click();
    await page.waitForURL((url) => url.pathname === `${personPath}/access-history`);
    await page.getByRole('heading', { level: 1, name: 'Access history' }).waitFor();
    await visited.check(page);

    const rows = page.getByRole('table').getByRole('row');
    const byMorgan = (what: string | RegExp) => rows.filter({ hasText: 'Morgan Hale' }).filter({ hasText: what });
    // Opened twice: once after adding the person, once from the search results.
    assert.equal(await byMorgan("Viewed the person's summary and chronology").count(), 2);
    assert.equal(await byMorgan('Added the person to Accord').count(), 1);
    assert.equal(await byMorgan('Shown in the results of a search').count(), 1);
    assert.equal(await byMorgan('Viewed the access history').count(), 1);
  });

  it('checked every page it visited for accessibility', () => {
    visited.assertEveryPageChecked();
    assert.ok(visited.urls.length >= 9, `pages visited: ${visited.urls.join(', ')}`);
  });
});
