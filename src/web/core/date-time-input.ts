import type { FieldProblem } from '../../app/errors.ts';
import { readDateInput } from '../admin/date-input.ts';
import { formatDate, londonTimeZone } from './dates.ts';
import { text } from './forms.ts';

// Reads a moment in London time entered as a GOV.UK date input (boxes `<name>-day`, `<name>-month`,
// `<name>-year`) and a 24-hour time box (`<name>-time`, "HH:MM"), and turns it into an instant with its
// offset ("2026-04-20T15:10:00+01:00"), the form the law engine's contract takes.
//
// London's clocks make two kinds of local time awkward: in the hour the clocks go forward (last Sunday in
// March) the time never happened, and in the hour they go back (last Sunday in October) it happened twice.
// The first is refused; the second is refused unless the person says which, by adding "BST" or "GMT"
// after the time. Statutory clocks can run in hours (s5, s135, s136), so guessing is not safe.

export interface DateTimeValues {
  day: string;
  month: string;
  year: string;
  time: string;
}

export type DateTimeReading = { value: string } | { problem: FieldProblem; focusId: string };

// What was typed, to show again in the boxes when the form is re-displayed.
export function dateTimeValues(body: Record<string, unknown>, name: string): DateTimeValues {
  return {
    day: text(body[`${name}-day`]).trim(),
    month: text(body[`${name}-month`]).trim(),
    year: text(body[`${name}-year`]).trim(),
    time: text(body[`${name}-time`]).trim(),
  };
}

// The boxes filled in from an instant, for a form that starts with a known time (for example, "now").
export function dateTimeValuesOf(instant: Temporal.Instant | string): DateTimeValues {
  const zoned = (typeof instant === 'string' ? Temporal.Instant.from(instant) : instant).toZonedDateTimeISO(londonTimeZone);
  return {
    day: String(zoned.day),
    month: String(zoned.month),
    year: String(zoned.year),
    time: `${String(zoned.hour).padStart(2, '0')}:${String(zoned.minute).padStart(2, '0')}`,
  };
}

export const emptyDateTimeValues: DateTimeValues = { day: '', month: '', year: '', time: '' };

function lowerFirst(value: string): string {
  return value.charAt(0).toLowerCase() + value.slice(1);
}

const timePattern = /^(\d{1,2})[:.](\d{2})(?:\s*(BST|GMT))?$/i;
const offsets = { BST: '+01:00', GMT: '+00:00' } as const;

// `label` names the moment in messages, starting with a capital: "Date and time of admission".
// A problem is always on field `name`, so that server-side problems about the same field (such as
// refuseFuture(context, name, ...)) appear in the same place; `focusId` is the box to link to.
export function readDateTime(body: Record<string, unknown>, name: string, label: string): DateTimeReading {
  const date = readDateInput(body, { field: name, label, required: true });
  const problem = (message: string, focusId: string): DateTimeReading => ({ problem: { field: name, message }, focusId });
  if (date.problem) return problem(date.problem.message, `${name}-${date.partsInError[0] ?? 'day'}`);

  const timeText = text(body[`${name}-time`]).trim();
  const timeId = `${name}-time`;
  if (timeText === '') return problem(`${label} must include a time, like 14:30`, timeId);
  const match = timePattern.exec(timeText);
  const hour = match ? Number(match[1]) : NaN;
  const minute = match ? Number(match[2]) : NaN;
  if (!match || hour > 23 || minute > 59) {
    return problem(`${label} must have a real time in the 24-hour clock, like 09:05 or 14:30`, timeId);
  }
  const zone = match[3]?.toUpperCase() as keyof typeof offsets | undefined;

  const local = Temporal.PlainDate.from(date.isoDate!).toPlainDateTime({ hour, minute });
  const earlier = local.toZonedDateTime(londonTimeZone, { disambiguation: 'earlier' });
  const later = local.toZonedDateTime(londonTimeZone, { disambiguation: 'later' });
  const clock = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  const day = formatDate(local.toPlainDate());

  if (!earlier.toPlainDateTime().equals(local)) {
    return problem(`${clock} did not happen in London on ${day}: the clocks went forward an hour at 1am. Check ${lowerFirst(label)}`, timeId);
  }
  let chosen = earlier;
  if (!earlier.equals(later)) {
    if (!zone) {
      return problem(
        `${clock} happened twice in London on ${day} because the clocks went back. Add BST for the first time or GMT for the second, like ${clock} BST`,
        timeId,
      );
    }
    chosen = earlier.offset === offsets[zone] ? earlier : later;
  } else if (zone && earlier.offset !== offsets[zone]) {
    return problem(`${label}: London was on ${zone === 'BST' ? 'GMT' : 'BST'} on ${day}, not ${zone}. Remove ${zone} or correct the date`, timeId);
  }
  return { value: chosen.toString({ timeZoneName: 'never', smallestUnit: 'second' }) };
}

// Whether a reading failed, for narrowing in route handlers.
export function isDateTimeProblem(reading: DateTimeReading): reading is { problem: FieldProblem; focusId: string } {
  return 'problem' in reading;
}
