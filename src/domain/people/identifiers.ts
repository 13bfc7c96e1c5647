// The forms of the criminal-justice identifiers Accord records for a person.

// A Police National Computer ID: the year (two or four digits), a slash, a serial number and a check letter.
const policeNationalComputerIdPattern = /^(\d{2}|\d{4})\/\d{1,7}[A-Z]$/;
// A probation case reference number: one letter and six digits.
const probationReferencePattern = /^[A-Z]\d{6}$/;

// Each takes the identifier in capitals, as stored.
export function isPoliceNationalComputerId(value: string): boolean {
  return policeNationalComputerIdPattern.test(value);
}

export function isProbationReference(value: string): boolean {
  return probationReferencePattern.test(value);
}
