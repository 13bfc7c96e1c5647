// Dates and times are shown as people in England and Wales read them, in Europe/London.
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const londonTimeZone = 'Europe/London';

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
  const zoned = instant.toZonedDateTimeISO(londonTimeZone);
  return `${formatDate(zoned.toPlainDate())} at ${formatTime(zoned.toPlainTime())}`;
}

export function isoDateTime(value: Temporal.Instant | string): string {
  const instant = typeof value === 'string' ? Temporal.Instant.from(value) : value;
  return instant.toZonedDateTimeISO(londonTimeZone).toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

export function todayInLondon(now: Temporal.Instant): Temporal.PlainDate {
  return now.toZonedDateTimeISO(londonTimeZone).toPlainDate();
}
