import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTeam } from '../../src/app/organisation/organisation.ts';
import { journeys } from '../../src/web/legal/recording-journeys.ts';
import { addStaff, startTestApp, systemContext, TestClient, type TestApp } from '../support/harness.ts';

// Recording legal events through the pages: each form is checked, shown back, then written through the
// law engine; refusals name the provision and save nothing.

const london = 'Europe/London';

// The boxes of a date-time input for a London wall-clock time `daysAgo` days before today.
function londonMoment(name: string, daysAgo: number, time: string): Record<string, string> {
  const day = Temporal.Now.plainDateISO(london).subtract({ days: daysAgo });
  return { [`${name}-day`]: String(day.day), [`${name}-month`]: String(day.month), [`${name}-year`]: String(day.year), [`${name}-time`]: time };
}

function instantMoment(name: string, instant: Temporal.Instant): Record<string, string> {
  const zoned = instant.toZonedDateTimeISO(london);
  return {
    [`${name}-day`]: String(zoned.day),
    [`${name}-month`]: String(zoned.month),
    [`${name}-year`]: String(zoned.year),
    [`${name}-time`]: `${String(zoned.hour).padStart(2, '0')}:${String(zoned.minute).padStart(2, '0')}`,
  };
}

function errorSummary(html: string): string {
  return /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1]?.replace(/\s+/g, ' ') ?? html.slice(0, 300);
}

function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    if (match[1] !== '_csrf') fields[match[1]!] = match[2]!.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  }
  return fields;
}

