import { calendarDateOf, londonClock } from '../../domain/law/time.ts';
import { londonTimeZone } from '../../domain/london-time.ts';

export { londonTimeZone, todayInLondon } from '../../domain/london-time.ts';

// Dates and times are shown as people in England and Wales read them, in Europe/London.
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function formatDate(value: Temporal.PlainDate | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = typeof value === 'string' ? Temporal.PlainDate.from(value) : value;
  return `${date.day} ${months[date.month - 1]} ${date.year}`;
}

export function formatTime(time: Temporal.PlainTime): string {
  const hour12 = time.hour % 12 === 0 ? 12 : time.hour % 12;
  const suffix = time.hour < 12 ? 'am' : 'pm';
  return `${hour12}:${String(time.minute).padStart(2, '0')}${suffix}`;
}

export function formatDateTime(value: Temporal.Instant | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const instant = typeof value === 'string' ? Temporal.Instant.from(value) : value;
  // The law engine's London calendar: the same reading as a zoned date-time, without building one, since
  // lists show many of these.
  const { day, minuteOfDay } = londonClock(instant.epochMilliseconds);
  const date = calendarDateOf(day);
  const hour = Math.floor(minuteOfDay / 60);
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${date.day} ${months[date.month - 1]} ${date.year} at ${hour12}:${String(minuteOfDay % 60).padStart(2, '0')}${hour < 12 ? 'am' : 'pm'}`;
}

export function isoDateTime(value: Temporal.Instant | string): string {
  const instant = typeof value === 'string' ? Temporal.Instant.from(value) : value;
  return instant.toZonedDateTimeISO(londonTimeZone).toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

