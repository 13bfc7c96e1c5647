import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clockNow, type AppContext } from '../../src/app/context.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { recordConsent } from '../../src/app/sharing/consent.ts';
import { todayInLondon } from '../../src/domain/london-time.ts';
import { auditEntriesAbout } from '../support/audit.ts';
import { addStaff, cookieHeader, cookiesFrom, startTestApp, systemContext, TestClient, type TestApp } from '../support/harness.ts';

describe('consent pages', () => {
  let test: TestApp;
  let amhp: TestClient;
  let police: TestClient;
  let council: { userId: string; agencyId: string; agencyName: string };
  let probationAgencyId: string;
  let policeAgencyId: string;
  let personId: string;

  // A form as a browser sends it: a checkbox group sends its name once for each box ticked.
  async function submit(client: TestClient, url: string, fields: [string, string][]) {
    const payload = new URLSearchParams([...fields, ['_csrf', client.csrfToken]]);
    const response = await test.app.inject({
      method: 'POST',
      url,
      headers: { cookie: cookieHeader(client.jar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: payload.toString(),
    });
    cookiesFrom(response.headers['set-cookie'], client.jar);
    return response;
  }

  async function consentRows() {
    return test.db.selectFrom('consents').selectAll().where('person_id', '=', personId).orderBy('recorded_at').execute();
  }

  before(async () => {
    test = await startTestApp();
    council = await addStaff(test.db, { username: 'amhp', role: 'amhp', agencyKind: 'local-authority', agencyName: 'Wessex County Council' });
    probationAgencyId = (await addStaff(test.db, { username: 'probation', role: 'probation-practitioner', agencyKind: 'probation-service', agencyName: 'Wessex Probation Service' })).agencyId;
    policeAgencyId = (await addStaff(test.db, { username: 'officer', role: 'police-officer', agencyKind: 'police-force', agencyName: 'Wessex Police' })).agencyId;
    const asAmhp: AppContext = {
      db: test.db,
      now: clockNow,
      purpose: 'Test set-up',
      actor: { kind: 'user', userId: council.userId, label: 'Test amhp', role: 'amhp', agencyId: council.agencyId, agencyName: council.agencyName },
    };
    const outcome = await registerPerson(
      asAmhp,
      {
        givenNames: 'Helen',
        familyName: 'Okafor',
        preferredName: null,
        otherNames: null,
        dateOfBirth: '1990-02-14',
        nhsNumber: null,
        pncId: null,
        probationReference: null,
        address: null,
        preferredLanguage: null,
        interpreterNeeded: false,
        communicationNeeds: null,
      },
      { confirmedNewPerson: true },
    );
    assert.equal(outcome.kind, 'registered');
    personId = outcome.kind === 'registered' ? outcome.personId : '';
    amhp = new TestClient(test.app);
    await amhp.signIn('amhp');
    police = new TestClient(test.app);
    await police.signIn('officer');
  });
  after(() => test.close());

  it('shows that nothing is recorded yet, with a way to record a decision', async () => {
    const page = await amhp.get(`/people/${personId}/consent`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1 class="govuk-heading-l">Consent to sharing<\/h1>/);
    assert.match(page.body, /Helen Okafor/);
    assert.match(page.body, /No consent or refusal holds now\./);
    assert.match(page.body, new RegExp(`href="/people/${personId}/consent/new"`));
  });

  it('offers the agencies on Accord and the kinds of information as checkboxes', async () => {
    const form = await amhp.get(`/people/${personId}/consent/new`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, new RegExp(`name="agencyIds" type="checkbox" value="${probationAgencyId}"`));
    assert.match(form.body, /<label class="govuk-label govuk-checkboxes__label" for="agencyIds-\d+">\s*Wessex Police\s*<\/label>/);
    assert.match(form.body, /name="categories" type="checkbox" value="offending"/);
    assert.match(form.body, /Assessed as lacking capacity for this decision \(Mental Capacity Act 2005 s2–3\)/);
  });

  it('refuses incomplete answers, naming each field in the error summary, keeping what was typed and saving nothing', async () => {
    await amhp.get(`/people/${personId}/consent/new`);
    const response = await submit(amhp, `/people/${personId}/consent/new`, [
      ['purpose', 'Housing support'],
      ['capacity', 'lacks-capacity'],
      ['howGiven', 'verbally'],
      ['validUntil-day', '31'],
      ['validUntil-month', '2'],
      ['validUntil-year', '2030'],
    ]);
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /<title>Error: Record consent or a refusal: Helen Okafor – Accord<\/title>/);
    assert.match(response.body, /href="#decision">Select whether the person agreed or refused/);
    assert.match(response.body, /href="#agencyIds">Select at least one agency the decision is about/);
    assert.match(response.body, /href="#categories">Select at least one kind of information the decision is about/);
    assert.match(response.body, /href="#howGiven">A person who lacks capacity for this decision cannot give or refuse it themselves/);
    assert.match(response.body, /href="#bestInterestsBy">Enter who made the best-interests decision/);
    assert.match(response.body, /href="#validUntil-day">Date it ends must be a real date/);
    assert.match(response.body, /Housing support<\/textarea>/, 'what was typed is kept');
    assert.equal((await consentRows()).length, 0);
  });

  it('refuses a best-interests decision for a person not found to lack capacity (Mental Capacity Act 2005 s4)', async () => {
    await amhp.get(`/people/${personId}/consent/new`);
    const response = await submit(amhp, `/people/${personId}/consent/new`, [
      ['decision', 'agreed'],
      ['agencyIds', probationAgencyId],
      ['categories', 'identity'],
      ['purpose', 'Release planning'],
      ['howGiven', 'verbally'],
      ['capacity', 'has-capacity'],
      ['bestInterestsBy', 'Dr Rao'],
    ]);
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /href="#bestInterestsBy">A best-interests decision is recorded only when the person lacks capacity for this decision/);
    assert.match(response.body, new RegExp(`value="${probationAgencyId}" checked`), 'the agencies chosen stay chosen');
    assert.equal((await consentRows()).length, 0);
  });

  it('records an agreement with two agencies and shows it with how it was given and who recorded it', async () => {
    await amhp.get(`/people/${personId}/consent/new`);
    const lastDay = todayInLondon(clockNow()).add({ years: 1 });
    const response = await submit(amhp, `/people/${personId}/consent/new`, [
      ['decision', 'agreed'],
      ['agencyIds', probationAgencyId],
      ['agencyIds', policeAgencyId],
      ['categories', 'identity'],
      ['categories', 'risk-to-others'],
      ['purpose', 'To keep her safe on release'],
      ['howGiven', 'verbally'],
      ['capacity', 'has-capacity'],
      ['validUntil-day', String(lastDay.day)],
      ['validUntil-month', String(lastDay.month)],
      ['validUntil-year', String(lastDay.year)],
    ]);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `/people/${personId}/consent?saved=recorded`);
    const [row] = await consentRows();
    assert.deepEqual([...row!.agency_ids].sort(), [probationAgencyId, policeAgencyId].sort());
    assert.deepEqual(row!.categories, ['identity', 'risk-to-others']);
    assert.equal(row!.best_interests, null);
    assert.equal(row!.recorded_by_label, 'Test amhp');

    const page = await amhp.get(String(response.headers.location));
    assert.match(page.body, /Saved: the decision is on the person’s record\./);
    assert.match(page.body, /Agreed to share: Wessex Probation Service and Wessex Police|Agreed to share: Wessex Police and Wessex Probation Service/);
    assert.match(page.body, /Verbally, and written down by staff/);
    assert.match(page.body, /Identity and Risk to others/);
    assert.match(page.body, /by Test amhp, Wessex County Council/);
    assert.match(page.body, new RegExp(`To the end of ${lastDay.day} \\w+ ${lastDay.year}`));
    assert.match(page.body, /Withdraw<span class="govuk-visually-hidden"> the consent recorded/);
  });

  it('withdraws a consent with a note, and shows it among past decisions with who withdrew it and why', async () => {
    const [row] = await consentRows();
    const withdrawUrl = `/people/${personId}/consent/${row!.id}/withdraw`;
    const form = await amhp.get(withdrawUrl);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<h1 class="govuk-heading-l">Withdraw a consent<\/h1>/);

    const noNote = await amhp.post(withdrawUrl, { note: '' });
    assert.equal(noNote.statusCode, 400);
    assert.match(noNote.body, /href="#note">Enter why it is being withdrawn/);
    assert.equal((await consentRows())[0]!.withdrawn_at, null);

    const done = await amhp.post(withdrawUrl, { note: 'She phoned to say she has changed her mind' });
    assert.equal(done.statusCode, 303);
    const page = await amhp.get(String(done.headers.location));
    assert.match(page.body, /No consent or refusal holds now\./);
    const past = page.body.slice(page.body.indexOf('Past decisions'));
    assert.match(past, /Withdrawn \d+ \w+ \d{4} at [\d:]+[ap]m by Test amhp: She phoned to say she has changed her mind/);
    assert.doesNotMatch(past, /Withdraw<span/, 'a withdrawn consent cannot be withdrawn again');
  });

  it('shows a decision whose end date has passed as ended, without anyone acting', async () => {
    const lastYear = clockNow().subtract({ hours: 24 * 400 });
    const then = { ...systemContext(test.db), now: () => lastYear };
    await recordConsent(then, personId, {
      decision: 'refused',
      agencyIds: [policeAgencyId],
      categories: ['clinical'],
      purpose: 'Police asked for her care plan',
      howGiven: 'in-writing',
      capacity: 'not-assessed',
      bestInterestsBy: '',
      bestInterestsReasons: '',
      validUntil: todayInLondon(lastYear).add({ days: 30 }),
    });
    const page = await amhp.get(`/people/${personId}/consent`);
    const current = page.body.slice(page.body.indexOf('Current decisions'), page.body.indexOf('Past decisions'));
    assert.doesNotMatch(current, /Refused sharing/);
    const past = page.body.slice(page.body.indexOf('Past decisions'));
    assert.match(past, /Refused sharing: Wessex Police/);
    const lastDay = todayInLondon(lastYear).add({ days: 30 });
    assert.match(past, new RegExp(`Ended: it held to the end of ${lastDay.day} \\w+ ${lastDay.year}, the period it was given for`));
  });

  it('refuses a member of staff who is not involved with the person, saving nothing, and audits it', async () => {
    const before = (await consentRows()).length;
    const list = await police.get(`/people/${personId}/consent`);
    assert.equal(list.statusCode, 403);
    assert.match(list.body, /not involved with this person/);
    await police.get('/');
    const posted = await submit(police, `/people/${personId}/consent/new`, [
      ['decision', 'agreed'],
      ['agencyIds', policeAgencyId],
      ['categories', 'clinical'],
      ['purpose', 'We would like to see it'],
      ['howGiven', 'verbally'],
      ['capacity', 'not-assessed'],
    ]);
    assert.equal(posted.statusCode, 403);
    assert.equal((await consentRows()).length, before);
    const refusals = (await auditEntriesAbout(test.db, personId).execute()).filter((entry) => entry.action === 'refused' && entry.actor_label === 'Test officer');
    assert.equal(refusals.length, 2);
  });

  it('audits every reading and change made through the pages', async () => {
    const entries = await auditEntriesAbout(test.db, personId).execute();
    const byAmhp = entries.filter((entry) => entry.actor_label === 'Test amhp');
    assert.ok(byAmhp.some((entry) => entry.action === 'read' && entry.purpose === 'Reading a person’s consent and refusals to share'));
    assert.ok(byAmhp.some((entry) => entry.action === 'write' && entry.what.startsWith('Recorded the person’s consent to share identity and risk to others information')));
    assert.ok(byAmhp.some((entry) => entry.action === 'write' && entry.what.includes('She phoned to say she has changed her mind')));
  });
});
