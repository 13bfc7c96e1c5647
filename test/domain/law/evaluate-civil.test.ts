import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertDeadline, assertFinding, assertNoDeadline, findingCodes, run } from './law-test-support.ts';

describe('holding powers, s5', () => {
  it('s5(4): 6 hours from the record', () => {
    const output = run('2026-06-01T12:00:00+01:00', [
      { type: 'informal-admission', at: '2026-05-20T10:00:00+01:00' },
      { type: 's5-4-recorded', at: '2026-06-01T09:15:00+01:00' },
    ]);
    assert.equal(output.status.provision, 's5(4)');
    assert.equal(output.status.legalStatusCode, '06');
    assert.equal(output.status.liableToBeDetained, true);
    assertDeadline(output, 'authority-ends', '2026-06-01T15:15:00+01:00', 's5(4)');
    assert.deepEqual(output.entitlements, { imha: false, section117: false, tribunalApplicationNow: false });
    assert.deepEqual(output.findings, []);
  });

  it('s5(5): a s5(2) report after a s5(4) record runs 72 hours from the s5(4) record', () => {
    const output = run('2026-06-01T12:00:00+01:00', [
      { type: 'informal-admission', at: '2026-05-20T10:00:00+01:00' },
      { type: 's5-4-recorded', at: '2026-06-01T09:15:00+01:00' },
      { type: 's5-2-report-furnished', at: '2026-06-01T11:00:00+01:00' },
    ]);
    assert.equal(output.status.provision, 's5(2)');
    assert.equal(output.status.legalStatusCode, '05');
    assertDeadline(output, 'authority-ends', '2026-06-04T09:15:00+01:00', 's5(5)');
  });

  it('s5(2): 72 elapsed hours from the report, across the October clock change', () => {
    const output = run('2026-10-25T10:00:00+00:00', [
      { type: 'informal-admission', at: '2026-10-01T10:00:00+01:00' },
      { type: 's5-2-report-furnished', at: '2026-10-24T10:00:00+01:00' },
    ]);
    assertDeadline(output, 'authority-ends', '2026-10-27T09:00:00+00:00', 's5(2)');
    assert.equal(output.entitlements.imha, false);
  });

  it('after the s5(4) lapses unheeded, the patient is informal again and the lapse is a finding', () => {
    const output = run('2026-06-01T18:00:00+01:00', [
      { type: 'informal-admission', at: '2026-05-20T10:00:00+01:00' },
      { type: 's5-4-recorded', at: '2026-06-01T09:15:00+01:00' },
    ]);
    assert.equal(output.status.provision, 'informal');
    assert.equal(output.status.legalStatusCode, '01');
    assertFinding(output, 'authority-lapsed', 'warning', 's5(4)');
    assertDeadline(output, 'authority-ends', '2026-06-01T15:15:00+01:00');
    assert.equal(output.deadlines[0]?.passed, true);
  });

  it('s5(6): a s5(2) report on a patient already detained under s2 is a finding and changes nothing', () => {
    const output = run('2026-06-02T12:00:00+01:00', [
      { type: 's2-admitted', at: '2026-06-01T09:00:00+01:00' },
      { type: 's5-2-report-furnished', at: '2026-06-02T10:00:00+01:00' },
    ]);
    assert.equal(output.status.provision, 's2');
    assertFinding(output, 'holding-power-for-detained-patient', 'error', 's5(6)');
    assertDeadline(output, 'authority-ends', '2026-06-29T00:00:00+01:00');
  });

  it('a s5(2) report for someone not recorded as an in-patient is applied with a warning', () => {
    const output = run('2026-06-02T12:00:00+01:00', [{ type: 's5-2-report-furnished', at: '2026-06-02T10:00:00+01:00' }]);
    assert.equal(output.status.provision, 's5(2)');
    assertFinding(output, 'holding-power-without-in-patient-record', 'warning');
  });
});

