import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertDeadline, assertFinding, assertNoDeadline, findingCodes, run } from './law-test-support.ts';

const s3 = { type: 's3-admitted' as const, at: '2026-02-03T11:00:00Z' };

describe('absence without leave, s18 and s21', () => {
  it('s18(4): retaking until the later of 6 months from the first day of absence and the end of the authority', () => {
    const output = run('2026-03-02T09:00:00Z', [s3, { type: 'awol-began', at: '2026-03-01T22:00:00Z' }]);
    assert.equal(output.status.awol, true);
    assertDeadline(output, 'awol-retaking-ends', '2026-09-01T00:00:00+01:00', 's18(4)');
    assertDeadline(output, 'authority-ends', '2026-08-03T00:00:00+01:00', 's20(1)-(2)');
  });

  it('s18(4): the end of the authority when it is later', () => {
    const output = run('2026-07-02T09:00:00+01:00', [s3, { type: 'renewal-furnished', at: '2026-06-10T10:00:00+01:00' }, { type: 'awol-began', at: '2026-07-01T22:00:00+01:00' }]);
    assertDeadline(output, 'awol-retaking-ends', '2027-02-03T00:00:00+00:00');
  });

  it('s21(1): still absent at expiry, the patient stays liable until the retaking period ends', () => {
    const output = run('2026-08-10T09:00:00+01:00', [s3, { type: 'awol-began', at: '2026-03-01T22:00:00Z' }]);
    assert.equal(output.status.provision, 's3');
    assertDeadline(output, 'authority-ends', '2026-09-01T00:00:00+01:00', 's21(1)');
  });

  it('past the retaking period the authority has lapsed; a later return is a finding', () => {
    const output = run('2026-09-10T09:00:00+01:00', [s3, { type: 'awol-began', at: '2026-03-01T22:00:00Z' }, { type: 'awol-returned', at: '2026-09-05T10:00:00+01:00' }]);
    assert.equal(output.status.provision, 'none');
    assertFinding(output, 'authority-lapsed', 'warning');
    assertFinding(output, 'return-without-absence', 'error');
  });

  it('s21(1): absent in the week ending with the expiry day and returned: liable to the end of the week beginning with the return day', () => {
    const output = run('2026-08-04T09:00:00+01:00', [s3, { type: 'awol-began', at: '2026-07-28T10:00:00+01:00' }, { type: 'awol-returned', at: '2026-08-01T10:00:00+01:00' }]);
    assert.equal(output.status.provision, 's3');
    assert.equal(output.status.awol, false);
    assertDeadline(output, 'authority-ends', '2026-08-08T00:00:00+01:00', 's21(1)');
  });

  it('an absence that ended before the week ending with the expiry day does not extend the authority', () => {
    const output = run('2026-07-04T09:00:00+01:00', [s3, { type: 'awol-began', at: '2026-07-01T10:00:00+01:00' }, { type: 'awol-returned', at: '2026-07-02T10:00:00+01:00' }]);
    assertDeadline(output, 'authority-ends', '2026-08-03T00:00:00+01:00', 's20(1)-(2)');
    assertNoDeadline(output, 'awol-retaking-ends');
  });

  it('s21(1)(b), s21A: returned after expiry but within the retaking period: liable for the week after return, and a renewal then runs from the original expiry', () => {
    const returned = run('2026-08-21T09:00:00+01:00', [s3, { type: 'awol-began', at: '2026-07-01T10:00:00+01:00' }, { type: 'awol-returned', at: '2026-08-20T10:00:00+01:00' }]);
    assert.equal(returned.status.provision, 's3');
    assertDeadline(returned, 'authority-ends', '2026-08-27T00:00:00+01:00', 's21(1)');
    // More than 28 days away: the s21B report is not evaluated, and the engine says so.
    assertFinding(returned, 'not-yet-evaluated', 'warning', 's21B');
    const renewed = run('2026-08-23T09:00:00+01:00', [s3, { type: 'awol-began', at: '2026-07-01T10:00:00+01:00' }, { type: 'awol-returned', at: '2026-08-20T10:00:00+01:00' }, { type: 'renewal-furnished', at: '2026-08-22T10:00:00+01:00' }]);
    assertDeadline(renewed, 'authority-ends', '2027-02-03T00:00:00+00:00', 's20(1)-(2)');
  });

  it('s18(5): an s2 patient cannot be retaken after the 28 days', () => {
    const output = run('2026-04-25T09:00:00+01:00', [{ type: 's2-admitted', at: '2026-04-20T15:10:00+01:00' }, { type: 'awol-began', at: '2026-04-24T10:00:00+01:00' }]);
    assertDeadline(output, 'awol-retaking-ends', '2026-05-18T00:00:00+01:00', 's18(5)');
    const lapsed = run('2026-05-19T09:00:00+01:00', [{ type: 's2-admitted', at: '2026-04-20T15:10:00+01:00' }, { type: 'awol-began', at: '2026-04-24T10:00:00+01:00' }]);
    assert.equal(lapsed.status.provision, 'none');
    assert.equal(lapsed.status.awol, false);
  });

  it('s21(4): a recalled community patient absent at the end of the 72 hours may be held 72 hours from return', () => {
    const output = run('2026-03-06T09:00:00Z', [
      { type: 's3-admitted', at: '2025-09-01T10:00:00+01:00' },
      { type: 'cto-made', at: '2026-01-12T12:00:00Z' },
      { type: 'cto-recalled', at: '2026-03-01T10:00:00Z' },
      { type: 'awol-began', at: '2026-03-01T12:00:00Z' },
      { type: 'awol-returned', at: '2026-03-05T10:00:00Z' },
    ]);
    assertDeadline(output, 'recall-72h-ends', '2026-03-08T10:00:00Z');
    assert.ok(!findingCodes(output).includes('recall-72-hours-exceeded'));
  });

  it('a community patient not under recall cannot be absent without leave', () => {
    const output = run('2026-03-06T09:00:00Z', [
      { type: 's3-admitted', at: '2025-09-01T10:00:00+01:00' },
      { type: 'cto-made', at: '2026-01-12T12:00:00Z' },
      { type: 'awol-began', at: '2026-03-01T12:00:00Z' },
    ]);
    assertFinding(output, 'awol-without-authority', 'error', 's18(1)');
    assert.equal(output.status.awol, false);
  });
});

