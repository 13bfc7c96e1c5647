import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clockNow, type AppContext } from '../../src/app/context.ts';
import { recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { escalateOverdueReports } from '../../src/app/restricted/report-escalation.ts';
import { recordInvolvement } from '../../src/app/sharing/involvements.ts';
import { toLondonOffsetDateTime } from '../../src/domain/london-time.ts';
import { addStaff, startTestApp, systemContext, TestClient, type TestApp } from '../support/harness.ts';

// The statutory report pages on the real clock: the casework team names the two supervisors of a
// conditionally discharged patient, the sweep escalates the first reports left overdue, and each
// supervisor files: late against the overdue date, on time against the next.
describe('statutory report pages for a restricted patient', () => {
  let test: TestApp;
  let personId = '';
  const ids: Record<string, string> = {};

  async function clientFor(username: string): Promise<TestClient> {
    const client = new TestClient(test.app);
    await client.signIn(username);
    return client;
  }

  before(async () => {
    test = await startTestApp();
    const office = await addStaff(test.db, { username: 'office', role: 'mha-administrator', agencyName: 'Wessex Partnership NHS Trust' });
    ids.psychiatrist = (await addStaff(test.db, { username: 'psychiatrist', role: 'psychiatrist', agencyName: 'Wessex Partnership NHS Trust', displayName: 'Dr Kofi Asante' })).userId;
    ids.social = (await addStaff(test.db, { username: 'social', role: 'social-worker', agencyKind: 'local-authority', agencyName: 'Wessex County Council', displayName: 'Marcus Bell' })).userId;
    await addStaff(test.db, { username: 'caseworker', role: 'moj-caseworker', agencyKind: 'moj-casework', agencyName: 'Mental Health Casework Section', displayName: 'Priya Shah' });
    await addStaff(test.db, { username: 'police', role: 'police-officer', agencyKind: 'police-force', agencyName: 'Wessex Police' });
    const context: AppContext = { db: test.db, now: clockNow, purpose: 'Testing', actor: { kind: 'user', userId: office.userId, label: 'Olu Office', role: 'mha-administrator', agencyId: office.agencyId, agencyName: office.agencyName } };
    const outcome = await registerPerson(context, { givenNames: 'Andrew', familyName: 'Randle', preferredName: null, otherNames: null, dateOfBirth: '1971-10-01', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null }, { confirmedNewPerson: true });
    personId = outcome.kind === 'registered' ? outcome.personId : '';
    const placement = { agencyId: office.agencyId, agencyName: office.agencyName, teamId: null, teamName: null };
    const now = clockNow();
    const at = (days: number) => toLondonOffsetDateTime(now.subtract({ hours: 24 * days }));
    await recordLegalEvent(context, personId, 1, { event: { type: 'court-order', at: at(700), order: 's37', restricted: true } as never, placement, documentId: null, note: null }, 'Recorded a hospital order');
    await recordLegalEvent(context, personId, 2, { event: { type: 'hospital-admitted', at: at(698) } as never, placement, documentId: null, note: null }, 'Recorded the admission');
    await recordLegalEvent(systemContext(test.db), personId, 3, { event: { type: 'discharged', at: at(40), kind: 'conditional', by: 'sos' } as never, placement: null, documentId: null, note: null }, 'Recorded a conditional discharge');
    const council = await test.db.selectFrom('agencies').select('id').where('name', '=', 'Wessex County Council').executeTakeFirstOrThrow();
    await recordInvolvement(context, personId, { agencyId: council.id, teamId: null, userId: null, reason: 'Social supervision after discharge', startsAt: now.subtract({ minutes: 1 }), endsAt: null });
  });
  after(() => test.close());

  it('names the supervisors, shows the overdue report escalated, and takes two supervisors’ reports: late, then on time', async () => {
    const caseworker = await clientFor('caseworker');
    const form = await caseworker.get(`/people/${personId}/restricted/supervisors`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Dr Kofi Asante, psychiatrist, Wessex Partnership NHS Trust/);
    const wrong = await caseworker.post(`/people/${personId}/restricted/supervisors`, { supervision: 'clinical' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /There is a problem[\s\S]*Select the clinical supervisor/);
    for (const [supervision, userId] of [['clinical', ids.psychiatrist!], ['social', ids.social!]] as const) {
      const named = await caseworker.post(`/people/${personId}/restricted/supervisors`, { supervision, [`userId-${supervision}`]: userId });
      assert.equal(named.statusCode, 303);
      assert.equal(named.headers.location, `/people/${personId}/restricted/reports?saved=supervisor`);
    }

    // The first reports fell due 28 days after discharge, twelve days ago; the sweep escalates each once.
    assert.equal(await escalateOverdueReports(systemContext(test.db)), 2);
    const list = await caseworker.get(`/people/${personId}/restricted/reports`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Social supervisor’s report[\s\S]*Overdue and escalated[\s\S]*Overdue: was due [^;]+; escalated [^<]+ to Mental Health Casework Section \(ministry of justice caseworkers\); Marcus Bell, social supervisor \(Wessex County Council\)/);
    assert.match(list.body, /guidance \(MoJ conditional discharge\)/);
    assert.match(list.body, /Marcus Bell \(social worker\)/);
    assert.doesNotMatch(list.body, /File a report/);

    const social = await clientFor('social');
    const newForm = await social.get(`/people/${personId}/restricted/reports/new`);
    assert.equal(newForm.statusCode, 200);
    assert.match(newForm.body, /File the social supervisor’s report/);
    assert.match(newForm.body, /It is overdue and will be recorded as filed late/);
    const empty = await social.post(`/people/${personId}/restricted/reports/new`, { kind: 'social-supervisor', report: '', reasons: 'Stable' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter the report/);
    assert.match(empty.body, /Select the recommendation/);
    const filed = await social.post(`/people/${personId}/restricted/reports/new`, { kind: 'social-supervisor', recommendation: 'continue', report: 'Living at the agreed address; keeps appointments.', reasons: 'Settled in the community.' });
    assert.equal(filed.statusCode, 303);
    const afterSocial = await social.get(filed.headers.location as string);
    assert.match(afterSocial.body, /Report filed/);
    assert.match(afterSocial.body, /Filed late[\s\S]*Filed late on [^<]+ by Test social|Filed late on [^<]+ by Marcus Bell/);

    const clinical = await clientFor('psychiatrist');
    await clinical.get(`/people/${personId}/restricted/reports/new`);
    const late = await clinical.post(`/people/${personId}/restricted/reports/new`, { kind: 'clinical-supervisor', recommendation: 'continue', report: 'Mental state stable on depot.', reasons: 'No relapse signs.' });
    assert.equal(late.statusCode, 303);
    const next = await clinical.get(`/people/${personId}/restricted/reports/new`);
    assert.doesNotMatch(next.body, /recorded as filed late/);
    const onTime = await clinical.post(`/people/${personId}/restricted/reports/new`, { kind: 'clinical-supervisor', recommendation: 'vary-conditions', report: 'Early report for the next date.', reasons: 'Ready to relax the curfew.' });
    assert.equal(onTime.statusCode, 303);
    // Both dates so far are met: nothing more is due from the clinical supervisor now, and the refusal says why.
    const again = await clinical.post(`/people/${personId}/restricted/reports/new`, { kind: 'clinical-supervisor', recommendation: 'continue', report: 'Again', reasons: 'Again' });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /the report due on [^<]+ was filed on [^<]+, and the next is due on [^<]+ \(guidance \(MoJ conditional discharge\)\)/);

    const final = await caseworker.get(`/people/${personId}/restricted/reports`);
    assert.equal((final.body.match(/Filed late on/g) ?? []).length, 2);
    assert.equal((final.body.match(/Filed on time/g) ?? []).length, 1);
    const reportLink = /href="(\/people\/[^"]+\/restricted\/reports\/[0-9a-f-]{36})"/.exec(final.body);
    assert.ok(reportLink);
    const opened = await caseworker.get(reportLink[1]!);
    assert.equal(opened.statusCode, 200);
    assert.match(opened.body, /Mental state stable on depot|Living at the agreed address/);

    // An officer of an involved police force may read the schedule but files nothing, and is told why.
    const force = await test.db.selectFrom('agencies').select('id').where('name', '=', 'Wessex Police').executeTakeFirstOrThrow();
    await test.db.insertInto('involvements').values({ person_id: personId, agency_id: force.id, team_id: null, user_id: null, reason: 'Test', starts_at: '2000-01-01T00:00:00Z', ends_at: null, recorded_by: null, recorded_by_label: 'Test', recorded_at: '2000-01-01T00:00:00Z' }).execute();
    const police = await clientFor('police');
    const refused = await police.get(`/people/${personId}/restricted/reports/new`);
    assert.equal(refused.statusCode, 200);
    assert.match(refused.body, /You cannot file a report on this patient now/);
    assert.match(refused.body, /Only the named clinical supervisor \(Dr Kofi Asante\) files this report|was filed on/);
    const hidden = await police.get(reportLink[1]!);
    assert.match(hidden.body, /clinical information, which your agency’s policy does not show you/);
  });
});