describe('s4 emergency admission', () => {
  it('lapses 72 hours after admission; the example over the October clock change', () => {
    const output = run('2026-10-25T09:00:00Z', [{ type: 's4-admitted', at: '2026-10-24T21:00:00+01:00' }]);
    assert.equal(output.status.provision, 's4');
    assert.equal(output.status.legalStatusCode, '04');
    assertDeadline(output, 'authority-ends', '2026-10-27T20:00:00+00:00', 's4(4)');
    assert.equal(output.entitlements.imha, false);
  });

  it('s4(4): the second recommendation makes it s2, running 28 days from the original admission day', () => {
    const output = run('2026-04-22T09:00:00+01:00', [
      { type: 's4-admitted', at: '2026-04-20T23:30:00+01:00' },
      { type: 's4-second-recommendation-received', at: '2026-04-21T15:00:00+01:00' },
    ]);
    assert.equal(output.status.provision, 's2');
    assert.equal(output.status.legalStatusCode, '02');
    assertDeadline(output, 'authority-ends', '2026-05-18T00:00:00+01:00', 's2(4)');
    assertDeadline(output, 'tribunal-window-closes', '2026-05-04T00:00:00+01:00', 's66(2)(a)');
    assert.equal(output.entitlements.imha, true);
  });

  it('a second recommendation after the 72 hours is a finding: the s4 has lapsed', () => {
    const output = run('2026-04-25T09:00:00+01:00', [
      { type: 's4-admitted', at: '2026-04-20T10:00:00+01:00' },
      { type: 's4-second-recommendation-received', at: '2026-04-23T10:00:00+01:00' },
    ]);
    assert.equal(output.status.provision, 'none');
    assertFinding(output, 'authority-lapsed', 'warning', 's4(4)');
    assertFinding(output, 'second-recommendation-without-s4', 'error', 's4(4)');
  });
});

describe('s2 admission for assessment', () => {
  it('s2(4): 28 days beginning with the admission day; s66(2)(a): 14 days to apply', () => {
    const output = run('2026-04-21T09:00:00+01:00', [{ type: 's2-admitted', at: '2026-04-20T15:10:00+01:00' }]);
    assert.equal(output.status.provision, 's2');
    assert.equal(output.status.legalStatusCode, '02');
    assert.equal(output.status.since?.toString(), '2026-04-20T14:10:00Z');
    assertDeadline(output, 'authority-ends', '2026-05-18T00:00:00+01:00', 's2(4)');
    assertDeadline(output, 'tribunal-window-closes', '2026-05-04T00:00:00+01:00', 's66(2)(a)');
    assert.deepEqual(output.entitlements, { imha: true, section117: false, tribunalApplicationNow: true });
    assertNoDeadline(output, 'renewal-window-opens');
    assertNoDeadline(output, 'managers-reference-due');
  });

  it('s2 admitted on 4 October is lawful to the end of 31 October (GMT after the clock change)', () => {
    const output = run('2026-10-05T09:00:00+01:00', [{ type: 's2-admitted', at: '2026-10-04T23:50:00+01:00' }]);
    assertDeadline(output, 'authority-ends', '2026-11-01T00:00:00+00:00');
  });

  it('lapses at the end of the 28 days: status none, a finding, the passed deadline kept', () => {
    const output = run('2026-05-20T09:00:00+01:00', [{ type: 's2-admitted', at: '2026-04-20T15:10:00+01:00' }]);
    assert.equal(output.status.provision, 'none');
    assert.equal(output.status.liableToBeDetained, false);
    assertFinding(output, 'authority-lapsed', 'warning', 's2(4)');
    assert.deepEqual(output.deadlines.map((deadline) => [deadline.kind, deadline.passed]), [['authority-ends', true]]);
  });

  it('an application after the window does not make tribunalApplicationNow true, and the window close is passed', () => {
    const output = run('2026-05-06T09:00:00+01:00', [{ type: 's2-admitted', at: '2026-04-20T15:10:00+01:00' }]);
    assert.equal(output.entitlements.tribunalApplicationNow, false);
    assert.equal(output.deadlines.find((deadline) => deadline.kind === 'tribunal-window-closes')?.passed, true);
  });
});

