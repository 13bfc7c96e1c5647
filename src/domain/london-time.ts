// England and Wales read dates and times in Europe/London. The few readings every layer needs, once.
export const londonTimeZone = 'Europe/London';

// The calendar day in London at an instant.
export function todayInLondon(now: Temporal.Instant): Temporal.PlainDate {
  return now.toZonedDateTimeISO(londonTimeZone).toPlainDate();
}

// An instant as an ISO 8601 date-time with its London offset, e.g. '2026-04-20T11:00:00+01:00'.
export function toLondonOffsetDateTime(instant: Temporal.Instant): string {
  return instant.toZonedDateTimeISO(londonTimeZone).toString({ timeZoneName: 'never' });
}
