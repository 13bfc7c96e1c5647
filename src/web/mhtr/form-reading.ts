import type { FieldProblem } from '../../app/errors.ts';
import { dateInputFocus, dateInputItems, emptyDateInput, readDateInput, type DateInputReading } from '../admin/date-input.ts';
import { text } from '../core/forms.ts';

// The pathway's forms are lists of fields (dates, text, choices) described as data, so that one template
// draws every step's form and one reader reads it back. Dates are GOV.UK date inputs (boxes
// `<name>-day`, `<name>-month`, `<name>-year`), read into Temporal.PlainDate.

export type FieldKind = 'date' | 'text' | 'textarea' | 'radios' | 'checkboxes' | 'select';

export interface FormField {
  name: string;
  kind: FieldKind;
  label: string;
  hint?: string;
  // Radios, checkboxes and selects: each value with its text.
  choices?: Readonly<Record<string, string>>;
  // The field the application names in its problems, when it differs from the input's name.
  problemField?: string;
  optional?: boolean;
}

export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

export class FormReading {
  readonly body: Record<string, unknown>;
  readonly fields: readonly FormField[];
  private readonly dates = new Map<string, DateInputReading>();

  constructor(body: Record<string, unknown>, fields: readonly FormField[]) {
    this.body = body;
    this.fields = fields;
    // Not required here: an empty date is the application's to name ("Enter the date of …"); the boxes'
    // own problems (a missing part, an impossible date) are kept to say more than that.
    for (const field of fields) if (field.kind === 'date') this.dates.set(field.name, readDateInput(body, { field: field.name, label: field.label, required: false }));
  }

  text(name: string): string {
    return text(this.body[name]);
  }

  list(name: string): string[] {
    return listOf(this.body[name]);
  }

  // Whether any of the named boxes was filled in (for checklist items given as a pair).
  given(...names: string[]): boolean {
    return names.some((name) => (this.dates.has(name) ? Object.values(this.dates.get(name)!.values).some((part) => part !== '') : this.text(name).trim() !== ''));
  }

  day(name: string): Temporal.PlainDate | null {
    const reading = this.dates.get(name);
    return reading?.isoDate ? Temporal.PlainDate.from(reading.isoDate) : null;
  }

  dateReading(name: string): DateInputReading | undefined {
    return this.dates.get(name);
  }

  // The application's problems, with a date's own problem in place of "Enter the date" where the boxes
  // said more.
  withBoxProblems(problems: readonly FieldProblem[]): FieldProblem[] {
    const replaced = problems.map((problem) => this.dates.get(problem.field)?.problem ?? problem);
    const missing = [...this.dates.values()].flatMap((reading) => (reading.problem && !replaced.some((problem) => problem.field === reading.problem!.field) ? [reading.problem] : []));
    return [...replaced, ...missing];
  }
}

export interface FieldView {
  kind: FieldKind;
  name: string;
  id: string;
  label: string;
  hint: string | null;
  value: string;
  items: unknown[];
  error: string | null;
}

// The fields as the template draws them, with what was typed and each field's problem.
export function fieldViews(fields: readonly FormField[], reading: FormReading | null, fieldErrors: Record<string, string>): FieldView[] {
  return fields.map((field) => {
    const error = fieldErrors[field.problemField ?? field.name] ?? null;
    const id = field.problemField ?? field.name;
    const label = field.optional ? `${field.label} (optional)` : field.label;
    const base = { kind: field.kind, name: field.name, id, label, hint: field.hint ?? null, value: reading?.text(field.name) ?? '', error };
    const choices = Object.entries(field.choices ?? {});
    switch (field.kind) {
      case 'date': {
        const date = reading?.dateReading(field.name) ?? emptyDateInput();
        // A problem from the application about the date as a whole marks all three boxes.
        const marked = error && date.partsInError.length === 0 ? { ...date, partsInError: ['day', 'month', 'year'] as DateInputReading['partsInError'] } : date;
        return { ...base, items: dateInputItems(marked) };
      }
      case 'radios':
        return { ...base, items: choices.map(([value, text]) => ({ value, text, checked: base.value === value })) };
      case 'checkboxes': {
        const chosen = reading?.list(field.name) ?? [];
        return { ...base, items: choices.map(([value, text]) => ({ value, text, checked: chosen.includes(value) })) };
      }
      case 'select':
        return { ...base, items: [{ value: '', text: 'Select one' }, ...choices.map(([value, text]) => ({ value, text, selected: base.value === value }))] };
      default:
        return { ...base, items: [] };
    }
  });
}

// The error summary: each problem links to its field when the form has it; a problem about the case
// itself (its stage, the court's decision, the consent on record) is listed without a link.
export function formProblems(problems: readonly FieldProblem[], fields: readonly FormField[], reading: FormReading | null) {
  const targets = new Map<string, string>();
  for (const field of fields) {
    const key = field.problemField ?? field.name;
    const date = field.kind === 'date' ? reading?.dateReading(field.name) : undefined;
    targets.set(key, field.kind === 'date' ? dateInputFocus(field.name, date ?? emptyDateInput()) : key);
  }
  return {
    errors: problems.map((problem) => (targets.has(problem.field) ? { text: problem.message, href: `#${targets.get(problem.field)}` } : { text: problem.message })),
    fieldErrors: Object.fromEntries(problems.filter((problem) => targets.has(problem.field)).map((problem) => [problem.field, problem.message])),
  };
}