describe('s3 admission for treatment and renewal, s20', () => {
  it('6 months beginning with the admission day; renewal window two months ending with the expiry day', () => {
    const output = run('2026-02-10T09:00:00Z', [{ type: 's3-admitted', at: '2026-02-03T11:00:00Z' }]);
    assert.equal(output.status.provision, 's3');
    assert.equal(output.status.legalStatusCode, '03');
    assertDeadline(output, 'authority-ends', '2026-08-03T00:00:00+01:00', 's20(1)-(2)');
    assertDeadline(output, 'renewal-window-opens', '2026-06-03T00:00:00+01:00', 's20(3)');
    assertDeadline(output, 'tribunal-window-closes', '2026-08-03T00:00:00+01:00', 's66(2)(b)');
    assertDeadline(output, 'managers-reference-due', '2026-08-03T00:00:00+01:00', 's68(2)');
    assert.deepEqual(output.entitlements, { imha: true, section117: true, tribunalApplicationNow: true });
  });

  it('admitted on 31 August: the first period ends at the start of 1 March (T2), the renewal window opens 1 January', () => {
    const output = run('2026-09-01T09:00:00+01:00', [{ type: 's3-admitted', at: '2026-08-31T11:00:00+01:00' }]);
    assertDeadline(output, 'authority-ends', '2027-03-01T00:00:00+00:00');
    assertDeadline(output, 'renewal-window-opens', '2027-01-01T00:00:00+00:00');
  });

  it('a renewal in the window adds 6 months, then 12 months, chaining from the day after expiry', () => {
    const first = run('2026-07-01T09:00:00+01:00', [
      { type: 's3-admitted', at: '2026-02-03T11:00:00Z' },
      { type: 'renewal-furnished', at: '2026-06-20T10:00:00+01:00' },
    ]);
    assertDeadline(first, 'authority-ends', '2027-02-03T00:00:00+00:00');
    assertDeadline(first, 'renewal-window-opens', '2026-12-03T00:00:00+00:00');
    assert.deepEqual(findingCodes(first), []);
    const second = run('2027-01-10T09:00:00Z', [
      { type: 's3-admitted', at: '2026-02-03T11:00:00Z' },
      { type: 'renewal-furnished', at: '2026-06-20T10:00:00+01:00' },
      { type: 'renewal-furnished', at: '2027-01-05T10:00:00Z' },
    ]);
    assertDeadline(second, 'authority-ends', '2028-02-03T00:00:00+00:00');
    assertDeadline(second, 'renewal-window-opens', '2027-12-03T00:00:00+00:00');
  });

  it('s20(3): a renewal furnished before the window opens is a finding and does not renew', () => {
    const output = run('2026-06-10T09:00:00+01:00', [
      { type: 's3-admitted', at: '2026-02-03T11:00:00Z' },
      { type: 'renewal-furnished', at: '2026-06-02T10:00:00+01:00' },
    ]);
    assertFinding(output, 'renewal-outside-window', 'error', 's20(3)');
    assertDeadline(output, 'authority-ends', '2026-08-03T00:00:00+01:00');
  });

  it('a renewal after the lapse is a finding; the status is none', () => {
    const output = run('2026-08-10T09:00:00+01:00', [
      { type: 's3-admitted', at: '2026-02-03T11:00:00Z' },
      { type: 'renewal-furnished', at: '2026-08-03T00:00:00+01:00' },
    ]);
    assert.equal(output.status.provision, 'none');
    assertFinding(output, 'authority-lapsed', 'warning');
    assertFinding(output, 'renewal-after-lapse', 'error', 's20(1)');
  });

  it('a renewal for someone not detained is a finding', () => {
    const output = run('2026-08-10T09:00:00+01:00', [{ type: 'renewal-furnished', at: '2026-08-01T00:00:00+01:00' }]);
    assertFinding(output, 'renewal-without-authority', 'error', 's20(1)');
    assert.equal(output.status.provision, 'none');
  });

  it('s2 to s3: the s3 periods run from the s3 admission; the s68 applicable day is the s2 admission day', () => {
    const output = run('2026-05-20T09:00:00+01:00', [
      { type: 's2-admitted', at: '2026-04-20T15:10:00+01:00' },
      { type: 's3-admitted', at: '2026-05-15T12:00:00+01:00' },
    ]);
    assert.equal(output.status.provision, 's3');
    assertDeadline(output, 'authority-ends', '2026-11-15T00:00:00+00:00');
    assertDeadline(output, 'managers-reference-due', '2026-10-20T00:00:00+01:00', 's68(2)');
    assertDeadline(output, 'tribunal-window-closes', '2026-11-15T00:00:00+00:00', 's66(2)(b)');
  });

  it('an s2 admission for a patient already under s3 is a finding and changes nothing', () => {
    const output = run('2026-05-20T09:00:00+01:00', [
      { type: 's3-admitted', at: '2026-04-20T15:10:00+01:00' },
      { type: 's2-admitted', at: '2026-05-15T12:00:00+01:00' },
    ]);
    assert.equal(output.status.provision, 's3');
    assertFinding(output, 'application-for-detained-patient', 'error');
  });
});

