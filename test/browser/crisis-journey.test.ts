import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import type { AppContext } from '../../src/app/context.ts';
import { saveService } from '../../src/app/crisis/services.ts';
import { createAgency, createStaff, createTeam } from '../../src/app/organisation/organisation.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { escalateOverdueReferrals } from '../../src/app/referrals/escalation.ts';
import { setTeamLead } from '../../src/app/referrals/team-leads.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { involve, systemContext, testPassword } from '../support/harness.ts';
import { openBrowser, serveApp, VisitedPages, type BrowserSession, type ServedApp } from '../support/browser.ts';

// Dates are shown in UK time, whatever the machine's zone.
process.env.TZ = 'Europe/London';

const declineReason = 'No capacity tonight: every practitioner is out on a visit.';
const outcomeDetail = 'Seen at home and assessed; the home treatment team will visit daily.';

// Issue 7's journey, each step recorded in the browser by the member of staff whose work it is, with the
// service's clock moved on between steps: the police control room raises a concern for welfare about Ada
// Moss, decides under Right Care, Right Person that it is not for the police (no crime, no real and
// immediate risk) and hands it to the crisis team, which declines; the call shows as declined and in the
// gap view; the control room hands it on again, nobody answers within the hour a high risk allows, and
// the sweep escalates it to the team's named lead, which the call and the gap view show; the lead accepts
// and closes the call as seen and assessed, and it leaves the gap view. Then a removal under s136 to a
// health-based place of safety shows the 24 hours from arrival, and the end moved by a 12-hour extension.
// Every page visited is checked with axe.
describe('browser journey: a crisis call handed to the crisis team, declined, escalated and closed; a s136 detention and its clock', () => {
  // Tuesday 10 March 2026, 10pm in London (GMT).
  let clock = Temporal.Instant.from('2026-03-10T22:00:00Z');
  let served: ServedApp;
  let browser: BrowserSession;
  let visited: VisitedPages;
  let personId = '';
  let detainedPersonId = '';
  let callUrl = '';
  let placeOfSafetyUrl = '';
  let secondHandoffAt = clock;

  const agencies: Record<string, string> = {};
  const teams: Record<string, string> = {};

  async function agency(name: string, kind: AgencyKind): Promise<string> {
    agencies[name] = await createAgency(systemContext(served.db), { name, kind });
    return agencies[name];
  }

  async function team(agencyName: string, name: string): Promise<string> {
    teams[name] = await createTeam(systemContext(served.db), agencies[agencyName]!, { name });
    return teams[name];
  }

  async function member(username: string, displayName: string, role: Role, agencyName: string, teamName: string | null): Promise<{ userId: string; agencyId: string }> {
    const agencyId = agencies[agencyName]!;
    const userId = await createStaff(systemContext(served.db), { username, displayName, email: null, agencyId, teamId: teamName === null ? null : teams[teamName]!, role }, testPassword);
    return { userId, agencyId };
  }

  function contextOf(who: { userId: string; agencyId: string }, label: string, role: Role, agencyName: string, purpose: string): AppContext {
    return { db: served.db, now: () => clock, purpose, actor: { kind: 'user', userId: who.userId, label, role, agencyId: who.agencyId, agencyName } };
  }

  async function register(context: AppContext, givenNames: string, familyName: string, dateOfBirth: string, address: string): Promise<string> {
    const outcome = await registerPerson(
      context,
      { givenNames, familyName, preferredName: null, otherNames: null, dateOfBirth, nhsNumber: null, pncId: null, probationReference: null, address, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null },
      { confirmedNewPerson: true },
    );
    assert.equal(outcome.kind, 'registered');
    return outcome.kind === 'registered' ? outcome.personId : '';
  }

  before(async () => {
    served = await serveApp({ now: () => clock });
    await agency('Wessex Police', 'police-force');
    await agency('Wessex Partnership NHS Trust', 'mental-health-trust');
    await team('Wessex Police', 'Force control room');
    await team('Wessex Police', 'Riverside response team');
    await team('Wessex Partnership NHS Trust', 'Riverside crisis team');
    await team('Wessex Partnership NHS Trust', 'Riverside s136 suite');
    const control = await member('control', 'Connor Reid', 'police-control-room', 'Wessex Police', 'Force control room');
    await member('crisis', 'Priya Shah', 'crisis-team-practitioner', 'Wessex Partnership NHS Trust', 'Riverside crisis team');
    const lead = await member('crisislead', 'Leo Grant', 'crisis-team-practitioner', 'Wessex Partnership NHS Trust', 'Riverside crisis team');
    const officer = await member('officer', 'Olivia Park', 'police-officer', 'Wessex Police', 'Riverside response team');
    await member('amhp', 'Amara Okafor', 'amhp', 'Wessex Partnership NHS Trust', 'Riverside s136 suite');

    // A handoff nobody answers is escalated to the team's named lead.
    await setTeamLead(systemContext(served.db), teams['Riverside crisis team']!, lead.userId);
    await saveService(systemContext(served.db), null, {
      name: 'Wessex crisis team',
      kind: 'crisis-team',
      canDo: 'Home visits within 4 hours; mental health assessment',
      cannotDo: 'Cannot force entry; cannot convey',
      hours: '24 hours, every day',
      outOfHours: '0300 000 0000',
      agencyId: agencies['Wessex Partnership NHS Trust']!,
      teamId: teams['Riverside crisis team']!,
    });

    // The control room finds Ada Moss on Accord, as it does when a caller names someone.
    personId = await register(contextOf(control, 'Connor Reid', 'police-control-room', 'Wessex Police', 'Recording a person a call is about'), 'Ada', 'Moss', '1985-06-01', '12 Harbour Road');
    // The officer records the man they detained under s136; the place of safety is involved by his arrival.
    detainedPersonId = await register(contextOf(officer, 'Olivia Park', 'police-officer', 'Wessex Police', 'Recording a person detained under s136'), 'Ray', 'Quinn', '1979-02-14', '3 Mill Lane');
    await involve(served.db, detainedPersonId, agencies['Wessex Partnership NHS Trust']!, 'Taken to the Riverside s136 suite');

    browser = await openBrowser(served.baseUrl);
    visited = new VisitedPages(browser.page);
  });

  after(async () => {
    await browser?.close();
    await served?.close();
  });

  async function signIn(username: string): Promise<void> {
    const { page } = browser;
    // A few minutes pass between one member of staff and the next.
    clock = clock.add({ minutes: 5 });
    await page.goto('/sign-in');
    await visited.check(page);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await visited.check(page);
  }

  async function signOut(): Promise<void> {
    await browser.page.getByRole('button', { name: 'Sign out' }).click();
    await browser.page.waitForURL(/\/sign-in/);
    await visited.check(browser.page);
  }

  // Follows a link (or presses a button) that leads to another page, and checks the page it lands on.
  async function follow(target: Locator): Promise<void> {
    const { page } = browser;
    await Promise.all([page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()), target.click()]);
    await visited.check(page);
  }

  async function open(path: string): Promise<void> {
    await browser.page.goto(path);
    await visited.check(browser.page);
  }

  function group(name: string): Locator {
    return browser.page.getByRole('group', { name, exact: true });
  }

  async function choose(legend: string, label: string): Promise<void> {
    await group(legend).getByLabel(label, { exact: true }).check();
  }

  async function fill(label: string, value: string): Promise<void> {
    await browser.page.getByLabel(label, { exact: true }).fill(value);
  }

  async function fillDateTime(legend: string, at: Temporal.Instant): Promise<void> {
    const when = at.toZonedDateTimeISO('Europe/London');
    const boxes = group(legend);
    await boxes.getByLabel('Day').fill(String(when.day));
    await boxes.getByLabel('Month').fill(String(when.month));
    await boxes.getByLabel('Year').fill(String(when.year));
    await boxes.getByLabel('Time (HH:MM)').fill(when.toPlainTime().toString({ smallestUnit: 'minute' }));
  }

  // Saves a form and lands on the page it leads to, checked.
  async function save(button: string): Promise<void> {
    await follow(browser.page.getByRole('button', { name: button, exact: true }));
    const problem = browser.page.getByText('There is a problem');
    assert.equal(await problem.count(), 0, `the form was refused: ${await browser.page.locator('main').innerText()}`);
  }

  async function mainText(): Promise<string> {
    return browser.page.locator('main').innerText();
  }

  // The value a summary list gives for a key.
  async function summary(key: string): Promise<string> {
    const row = browser.page.locator('.govuk-summary-list__row').filter({ has: browser.page.locator('dt', { hasText: key }) }).first();
    return (await row.locator('dd').first().innerText()).trim();
  }

  // The rows of the table with this caption, each as the text of its cells.
  async function tableRows(caption: string | RegExp): Promise<string[][]> {
    const table = browser.page.locator('table').filter({ has: browser.page.locator('caption', { hasText: caption }) });
    const rows = await table.locator('tbody tr').all();
    return Promise.all(rows.map((row) => row.locator('th, td').allInnerTexts().then((cells) => cells.map((cell) => cell.trim()))));
  }

  // The gap view's rows in one of its tables that link to the call.
  async function gapLinks(tableId: string): Promise<number> {
    const section = browser.page.locator(`h2#${tableId} + table`);
    if ((await section.count()) === 0) return 0;
    return section.locator(`a[href="${callUrl}"]`).count();
  }

  async function openCall(): Promise<void> {
    await follow(browser.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }));
    await follow(browser.page.getByRole('link', { name: /^Concern for welfare/ }));
    assert.equal(new URL(browser.page.url()).pathname, callUrl);
  }

  async function openGaps(): Promise<void> {
    await follow(browser.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }));
    await follow(browser.page.getByRole('link', { name: 'Calls nobody has in hand' }));
  }

  async function handOff(asked: string): Promise<void> {
    await follow(browser.page.getByRole('link', { name: 'Hand the call to a service' }));
    await browser.page.getByText('High risk: the service must acknowledge within 1 hour').waitFor();
    await choose('Which service?', 'Wessex crisis team (Crisis team)');
    await fill('What are you asking the service to do?', asked);
    await save('Hand the call over');
    assert.equal(await summary('Where it is now'), 'Handed off, awaiting an answer');
  }

  // From the call, the referral its latest handoff made to the crisis team.
  async function openLatestHandoff(): Promise<void> {
    const links = browser.page.getByRole('table', { name: 'Services this call was handed to' }).getByRole('link', { name: 'Wessex crisis team' });
    await follow(links.last());
    assert.match(new URL(browser.page.url()).pathname, /^\/referrals\/[0-9a-f-]{36}$/);
  }

  it('the control room raises a concern for welfare, decides it is not for the police, and hands it to the crisis team', async () => {
    const { page } = browser;
    await signIn('control');
    await follow(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }));
    await follow(page.getByRole('link', { name: 'Raise a call' }));
    await choose('What kind of call is it?', 'Concern for welfare');
    await fill('Who raised the concern?', 'Her sister, by phone');
    await fill('Where is the person, or where were they last seen?', '12 Harbour Road');
    await fill('What is the concern?', 'Has not answered the door for two days; sent a message saying she cannot go on.');
    await choose('What is the level of risk?', 'High');
    await fill('What is known of the risk?', 'Previous overdose in 2024. No weapons known.');
    await fill('The person’s Accord record number, if they are on Accord (optional)', personId);
    await save('Raise the call');
    callUrl = new URL(page.url()).pathname;
    assert.match(callUrl, /^\/calls\/[0-9a-f-]{36}$/);
    assert.equal(await summary('About'), 'Ada Moss');
    assert.equal(await summary('Where it is now'), 'Awaiting the threshold decision');

    await follow(page.getByRole('link', { name: 'Record the threshold decision' }));
    await choose('Is a crime being, or about to be, committed?', 'No');
    await choose('Is there a real and immediate risk to someone’s life or of serious harm?', 'No');
    await fill('Reasons for the decision', 'No crime reported; she replied to her sister an hour ago, so no immediate risk to life.');
    await save('Record the decision');
    assert.equal(await summary('Decision'), 'A health or care service takes the call');
    assert.equal(await summary('Reasons'), 'No crime reported; she replied to her sister an hour ago, so no immediate risk to life.');
    assert.equal(await summary('Where it is now'), 'Awaiting a handoff to a service');

    await handOff('Visit tonight and assess her.');
    assert.match((await tableRows('Services this call was handed to'))[0]!.join(' | '), /^Wessex crisis team \| 10 March 2026 at 10:0\dpm \| Awaiting acknowledgement\s+Due 10 March 2026 at 11:0\dpm$/);
    await signOut();
  });

  it('the crisis team acknowledges the handoff and declines it with a reason', async () => {
    const { page } = browser;
    clock = clock.add({ minutes: 10 });
    await signIn('crisis');
    await openCall();
    await openLatestHandoff();
    await save('Acknowledge the referral');
    await page.getByText('Acknowledged: the referrer can see that you have it.').waitFor();
    await page.getByLabel('Decline the referral').check();
    await fill('Reason', declineReason);
    await save('Save decision');
    await page.getByText('Declined: the referrer has been told why.').waitFor();
    await signOut();
  });

  it('the control room sees the call declined and in the gap view, and hands it on again', async () => {
    await signIn('control');
    await openCall();
    assert.equal(await summary('Where it is now'), 'Declined: needs another service');
    assert.match((await tableRows('Services this call was handed to'))[0]!.join(' | '), new RegExp(`Declined\\s+Reason: ${declineReason}`));

    await openGaps();
    assert.equal(await gapLinks('declined'), 1, 'the declined call is listed as declined');
    assert.equal(await gapLinks('without-owner'), 1, 'the declined call is listed as without an owner');
    assert.equal(await gapLinks('past-timer'), 0);
    assert.match((await tableRows(/^Declined calls not yet handed on/))[0]!.join(' | '), new RegExp(`^Concern for welfare[\\s\\S]* \\| High \\| 10 March 2026 at 10:05pm \\| 20 minutes \\| Wessex crisis team declined: ${declineReason}$`));

    await follow(browser.page.locator(`h2#declined + table a[href="${callUrl}"]`));
    secondHandoffAt = clock;
    await handOff('No other service is available tonight: please reconsider and visit.');
    await signOut();
  });

  it('nobody answers within the hour: the sweep escalates it to the lead, and the call and the gap view show it', async () => {
    // The hour a high-risk handoff allows for acknowledgement passes.
    clock = secondHandoffAt.add({ minutes: 65 });
    await signIn('control');
    await openGaps();
    assert.equal(await gapLinks('past-timer'), 1, 'the unanswered call is past its timer');
    assert.equal(await gapLinks('declined'), 0, 'handed on, it is no longer waiting as declined');

    // The server's sweep, run as it runs on its timer.
    assert.equal(await escalateOverdueReferrals({ ...systemContext(served.db), now: () => clock }), 1);
    await open(callUrl);
    const latest = (await tableRows('Services this call was handed to')).at(-1)!.join(' | ');
    assert.match(latest, /Awaiting acknowledgement\s+Overdue: was due 10 March 2026 at 11:\d\dpm\s+Escalated 10 March 2026 at \d+:\d\dpm to Leo Grant/);
    await openGaps();
    assert.equal(await gapLinks('past-timer'), 1);
    await signOut();
  });

  it('the crisis team’s lead accepts the escalated handoff and closes the call as seen and assessed', async () => {
    const { page } = browser;
    await signIn('crisislead');
    await openCall();
    await openLatestHandoff();
    await save('Acknowledge the referral');
    await page.getByLabel('Accept the referral').check();
    await save('Save decision');
    await page.getByText('Accepted: your team is now involved with the person.').waitFor();

    await open(callUrl);
    assert.equal(await summary('Where it is now'), 'Accepted by a service');
    await choose('How did the call end?', 'Seen and assessed');
    await fill('Detail: what was found, where they were admitted or referred, the reason for no further action, or what was tried to find them', outcomeDetail);
    await save('Close the call');
    assert.equal(await summary('Where it is now'), 'Closed with an outcome');
    assert.equal(await summary('Outcome'), 'Seen and assessed');
    assert.equal(await summary('Detail'), outcomeDetail);
    assert.match(await summary('Recorded by'), /^Leo Grant, /);
    await signOut();
  });

  it('the control room sees the outcome, and the call has left the gap view', async () => {
    await signIn('control');
    await openGaps();
    for (const table of ['without-owner', 'declined', 'past-timer']) assert.equal(await gapLinks(table), 0, `the closed call is still in ${table}`);
    await browser.page.getByText('There are no calls past their timer that you can see.').waitFor();
    await open(callUrl);
    assert.equal(await summary('Outcome'), 'Seen and assessed');
    assert.equal(await summary('Detail'), outcomeDetail);
    // Closed, the call is no longer among the open calls.
    await follow(browser.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }));
    assert.equal(await browser.page.locator(`a[href="${callUrl}"]`).count(), 0);
    await signOut();
  });

  it('a removal under s136 to a health-based place of safety shows the 24 hours from arrival', async () => {
    const { page } = browser;
    clock = Temporal.Instant.from('2026-03-11T01:30:00Z');
    await signIn('officer');
    await open(`/people/${detainedPersonId}/legal`);
    await follow(page.getByRole('link', { name: 'Record a removal to a place of safety under section 136' }));
    await fillDateTime('When was the person detained under section 136?', Temporal.Instant.from('2026-03-11T00:40:00Z'));
    await fill('Where were they detained?', 'Riverside footbridge');
    await choose('Kind of place of safety (section 135(6))', 'Health-based place of safety');
    await fill('Name of the place of safety', 'Riverside s136 suite');
    await fillDateTime('When did they arrive at the place of safety?', Temporal.Instant.from('2026-03-11T01:10:00Z'));
    await save('Record the removal');
    placeOfSafetyUrl = new URL(page.url()).pathname;
    assert.match(placeOfSafetyUrl, new RegExp(`^/people/${detainedPersonId}/place-of-safety/[0-9a-f-]{36}$`));
    const clockText = await page.locator('#clock').innerText();
    assert.match(clockText, /24 hours beginning with the arrival/);
    // s136(2A): 24 hours from arrival at 1:10am on 11 March.
    assert.match(clockText, /12 March 2026 at 1:10am/);
    assert.equal(await page.locator('#clock time').getAttribute('datetime'), '2026-03-12T01:10:00+00:00');
    assert.equal(await summary('Extension (section 136B)'), 'None recorded');
    await signOut();
  });

  it('the place of safety records a 12-hour extension, and the clock shows the extended end', async () => {
    const { page } = browser;
    clock = Temporal.Instant.from('2026-03-11T20:00:00Z');
    await signIn('amhp');
    await open(placeOfSafetyUrl);
    await fill('Hours of the extension', '12');
    await fillDateTime('When was the extension authorised?', Temporal.Instant.from('2026-03-11T19:45:00Z'));
    await fill('Registered medical practitioner who authorised it', 'Dr Sam Hale');
    await fill('Why the person\'s condition makes it not practicable to complete the assessment in 24 hours', 'Too intoxicated to be assessed');
    await save('Record the extension');
    const clockText = await page.locator('#clock').innerText();
    assert.match(clockText, /36 hours beginning with the arrival/);
    // s136B: the extension begins at the end of the 24 hours, so the detention ends 12 hours later.
    assert.match(clockText, /12 March 2026 at 1:10pm/);
    assert.equal(await page.locator('#clock time').getAttribute('datetime'), '2026-03-12T13:10:00+00:00');
    assert.match(await summary('Extension (section 136B)'), /12 hours/);
    await signOut();
  });

  it('checked every page it visited for accessibility', () => {
    assert.ok(visited.urls.length > 40, `only ${visited.urls.length} pages visited`);
    visited.assertEveryPageChecked();
  });
});
