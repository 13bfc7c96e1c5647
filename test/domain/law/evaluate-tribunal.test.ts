import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertDeadline, assertFinding, assertNoDeadline, run } from './law-test-support.ts';

describe('tribunal windows, s66 and s77', () => {
  it('s2: an application in the 14 days uses the window; a withdrawn one does not (s77(2))', () => {
    const applied = run('2026-04-25T09:00:00+01:00', [
      { type: 's2-admitted', at: '2026-04-20T15:10:00+01:00' },
      { type: 'tribunal-application', at: '2026-04-22T10:00:00+01:00', applicant: 'patient' },
    ]);
    assert.equal(applied.entitlements.tribunalApplicationNow, false);
    const withdrawn = run('2026-04-25T09:00:00+01:00', [
      { type: 's2-admitted', at: '2026-04-20T15:10:00+01:00' },
      { type: 'tribunal-application', at: '2026-04-22T10:00:00+01:00', applicant: 'patient' },
      { type: 'tribunal-application-withdrawn', at: '2026-04-23T10:00:00+01:00' },
    ]);
    assert.equal(withdrawn.entitlements.tribunalApplicationNow, true);
  });

  it('s3: once in the first period; after applying, the next window opens with the renewal period', () => {
    const output = run('2026-03-01T09:00:00Z', [
      { type: 's3-admitted', at: '2026-02-03T11:00:00Z' },
      { type: 'tribunal-application', at: '2026-02-10T10:00:00Z', applicant: 'patient' },
    ]);
    assert.equal(output.entitlements.tribunalApplicationNow, false);
    assertDeadline(output, 'tribunal-window-opens', '2026-08-03T00:00:00+01:00', 's66(2)(f)');
  });

  it('s3: a second application in the same period is a finding', () => {
    const output = run('2026-03-01T09:00:00Z', [
      { type: 's3-admitted', at: '2026-02-03T11:00:00Z' },
      { type: 'tribunal-application', at: '2026-02-10T10:00:00Z', applicant: 'patient' },
      { type: 'tribunal-application', at: '2026-02-20T10:00:00Z', applicant: 'patient' },
    ]);
    assertFinding(output, 'tribunal-application-already-made', 'warning', 's77(1)');
  });

  it('s3: in a renewal period the window is the whole period (s66(2)(f))', () => {
    const output = run('2026-09-01T09:00:00+01:00', [
      { type: 's3-admitted', at: '2026-02-03T11:00:00Z' },
      { type: 'tribunal-application', at: '2026-02-10T10:00:00Z', applicant: 'patient' },
      { type: 'renewal-furnished', at: '2026-07-20T10:00:00+01:00' },
    ]);
    assert.equal(output.entitlements.tribunalApplicationNow, true);
    assertDeadline(output, 'tribunal-window-closes', '2027-02-03T00:00:00+00:00', 's66(2)(f)');
  });

  it('s68(2): an application in the first six months removes the six-month reference', () => {
    const output = run('2026-03-01T09:00:00Z', [
      { type: 's3-admitted', at: '2026-02-03T11:00:00Z' },
      { type: 'tribunal-application', at: '2026-02-10T10:00:00Z', applicant: 'patient' },
    ]);
    assertNoDeadline(output, 'managers-reference-due');
  });

  it('s68(6): three years after the last hearing, or one year for a patient under 18', () => {
    const adult = run('2026-04-01T09:00:00+01:00', [
      { type: 's3-admitted', at: '2026-02-03T11:00:00Z' },
      { type: 'tribunal-application', at: '2026-02-10T10:00:00Z', applicant: 'patient' },
      { type: 'tribunal-hearing', at: '2026-03-10T10:00:00Z' },
    ], { dateOfBirth: '1990-01-01' });
    assertDeadline(adult, 'managers-reference-due', '2029-03-10T00:00:00+00:00', 's68(6)');
    const child = run('2026-04-01T09:00:00+01:00', [
      { type: 's3-admitted', at: '2026-02-03T11:00:00Z' },
      { type: 'tribunal-application', at: '2026-02-10T10:00:00Z', applicant: 'patient' },
      { type: 'tribunal-hearing', at: '2026-03-10T10:00:00Z' },
    ], { dateOfBirth: '2010-06-01' });
    assertDeadline(child, 'managers-reference-due', '2027-03-10T00:00:00+00:00', 's68(6)');
  });

  it('no window for s5, s135/136 patients (s77(1)); an application is a warning', () => {
    const output = run('2026-06-01T12:00:00+01:00', [
      { type: 'informal-admission', at: '2026-05-20T10:00:00+01:00' },
      { type: 's5-2-report-furnished', at: '2026-06-01T09:15:00+01:00' },
      { type: 'tribunal-application', at: '2026-06-01T10:00:00+01:00', applicant: 'patient' },
    ]);
    assert.equal(output.entitlements.tribunalApplicationNow, false);
    assertFinding(output, 'tribunal-application-outside-window', 'warning');
    assertNoDeadline(output, 'tribunal-window-closes');
  });
});

