import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFinding, findingCodes, run } from './law-test-support.ts';

// Histories that are lawful to describe but wrong in law, or worth a note: each gives its finding, with
// its provision, and never an error of input.
describe('findings on histories that are wrong in law', () => {
  it('a hospital admission with no order or direction awaiting it', () => {
    const output = run('2026-03-02T09:00:00Z', [{ type: 'hospital-admitted', at: '2026-03-01T10:00:00Z' }]);
    assertFinding(output, 'admission-without-order', 'error', 's37(4)');
  });

  it('a second absence while already absent (s18(1))', () => {
    const output = run('2026-03-05T09:00:00Z', [
      { type: 's3-admitted', at: '2026-03-01T10:00:00Z' },
      { type: 'awol-began', at: '2026-03-02T10:00:00Z' },
      { type: 'awol-began', at: '2026-03-03T10:00:00Z' },
    ]);
    assertFinding(output, 'awol-already-recorded', 'info', 's18(1)');
    assert.equal(output.status.awol, true);
  });

  it('a conditional discharge of a patient already conditionally discharged', () => {
    const output = run('2026-06-02T09:00:00Z', [
      { type: 'court-order', at: '2026-01-05T10:00:00Z', order: 's37', restricted: true },
      { type: 'hospital-admitted', at: '2026-01-06T10:00:00Z' },
      { type: 'discharged', at: '2026-05-01T10:00:00Z', kind: 'conditional', by: 'tribunal' },
      { type: 'discharged', at: '2026-05-10T10:00:00Z', kind: 'conditional', by: 'sos' },
    ]);
    assertFinding(output, 'conditional-discharge-repeated', 'error', 's42(2)');
    assert.equal(output.status.provision, 'conditionally-discharged');
  });

  it('an informal admission of a community patient leaves the CTO in force', () => {
    const output = run('2026-03-02T09:00:00Z', [
      { type: 's3-admitted', at: '2025-09-01T10:00:00Z' },
      { type: 'cto-made', at: '2026-01-12T12:00:00Z' },
      { type: 'informal-admission', at: '2026-03-01T10:00:00Z' },
    ]);
    assertFinding(output, 'informal-admission-under-power', 'info', 's17A');
    assert.equal(output.status.provision, 'cto');
  });

  it('a second first dose in the same period of liability keeps the first (s58(1)(b))', () => {
    const output = run('2026-03-10T09:00:00Z', [
      { type: 's3-admitted', at: '2026-03-01T10:00:00Z' },
      { type: 'medication-first-administered', at: '2026-03-02T10:00:00Z' },
      { type: 'medication-first-administered', at: '2026-03-05T10:00:00Z' },
    ]);
    assertFinding(output, 'medication-first-dose-already-recorded', 'info', 's58(1)(b)');
    const certificate = output.deadlines.find((deadline) => deadline.kind === 'medication-certificate-required');
    assert.ok(certificate);
    assert.equal(certificate.due.toString(), '2026-06-02T09:00:00Z', 'three months from the first dose, not the second');
  });

  it('a nearest relative’s discharge before the 72 hours’ notice has run (s25(1))', () => {
    const output = run('2026-03-10T09:00:00Z', [
      { type: 's3-admitted', at: '2026-03-01T10:00:00Z' },
      { type: 'nr-discharge-notice', at: '2026-03-05T10:00:00Z' },
      { type: 'discharged', at: '2026-03-06T10:00:00Z', kind: 'absolute', by: 'nr' },
    ]);
    assertFinding(output, 'nr-discharge-before-notice-period', 'warning', 's25(1)');
  });

  it('after a barring report, tells that the nearest relative may apply to the tribunal (s66(2)(d))', () => {
    const output = run('2026-03-10T09:00:00Z', [
      { type: 's3-admitted', at: '2026-03-01T10:00:00Z' },
      { type: 'nr-discharge-notice', at: '2026-03-05T10:00:00Z' },
      { type: 'barring-report-furnished', at: '2026-03-06T10:00:00Z' },
    ]);
    assertFinding(output, 'nr-may-apply-to-tribunal', 'info', 's66(2)(d)');
    const again = run('2026-03-20T09:00:00Z', [
      { type: 's3-admitted', at: '2026-03-01T10:00:00Z' },
      { type: 'nr-discharge-notice', at: '2026-03-05T10:00:00Z' },
      { type: 'barring-report-furnished', at: '2026-03-06T10:00:00Z' },
      { type: 'discharged', at: '2026-03-10T10:00:00Z', kind: 'absolute', by: 'nr' },
    ]);
    assertFinding(again, 'nr-discharge-barred', 'error', 's25(1)(b)');
    assert.equal(again.status.provision, 's3', 'the barred discharge has no effect');
  });

  it('the end of a place of safety with none in force', () => {
    const output = run('2026-03-02T09:00:00Z', [{ type: 'place-of-safety-ended', at: '2026-03-01T10:00:00Z' }]);
    assertFinding(output, 'place-of-safety-end-without-detention', 'warning', 's136');
  });

  it('a second recall while already detained under a recall', () => {
    const output = run('2026-03-02T09:00:00Z', [
      { type: 's3-admitted', at: '2025-09-01T10:00:00+01:00' },
      { type: 'cto-made', at: '2026-01-12T12:00:00Z' },
      { type: 'cto-recalled', at: '2026-03-01T10:00:00Z' },
      { type: 'cto-recalled', at: '2026-03-02T08:00:00Z' },
    ]);
    assertFinding(output, 'recall-while-recalled', 'error', 's17F');
  });

  it('a release from recall for a patient not recalled', () => {
    const output = run('2026-03-02T09:00:00Z', [
      { type: 's3-admitted', at: '2025-09-01T10:00:00+01:00' },
      { type: 'cto-made', at: '2026-01-12T12:00:00Z' },
      { type: 'cto-recall-released', at: '2026-03-01T10:00:00Z' },
    ]);
    assertFinding(output, 'release-without-recall', 'error', 's17F');
  });

  it('a restriction on an order that cannot carry one is ignored, with a warning (s41(1))', () => {
    const output = run('2026-03-02T09:00:00Z', [{ type: 'court-order', at: '2026-03-01T10:00:00Z', order: 's38', restricted: true }]);
    assertFinding(output, 'restriction-not-available', 'warning', 's41(1)');
    assert.equal(output.status.restricted, false);
  });

  it('a revocation after the 72 hours of recall ended', () => {
    const output = run('2026-03-06T09:00:00Z', [
      { type: 's3-admitted', at: '2025-09-01T10:00:00+01:00' },
      { type: 'cto-made', at: '2026-01-12T12:00:00Z' },
      { type: 'cto-recalled', at: '2026-03-01T10:00:00Z' },
      { type: 'cto-revoked', at: '2026-03-05T10:00:00Z' },
    ]);
    assertFinding(output, 'revocation-after-72-hours', 'error', 's17F(4)');
    assert.ok(findingCodes(output).includes('recall-72-hours-exceeded'));
  });

  it('a withdrawal with no application to withdraw (s77(2))', () => {
    const output = run('2026-03-10T09:00:00Z', [
      { type: 's3-admitted', at: '2026-03-01T10:00:00Z' },
      { type: 'tribunal-application-withdrawn', at: '2026-03-05T10:00:00Z' },
    ]);
    assertFinding(output, 'withdrawal-without-application', 'warning', 's77(2)');
  });
});
