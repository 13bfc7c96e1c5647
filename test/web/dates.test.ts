import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatDateTime, formatDate, formatTime } from '../../src/web/core/dates.ts';
import { relativeDue } from '../../src/web/deadlines/relative-time.ts';

// Dates are read on the London calendar without building a zoned date-time for each, for speed in long
// lists; this holds them to what Temporal's own time zone rules say, clock changes included.
function byTemporal(instant: Temporal.Instant): string {
  const zoned = instant.toZonedDateTimeISO('Europe/London');
  return `${formatDate(zoned.toPlainDate())} at ${formatTime(zoned.toPlainTime())}`;
}

const instants = fc
  .integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) })
  .map((milliseconds) => Temporal.Instant.fromEpochMilliseconds(milliseconds));

describe('London dates and times on pages', () => {
  it('formats any instant as Temporal reads it in Europe/London', () => {
    fc.assert(fc.property(instants, (instant) => formatDateTime(instant) === byTemporal(instant)), { numRuns: 5000 });
  });

  it('is exact either side of the clock changes', () => {
    for (const text of ['2026-03-29T00:59:59Z', '2026-03-29T01:00:00Z', '2026-10-25T00:59:59Z', '2026-10-25T01:00:00Z', '2026-10-24T23:00:00Z']) {
      const instant = Temporal.Instant.from(text);
      assert.equal(formatDateTime(instant), byTemporal(instant), text);
    }
    assert.equal(formatDateTime('2026-03-29T01:00:00Z'), '29 March 2026 at 2:00am');
    assert.equal(formatDateTime('2026-10-25T00:30:00Z'), '25 October 2026 at 1:30am');
    assert.equal(formatDateTime('2026-10-25T01:30:00Z'), '25 October 2026 at 1:30am');
  });

  it('counts days to a deadline on the London calendar', () => {
    const now = Temporal.Instant.from('2026-03-28T23:30:00Z');
    assert.equal(relativeDue(Temporal.Instant.from('2026-03-30T08:00:00Z'), now), 'in 2 days');
    assert.equal(relativeDue(Temporal.Instant.from('2026-03-29T08:00:00Z'), now), 'in 8 hours');
    assert.equal(relativeDue(Temporal.Instant.from('2026-03-26T08:00:00Z'), now), 'overdue by 2 days');
    assert.equal(relativeDue(Temporal.Instant.from('2026-03-28T23:10:00Z'), now), 'overdue by less than an hour');
  });
});