describe('medication, s58(1)(b)', () => {
  it('a certificate is required 3 months after the first dose for a detained patient', () => {
    const output = run('2026-03-01T09:00:00Z', [
      { type: 's3-admitted', at: '2026-02-03T11:00:00Z' },
      { type: 'medication-first-administered', at: '2026-02-04T20:00:00Z' },
    ]);
    // Calendar months in London: 20:00 GMT on 4 February, 20:00 BST on 4 May.
    assertDeadline(output, 'medication-certificate-required', '2026-05-04T20:00:00+01:00', 's58(1)(b)');
  });

  it('the three months run on across s2 to s3 (one period of liability)', () => {
    const output = run('2026-05-20T09:00:00+01:00', [
      { type: 's2-admitted', at: '2026-04-20T15:10:00+01:00' },
      { type: 'medication-first-administered', at: '2026-04-21T09:00:00+01:00' },
      { type: 's3-admitted', at: '2026-05-15T12:00:00+01:00' },
    ]);
    assertDeadline(output, 'medication-certificate-required', '2026-07-21T09:00:00+01:00');
  });

  it('s56(3): no certificate deadline while Part 4 does not apply (s4 before the second recommendation, s5)', () => {
    const output = run('2026-04-21T09:00:00+01:00', [
      { type: 's4-admitted', at: '2026-04-20T15:10:00+01:00' },
      { type: 'medication-first-administered', at: '2026-04-20T16:00:00+01:00' },
    ]);
    assertNoDeadline(output, 'medication-certificate-required');
  });

  it('a dose while informal is outside s58', () => {
    const output = run('2026-04-21T09:00:00+01:00', [
      { type: 'informal-admission', at: '2026-04-20T15:10:00+01:00' },
      { type: 'medication-first-administered', at: '2026-04-20T16:00:00+01:00' },
    ]);
    assertNoDeadline(output, 'medication-certificate-required');
    assertFinding(output, 'medication-outside-detention', 'info');
  });
});

describe('commencement of the Mental Health Act 2025', () => {
  it('not in force by default: s3 is 6 months, s2 window 14 days, medication 3 months', () => {
    const output = run('2027-02-10T09:00:00Z', [
      { type: 's3-admitted', at: '2027-02-03T11:00:00Z' },
      { type: 'medication-first-administered', at: '2027-02-04T11:00:00Z' },
    ]);
    assertDeadline(output, 'authority-ends', '2027-08-03T00:00:00+01:00', 's20(1)-(2)');
    assertDeadline(output, 'medication-certificate-required', '2027-05-04T11:00:00+01:00');
  });

  it('mha2025.s29 in force for admissions on or after its date: 3, 3, 6 then 12 months', () => {
    const commencements = { 'mha2025.s29': '2027-01-01' };
    const first = run('2027-02-10T09:00:00Z', [{ type: 's3-admitted', at: '2027-02-03T11:00:00Z' }], { commencements });
    assertDeadline(first, 'authority-ends', '2027-05-03T00:00:00+01:00');
    assertDeadline(first, 'renewal-window-opens', '2027-03-03T00:00:00+00:00');
    const renewed = run('2027-09-10T09:00:00+01:00', [
      { type: 's3-admitted', at: '2027-02-03T11:00:00Z' },
      { type: 'renewal-furnished', at: '2027-04-20T10:00:00+01:00' },
      { type: 'renewal-furnished', at: '2027-07-20T10:00:00+01:00' },
    ], { commencements });
    assertDeadline(renewed, 'authority-ends', '2028-02-03T00:00:00+00:00');
    const before = run('2027-02-10T09:00:00Z', [{ type: 's3-admitted', at: '2026-12-31T11:00:00Z' }], { commencements });
    // Admitted before commencement: 6 months; 31 December + 6 months has no 31 June, so 1 July (T2).
    assertDeadline(before, 'authority-ends', '2027-07-01T00:00:00+01:00');
  });

  it('mha2025.s30 and s14 in force: s2 window 21 days; s3 first window 3 months; medication 2 months', () => {
    const commencements = { 'mha2025.s30': '2027-01-01', 'mha2025.s14': '2027-01-01' };
    const s2 = run('2027-02-04T09:00:00Z', [{ type: 's2-admitted', at: '2027-02-03T11:00:00Z' }], { commencements });
    assertDeadline(s2, 'tribunal-window-closes', '2027-02-24T00:00:00+00:00');
    const s3 = run('2027-02-10T09:00:00Z', [
      { type: 's3-admitted', at: '2027-02-03T11:00:00Z' },
      { type: 'medication-first-administered', at: '2027-02-04T11:00:00Z' },
    ], { commencements });
    assertDeadline(s3, 'tribunal-window-closes', '2027-05-03T00:00:00+01:00');
    assertDeadline(s3, 'authority-ends', '2027-08-03T00:00:00+01:00');
    assertDeadline(s3, 'medication-certificate-required', '2027-04-04T11:00:00+01:00');
  });

  it('a commenced provision the engine does not implement is said, not silently ignored', () => {
    const output = run('2027-02-10T09:00:00Z', [{ type: 's3-admitted', at: '2027-02-03T11:00:00Z' }], { commencements: { 'mha2025.s31': '2027-01-01' } });
    assertFinding(output, 'not-yet-evaluated', 'warning', 's68');
  });
});