describe('guardianship, s7', () => {
  it('6 months from acceptance; renewal window s20(6); tribunal s66(2)(c); no managers reference', () => {
    const output = run('2026-03-01T09:00:00Z', [{ type: 'guardianship-accepted', at: '2026-01-15T10:00:00Z' }]);
    assert.equal(output.status.provision, 'guardianship');
    assert.equal(output.status.legalStatusCode, '35');
    assert.equal(output.status.liableToBeDetained, false);
    assertDeadline(output, 'authority-ends', '2026-07-15T00:00:00+01:00', 's20(1)-(2)');
    assertDeadline(output, 'renewal-window-opens', '2026-05-15T00:00:00+01:00', 's20(6)');
    assertDeadline(output, 'tribunal-window-closes', '2026-07-15T00:00:00+01:00', 's66(2)(c)');
    assertNoDeadline(output, 'managers-reference-due');
    assert.deepEqual(output.entitlements, { imha: true, section117: false, tribunalApplicationNow: true });
  });
});

describe('more renewable authorities', () => {
  it('guardianship renewed in its window runs 6 more months; lapses without renewal', () => {
    const renewed = run('2026-07-01T09:00:00+01:00', [{ type: 'guardianship-accepted', at: '2026-01-15T10:00:00Z' }, { type: 'renewal-furnished', at: '2026-06-01T10:00:00+01:00' }]);
    assertDeadline(renewed, 'authority-ends', '2027-01-15T00:00:00Z');
    const lapsed = run('2026-07-16T09:00:00+01:00', [{ type: 'guardianship-accepted', at: '2026-01-15T10:00:00Z' }]);
    assert.equal(lapsed.status.provision, 'none');
    assertFinding(lapsed, 'authority-lapsed', 'warning');
  });

  it('s20A: a CTO extended in its window runs 6 more months; the tribunal window is the extension period', () => {
    const output = run('2026-07-13T09:00:00+01:00', [
      { type: 's3-admitted', at: '2025-09-01T10:00:00+01:00' },
      { type: 'cto-made', at: '2026-01-12T12:00:00Z' },
      { type: 'renewal-furnished', at: '2026-06-01T10:00:00+01:00' },
    ]);
    assert.equal(output.status.provision, 'cto');
    assertDeadline(output, 'authority-ends', '2027-01-12T00:00:00Z', 's20A(1)-(3)');
    assertDeadline(output, 'tribunal-window-closes', '2027-01-12T00:00:00Z', 's66(2)(f)');
  });

  it('s4 to s3 directly: the s3 runs from its own admission', () => {
    const output = run('2026-04-22T09:00:00+01:00', [{ type: 's4-admitted', at: '2026-04-20T10:00:00+01:00' }, { type: 's3-admitted', at: '2026-04-21T10:00:00+01:00' }]);
    assert.equal(output.status.provision, 's3');
    assertDeadline(output, 'authority-ends', '2026-10-21T00:00:00+01:00');
    assertDeadline(output, 'managers-reference-due', '2026-10-21T00:00:00+01:00');
  });

  it('an s3 admission ends guardianship (s6(4))', () => {
    const output = run('2026-04-22T09:00:00+01:00', [{ type: 'guardianship-accepted', at: '2026-01-15T10:00:00Z' }, { type: 's3-admitted', at: '2026-04-21T10:00:00+01:00' }]);
    assert.equal(output.status.provision, 's3');
    assertDeadline(output, 'authority-ends', '2026-10-21T00:00:00+01:00');
  });
});

