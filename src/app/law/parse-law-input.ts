import { z } from 'zod';
import {
  eventTypes,
  relationships,
  type EvaluateInput,
  type LawEvent,
  type NearestRelativeInput,
} from '../../domain/law/contract.ts';
import type { FieldProblem } from '../errors.ts';

// Reads the law engine's JSON input as the public contract defines it, naming the field at fault in
// the contract's own notation (`events[3].at`).

const londonTimeZone = 'Europe/London';
const plainDatePattern = /^\d{4}-\d{2}-\d{2}$/;

// An instant with an offset or Z; a plain date means the start of that day in Europe/London.
const instant = z.string({ error: (issue) => (issue.input === undefined ? 'required' : 'not an ISO 8601 instant') }).transform((value, context) => {
  try {
    if (plainDatePattern.test(value)) {
      return Temporal.PlainDate.from(value, { overflow: 'reject' }).toZonedDateTime({ timeZone: londonTimeZone }).toInstant();
    }
    return Temporal.Instant.from(value);
  } catch {
    context.addIssue({ code: 'custom', message: 'not an ISO 8601 instant with an offset or Z (or a plain date)' });
    return z.NEVER;
  }
});

const plainDate = z.string({ error: (issue) => (issue.input === undefined ? 'required' : 'not an ISO 8601 date') }).transform((value, context) => {
  try {
    if (!plainDatePattern.test(value)) throw new RangeError('not a date');
    return Temporal.PlainDate.from(value, { overflow: 'reject' });
  } catch {
    context.addIssue({ code: 'custom', message: 'not an ISO 8601 date (YYYY-MM-DD)' });
    return z.NEVER;
  }
});

// A date where the contract asks for one but an instant is also a fair reading: its day in London.
const dateOrInstant = z.string({ error: 'not an ISO 8601 date' }).transform((value, context) => {
  try {
    if (plainDatePattern.test(value)) return Temporal.PlainDate.from(value, { overflow: 'reject' });
    return Temporal.Instant.from(value).toZonedDateTimeISO(londonTimeZone).toPlainDate();
  } catch {
    context.addIssue({ code: 'custom', message: 'not an ISO 8601 date (YYYY-MM-DD)' });
    return z.NEVER;
  }
});

const recommendation = z.object({
  examinedAt: instant,
  signedAt: instant,
  s12Approved: z.boolean({ error: 'must be true or false' }).default(false),
  previousAcquaintance: z.boolean({ error: 'must be true or false' }).default(false),
});

const application = z.object({
  madeAt: instant.optional(),
  applicant: z.enum(['amhp', 'nr'], { error: 'must be "amhp" or "nr"' }).optional(),
  applicantLastSawPatientAt: instant.optional(),
  recommendations: z.array(recommendation, { error: 'must be a list' }).default([]),
});

const base = { at: instant };
const event = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.enum(['s4-admitted', 's2-admitted', 's3-admitted']), ...base, application: application.optional() }),
    z.object({ type: z.literal('place-of-safety-arrival'), ...base, power: z.enum(['s135(1)', 's136'], { error: 'must be "s135(1)" or "s136"' }) }),
    z.object({
      type: z.literal('place-of-safety-extended'),
      ...base,
      hours: z.number({ error: 'must be a number of hours from 1 to 12' }).int({ error: 'must be a whole number of hours' }).min(1, { error: 'must be at least 1' }).max(12, { error: 'must be at most 12 (s136B)' }),
    }),
    z.object({
      type: z.literal('court-order'),
      ...base,
      order: z.enum(['s35', 's36', 's37', 's38', 's45A'], { error: 'must be one of "s35", "s36", "s37", "s38", "s45A"' }),
      restricted: z.boolean({ error: 'must be true or false' }).default(false),
    }),
    z.object({
      type: z.literal('transfer-direction'),
      ...base,
      direction: z.enum(['s47', 's48'], { error: 'must be "s47" or "s48"' }),
      restricted: z.boolean({ error: 'must be true or false' }).default(false),
    }),
    z.object({
      type: z.literal('discharged'),
      ...base,
      kind: z.enum(['absolute', 'conditional'], { error: 'must be "absolute" or "conditional"' }),
      by: z.enum(['rc', 'managers', 'nr', 'tribunal', 'sos'], { error: 'must be one of "rc", "managers", "nr", "tribunal", "sos"' }),
    }),
    z.object({ type: z.literal('tribunal-application'), ...base, applicant: z.enum(['patient', 'nr'], { error: 'must be "patient" or "nr"' }) }),
    z.object({
      type: z.enum(
        eventTypes.filter(
          (type) =>
            ![
              's4-admitted',
              's2-admitted',
              's3-admitted',
              'place-of-safety-arrival',
              'place-of-safety-extended',
              'court-order',
              'transfer-direction',
              'discharged',
              'tribunal-application',
            ].includes(type),
        ) as [string, ...string[]],
      ),
      ...base,
    }),
  ],
  { error: (issue) => ((issue.input as { type?: unknown } | undefined)?.type === undefined ? 'required: every event has a type' : `unknown event type; expected one of ${eventTypes.join(', ')}`) },
);

