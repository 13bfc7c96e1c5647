import type { FieldProblem } from '../../app/errors.ts';
import type { FormInput } from '../../app/documents/receive-document.ts';
import { possibleApprovals, type SignerInput, type StaffSigner } from '../../app/documents/signers.ts';
import { fieldsOf, formByCode, londonInstant, type FormDefinition, type FormField, type Signatory } from '../../domain/documents/forms.ts';
import { approvalKindKeys, approvalKinds, type ApprovalKind } from '../../domain/organisation/approvals.ts';
import { readDateInput } from '../admin/date-input.ts';
import { dateTimeValues, isDateTimeProblem, readDateTime } from '../core/date-time-input.ts';
import { text } from '../core/forms.ts';

// A statutory form as a web form, built from its definition in the catalogue: each part a fieldset of
// its fields, and for each signed part a choice of who signed. One page may carry several forms (an
// application with its medical recommendations and the record of admission), so every name on the page
// starts with the form's slot: `document-signedOn`, `recommendation1-examinedOn-day`,
// `admission-signer-managers-officer`.

export type Slot = 'document' | 'recommendation1' | 'recommendation2' | 'admission';

export interface SlotForm {
  slot: Slot;
  form: FormDefinition;
  // Only these parts are shown and read (Form H3 Part 1 with an application).
  partIds?: readonly string[];
}

// The value of the signer choice for someone who is not a member of staff in Accord.
export const outsideSigner = 'outside';

const datePartNames = ['day', 'month', 'year'] as const;
const dateTimePartNames = ['day', 'month', 'year', 'time'] as const;

export function fieldName(slot: Slot, fieldId: string): string {
  return `${slot}-${fieldId}`;
}

// How the application layer names a slot's fields in its problems.
export function slotPrefix(slot: Slot): string {
  return slot === 'recommendation1' ? 'recommendations[0]' : slot === 'recommendation2' ? 'recommendations[1]' : slot;
}

export function signerName(slot: Slot, signatoryId: string): string {
  return `${slot}-signer-${signatoryId}`;
}

function partsOf(slotForm: SlotForm) {
  return slotForm.form.parts.filter((part) => slotForm.partIds === undefined || slotForm.partIds.includes(part.id));
}

function lowerFirst(value: string): string {
  return value.charAt(0).toLowerCase() + value.slice(1);
}

// The recommendation forms an application may come with, as the choices offered before the form: one
// joint form, or two single forms (or the one form an emergency application needs).
export function recommendationChoices(form: FormDefinition): { value: string; codes: string[]; text: string }[] {
  const spec = form.application;
  if (spec === null) return [];
  const describe = (code: string) => `Form ${code} (${lowerFirst(formByCode(code)?.title ?? code)})`;
  if (spec.recommendationsNeeded === 1) return spec.recommendationForms.map((code) => ({ value: code, codes: [code], text: `One medical recommendation: ${describe(code)}` }));
  return spec.recommendationForms.map((code) => {
    const joint = (formByCode(code)?.recommendations.length ?? 1) >= 2;
    const codes = joint ? [code] : Array.from({ length: spec.recommendationsNeeded }, () => code);
    return { value: codes.join('-'), codes, text: joint ? `One joint medical recommendation: ${describe(code)}` : `Two medical recommendations, one from each doctor: two of ${describe(code)}` };
  });
}

// Where a problem from the application layer is shown: the name of the field on the page (its error
// message sits beside it) and the id the error summary links to.
export function pageFieldOf(field: string, slots: SlotForm[]): { name: string; href: string } {
  // Problems with the set of recommendations as a whole (how many, s12(2)) sit with the first one.
  if (field === 'recommendations') return { name: 'recommendation1-form', href: 'recommendation1-form' };
  const match = /^(document|admission|recommendations\[(\d)\])(?:\.(.+))?$/.exec(field);
  if (match === null) return { name: field, href: field };
  const slot: Slot = match[1] === 'document' ? 'document' : match[1] === 'admission' ? 'admission' : match[2] === '0' ? 'recommendation1' : 'recommendation2';
  const rest = match[3];
  if (rest === undefined) return { name: `${slot}-form`, href: `${slot}-form` };
  const signer = /^signer\.([^.]+)(\.checkedAgainst)?$/.exec(rest);
  if (signer !== null) {
    const name = signerName(slot, signer[1]!);
    return signer[2] === undefined ? { name, href: name } : { name: `${name}-register`, href: `${name}-register` };
  }
  const slotForm = slots.find((candidate) => candidate.slot === slot);
  const definition = slotForm === undefined ? undefined : fieldsOf(slotForm.form).find((candidate) => candidate.id === rest);
  const name = fieldName(slot, rest);
  if (definition === undefined) return { name: `${slot}-form`, href: `${slot}-form` };
  if (definition.type === 'date' || definition.type === 'datetime') return { name, href: `${name}-day` };
  return { name, href: name };
}

export interface PageErrors {
  errors: { text: string; href: string }[];
  fieldErrors: Record<string, string>;
}

