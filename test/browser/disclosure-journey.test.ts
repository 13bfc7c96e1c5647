import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clockNow, type AppContext } from '../../src/app/context.ts';
import { recordNote } from '../../src/app/people/record-note.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { todayInLondon } from '../../src/domain/london-time.ts';
import { addStaff, testPassword } from '../support/harness.ts';
import { openBrowser, serveApp, VisitedPages, type BrowserSession, type ServedApp } from '../support/browser.ts';

// Dates are shown in UK time, whatever the machine's zone.
process.env.TZ = 'Europe/London';

const riskText = 'Threatened his neighbour with a knife; says he will go back.';
const clinicalText = 'Started on clozapine; bloods weekly.';

// Issue 5's journey: a police officer who is not involved is refused the record; a nurse proposes a
// public-interest disclosure of the risk, the Caldicott guardian approves it, and the officer then sees
// exactly that item (not the clinical note), in the page, the API and search alike; the disclosure is on the
// person's access report; a police control room operator's break-glass appears in the police force's review
// queue and is reviewed there.
describe('browser journey: a nurse proposes a disclosure, the Caldicott guardian approves it, the police read it', () => {
  let served: ServedApp;
  let browser: BrowserSession;
  let visited: VisitedPages;
  let personId = '';

  async function signIn(username: string) {
    const { page } = browser;
    await page.goto('/sign-in');
    await visited.check(page);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await visited.check(page);
  }

  async function signOut() {
    await browser.page.getByRole('button', { name: 'Sign out' }).click();
    await browser.page.waitForURL(/\/sign-in/);
    await visited.check(browser.page);
  }

  before(async () => {
    served = await serveApp();
    const trust = { agencyName: 'Wessex Partnership NHS Trust', agencyKind: 'mental-health-trust' } as const;
    const nurse = await addStaff(served.db, { username: 'nurse', role: 'mental-health-nurse', displayName: 'Nia Evans', ...trust });
    await addStaff(served.db, { username: 'guardian', role: 'caldicott-guardian', displayName: 'Gwen Hart', ...trust });
    await addStaff(served.db, { username: 'officer', role: 'police-officer', displayName: 'Owen Reid', agencyName: 'Wessex Police', agencyKind: 'police-force' });
    await addStaff(served.db, { username: 'control', role: 'police-control-room', displayName: 'Cara Lowe', agencyName: 'Wessex Police', agencyKind: 'police-force' });
    await addStaff(served.db, { username: 'police.ig', role: 'information-governance-lead', displayName: 'Ivan Gale', agencyName: 'Wessex Police', agencyKind: 'police-force' });
    const context: AppContext = {
      db: served.db,
      now: clockNow,
      purpose: 'Setting up',
      actor: { kind: 'user', userId: nurse.userId, label: 'Nia Evans', role: 'mental-health-nurse', agencyId: nurse.agencyId, agencyName: trust.agencyName },
    };
    const outcome = await registerPerson(
      context,
      { givenNames: 'Daniel', familyName: 'Price', preferredName: null, otherNames: null, dateOfBirth: '1988-09-14', nhsNumber: null, pncId: null, probationReference: null, address: '7 Mill Lane', preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null },
      { confirmedNewPerson: true },
    );
    personId = outcome.kind === 'registered' ? outcome.personId : '';
    await recordNote(context, personId, 1, { category: 'clinical', text: clinicalText });
    await recordNote(context, personId, 2, { category: 'risk-to-others', text: riskText });
    browser = await openBrowser(served.baseUrl);
    visited = new VisitedPages(browser.page);
  });

  after(async () => {
    await browser?.close();
    await served?.close();
  });

  it('refuses the police officer the record, and finds the person for them by name and date of birth only', async () => {
    const { page } = browser;
    await signIn('officer');
    // A bare name finds no one the officer is not involved with.
    await page.goto('/people?q=Daniel+Price');
    await visited.check(page);
    await page.getByRole('heading', { name: 'No one found' }).waitFor();
    // Name and date of birth find him, by name and date of birth alone.
    await page.goto('/people?q=Daniel+Price+14%2F09%2F1988');
    await visited.check(page);
    const row = page.getByRole('row', { name: /Daniel Price/ });
    await row.getByText('Not involved', { exact: true }).waitFor();
    assert.equal(await row.getByRole('link', { name: 'Daniel Price', exact: true }).count(), 0, 'no link to the record itself');
    // Asking for the record itself (and its clinical note) is refused, with the way to emergency access.
    const response = await page.goto(`/people/${personId}`);
    assert.equal(response?.status(), 403);
    await visited.check(page);
    await page.getByText('You and your team are not involved with this person').waitFor();
    assert.equal((await page.locator('main').innerText()).includes(clinicalText), false);
    await page.getByRole('link', { name: 'Use emergency access (break-glass)' }).waitFor();
    await signOut();
  });

  it('lets the nurse propose a disclosure, naming what is missing first', async () => {
    const { page } = browser;
    await signIn('nurse');
    await page.goto(`/people/${personId}/disclosures`);
    await visited.check(page);
    await page.getByRole('button', { name: 'Propose a disclosure' }).click();
    await page.getByRole('heading', { level: 1, name: 'Propose a disclosure' }).waitFor();
    await visited.check(page);

    await page.getByRole('button', { name: 'Send for approval' }).click();
    await page.getByText('There is a problem').waitFor();
    await visited.check(page);
    await page.getByRole('link', { name: 'Select the lawful basis for the disclosure' }).click();

    await page.getByLabel('Public interest: a real risk of serious harm to others').check();
    await page.getByLabel('The risk, concern, duty or order relied on').fill('He has threatened his neighbour with a knife and says he will do it again.');
    await page.getByLabel(/\(risk to others\)/).check();
    await page.getByLabel('Agency the disclosure is to').selectOption({ label: 'Wessex Police' });
    await page.getByLabel('What does the recipient need it for?').fill('So that officers attending the address know the risk');
    const lastDay = todayInLondon(clockNow()).add({ days: 7 });
    const end = page.getByRole('group', { name: 'Last day the disclosure holds' });
    await end.getByLabel('Day').fill(String(lastDay.day));
    await end.getByLabel('Month').fill(String(lastDay.month));
    await end.getByLabel('Year').fill(String(lastDay.year));
    await page.getByRole('button', { name: 'Send for approval' }).click();
    await page.getByText('Sent for approval').waitFor();
    await visited.check(page);
    assert.ok(await page.getByText('Awaiting approval by the Caldicott guardian').isVisible());
    await signOut();
  });

  it('lets the Caldicott guardian see the proposal in their queue and approve it', async () => {
    const { page } = browser;
    await signIn('guardian');
    await page.goto('/disclosures');
    await visited.check(page);
    await page.getByRole('link', { name: /^Daniel Price/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Your decision' }).waitFor();
    await visited.check(page);
    await page.getByLabel('Approve the disclosure').check();
    await page.getByLabel('Reasons for your decision').fill('A real and current risk of serious harm to the neighbour.');
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.getByText('Approved: the recipient now sees exactly these items').waitFor();
    await visited.check(page);
    await signOut();
  });

  it('shows the police officer exactly the disclosed note, marked as disclosed', async () => {
    const { page } = browser;
    await signIn('officer');
    await page.goto('/disclosures');
    await visited.check(page);
    await page.getByRole('link', { name: /^Daniel Price/ }).click();
    await page.waitForURL((url) => url.pathname === `/people/${personId}`);
    await visited.check(page);
    const body = await page.locator('main').innerText();
    assert.ok(body.includes(riskText));
    assert.ok(body.includes('Disclosed to you'));
    assert.equal(body.includes(clinicalText), false);
    assert.equal(body.includes('7 Mill Lane'), false);

    // The API gives the same: the disclosed note alone, marked as disclosed.
    const api = await page.request.get(`/api/v1/people/${personId}`);
    assert.equal(api.status(), 200);
    const record = (await api.json()) as { relationship: string; entries: { disclosed: boolean; data: { text?: string } }[]; details: Record<string, unknown> };
    assert.equal(record.relationship, 'disclosed');
    assert.deepEqual(record.entries.map((entry) => [entry.data.text, entry.disclosed]), [[riskText, true]]);
    assert.equal(JSON.stringify(record).includes(clinicalText), false);
    assert.equal('address' in record.details, false);
    // Search now finds him by name, as someone disclosed to the officer's force.
    await page.goto('/people?q=Daniel+Price');
    await visited.check(page);
    await page.getByRole('link', { name: 'Daniel Price' }).waitFor();
    // The subject access export is not the officer's to take.
    const exported = await page.request.get(`/people/${personId}/subject-access.json`);
    assert.equal(exported.status(), 403);
    await signOut();
  });

  it('puts the disclosure, the officer’s refusal and their reading on the person’s access report', async () => {
    const { page } = browser;
    await signIn('guardian');
    await page.goto(`/people/${personId}/access-report`);
    await visited.check(page);
    await page.getByRole('heading', { level: 1, name: 'Who has looked at your record' }).waitFor();
    const shared = page.locator('main');
    const text = await shared.innerText();
    assert.match(text, /Information shared about you/);
    assert.match(text, /Public interest: a real risk of serious harm to others/);
    assert.match(text, /Wessex Police/);
    assert.match(text, /Owen Reid/);
    assert.match(text, /refused/i);
    await signOut();
  });

  it('lists a police control room operator’s break-glass for the force’s information governance lead, who reviews it', async () => {
    const { page } = browser;
    await signIn('control');
    await page.goto(`/people/${personId}/break-glass`);
    await visited.check(page);
    await page.getByRole('button', { name: 'Open the record in an emergency' }).click();
    await page.getByText('There is a problem').waitFor();
    await visited.check(page);
    await page.getByLabel('Why do you need emergency access?').fill('Caller reports him on the railway bridge threatening to jump; need to know the risk and who to call.');
    await page.getByLabel('4 hours').check();
    await page.getByRole('button', { name: 'Open the record in an emergency' }).click();
    await page.waitForURL((url) => url.pathname === `/people/${personId}`);
    await visited.check(page);
    await page.getByText('You are using emergency access (break-glass)').waitFor();
    const body = await page.locator('main').innerText();
    // The control room sees what the police policy allows (risk to others), never the clinical note.
    assert.ok(body.includes(riskText));
    assert.equal(body.includes(clinicalText), false);
    await signOut();

    await signIn('police.ig');
    await browser.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Emergency access review' }).click();
    await page.waitForURL(/\/break-glass\/review$/);
    await visited.check(page);
    const waiting = page.getByRole('row', { name: /Daniel Price/ });
    await waiting.getByRole('cell', { name: /^Cara Lowe/ }).waitFor();
    await waiting.getByRole('link').first().click();
    await visited.check(page);
    await page.getByLabel('Appropriate', { exact: false }).first().check();
    await page.getByRole('button', { name: 'Record the review' }).click();
    await page.waitForURL(/\/break-glass\/review/);
    await visited.check(page);
    await page.getByRole('heading', { name: 'Awaiting review' }).waitFor();
    await page.getByText('There is no emergency access waiting for review.').waitFor();
    visited.assertEveryPageChecked();
  });
});
