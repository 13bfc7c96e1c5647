// The statute's ways of counting time (shared reference, T1–T5 and T8). Days and months are counted in
// Europe/London; hours are elapsed hours. Every function returns or takes Temporal values and never reads
// a clock. Ends of periods are exclusive: the first instant at which the period no longer runs.

export const londonTimeZone = 'Europe/London';

// Looking a time up in the time zone database is the costliest step of an evaluation, and a history asks
// about the same few days and hours again and again. These caches hold answers that never change (an
// instant's London offset, a day's first instant), so the functions stay pure.
const millisecondsPerHour = 3_600_000;
const millisecondsPerDay = 86_400_000;
const nanosecondsPerHour = 3_600_000_000_000n;
const cacheLimit = 100_000;
const offsetByUtcHour = new Map<number, number>();
const dayByDayNumber = new Map<number, Temporal.PlainDate>();
const startByDayNumber = new Map<number, Temporal.Instant>();
const dayTextByDayNumber = new Map<number, string>();

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

// Calendar arithmetic on day numbers (days since 1970-01-01 in the proleptic Gregorian calendar), which
// costs a few additions where Temporal's date arithmetic costs a microsecond. Temporal still makes every
// PlainDate and Instant handed out, so callers see the same values; the day-number functions are checked
// against Temporal's own arithmetic in test/domain/law/time-equivalence.test.ts.

