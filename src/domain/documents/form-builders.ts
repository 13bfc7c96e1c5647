import { approvalKinds, type ApprovalKind } from '../organisation/approvals.ts';
import type { ConditionalApproval, FormDefinition, FormField, FormPart, FormRule, Signatory } from './form-types.ts';

// Small builders that keep the catalogue readable. They only fill in defaults; every definition they make
// is plain data.

type FieldExtras = Partial<Omit<FormField, 'id' | 'label' | 'type'>>;

export function text(id: string, label: string, extras: FieldExtras = {}): FormField {
  return { id, label, type: 'text', required: true, ...extras };
}

export function longText(id: string, label: string, extras: FieldExtras = {}): FormField {
  return { id, label, type: 'text', required: true, long: true, ...extras };
}

export function date(id: string, label: string, extras: FieldExtras = {}): FormField {
  return { id, label, type: 'date', required: true, ...extras };
}

export function dateTime(id: string, label: string, extras: FieldExtras = {}): FormField {
  return { id, label, type: 'datetime', required: true, ...extras };
}

export function yesNo(id: string, label: string, extras: FieldExtras = {}): FormField {
  return { id, label, type: 'yes-no', required: true, ...extras };
}

export function choice(id: string, label: string, options: [value: string, label: string][], extras: FieldExtras = {}): FormField {
  return { id, label, type: 'choice', required: true, options: options.map(([value, optionLabel]) => ({ value, label: optionLabel })), ...extras };
}

export function optional(field: FormField): FormField {
  return { ...field, required: false };
}

export function part(id: string, title: string, fields: FormField[], signatory: Signatory | null = null): FormPart {
  return { id, title, fields, signatory };
}

export function signatory(
  id: string,
  label: string,
  signedField: string,
  approval: ApprovalKind | null,
  extras: { nameField?: string; approvalIf?: ConditionalApproval[]; approvalProvision?: string } = {},
): Signatory {
  const built: Signatory = {
    id,
    label,
    approval,
    approvalProvision: extras.approvalProvision ?? (approval === null ? null : approvalKinds[approval].provision),
    signedField,
  };
  if (extras.nameField !== undefined) built.nameField = extras.nameField;
  if (extras.approvalIf !== undefined) built.approvalIf = extras.approvalIf;
  return built;
}

// The s12 statement on a medical recommendation: a doctor who says they are approved must be, on the day
// they sign; an approved clinician is treated as approved (s12(2A)).
export function s12If(field: string): ConditionalApproval {
  return { field, value: 'yes', approval: 'section-12-doctor', provision: 's12(2)', deemed: { approval: 'approved-clinician', provision: 's12(2A)' } };
}

type DefinitionInput = Omit<FormDefinition, 'rules' | 'application' | 'recommendations' | 'eventAtField'> &
  Partial<Pick<FormDefinition, 'rules' | 'application' | 'recommendations' | 'eventAtField'>>;

export function form(input: DefinitionInput): FormDefinition {
  return { ...input, eventAtField: input.eventAtField ?? null, rules: input.rules ?? [], application: input.application ?? null, recommendations: input.recommendations ?? [] };
}

export function notBefore(field: string, earlier: string, provision: string | null, message: string): FormRule {
  return { kind: 'not-before', field, earlier, provision, message };
}

// Fields most forms share.
export const patientName = (): FormField => text('patientName', 'Full name of the patient');
export const patientAddress = (): FormField => text('patientAddress', 'Address of the patient', { long: true });
export const hospital = (id = 'hospital', label = 'Name and address of the hospital'): FormField => text(id, label, { long: true });
export const localAuthority = (id = 'localAuthority', label = 'Local social services authority'): FormField => text(id, label);

// How a report was furnished to the managers, which fixes when it took effect (reg 3: by hand to an
// authorised officer, on delivery; by internal mail, when put into the system).
export const furnishedMethod = (): FormField =>
  choice('furnishedBy', 'How the report was furnished to the hospital managers', [
    ['by-hand', 'Delivered by hand to an officer authorised by the managers to receive it'],
    ['internal-mail', "Put into the hospital managers' internal mail system"],
  ]);