describe('community treatment orders, s17A–17G', () => {
  const base = [
    { type: 's3-admitted' as const, at: '2025-09-01T10:00:00+01:00' },
    { type: 'cto-made' as const, at: '2026-01-12T12:00:00Z' },
  ];

  it('6 months beginning with the day made; code of the suspended section; not liable to be detained', () => {
    const output = run('2026-02-01T09:00:00Z', base);
    assert.equal(output.status.provision, 'cto');
    assert.equal(output.status.legalStatusCode, '03');
    assert.equal(output.status.liableToBeDetained, false);
    assertDeadline(output, 'authority-ends', '2026-07-12T00:00:00+01:00', 's20A(1)-(3)');
    assertDeadline(output, 'renewal-window-opens', '2026-05-12T00:00:00+01:00', 's20A(4)');
    assertDeadline(output, 'tribunal-window-closes', '2026-07-12T00:00:00+01:00', 's66(2)(ca)');
    assert.deepEqual(output.entitlements, { imha: true, section117: true, tribunalApplicationNow: true });
  });

  it('recall: still "cto", liable to be detained, 72 elapsed hours from the recall (worked example)', () => {
    const output = run('2026-03-02T09:00:00Z', [...base, { type: 'cto-recalled', at: '2026-03-01T10:00:00Z' }]);
    assert.equal(output.status.provision, 'cto');
    assert.equal(output.status.liableToBeDetained, true);
    assertDeadline(output, 'authority-ends', '2026-07-12T00:00:00+01:00');
    assertDeadline(output, 'recall-72h-ends', '2026-03-04T10:00:00+00:00', 's17F');
  });

  it('recall over the March clock change is 72 elapsed hours', () => {
    const output = run('2026-03-29T09:00:00+01:00', [...base, { type: 'cto-recalled', at: '2026-03-28T12:00:00Z' }]);
    assertDeadline(output, 'recall-72h-ends', '2026-03-31T13:00:00+01:00');
  });

  it('release within the 72 hours: back on the CTO, not liable to be detained, no recall deadline', () => {
    const output = run('2026-03-05T09:00:00Z', [...base, { type: 'cto-recalled', at: '2026-03-01T10:00:00Z' }, { type: 'cto-recall-released', at: '2026-03-02T10:00:00Z' }]);
    assert.equal(output.status.liableToBeDetained, false);
    assertNoDeadline(output, 'recall-72h-ends');
    assert.deepEqual(findingCodes(output), []);
  });

  it('no release or revocation within 72 hours is a finding', () => {
    const output = run('2026-03-05T09:00:00Z', [...base, { type: 'cto-recalled', at: '2026-03-01T10:00:00Z' }]);
    assertFinding(output, 'recall-72-hours-exceeded', 'error', 's17F');
    assert.equal(output.status.liableToBeDetained, false);
  });

  it('a recall release after the 72 hours is a finding', () => {
    const output = run('2026-03-05T09:00:00Z', [...base, { type: 'cto-recalled', at: '2026-03-01T10:00:00Z' }, { type: 'cto-recall-released', at: '2026-03-04T10:00:00Z' }]);
    assertFinding(output, 'recall-release-after-72-hours', 'error');
  });

  it('revocation: back to s3 with periods restarting on the revocation day; s68(7) reference; 6-month window', () => {
    const output = run('2026-03-03T09:00:00Z', [...base, { type: 'cto-recalled', at: '2026-03-01T10:00:00Z' }, { type: 'cto-revoked', at: '2026-03-02T16:00:00Z' }]);
    assert.equal(output.status.provision, 's3');
    assert.equal(output.status.legalStatusCode, '03');
    assert.equal(output.status.liableToBeDetained, true);
    assertDeadline(output, 'authority-ends', '2026-09-02T00:00:00+01:00', 's20(1)-(2)');
    assertDeadline(output, 'renewal-window-opens', '2026-07-02T00:00:00+01:00');
    assertDeadline(output, 'managers-reference-due', '2026-03-02T16:00:00Z', 's68(7)');
    assertDeadline(output, 'tribunal-window-closes', '2026-09-02T00:00:00+01:00', 's66(2)(cb)');
    assertNoDeadline(output, 'recall-72h-ends');
  });

  it('a revocation without a recall is a finding and changes nothing', () => {
    const output = run('2026-03-03T09:00:00Z', [...base, { type: 'cto-revoked', at: '2026-03-02T16:00:00Z' }]);
    assert.equal(output.status.provision, 'cto');
    assertFinding(output, 'revocation-without-recall', 'error', 's17F(4)');
  });

  it('a CTO for a patient not on s3 is a finding; expiry without extension discharges (s20B)', () => {
    const ineligible = run('2026-03-03T09:00:00Z', [{ type: 's2-admitted', at: '2026-03-01T10:00:00Z' }, { type: 'cto-made', at: '2026-03-02T10:00:00Z' }]);
    assert.equal(ineligible.status.provision, 's2');
    assertFinding(ineligible, 'cto-for-ineligible-patient', 'error', 's17A(1)');
    const expired = run('2026-07-13T09:00:00+01:00', base);
    assert.equal(expired.status.provision, 'none');
    assertFinding(expired, 'authority-lapsed', 'warning', 's20B(1)');
    assert.equal(expired.entitlements.section117, true);
  });

  it('a recall for someone not on a CTO is a finding', () => {
    const output = run('2026-03-03T09:00:00Z', [{ type: 's3-admitted', at: '2026-03-01T10:00:00Z' }, { type: 'cto-recalled', at: '2026-03-02T10:00:00Z' }]);
    assertFinding(output, 'recall-without-cto', 'error');
  });
});

