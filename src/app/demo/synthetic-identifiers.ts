import { nhsCheckDigit } from '../../domain/people/nhs-number.ts';

// Identifiers for fictional people. They have the right form and check characters, so that they pass
// the same validation as real ones, but come from ranges that cannot identify anyone.

// NHS numbers beginning 999 are never issued to patients; they are set aside for testing. The serial
// is the six digits after 999. Returns null when no check digit exists for those nine digits.
export function testNhsNumber(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 0 || serial > 999_999) throw new RangeError(`NHS test number serial out of range: ${serial}`);
  const firstNine = `999${String(serial).padStart(6, '0')}`;
  const check = nhsCheckDigit(firstNine);
  return check === null ? null : `${firstNine}${check}`;
}

export const lastTestNhsSerial = 999_999;

// The first serial at or after `from` that gives a valid test NHS number, or null when none is left.
export function nextTestNhsSerial(from: number): number | null {
  for (let serial = from; serial <= lastTestNhsSerial; serial += 1) {
    if (testNhsNumber(serial) !== null) return serial;
  }
  return null;
}

// The Police National Computer's check letter: the two-digit year and the seven-digit serial read as
// one number, modulo 23, indexes this alphabet (which leaves out I, O and S).
const pncCheckLetters = 'ZABCDEFGHJKLMNPQRTUVWXY';

export function pncId(year: number, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 9_999_999) throw new RangeError(`PNC serial out of range: ${serial}`);
  const twoDigitYear = String(year % 100).padStart(2, '0');
  const paddedSerial = String(serial).padStart(7, '0');
  const check = pncCheckLetters[Number(`${twoDigitYear}${paddedSerial}`) % 23]!;
  return `${twoDigitYear}/${paddedSerial}${check}`;
}

// A probation case reference: one letter and six digits.
export function probationReference(letter: string, serial: number): string {
  if (!/^[A-Z]$/.test(letter) || !Number.isInteger(serial) || serial < 0 || serial > 999_999) {
    throw new RangeError(`Not a probation reference: ${letter}${serial}`);
  }
  return `${letter}${String(serial).padStart(6, '0')}`;
}
