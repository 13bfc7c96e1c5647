import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  clearDaysBetween,
  dayAfterMonthsBeginningWith,
  daysBeginningWith,
  daysEndingWith,
  hoursFrom,
  lastDayBefore,
  londonDay,
  monthsBeginningWith,
  monthsEndingWith,
} from './temporal-time.ts';

const day = (text: string) => Temporal.PlainDate.from(text);
const at = (text: string) => Temporal.Instant.from(text);
const same = (actual: Temporal.Instant, expected: string) => assert.equal(actual.epochMilliseconds, at(expected).epochMilliseconds, `${actual.toZonedDateTimeISO('Europe/London').toString()} is not ${expected}`);

describe('T1: days beginning with a day', () => {
  it('s2(4): 28 days beginning with 4 October end at the start of 1 November (GMT after the clock change)', () => {
    same(daysBeginningWith(day('2026-10-04'), 28), '2026-11-01T00:00:00+00:00');
  });
  it('28 days beginning with 20 April end at the start of 18 May, in British Summer Time', () => {
    same(daysBeginningWith(day('2026-04-20'), 28), '2026-05-18T00:00:00+01:00');
  });
  it('14 days across the March clock change end at a BST midnight', () => {
    same(daysBeginningWith(day('2026-03-20'), 14), '2026-04-03T00:00:00+01:00');
  });
  it('a period of one day ends at the start of the next day, even on the day the clocks go forward', () => {
    same(daysBeginningWith(day('2026-03-29'), 1), '2026-03-30T00:00:00+01:00');
    same(daysBeginningWith(day('2026-03-28'), 1), '2026-03-29T00:00:00+00:00');
  });
  it('counts 29 February in a leap year', () => {
    same(daysBeginningWith(day('2028-02-20'), 28), '2028-03-19T00:00:00+00:00');
    same(daysBeginningWith(day('2027-02-20'), 28), '2027-03-20T00:00:00+00:00');
  });
});

describe('T2: months beginning with a day', () => {
  it('s20(1): 6 months beginning with 3 February end at the start of 3 August', () => {
    same(monthsBeginningWith(day('2026-02-03'), 6), '2026-08-03T00:00:00+01:00');
  });
  it('31 August + 6 months: no 31 February, so the period runs to the end of February (ends at the start of 1 March)', () => {
    same(monthsBeginningWith(day('2026-08-31'), 6), '2027-03-01T00:00:00+00:00');
  });
  it('31 August + 6 months in a leap year also ends at the start of 1 March, after 29 February', () => {
    same(monthsBeginningWith(day('2027-08-31'), 6), '2028-03-01T00:00:00+00:00');
  });
  it('29 February + 12 months ends at the start of 1 March the next year', () => {
    same(monthsBeginningWith(day('2028-02-29'), 12), '2029-03-01T00:00:00+00:00');
  });
  it('30 January + 1 month ends at the start of 1 March (no 30 February); 28 January + 1 month at 28 February', () => {
    same(monthsBeginningWith(day('2026-01-30'), 1), '2026-03-01T00:00:00+00:00');
    same(monthsBeginningWith(day('2026-01-28'), 1), '2026-02-28T00:00:00+00:00');
  });
  it('31 March + 6 months: 31 September does not exist, so 1 October', () => {
    assert.equal(dayAfterMonthsBeginningWith(day('2026-03-31'), 6).toString(), '2026-10-01');
  });
  it('a month end in the same-numbered month: 31 January + 12 months is 31 January', () => {
    assert.equal(dayAfterMonthsBeginningWith(day('2026-01-31'), 12).toString(), '2027-01-31');
  });
  it('successive periods chain without gap or overlap (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 33_000 }), fc.array(fc.constantFrom(3, 6, 12), { minLength: 1, maxLength: 6 }), (offset, lengths) => {
      let periodStart = day('2000-01-01').add({ days: offset });
      for (const months of lengths) {
        const end = monthsBeginningWith(periodStart, months);
        // The end is a London midnight and the next period begins with that day.
        assert.equal(end.toZonedDateTimeISO('Europe/London').toPlainTime().toString(), '00:00:00');
        const next = londonDay(end);
        assert.ok(Temporal.PlainDate.compare(next, periodStart) > 0);
        // Never shorter than months-1 nor longer than months+1 month of days.
        const days = periodStart.until(next, { largestUnit: 'days' }).days;
        assert.ok(days >= months * 28 && days <= months * 31 + 1, `${months} months from ${periodStart.toString()} gave ${days} days`);
        periodStart = next;
      }
    }));
  });
});

