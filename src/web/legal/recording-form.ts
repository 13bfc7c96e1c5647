import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { InvalidInput, type FieldProblem } from '../../app/errors.ts';
import { refuseFuture } from '../../app/legal/record-legal.ts';
import { parseWith } from '../../app/people/person-input.ts';
import type { Placement } from '../../domain/legal/legal-entries.ts';
import { dateTimeValues, isDateTimeProblem, readDateTime, type DateTimeValues } from '../core/date-time-input.ts';
import { formatDateTime } from '../core/dates.ts';
import { text } from '../core/forms.ts';
import type { Journey, JourneyAnswers, JourneyField, JourneyInput } from './recording-journeys.ts';
import { noPlacementValue, type PlacementChoices } from './recording-placement.ts';

// Reading a journey's form, and what its pages show: the questions with the answers given so far, and
// the answers to check before saving. The questions come from the journey's row in the table, so every
// journey reads and shows its answers the same way.

export const whenField = 'at';
const dateTimeParts = ['day', 'month', 'year', 'time'] as const;

export function journeyFields(journey: Journey): JourneyField[] {
  return journey.sections.flatMap((section) => section.fields);
}

// Every name the form posts, so that the check-your-answers page can carry them forward unchanged.
export function formFieldNames(journey: Journey): string[] {
  const names = [...dateTimeParts.map((part) => `${whenField}-${part}`), 'placement', 'note'];
  for (const field of journeyFields(journey)) {
    if (field.kind === 'date-time') names.push(...dateTimeParts.map((part) => `${field.name}-${part}`));
    else names.push(field.name);
  }
  return names;
}

function isBlankDateTime(body: Record<string, unknown>, name: string): boolean {
  return dateTimeParts.every((part) => text(body[`${name}-${part}`]).trim() === '');
}

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

// The zod schema for the questions other than dates and times (those use the shared date-time reader).
function fieldSchema(field: Exclude<JourneyField, { kind: 'date-time' }>): z.ZodType<string | number | boolean | null> {
  switch (field.kind) {
    case 'choice': {
      const values = field.choices.map((choice) => choice.value) as [string, ...string[]];
      const choice = z.enum(values, { error: field.missing });
      return z.preprocess(blankToUndefined, field.optional ? choice.optional().transform((value) => value ?? null) : choice);
    }
    case 'yes-no': {
      const answer = z.enum(['yes', 'no'], { error: field.missing }).transform((value) => value === 'yes');
      return z.preprocess(blankToUndefined, field.optional ? answer.optional().transform((value) => value ?? null) : answer);
    }
    case 'whole-number':
      return z.preprocess(
        blankToUndefined,
        z
          .string({ error: field.missing })
          .trim()
          .regex(/^\d{1,3}$/, { error: field.outOfRange })
          .transform(Number)
          .pipe(z.number().min(field.min, { error: field.outOfRange }).max(field.max, { error: field.outOfRange })),
      );
    case 'text': {
      const tooLong = `${field.label.replace(/ \(optional\)$/, '')} must be ${field.max} characters or fewer`;
      if (field.missing) return z.string({ error: field.missing }).trim().min(1, { error: field.missing }).max(field.max, { error: tooLong });
      return z
        .string()
        .trim()
        .max(field.max, { error: tooLong })
        .optional()
        .transform((value) => (value ? value : null));
    }
  }
}

function noteSchema(journey: Journey) {
  const note = journey.note;
  if (note === null) return null;
  const tooLong = `${note.label.replace(/ \(optional\)$/, '')} must be 2000 characters or fewer`;
  if (note.required) return z.string({ error: note.required }).trim().min(1, { error: note.required }).max(2000, { error: tooLong });
  return z
    .string()
    .trim()
    .max(2000, { error: tooLong })
    .optional()
    .transform((value) => (value ? value : null));
}

function placementSchema(journey: Journey, choices: PlacementChoices) {
  if (journey.placement === 'none') return null;
  const destination = journey.placement === 'destination';
  const missing = destination ? 'Select the hospital the patient is transferred to' : 'Select the hospital and ward, or that none is recorded';
  return z.string({ error: missing }).transform((value, context): Placement | null => {
    if (!destination && value === noPlacementValue) return null;
    const found = choices.options.find((option) => option.value === value);
    if (!found) {
      context.addIssue({ code: 'custom', message: missing });
      return z.NEVER;
    }
    return found.placement;
  });
}

export interface JourneyReading {
  input: JourneyInput | null;
  problems: FieldProblem[];
  // The box to link to for a date-time problem (the day, or the time).
  fieldIds: Record<string, string>;
}

// A moment, refused if it lies in the future unless the question allows it (leave is granted ahead).
function readMoment(context: AppContext, body: Record<string, unknown>, name: string, label: string, futureAllowed: boolean, fieldIds: Record<string, string>): { value: string } | { problem: FieldProblem } {
  const reading = readDateTime(body, name, label);
  if (isDateTimeProblem(reading)) {
    fieldIds[name] = reading.focusId;
    return { problem: reading.problem };
  }
  fieldIds[name] = `${name}-day`;
  if (!futureAllowed) {
    try {
      refuseFuture(context, name, reading.value, label);
    } catch (error) {
      if (error instanceof InvalidInput) return { problem: error.problems[0]! };
      throw error;
    }
  }
  return { value: reading.value };
}