export function pageErrors(problems: FieldProblem[], slots: SlotForm[]): PageErrors {
  const errors: PageErrors = { errors: [], fieldErrors: {} };
  for (const problem of problems) {
    const where = pageFieldOf(problem.field, slots);
    errors.errors.push({ text: problem.message, href: `#${where.href}` });
    const existing = errors.fieldErrors[where.name];
    errors.fieldErrors[where.name] = existing === undefined ? problem.message : `${existing} ${problem.message}`;
  }
  return errors;
}

// ---- Reading what a browser posted ----

function isBlank(body: Record<string, unknown>, name: string, parts: readonly string[]): boolean {
  return parts.every((part) => text(body[`${name}-${part}`]).trim() === '');
}

// A date and time from the shared date-time boxes, as the catalogue reads it: a London wall-clock time
// 'YYYY-MM-DDTHH:MM'. Statutory forms carry no offset, and the catalogue reads a time in the hour the
// clocks go back as the first (BST) one; a time the person marks GMT in that hour cannot be written that
// way, so it is refused rather than recorded an hour out.
function readFormDateTime(body: Record<string, unknown>, name: string, label: string): { value: string } | { problem: FieldProblem } {
  const reading = readDateTime(body, name, label);
  if (isDateTimeProblem(reading)) return { problem: reading.problem };
  const zoned = Temporal.ZonedDateTime.from(`${reading.value}[Europe/London]`);
  const local = zoned.toPlainDateTime().toString({ smallestUnit: 'minute' });
  const instant = londonInstant(Temporal.PlainDateTime.from(local));
  if (instant === null || !instant.equals(zoned.toInstant())) {
    return { problem: { field: name, message: `${label}: statutory forms are read in London time, where a time in the hour the clocks went back is the first (BST) one. Record the time on the form as BST` } };
  }
  return { value: local };
}

function readValues(slotForm: SlotForm, body: Record<string, unknown>, problems: FieldProblem[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const part of partsOf(slotForm)) {
    for (const field of part.fields) {
      const name = fieldName(slotForm.slot, field.id);
      if (field.type === 'date') {
        if (isBlank(body, name, datePartNames)) continue;
        const reading = readDateInput(body, { field: name, label: field.label, required: true });
        if (reading.problem !== null) problems.push({ field: `${slotPrefix(slotForm.slot)}.${field.id}`, message: reading.problem.message });
        else if (reading.isoDate !== null) values[field.id] = reading.isoDate;
      } else if (field.type === 'datetime') {
        if (isBlank(body, name, dateTimePartNames)) continue;
        const reading = readFormDateTime(body, name, field.label);
        if ('problem' in reading) problems.push({ field: `${slotPrefix(slotForm.slot)}.${field.id}`, message: reading.problem.message });
        else values[field.id] = reading.value;
      } else {
        const value = text(body[name]).trim();
        if (value !== '') values[field.id] = value;
      }
    }
  }
  return values;
}

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

function readSigners(slotForm: SlotForm, body: Record<string, unknown>, values: Record<string, string>): SignerInput[] {
  const signers: SignerInput[] = [];
  for (const part of partsOf(slotForm)) {
    const signatory = part.signatory;
    if (signatory === null) continue;
    const name = signerName(slotForm.slot, signatory.id);
    const choice = text(body[name]).trim();
    if (choice === '') continue;
    if (choice === outsideSigner) {
      const checked = listOf(body[`${name}-approvals`]).filter((kind): kind is ApprovalKind => (approvalKindKeys as string[]).includes(kind));
      signers.push({ signatoryId: signatory.id, userId: null, name: signatory.nameField === undefined ? '' : (values[signatory.nameField] ?? ''), checkedApprovals: checked, checkedAgainst: text(body[`${name}-register`]) });
    } else {
      signers.push({ signatoryId: signatory.id, userId: choice, name: '' });
    }
  }
  return signers;
}

// One form's values and signers as the application layer takes them, with any problem reading a date.
export function readSlot(slotForm: SlotForm, body: Record<string, unknown>, problems: FieldProblem[]): FormInput {
  const values = readValues(slotForm, body, problems);
  return { formCode: slotForm.form.code, values, signers: readSigners(slotForm, body, values) };
}

// ---- What the page shows ----

export interface FieldView {
  kind: 'date' | 'datetime' | 'radios' | 'input' | 'textarea';
  name: string;
  label: string;
  hint: string | null;
  error: string | null;
  value: string;
  dateItems?: { name: string; value: string; classes: string }[];
  dateTime?: ReturnType<typeof dateTimeValues>;
  items?: { value: string; text: string; checked: boolean }[];
  inline?: boolean;
}

export interface SignatoryView {
  name: string;
  label: string;
  requirement: string;
  error: string | null;
  items: { value: string; text: string; selected: boolean }[];
  approvalItems: { value: string; text: string; checked: boolean }[];
  registerName: string;
  registerValue: string;
  registerError: string | null;
}

