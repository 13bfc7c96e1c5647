import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { dayNumber, instantOf, momentOf, plainDateOf } from '../../../src/domain/law/time.ts';
import {
  clearDaysBetween,
  compareInstants,
  dayAfterMonthsBeginningWith,
  daysBeginningWith,
  daysEndingWith,
  earlierOf,
  hoursFrom,
  isBefore,
  isOnOrBefore,
  lastDayBefore,
  laterOf,
  londonDay,
  londonWallClock,
  monthsBeginningWith,
  monthsEndingWith,
  monthsFromTo,
  startOfLondonDay,
} from './temporal-time.ts';

// The engine counts days and months on day numbers and epoch milliseconds, with caches, because Temporal's
// own arithmetic made evaluation several times slower. These properties hold the fast functions to the plain
// Temporal reading of each rule, written out below as the engine first had it, so that no answer changed.

const london = 'Europe/London';

const reference = {
  londonDay: (instant: Temporal.Instant) => instant.toZonedDateTimeISO(london).toPlainDate(),
  startOfLondonDay: (day: Temporal.PlainDate) => day.toZonedDateTime({ timeZone: london }).toInstant(),
  daysBeginningWith: (day: Temporal.PlainDate, days: number) => reference.startOfLondonDay(day.add({ days })),
  dayAfterMonthsBeginningWith: (day: Temporal.PlainDate, months: number) => {
    const sameNumbered = day.add({ months }, { overflow: 'constrain' });
    return sameNumbered.day === day.day ? sameNumbered : sameNumbered.add({ days: 1 });
  },
  monthsBeginningWith: (day: Temporal.PlainDate, months: number) => reference.startOfLondonDay(reference.dayAfterMonthsBeginningWith(day, months)),
  monthsEndingWith: (lastDay: Temporal.PlainDate, months: number) => {
    const dayAfter = lastDay.add({ days: 1 });
    const candidate = dayAfter.subtract({ months }, { overflow: 'constrain' });
    return reference.startOfLondonDay(candidate.day === dayAfter.day ? candidate : candidate.add({ days: 1 }));
  },
  daysEndingWith: (lastDay: Temporal.PlainDate, days: number) => reference.startOfLondonDay(lastDay.subtract({ days: days - 1 })),
  hoursFrom: (instant: Temporal.Instant, hours: number) => instant.add({ hours }),
  lastDayBefore: (end: Temporal.Instant) => reference.londonDay(end.subtract({ nanoseconds: 1 })),
  londonWallClock: (instant: Temporal.Instant) => {
    const zoned = instant.toZonedDateTimeISO(london);
    return `${zoned.toPlainDate().toString()} ${String(zoned.hour).padStart(2, '0')}:${String(zoned.minute).padStart(2, '0')}`;
  },
  clearDaysBetween: (first: Temporal.PlainDate, second: Temporal.PlainDate) => {
    const [earlier, later] = Temporal.PlainDate.compare(first, second) <= 0 ? [first, second] : [second, first];
    return Math.max(0, earlier.until(later, { largestUnit: 'days' }).days - 1);
  },
};

// Days and instants from 1950 to 2150, so that the tests cross many British clock changes, leap years and
// century years; hours close to midnight and to the 01:00 UTC clock changes are drawn more often.
const firstDay = Temporal.PlainDate.from('1950-01-01');
const dayCount = firstDay.until(Temporal.PlainDate.from('2150-12-31'), { largestUnit: 'days' }).days;
const days = fc.integer({ min: 0, max: dayCount }).map((offset) => firstDay.add({ days: offset }));
const monthEnds = fc.tuple(fc.integer({ min: 1950, max: 2150 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 3 }))
  .map(([year, month, back]) => Temporal.PlainDate.from({ year, month, day: 31 }, { overflow: 'constrain' }).subtract({ days: back }));
