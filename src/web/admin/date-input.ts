import type { FieldProblem } from '../../app/errors.ts';
import { text } from '../core/forms.ts';

// Reads a GOV.UK date input (separate day, month and year boxes named `<field>-day`, `<field>-month`
// and `<field>-year`) into an ISO date, with the messages the GOV.UK Design System recommends, each
// naming the field so that the error summary makes sense on its own.

export type DatePart = 'day' | 'month' | 'year';
const dateParts: DatePart[] = ['day', 'month', 'year'];

export interface DateInputReading {
  // What was typed, to show again in the boxes.
  values: Record<DatePart, string>;
  // The date as YYYY-MM-DD, or null when the boxes were left empty or the date is not valid.
  isoDate: string | null;
  problem: FieldProblem | null;
  // The boxes to mark as wrong; all three when the date as a whole is wrong.
  partsInError: DatePart[];
}

export interface DateInputOptions {
  field: string;
  // How the field is named in messages, starting with a capital: "Date the approval starts".
  label: string;
  required: boolean;
}

function listParts(parts: DatePart[]): string {
  if (parts.length === 1) return `a ${parts[0]}`;
  return `a ${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function lowerFirst(value: string): string {
  return value.charAt(0).toLowerCase() + value.slice(1);
}

export function readDateInput(body: Record<string, unknown>, options: DateInputOptions): DateInputReading {
  const values = {
    day: text(body[`${options.field}-day`]).trim(),
    month: text(body[`${options.field}-month`]).trim(),
    year: text(body[`${options.field}-year`]).trim(),
  };
  const reading = (isoDate: string | null, message: string | null, partsInError: DatePart[]): DateInputReading => ({
    values,
    isoDate,
    problem: message === null ? null : { field: options.field, message },
    partsInError,
  });

  const missing = dateParts.filter((part) => values[part] === '');
  if (missing.length === 3) {
    return options.required ? reading(null, `Enter the ${lowerFirst(options.label)}`, [...dateParts]) : reading(null, null, []);
  }
  if (missing.length > 0) return reading(null, `${options.label} must include ${listParts(missing)}`, missing);

  const notNumbers = dateParts.filter((part) => !/^\d+$/.test(values[part]));
  if (notNumbers.length > 0) return reading(null, `${options.label} must be a real date, in numbers`, notNumbers);
  if (!/^\d{4}$/.test(values.year)) return reading(null, `${options.label} must have a year with 4 numbers, like 2025`, ['year']);

  try {
    const date = Temporal.PlainDate.from({ day: Number(values.day), month: Number(values.month), year: Number(values.year) }, { overflow: 'reject' });
    return reading(date.toString(), null, []);
  } catch {
    return reading(null, `${options.label} must be a real date`, [...dateParts]);
  }
}

// The date input's boxes for the govukDateInput macro, marking the ones in error.
export function dateInputItems(reading: Pick<DateInputReading, 'values' | 'partsInError'>) {
  return dateParts.map((part) => ({
    name: part,
    value: reading.values[part],
    classes: part === 'year' ? 'govuk-input--width-4' : 'govuk-input--width-2',
    // Left undefined rather than false when the box is fine, so that a problem with the date as a
    // whole (such as ending before it starts) marks all three boxes.
    error: reading.partsInError.includes(part) ? true : undefined,
  }));
}

// The first box in error, which the error summary's link should move focus to.
export function dateInputFocus(field: string, reading: Pick<DateInputReading, 'partsInError'>): string {
  return `${field}-${reading.partsInError[0] ?? 'day'}`;
}

export function emptyDateInput(): Pick<DateInputReading, 'values' | 'partsInError'> {
  return { values: { day: '', month: '', year: '' }, partsInError: [] };
}