describe('nearest relative discharge and barring, s25', () => {
  it('a barring report within the 72 hours bars the discharge', () => {
    const output = run('2026-03-10T09:00:00Z', [
      s3,
      { type: 'nr-discharge-notice', at: '2026-03-01T10:00:00Z' },
      { type: 'barring-report-furnished', at: '2026-03-03T10:00:00Z' },
      { type: 'discharged', at: '2026-03-04T11:00:00Z', kind: 'absolute', by: 'nr' },
    ]);
    assert.equal(output.status.provision, 's3');
    assertFinding(output, 'nr-discharge-barred', 'error', 's25(1)(b)');
  });

  it('a barring report after the 72 hours is a finding and does not bar', () => {
    const output = run('2026-03-10T09:00:00Z', [
      s3,
      { type: 'nr-discharge-notice', at: '2026-03-01T10:00:00Z' },
      { type: 'barring-report-furnished', at: '2026-03-04T10:00:00Z' },
      { type: 'discharged', at: '2026-03-04T11:00:00Z', kind: 'absolute', by: 'nr' },
    ]);
    assertFinding(output, 'barring-report-late', 'error', 's25(1)');
    assert.equal(output.status.provision, 'none');
  });

  it('no notice before a barring report, or notice for an s4 patient, is a finding', () => {
    const output = run('2026-03-02T09:00:00Z', [
      { type: 's4-admitted', at: '2026-03-01T10:00:00Z' },
      { type: 'nr-discharge-notice', at: '2026-03-01T12:00:00Z' },
      { type: 'barring-report-furnished', at: '2026-03-01T13:00:00Z' },
    ]);
    assertFinding(output, 'nr-discharge-not-available', 'error', 's23(2)');
    assertFinding(output, 'barring-report-without-notice', 'error');
  });
});