export interface PartView {
  id: string;
  title: string;
  fields: FieldView[];
  signatory: SignatoryView | null;
}

export interface SlotView {
  slot: Slot;
  id: string;
  heading: string;
  code: string;
  title: string;
  regulation: string;
  summary: string;
  parts: PartView[];
  error: string | null;
}

function fieldLabel(field: FormField): string {
  return field.required || field.requiredWhen !== undefined ? field.label : `${field.label} (optional)`;
}

function fieldView(slot: Slot, field: FormField, body: Record<string, unknown>, fieldErrors: Record<string, string>): FieldView {
  const name = fieldName(slot, field.id);
  const base = { name, label: fieldLabel(field), hint: field.hint ?? null, error: fieldErrors[name] ?? null, value: text(body[name]) };
  switch (field.type) {
    case 'date':
      return {
        ...base,
        kind: 'date',
        dateItems: datePartNames.map((part) => ({ name: part, value: text(body[`${name}-${part}`]), classes: part === 'year' ? 'govuk-input--width-4' : 'govuk-input--width-2' })),
      };
    case 'datetime':
      return { ...base, kind: 'datetime', dateTime: dateTimeValues(body, name) };
    case 'yes-no':
      return { ...base, kind: 'radios', inline: true, items: [{ value: 'yes', text: 'Yes', checked: base.value === 'yes' }, { value: 'no', text: 'No', checked: base.value === 'no' }] };
    case 'choice':
      return { ...base, kind: 'radios', inline: false, items: (field.options ?? []).map((option) => ({ value: option.value, text: option.label, checked: base.value === option.value })) };
    case 'text':
      return { ...base, kind: field.long === true ? 'textarea' : 'input' };
  }
}

function requirementText(signatory: Signatory): string {
  const needs: string[] = [];
  if (signatory.approval !== null) needs.push(`must be ${lowerFirst(approvalKinds[signatory.approval].label)} on the day of signing (${signatory.approvalProvision ?? approvalKinds[signatory.approval].provision})`);
  for (const condition of signatory.approvalIf ?? []) {
    const deemed = condition.deemed === undefined ? '' : ` or ${lowerFirst(approvalKinds[condition.deemed.approval].label)} (${condition.deemed.provision})`;
    needs.push(`if the form says so, must be ${lowerFirst(approvalKinds[condition.approval].label)}${deemed} on the day of signing (${condition.provision})`);
  }
  return needs.length === 0 ? 'No professional approval is needed to sign this part.' : `The signer ${needs.join('; ')}.`;
}

function approvalsText(kinds: ApprovalKind[]): string {
  return kinds.length === 0 ? '' : ` (${kinds.map((kind) => lowerFirst(approvalKinds[kind].label)).join(', ')})`;
}

function signatoryView(slot: Slot, signatory: Signatory, staff: StaffSigner[], body: Record<string, unknown>, fieldErrors: Record<string, string>): SignatoryView {
  const name = signerName(slot, signatory.id);
  const chosen = text(body[name]);
  const checked = listOf(body[`${name}-approvals`]);
  return {
    name,
    label: `Who signed as ${lowerFirst(signatory.label)}?`,
    requirement: requirementText(signatory),
    error: fieldErrors[name] ?? null,
    items: [
      { value: '', text: 'Choose who signed', selected: chosen === '' },
      { value: outsideSigner, text: 'Someone not in Accord (the person named on the form)', selected: chosen === outsideSigner },
      ...staff.map((member) => ({ value: member.userId, text: `${member.name}${approvalsText(member.approvalsToday)}`, selected: chosen === member.userId })),
    ],
    approvalItems: possibleApprovals(signatory).map((kind) => ({ value: kind, text: `${approvalKinds[kind].label} (${approvalKinds[kind].provision})`, checked: checked.includes(kind) })),
    registerName: `${name}-register`,
    registerValue: text(body[`${name}-register`]),
    registerError: fieldErrors[`${name}-register`] ?? null,
  };
}

const slotHeadings: Record<Slot, string> = {
  document: '',
  recommendation1: 'First medical recommendation',
  recommendation2: 'Second medical recommendation',
  admission: 'Record of admission',
};

export function slotView(slotForm: SlotForm, staff: StaffSigner[], body: Record<string, unknown>, fieldErrors: Record<string, string>): SlotView {
  const { slot, form } = slotForm;
  return {
    slot,
    id: `${slot}-form`,
    heading: slot === 'document' ? `Form ${form.code}` : `${slotHeadings[slot]}: Form ${form.code}`,
    code: form.code,
    title: form.title,
    regulation: form.regulation,
    summary: form.summary,
    error: fieldErrors[`${slot}-form`] ?? null,
    parts: partsOf(slotForm).map((part) => ({
      id: `${slot}-part-${part.id}`,
      title: part.title,
      fields: part.fields.map((field) => fieldView(slot, field, body, fieldErrors)),
      signatory: part.signatory === null ? null : signatoryView(slot, part.signatory, staff, body, fieldErrors),
    })),
  };
}
