// The statute's ways of counting time (shared reference, T1–T5 and T8). Days and months are counted in
// Europe/London; hours are elapsed hours. Nothing here reads a clock. Ends of periods are exclusive: the
// first instant at which the period no longer runs.
//
// The engine counts in plain numbers rather than Temporal objects: an instant is a Moment (epoch
// milliseconds and the nanoseconds past them) and a calendar day is a DayNumber. Every read of a Temporal
// object's fields, and every Temporal object made, costs far more than the arithmetic the rules need, so
// Temporal values are read once where they enter the engine (momentOf, dayNumber) and made only for its
// output (instantOf, plainDateOf). The functions are checked against Temporal's own arithmetic in
// test/domain/law/time-equivalence.test.ts.

export const londonTimeZone = 'Europe/London';

// An instant, exact to the nanosecond as Temporal.Instant is: epoch milliseconds (floored) and the
// nanoseconds within that millisecond (0 to 999,999). `instant` is the Temporal.Instant it was read from,
// when there is one, so that output can hand back the input's own value.
export interface Moment {
  readonly epochMilliseconds: number;
  readonly nanoseconds: number;
  readonly instant: Temporal.Instant | null;
}

// A calendar day as the number of days since 1970-01-01 in the proleptic Gregorian calendar (the ISO
// calendar of Temporal.PlainDate).
export type DayNumber = number;

const millisecondsPerHour = 3_600_000;
const millisecondsPerDay = 86_400_000;

// Looking a time up in the time zone database is the costliest step of an evaluation, and a history asks
// about the same few days and hours again and again. These caches hold answers that never change (an
// instant's London offset, a day's first instant), so the functions stay pure.
const cacheLimit = 100_000;
const startByDayNumber = new Map<number, number>();
const plainDateByDayNumber = new Map<number, Temporal.PlainDate>();
const dayTextByDayNumber = new Map<number, string>();
const instantByEpochMilliseconds = new Map<number, Temporal.Instant>();

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(key, value);
  return value;
}

// --- Moments ---

function moment(epochMilliseconds: number, nanoseconds: number): Moment {
  return { epochMilliseconds, nanoseconds, instant: null };
}

// The engine's reading of a Temporal.Instant from its input.
export function momentOf(instant: Temporal.Instant): Moment {
  const remainder = Number(instant.epochNanoseconds % 1_000_000n);
  return { epochMilliseconds: instant.epochMilliseconds, nanoseconds: remainder < 0 ? remainder + 1_000_000 : remainder, instant };
}

// The Temporal.Instant of a moment, for output.
export function instantOf(moment: Moment): Temporal.Instant {
  if (moment.instant !== null) return moment.instant;
  const { epochMilliseconds, nanoseconds } = moment;
  if (nanoseconds !== 0) return Temporal.Instant.fromEpochNanoseconds(BigInt(epochMilliseconds) * 1_000_000n + BigInt(nanoseconds));
  return instantByEpochMilliseconds.get(epochMilliseconds)
    ?? remember(instantByEpochMilliseconds, epochMilliseconds, Temporal.Instant.fromEpochMilliseconds(epochMilliseconds));
}

// As Temporal.Instant.compare.
export function compareMoments(a: Moment, b: Moment): number {
  if (a.epochMilliseconds !== b.epochMilliseconds) return a.epochMilliseconds < b.epochMilliseconds ? -1 : 1;
  return Math.sign(a.nanoseconds - b.nanoseconds);
}

export function isBefore(a: Moment, b: Moment): boolean {
  return compareMoments(a, b) < 0;
}

export function isOnOrBefore(a: Moment, b: Moment): boolean {
  return compareMoments(a, b) <= 0;
}

export function laterOf(a: Moment, b: Moment): Moment {
  return compareMoments(a, b) >= 0 ? a : b;
}

export function earlierOf(a: Moment, b: Moment): Moment {
  return compareMoments(a, b) <= 0 ? a : b;
}

// --- Calendar days ---

