import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clockNow, type AppContext } from '../../src/app/context.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { addStaff, testPassword } from '../support/harness.ts';
import { openBrowser, serveApp, VisitedPages, type BrowserSession, type ServedApp } from '../support/browser.ts';

process.env.TZ = 'Europe/London';

// A social worker records, in the browser, that a person who lacks capacity for the decision is not to
// have their clinical information shared with the police (a best-interests decision), then withdraws it.
// Every page visited is checked with axe.
describe('browser journey: consent to sharing', () => {
  let served: ServedApp;
  let browser: BrowserSession;
  let visited: VisitedPages;
  let personId = '';

  before(async () => {
    served = await serveApp();
    const worker = await addStaff(served.db, { username: 'social.worker', role: 'social-worker', agencyKind: 'local-authority', displayName: 'Riya Shah', agencyName: 'Wessex County Council' });
    await addStaff(served.db, { username: 'officer', role: 'police-officer', agencyKind: 'police-force', agencyName: 'Wessex Police' });
    const context: AppContext = {
      db: served.db,
      now: clockNow,
      purpose: 'Test set-up',
      actor: { kind: 'user', userId: worker.userId, label: 'Riya Shah', role: 'social-worker', agencyId: worker.agencyId, agencyName: worker.agencyName },
    };
    const outcome = await registerPerson(
      context,
      { givenNames: 'Jordan', familyName: 'Ashby', preferredName: null, otherNames: null, dateOfBirth: '1988-05-09', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null },
      { confirmedNewPerson: true },
    );
    assert.equal(outcome.kind, 'registered');
    personId = outcome.kind === 'registered' ? outcome.personId : '';
    browser = await openBrowser(served.baseUrl);
    visited = new VisitedPages(browser.page);
  });

  after(async () => {
    await browser?.close();
    await served?.close();
  });

  it('records a best-interests refusal and withdraws it, every page accessible', async () => {
    const { page } = browser;
    await page.goto(`/people/${personId}/consent`);
    await visited.check(page);
    await page.getByLabel('Username').fill('social.worker');
    await page.getByLabel('Password', { exact: true }).fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(new RegExp(`/people/${personId}/consent$`));
    await visited.check(page);

    await page.getByRole('button', { name: 'Record consent or a refusal' }).click();
    await page.waitForURL(/\/consent\/new$/);
    await visited.check(page);

    await page.getByRole('button', { name: 'Save the decision' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await visited.check(page);
    await page.getByRole('link', { name: 'Select at least one agency the decision is about' }).click();
    assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id), 'agencyIds');

    await page.getByLabel('Refused sharing').check();
    await page.getByLabel('Wessex Police').check();
    await page.getByLabel('Clinical', { exact: true }).check();
    await page.getByLabel('For what purpose?').fill('The police asked for her care plan');
    await page.getByLabel(/A best-interests decision, for a person/).check();
    await page.getByLabel(/Assessed as lacking capacity/).check();
    await page.getByLabel('Who made the best-interests decision?').fill('Riya Shah, social worker');
    await page.getByLabel('Why is it in the person’s best interests?').fill('She has said she does not want the police to know about her treatment; her sister agreed');
    await page.getByRole('button', { name: 'Save the decision' }).click();
    await page.waitForURL(/\/consent\?saved=recorded$/);
    await visited.check(page);
    await page.getByRole('heading', { name: 'Refused sharing: Wessex Police' }).waitFor();
    await page.getByText('Decided by Riya Shah, social worker. She has said she does not want the police to know about her treatment; her sister agreed').waitFor();

    await page.getByRole('link', { name: /^Withdraw the refusal recorded/ }).click();
    await page.waitForURL(/\/withdraw$/);
    await visited.check(page);
    await page.getByLabel('Why is it withdrawn?').fill('Recorded for the wrong person');
    await page.getByRole('button', { name: 'Withdraw the refusal' }).click();
    await page.waitForURL(/\/consent\?saved=withdrawn$/);
    await visited.check(page);
    await page.getByText(/Withdrawn .* by Riya Shah: Recorded for the wrong person/).waitFor();

    visited.assertEveryPageChecked();
  });
});
