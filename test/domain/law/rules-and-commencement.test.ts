import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commencementDate, commencementTable, inForceFor } from '../../../src/domain/law/commencement.ts';
import { dayNumber } from '../../../src/domain/law/time.ts';
import { lawRules, measureCount, periodMonths } from '../../../src/domain/law/rules.ts';

describe('the rule table', () => {
  it('every rule has a unique kebab-case id, a provision and a plain statement', () => {
    const ids = lawRules.map((entry) => entry.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const entry of lawRules) {
      assert.match(entry.id, /^[a-z0-9A-Z]+(-[a-z0-9A-Z]+)*$/);
      assert.ok(entry.provision.length > 0, entry.id);
      assert.ok(entry.statement.endsWith('.'), entry.id);
    }
  });

  it('holds the statute\'s numbers', () => {
    assert.equal(measureCount('s2-authority-ends'), 28);
    assert.equal(measureCount('s4-authority-ends'), 72);
    assert.equal(measureCount('s5-4-authority-ends'), 6);
    assert.equal(measureCount('examinations-apart'), 5);
    assert.deepEqual([1, 2, 3, 4, 5].map((period) => periodMonths('s3-periods', period)), [6, 6, 12, 12, 12]);
    assert.deepEqual([1, 2, 3, 4, 5].map((period) => periodMonths('s3-periods-2025', period)), [3, 3, 6, 12, 12]);
    assert.deepEqual([1, 2, 3].map((period) => periodMonths('cto-periods', period)), [6, 6, 12]);
  });
});

describe('the commencement table', () => {
  it('knows the February 2026 tranche and that the s3, tribunal, s58 and nominated-person changes are not commenced', () => {
    assert.equal(commencementDate('mha2025.s32', {})?.toString(), '2026-02-18');
    for (const key of ['mha2025.s29', 'mha2025.s30', 'mha2025.s14', 'mha2025.s24', 'mha2025.s28']) {
      assert.equal(commencementDate(key, {}), null, key);
      assert.match(commencementTable.find((row) => row.key === key)?.source ?? '', /not commenced/);
    }
  });

  it('input overrides win, and a provision applies to what begins on or after the day', () => {
    const overrides = { 'mha2025.s29': Temporal.PlainDate.from('2027-01-01') };
    assert.equal(inForceFor('mha2025.s29', overrides, dayNumber(Temporal.PlainDate.from('2026-12-31'))), false);
    assert.equal(inForceFor('mha2025.s29', overrides, dayNumber(Temporal.PlainDate.from('2027-01-01'))), true);
    assert.equal(inForceFor('mha2025.s29', {}, dayNumber(Temporal.PlainDate.from('2099-01-01'))), false);
    assert.equal(inForceFor('mha2025.s32', { 'mha2025.s32': Temporal.PlainDate.from('2030-01-01') }, dayNumber(Temporal.PlainDate.from('2027-01-01'))), false);
  });
});
