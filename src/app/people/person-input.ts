import { z } from 'zod';
import { nhsNumberMessages, nhsNumberProblem, normaliseNhsNumber } from '../../domain/people/nhs-number.ts';
import { isPoliceNationalComputerId, isProbationReference } from '../../domain/people/identifiers.ts';
import type { PersonDetails } from '../../domain/people/person.ts';
import type { FieldProblem } from '../errors.ts';

const optionalText = (max: number, label: string) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} must be ${max} characters or fewer` })
    .optional()
    .transform((value) => (value === undefined || value === '' ? null : value));


export function personDetailsSchema(today: Temporal.PlainDate) {
  return z.object({
    givenNames: z
      .string({ error: 'Enter their given names' })
      .trim()
      .min(1, { error: 'Enter their given names' })
      .max(200, { error: 'Given names must be 200 characters or fewer' }),
    familyName: z
      .string({ error: 'Enter their family name' })
      .trim()
      .min(1, { error: 'Enter their family name' })
      .max(200, { error: 'Family name must be 200 characters or fewer' }),
    preferredName: optionalText(200, 'Preferred name'),
    otherNames: optionalText(500, 'Other names used'),
    dateOfBirth: z
      .string()
      .trim()
      .optional()
      .transform((value, context) => {
        if (value === undefined || value === '') return null;
        let date: Temporal.PlainDate;
        try {
          date = Temporal.PlainDate.from(value, { overflow: 'reject' });
        } catch {
          context.addIssue({ code: 'custom', message: 'Date of birth must be a real date' });
          return z.NEVER;
        }
        if (Temporal.PlainDate.compare(date, today) > 0) {
          context.addIssue({ code: 'custom', message: 'Date of birth must be today or in the past' });
          return z.NEVER;
        }
        if (date.year < 1900) {
          context.addIssue({ code: 'custom', message: 'Date of birth must be after 1900' });
          return z.NEVER;
        }
        return date.toString();
      }),
    nhsNumber: z
      .string()
      .trim()
      .optional()
      .transform((value, context) => {
        if (value === undefined || value === '') return null;
        const problem = nhsNumberProblem(value);
        if (problem) {
          context.addIssue({ code: 'custom', message: nhsNumberMessages[problem] });
          return z.NEVER;
        }
        return normaliseNhsNumber(value);
      }),
    pncId: z
      .string()
      .trim()
      .optional()
      .transform((value, context) => {
        if (value === undefined || value === '') return null;
        const upper = value.toUpperCase();
        if (!isPoliceNationalComputerId(upper)) {
          context.addIssue({ code: 'custom', message: 'Police National Computer ID must look like 12/3456789A: year, slash, number and check letter' });
          return z.NEVER;
        }
        return upper;
      }),
    probationReference: z
      .string()
      .trim()
      .optional()
      .transform((value, context) => {
        if (value === undefined || value === '') return null;
        const upper = value.toUpperCase();
        if (!isProbationReference(upper)) {
          context.addIssue({ code: 'custom', message: 'Probation case reference must be a letter followed by 6 digits, like X123456' });
          return z.NEVER;
        }
        return upper;
      }),
    address: optionalText(1000, 'Address'),
    preferredLanguage: optionalText(100, 'Preferred language'),
    interpreterNeeded: z
      .union([z.boolean(), z.enum(['yes', 'no'])], { error: 'Select whether they need an interpreter' })
      .transform((value) => value === true || value === 'yes'),
    communicationNeeds: optionalText(2000, 'Communication and access needs'),
  });
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export function problemsFrom(error: z.ZodError): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'body';
    if (seen.has(field)) continue;
    seen.add(field);
    problems.push({ field, message: issue.message });
  }
  return problems;
}

export function parseWith<T>(schema: z.ZodType<T>, raw: unknown): ParseResult<T> {
  const result = schema.safeParse(raw);
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: problemsFrom(result.error) };
}

export function parsePersonDetails(raw: unknown, today: Temporal.PlainDate): ParseResult<PersonDetails> {
  return parseWith(personDetailsSchema(today), raw) as ParseResult<PersonDetails>;
}
