import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkForm, formatDay, lawEventFromForm, parseFormDate, parseFormDateTime, toLondonOffsetDateTime } from '../../../src/domain/documents/forms.ts';
import { definition, filledValues, fullyApprovedSigners } from './form-test-support.ts';

function offsetOf(value: string): string {
  const parsed = parseFormDateTime(value);
  assert.ok(parsed.ok, `${value} should parse`);
  return toLondonOffsetDateTime(parsed.moment.instant);
}

describe('dates and times posted by a form, read as London local time', () => {
  it('reads a date as that London day, starting at midnight with the offset then in force', () => {
    const winter = parseFormDate('2026-01-15');
    const summer = parseFormDate('2026-07-15');
    assert.ok(winter.ok && summer.ok);
    assert.equal(toLondonOffsetDateTime(winter.moment.instant), '2026-01-15T00:00:00+00:00');
    assert.equal(toLondonOffsetDateTime(summer.moment.instant), '2026-07-15T00:00:00+01:00');
    assert.equal(summer.moment.hasTime, false);
  });

  it('converts local times on either side of the spring clock change to the right offset', () => {
    assert.equal(offsetOf('2026-03-29T00:30'), '2026-03-29T00:30:00+00:00');
    assert.equal(offsetOf('2026-03-29T02:00'), '2026-03-29T02:00:00+01:00');
    // An hour of wall-clock time across the change is no time at all: 00:59 GMT is followed by 02:00 BST.
    const before = parseFormDateTime('2026-03-29T00:59');
    const after = parseFormDateTime('2026-03-29T02:00');
    assert.ok(before.ok && after.ok);
    assert.equal(before.moment.instant.until(after.moment.instant).total('minutes'), 1);
  });

  it('rejects a local time in the spring-forward gap, which never happened in London', () => {
    for (const value of ['2026-03-29T01:00', '2026-03-29T01:30', '2026-03-29T01:59', '2027-03-28T01:15']) {
      const parsed = parseFormDateTime(value);
      assert.ok(!parsed.ok, `${value} should be rejected`);
      assert.match(parsed.message, /did not exist in London: the clocks went forward/);
    }
  });

  it('reads an ambiguous autumn time as the earlier one, still on summer time', () => {
    assert.equal(offsetOf('2026-10-25T01:30'), '2026-10-25T01:30:00+01:00');
    assert.equal(offsetOf('2026-10-25T00:59'), '2026-10-25T00:59:00+01:00');
    assert.equal(offsetOf('2026-10-25T02:00'), '2026-10-25T02:00:00+00:00');
    const early = parseFormDateTime('2026-10-25T01:30');
    const later = parseFormDateTime('2026-10-25T02:00');
    assert.ok(early.ok && later.ok);
    assert.equal(early.moment.instant.until(later.moment.instant).total('minutes'), 90);
  });

  it('accepts seconds, and rejects other shapes and impossible dates', () => {
    assert.equal(offsetOf('2026-05-01T09:15:30'), '2026-05-01T09:15:30+01:00');
    for (const value of ['2026-5-1', '01/05/2026', '2026-05-01T09:15Z', '2026-05-01 09:15', '2026-05-01T09:15+01:00', 'soon']) {
      assert.ok(!parseFormDateTime(value).ok, value);
    }
    assert.ok(!parseFormDate('2026-02-30').ok);
    assert.ok(!parseFormDate('2026-02-29').ok);
    assert.ok(parseFormDate('2028-02-29').ok);
    assert.ok(!parseFormDateTime('2026-05-01T24:00').ok);
    assert.ok(!parseFormDate('2026-05-01T10:00').ok);
  });

  it('writes days as people do', () => {
    assert.equal(formatDay(Temporal.PlainDate.from('2026-03-03')), '3 March 2026');
    assert.equal(formatDay(Temporal.PlainDate.from('2026-12-25')), '25 December 2026');
  });

  it('reports a time in the gap as a problem with the field, when checking a form', () => {
    const form = definition('H2');
    const values = { ...filledValues(form), recordedAt: '2026-03-29T01:30' };
    const problems = checkForm(form, values, fullyApprovedSigners(form), Temporal.Instant.from('2026-04-01T00:00:00Z'));
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.field, 'recordedAt');
    assert.equal(problems[0]?.provision, null);
    assert.match(problems[0]?.message ?? '', /^When you made this record: this time did not exist in London/);
  });

  it('counts hours as elapsed hours across a clock change (72 hours after s4 admission)', () => {
    const form = definition('H3');
    const base = { ...filledValues(form), section: 's4', admittedAt: '2026-10-24T12:00', recordedAt: '2026-10-24T12:30', secondRecordedAt: '2026-10-28T10:00' };
    const checkedAt = Temporal.Instant.from('2026-11-01T00:00:00Z');
    // 24 Oct 12:00 BST is 11:00 UTC; 72 elapsed hours later is 27 Oct 11:00 UTC, which is 11:00 GMT.
    assert.deepEqual(checkForm(form, { ...base, secondRecommendationReceivedAt: '2026-10-27T10:59' }, fullyApprovedSigners(form), checkedAt), []);
    const late = checkForm(form, { ...base, secondRecommendationReceivedAt: '2026-10-27T11:00' }, fullyApprovedSigners(form), checkedAt);
    assert.deepEqual(
      late.map((problem) => problem.provision),
      ['s4(4)'],
    );
    assert.match(late[0]?.message ?? '', /72 hours 0 minutes|72 hours after/);
  });

  it('puts the autumn repeated hour into a law-engine event at its summer-time offset', () => {
    const event = lawEventFromForm(definition('H2'), { ...filledValues(definition('H2')), recordedAt: '2026-10-25T01:15' }, {});
    assert.deepEqual(event, { type: 's5-4-recorded', at: '2026-10-25T01:15:00+01:00' });
  });
});
