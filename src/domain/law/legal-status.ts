import type { Provision } from './contract.ts';

// MHSDS "Mental Health Act legal status classification" codes for England (shared reference section 10).
// A community patient is recorded under the suspended section, so the caller passes that section instead.
// Provisions without a code of their own ("none", a conditionally discharged patient) have none (null).
const codes: Partial<Record<Provision, string>> = {
  informal: '01',
  s2: '02',
  s3: '03',
  s4: '04',
  's5(2)': '05',
  's5(4)': '06',
  s35: '07',
  s36: '08',
  's37/41': '09',
  s37: '10',
  s38: '12',
  's47/49': '15',
  s47: '16',
  's48/49': '17',
  s48: '18',
  's135(1)': '19',
  s136: '20',
  // Guardianship under s7 (a guardianship order under s37 would be 36; the events cannot express one).
  guardianship: '35',
  // s45A with the limitation direction in force.
  s45A: '37',
};

export function legalStatusCode(provision: Provision): string | null {
  return codes[provision] ?? null;
}
