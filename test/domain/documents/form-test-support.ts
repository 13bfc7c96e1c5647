import { approvalKindKeys, type ApprovalKind } from '../../../src/domain/organisation/approvals.ts';
import { formByCode, type FormDefinition, type FormProblem, type SignerApprovals } from '../../../src/domain/documents/forms.ts';

// Builders for form tests: filled-in values, approval records and the moment of checking.

export function definition(code: string): FormDefinition {
  const found = formByCode(code);
  if (found === undefined) throw new Error(`no form ${code}`);
  return found;
}

export const now = Temporal.Instant.from('2026-06-01T12:00:00+01:00');

export function day(text: string): Temporal.PlainDate {
  return Temporal.PlainDate.from(text);
}

export function approval(kind: ApprovalKind, validFrom: string, validTo: string | null = null, withdrawn = false): SignerApprovals['approvals'][number] {
  return { kind, validFrom: day(validFrom), validTo: validTo === null ? null : day(validTo), withdrawn };
}

export function signer(signatoryId: string, ...approvals: SignerApprovals['approvals']): SignerApprovals {
  return { signatoryId, approvals };
}

// Every signatory of the form holding every approval, from long ago and without end.
export function fullyApprovedSigners(form: FormDefinition): SignerApprovals[] {
  return form.parts.flatMap((part) => (part.signatory === null ? [] : [signer(part.signatory.id, ...approvalKindKeys.map((kind) => approval(kind, '2000-01-01')))]));
}

// A value for every field: distinct text, one day for every date, one time for every datetime, 'yes', and
// the first choice; a date of birth long ago.
export function filledValues(form: FormDefinition, dayText = '2026-05-10', time = '10:00'): Record<string, string> {
  const values: Record<string, string> = {};
  for (const part of form.parts) {
    for (const field of part.fields) {
      if (field.id === 'patientDateOfBirth') values[field.id] = '1990-01-01';
      else if (field.type === 'text') values[field.id] = `${field.id} answer`;
      else if (field.type === 'date') values[field.id] = dayText;
      else if (field.type === 'datetime') values[field.id] = `${dayText}T${time}`;
      else if (field.type === 'yes-no') values[field.id] = 'yes';
      else values[field.id] = field.options?.[0]?.value ?? '';
    }
  }
  return values;
}

export function problemFields(problems: FormProblem[]): string[] {
  return problems.map((problem) => problem.field);
}

export function provisions(problems: FormProblem[]): (string | null)[] {
  return problems.map((problem) => problem.provision);
}

// A well-formed A2 application dated 20 April 2026 (BST), the applicant having seen the patient that day.
export function goodA2(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    hospital: 'Riverside Hospital, 1 River Road',
    applicantName: 'Jane Smith',
    applicantAddress: 'Civic Centre',
    actingFor: 'Riverside Council',
    nearestRelativeStep: 'informed',
    nearestRelativeName: 'Robert Brown',
    patientName: 'Alex Brown',
    patientAddress: '2 Hill Street',
    lastSawOn: '2026-04-20',
    signedOn: '2026-04-20',
    ...overrides,
  };
}

// A well-formed single recommendation (A4 or A8 shape).
export function goodSingleRecommendation(examinedOn: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    practitionerName: 'Dr Asha Patel',
    practitionerAddress: 'Riverside Hospital',
    s12Approved: 'yes',
    previousAcquaintance: 'no',
    patientName: 'Alex Brown',
    patientAddress: '2 Hill Street',
    reasons: 'Acute psychotic episode; risk to own safety.',
    examinedOn,
    signedOn: examinedOn,
    ...overrides,
  };
}

// A well-formed joint recommendation (A3 shape).
export function goodJointRecommendation(firstExaminedOn: string, secondExaminedOn: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    patientName: 'Alex Brown',
    patientAddress: '2 Hill Street',
    reasons: 'Acute psychotic episode; risk to own safety.',
    firstPractitionerName: 'Dr Asha Patel',
    firstPractitionerAddress: 'Riverside Hospital',
    firstS12Approved: 'yes',
    firstPreviousAcquaintance: 'no',
    firstExaminedOn,
    firstSignedOn: firstExaminedOn,
    secondPractitionerName: 'Dr Tom Green',
    secondPractitionerAddress: 'Hill Surgery',
    secondS12Approved: 'no',
    secondPreviousAcquaintance: 'yes',
    secondExaminedOn,
    secondSignedOn: secondExaminedOn,
    ...overrides,
  };
}

export const amhpSigner = signer('applicant', approval('amhp', '2024-01-01', '2027-01-01'));