const anyDay = fc.oneof(days, monthEnds);
const firstInstant = Temporal.Instant.from('1950-01-01T00:00:00Z').epochNanoseconds;
const lastInstant = Temporal.Instant.from('2150-12-31T00:00:00Z').epochNanoseconds;
const instants = fc.oneof(
  fc.bigInt({ min: firstInstant, max: lastInstant }).map((nanoseconds) => Temporal.Instant.fromEpochNanoseconds(nanoseconds)),
  // Whole hours and their neighbours (a clock change, a London midnight, a millisecond either side).
  fc.tuple(days, fc.integer({ min: -2, max: 2 }), fc.constantFrom(0n, 1n, -1n, 1_000_000n, -1_000_000n, 999_999n))
    .map(([day, hour, nudge]) => Temporal.Instant.fromEpochNanoseconds(reference.startOfLondonDay(day).add({ hours: hour }).epochNanoseconds + nudge)),
);

const sameInstant = (actual: Temporal.Instant, expected: Temporal.Instant) => assert.equal(actual.epochNanoseconds, expected.epochNanoseconds, `${actual.toString()} is not ${expected.toString()}`);
const sameDay = (actual: Temporal.PlainDate, expected: Temporal.PlainDate) => assert.equal(actual.toString(), expected.toString());
const runs = { numRuns: 3000 };

describe('the fast time functions give the same answers as Temporal arithmetic', () => {
  it('London days, their first instants and wall-clock times', () => {
    fc.assert(fc.property(instants, anyDay, (instant, day) => {
      sameDay(londonDay(instant), reference.londonDay(instant));
      sameInstant(startOfLondonDay(day), reference.startOfLondonDay(day));
      sameDay(lastDayBefore(instant), reference.lastDayBefore(instant));
      assert.equal(londonWallClock(instant), reference.londonWallClock(instant));
    }), runs);
  });

  it('days and months beginning with a day, and periods ending with one', () => {
    fc.assert(fc.property(anyDay, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 40 }), (day, months, count) => {
      sameDay(dayAfterMonthsBeginningWith(day, months), reference.dayAfterMonthsBeginningWith(day, months));
      sameInstant(monthsBeginningWith(day, months), reference.monthsBeginningWith(day, months));
      sameInstant(monthsEndingWith(day, months), reference.monthsEndingWith(day, months));
      sameInstant(daysBeginningWith(day, count), reference.daysBeginningWith(day, count));
      sameInstant(daysEndingWith(day, count), reference.daysEndingWith(day, count));
    }), runs);
  });

  it('elapsed hours, and comparisons of instants to the nanosecond', () => {
    const nearby = fc.tuple(instants, fc.constantFrom(0n, 1n, -1n, 999_999n, 1_000_000n, -1_000_000n, 3_600_000_000_000n));
    fc.assert(fc.property(nearby, fc.integer({ min: 0, max: 200 }), ([instant, nudge], hours) => {
      const other = Temporal.Instant.fromEpochNanoseconds(instant.epochNanoseconds + nudge);
      sameInstant(hoursFrom(instant, hours), reference.hoursFrom(instant, hours));
      for (const [a, b] of [[instant, other], [other, instant], [instant, instant]] as const) {
        const expected = Temporal.Instant.compare(a, b);
        assert.equal(compareInstants(a, b), expected);
        assert.equal(isBefore(a, b), expected < 0);
        assert.equal(isOnOrBefore(a, b), expected <= 0);
        assert.equal(laterOf(a, b), expected >= 0 ? a : b);
        assert.equal(earlierOf(a, b), expected <= 0 ? a : b);
      }
    }), runs);
  });

  it('days and months between two days', () => {
    fc.assert(fc.property(anyDay, anyDay, (first, second) => {
      assert.equal(dayNumber(second) - dayNumber(first), first.until(second, { largestUnit: 'days' }).days);
      assert.equal(monthsFromTo(first, second), Math.max(0, first.until(second, { largestUnit: 'months' }).months));
      assert.equal(clearDaysBetween(first, second), reference.clearDaysBetween(first, second));
    }), runs);
  });

  it('reading Temporal values in and writing them out again loses nothing', () => {
    fc.assert(fc.property(instants, anyDay, (instant, day) => {
      sameInstant(instantOf(momentOf(instant)), instant);
      sameDay(plainDateOf(dayNumber(day)), day);
    }), runs);
  });
});
