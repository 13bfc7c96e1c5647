import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clockNow, type AppContext } from '../../src/app/context.ts';
import { recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { caseworkInvolvementReason } from '../../src/app/restricted/casework.ts';
import { addStaff, startTestApp, TestClient, type TestApp } from '../support/harness.ts';

// The restricted patient's casework through HTTP: the casework agency becomes involved when the record
// shows a restriction, the responsible clinician asks the Secretary of State through the pages, the
// Ministry of Justice caseworker decides, and the Ministry's view across hospitals shows what waits.

describe('restricted patient casework pages', () => {
  let test: TestApp;
  let office: AppContext;
  let hospitalAgencyId: string;
  let caseworkAgencyId: string;
  const clinician = () => new TestClient(test.app);

  async function patient(familyName: string, restricted: boolean): Promise<string> {
    const outcome = await registerPerson(
      office,
      { givenNames: 'Kit', familyName, preferredName: null, otherNames: null, dateOfBirth: '1985-03-02', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null },
      { confirmedNewPerson: true },
    );
    assert.equal(outcome.kind, 'registered');
    const personId = outcome.kind === 'registered' ? outcome.personId : '';
    const at = clockNow().subtract({ hours: 48 }).toString();
    const placement = { agencyId: hospitalAgencyId, agencyName: 'Wessex Partnership NHS Trust', teamId: null, teamName: null };
    await recordLegalEvent(office, personId, 1, { event: { type: 'court-order', at, order: 's37', restricted } as never, placement, documentId: null, note: null }, 'Recorded a hospital order');
    await recordLegalEvent(office, personId, 2, { event: { type: 'hospital-admitted', at: clockNow().subtract({ hours: 47 }).toString() } as never, placement, documentId: null, note: null }, 'Recorded the admission');
    return personId;
  }

  before(async () => {
    test = await startTestApp();
    const staff = await addStaff(test.db, { username: 'office', role: 'mha-administrator', agencyName: 'Wessex Partnership NHS Trust' });
    hospitalAgencyId = staff.agencyId;
    await addStaff(test.db, { username: 'doctor', role: 'responsible-clinician', agencyName: 'Wessex Partnership NHS Trust' });
    caseworkAgencyId = (await addStaff(test.db, { username: 'casework', role: 'moj-caseworker', agencyKind: 'moj-casework', agencyName: 'Mental Health Casework Section' })).agencyId;
    office = { db: test.db, now: clockNow, purpose: 'Testing', actor: { kind: 'user', userId: staff.userId, label: 'Olu Office', role: 'mha-administrator', agencyId: staff.agencyId, agencyName: staff.agencyName } };
  });
  after(() => test.close());

  it('involves the casework agency when, and only when, the record shows a restriction', async () => {
    const restricted = await patient('Restricted', true);
    const unrestricted = await patient('Unrestricted', false);
    const involved = async (personId: string) =>
      test.db.selectFrom('involvements').select('reason').where('person_id', '=', personId).where('agency_id', '=', caseworkAgencyId).execute();
    assert.deepEqual((await involved(restricted)).map((row) => row.reason), [caseworkInvolvementReason]);
    assert.deepEqual(await involved(unrestricted), []);
  });

  it('the clinician asks, the caseworker refuses and then consents with conditions; the Ministry’s view shows what waits', async () => {
    const personId = await patient('Casework', true);
    const doctor = clinician();
    await doctor.signIn('doctor');
    const summary = await doctor.get(`/people/${personId}`);
    assert.match(summary.body, new RegExp(`href="/people/${personId}/restricted"`), 'the summary offers the casework');
    const hub = await doctor.get(`/people/${personId}/restricted`);
    assert.equal(hub.statusCode, 200);
    assert.match(hub.body, /This patient is restricted/);
    assert.match(hub.body, /Annual report due[\s\S]*?s41\(6\)/, 'the annual report clock, cited');

    // Incomplete: each missing answer is named, and nothing is saved.
    await doctor.get(`/people/${personId}/restricted/requests/new`);
    const incomplete = await doctor.post(`/people/${personId}/restricted/requests/new`, { kind: 'leave', leave: 'community' });
    assert.equal(incomplete.statusCode, 400);
    assert.match(incomplete.body, /Select whether the leave is escorted or unescorted/);
    assert.match(incomplete.body, /Enter the risk assessment/);
    assert.equal((await test.db.selectFrom('sos_requests').select('id').where('person_id', '=', personId).execute()).length, 0);

    const asked = await doctor.post(`/people/${personId}/restricted/requests/new`, { kind: 'leave', leave: 'community', escorted: 'escorted', riskAssessment: 'HCR-20 reviewed', plan: 'Two hours with two staff' });
    assert.equal(asked.statusCode, 303, asked.body);
    const requestUrl = String(asked.headers.location).split('?')[0]!;
    const sent = await doctor.get(String(asked.headers.location));
    assert.match(sent.body, /Awaiting the decision/);
    assert.doesNotMatch(sent.body, /Record the Secretary of State/, 'the clinician cannot decide');

    // The clinician cannot record the decision, even by posting it.
    const refusedToDoctor = await doctor.post(`${requestUrl}/decision`, { decision: 'consented', conditions: 'None', reasons: 'Own decision' });
    assert.equal(refusedToDoctor.statusCode, 403);

    const ministry = clinician();
    await ministry.signIn('casework');
    const view = await ministry.get('/restricted');
    assert.equal(view.statusCode, 200);
    assert.match(view.body, /1 request awaiting a decision/);
    assert.match(view.body, /Casework, Kit|Kit Casework/);
    const pendingOnly = await ministry.get('/restricted?show=pending-requests');
    assert.match(pendingOnly.body, /Leave of absence, asked/);

    await ministry.get(requestUrl);
    const noReasons = await ministry.post(`${requestUrl}/decision`, { decision: 'refused' });
    assert.equal(noReasons.statusCode, 400);
    assert.match(noReasons.body, /Enter the reasons for the decision/);
    const refused = await ministry.post(`${requestUrl}/decision`, { decision: 'refused', reasons: 'Too soon after admission' });
    assert.equal(refused.statusCode, 303);
    const refusedPage = await ministry.get(String(refused.headers.location));
    assert.match(refusedPage.body, /Refused/);
    assert.match(refusedPage.body, /Too soon after admission/);
    assert.match((await ministry.get('/restricted')).body, /0 requests awaiting a decision/);

    const again = await doctor.post(`/people/${personId}/restricted/requests/new`, { kind: 'leave', leave: 'community', escorted: 'escorted', riskAssessment: 'Settled for a month', plan: 'Two hours with two staff' });
    const secondUrl = String(again.headers.location).split('?')[0]!;
    await ministry.get(secondUrl);
    const consented = await ministry.post(`${secondUrl}/decision`, { decision: 'consented', conditions: 'Not to enter the town centre', reasons: 'Settled on the ward' });
    assert.equal(consented.statusCode, 303);
    const list = await doctor.get(`/people/${personId}/restricted/requests`);
    assert.match(list.body, /Consented[\s\S]*Refused/, 'newest first');
    const consentedPage = await doctor.get(secondUrl);
    assert.match(consentedPage.body, /Not to enter the town centre/);
  });

  it('the Ministry’s view is for Ministry caseworkers only, and lists only patients their agency is involved with', async () => {
    const doctor = clinician();
    await doctor.signIn('doctor');
    assert.equal((await doctor.get('/restricted')).statusCode, 403);
    const unrestricted = await patient('Unlisted', false);
    const ministry = clinician();
    await ministry.signIn('casework');
    const view = await ministry.get('/restricted');
    assert.doesNotMatch(view.body, /Unlisted/);
    assert.equal((await ministry.get(`/people/${unrestricted}/restricted`)).statusCode, 403, 'not involved with an unrestricted patient');
  });
});
