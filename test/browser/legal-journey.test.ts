import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { addStaff, involve, systemContext, testPassword } from '../support/harness.ts';
import { openBrowser, serveApp, VisitedPages, type BrowserSession, type ServedApp } from '../support/browser.ts';

process.env.TZ = 'Europe/London';

// One patient through s136 → s2 → s3 → renewal → CTO → recall → revocation → discharge, recorded in the
// browser as a Mental Health Act office would, with the service's clock moved on between steps. At each
// step the status page must show the deadlines the law now sets and no longer show those it has ended;
// every page visited is checked with axe.
describe('browser journey: a patient from place of safety to discharge', () => {
  let clock = Temporal.Instant.from('2026-03-02T10:30:00Z');
  let served: ServedApp;
  let browser: BrowserSession;
  let visited: VisitedPages;
  let personId = '';

  before(async () => {
    served = await serveApp({ now: () => clock });
    const staff = await addStaff(served.db, { username: 'mha.office', role: 'mha-administrator', displayName: 'Morgan Hale', agencyName: 'Wessex Partnership NHS Trust' });
    const outcome = await registerPerson({ ...systemContext(served.db), now: () => clock }, { givenNames: 'Jordan', familyName: 'Ashby', preferredName: null, otherNames: null, dateOfBirth: '1988-05-09', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null }, { confirmedNewPerson: true });
    assert.equal(outcome.kind, 'registered');
    personId = outcome.kind === 'registered' ? outcome.personId : '';
    // The trust whose office records the journey is caring for the patient.
    await involve(served.db, personId, staff.agencyId, 'Patient of the trust');
    assert.ok(staff.userId);
    browser = await openBrowser(served.baseUrl);
    visited = new VisitedPages(browser.page);
  });

  after(async () => {
    await browser?.close();
    await served?.close();
  });

  async function deadlinesText(): Promise<string> {
    const { page } = browser;
    const table = page.locator('table').filter({ has: page.locator('caption', { hasText: 'Every deadline' }) });
    return (await table.count()) === 0 ? '' : await table.innerText();
  }

  // The row of the deadlines table saying when the power in force ends.
  function authorityEnds(text: string): string {
    const lines = text.split('\n');
    const index = lines.indexOf('Authority ends');
    return index === -1 ? '' : (lines[index + 1] ?? '');
  }

  // Records one journey at a London wall-clock time, through the form and its check page, and lands on
  // the status page.
  async function record(slug: string, at: string, fill: () => Promise<void> = async () => {}): Promise<void> {
    const { page } = browser;
    const when = Temporal.PlainDateTime.from(at);
    await page.goto(`/people/${personId}/legal/record/${slug}`);
    await visited.check(page);
    // Days pass between steps: the office signs in again once the session has expired.
    if (new URL(page.url()).pathname === '/sign-in') {
      await signIn();
      await page.waitForURL(new RegExp(`/legal/record/${slug}$`));
      await visited.check(page);
    }
    await page.locator('#at-day').fill(String(when.day));
    await page.locator('#at-month').fill(String(when.month));
    await page.locator('#at-year').fill(String(when.year));
    await page.locator('#at-time').fill(when.toPlainTime().toString({ smallestUnit: 'minute' }));
    await fill();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Save' }).waitFor();
    await visited.check(page);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(new RegExp(`/people/${personId}/legal\\?saved=`));
    await visited.check(page);
    await page.getByText('recorded').first().waitFor();
  }

  async function signIn(): Promise<void> {
    const { page } = browser;
    await page.getByLabel('Username').fill('mha.office');
    await page.getByLabel('Password', { exact: true }).fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
  }

  it('signs in and opens the person’s status, with nothing recorded yet', async () => {
    const { page } = browser;
    await page.goto('/sign-in');
    await visited.check(page);
    await signIn();
    await page.getByText('Signed in as Morgan Hale').first().waitFor();
    await visited.check(page);
    await page.goto(`/people/${personId}/legal`);
    await visited.check(page);
    assert.equal(await deadlinesText(), '');
    await page.getByText('Record a legal event').first().click();
    await visited.check(page);
  });

  it('s136: the 24 hours from arrival', async () => {
    await record('place-of-safety-arrival', '2026-03-02T10:00', async () => {
      await browser.page.getByLabel('Section 136', { exact: false }).first().check();
    });
    const text = await deadlinesText();
    assert.match(text, /Tuesday 3 March 2026 at 10:00am/);
    assert.match(text, /Section 136/);
  });

  it('s2: 28 days beginning with admission; the s136 clock goes', async () => {
    clock = Temporal.Instant.from('2026-03-02T20:00:00Z');
    await record('s2-admission', '2026-03-02T19:00');
    const text = await deadlinesText();
    assert.match(text, /Sunday 29 March 2026/);
    assert.match(text, /Section 2\(4\)/);
    assert.doesNotMatch(text, /Section 136/);
  });

  it('s3: six months beginning with admission; the s2 end goes', async () => {
    clock = Temporal.Instant.from('2026-03-20T12:00:00Z');
    await record('s3-admission', '2026-03-20T11:00');
    const text = await deadlinesText();
    assert.match(authorityEnds(text), /Saturday 19 September 2026/);
    assert.doesNotMatch(text, /Section 2\(4\)/);
    assert.doesNotMatch(text, /29 March 2026/);
  });

  it('renewal in the window: a further six months', async () => {
    clock = Temporal.Instant.from('2026-08-10T11:00:00Z');
    await record('renewal', '2026-08-10T10:00');
    const text = await deadlinesText();
    assert.match(authorityEnds(text), /Friday 19 March 2027/);
    assert.match(authorityEnds(text), /Section 20\(1\)/);
  });

  it('CTO: six months from the order; the detention’s end goes', async () => {
    clock = Temporal.Instant.from('2026-09-01T10:00:00Z');
    await record('cto-made', '2026-09-01T10:00', async () => {
      await browser.page.getByLabel('Conditions of the order').fill('To live at 12 Harbour Road; to attend the clinic for treatment.');
    });
    const text = await deadlinesText();
    assert.match(authorityEnds(text), /Sunday 28 February 2027/);
    assert.match(authorityEnds(text), /Section 20A/);
    assert.doesNotMatch(text, /19 March 2027/);
  });

  it('recall: the 72 hours appear', async () => {
    clock = Temporal.Instant.from('2026-10-05T10:00:00Z');
    await record('cto-recalled', '2026-10-05T09:00');
    const text = await deadlinesText();
    assert.match(text, /Thursday 8 October 2026 at 9:00am/);
    assert.match(text, /Section 17F/);
  });

  it('revocation: the 72 hours go, detention restarts from the revocation day, and the managers must refer', async () => {
    clock = Temporal.Instant.from('2026-10-06T16:00:00Z');
    await record('cto-revoked', '2026-10-06T15:00');
    const text = await deadlinesText();
    assert.doesNotMatch(text, /8 October 2026/);
    assert.doesNotMatch(text, /28 February 2027/);
    assert.match(authorityEnds(text), /Monday 5 April 2027/);
    assert.match(text, /Section 68\(7\)/);
  });

  it('discharge: nothing falls due', async () => {
    clock = Temporal.Instant.from('2026-11-02T11:00:00Z');
    await record('discharge', '2026-11-02T10:00', async () => {
      await browser.page.getByLabel('Absolute discharge').check();
      await browser.page.getByLabel('The responsible clinician', { exact: false }).first().check();
    });
    assert.equal(await deadlinesText(), '');
    await browser.page.getByText('Nothing falls due.').waitFor();
  });

  it('the office’s other pages pass the accessibility check too: deadlines, tasks, outbox, reports and documents', async () => {
    const { page } = browser;
    const paths = [
      '/deadlines',
      '/tasks',
      '/outbox',
      '/reports',
      `/people/${personId}/documents`,
      `/people/${personId}/documents/new`,
      `/people/${personId}/documents/new/H1`,
      `/people/${personId}/documents/new/A2?with=A4-A4`,
      `/people/${personId}/legal/relatives/new`,
      `/people/${personId}/legal/rights`,
      `/people/${personId}/legal/certificates/new`,
      `/people/${personId}/legal/nearest-relative-orders/new`,
      `/people/${personId}/legal/tribunal-references/new`,
    ];
    for (const path of paths) {
      await page.goto(path);
      if (new URL(page.url()).pathname === '/sign-in') {
        await visited.check(page);
        await signIn();
      }
      assert.equal(new URL(page.url()).pathname, path.split('?')[0]);
      await visited.check(page);
    }
    // The deadlines page with an error (a filter that is not allowed) is checked too.
    await page.goto('/deadlines?within=abc');
    await visited.check(page);
  });

  it('checked every page it visited for accessibility', () => {
    visited.assertEveryPageChecked();
  });
});