// The day number of a calendar date.
function dayNumberOf(year: number, month: number, dayOfMonth: number): DayNumber {
  // Count years from March, so that a leap day falls at the end of its year.
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + dayOfMonth - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

// The calendar date of a day number: dayNumberOf in reverse.
export function calendarDateOf(number: DayNumber): CalendarDate {
  const shifted = number + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day: dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1 };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// The engine's reading of a Temporal.PlainDate from its input.
export function dayNumber(day: Temporal.PlainDate): DayNumber {
  return dayNumberOf(day.year, day.month, day.day);
}

// The Temporal.PlainDate of a day number.
export function plainDateOf(number: DayNumber): Temporal.PlainDate {
  const known = plainDateByDayNumber.get(number);
  if (known !== undefined) return known;
  const { year, month, day } = calendarDateOf(number);
  return remember(plainDateByDayNumber, number, new Temporal.PlainDate(year, month, day));
}

// A day as ISO 8601 text, "2026-03-01", for messages.
export function dayText(number: DayNumber): string {
  return dayTextByDayNumber.get(number) ?? remember(dayTextByDayNumber, number, plainDateOf(number).toString());
}

// --- London time ---

// London's offset from UTC holds from one clock change to the next, so the offsets already looked up are
// kept as intervals between clock changes, sorted by their start: a history spanning a few years touches a
// handful of them. Clock changes fall on whole seconds, so milliseconds bound the intervals exactly.
interface OffsetInterval {
  start: number;
  end: number;
  offset: number;
}
const offsetIntervals: OffsetInterval[] = [];
const offsetIntervalLimit = 1_000;

function londonOffsetMilliseconds(epochMilliseconds: number): number {
  // The last interval starting at or before the instant.
  let low = 0;
  let high = offsetIntervals.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (offsetIntervals[middle]!.start <= epochMilliseconds) low = middle + 1;
    else high = middle - 1;
  }
  const candidate = offsetIntervals[high];
  if (candidate !== undefined && epochMilliseconds < candidate.end) return candidate.offset;
  const zoned = Temporal.Instant.fromEpochMilliseconds(epochMilliseconds).toZonedDateTimeISO(londonTimeZone);
  // The last clock change at or before the instant (strictly before the next millisecond), and the next one after it.
  const previous = Temporal.Instant.fromEpochMilliseconds(epochMilliseconds + 1).toZonedDateTimeISO(londonTimeZone).getTimeZoneTransition('previous');
  const next = zoned.getTimeZoneTransition('next');
  const interval = { start: previous?.epochMilliseconds ?? -Infinity, end: next?.epochMilliseconds ?? Infinity, offset: zoned.offsetNanoseconds / 1_000_000 };
  if (offsetIntervals.length >= offsetIntervalLimit) offsetIntervals.length = 0;
  offsetIntervals.splice(offsetIntervals.length === 0 ? 0 : high + 1, 0, interval);
  return interval.offset;
}

function londonDayAt(epochMilliseconds: number): DayNumber {
  return Math.floor((epochMilliseconds + londonOffsetMilliseconds(epochMilliseconds)) / millisecondsPerDay);
}

// The calendar day in London on which an instant falls. The nanoseconds past the millisecond never
// carry an instant into the next day, since days begin on whole milliseconds.
export function londonDay(moment: Moment): DayNumber {
  return londonDayAt(moment.epochMilliseconds);
}

// The first instant of a London day (midnight, or the first valid instant if a clock change ever fell there).
export function startOfLondonDay(number: DayNumber): Moment {
  const known = startByDayNumber.get(number);
  if (known !== undefined) return moment(known, 0);
  const start = plainDateOf(number).toZonedDateTime({ timeZone: londonTimeZone }).epochMilliseconds;
  return moment(remember(startByDayNumber, number, start), 0);
}

