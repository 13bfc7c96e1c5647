// Break-glass: emergency access to the record of a person the member of staff is not involved with, for
// a stated reason and a fixed time, each use listed for review by their agency's information governance
// lead or Caldicott guardian. Access to confidential information is on a strict need-to-know basis
// (Caldicott Principles, 2020, principle 4) and limited to what is necessary (UK GDPR Article 5(1)(c),
// data minimisation); the organisation must be able to show that each use was justified (UK GDPR
// Article 5(2), accountability), which is what the review records.

// The lengths of emergency access offered, in hours. The longest is 12 hours, about one long day shift
// in NHS and police services, so that emergency access does not run on into the next shift and cannot
// become a standing way in: care that goes on longer is recorded as an involvement, by someone already
// involved, and the shortest time that covers the emergency is the one to choose (minimum necessary).
export const breakGlassHours = [1, 4, 8, 12] as const;
export type BreakGlassHours = (typeof breakGlassHours)[number];

export const breakGlassHourLabels: Record<BreakGlassHours, string> = {
  1: '1 hour',
  4: '4 hours',
  8: '8 hours',
  12: '12 hours (one long shift)',
};

export const minimumReasonWords = 3;
export const maximumReasonLength = 1000;

export interface BreakGlassRequest {
  reason: string;
  hours: BreakGlassHours;
}

// A problem with one field of what was asked for, in words to show beside it.
export interface BreakGlassProblem {
  field: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: BreakGlassProblem[] };

function words(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

// The reason must say what the emergency is, in words a reviewer can judge, not a token such as "urgent".
export function validateBreakGlassRequest(input: { reason: unknown; hours: unknown }): Validated<BreakGlassRequest> {
  const problems: BreakGlassProblem[] = [];
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (reason === '') problems.push({ field: 'reason', message: 'Enter the reason you need emergency access' });
  else if (words(reason) < minimumReasonWords) problems.push({ field: 'reason', message: `Reason must say what the emergency is, in at least ${minimumReasonWords} words` });
  else if (reason.length > maximumReasonLength) problems.push({ field: 'reason', message: `Reason must be ${maximumReasonLength} characters or fewer` });
  const hours = typeof input.hours === 'number' ? input.hours : typeof input.hours === 'string' && /^\d{1,2}$/.test(input.hours.trim()) ? Number(input.hours.trim()) : NaN;
  const offered = breakGlassHours.find((item) => item === hours);
  if (offered === undefined) problems.push({ field: 'hours', message: 'Select how long you need emergency access for' });
  if (problems.length > 0 || offered === undefined) return { ok: false, problems };
  return { ok: true, value: { reason, hours: offered } };
}

// When emergency access given at `startsAt` ends: elapsed hours, not wall-clock, so a change of the
// clocks neither lengthens nor shortens it.
export function breakGlassEnds(startsAt: Temporal.Instant, hours: BreakGlassHours): Temporal.Instant {
  return startsAt.add({ hours });
}

// What the reviewer decides about one use of break-glass.
export const breakGlassOutcomes = {
  appropriate: 'Appropriate: the emergency justified the access',
  'not-appropriate': 'Not appropriate: referred for follow-up',
} as const;

export type BreakGlassOutcome = keyof typeof breakGlassOutcomes;

export interface BreakGlassReview {
  outcome: BreakGlassOutcome;
  note: string | null;
}

// A finding that access was not appropriate is followed up, so the reviewer says why and what happens next.
export function validateBreakGlassReview(input: { outcome: unknown; note: unknown }): Validated<BreakGlassReview> {
  const problems: BreakGlassProblem[] = [];
  const outcome = typeof input.outcome === 'string' && Object.hasOwn(breakGlassOutcomes, input.outcome) ? (input.outcome as BreakGlassOutcome) : null;
  const note = typeof input.note === 'string' ? input.note.trim() : '';
  if (outcome === null) problems.push({ field: 'outcome', message: 'Select whether the emergency access was appropriate' });
  if (outcome === 'not-appropriate' && note === '') problems.push({ field: 'note', message: 'Enter why the access was not appropriate and how it is being followed up' });
  if (note.length > maximumReasonLength) problems.push({ field: 'note', message: `Note must be ${maximumReasonLength} characters or fewer` });
  if (problems.length > 0 || outcome === null) return { ok: false, problems };
  return { ok: true, value: { outcome, note: note === '' ? null : note } };
}