export function readJourneyForm(context: AppContext, journey: Journey, body: Record<string, unknown>, choices: PlacementChoices): JourneyReading {
  const fieldIds: Record<string, string> = { placement: 'placement', event: 'record-form' };
  const problems: FieldProblem[] = [];
  const answers: JourneyAnswers = {};

  const when = readMoment(context, body, whenField, journey.when.label, journey.when.futureAllowed === true, fieldIds);
  if ('problem' in when) problems.push(when.problem);

  const shape: Record<string, z.ZodType> = {};
  for (const field of journeyFields(journey)) {
    if (field.kind === 'date-time') {
      if (field.optional && isBlankDateTime(body, field.name)) {
        answers[field.name] = null;
        continue;
      }
      const moment = readMoment(context, body, field.name, field.label, field.name === 'leaveTo', fieldIds);
      if ('problem' in moment) problems.push(moment.problem);
      else answers[field.name] = moment.value;
    } else {
      shape[field.name] = fieldSchema(field);
    }
  }
  // Journeys that do not ask where the person is, or for a note, leave them out.
  const placementQuestion = placementSchema(journey, choices);
  if (placementQuestion) shape.placement = placementQuestion;
  const noteQuestion = noteSchema(journey);
  if (noteQuestion) shape.note = noteQuestion;
  const parsed = parseWith(z.object(shape), body);
  let placement: Placement | null = null;
  let note: string | null = null;
  if (parsed.ok) {
    const values = parsed.value as Record<string, unknown>;
    for (const [name, value] of Object.entries(values)) {
      if (name === 'placement') placement = value as Placement | null;
      else if (name === 'note') note = value as string | null;
      else answers[name] = value as string | number | boolean | null;
    }
  } else {
    problems.push(...parsed.problems);
  }

  // In the order of the page, so that the error summary reads top to bottom.
  const order = [whenField, ...journeyFields(journey).map((field) => field.name), 'placement', 'note'];
  problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  if (problems.length > 0 || 'problem' in when) return { input: null, problems, fieldIds };

  const input: JourneyInput = { at: when.value, placement, note, answers };
  const crossProblems = journey.check?.(input) ?? [];
  if (crossProblems.length > 0) return { input: null, problems: crossProblems, fieldIds };
  return { input, problems: [], fieldIds };
}

// The view of one question, ready for the template's macros.
export interface FieldView {
  kind: JourneyField['kind'];
  name: string;
  legend: string;
  hint: string | null;
  value: string;
  dateTime: DateTimeValues | null;
  items: { value: string; text: string; hint?: { text: string }; checked: boolean }[];
}

export interface SectionView {
  heading: string | null;
  hint: string | null;
  fields: FieldView[];
}

export function sectionViews(journey: Journey, body: Record<string, unknown>): SectionView[] {
  return journey.sections.map((section) => ({
    heading: section.heading,
    hint: section.hint ?? null,
    fields: section.fields.map((field): FieldView => {
      const value = field.kind === 'date-time' ? '' : text(body[field.name]);
      const choiceItems =
        field.kind === 'choice'
          ? field.choices.map((choice) => ({ value: choice.value, text: choice.text, ...(choice.hint ? { hint: { text: choice.hint } } : {}), checked: choice.value === value }))
          : field.kind === 'yes-no'
            ? [
                { value: 'yes', text: 'Yes', checked: value === 'yes' },
                { value: 'no', text: 'No', checked: value === 'no' },
              ]
            : [];
      return {
        kind: field.kind,
        name: field.name,
        legend: 'legend' in field ? field.legend : field.label,
        hint: field.hint ?? null,
        value,
        dateTime: field.kind === 'date-time' ? dateTimeValues(body, field.name) : null,
        items: choiceItems,
      };
    }),
  }));
}

export function placementItems(choices: PlacementChoices, journey: Journey, selected: string) {
  const items = choices.options.map((option) => ({ value: option.value, text: option.text, selected: option.value === selected }));
  if (journey.placement === 'destination') return [{ value: '', text: 'Select a hospital', selected: selected === '' }, ...items];
  return [...items, { value: noPlacementValue, text: 'Not recorded with this event', selected: selected === noPlacementValue }];
}

// The answers as summary list rows for the check-your-answers page.
export function answerRows(journey: Journey, input: JourneyInput): { key: { text: string }; value: { text: string } }[] {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  const rows = [row(journey.when.legend, formatDateTime(input.at))];
  for (const field of journeyFields(journey)) {
    const answer = input.answers[field.name];
    if (answer === null || answer === undefined) continue;
    const legend = 'legend' in field ? field.legend : field.label;
    if (field.kind === 'date-time') rows.push(row(legend, formatDateTime(String(answer))));
    else if (field.kind === 'choice') rows.push(row(legend, field.choices.find((choice) => choice.value === answer)?.text ?? String(answer)));
    else if (field.kind === 'yes-no') rows.push(row(legend, answer === true ? 'Yes' : 'No'));
    else rows.push(row(legend, String(answer)));
  }
  if (journey.placement === 'destination') rows.push(row('Hospital and ward transferred to', placementText(input.placement)));
  else if (journey.placement === 'event') rows.push(row('Hospital and ward', placementText(input.placement)));
  if (journey.note !== null && input.note !== null) rows.push(row(journey.note.label.replace(/ \(optional\)$/, ''), input.note));
  return rows;
}

function placementText(placement: Placement | null): string {
  if (placement === null) return 'Not recorded with this event';
  return placement.teamName ? `${placement.agencyName}: ${placement.teamName}` : placement.agencyName;
}
