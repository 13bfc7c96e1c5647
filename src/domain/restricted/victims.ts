// Victims of a restricted patient's offence: the Domestic Violence, Crime and Victims Act 2004, Part 3,
// Chapter 2 (ss36-44A). Where a hospital order with a restriction order is made (s36), the victim may make
// representations about the conditions the patient should be subject to on discharge, which the probation
// service forwards to whoever decides (s37(2)), while the restriction order is in force (s37(3)); the
// Secretary of State and the tribunal must tell the probation service when discharge, the lifting of
// restrictions or a change of conditions is being considered (s37(4)-(5)). Those subsections were read in
// the Act as enacted (legislation.gov.uk). The victim's right to be told of discharge conditions that
// relate to contact with them or their family, and of when the restrictions end (s38), and the parallel
// sections for hospital and limitation directions and transfer directions (ss39-44A), are cited at
// section level only: the sources held for Accord do not contain them, and they are not verified here.
//
// In practice a victim liaison officer of the probation service is the victim's route: Accord records the
// officer, not the victim, so that nothing here names or locates the victim. Nothing here reads a clock
// or a database.

export const victimProvisions = {
  representations: 'DVCVA 2004 s37(2)',
  toldOfConditions: 'DVCVA 2004 s38',
} as const;

export interface VictimProblem {
  field: string;
  message: string;
}

function text(problems: VictimProblem[], field: string, value: string | undefined, missing: string, longest: number): string {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') problems.push({ field, message: missing });
  else if (trimmed.length > longest) problems.push({ field, message: `${missing.replace(/^(Enter|Select) /, 'Shorten ')}: ${longest} characters or fewer` });
  return trimmed;
}

function optional(problems: VictimProblem[], field: string, value: string | undefined, label: string, longest: number): string | null {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') return null;
  if (trimmed.length > longest) problems.push({ field, message: `Shorten the ${label}: ${longest} characters or fewer` });
  return trimmed;
}

export interface ContactInput {
  officerName?: string;
  officerAgency?: string;
  officerPhone?: string;
  officerEmail?: string;
  optedIn?: string;
}

export interface VictimContact {
  officerName: string;
  officerAgency: string;
  officerPhone: string | null;
  officerEmail: string | null;
  optedIn: boolean;
}

const phonePattern = /^[0-9+()\-\s]{6,20}$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateContact(input: ContactInput): { ok: true; contact: VictimContact } | { ok: false; problems: VictimProblem[] } {
  const problems: VictimProblem[] = [];
  const officerName = text(problems, 'officerName', input.officerName, 'Enter the name of the victim liaison officer', 200);
  const officerAgency = text(problems, 'officerAgency', input.officerAgency, 'Enter the probation area or agency of the victim liaison officer', 200);
  const officerPhone = optional(problems, 'officerPhone', input.officerPhone, 'phone number', 20);
  const officerEmail = optional(problems, 'officerEmail', input.officerEmail, 'email address', 254);
  if (officerPhone === null && officerEmail === null) problems.push({ field: 'officerPhone', message: 'Enter a phone number or an email address for the victim liaison officer' });
  if (officerPhone !== null && officerPhone.length <= 20 && !phonePattern.test(officerPhone)) problems.push({ field: 'officerPhone', message: 'Enter a phone number using digits, like 01632 960 001' });
  if (officerEmail !== null && officerEmail.length <= 254 && !emailPattern.test(officerEmail)) problems.push({ field: 'officerEmail', message: 'Enter an email address in the correct format, like name@example.org' });
  if (input.optedIn !== 'yes' && input.optedIn !== 'no') problems.push({ field: 'optedIn', message: 'Select whether the victim opted in to the victim contact scheme' });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, contact: { officerName, officerAgency, officerPhone, officerEmail, optedIn: input.optedIn === 'yes' } };
}

function pastDate(problems: VictimProblem[], field: string, value: string | null | undefined, label: string, today: Temporal.PlainDate): Temporal.PlainDate | null {
  if (value === null || value === undefined || value.trim() === '') {
    problems.push({ field, message: `Enter the date ${label}` });
    return null;
  }
  let date: Temporal.PlainDate;
  try {
    date = Temporal.PlainDate.from(value.trim());
  } catch {
    problems.push({ field, message: `The date ${label} must be a real date` });
    return null;
  }
  if (Temporal.PlainDate.compare(date, today) > 0) {
    problems.push({ field, message: `The date ${label} must be today or in the past` });
    return null;
  }
  return date;
}

export interface RepresentationInput {
  madeOn?: string | null;
  representation?: string;
}

export function validateRepresentation(input: RepresentationInput, today: Temporal.PlainDate): { ok: true; madeOn: Temporal.PlainDate; representation: string } | { ok: false; problems: VictimProblem[] } {
  const problems: VictimProblem[] = [];
  const madeOn = pastDate(problems, 'madeOn', input.madeOn, 'the representations were made', today);
  const representation = text(problems, 'representation', input.representation, 'Enter the representations about conditions of discharge', 8000);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, madeOn: madeOn!, representation };
}

export interface ToldInput {
  toldOn?: string | null;
  what?: string;
  toldBy?: string;
}

export function validateTold(input: ToldInput, today: Temporal.PlainDate): { ok: true; toldOn: Temporal.PlainDate; what: string; toldBy: string } | { ok: false; problems: VictimProblem[] } {
  const problems: VictimProblem[] = [];
  const toldOn = pastDate(problems, 'toldOn', input.toldOn, 'the victim was told', today);
  const what = text(problems, 'what', input.what, 'Enter what the victim was told', 4000);
  const toldBy = text(problems, 'toldBy', input.toldBy, 'Enter who told the victim', 200);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, toldOn: toldOn!, what, toldBy };
}

// The conditions of discharge a victim is entitled to be told of: those that concern them (contact, an
// exclusion zone), not the patient's treatment or residence in general.
export function conditionsForVictims<T extends { concernsVictims: boolean }>(conditions: readonly T[]): T[] {
  return conditions.filter((condition) => condition.concernsVictims);
}

// Who records victim information: the Ministry's casework, and probation (whose victim liaison officers
// hold the contact) where the sharing policy gives their agency the category.
export const victimRecorderRoles = ['moj-caseworker', 'probation-practitioner', 'senior-probation-officer'] as const;

export function recordsVictimInformation(role: string | null): boolean {
  return role !== null && (victimRecorderRoles as readonly string[]).includes(role);
}