describe('recording legal events', () => {
  let test: TestApp;
  let client: TestClient;
  let wardId: string;

  async function addPerson(familyName: string): Promise<string> {
    await client.get('/people/new');
    const response = await client.post('/people', { givenNames: 'Sam', familyName, interpreterNeeded: 'no', confirmedNewPerson: 'yes' });
    assert.equal(response.statusCode, 303, response.body);
    return String(response.headers.location).split('/').pop()!;
  }

  async function entryCount(personId: string): Promise<number> {
    const row = await test.db.selectFrom('record_entries').select((builder) => builder.fn.countAll<number>().as('count')).where('person_id', '=', personId).executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async function legalStatus(personId: string) {
    return test.db.selectFrom('legal_status').select(['provision', 'agency_id', 'team_id']).where('person_id', '=', personId).executeTakeFirst();
  }

  async function deadlines(personId: string) {
    return test.db.selectFrom('legal_deadlines').select(['kind', 'provision']).where('person_id', '=', personId).execute();
  }

  // Opens the form (for the record version), sends the answers, and returns the check page.
  async function check(personId: string, slug: string, answers: Record<string, string>) {
    const form = await client.get(`/people/${personId}/legal/record/${slug}`);
    assert.equal(form.statusCode, 200);
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const placement = /<option value="([^"]+)" selected>/.exec(form.body)?.[1];
    return client.post(`/people/${personId}/legal/record/${slug}`, { version, step: 'check', ...(placement ? { placement } : {}), ...answers });
  }

  // Goes through the form and the check page and saves.
  async function record(personId: string, slug: string, answers: Record<string, string>) {
    const checked = await check(personId, slug, answers);
    assert.equal(checked.statusCode, 200, errorSummary(checked.body));
    assert.match(checked.body, /Check your answers/);
    return client.post(`/people/${personId}/legal/record/${slug}`, { ...hiddenFields(checked.body), step: 'save' });
  }

  before(async () => {
    test = await startTestApp();
    const staff = await addStaff(test.db, { username: 'mha', role: 'mha-administrator', agencyKind: 'mental-health-trust', agencyName: 'Wessex Partnership NHS Trust' });
    wardId = await createTeam(systemContext(test.db), staff.agencyId, { name: 'Avon Ward' });
    await test.db.updateTable('users').set({ team_id: wardId }).where('id', '=', staff.userId).execute();
    client = new TestClient(test.app);
    await client.signIn('mha');
  });
  after(() => test.close());

  it('records s136 arrival, then s2 and s3 admissions, and the legal status and deadlines follow', async () => {
    const personId = await addPerson('Arrival');
    // The s136 power lasts 24 hours from arrival, so these happen in the last few hours.
    const now = Temporal.Now.instant();
    const hoursAgo = (name: string, hours: number) => instantMoment(name, now.subtract({ minutes: hours * 60 }));
    const arrived = await record(personId, 'place-of-safety-arrival', { ...hoursAgo('at', 6), power: 's136' });
    assert.equal(arrived.statusCode, 303);
    assert.equal(arrived.headers.location, `/people/${personId}/legal?saved=place-of-safety-arrival`);
    assert.match((await client.get(arrived.headers.location as string)).body, /govuk-notification-banner--success[\s\S]*recorded/);
    const afterArrival = await legalStatus(personId);
    assert.equal(afterArrival?.provision, 's136');
    assert.equal(afterArrival?.team_id, wardId, 'the recorder\u2019s own ward is the default placement');
    assert.ok((await deadlines(personId)).some((deadline) => deadline.kind === 'authority-ends' && deadline.provision === 's136(2A)'));

    const admitted = await record(personId, 's2-admission', {
      ...hoursAgo('at', 3),
      ...hoursAgo('applicationMadeAt', 3.5),
      applicant: 'amhp',
      ...hoursAgo('applicantLastSawAt', 4),
      ...hoursAgo('rec1ExaminedAt', 5),
      ...hoursAgo('rec1SignedAt', 4.75),
      rec1S12Approved: 'yes',
      rec1PreviousAcquaintance: 'no',
      ...hoursAgo('rec2ExaminedAt', 4.5),
      ...hoursAgo('rec2SignedAt', 4.25),
      rec2S12Approved: 'no',
      rec2PreviousAcquaintance: 'yes',
      note: 'Admitted from the s136 suite.',
    });
    assert.equal(admitted.statusCode, 303);
    assert.equal((await legalStatus(personId))?.provision, 's2');
    assert.ok((await deadlines(personId)).some((deadline) => deadline.kind === 'authority-ends' && deadline.provision === 's2(4)'));

    const list = await client.get(`/people/${personId}/legal/record`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /is held under s2/);
    const likely = list.body.slice(list.body.indexOf('Most likely now'), list.body.indexOf('Everything that can be recorded'));
    assert.match(likely, /Admission for treatment/);
    assert.doesNotMatch(likely, /Arrival at a place of safety/);

    const treated = await record(personId, 's3-admission', hoursAgo('at', 1));
    assert.equal(treated.statusCode, 303);
    assert.equal((await legalStatus(personId))?.provision, 's3');
    const afterS3 = await deadlines(personId);
    assert.ok(!afterS3.some((deadline) => deadline.provision === 's2(4)'), 'the s2 deadline is gone');
    assert.ok(afterS3.some((deadline) => deadline.kind === 'authority-ends'));
  });

  it('refuses an s2 application whose examinations were 6 clear days apart, citing s12(1), and saves nothing', async () => {
    const personId = await addPerson('Scrutiny');
    const before = await entryCount(personId);
    const response = await record(personId, 's2-admission', {
      ...londonMoment('at', 1, '14:00'),
      ...londonMoment('rec1ExaminedAt', 8, '12:00'),
      ...londonMoment('rec1SignedAt', 8, '12:30'),
      rec1S12Approved: 'yes',
      rec1PreviousAcquaintance: 'yes',
      ...londonMoment('rec2ExaminedAt', 1, '12:00'),
      ...londonMoment('rec2SignedAt', 1, '12:30'),
      rec2S12Approved: 'yes',
      rec2PreviousAcquaintance: 'no',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /There is a problem/);
    assert.match(response.body, /6 clear days apart; the limit is 5\. \(s12\(1\)\)/);
    assert.match(response.body, /value="14:00"/, 'what was entered is kept');
    assert.equal(await entryCount(personId), before);
    assert.equal(await legalStatus(personId), undefined);
  });

  it('names the fields at fault and refuses a time in the future', async () => {
    const personId = await addPerson('Future');
    const before = await entryCount(personId);
    const future = await check(personId, 'informal-admission', instantMoment('at', Temporal.Now.instant().add({ hours: 48 })));
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /href="#at-day">Date and time of admission is in the future/);

    const missing = await check(personId, 'place-of-safety-extension', { ...londonMoment('at', 1, '10:00'), hours: '13' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /href="#hours">The number of hours of the extension must be a whole number from 1 to 12 \(s136B\)/);

    const noWhen = await check(personId, 'discharge', { kind: 'absolute' });
    assert.equal(noWhen.statusCode, 400);
    assert.match(noWhen.body, /href="#at-day">Enter the date and time of discharge/);
    assert.match(noWhen.body, /href="#by">Select who discharged the patient/);
    assert.equal(await entryCount(personId), before);
  });

  it('refuses a step the engine does not allow, citing the provision', async () => {
    const personId = await addPerson('Refused');
    const response = await record(personId, 'cto-recalled', londonMoment('at', 1, '09:00'));
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /not a community patient/);
    assert.match(response.body, /\(s17E\)|\(s17E\(1\)\)/);
    assert.equal(await legalStatus(personId), undefined);
  });

  it('prompts about a community treatment order before leave of more than 7 days (s17(2A))', async () => {
    const personId = await addPerson('Leave');
    const short = await check(personId, 'leave', { ...londonMoment('at', 1, '10:00'), ...londonMoment('leaveTo', -2, '10:00'), escorted: 'no' });
    assert.equal(short.statusCode, 200, errorSummary(short.body));
    assert.doesNotMatch(short.body, /s17\(2A\)/);

    const long = await check(personId, 'leave', { ...londonMoment('at', 1, '10:00'), ...londonMoment('leaveTo', -9, '10:00'), escorted: 'yes', conditions: 'To stay at her sister\u2019s address' });
    assert.equal(long.statusCode, 200);
    assert.match(long.body, /longer than 7 consecutive days/);
    assert.match(long.body, /community treatment order instead \(s17\(2A\)\)/);
    const change = await client.post(`/people/${personId}/legal/record/leave`, { ...hiddenFields(long.body), step: 'change' });
    assert.equal(change.statusCode, 200);
    assert.match(change.body, /To stay at her sister’s address<\/textarea>|To stay at her sister&#39;s address<\/textarea>/, 'changing the answers keeps them');
    const saved = await client.post(`/people/${personId}/legal/record/leave`, { ...hiddenFields(long.body), step: 'save' });
    assert.equal(saved.statusCode, 303);
    const entry = await test.db.selectFrom('record_entries').select(['kind', 'data']).where('person_id', '=', personId).where('kind', '=', 'leave-granted').executeTakeFirstOrThrow();
    assert.equal((entry.data as { escorted: boolean }).escorted, true);
  });

  it('records a tribunal hearing and the discharge it ordered, one version after the other', async () => {
    const personId = await addPerson('Tribunal');
    assert.equal((await record(personId, 's3-admission', londonMoment('at', 20, '10:00'))).statusCode, 303);
    const heard = await record(personId, 'tribunal-hearing', { ...londonMoment('at', 2, '15:00'), discharge: 'absolute', note: 'Discharged: criteria not met.' });
    assert.equal(heard.statusCode, 303);
    const events = await test.db.selectFrom('record_entries').select(['data']).where('person_id', '=', personId).where('kind', '=', 'legal-event-recorded').orderBy('sequence').execute();
    assert.deepEqual(
      events.map((row) => (row.data as { event: { type: string; by?: string } }).event.type),
      ['s3-admitted', 'tribunal-hearing', 'discharged'],
    );
    assert.equal((events[2]!.data as { event: { by: string } }).event.by, 'tribunal');
    assert.equal((await legalStatus(personId))?.provision, 'none');
  });

  it('saves neither the hearing nor the discharge when the law refuses the discharge it ordered', async () => {
    const personId = await addPerson('Conditional');
    assert.equal((await record(personId, 's3-admission', londonMoment('at', 20, '10:00'))).statusCode, 303);
    const before = await entryCount(personId);
    const response = await record(personId, 'tribunal-hearing', { ...londonMoment('at', 2, '15:00'), discharge: 'conditional', note: 'Conditional discharge.' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /There is a problem/);
    assert.match(response.body, /A conditional discharge is recorded for an unrestricted patient/);
    assert.equal(await entryCount(personId), before);
    assert.equal((await legalStatus(personId))?.provision, 's3');
  });

  it('shows what changed when the record moved on since the form was opened, saving nothing', async () => {
    const personId = await addPerson('Stale');
    const checked = await check(personId, 'informal-admission', londonMoment('at', 1, '11:00'));
    assert.equal(checked.statusCode, 200);
    // Someone else records an event meanwhile.
    assert.equal((await record(personId, 'place-of-safety-arrival', { ...londonMoment('at', 1, '09:00'), power: 's136' })).statusCode, 303);
    const before = await entryCount(personId);
    const stale = await client.post(`/people/${personId}/legal/record/informal-admission`, { ...hiddenFields(checked.body), step: 'save' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /This record changed since you opened it/);
    assert.match(stale.body, /Legal status by Test mha/);
    assert.equal(await entryCount(personId), before);
  });

  it('lists every journey in its group and renders each form with a labelled "when" field', async () => {
    const personId = await addPerson('Forms');
    const list = await client.get(`/people/${personId}/legal/record`);
    assert.equal(list.statusCode, 200);
    for (const heading of ['Admission and holding powers', 'Place of safety', 'Stay in hospital', 'Community treatment order', 'Guardianship', 'Courts and the Secretary of State', 'Tribunal', 'Nearest relative', 'Discharge']) {
      assert.ok(list.body.includes(`>${heading}</h3>`), heading);
    }
    for (const journey of journeys) {
      assert.ok(list.body.includes(`href="/people/${personId}/legal/record/${journey.slug}"`), journey.slug);
      const form = await client.get(`/people/${personId}/legal/record/${journey.slug}`);
      assert.equal(form.statusCode, 200, journey.slug);
      assert.ok(form.body.includes(`>${journey.when.legend.replaceAll('\u2019', '&#39;')}</legend>`) || form.body.includes(`>${journey.when.legend}</legend>`), `${journey.slug}: when legend`);
      assert.match(form.body, /<label class="govuk-label govuk-date-input__label" for="at-day">Day<\/label>/, journey.slug);
      assert.match(form.body, /id="at-time"/, journey.slug);
    }
    assert.equal((await client.get(`/people/${personId}/legal/record/no-such-thing`)).statusCode, 404);
  });
});
