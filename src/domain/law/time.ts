// The statute's ways of counting time (shared reference, T1–T5 and T8). Days and months are counted in
// Europe/London; hours are elapsed hours. Every function returns or takes Temporal values and never reads
// a clock. Ends of periods are exclusive: the first instant at which the period no longer runs.

export const londonTimeZone = 'Europe/London';

// Looking a time up in the time zone database is the costliest step of an evaluation, and a history asks
// about the same few days and hours again and again. These caches hold answers that never change (an
// instant's London offset, a day's first instant), so the functions stay pure.
const millisecondsPerHour = 3_600_000;
const millisecondsPerDay = 86_400_000;
const cacheLimit = 100_000;
const offsetByUtcHour = new Map<number, number>();
const dayByLocalDayNumber = new Map<number, Temporal.PlainDate>();
const startByDay = new Map<number, Temporal.Instant>();

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(key, value);
  return value;
}

// London's offset from UTC for the hour an instant falls in. British clocks change at 01:00 UTC, on the
// hour, so the offset is the same throughout any UTC hour.
function londonOffsetMilliseconds(epochMilliseconds: number): number {
  const hour = Math.floor(epochMilliseconds / millisecondsPerHour);
  const known = offsetByUtcHour.get(hour);
  if (known !== undefined) return known;
  const offset = Temporal.Instant.fromEpochMilliseconds(hour * millisecondsPerHour).toZonedDateTimeISO(londonTimeZone).offsetNanoseconds / 1_000_000;
  return remember(offsetByUtcHour, hour, offset);
}

// The calendar day in London on which an instant falls.
export function londonDay(instant: Temporal.Instant): Temporal.PlainDate {
  return londonDayAt(instant.epochMilliseconds);
}

function londonDayAt(epochMilliseconds: number): Temporal.PlainDate {
  const localDayNumber = Math.floor((epochMilliseconds + londonOffsetMilliseconds(epochMilliseconds)) / millisecondsPerDay);
  const known = dayByLocalDayNumber.get(localDayNumber);
  if (known !== undefined) return known;
  return remember(dayByLocalDayNumber, localDayNumber, Temporal.Instant.fromEpochMilliseconds(localDayNumber * millisecondsPerDay).toZonedDateTimeISO('UTC').toPlainDate());
}

// The first instant of a London day (midnight, or the first valid instant if a clock change ever fell there).
export function startOfLondonDay(day: Temporal.PlainDate): Temporal.Instant {
  const key = day.year * 10_000 + day.month * 100 + day.day;
  const known = startByDay.get(key);
  if (known !== undefined) return known;
  return remember(startByDay, key, day.toZonedDateTime({ timeZone: londonTimeZone }).toInstant());
}

// T1: "N days beginning with the day on which…" — the trigger day is day 1, so the period ends at the
// start of day D+N. s2(4): admitted 4 October, 28 days, ends at the start of 1 November.
export function daysBeginningWith(day: Temporal.PlainDate, days: number): Temporal.Instant {
  return startOfLondonDay(day.add({ days }));
}

// T2: "N months beginning with the day…" — calendar months (Interpretation Act 1978 Sch 1). The period
// ends at the start of the same-numbered day N months later (admitted 3 February, 6 months, ends at the
// start of 3 August). Where that month has no such day (31 August + 6 months), the engine reads the period
// as running to the end of that month's last day, so it ends at the start of the first day of the
// following month (1 March). This is the reading of the shared reference (T2), and the one under which
// successive periods chain without a gap or an overlap.
export function monthsBeginningWith(day: Temporal.PlainDate, months: number): Temporal.Instant {
  return startOfLondonDay(dayAfterMonthsBeginningWith(day, months));
}

// The first day no longer inside "N months beginning with" the given day (see monthsBeginningWith).
export function dayAfterMonthsBeginningWith(day: Temporal.PlainDate, months: number): Temporal.PlainDate {
  const sameNumbered = day.add({ months }, { overflow: 'constrain' });
  // The target month is too short: the period runs to the end of it.
  return sameNumbered.day === day.day ? sameNumbered : sameNumbered.add({ days: 1 });
}

