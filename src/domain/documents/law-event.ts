import { formByCode } from './catalogue.ts';
import { fieldById, recommendationFacts, valueOf } from './check.ts';
import { parseFormMoment, toLondonOffsetDateTime } from './form-time.ts';
import type { FormDefinition } from './form-types.ts';

// Turns a completed form into the law engine's input event, in the JSON shape of the public contract
// (shared spec: law-engine.md): `type`, `at` as an ISO 8601 datetime with its London offset, and for an
// application the `application` object. A plain date on a form stands for the start of that London day.

export class FormValuesError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'FormValuesError';
    this.field = field;
  }
}

export interface LawEventExtra {
  // The values of the recommendation forms founding an application (e.g. one A3, or two A4s), in order.
  recommendations?: Record<string, string>[];
  // Whether each recommending doctor (in the order the recommendations give them, a joint form giving two)
  // was approved under s12 (or an approved clinician) when they signed, from their approval records.
  // Where absent, the doctor's statement on the form is used.
  signerS12Approved?: boolean[];
  // The values of Form H3 (Part 1 gives the time of admission, the event's `at`), or the time alone.
  admission?: Record<string, string>;
  admittedAt?: string;
}

function offsetDateTime(form: FormDefinition, values: Record<string, string>, id: string, where = id): string {
  const field = fieldById(form, id);
  if (field === undefined || (field.type !== 'date' && field.type !== 'datetime')) throw new FormValuesError(where, `Form ${form.code} has no date or time field '${id}'.`);
  const value = valueOf(values, id);
  if (value === '') throw new FormValuesError(where, 'is missing.');
  const parsed = parseFormMoment(field.type, value);
  if (!parsed.ok) throw new FormValuesError(where, parsed.message);
  return toLondonOffsetDateTime(parsed.moment.instant);
}

function admissionTime(extra: LawEventExtra): string {
  const value = valueOf(extra.admission ?? {}, 'admittedAt') || (extra.admittedAt ?? '').trim();
  if (value === '') throw new FormValuesError('admittedAt', "the time of admission (Form H3 Part 1) is needed as the event's time: pass the H3 values as `admission`.");
  const parsed = parseFormMoment(value.includes('T') ? 'datetime' : 'date', value);
  if (!parsed.ok) throw new FormValuesError('admittedAt', parsed.message);
  return toLondonOffsetDateTime(parsed.moment.instant);
}

// The recommendation form whose fields a set of values fills (a joint form fills 'first…' fields).
function recommendationFormFor(codes: string[], values: Record<string, string>, index: number): FormDefinition {
  for (const code of codes) {
    const candidate = formByCode(code);
    const firstSpec = candidate?.recommendations[0];
    if (candidate !== undefined && firstSpec !== undefined && valueOf(values, firstSpec.examinedField) !== '') return candidate;
  }
  throw new FormValuesError(`recommendations[${index}]`, `does not read as Form ${codes.join(' or Form ')}.`);
}

// The law-engine event a completed form records, or null for a form that records none (the definition's
// `feeds` is null, and its `engineNote` says why), or for Form H3 before its Part 2 is completed. Expects
// values that checkForm accepts; throws a FormValuesError naming the field when a value the event needs is
// missing or malformed.
export function lawEventFromForm(form: FormDefinition, values: Record<string, string>, extra: LawEventExtra = {}): Record<string, unknown> | null {
  if (form.feeds === null) return null;
  const spec = form.application;
  if (spec !== null) {
    const recommendations = (extra.recommendations ?? []).flatMap((recommendationValues, index) => {
      const recommendationForm = recommendationFormFor(spec.recommendationForms, recommendationValues, index);
      return recommendationFacts(recommendationForm, recommendationValues).map((facts) => ({
        examinedAt: offsetDateTime(recommendationForm, recommendationValues, facts.spec.examinedField, `recommendations[${index}].${facts.spec.examinedField}`),
        signedAt: offsetDateTime(recommendationForm, recommendationValues, facts.spec.signedField, `recommendations[${index}].${facts.spec.signedField}`),
        s12Approved: facts.s12Approved,
        previousAcquaintance: facts.previousAcquaintance,
      }));
    });
    recommendations.forEach((recommendation, position) => {
      const approved = extra.signerS12Approved?.[position];
      if (typeof approved === 'boolean') recommendation.s12Approved = approved;
    });
    return {
      type: form.feeds,
      at: admissionTime(extra),
      application: {
        madeAt: offsetDateTime(form, values, spec.madeField),
        applicant: spec.applicant,
        applicantLastSawPatientAt: offsetDateTime(form, values, spec.lastSawField),
        recommendations,
      },
    };
  }
  const atField = form.eventAtField;
  if (atField === null) throw new FormValuesError(form.code, 'the definition names no field for the time of its event.');
  const field = fieldById(form, atField);
  if (field !== undefined && !field.required && valueOf(values, atField) === '') return null;
  return { type: form.feeds, at: offsetDateTime(form, values, atField) };
}
