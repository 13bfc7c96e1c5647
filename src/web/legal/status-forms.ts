import { z } from 'zod';
import type { FieldProblem } from '../../app/errors.ts';
import { parseWith } from '../../app/people/person-input.ts';
import { relationships } from '../../domain/law/contract.ts';
import { certificateForms, nearestRelativeOrderKinds, tribunalReferenceProvisions, type CertificateForm, type NearestRelativeOrderKind, type TribunalReferenceProvision } from '../../domain/legal/legal-entries.ts';
import type { LegalEntryContent } from '../../domain/people/person.ts';
import { readDateInput, type DateInputReading } from '../admin/date-input.ts';
import { readDateTime, dateTimeValues, type DateTimeValues } from '../core/date-time-input.ts';
import { text } from '../core/forms.ts';

// The small forms kept beside the legal events: a relative, an order about the nearest relative,
// information about rights given, a consent-to-treatment certificate. Each reader returns what was typed
// (to show again), the entry to append when everything is valid, every problem found, and the id of the
// box each problem's link in the error summary should move focus to.

export interface FormReading {
  values: Record<string, unknown>;
  content: LegalEntryContent | null;
  problems: FieldProblem[];
  fieldIds: Record<string, string>;
}

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} must be ${max} characters or fewer` })
    .transform((value) => (value === '' ? null : value));

function dateReading(body: Record<string, unknown>, field: string, label: string, required: boolean, problems: FieldProblem[], fieldIds: Record<string, string>): DateInputReading {
  const reading = readDateInput(body, { field, label, required });
  if (reading.problem) {
    problems.push(reading.problem);
    fieldIds[field] = `${field}-${reading.partsInError[0] ?? 'day'}`;
  }
  return reading;
}

function dateTimeReading(body: Record<string, unknown>, field: string, label: string, problems: FieldProblem[], fieldIds: Record<string, string>): string | null {
  const reading = readDateTime(body, field, label);
  fieldIds[field] = `${field}-day`;
  if ('problem' in reading) {
    problems.push(reading.problem);
    fieldIds[field] = reading.focusId;
    return null;
  }
  return reading.value;
}

function dateValues(reading: DateInputReading) {
  return { ...reading.values, partsInError: reading.partsInError };
}

// Facts about a relative that s26 turns on, as checkboxes. Two are asked the other way round from the
// record's fields, so that leaving a box unticked means the ordinary case: a relative lives in the UK,
// and a father has parental responsibility unless the parents were not married and he never acquired it.
export const relativeFacts = {
  halfBlood: 'Related by the half blood (for example, a half-sister)',
  livesWithOrCaresForPatient: 'The patient lives with them or is cared for by them',
  notResidingInUK: 'Does not ordinarily live in the United Kingdom, the Channel Islands or the Isle of Man',
  permanentlySeparated: 'Permanently separated from the patient (husband, wife or civil partner)',
  deserted: 'Has deserted the patient or been deserted by them (husband, wife or civil partner)',
  fatherWithoutParentalResponsibility: 'A father who never had parental responsibility (the parents were not married to each other)',
} as const;
type RelativeFact = keyof typeof relativeFacts;

const relativeSchema = z.object({
  name: z
    .string({ error: 'Enter the relative\u2019s name' })
    .trim()
    .min(1, { error: 'Enter the relative\u2019s name' })
    .max(200, { error: 'Name must be 200 characters or fewer' }),
  relationship: z.enum(relationships, { error: 'Select the relationship to the patient' }),
  contact: optionalText(1000, 'Contact details'),
});

// s26(6), s26(7): a cohabitant counts after six months living together, a non-relative after five years.
const needsLivingSince = new Set<string>(['cohabitant', 'non-relative-co-resident']);

export function readRelativeForm(body: Record<string, unknown>, relativeId: string, today: Temporal.PlainDate): FormReading {
  const problems: FieldProblem[] = [];
  const fieldIds: Record<string, string> = { relationship: 'relationship' };
  const facts = listOf(body.facts).filter((fact): fact is RelativeFact => fact in relativeFacts);
  const parsed = parseWith(relativeSchema, { name: text(body.name), relationship: text(body.relationship) || undefined, contact: text(body.contact) });
  if (!parsed.ok) problems.push(...parsed.problems);
  const born = dateReading(body, 'dateOfBirth', 'Date of birth', false, problems, fieldIds);
  const livingSince = dateReading(body, 'livingWithPatientSince', 'Date they began living with the patient', false, problems, fieldIds);
  for (const [field, reading, label] of [
    ['dateOfBirth', born, 'Date of birth'],
    ['livingWithPatientSince', livingSince, 'Date they began living with the patient'],
  ] as const) {
    if (reading.isoDate && Temporal.PlainDate.compare(Temporal.PlainDate.from(reading.isoDate), today) > 0) {
      problems.push({ field, message: `${label} must be today or in the past` });
    }
  }
  const relationship = text(body.relationship);
  if (needsLivingSince.has(relationship) && !livingSince.isoDate && !livingSince.problem) {
    problems.push({
      field: 'livingWithPatientSince',
      message:
        relationship === 'cohabitant'
          ? 'Enter the date they began living with the patient: they count only after 6 months (section 26(6))'
          : 'Enter the date they began living with the patient: they count only after 5 years (section 26(7))',
    });
    fieldIds.livingWithPatientSince = 'livingWithPatientSince-day';
  }
  const values = {
    name: text(body.name),
    relationship,
    contact: text(body.contact),
    facts,
    dateOfBirth: dateValues(born),
    livingWithPatientSince: dateValues(livingSince),
  };
  if (!parsed.ok || problems.length > 0) return { values, content: null, problems, fieldIds };
  const has = (fact: RelativeFact) => facts.includes(fact);
  return {
    values,
    problems,
    fieldIds,
    content: {
      kind: 'relative-recorded',
      data: {
        relativeId,
        name: parsed.value.name,
        relationship: parsed.value.relationship,
        dateOfBirth: born.isoDate,
        halfBlood: has('halfBlood'),
        residesInUK: !has('notResidingInUK'),
        permanentlySeparated: has('permanentlySeparated'),
        deserted: has('deserted'),
        parentalResponsibility: !has('fatherWithoutParentalResponsibility'),
        livesWithOrCaresForPatient: has('livesWithOrCaresForPatient'),
        livingWithPatientSince: livingSince.isoDate,
        contact: parsed.value.contact,
      },
    },
  };
}

const orderSchema = z.object({
  kind: z.enum(Object.keys(nearestRelativeOrderKinds) as [NearestRelativeOrderKind, ...NearestRelativeOrderKind[]], { error: 'Select whether this is a delegation or a displacement' }),
  actingName: z
    .string({ error: 'Enter the name of the person who acts as nearest relative' })
    .trim()
    .min(1, { error: 'Enter the name of the person who acts as nearest relative' })
    .max(200, { error: 'Name must be 200 characters or fewer' }),
  detail: optionalText(2000, 'Details'),
});

export function readNearestRelativeOrderForm(body: Record<string, unknown>): FormReading {
  const problems: FieldProblem[] = [];
  const fieldIds: Record<string, string> = { kind: 'kind' };
  const parsed = parseWith(orderSchema, { kind: text(body.kind) || undefined, actingName: text(body.actingName), detail: text(body.detail) });
  if (!parsed.ok) problems.push(...parsed.problems);
  const from = dateReading(body, 'from', 'Date it takes effect', true, problems, fieldIds);
  const to = dateReading(body, 'to', 'Date it ends', false, problems, fieldIds);
  if (from.isoDate && to.isoDate && Temporal.PlainDate.compare(Temporal.PlainDate.from(to.isoDate), Temporal.PlainDate.from(from.isoDate)) < 0) {
    problems.push({ field: 'to', message: 'Date it ends must be the same as or after the date it takes effect' });
    fieldIds.to = 'to-day';
  }
  const values = { kind: text(body.kind), actingName: text(body.actingName), detail: text(body.detail), from: dateValues(from), to: dateValues(to) };
  if (!parsed.ok || problems.length > 0) return { values, content: null, problems, fieldIds };
  return {
    values,
    problems,
    fieldIds,
    content: { kind: 'nearest-relative-order-recorded', data: { kind: parsed.value.kind, actingName: parsed.value.actingName, from: from.isoDate!, to: to.isoDate, detail: parsed.value.detail } },
  };
}

const rightsSchema = z.object({
  provision: z.enum(['s132', 's132A'], { error: 'Select whether this was section 132 or section 132A information' }),
  understood: z.enum(['yes', 'no'], { error: 'Select whether the patient appeared to understand' }),
  note: optionalText(2000, 'Note'),
});

export function readRightsForm(body: Record<string, unknown>): FormReading {
  const problems: FieldProblem[] = [];
  const fieldIds: Record<string, string> = { provision: 'provision', understood: 'understood' };
  const parsed = parseWith(rightsSchema, { provision: text(body.provision) || undefined, understood: text(body.understood) || undefined, note: text(body.note) });
  const at = dateTimeReading(body, 'at', 'Date and time the information was given', problems, fieldIds);
  if (!parsed.ok) problems.push(...parsed.problems);
  const values = { provision: text(body.provision), understood: text(body.understood), note: text(body.note), at: dateTimeValues(body, 'at') };
  if (!parsed.ok || at === null) return { values, content: null, problems, fieldIds };
  return {
    values,
    problems,
    fieldIds,
    content: { kind: 'rights-information-given', data: { provision: parsed.value.provision, at, understood: parsed.value.understood === 'yes', note: parsed.value.note } },
  };
}

const certificateSchema = z.object({
  form: z.enum(Object.keys(certificateForms) as [CertificateForm, ...CertificateForm[]], { error: 'Select the certificate form' }),
  treatment: z
    .string({ error: 'Describe the treatment the certificate covers' })
    .trim()
    .min(1, { error: 'Describe the treatment the certificate covers' })
    .max(2000, { error: 'Treatment must be 2000 characters or fewer' }),
});

export function readCertificateForm(body: Record<string, unknown>): FormReading {
  const problems: FieldProblem[] = [];
  const fieldIds: Record<string, string> = { form: 'form' };
  const parsed = parseWith(certificateSchema, { form: text(body.form) || undefined, treatment: text(body.treatment) });
  if (!parsed.ok) problems.push(...parsed.problems);
  const at = dateTimeReading(body, 'at', 'Date and time of the certificate', problems, fieldIds);
  const values = { form: text(body.form), treatment: text(body.treatment), at: dateTimeValues(body, 'at') };
  if (!parsed.ok || at === null) return { values, content: null, problems, fieldIds };
  return { values, problems, fieldIds, content: { kind: 'certificate-recorded', data: { form: parsed.value.form, at, treatment: parsed.value.treatment } } };
}

const tribunalReferenceSchema = z.object({
  provision: z.enum(Object.keys(tribunalReferenceProvisions) as [TribunalReferenceProvision, ...TribunalReferenceProvision[]], { error: 'Select who made the reference and under which section' }),
  note: optionalText(2000, 'Note'),
});

// Which due reference it met is not asked: the application works it out from the record (see
// ../../app/legal/record-tribunal-reference.ts), so `met` is left empty here.
export function readTribunalReferenceForm(body: Record<string, unknown>): FormReading {
  const problems: FieldProblem[] = [];
  const fieldIds: Record<string, string> = { provision: 'provision' };
  const parsed = parseWith(tribunalReferenceSchema, { provision: text(body.provision) || undefined, note: text(body.note) });
  if (!parsed.ok) problems.push(...parsed.problems);
  const at = dateTimeReading(body, 'at', 'Date and time the reference was sent', problems, fieldIds);
  const values = { provision: text(body.provision), note: text(body.note), at: dateTimeValues(body, 'at') };
  if (!parsed.ok || at === null) return { values, content: null, problems, fieldIds };
  return {
    values,
    problems,
    fieldIds,
    content: { kind: 'tribunal-reference-made', data: { at, by: tribunalReferenceProvisions[parsed.value.provision].by, provision: parsed.value.provision, met: null, note: parsed.value.note } },
  };
}

export type { DateTimeValues };
