import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EvaluateOutput } from '../../../src/domain/law/contract.ts';
import { assertFinding, findingCodes, run } from './law-test-support.ts';

// s25(1)(b): after a barring report the nearest relative may not order discharge for 6 months beginning
// with the date of the report (3 months once MHA 2025 s26 is in force).

// Admitted 3 February 2026, renewed on 20 June: detained to the start of 3 February 2027.
const s3 = { type: 's3-admitted' as const, at: '2026-02-03T11:00:00Z' };
const renewed = { type: 'renewal-furnished' as const, at: '2026-06-20T10:00:00+01:00' };
const notice = { type: 'nr-discharge-notice' as const, at: '2026-03-01T10:00:00Z' };
const report = { type: 'barring-report-furnished' as const, at: '2026-03-03T10:00:00Z' };
const barred = [s3, notice, report, renewed];

function nearestRelativeDischarge(at: string) {
  return { type: 'discharged' as const, at, kind: 'absolute', by: 'nr' };
}

function barredFinding(output: EvaluateOutput) {
  return output.findings.find((finding) => finding.code === 'nr-discharge-barred');
}

describe('the nearest relative barred after a barring report, s25(1)(b)', () => {
  it('a discharge on the last day of the 6 months is barred; one just after them takes effect, across the clock change', () => {
    // 6 months beginning with 3 March 2026 end at the start of 3 September (BST), 23:00 UTC on 2 September.
    const lastDay = run('2026-09-03T09:00:00+01:00', [...barred, nearestRelativeDischarge('2026-09-02T22:30:00Z')]);
    assert.equal(lastDay.status.provision, 's3');
    assert.equal(barredFinding(lastDay)?.provision, 's25(1)(b)');
    assert.equal(barredFinding(lastDay)?.severity, 'error');
    const after = run('2026-09-03T09:00:00+01:00', [...barred, nearestRelativeDischarge('2026-09-02T23:30:00Z')]);
    assert.equal(after.status.provision, 'none');
    assert.ok(!findingCodes(after).includes('nr-discharge-barred'));
    // The notice given before the report does not count: a fresh notice is needed (s25(1)).
    assertFinding(after, 'nr-discharge-before-notice-period', 'warning', 's25(1)');
  });

  it('a fresh notice does not lift the bar, but counts for a discharge after the 6 months', () => {
    const freshNotice = { type: 'nr-discharge-notice' as const, at: '2026-07-01T10:00:00+01:00' };
    const during = run('2026-07-10T09:00:00+01:00', [...barred, freshNotice, nearestRelativeDischarge('2026-07-05T10:00:00+01:00')]);
    assert.equal(during.status.provision, 's3');
    assertFinding(during, 'nr-discharge-barred', 'error', 's25(1)(b)');
    const after = run('2026-09-04T09:00:00+01:00', [...barred, freshNotice, nearestRelativeDischarge('2026-09-03T10:00:00+01:00')]);
    assert.equal(after.status.provision, 'none');
    assert.ok(!findingCodes(after).includes('nr-discharge-barred'));
    assert.ok(!findingCodes(after).includes('nr-discharge-before-notice-period'));
  });

  it('a fresh notice after the 6 months may itself be barred, for 6 months from the new report', () => {
    const output = run('2026-12-02T09:00:00Z', [
      ...barred,
      { type: 'nr-discharge-notice', at: '2026-09-10T10:00:00+01:00' },
      { type: 'barring-report-furnished', at: '2026-09-12T10:00:00+01:00' },
      // 6 months beginning with 12 September 2026 run to the start of 12 March 2027.
      nearestRelativeDischarge('2026-12-01T10:00:00Z'),
    ]);
    assert.equal(output.status.provision, 's3');
    assertFinding(output, 'nr-discharge-barred', 'error', 's25(1)(b)');
  });

  it('from a report on 31 August the 6 months run to the end of February', () => {
    const events = [
      s3,
      renewed,
      { type: 'nr-discharge-notice' as const, at: '2026-08-29T10:00:00+01:00' },
      { type: 'barring-report-furnished' as const, at: '2026-08-31T10:00:00+01:00' },
      // Renewed again: detained to the start of 3 February 2028.
      { type: 'renewal-furnished' as const, at: '2027-01-05T10:00:00Z' },
      { type: 'nr-discharge-notice' as const, at: '2027-02-20T10:00:00Z' },
    ];
    // No 31 February 2027: the months end at the start of 1 March.
    const lastDay = run('2027-03-02T09:00:00Z', [...events, nearestRelativeDischarge('2027-02-28T23:30:00Z')]);
    assert.equal(lastDay.status.provision, 's3');
    assertFinding(lastDay, 'nr-discharge-barred', 'error', 's25(1)(b)');
    const firstDayAfter = run('2027-03-02T09:00:00Z', [...events, nearestRelativeDischarge('2027-03-01T00:00:00Z')]);
    assert.equal(firstDayAfter.status.provision, 'none');
    assert.ok(!findingCodes(firstDayAfter).includes('nr-discharge-barred'));
  });

  it('once MHA 2025 s26 is in force on the day of the report, 3 months', () => {
    const commencements = { 'mha2025.s26': '2026-01-01' };
    // 3 months beginning with 3 March 2026 end at the start of 3 June (BST), 23:00 UTC on 2 June.
    const lastDay = run('2026-06-03T09:00:00+01:00', [...barred, nearestRelativeDischarge('2026-06-02T22:30:00Z')], { commencements });
    assert.equal(lastDay.status.provision, 's3');
    assert.equal(barredFinding(lastDay)?.provision, 's25(1)(b) as amended by MHA 2025 s26');
    const freshNotice = { type: 'nr-discharge-notice' as const, at: '2026-05-20T10:00:00+01:00' };
    const atTheEnd = run('2026-06-03T09:00:00+01:00', [...barred, freshNotice, nearestRelativeDischarge('2026-06-03T00:00:00+01:00')], { commencements });
    assert.equal(atTheEnd.status.provision, 'none');
    assert.ok(!findingCodes(atTheEnd).includes('nr-discharge-barred'));
  });

  it('a report before MHA 2025 s26 comes into force keeps the 6 months', () => {
    const output = run('2026-07-02T09:00:00+01:00', [...barred, nearestRelativeDischarge('2026-07-01T10:00:00+01:00')], { commencements: { 'mha2025.s26': '2026-03-04' } });
    assert.equal(output.status.provision, 's3');
    assert.equal(barredFinding(output)?.provision, 's25(1)(b)');
  });
});