describe('discharge', () => {
  it('absolute discharge from s3 gives "none"; s117 after-care continues', () => {
    const output = run('2026-03-10T09:00:00Z', [{ type: 's3-admitted', at: '2026-01-01T10:00:00Z' }, { type: 'discharged', at: '2026-03-01T10:00:00Z', kind: 'absolute', by: 'rc' }]);
    assert.equal(output.status.provision, 'none');
    assert.equal(output.status.legalStatusCode, null);
    assert.equal(output.status.since?.toString(), '2026-03-01T10:00:00Z');
    assert.deepEqual(output.deadlines, []);
    assert.deepEqual(output.entitlements, { imha: false, section117: true, tribunalApplicationNow: false });
  });

  it('conditional discharge of an unrestricted patient is a finding; the detention continues', () => {
    const output = run('2026-03-10T09:00:00Z', [{ type: 's3-admitted', at: '2026-01-01T10:00:00Z' }, { type: 'discharged', at: '2026-03-01T10:00:00Z', kind: 'conditional', by: 'tribunal' }]);
    assert.equal(output.status.provision, 's3');
    assertFinding(output, 'conditional-discharge-unrestricted', 'error', 's42(2)');
  });

  it('an event after discharge that needs a power is a finding', () => {
    const output = run('2026-03-10T09:00:00Z', [
      { type: 's2-admitted', at: '2026-03-01T10:00:00Z' },
      { type: 'discharged', at: '2026-03-02T10:00:00Z', kind: 'absolute', by: 'tribunal' },
      { type: 'awol-began', at: '2026-03-03T10:00:00Z' },
      { type: 'discharged', at: '2026-03-04T10:00:00Z', kind: 'absolute', by: 'rc' },
    ]);
    assertFinding(output, 'awol-without-authority', 'error', 's18(1)');
    assertFinding(output, 'discharge-without-authority', 'error');
  });

  it('the nearest relative cannot discharge from s4', () => {
    const output = run('2026-03-02T09:00:00Z', [{ type: 's4-admitted', at: '2026-03-01T10:00:00Z' }, { type: 'discharged', at: '2026-03-01T20:00:00Z', kind: 'absolute', by: 'nr' }]);
    assert.equal(output.status.provision, 's4');
    assertFinding(output, 'nr-discharge-not-available', 'error', 's23(2)');
  });
});

describe('informal admission', () => {
  it('informal status has code 01, no deadlines, no entitlements', () => {
    const output = run('2026-03-02T09:00:00Z', [{ type: 'informal-admission', at: '2026-03-01T10:00:00Z' }]);
    assert.equal(output.status.provision, 'informal');
    assert.equal(output.status.legalStatusCode, '01');
    assert.deepEqual(output.deadlines, []);
    assert.deepEqual(output.entitlements, { imha: false, section117: false, tribunalApplicationNow: false });
  });

  it('informal admission ends a place-of-safety detention or a holding power; for a detained patient it is a finding', () => {
    const fromPlaceOfSafety = run('2026-03-02T09:00:00Z', [{ type: 'place-of-safety-arrival', at: '2026-03-01T10:00:00Z', power: 's136' }, { type: 'informal-admission', at: '2026-03-01T20:00:00Z' }]);
    assert.equal(fromPlaceOfSafety.status.provision, 'informal');
    assert.deepEqual(fromPlaceOfSafety.deadlines, []);
    assertFinding(fromPlaceOfSafety, 'holding-power-ended-by-informal-admission', 'info', 's136(2)');
    const detained = run('2026-03-02T09:00:00Z', [{ type: 's2-admitted', at: '2026-03-01T10:00:00Z' }, { type: 'informal-admission', at: '2026-03-01T20:00:00Z' }]);
    assert.equal(detained.status.provision, 's2');
    assertFinding(detained, 'informal-admission-while-detained', 'error');
  });

  it('no events: "none", nothing due', () => {
    const output = run('2026-03-02T09:00:00Z', []);
    assert.equal(output.status.provision, 'none');
    assert.equal(output.status.since, null);
    assert.deepEqual(output.findings, []);
  });
});
