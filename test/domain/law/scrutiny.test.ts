import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { application, assertFinding, findingCodes, run } from './law-test-support.ts';

const goodRecommendations = [
  { examinedAt: '2026-05-04T10:00:00+01:00', signedAt: '2026-05-04T11:00:00+01:00', s12Approved: true, previousAcquaintance: false },
  { examinedAt: '2026-05-08T10:00:00+01:00', signedAt: '2026-05-08T11:00:00+01:00', s12Approved: false, previousAcquaintance: true },
];

function admitted(type: 's2-admitted' | 's3-admitted' | 's4-admitted', at: string, fields: Parameters<typeof application>[0]) {
  return run('2026-05-09T13:00:00+01:00', [{ type, at, application: application(fields) }]);
}

describe('scrutiny of applications', () => {
  it('a sound s2 application gives no findings', () => {
    const output = admitted('s2-admitted', '2026-05-09T12:00:00+01:00', { madeAt: '2026-05-09T10:00:00+01:00', applicant: 'amhp', applicantLastSawPatientAt: '2026-05-09T09:00:00+01:00', recommendations: goodRecommendations });
    assert.deepEqual(output.findings, []);
  });

  it('s12(1): six clear days between examinations is an error (worked example)', () => {
    const output = admitted('s2-admitted', '2026-05-09T12:00:00+01:00', {
      madeAt: '2026-05-09T10:00:00+01:00',
      applicant: 'amhp',
      applicantLastSawPatientAt: '2026-05-09T09:00:00+01:00',
      recommendations: [
        { examinedAt: '2026-05-01T10:00:00+01:00', signedAt: '2026-05-01T11:00:00+01:00', s12Approved: true },
        { examinedAt: '2026-05-08T10:00:00+01:00', signedAt: '2026-05-08T11:00:00+01:00', previousAcquaintance: true },
      ],
    });
    assertFinding(output, 'recommendation-examinations-too-far-apart', 'error', 's12(1)');
    assert.match(output.findings[0]?.message ?? '', /6 clear days/);
  });

  it('s12(1): five clear days (Sunday to the following Saturday) is lawful', () => {
    const output = admitted('s2-admitted', '2026-05-09T12:00:00+01:00', {
      madeAt: '2026-05-09T10:00:00+01:00',
      recommendations: [
        { examinedAt: '2026-05-03T10:00:00+01:00', signedAt: '2026-05-03T11:00:00+01:00', s12Approved: true, previousAcquaintance: true },
        { examinedAt: '2026-05-09T08:00:00+01:00', signedAt: '2026-05-09T08:30:00+01:00' },
      ],
    });
    assert.deepEqual(findingCodes(output), []);
  });

  it('s12(1): a recommendation signed after the application date is an error; a later time on the same day is not', () => {
    const late = admitted('s3-admitted', '2026-05-09T12:00:00+01:00', {
      madeAt: '2026-05-08T10:00:00+01:00',
      recommendations: [goodRecommendations[0]!, { ...goodRecommendations[1]!, signedAt: '2026-05-09T09:00:00+01:00' }],
    });
    assertFinding(late, 'recommendation-signed-after-application', 'error', 's12(1)');
    const sameDay = admitted('s3-admitted', '2026-05-09T12:00:00+01:00', { madeAt: '2026-05-08T10:00:00+01:00', recommendations: goodRecommendations });
    assert.ok(!findingCodes(sameDay).includes('recommendation-signed-after-application'));
  });

  it('s12(2): neither practitioner s12-approved is an error', () => {
    const output = admitted('s3-admitted', '2026-05-09T12:00:00+01:00', { recommendations: goodRecommendations.map((recommendation) => ({ ...recommendation, s12Approved: false })) });
    assertFinding(output, 'no-s12-approved-recommendation', 'error', 's12(2)');
  });

  it('s2(3): one recommendation for s2 is an error; one is enough for s4', () => {
    assertFinding(admitted('s2-admitted', '2026-05-09T12:00:00+01:00', { recommendations: [goodRecommendations[1]!] }), 'recommendation-missing', 'error', 's2(3)');
    assert.ok(!findingCodes(admitted('s4-admitted', '2026-05-09T12:00:00+01:00', { recommendations: [goodRecommendations[1]!] })).includes('recommendation-missing'));
  });

  it('s11(5): the applicant must have seen the patient within the 14 days ending with the application date', () => {
    const inTime = admitted('s3-admitted', '2026-05-09T12:00:00+01:00', { madeAt: '2026-05-08T10:00:00+01:00', applicantLastSawPatientAt: '2026-04-25T09:00:00+01:00', recommendations: goodRecommendations });
    assert.deepEqual(findingCodes(inTime), []);
    const tooEarly = admitted('s3-admitted', '2026-05-09T12:00:00+01:00', { madeAt: '2026-05-08T10:00:00+01:00', applicantLastSawPatientAt: '2026-04-24T23:00:00+01:00', recommendations: goodRecommendations });
    assertFinding(tooEarly, 'applicant-not-seen-patient', 'error', 's11(5)');
  });

  it('s4(5): the applicant must have seen the patient in the previous 24 hours', () => {
    const output = admitted('s4-admitted', '2026-05-09T12:00:00+01:00', {
      madeAt: '2026-05-09T10:00:00+01:00',
      applicantLastSawPatientAt: '2026-05-08T09:00:00+01:00',
      recommendations: [{ examinedAt: '2026-05-09T09:00:00+01:00', signedAt: '2026-05-09T09:30:00+01:00', previousAcquaintance: true }],
    });
    assertFinding(output, 'applicant-not-seen-patient', 'error', 's4(5)');
  });

  it('s6(1)(a): admission within 14 days beginning with the last examination', () => {
    const late = run('2026-05-23T13:00:00+01:00', [{ type: 's2-admitted', at: '2026-05-22T00:00:00+01:00', application: application({ recommendations: goodRecommendations }) }]);
    assertFinding(late, 'admission-after-conveyance-period', 'error', 's6(1)(a)');
    const lastMoment = run('2026-05-23T13:00:00+01:00', [{ type: 's2-admitted', at: '2026-05-21T23:59:00+01:00', application: application({ recommendations: goodRecommendations }) }]);
    assert.ok(!findingCodes(lastMoment).includes('admission-after-conveyance-period'));
  });

  it('s6(1)(b): an emergency admission within 24 hours of the earlier of examination and application', () => {
    const output = admitted('s4-admitted', '2026-05-09T12:00:00+01:00', {
      madeAt: '2026-05-08T13:00:00+01:00',
      applicantLastSawPatientAt: '2026-05-08T12:00:00+01:00',
      recommendations: [{ examinedAt: '2026-05-08T11:00:00+01:00', signedAt: '2026-05-08T11:30:00+01:00', previousAcquaintance: true }],
    });
    assertFinding(output, 'admission-after-conveyance-period', 'error', 's6(1)(b)');
  });

  it('no practitioner with previous acquaintance is noted, not an error', () => {
    const output = admitted('s2-admitted', '2026-05-09T12:00:00+01:00', { recommendations: goodRecommendations.map((recommendation) => ({ ...recommendation, previousAcquaintance: false })) });
    assertFinding(output, 'no-previous-acquaintance', 'info', 's12(2)');
  });
});
