// NHS numbers are ten digits; the tenth is a modulus 11 check digit over the first nine, weighted
// 10 down to 2. A remainder giving 11 means check digit 0; one giving 10 means the number is not valid.
export type NhsNumberProblem = 'not-ten-digits' | 'check-digit-wrong' | 'cannot-be-issued';

export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export function nhsNumberProblem(input: string): NhsNumberProblem | null {
  const digits = normaliseNhsNumber(input);
  if (!/^\d{10}$/.test(digits)) return 'not-ten-digits';
  const expected = nhsCheckDigit(digits.slice(0, 9));
  if (expected === null) return 'cannot-be-issued';
  return expected === Number(digits[9]) ? null : 'check-digit-wrong';
}

export function nhsCheckDigit(firstNine: string): number | null {
  let total = 0;
  for (let index = 0; index < 9; index += 1) total += Number(firstNine[index]) * (10 - index);
  const check = 11 - (total % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

export function formatNhsNumber(digits: string): string {
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

export const nhsNumberMessages: Record<NhsNumberProblem, string> = {
  'not-ten-digits': 'NHS number must be 10 digits, like 943 476 5919',
  'check-digit-wrong': 'NHS number is not valid: its last digit (the check digit) does not match the first nine. Check it against the original document',
  'cannot-be-issued': 'NHS number is not valid: no NHS number can start with those nine digits. Check it against the original document',
};
