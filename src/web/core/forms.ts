import type { FieldProblem } from '../../app/errors.ts';

// What a page needs to show validation problems the GOV.UK way: a summary linking to each field, and
// the message beside the field.
export interface FormErrors {
  errors: { text: string; href: string }[];
  fieldErrors: Record<string, string>;
}

export function formErrors(problems: FieldProblem[], fieldIds: Record<string, string> = {}): FormErrors {
  return {
    errors: problems.map((problem) => ({ text: problem.message, href: `#${fieldIds[problem.field] ?? problem.field}` })),
    fieldErrors: Object.fromEntries(problems.map((problem) => [problem.field, problem.message])),
  };
}

export const noErrors: FormErrors = { errors: [], fieldErrors: {} };

export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
