import { communityForms } from './catalogue-community.ts';
import { guardianshipForms } from './catalogue-guardianship.ts';
import { admissionForms, hospitalRecordForms, movementAndBarringForms } from './catalogue-hospital.ts';
import { treatmentForms } from './catalogue-treatment.ts';
import type { FormDefinition } from './form-types.ts';

// Every statutory form of Schedule 1 to the Mental Health (Hospital, Guardianship and Treatment) (England)
// Regulations 2008 (with CTO12, added in 2012), in the order A1–A11, H1–H6, G1–G10, CTO1–CTO12, T1–T6, M1–M2.

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export const forms: readonly FormDefinition[] = deepFreeze([...admissionForms, ...hospitalRecordForms, ...guardianshipForms, ...communityForms, ...treatmentForms, ...movementAndBarringForms]);

const byCode = new Map(forms.map((definition) => [definition.code.toUpperCase(), definition]));

// The form with a code, e.g. 'A2' (any letter case), or undefined.
export function formByCode(code: string): FormDefinition | undefined {
  return byCode.get(code.trim().toUpperCase());
}
