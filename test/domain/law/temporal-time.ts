import * as time from '../../../src/domain/law/time.ts';

// The engine's time functions work on moments and day numbers; the time tests state their cases in
// Temporal values. These wrappers convert at the edges, with the engine's own conversions, so each case
// reads as the statute does ("28 days beginning with 4 October").

const moment = time.momentOf;
const day = time.dayNumber;

export const londonDay = (instant: Temporal.Instant) => time.plainDateOf(time.londonDay(moment(instant)));
export const startOfLondonDay = (date: Temporal.PlainDate) => time.instantOf(time.startOfLondonDay(day(date)));
export const daysBeginningWith = (date: Temporal.PlainDate, days: number) => time.instantOf(time.daysBeginningWith(day(date), days));
export const monthsBeginningWith = (date: Temporal.PlainDate, months: number) => time.instantOf(time.monthsBeginningWith(day(date), months));
export const dayAfterMonthsBeginningWith = (date: Temporal.PlainDate, months: number) => time.plainDateOf(time.dayAfterMonthsBeginningWith(day(date), months));
export const monthsEndingWith = (lastDay: Temporal.PlainDate, months: number) => time.instantOf(time.monthsEndingWith(day(lastDay), months));
export const daysEndingWith = (lastDay: Temporal.PlainDate, days: number) => time.instantOf(time.daysEndingWith(day(lastDay), days));
export const monthsFromTo = (from: Temporal.PlainDate, to: Temporal.PlainDate) => time.monthsFromTo(day(from), day(to));
export const hoursFrom = (instant: Temporal.Instant, hours: number) => time.instantOf(time.hoursFrom(moment(instant), hours));
export const lastDayBefore = (end: Temporal.Instant) => time.plainDateOf(time.lastDayBefore(moment(end)));
export const londonWallClock = (instant: Temporal.Instant) => time.londonWallClock(moment(instant));
export const clearDaysBetween = (first: Temporal.PlainDate, second: Temporal.PlainDate) => time.clearDaysBetween(day(first), day(second));
export const compareInstants = (a: Temporal.Instant, b: Temporal.Instant) => time.compareMoments(moment(a), moment(b));
export const isBefore = (a: Temporal.Instant, b: Temporal.Instant) => time.isBefore(moment(a), moment(b));
export const isOnOrBefore = (a: Temporal.Instant, b: Temporal.Instant) => time.isOnOrBefore(moment(a), moment(b));
// A moment read from an instant hands that instant back, so these return one of their arguments.
export const laterOf = (a: Temporal.Instant, b: Temporal.Instant) => time.instantOf(time.laterOf(moment(a), moment(b)));
export const earlierOf = (a: Temporal.Instant, b: Temporal.Instant) => time.instantOf(time.earlierOf(moment(a), moment(b)));
