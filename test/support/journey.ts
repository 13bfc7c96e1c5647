import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { testPassword } from './harness.ts';
import type { BrowserSession, VisitedPages } from './browser.ts';

// What a browser journey does on every page: sign in and out, follow a link or press a button and check
// the page it lands on for accessibility, fill fields by their labels, and read summary lists and tables
// as a screen reader would find them.
export class Journey {
  readonly browser: BrowserSession;
  readonly visited: VisitedPages;
  // Called before each sign-in, for a journey whose clock moves on between people.
  private readonly beforeSignIn: () => void;

  constructor(browser: BrowserSession, visited: VisitedPages, beforeSignIn: () => void = () => {}) {
    this.browser = browser;
    this.visited = visited;
    this.beforeSignIn = beforeSignIn;
  }

  get page(): Page {
    return this.browser.page;
  }

  async signIn(username: string): Promise<void> {
    this.beforeSignIn();
    await this.page.goto('/sign-in');
    await this.visited.check(this.page);
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password', { exact: true }).fill(testPassword);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.waitForURL((url) => url.pathname === '/');
    await this.visited.check(this.page);
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.page.waitForURL(/\/sign-in/);
    await this.visited.check(this.page);
  }

  // Follows a link (or presses a button) that leads to another page, and checks the page it lands on.
  async follow(target: Locator): Promise<void> {
    await Promise.all([this.page.waitForEvent('framenavigated', (frame) => frame === this.page.mainFrame()), target.click()]);
    await this.visited.check(this.page);
  }

  async open(path: string): Promise<void> {
    await this.page.goto(path);
    await this.visited.check(this.page);
  }

  async link(name: string | RegExp): Promise<void> {
    await this.follow(this.page.getByRole('link', { name, exact: typeof name === 'string' }).first());
  }

  group(name: string): Locator {
    return this.page.getByRole('group', { name, exact: true });
  }

  async choose(legend: string, label: string): Promise<void> {
    await this.group(legend).getByLabel(label, { exact: true }).check();
  }

  async fill(label: string, value: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).fill(value);
  }

  async fillDateTime(legend: string, at: Temporal.Instant): Promise<void> {
    const when = at.toZonedDateTimeISO('Europe/London');
    const boxes = this.group(legend);
    await boxes.getByLabel('Day').fill(String(when.day));
    await boxes.getByLabel('Month').fill(String(when.month));
    await boxes.getByLabel('Year').fill(String(when.year));
    await boxes.getByLabel('Time (HH:MM)').fill(when.toPlainTime().toString({ smallestUnit: 'minute' }));
  }

  // Saves a form and lands on the page it leads to, checked; fails with the page's text if it was refused.
  async save(button: string): Promise<void> {
    await this.follow(this.page.getByRole('button', { name: button, exact: true }));
    const problem = this.page.getByText('There is a problem');
    assert.equal(await problem.count(), 0, `the form was refused: ${await this.mainText()}`);
  }

  // Presses a button expecting the form to be refused, and returns the error summary's text.
  async refused(button: string): Promise<string> {
    await this.follow(this.page.getByRole('button', { name: button, exact: true }));
    const summary = this.page.locator('.govuk-error-summary');
    assert.equal(await summary.count(), 1, `expected the form to be refused: ${await this.mainText()}`);
    return summary.innerText();
  }

  async mainText(): Promise<string> {
    return this.page.locator('main').innerText();
  }

  // The value a summary list gives for a key.
  async summary(key: string): Promise<string> {
    const row = this.page.locator('.govuk-summary-list__row').filter({ has: this.page.locator('dt', { hasText: key }) }).first();
    return (await row.locator('dd').first().innerText()).trim();
  }

  // The rows of the table with this caption, each as the text of its cells.
  async tableRows(caption: string | RegExp): Promise<string[][]> {
    const table = this.page.locator('table').filter({ has: this.page.locator('caption', { hasText: caption }) });
    const rows = await table.locator('tbody tr').all();
    return Promise.all(rows.map((row) => row.locator('th, td').allInnerTexts().then((cells) => cells.map((cell) => cell.trim()))));
  }
}
