import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clockNow, type AppContext } from '../../src/app/context.ts';
import { recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { addStaff, involve, startTestApp, TestClient, type TestApp } from '../support/harness.ts';

// The MAPPA and victims pages: a restricted patient's victim liaison contact is not shown to the hospital's
// clinician, on the victims page or anywhere else they can open; MAPPA minutes are refused to an involved
// agency that did not attend.
describe('MAPPA and victims pages', () => {
  let test: TestApp;
  let personId = '';
  const agencies: Record<string, string> = {};

  before(async () => {
    test = await startTestApp();
    const { db } = test;
    const office = await addStaff(db, { username: 'office', role: 'mha-administrator', agencyName: 'Wessex Partnership NHS Trust' });
    await addStaff(db, { username: 'clinician', role: 'responsible-clinician', agencyName: 'Wessex Partnership NHS Trust' });
    const caseworker = await addStaff(db, { username: 'caseworker', role: 'moj-caseworker', agencyKind: 'moj-casework', agencyName: 'Mental Health Casework Section' });
    const probation = await addStaff(db, { username: 'probation', role: 'probation-practitioner', agencyKind: 'probation-service', agencyName: 'Wessex Probation Service' });
    const police = await addStaff(db, { username: 'police', role: 'police-officer', agencyKind: 'police-force', agencyName: 'Wessex Police' });
    const social = await addStaff(db, { username: 'social', role: 'social-worker', agencyKind: 'local-authority', agencyName: 'Casterbridge Council' });
    Object.assign(agencies, { office: office.agencyId, probation: probation.agencyId, police: police.agencyId });
    const context: AppContext = { db, now: clockNow, purpose: 'Setting up', actor: { kind: 'user', userId: office.userId, label: 'Office', role: 'mha-administrator', agencyId: office.agencyId, agencyName: 'Wessex Partnership NHS Trust' } };
    const outcome = await registerPerson(context, { givenNames: 'Robin', familyName: 'Ashdown', preferredName: null, otherNames: null, dateOfBirth: '1980-01-01', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null }, { confirmedNewPerson: true });
    personId = outcome.kind === 'registered' ? outcome.personId : '';
    const placement = { agencyId: office.agencyId, agencyName: 'Wessex Partnership NHS Trust', teamId: null, teamName: null };
    await recordLegalEvent(context, personId, 1, { event: { type: 'court-order', at: '2025-01-10T10:00:00Z', order: 's37', restricted: true } as never, placement, documentId: null, note: null }, 'Recorded a hospital order');
    await recordLegalEvent(context, personId, 2, { event: { type: 'hospital-admitted', at: '2025-01-12T10:00:00Z' }, placement, documentId: null, note: null }, 'Recorded admission');
    for (const agencyId of [caseworker.agencyId, probation.agencyId, police.agencyId, social.agencyId]) await involve(db, personId, agencyId);
  });
  after(() => test.close());

  async function signedIn(username: string): Promise<TestClient> {
    const client = new TestClient(test.app);
    await client.signIn(username);
    return client;
  }

  it('the clinician is refused the victims page and sees the officer nowhere; the caseworker records and sees it', async () => {
    const caseworker = await signedIn('caseworker');
    const form = await caseworker.get(`/people/${personId}/restricted/victims/contact`);
    assert.equal(form.statusCode, 200);
    const invalid = await caseworker.post(`/people/${personId}/restricted/victims/contact`, { officerName: '', officerAgency: 'Wessex VLU', officerPhone: '', officerEmail: '', optedIn: '' });
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.body, /href="#officerName"[^>]*>Enter the name of the victim liaison officer/);
    const saved = await caseworker.post(`/people/${personId}/restricted/victims/contact`, { officerName: 'Jo Oakbrook', officerAgency: 'Wessex Probation Victim Liaison Unit', officerPhone: '01632 960 001', officerEmail: '', optedIn: 'yes' });
    assert.equal(saved.statusCode, 303);
    const told = await caseworker.post(`/people/${personId}/restricted/victims/told/new`, { 'toldOn-day': '1', 'toldOn-month': '2', 'toldOn-year': '2026', what: 'Told of the exclusion zone condition', toldBy: 'Jo Oakbrook' });
    assert.equal(told.statusCode, 303);
    const page = await caseworker.get(`/people/${personId}/restricted/victims`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Jo Oakbrook/);
    assert.match(page.body, /Told of the exclusion zone condition/);
    assert.doesNotMatch(page.body.match(/<title>[^<]*<\/title>/)?.[0] ?? '', /Oakbrook/);

    const clinician = await signedIn('clinician');
    const refused = await clinician.get(`/people/${personId}/restricted/victims`);
    assert.equal(refused.statusCode, 403);
    assert.doesNotMatch(refused.body, /Oakbrook/);
    assert.equal((await clinician.get(`/people/${personId}/restricted/victims/contact`)).statusCode, 403);
    for (const path of [`/people/${personId}`, `/people/${personId}/restricted`, `/people/${personId}/restricted/mappa`]) {
      const response = await clinician.get(path);
      assert.notEqual(response.statusCode, 500, path);
      assert.doesNotMatch(response.body, /Oakbrook|exclusion zone condition/, path);
    }
    assert.equal((await clinician.get(`/people/${personId}`)).statusCode, 200);
  });

  it('MAPPA: category 2 is required for the restricted patient; minutes are refused to an involved agency that did not attend', async () => {
    const probation = await signedIn('probation');
    assert.equal((await probation.get(`/people/${personId}/restricted/mappa/arrangement`)).statusCode, 200);
    const wrong = await probation.post(`/people/${personId}/restricted/mappa/arrangement`, { category: '3', level: '2', leadAgencyId: agencies.probation!, reason: 'Violent index offence' });
    assert.equal(wrong.statusCode, 400, String(wrong.headers.location));
    assert.match(wrong.body, /href="#category"[^>]*>This patient is restricted/);
    const saved = await probation.post(`/people/${personId}/restricted/mappa/arrangement`, { category: '2', level: '2', leadAgencyId: agencies.probation!, reason: 'Violent index offence' });
    assert.equal(saved.statusCode, 303);
    const meeting = await probation.post(`/people/${personId}/restricted/mappa/meetings/new`, {
      'heldOn-day': '3', 'heldOn-month': '2', 'heldOn-year': '2026', level: '2', attendingAgencyIds: agencies.police!, minutes: 'Agreed to propose an exclusion zone.', 'action-1': 'Map the zone', 'owner-1': 'DC Hardy',
    });
    assert.equal(meeting.statusCode, 303);
    const meetingPath = String(meeting.headers.location);
    const hub = await probation.get(`/people/${personId}/restricted/mappa`);
    assert.match(hub.body, /Category 2/);
    assert.match(hub.body, /Wessex Police/);

    const police = await signedIn('police');
    const seen = await police.get(meetingPath);
    assert.equal(seen.statusCode, 200);
    assert.match(seen.body, /Agreed to propose an exclusion zone/);
    assert.match(seen.body, /DC Hardy/);

    const social = await signedIn('social');
    const refused = await social.get(meetingPath);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /s325/);
    assert.doesNotMatch(refused.body, /Agreed to propose/);
    assert.equal((await social.get(`/people/${personId}/restricted/mappa`)).statusCode, 403);
  });
});
