import type { FieldProblem } from '../../app/errors.ts';
import { recordCategories } from '../../domain/record/categories.ts';
import { capacityStates, consentDecisions, consentWays, validateNewConsent, type ConsentInput } from '../../domain/sharing/consent.ts';
import { dateInputFocus, dateInputItems, emptyDateInput, readDateInput, type DateInputReading } from '../admin/date-input.ts';
import { text } from '../core/forms.ts';

// The form to record a consent or a refusal: what was typed (to show again), the input for the
// application when the boxes read cleanly, and every problem with the box its summary link moves focus to.

export interface ConsentFormValues {
  decision: string;
  agencyIds: string[];
  categories: string[];
  purpose: string;
  howGiven: string;
  capacity: string;
  bestInterestsBy: string;
  bestInterestsReasons: string;
  validUntil: Pick<DateInputReading, 'values' | 'partsInError'>;
}

export const emptyConsentForm: ConsentFormValues = {
  decision: '',
  agencyIds: [],
  categories: [],
  purpose: '',
  howGiven: '',
  capacity: '',
  bestInterestsBy: '',
  bestInterestsReasons: '',
  validUntil: emptyDateInput(),
};

// The order problems are listed in: the order of the boxes on the page.
const fieldOrder = ['decision', 'agencyIds', 'categories', 'purpose', 'howGiven', 'capacity', 'bestInterestsBy', 'bestInterestsReasons', 'validUntil'];

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

export interface ConsentFormReading {
  values: ConsentFormValues;
  input: ConsentInput | null;
  problems: FieldProblem[];
  fieldIds: Record<string, string>;
}

export function readConsentForm(body: Record<string, unknown>, today: Temporal.PlainDate): ConsentFormReading {
  const validUntil = readDateInput(body, { field: 'validUntil', label: 'Date it ends', required: false });
  const values: ConsentFormValues = {
    decision: text(body.decision),
    agencyIds: listOf(body.agencyIds),
    categories: listOf(body.categories),
    purpose: text(body.purpose),
    howGiven: text(body.howGiven),
    capacity: text(body.capacity),
    bestInterestsBy: text(body.bestInterestsBy),
    bestInterestsReasons: text(body.bestInterestsReasons),
    validUntil,
  };
  const input: ConsentInput = {
    decision: values.decision,
    agencyIds: values.agencyIds,
    categories: values.categories,
    purpose: values.purpose,
    howGiven: values.howGiven,
    capacity: values.capacity,
    bestInterestsBy: values.bestInterestsBy,
    bestInterestsReasons: values.bestInterestsReasons,
    validUntil: validUntil.isoDate === null ? null : Temporal.PlainDate.from(validUntil.isoDate),
  };
  const checked = validateNewConsent(input, today);
  // A date's own problem (a missing month, 31 February) comes first for its field.
  const problems = [...(validUntil.problem ? [validUntil.problem] : []), ...(checked.ok ? [] : checked.problems.filter((problem) => !(validUntil.problem && problem.field === 'validUntil')))];
  problems.sort((a, b) => fieldOrder.indexOf(a.field) - fieldOrder.indexOf(b.field));
  return { values, input: problems.length === 0 ? input : null, problems, fieldIds: consentFieldIds(validUntil) };
}

// The box each field's problem links to: the first radio or checkbox of a group, the first date box in
// error.
export function consentFieldIds(validUntil: Pick<DateInputReading, 'partsInError'> = { partsInError: [] }): Record<string, string> {
  return { validUntil: dateInputFocus('validUntil', validUntil) };
}

// The radios, checkboxes and date boxes, with what was chosen.
export function consentFormItems(values: ConsentFormValues, agencies: readonly { id: string; name: string }[]) {
  return {
    decisionItems: Object.entries(consentDecisions).map(([value, label]) => ({ value, text: label, checked: values.decision === value })),
    agencyItems: agencies.map((agency) => ({ value: agency.id, text: agency.name, checked: values.agencyIds.includes(agency.id) })),
    categoryItems: Object.entries(recordCategories).map(([value, label]) => ({ value, text: label, checked: values.categories.includes(value) })),
    howGivenItems: Object.entries(consentWays).map(([value, label]) => ({ value, text: label, checked: values.howGiven === value })),
    capacityItems: Object.entries(capacityStates).map(([value, label]) => ({ value, text: label, checked: values.capacity === value })),
    validUntilItems: dateInputItems(values.validUntil),
  };
}