const evaluateSchema = z.object({
  asOf: instant,
  person: z.object({ dateOfBirth: plainDate.optional() }, { error: 'must be an object' }).optional(),
  commencements: z.record(z.string().regex(/^[a-z0-9]+\.[A-Za-z0-9()]+$/, { error: 'keys are <act>.<section>, like mha2025.s29' }), plainDate, { error: 'must be an object of dates' }).optional(),
  events: z.array(event, { error: 'must be a list of events' }),
});

const relativeSchema = z.object({
  id: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }),
  relationship: z.enum(relationships, { error: `must be one of ${relationships.join(', ')}` }),
  dateOfBirth: plainDate.optional(),
  halfBlood: z.boolean({ error: 'must be true or false' }).default(false),
  residesInUK: z.boolean({ error: 'must be true or false' }).default(true),
  permanentlySeparated: z.boolean({ error: 'must be true or false' }).default(false),
  deserted: z.boolean({ error: 'must be true or false' }).default(false),
  parentalResponsibility: z.boolean({ error: 'must be true or false' }).optional(),
  livesWithOrCaresForPatient: z.boolean({ error: 'must be true or false' }).default(false),
  livingWithPatientSince: plainDate.optional(),
});

const nearestRelativeSchema = z.object({
  asOf: dateOrInstant,
  patient: z.object({ dateOfBirth: plainDate.optional(), residesInUK: z.boolean({ error: 'must be true or false' }).default(true) }, { error: 'must be an object' }),
  relatives: z.array(relativeSchema, { error: 'must be a list of relatives' }),
});

export function contractPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text || '(body)';
}

function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ field: contractPath(issue.path), message: issue.message }));
}

export type LawParseResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export function parseEvaluateInput(raw: unknown): LawParseResult<EvaluateInput> {
  const parsed = evaluateSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error) };
  const { asOf } = parsed.data;
  const problems: FieldProblem[] = [];
  const events: LawEvent[] = parsed.data.events.map((event, index) => {
    if (Temporal.Instant.compare(event.at, asOf) > 0) problems.push({ field: `events[${index}].at`, message: 'is after asOf: the history cannot hold events after the moment it is asked about' });
    const common = { index, at: event.at };
    if (event.type === 's2-admitted' || event.type === 's3-admitted' || event.type === 's4-admitted') {
      const application = 'application' in event ? event.application : undefined;
      return {
        ...common,
        type: event.type,
        application: application
          ? {
              madeAt: application.madeAt ?? null,
              applicant: application.applicant ?? null,
              applicantLastSawPatientAt: application.applicantLastSawPatientAt ?? null,
              recommendations: application.recommendations,
            }
          : null,
      } as LawEvent;
    }
    return { ...event, ...common } as LawEvent;
  });
  if (problems.length > 0) return { ok: false, problems };
  // Stable: events at the same instant keep the order they were given in.
  events.sort((a, b) => Temporal.Instant.compare(a.at, b.at) || a.index - b.index);
  return {
    ok: true,
    value: {
      asOf,
      person: { dateOfBirth: parsed.data.person?.dateOfBirth ?? null },
      commencements: parsed.data.commencements ?? {},
      events,
    },
  };
}

export function parseNearestRelativeInput(raw: unknown): LawParseResult<NearestRelativeInput> {
  const parsed = nearestRelativeSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error) };
  const seen = new Map<string, number>();
  const problems: FieldProblem[] = [];
  parsed.data.relatives.forEach((relative, index) => {
    if (seen.has(relative.id)) problems.push({ field: `relatives[${index}].id`, message: `repeats the id of relatives[${seen.get(relative.id)}]` });
    seen.set(relative.id, index);
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      asOf: parsed.data.asOf,
      patient: { dateOfBirth: parsed.data.patient.dateOfBirth ?? null, residesInUK: parsed.data.patient.residesInUK },
      relatives: parsed.data.relatives.map((relative) => ({
        id: relative.id,
        relationship: relative.relationship,
        dateOfBirth: relative.dateOfBirth ?? null,
        halfBlood: relative.halfBlood,
        residesInUK: relative.residesInUK,
        permanentlySeparated: relative.permanentlySeparated,
        deserted: relative.deserted,
        parentalResponsibility: relative.parentalResponsibility ?? null,
        livesWithOrCaresForPatient: relative.livesWithOrCaresForPatient,
        livingWithPatientSince: relative.livingWithPatientSince ?? null,
      })),
    },
  };
}
