// Dates and times as a browser posts them from a form ('YYYY-MM-DD' and 'YYYY-MM-DDTHH:MM', optionally with
// seconds), read as London local time (Europe/London), and written back out as ISO 8601 datetimes with
// their London offset, the form the law engine's contract takes.
//
// Clock changes: a local time inside the spring-forward gap (e.g. 01:30 on the last Sunday in March) never
// happened in London and is rejected with a message saying so. A local time in the autumn fall-back hour
// (e.g. 01:30 on the last Sunday in October) happened twice; paper and web forms record no offset, so it is
// read as the earlier of the two, still on British Summer Time (+01:00). Two reasons: it is the reading
// Temporal's own default ('compatible') takes, and a period that runs from the recorded time (the 72 hours
// of s5(2) or s4(4), the 6 hours of s5(4)) then ends at the earlier of the two possible moments, so a
// deadline shown to staff is never later than the true one.

import { londonTimeZone, toLondonOffsetDateTime } from '../london-time.ts';

export { londonTimeZone, toLondonOffsetDateTime };

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// A moment read from a form: its London calendar day, the instant it stands for (the start of the day for
// a plain date), and whether it carried a time of day.
export interface FormMoment {
  day: Temporal.PlainDate;
  instant: Temporal.Instant;
  hasTime: boolean;
}

export type FormTimeResult = { ok: true; moment: FormMoment } | { ok: false; message: string };

export function parseFormDate(value: string): FormTimeResult {
  if (!datePattern.test(value)) return { ok: false, message: 'enter a date as YYYY-MM-DD' };
  let day: Temporal.PlainDate;
  try {
    day = Temporal.PlainDate.from(value, { overflow: 'reject' });
  } catch {
    return { ok: false, message: 'this is not a real date' };
  }
  return { ok: true, moment: { day, instant: startOfLondonDay(day), hasTime: false } };
}

export function parseFormDateTime(value: string): FormTimeResult {
  if (!dateTimePattern.test(value)) return { ok: false, message: 'enter a date and time as YYYY-MM-DDTHH:MM' };
  let local: Temporal.PlainDateTime;
  try {
    local = Temporal.PlainDateTime.from(value, { overflow: 'reject' });
  } catch {
    return { ok: false, message: 'this is not a real date and time' };
  }
  const instant = londonInstant(local);
  if (instant === null) {
    return { ok: false, message: `this time did not exist in London: the clocks went forward on ${formatDay(local.toPlainDate())} and skipped it (check the time, or give the time just after the change)` };
  }
  return { ok: true, moment: { day: local.toPlainDate(), instant, hasTime: true } };
}

export function parseFormMoment(type: 'date' | 'datetime', value: string): FormTimeResult {
  return type === 'date' ? parseFormDate(value) : parseFormDateTime(value);
}

// The instant a London wall-clock time stands for: null inside the spring-forward gap; the earlier of the
// two in the autumn repeated hour (see the note at the top of this file).
export function londonInstant(local: Temporal.PlainDateTime): Temporal.Instant | null {
  const zoned = local.toZonedDateTime(londonTimeZone, { disambiguation: 'earlier' });
  if (!zoned.toPlainDateTime().equals(local)) return null;
  return zoned.toInstant();
}

export function startOfLondonDay(day: Temporal.PlainDate): Temporal.Instant {
  return day.toZonedDateTime({ timeZone: londonTimeZone }).toInstant();
}

export function londonDayOf(instant: Temporal.Instant): Temporal.PlainDate {
  return instant.toZonedDateTimeISO(londonTimeZone).toPlainDate();
}

// A day as people write it on a form: '3 March 2026'.
export function formatDay(day: Temporal.PlainDate): string {
  return `${day.day} ${monthNames[day.month - 1] ?? ''} ${day.year}`;
}

// A moment for a message: '3 March 2026' or '3 March 2026 at 14:05'.
export function formatMoment(moment: FormMoment): string {
  if (!moment.hasTime) return formatDay(moment.day);
  const local = moment.instant.toZonedDateTimeISO(londonTimeZone);
  return `${formatDay(moment.day)} at ${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
}
