import type { FieldProblem } from '../../app/errors.ts';
import type { PersonDetails } from '../../domain/people/person.ts';
import { text } from '../core/forms.ts';

// The fields of the person form as the browser sends them. The date of birth comes as three fields.
export const personFormFields = [
  'givenNames',
  'familyName',
  'preferredName',
  'otherNames',
  'nhsNumber',
  'pncId',
  'probationReference',
  'address',
  'preferredLanguage',
  'interpreterNeeded',
  'communicationNeeds',
] as const;

export type PersonFormValues = Record<(typeof personFormFields)[number] | 'dateOfBirthDay' | 'dateOfBirthMonth' | 'dateOfBirthYear', string>;

// Where the error summary should take the user for each field.
export const personFieldIds: Record<string, string> = { dateOfBirth: 'dateOfBirth-day', interpreterNeeded: 'interpreterNeeded' };

export function personFormValues(body: Record<string, unknown>): PersonFormValues {
  const values = Object.fromEntries(personFormFields.map((field) => [field, text(body[field])])) as PersonFormValues;
  values.dateOfBirthDay = text(body['dateOfBirth-day']).trim();
  values.dateOfBirthMonth = text(body['dateOfBirth-month']).trim();
  values.dateOfBirthYear = text(body['dateOfBirth-year']).trim();
  return values;
}

export function valuesFromDetails(details: PersonDetails): PersonFormValues {
  const [year = '', month = '', day = ''] = details.dateOfBirth ? details.dateOfBirth.split('-') : [];
  return {
    givenNames: details.givenNames,
    familyName: details.familyName,
    preferredName: details.preferredName ?? '',
    otherNames: details.otherNames ?? '',
    nhsNumber: details.nhsNumber ?? '',
    pncId: details.pncId ?? '',
    probationReference: details.probationReference ?? '',
    address: details.address ?? '',
    preferredLanguage: details.preferredLanguage ?? '',
    interpreterNeeded: details.interpreterNeeded ? 'yes' : 'no',
    communicationNeeds: details.communicationNeeds ?? '',
    dateOfBirthDay: day ? String(Number(day)) : '',
    dateOfBirthMonth: month ? String(Number(month)) : '',
    dateOfBirthYear: year,
  };
}

// Turns the three date fields into one ISO date for validation, or says what is missing.
export function dateOfBirthFromForm(values: PersonFormValues): { value: string; problem: FieldProblem | null } {
  const parts = [values.dateOfBirthDay, values.dateOfBirthMonth, values.dateOfBirthYear];
  if (parts.every((part) => part === '')) return { value: '', problem: null };
  const missing = [
    values.dateOfBirthDay === '' ? 'a day' : null,
    values.dateOfBirthMonth === '' ? 'a month' : null,
    values.dateOfBirthYear === '' ? 'a year' : null,
  ].filter((part): part is string => part !== null);
  if (missing.length > 0) return { value: '', problem: { field: 'dateOfBirth', message: `Date of birth must include ${missing.join(' and ')}` } };
  if (!parts.every((part) => /^\d+$/.test(part)) || values.dateOfBirthYear.length !== 4) {
    return { value: '', problem: { field: 'dateOfBirth', message: 'Date of birth must be a real date, with a 4-digit year, like 27 3 1985' } };
  }
  const iso = `${values.dateOfBirthYear}-${values.dateOfBirthMonth.padStart(2, '0')}-${values.dateOfBirthDay.padStart(2, '0')}`;
  return { value: iso, problem: null };
}

// The form as the application's person details schema reads it.
export function personInputFromForm(values: PersonFormValues): { raw: Record<string, unknown>; dateProblem: FieldProblem | null } {
  const date = dateOfBirthFromForm(values);
  const raw: Record<string, unknown> = { ...values, dateOfBirth: date.value };
  delete raw.dateOfBirthDay;
  delete raw.dateOfBirthMonth;
  delete raw.dateOfBirthYear;
  if (values.interpreterNeeded === '') delete raw.interpreterNeeded;
  return { raw, dateProblem: date.problem };
}