describe('T4: periods ending with a day', () => {
  it('s20(3): two months ending with 2 August open at the start of 3 June', () => {
    same(monthsEndingWith(day('2026-08-02'), 2), '2026-06-03T00:00:00+01:00');
  });
  it('two months ending with 29 April open on 1 March (no 30 February), so no early examination is accepted', () => {
    same(monthsEndingWith(day('2027-04-29'), 2), '2027-03-01T00:00:00+00:00');
  });
  it('two months ending with 28 February open on 1 January (counted back from 1 March, not from a month end)', () => {
    same(monthsEndingWith(day('2027-02-28'), 2), '2027-01-01T00:00:00+00:00');
  });
  it('a window ending with a day is the mirror of the period beginning with its first day (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 20000 }), fc.constantFrom(1, 2, 6), (offset, months) => {
      const last = day('2000-01-01').add({ days: offset });
      const opens = londonDay(monthsEndingWith(last, months));
      // The window starting on that day never runs past the last day.
      assert.ok(Temporal.PlainDate.compare(lastDayBefore(monthsBeginningWith(opens, months)), last) >= 0);
      assert.ok(Temporal.PlainDate.compare(opens, last) <= 0);
    }));
  });
  it('s11(5): 14 days ending with 9 May begin on 26 April', () => {
    same(daysEndingWith(day('2026-05-09'), 14), '2026-04-26T00:00:00+01:00');
  });
});

describe('T3: hours are elapsed hours', () => {
  it('72 hours from 21:00 BST on 24 October end at 20:00 GMT on 27 October', () => {
    same(hoursFrom(at('2026-10-24T21:00:00+01:00'), 72), '2026-10-27T20:00:00+00:00');
  });
  it('72 hours from 12:00 GMT on 28 March end at 13:00 BST on 31 March', () => {
    same(hoursFrom(at('2026-03-28T12:00:00Z'), 72), '2026-03-31T13:00:00+01:00');
  });
  it('24 hours across the spring-forward night end an hour later on the wall clock', () => {
    same(hoursFrom(at('2026-03-28T18:00:00+00:00'), 24), '2026-03-29T19:00:00+01:00');
  });
  it('72 hours are always 72 elapsed hours (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 4_000_000_000 }), (seconds) => {
      const start = Temporal.Instant.fromEpochMilliseconds(seconds * 1000);
      assert.equal(start.until(hoursFrom(start, 72)).total({ unit: 'hours' }), 72);
    }));
  });
});

describe('T5: clear days between examinations', () => {
  it('1 May and 8 May have six clear days between them', () => {
    assert.equal(clearDaysBetween(day('2026-05-01'), day('2026-05-08')), 6);
  });
  it('a Sunday examination and the following Saturday have five clear days: the latest lawful pair', () => {
    assert.equal(clearDaysBetween(day('2026-05-03'), day('2026-05-09')), 5);
  });
  it('the same day and consecutive days have none; the order of the days does not matter', () => {
    assert.equal(clearDaysBetween(day('2026-05-03'), day('2026-05-03')), 0);
    assert.equal(clearDaysBetween(day('2026-05-03'), day('2026-05-04')), 0);
    assert.equal(clearDaysBetween(day('2026-05-09'), day('2026-05-03')), 5);
  });
  it('counts 29 February', () => {
    assert.equal(clearDaysBetween(day('2028-02-27'), day('2028-03-02')), 3);
  });
});

describe('London days', () => {
  it('an instant late in the evening UTC falls on the next day in summer', () => {
    assert.equal(londonDay(at('2026-07-01T23:30:00Z')).toString(), '2026-07-02');
    assert.equal(londonDay(at('2026-12-01T23:30:00Z')).toString(), '2026-12-01');
  });
  it('the last day before an exclusive end at midnight is the previous day', () => {
    assert.equal(lastDayBefore(at('2026-08-03T00:00:00+01:00')).toString(), '2026-08-02');
  });
});

describe('London wall-clock time for messages', () => {
  it('shows the London time either side of both clock changes', async () => {
    const { londonWallClock } = await import('./temporal-time.ts');
    assert.equal(londonWallClock(Temporal.Instant.from('2026-03-29T00:59:00Z')), '2026-03-29 00:59');
    assert.equal(londonWallClock(Temporal.Instant.from('2026-03-29T01:00:00Z')), '2026-03-29 02:00');
    assert.equal(londonWallClock(Temporal.Instant.from('2026-10-25T00:59:00Z')), '2026-10-25 01:59');
    assert.equal(londonWallClock(Temporal.Instant.from('2026-10-25T01:00:00Z')), '2026-10-25 01:00');
    assert.equal(londonWallClock(Temporal.Instant.from('2026-06-30T23:30:00Z')), '2026-07-01 00:30');
    // British Standard Time, 1968 to 1971: an hour ahead of UTC all year.
    assert.equal(londonWallClock(Temporal.Instant.from('1969-12-31T23:59:00Z')), '1970-01-01 00:59');
  });
});