// T4: "the period of N months ending with" a day (s20(3), s20(6), s20A(4)): the window includes that day.
// Returns the first instant of the window: counted back N calendar months from the day after the last day
// (two months ending with 2 August open on 3 June; ending with 28 February, on 1 January). Where that day
// does not exist (two months ending with 29 April would open on "30 February"), the engine takes the next
// day that does (1 March), the latest candidate, so that an examination it accepts is never early.
export function monthsEndingWith(lastDay: Temporal.PlainDate, months: number): Temporal.Instant {
  const dayAfter = lastDay.add({ days: 1 });
  const candidate = dayAfter.subtract({ months }, { overflow: 'constrain' });
  return startOfLondonDay(candidate.day === dayAfter.day ? candidate : candidate.add({ days: 1 }));
}

// T4: "the period of N days ending with" a day: includes that day, so it starts N-1 days before it.
export function daysEndingWith(lastDay: Temporal.PlainDate, days: number): Temporal.Instant {
  return startOfLondonDay(lastDay.subtract({ days: days - 1 }));
}

// T3: "N hours from the time when…" / "N hours beginning with the time…": elapsed time, so 72 hours across
// a clock change is still 72 hours.
export function hoursFrom(instant: Temporal.Instant, hours: number): Temporal.Instant {
  return instant.add({ hours });
}

// The last calendar day still inside a period that ends (exclusively) at the given instant: the day of the
// instant just before it (one millisecond before, when the end falls on a whole millisecond).
export function lastDayBefore(end: Temporal.Instant): Temporal.PlainDate {
  const onWholeMillisecond = end.epochNanoseconds % 1_000_000n === 0n;
  return londonDayAt(end.epochMilliseconds - (onWholeMillisecond ? 1 : 0));
}

// An instant as London wall-clock time to the minute, "2026-03-29 02:30", for messages.
export function londonWallClock(instant: Temporal.Instant): string {
  const epochMilliseconds = instant.epochMilliseconds;
  const localMilliseconds = epochMilliseconds + londonOffsetMilliseconds(epochMilliseconds);
  const minuteOfDay = Math.floor((((localMilliseconds % millisecondsPerDay) + millisecondsPerDay) % millisecondsPerDay) / 60_000);
  const hours = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const minutes = String(minuteOfDay % 60).padStart(2, '0');
  return `${londonDayAt(epochMilliseconds).toString()} ${hours}:${minutes}`;
}

// T5, s12(1): "not more than five days must have elapsed between the days on which the separate
// examinations took place" — the days strictly between the two examination days (clear days).
export function clearDaysBetween(first: Temporal.PlainDate, second: Temporal.PlainDate): number {
  const [earlier, later] = Temporal.PlainDate.compare(first, second) <= 0 ? [first, second] : [second, first];
  const days = earlier.until(later, { largestUnit: 'days' }).days;
  return Math.max(0, days - 1);
}

export function isBefore(a: Temporal.Instant, b: Temporal.Instant): boolean {
  return Temporal.Instant.compare(a, b) < 0;
}

export function isOnOrBefore(a: Temporal.Instant, b: Temporal.Instant): boolean {
  return Temporal.Instant.compare(a, b) <= 0;
}

export function laterOf(a: Temporal.Instant, b: Temporal.Instant): Temporal.Instant {
  return Temporal.Instant.compare(a, b) >= 0 ? a : b;
}

export function earlierOf(a: Temporal.Instant, b: Temporal.Instant): Temporal.Instant {
  return Temporal.Instant.compare(a, b) <= 0 ? a : b;
}

// Whole years of age on a day (for the under-18 rules, s68(6)).
export function ageOn(dateOfBirth: Temporal.PlainDate, day: Temporal.PlainDate): number {
  return dateOfBirth.until(day, { largestUnit: 'years' }).years;
}
