import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import type { AppContext } from '../../src/app/context.ts';
import { createAgency, createStaff, createTeam } from '../../src/app/organisation/organisation.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { involve, systemContext, testPassword } from '../support/harness.ts';
import { openBrowser, serveApp, VisitedPages, type BrowserSession, type ServedApp } from '../support/browser.ts';

// Dates are shown in UK time, whatever the machine's zone.
process.env.TZ = 'Europe/London';

const privateConsentNote = 'Does not want her employer to learn of it';
const presentingIssues = 'Low mood, poor sleep, drinking to cope';
const assessmentFindings = 'Moderate depressive episode; no psychosis';
const engagementNote = 'Missed the last session after a family crisis';

// Issue 6's journey, each step recorded in the browser by the member of staff whose work it is, with the
// service's clock moved on between steps: a custody officer refers Helen Ward to liaison and diversion,
// who screen her and open a community-sentence case from the referral; probation writes the pre-sentence
// report, a psychiatrist assesses her and records her consent agreed in private, the court makes the
// requirement on the three conditions and records the order; probation allocates and places the case,
// four appointments are booked, three attended and one missed, and probation decides on the missed one with
// the provider's view. At each step the inboxes, the caseload, the provider's list, the dashboard and the
// person's own plan must show it, and every page visited is checked with axe.
describe('browser journey: from a custody referral to a community sentence with a mental health treatment requirement', () => {
  // Monday 20 April 2026, 9am in London.
  let clock = Temporal.Instant.from('2026-04-20T08:00:00Z');
  const today = () => clock.toZonedDateTimeISO('Europe/London').toPlainDate();
  let served: ServedApp;
  let browser: BrowserSession;
  let visited: VisitedPages;
  let personId = '';
  let caseUrl = '';
  let custodyReferralUrl = '';

  // Each party's agency and team, and who works there.
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

  before(async () => {
    served = await serveApp({ now: () => clock });
    await agency('Wessex Police', 'police-force');
    await agency('Riverside Liaison and Diversion', 'liaison-and-diversion');
    await agency('Riverside Probation', 'probation-service');
    await agency('Wessex Partnership NHS Trust', 'mental-health-trust');
    await agency('Riverside Community Mental Health Service', 'mental-health-trust');
    await agency('Riverside Magistrates’ Court', 'court');
    await team('Wessex Police', 'Riverside custody suite');
    await team('Riverside Liaison and Diversion', 'Custody liaison and diversion team');
    await team('Riverside Probation', 'Riverside court and supervision team');
    await team('Wessex Partnership NHS Trust', 'Forensic community mental health team');
    const custody = await member('custody', 'Carl Dunn', 'police-officer', 'Wessex Police', 'Riverside custody suite');
    await member('liaison', 'Lena Marsh', 'liaison-and-diversion-practitioner', 'Riverside Liaison and Diversion', 'Custody liaison and diversion team');
    await member('probation', 'Paula Grant', 'probation-practitioner', 'Riverside Probation', 'Riverside court and supervision team');
    await member('senior', 'Simon Reyes', 'senior-probation-officer', 'Riverside Probation', 'Riverside court and supervision team');
    await member('psychiatrist', 'Amir Shah', 'psychiatrist', 'Wessex Partnership NHS Trust', 'Forensic community mental health team');
    await member('guardian', 'Gwen Hart', 'caldicott-guardian', 'Wessex Partnership NHS Trust', null);
    await member('provider', 'Nadia Okafor', 'mental-health-nurse', 'Riverside Community Mental Health Service', null);
    const clerk = await member('clerk', 'Cora Bell', 'court-officer', 'Riverside Magistrates’ Court', null);

    // The custody officer records the arrested person, as custody does on arrival.
    const context: AppContext = {
      db: served.db,
      now: () => clock,
      purpose: 'Recording a person in custody',
      actor: { kind: 'user', userId: custody.userId, label: 'Carl Dunn', role: 'police-officer', agencyId: custody.agencyId, agencyName: 'Wessex Police' },
    };
    const outcome = await registerPerson(
      context,
      { givenNames: 'Helen', familyName: 'Ward', preferredName: null, otherNames: null, dateOfBirth: '1990-06-12', nhsNumber: null, pncId: null, probationReference: null, address: '14 Ferry Road', preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null },
      { confirmedNewPerson: true },
    );
    assert.equal(outcome.kind, 'registered');
    personId = outcome.kind === 'registered' ? outcome.personId : '';
    // The court is involved by its listing of the case, which Accord does not record.
    await involve(served.db, personId, clerk.agencyId, 'Listed for sentence');
    browser = await openBrowser(served.baseUrl);
    visited = new VisitedPages(browser.page);
  });

  after(async () => {
    await browser?.close();
    await served?.close();
  });

  // Moves the service's clock to a London wall-clock time.
  function setClock(londonTime: string): void {
    clock = Temporal.PlainDateTime.from(londonTime).toZonedDateTime('Europe/London').toInstant();
  }

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

  async function fillDate(legend: string, day: Temporal.PlainDate): Promise<void> {
    const boxes = group(legend);
    await boxes.getByLabel('Day').fill(String(day.day));
    await boxes.getByLabel('Month').fill(String(day.month));
    await boxes.getByLabel('Year').fill(String(day.year));
  }

  async function fillDateTime(legend: string, londonTime: string): Promise<void> {
    const when = Temporal.PlainDateTime.from(londonTime);
    await fillDate(legend, when.toPlainDate());
    await group(legend).getByLabel('Time (HH:MM)').fill(when.toPlainTime().toString({ smallestUnit: 'minute' }));
  }

  async function choose(legend: string, ...labels: string[]): Promise<void> {
    for (const label of labels) await group(legend).getByLabel(label, { exact: true }).check();
  }

  async function fill(label: string, value: string): Promise<void> {
    await browser.page.getByLabel(label, { exact: true }).fill(value);
  }

  // Saves a form and lands on the page it leads to, checked.
  async function save(button = 'Save'): Promise<void> {
    await follow(browser.page.getByRole('button', { name: button, exact: true }));
    const problem = browser.page.getByText('There is a problem');
    assert.equal(await problem.count(), 0, `the form was refused: ${await browser.page.locator('main').innerText()}`);
  }

  // From the person's record to their case, as a member of staff would find it.
  async function openCase(): Promise<void> {
    const { page } = browser;
    await open(`/people/${personId}`);
    await follow(page.getByRole('link', { name: /^Community sentence of/ }));
    await follow(page.getByRole('link', { name: /open the case$/ }));
    assert.equal(new URL(page.url()).pathname, caseUrl);
  }

  async function recordStep(link: string): Promise<void> {
    await follow(browser.page.getByRole('main').getByRole('link', { name: link, exact: true }));
    await browser.page.getByRole('heading', { level: 1, name: link }).waitFor();
  }

  async function stage(): Promise<string> {
    const list = browser.page.locator('.govuk-summary-list').first();
    return list.locator('.govuk-summary-list__row', { hasText: 'Stage' }).first().locator('dd').innerText();
  }

  // The rows of the table with this caption, each as the text of its cells.
  async function tableRows(caption: string): Promise<string[][]> {
    const table = browser.page.locator('table').filter({ has: browser.page.locator('caption', { hasText: caption }) });
    const rows = await table.locator('tbody tr').all();
    return Promise.all(rows.map((row) => row.locator('th, td').allInnerTexts().then((cells) => cells.map((cell) => cell.trim()))));
  }

  async function referralRow(caption: string, personName: string): Promise<string> {
    const rows = await tableRows(caption);
    const row = rows.find((cells) => cells[0]?.startsWith(personName));
    assert.ok(row, `no referral for ${personName} in “${caption}”: ${JSON.stringify(rows)}`);
    return row.join(' | ');
  }

  // Refers the person, from their record, to a team.
  async function refer(to: string, purpose: string, asked: string, words: string): Promise<void> {
    const { page } = browser;
    await open(`/people/${personId}`);
    await follow(page.getByRole('link', { name: /^Make a referral/ }));
    await page.getByLabel('Who are you referring to?').selectOption({ label: to });
    await choose('What is the referral for?', purpose);
    await choose('How urgent is it?', 'Urgent');
    await fill('What are you asking the team to do?', asked);
    await fill('The referral in your own words', words);
    await save('Send the referral');
    await page.getByText('Referral sent.').waitFor();
  }

  // Opens the referral from the team's inbox and accepts it.
  async function acceptFromInbox(purpose: string): Promise<void> {
    const { page } = browser;
    await follow(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' }));
    assert.match(await referralRow('Referrals to your team', 'Helen Ward'), new RegExp(`${purpose} \\| .* \\| Urgent \\| .* \\| Awaiting acknowledgement`));
    await follow(page.getByRole('link', { name: new RegExp(`^Helen Ward\\s*: referral received \\(${purpose}\\)$`) }));
    await save('Acknowledge the referral');
    await page.getByText('Acknowledged: the referrer can see that you have it.').waitFor();
    await page.getByLabel('Accept the referral').check();
    await save('Save decision');
    await page.getByText('Accepted: your team is now involved with the person.').waitFor();
  }

  it('custody refers Helen Ward to the liaison and diversion team, whose inbox shows it', async () => {
    const { page } = browser;
    await signIn('custody');
    await refer(
      'Custody liaison and diversion team (Riverside Liaison and Diversion)',
      'Liaison and diversion screening',
      'Screen her before her first appearance tomorrow morning.',
      'Arrested for shoplifting at 8am. Tearful and withdrawn; says she has not slept for weeks.',
    );
    custodyReferralUrl = new URL(page.url()).pathname;
    await follow(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' }));
    assert.match(await referralRow('Referrals your team has made', 'Helen Ward'), /Custody liaison and diversion team \(Riverside Liaison and Diversion\) \| .*Awaiting acknowledgement/);
    await signOut();
  });

  it('liaison and diversion acknowledge and accept the referral, then screen her and open a case from it', async () => {
    const { page } = browser;
    clock = clock.add({ minutes: 20 });
    await signIn('liaison');
    await acceptFromInbox('Liaison and diversion screening');
    await follow(page.getByRole('link', { name: 'Record the screening and open a community-sentence case from this referral' }));
    await page.getByRole('heading', { level: 1, name: 'Open a community-sentence case' }).waitFor();
    await fillDate('Date of the screening', today());
    await fill('Where the screening took place', 'Riverside custody suite');
    await fill('Screening tool used', 'Liaison and diversion screening');
    await fill('What the screening found', 'Low mood since losing her job; not sleeping');
    await choose('May a mental health treatment requirement suit the person?', 'Yes');
    await save('Open the case');
    await page.getByText('Liaison and diversion screening was recorded').waitFor();
    caseUrl = new URL(page.url()).pathname;
    assert.match(caseUrl, new RegExp(`^/people/${personId}/community-sentence/[0-9a-f-]{36}$`));
    assert.equal(await stage(), 'Liaison and diversion screening');

    // The screening done, the team closes the custody referral with its outcome.
    await open(custodyReferralUrl);
    await choose('What was the outcome?', 'Done as asked');
    await fill('What was done', 'Screened in custody; a community-sentence case is open for the court.');
    await save('Close the referral');
    await page.getByText('Closed: the referrer has been told the outcome.').waitFor();

    // The court will want a pre-sentence report: liaison and diversion refer her to probation for one.
    await refer(
      'Riverside court and supervision team (Riverside Probation)',
      'Pre-sentence report',
      'Prepare a pre-sentence report considering a mental health treatment requirement.',
      'Screened in custody: low mood since losing her job. May suit a mental health treatment requirement.',
    );
    await signOut();
  });

  it('shows the custody officer how the referral ended, and the dashboard the new case', async () => {
    await signIn('custody');
    await follow(browser.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' }));
    const row = await referralRow('Referrals your team has made', 'Helen Ward');
    assert.match(row, /Closed with an outcome/);
    assert.match(row, /Closed: Done as asked: Screened in custody; a community-sentence case is open for the court\./);
    await signOut();

    await signIn('guardian');
    await follow(browser.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Community sentences' }));
    await follow(browser.page.getByRole('link', { name: 'Pathway dashboard' }));
    assert.deepEqual(
      (await tableRows('People at each stage now')).filter(([, count]) => count !== '0'),
      [['Liaison and diversion screening', '1']],
    );
    await browser.page.getByText('No community orders are recorded yet.').waitFor();
    await signOut();
  });

  it('probation accepts the referral, records the pre-sentence report and refers her for a mental health assessment', async () => {
    const { page } = browser;
    setClock('2026-04-22T10:00');
    await signIn('probation');
    // Nothing is allocated to her yet: the case is not on her caseload.
    await open('/probation/caseload');
    await page.getByText('No case is allocated to you.').waitFor();
    await acceptFromInbox('Pre-sentence report');
    await openCase();
    await recordStep('Pre-sentence report');
    await fillDate('Date the court asked for the report', today());
    await fill('Court', 'Riverside Magistrates’ Court');
    await fillDate('Date of the sentencing hearing', Temporal.PlainDate.from('2026-05-11'));
    await fill('Who is writing the report', 'Paula Grant');
    await fill('Team or practitioner suggested to make the mental health assessment', 'Forensic community mental health team');
    await choose('Is the person registered with a GP?', 'Yes');
    await save();
    await page.getByText('Pre-sentence report was recorded').waitFor();
    assert.equal(await stage(), 'Pre-sentence report');
    // Probation is not offered the clinical assessment: it is the assessor's.
    assert.equal(await page.getByRole('link', { name: 'Mental health assessment', exact: true }).count(), 0);
    await refer(
      'Forensic community mental health team (Wessex Partnership NHS Trust)',
      'Mental health assessment',
      'Assess her for a mental health treatment requirement before the hearing on 11 May.',
      'Pre-sentence report under way; low mood since losing her job and drinking to cope.',
    );
    await signOut();
  });

  it('the psychiatrist accepts, assesses her, completes the clinical items and records her consent in private', async () => {
    const { page } = browser;
    setClock('2026-04-27T14:00');
    await signIn('psychiatrist');
    await acceptFromInbox('Mental health assessment');
    await openCase();
    await recordStep('Mental health assessment');
    await fillDate('Date of the assessment', today());
    await fill('Assessor’s name', 'Dr Amir Shah');
    await fill('Assessor’s qualification', 'Consultant forensic psychiatrist');
    await fill('Assessor’s team or organisation', 'Forensic community mental health team, Wessex Partnership NHS Trust');
    await fill('What the assessment found', assessmentFindings);
    await choose('Does the assessor recommend a mental health treatment requirement?', 'Yes');
    await choose('Has the court accepted the assessor?', 'The court has not decided yet');
    await save();
    assert.equal(await stage(), 'Mental health assessment');

    await recordStep('Report checklist');
    await fill('Presenting issues or symptoms (optional)', presentingIssues);
    await fill('Screening tool used and its results (optional)', 'PHQ-9 score 17; AUDIT score 14');
    await fill('Treatment plan (optional)', 'Twelve weekly sessions of behavioural activation');
    await fill('Treatment provider the plan names', 'Riverside Community Mental Health Service');
    await fill('Clinical sign-off given by', 'Dr Amir Shah');
    await fill('Their role or clinical authority', 'Consultant forensic psychiatrist');
    await save();
    assert.equal(await stage(), 'Report to the court');

    await recordStep('Consent agreed in private');
    await fillDate('Date the person agreed', today());
    await choose('What did the person agree to?', 'Assessment', 'Treatment');
    await choose('How did the person give their consent?', 'In writing, signed by the defendant');
    await fill('Who was present', 'Dr Amir Shah and Paula Grant, probation');
    await fill('Notes (optional)', privateConsentNote);
    await save();
    await page.getByText('Consent agreed in private was recorded').waitFor();
    // What is still missing from the report is probation's: that treatment is available.
    const checklist = await tableRows('What the report to the court needs');
    assert.deepEqual(checklist.filter(([, done]) => done === 'Missing').map(([item]) => item), ['Treatment identified and confirmed available']);
    await signOut();
  });

  it('probation confirms treatment is available, completing the report checklist', async () => {
    setClock('2026-04-28T11:00');
    await signIn('probation');
    await openCase();
    await recordStep('Report checklist');
    // Probation's form asks for the availability of treatment, not the clinical items.
    assert.equal(await browser.page.getByLabel('Presenting issues or symptoms (optional)').count(), 0);
    await fill('Who confirmed the treatment is available', 'Riverside Community Mental Health Service team manager');
    await fillDate('Date treatment is available from', Temporal.PlainDate.from('2026-05-12'));
    await save();
    const checklist = await tableRows('What the report to the court needs');
    assert.deepEqual(checklist.filter(([, done]) => done !== 'Done'), []);
    await signOut();
  });

  it('the court reads a summary with nothing private in it, decides on the three conditions and records the order', async () => {
    const { page } = browser;
    setClock('2026-05-11T10:00');
    await signIn('clerk');
    await openCase();
    await follow(page.getByRole('link', { name: 'Court summary' }));
    const summary = await page.locator('main').innerText();
    for (const secret of [privateConsentNote, presentingIssues, assessmentFindings, 'PHQ-9', 'behavioural activation', 'Paula Grant, probation']) {
      assert.ok(!summary.includes(secret), `the court summary shows “${secret}”`);
    }
    assert.match(summary, /Report\s+Complete/);
    assert.match(summary, /Dr Amir Shah, Consultant forensic psychiatrist/);
    await follow(page.getByRole('link', { name: 'Back' }));

    await recordStep('Court’s decision');
    await fillDate('Date of the decision', today());
    await fill('Court', 'Riverside Magistrates’ Court');
    await choose('What did the court decide?', 'The court made a mental health treatment requirement');
    await choose('Conditions the court recorded as met', 'The offender’s mental condition requires, and may be susceptible to, treatment, but does not warrant a hospital order or guardianship order', 'Arrangements have been or can be made for the treatment to be specified in the order', 'The offender has expressed willingness to comply with the requirement');
    await choose('Did the court accept the mental health assessor?', 'The court accepted the assessor');
    await save();
    assert.equal(await stage(), 'Court’s decision');

    await recordStep('Order');
    await fillDate('Date the order was made', today());
    await choose('Kind of order', 'Community order');
    await fillDate('Date the requirement starts', today());
    await fillDate('Date the requirement ends', today().add({ months: 12 }));
    await choose('Kind of treatment', 'Institution-based out-patient treatment');
    await fill('Place or practitioner the order names', 'Riverside Community Mental Health Service');
    await choose('Other requirements in the same order', 'Supervision (rehabilitation activity) by probation');
    await save();
    assert.equal(await stage(), 'Order made');
    // The court sees that the clinical steps happened, not what they say.
    assert.ok(!(await page.locator('main').innerText()).includes(assessmentFindings));

    // The same court made another community order that day, without the requirement: uptake counts both.
    await follow(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Community sentences' }));
    await follow(page.getByRole('link', { name: 'Record a community order made without the requirement' }));
    await fillDate('Date the order was made', today());
    await choose('Kind of order', 'Community order');
    await choose('Requirements of the order', 'Unpaid work');
    await save('Record the order');
    await page.getByText('The order was recorded.').waitFor();
    await signOut();
  });

  it('the senior probation officer allocates the case, and probation places her and books supervision', async () => {
    const { page } = browser;
    setClock('2026-05-12T09:30');
    await signIn('senior');
    await openCase();
    await recordStep('Allocation');
    await choose('Assessed risk of serious harm', 'Medium');
    await page.getByLabel('Probation practitioner', { exact: true }).selectOption({ label: 'Paula Grant (Riverside Probation)' });
    await choose('Practitioner’s grade', 'Probation officer');
    await save();
    assert.equal(await stage(), 'Allocated to a probation practitioner');
    await signOut();

    await signIn('probation');
    await follow(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Community sentences' }));
    await follow(page.getByRole('link', { name: 'Your probation caseload' }));
    let caseload = await tableRows('allocated to you');
    assert.equal(caseload.length, 1);
    assert.deepEqual(caseload[0]!.slice(0, 3), ['Helen Ward', 'Allocated to a probation practitioner', 'Medium']);
    await follow(page.getByRole('link', { name: 'Helen Ward' }));
    await recordStep('Placement with the treatment provider');
    await page.getByLabel('Treatment provider', { exact: true }).selectOption({ label: 'Riverside Community Mental Health Service' });
    await fillDate('Date treatment starts', today());
    await fill('Key worker at the provider', 'Nadia Okafor');
    await save();
    assert.equal(await stage(), 'Placed with the treatment provider');

    await follow(page.getByRole('link', { name: 'Book an appointment' }));
    await choose('Kind of appointment', 'Probation supervision appointment');
    await fillDateTime('Date and time of the appointment', '2026-05-13T10:00');
    await fill('Where the appointment is', 'Riverside probation office');
    await fill('Who the appointment is with', 'Paula Grant');
    await save('Book the appointment');
    await page.getByText('The appointment was booked').waitFor();
    assert.equal(await stage(), 'Supervision and treatment');

    await open('/probation/caseload');
    caseload = await tableRows('allocated to you');
    assert.equal(caseload[0]![1], 'Supervision and treatment');
    assert.match(caseload[0]![3]!, /Riverside Community Mental Health Service/);
    assert.match(caseload[0]![7]!, /13 May 2026 at 10:00am \(probation supervision appointment\)/);
    await signOut();
  });

  it('the treatment provider sees her on its list and books three treatment appointments', async () => {
    const { page } = browser;
    await signIn('provider');
    await follow(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Community sentences' }));
    await follow(page.getByRole('link', { name: 'Your agency’s treatment list' }));
    const list = await tableRows('placed with your agency');
    assert.equal(list.length, 1);
    assert.deepEqual(list[0]!.slice(0, 4), ['Helen Ward', 'Supervision and treatment', 'Nadia Okafor', 'Riverside Community Mental Health Service']);
    await follow(page.getByRole('link', { name: 'Helen Ward' }));
    for (const startsAt of ['2026-05-15T14:00', '2026-05-22T14:00', '2026-05-29T14:00']) {
      await follow(page.getByRole('link', { name: 'Book an appointment' }));
      await choose('Kind of appointment', 'Treatment appointment');
      await fillDateTime('Date and time of the appointment', startsAt);
      await fill('Where the appointment is', 'Riverside CMHT clinic');
      await fill('Who the appointment is with', 'Nadia Okafor');
      await save('Book the appointment');
    }
    await page.getByText('0 attended, 0 missed of 4 booked').waitFor();
    // Her own plan lists what is coming up, in plain words.
    await follow(page.getByRole('link', { name: 'The person’s own plan' }));
    assert.deepEqual(
      (await tableRows('Appointments coming up')).map(([when, what]) => [when, what]),
      [
        ['13 May 2026 at 10:00am', 'Meeting with your probation practitioner'],
        ['15 May 2026 at 2:00pm', 'Treatment appointment'],
        ['22 May 2026 at 2:00pm', 'Treatment appointment'],
        ['29 May 2026 at 2:00pm', 'Treatment appointment'],
      ],
    );
    await signOut();
  });

  it('records three appointments attended and one missed, each by the one who holds it', async () => {
    const { page } = browser;
    setClock('2026-05-29T16:00');
    // Attendance is recorded once the appointment has started.
    async function record(when: string, outcome: 'Attended' | 'Missed', note = ''): Promise<void> {
      await follow(page.getByRole('link', { name: `Record what happened at the appointment of ${when}` }));
      await choose('What happened?', outcome);
      if (note) await fill('Note (optional)', note);
      await save();
      await page.getByText('What happened at the appointment was recorded').waitFor();
    }
    await signIn('probation');
    await openCase();
    await record('13 May 2026 at 10:00am', 'Attended');
    // The three treatment appointments are left for the provider, who held them.
    assert.equal(await page.getByRole('link', { name: /^Record what happened/ }).count(), 3);
    await signOut();

    await signIn('provider');
    await openCase();
    await record('15 May 2026 at 2:00pm', 'Attended');
    await record('22 May 2026 at 2:00pm', 'Attended');
    await record('29 May 2026 at 2:00pm', 'Missed', 'Did not come; no answer by phone');
    await page.getByText('3 attended, 1 missed of 4 booked').waitFor();
    await recordStep('Engagement with treatment');
    await fillDate('Date of this update', today());
    await choose('How is the person engaging with treatment?', 'Partly engaging');
    await fill('Note on engagement with treatment', engagementNote);
    await save();
    await open('/treatment-provider/cases');
    const list = await tableRows('placed with your agency');
    assert.equal(list[0]![4], '3 attended, 1 missed of 4 booked');
    assert.match(list[0]![5]!, /^Partly engaging, 29 May 2026$/);
    await signOut();
  });

  it('probation decides on the missed appointment with the provider’s view; the case, caseload and plan show it', async () => {
    const { page } = browser;
    setClock('2026-06-01T09:30');
    await signIn('probation');
    await open('/probation/caseload');
    let caseload = await tableRows('allocated to you');
    assert.deepEqual([caseload[0]![4], caseload[0]![5], caseload[0]![6]], ['3 attended, 1 missed of 4 booked', '1', 'None']);
    await follow(page.getByRole('link', { name: 'Helen Ward' }));
    await page.getByText('Awaiting a decision on non-compliance').waitFor();
    // Probation sees attendance, not the provider's clinical note on engagement.
    assert.ok(!(await page.locator('main').innerText()).includes(engagementNote));

    await recordStep('Decision on non-compliance');
    await fillDate('Date of the decision', today());
    await choose('Decision', 'Warning');
    await choose('Missed appointments this decision covers', 'Treatment appointment, 29 May 2026 at 2:00pm, Riverside CMHT clinic');
    await fill('What the failure to comply was', 'Missed a treatment appointment without telling anyone');
    await fill('The treatment provider’s view', 'A warning is proportionate; otherwise engaging');
    await fill('Who at the provider gave their view', 'Nadia Okafor');
    await fill('Reason for the decision', 'First missed appointment');
    await save();
    await page.getByText('Decision on non-compliance was recorded').waitFor();
    await page.getByText('3 attended, 1 missed of 4 booked').waitFor();
    assert.equal(await page.getByText('Awaiting a decision on non-compliance').count(), 0);

    await open('/probation/caseload');
    caseload = await tableRows('allocated to you');
    assert.deepEqual([caseload[0]![4], caseload[0]![5], caseload[0]![6]], ['3 attended, 1 missed of 4 booked', '0', 'Warning, 1 June 2026']);

    // Her own plan, in plain words: who she sees and what happened at each appointment.
    await open(`${caseUrl}/plan`);
    const plan = await page.locator('main').innerText();
    assert.match(plan, /You are going to your appointments/);
    assert.match(plan, /Your probation practitioner: Paula Grant/);
    assert.match(plan, /Your treatment service: Riverside Community Mental Health Service, with Nadia Okafor/);
    assert.deepEqual(
      (await tableRows('Appointments you have had')).map(([when, , happened]) => [when, happened]),
      [
        ['29 May 2026 at 2:00pm', 'You missed this one'],
        ['22 May 2026 at 2:00pm', 'You came'],
        ['15 May 2026 at 2:00pm', 'You came'],
        ['13 May 2026 at 10:00am', 'You came'],
      ],
    );
    for (const term of ['non-compliance', 'Schedule 9', privateConsentNote, engagementNote, assessmentFindings]) assert.ok(!plan.includes(term), `the plan says “${term}”`);
    await signOut();
  });

  it('shows her at her stage on the dashboard, with uptake', async () => {
    await signIn('guardian');
    await open('/community-sentences/dashboard');
    assert.deepEqual(
      (await tableRows('People at each stage now')).filter(([, count]) => count !== '0'),
      [['Supervision and treatment', '1']],
    );
    await browser.page.getByText('1 of 2 community orders recorded carry a mental health treatment requirement (50%).').waitFor();
    // No one is named on the dashboard.
    assert.ok(!(await browser.page.locator('main').innerText()).includes('Helen'));
    await signOut();
  });

  it('checked every page it visited for accessibility', () => {
    assert.ok(visited.urls.length > 100, `only ${visited.urls.length} pages visited`);
    visited.assertEveryPageChecked();
  });
});