// The day number of a calendar date, counted in the proleptic Gregorian calendar as Temporal's ISO dates are.
function dayNumberOf(year: number, month: number, dayOfMonth: number): number {
  // Count years from March, so that a leap day falls at the end of its year.
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + dayOfMonth - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function dayNumber(day: Temporal.PlainDate): number {
  return dayNumberOf(day.year, day.month, day.day);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// The calendar day with a given day number.
function dayOfDayNumber(number: number): Temporal.PlainDate {
  const known = dayByDayNumber.get(number);
  if (known !== undefined) return known;
  return remember(dayByDayNumber, number, Temporal.Instant.fromEpochMilliseconds(number * millisecondsPerDay).toZonedDateTimeISO('UTC').toPlainDate());
}

// The calendar day in London on which an instant falls.
export function londonDay(instant: Temporal.Instant): Temporal.PlainDate {
  return londonDayAt(instant.epochMilliseconds);
}

function londonDayAt(epochMilliseconds: number): Temporal.PlainDate {
  return dayOfDayNumber(Math.floor((epochMilliseconds + londonOffsetMilliseconds(epochMilliseconds)) / millisecondsPerDay));
}

// The first instant of a London day (midnight, or the first valid instant if a clock change ever fell there).
export function startOfLondonDay(day: Temporal.PlainDate): Temporal.Instant {
  return startOfLondonDayNumber(dayNumber(day));
}

function startOfLondonDayNumber(number: number): Temporal.Instant {
  const known = startByDayNumber.get(number);
  if (known !== undefined) return known;
  return remember(startByDayNumber, number, dayOfDayNumber(number).toZonedDateTime({ timeZone: londonTimeZone }).toInstant());
}

// The day number of the same-numbered day `months` calendar months on (or back, when negative) from a
// day; where the target month has no such day, the day after that month's last day (the first day of the
// following month), as T2 and T4 read a short month.
function sameNumberedDayOrNextMonth(day: Temporal.PlainDate, months: number): number {
  const monthIndex = day.year * 12 + (day.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const lastDay = daysInMonth(year, month);
  if (day.day <= lastDay) return dayNumberOf(year, month, day.day);
  return dayNumberOf(year, month, lastDay) + 1;
}

// T1: "N days beginning with the day on which…" — the trigger day is day 1, so the period ends at the
// start of day D+N. s2(4): admitted 4 October, 28 days, ends at the start of 1 November.
export function daysBeginningWith(day: Temporal.PlainDate, days: number): Temporal.Instant {
  return startOfLondonDayNumber(dayNumber(day) + days);
}

// T2: "N months beginning with the day…" — calendar months (Interpretation Act 1978 Sch 1). The period
// ends at the start of the same-numbered day N months later (admitted 3 February, 6 months, ends at the
// start of 3 August). Where that month has no such day (31 August + 6 months), the engine reads the period
// as running to the end of that month's last day, so it ends at the start of the first day of the
// following month (1 March). This is the reading of the shared reference (T2), and the one under which
// successive periods chain without a gap or an overlap.
export function monthsBeginningWith(day: Temporal.PlainDate, months: number): Temporal.Instant {
  return startOfLondonDayNumber(sameNumberedDayOrNextMonth(day, months));
}

// The first day no longer inside "N months beginning with" the given day (see monthsBeginningWith).
export function dayAfterMonthsBeginningWith(day: Temporal.PlainDate, months: number): Temporal.PlainDate {
  // Where the target month is too short, the period runs to the end of it.
  return dayOfDayNumber(sameNumberedDayOrNextMonth(day, months));
}

// T4: "the period of N months ending with" a day (s20(3), s20(6), s20A(4)): the window includes that day.
// Returns the first instant of the window: counted back N calendar months from the day after the last day
// (two months ending with 2 August open on 3 June; ending with 28 February, on 1 January). Where that day
// does not exist (two months ending with 29 April would open on "30 February"), the engine takes the next
// day that does (1 March), the latest candidate, so that an examination it accepts is never early.
export function monthsEndingWith(lastDay: Temporal.PlainDate, months: number): Temporal.Instant {
  const dayAfter = dayOfDayNumber(dayNumber(lastDay) + 1);
  return startOfLondonDayNumber(sameNumberedDayOrNextMonth(dayAfter, -months));
}

// T4: "the period of N days ending with" a day: includes that day, so it starts N-1 days before it.
export function daysEndingWith(lastDay: Temporal.PlainDate, days: number): Temporal.Instant {
  return startOfLondonDayNumber(dayNumber(lastDay) - (days - 1));
}

// T3: "N hours from the time when…" / "N hours beginning with the time…": elapsed time, so 72 hours across
// a clock change is still 72 hours.
export function hoursFrom(instant: Temporal.Instant, hours: number): Temporal.Instant {
  // On epoch nanoseconds, exactly as Instant.add({ hours }) counts, without its cost.
  return Temporal.Instant.fromEpochNanoseconds(instant.epochNanoseconds + BigInt(hours) * nanosecondsPerHour);
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
  const dayNumberInLondon = Math.floor(localMilliseconds / millisecondsPerDay);
  const dayText = dayTextByDayNumber.get(dayNumberInLondon) ?? remember(dayTextByDayNumber, dayNumberInLondon, dayOfDayNumber(dayNumberInLondon).toString());
  return `${dayText} ${hours}:${minutes}`;
}

// Whole days from one calendar day to another (negative when the second is earlier), as
// `from.until(to, { largestUnit: 'days' }).days`.
export function daysFromTo(from: Temporal.PlainDate, to: Temporal.PlainDate): number {
  return dayNumber(to) - dayNumber(from);
}

// Temporal.PlainDate.compare for calendar days.
export function compareDays(a: Temporal.PlainDate, b: Temporal.PlainDate): number {
  return Math.sign(dayNumber(a) - dayNumber(b));
}

// T5, s12(1): "not more than five days must have elapsed between the days on which the separate
// examinations took place" — the days strictly between the two examination days (clear days).
export function clearDaysBetween(first: Temporal.PlainDate, second: Temporal.PlainDate): number {
  return Math.max(0, Math.abs(dayNumber(second) - dayNumber(first)) - 1);
}

// Instant.compare, answered from the epoch milliseconds where they differ (a tenth of the cost) and by
// Instant.compare itself where they are equal, since instants may differ below a millisecond. The engine
// often compares an instant with itself (an event's time kept in the state), which needs no look-up.
export function compareInstants(a: Temporal.Instant, b: Temporal.Instant): number {
  if (a === b) return 0;
  const aMilliseconds = a.epochMilliseconds;
  const bMilliseconds = b.epochMilliseconds;
  if (aMilliseconds !== bMilliseconds) return aMilliseconds < bMilliseconds ? -1 : 1;
  return Temporal.Instant.compare(a, b);
}

export function isBefore(a: Temporal.Instant, b: Temporal.Instant): boolean {
  return compareInstants(a, b) < 0;
}

export function isOnOrBefore(a: Temporal.Instant, b: Temporal.Instant): boolean {
  return compareInstants(a, b) <= 0;
}

export function laterOf(a: Temporal.Instant, b: Temporal.Instant): Temporal.Instant {
  return compareInstants(a, b) >= 0 ? a : b;
}

export function earlierOf(a: Temporal.Instant, b: Temporal.Instant): Temporal.Instant {
  return compareInstants(a, b) <= 0 ? a : b;
}

// Whole years of age on a day (for the under-18 rules, s68(6)).
export function ageOn(dateOfBirth: Temporal.PlainDate, day: Temporal.PlainDate): number {
  return dateOfBirth.until(day, { largestUnit: 'years' }).years;
}