// The day number of the same-numbered day `months` calendar months on (or back, when negative) from a
// day; where the target month has no such day, the day after that month's last day (the first day of the
// following month), as T2 and T4 read a short month.
function sameNumberedDayOrNextMonth(number: DayNumber, months: number): DayNumber {
  const from = calendarDateOf(number);
  const monthIndex = from.year * 12 + (from.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const lastDay = daysInMonth(year, month);
  if (from.day <= lastDay) return dayNumberOf(year, month, from.day);
  return dayNumberOf(year, month, lastDay) + 1;
}

// T1: "N days beginning with the day on which…" — the trigger day is day 1, so the period ends at the
// start of day D+N. s2(4): admitted 4 October, 28 days, ends at the start of 1 November.
export function daysBeginningWith(day: DayNumber, days: number): Moment {
  return startOfLondonDay(day + days);
}

// T2: "N months beginning with the day…" — calendar months (Interpretation Act 1978 Sch 1). The period
// ends at the start of the same-numbered day N months later (admitted 3 February, 6 months, ends at the
// start of 3 August). Where that month has no such day (31 August + 6 months), the engine reads the period
// as running to the end of that month's last day, so it ends at the start of the first day of the
// following month (1 March). This is the reading of the shared reference (T2), and the one under which
// successive periods chain without a gap or an overlap.
export function monthsBeginningWith(day: DayNumber, months: number): Moment {
  return startOfLondonDay(sameNumberedDayOrNextMonth(day, months));
}

// The first day no longer inside "N months beginning with" the given day (see monthsBeginningWith).
export function dayAfterMonthsBeginningWith(day: DayNumber, months: number): DayNumber {
  // Where the target month is too short, the period runs to the end of it.
  return sameNumberedDayOrNextMonth(day, months);
}

// T4: "the period of N months ending with" a day (s20(3), s20(6), s20A(4)): the window includes that day.
// Returns the first instant of the window: counted back N calendar months from the day after the last day
// (two months ending with 2 August open on 3 June; ending with 28 February, on 1 January). Where that day
// does not exist (two months ending with 29 April would open on "30 February"), the engine takes the next
// day that does (1 March), the latest candidate, so that an examination it accepts is never early.
export function monthsEndingWith(lastDay: DayNumber, months: number): Moment {
  return startOfLondonDay(sameNumberedDayOrNextMonth(lastDay + 1, -months));
}

// T4: "the period of N days ending with" a day: includes that day, so it starts N-1 days before it.
export function daysEndingWith(lastDay: DayNumber, days: number): Moment {
  return startOfLondonDay(lastDay - (days - 1));
}

// Whole calendar months from one day to a later one, as `from.until(to, { largestUnit: 'months' }).months`
// (0 when `to` is earlier).
export function monthsFromTo(from: DayNumber, to: DayNumber): number {
  if (to <= from) return 0;
  const start = calendarDateOf(from);
  const end = calendarDateOf(to);
  return (end.year - start.year) * 12 + (end.month - start.month) - (end.day < start.day ? 1 : 0);
}

// T3: "N hours from the time when…" / "N hours beginning with the time…": elapsed time, so 72 hours across
// a clock change is still 72 hours.
export function hoursFrom(from: Moment, hours: number): Moment {
  return moment(from.epochMilliseconds + hours * millisecondsPerHour, from.nanoseconds);
}

// The last calendar day still inside a period that ends (exclusively) at the given instant: the day of the
// instant just before it (one millisecond before, when the end falls on a whole millisecond).
export function lastDayBefore(end: Moment): DayNumber {
  return londonDayAt(end.epochMilliseconds - (end.nanoseconds === 0 ? 1 : 0));
}

// An instant's London wall clock as numbers: the day number and the minute of that day. For showing
// many instants quickly (lists of deadlines), without building a zoned date-time for each.
export function londonClock(epochMilliseconds: number): { day: DayNumber; minuteOfDay: number } {
  const local = epochMilliseconds + londonOffsetMilliseconds(epochMilliseconds);
  const day = Math.floor(local / millisecondsPerDay);
  return { day, minuteOfDay: Math.floor((local - day * millisecondsPerDay) / 60_000) };
}

// An instant as London wall-clock time to the minute, "2026-03-29 02:30", for messages.
export function londonWallClock(instant: Moment): string {
  const epochMilliseconds = instant.epochMilliseconds;
  const localMilliseconds = epochMilliseconds + londonOffsetMilliseconds(epochMilliseconds);
  const minuteOfDay = Math.floor((((localMilliseconds % millisecondsPerDay) + millisecondsPerDay) % millisecondsPerDay) / 60_000);
  const hours = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const minutes = String(minuteOfDay % 60).padStart(2, '0');
  return `${dayText(Math.floor(localMilliseconds / millisecondsPerDay))} ${hours}:${minutes}`;
}

// T5, s12(1): "not more than five days must have elapsed between the days on which the separate
// examinations took place" — the days strictly between the two examination days (clear days).
export function clearDaysBetween(first: DayNumber, second: DayNumber): number {
  return Math.max(0, Math.abs(second - first) - 1);
}

// Whole years of age on a day (for the under-18 rules, s68(6)).
export function ageOn(dateOfBirth: Temporal.PlainDate, day: DayNumber): number {
  return dateOfBirth.until(plainDateOf(day), { largestUnit: 'years' }).years;
}
