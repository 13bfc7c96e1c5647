// Requests from a restricted patient's responsible clinician to the Secretary of State for Justice, and
// the decisions the Ministry of Justice's casework team records on them. For a patient under a restriction
// order, leave of absence (s17), transfer (s19) and discharge by the responsible clinician or the hospital
// managers (s23) need the Secretary of State's consent: s41(3)(c)(i)-(iii). A restriction direction (s49)
// has the same effect for a transferred prisoner (s49(2)).
//
// A request is submitted once and then decided once (consented, with any conditions, or refused, with
// reasons) or withdrawn by the clinician before it is decided. Nothing here reads a clock or a database.

export const requestKinds = {
  leave: { label: 'Leave of absence', provision: 's41(3)(c)(i)', covers: 'Leave of absence under section 17' },
  transfer: { label: 'Transfer to another hospital', provision: 's41(3)(c)(ii)', covers: 'Transfer under section 19' },
  discharge: { label: 'Discharge', provision: 's41(3)(c)(iii)', covers: 'Discharge by the responsible clinician or the hospital managers under section 23' },
} as const;
export type RequestKind = keyof typeof requestKinds;

export const leaveKinds = {
  ground: 'Ground leave (within the hospital grounds)',
  community: 'Community leave',
  overnight: 'Overnight leave',
} as const;
export type LeaveKind = keyof typeof leaveKinds;

// The responsible clinician may discharge absolutely; a conditional discharge of a restricted patient is
// for the Secretary of State (s42(2)) or the tribunal (s73), so the clinician asks for it.
export const dischargeKinds = { absolute: 'Absolute discharge', conditional: 'Conditional discharge' } as const;
export type DischargeKind = keyof typeof dischargeKinds;

export type RequestDetails =
  | { kind: 'leave'; leave: LeaveKind; escorted: boolean; riskAssessment: string; plan: string }
  | { kind: 'transfer'; destination: string; reason: string }
  | { kind: 'discharge'; discharge: DischargeKind; reason: string };

export const decisions = { consented: 'Consented', refused: 'Refused' } as const;
export type Decision = keyof typeof decisions;

export type RequestState = 'submitted' | 'consented' | 'refused' | 'withdrawn';

export interface RequestProblem {
  field: string;
  message: string;
}

const longestText = 4000;

// The form as submitted: every value a string (or absent), as a browser or an API client sends it.
export interface RequestInput {
  kind?: string;
  leave?: string;
  escorted?: string;
  riskAssessment?: string;
  plan?: string;
  destination?: string;
  discharge?: string;
  reason?: string;
}

function text(problems: RequestProblem[], field: string, value: string | undefined, missing: string): string {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') problems.push({ field, message: missing });
  else if (trimmed.length > longestText) problems.push({ field, message: `${missing.replace(/^Enter /, 'Shorten ')}: ${longestText} characters or fewer` });
  return trimmed;
}

function isKey<T extends object>(options: T, value: string | undefined): value is Extract<keyof T, string> {
  return value !== undefined && Object.hasOwn(options, value);
}

export function validateRequest(input: RequestInput): { ok: true; details: RequestDetails } | { ok: false; problems: RequestProblem[] } {
  const problems: RequestProblem[] = [];
  if (!isKey(requestKinds, input.kind)) return { ok: false, problems: [{ field: 'kind', message: 'Select what is being asked for: leave, transfer or discharge' }] };
  let details: RequestDetails;
  if (input.kind === 'leave') {
    if (!isKey(leaveKinds, input.leave)) problems.push({ field: 'leave', message: 'Select the kind of leave: ground, community or overnight' });
    if (input.escorted !== 'escorted' && input.escorted !== 'unescorted') problems.push({ field: 'escorted', message: 'Select whether the leave is escorted or unescorted' });
    const riskAssessment = text(problems, 'riskAssessment', input.riskAssessment, 'Enter the risk assessment');
    const plan = text(problems, 'plan', input.plan, 'Enter the leave plan');
    details = { kind: 'leave', leave: input.leave as LeaveKind, escorted: input.escorted === 'escorted', riskAssessment, plan };
  } else if (input.kind === 'transfer') {
    const destination = text(problems, 'destination', input.destination, 'Enter the hospital the patient would transfer to');
    const reason = text(problems, 'reason', input.reason, 'Enter why the transfer is asked for');
    details = { kind: 'transfer', destination, reason };
  } else {
    if (!isKey(dischargeKinds, input.discharge)) problems.push({ field: 'discharge', message: 'Select absolute or conditional discharge' });
    const reason = text(problems, 'reason', input.reason, 'Enter why discharge is asked for');
    details = { kind: 'discharge', discharge: input.discharge as DischargeKind, reason };
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, details };
}

export interface DecisionInput {
  decision?: string;
  conditions?: string;
  reasons?: string;
}

// Consent may come with conditions (escorts, times, places, exclusion zones): the caseworker records them,
// or says there are none, so that a blank is never mistaken for "no conditions". Every decision gives reasons.
export function validateDecision(input: DecisionInput): { ok: true; decision: Decision; conditions: string | null; reasons: string } | { ok: false; problems: RequestProblem[] } {
  const problems: RequestProblem[] = [];
  if (!isKey(decisions, input.decision)) problems.push({ field: 'decision', message: 'Select whether the Secretary of State consents or refuses' });
  const conditions = input.decision === 'consented' ? text(problems, 'conditions', input.conditions, 'Enter the conditions of the consent, or say there are none') : null;
  const reasons = text(problems, 'reasons', input.reasons, 'Enter the reasons for the decision');
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, decision: input.decision as Decision, conditions, reasons };
}

export function validateWithdrawal(reason: string | undefined): RequestProblem[] {
  const problems: RequestProblem[] = [];
  text(problems, 'reason', reason, 'Enter why the request is being withdrawn');
  return problems;
}

// A request as far as the rules need it.
export interface RequestDecisionFacts {
  details: RequestDetails;
  decision: Decision | null;
  decidedAt: Temporal.Instant | null;
  withdrawnAt: Temporal.Instant | null;
}

export function requestState(request: Pick<RequestDecisionFacts, 'decision' | 'withdrawnAt'>): RequestState {
  if (request.withdrawnAt !== null) return 'withdrawn';
  return request.decision ?? 'submitted';
}

// What is being done that needs consent. Leave says whether it is escorted; discharge, which kind.
export type ConsentNeed = { kind: 'leave'; escorted: boolean } | { kind: 'transfer' } | { kind: 'discharge'; discharge: DischargeKind };

// Whether a consent on record at `at` covers the step. Consent to unescorted leave covers escorted leave
// (the lesser liberty); consent to escorted leave does not cover leave without an escort. A consent
// decided after `at`, a refusal, or a request withdrawn does not count.
export function consentCovers(requests: readonly RequestDecisionFacts[], need: ConsentNeed, at: Temporal.Instant): boolean {
  return requests.some((request) => {
    if (request.decision !== 'consented' || request.decidedAt === null || request.withdrawnAt !== null) return false;
    if (Temporal.Instant.compare(request.decidedAt, at) > 0) return false;
    const details = request.details;
    if (details.kind !== need.kind) return false;
    if (details.kind === 'leave' && need.kind === 'leave') return !details.escorted || need.escorted;
    if (details.kind === 'discharge' && need.kind === 'discharge') return details.discharge === need.discharge;
    return true;
  });
}

// The refusal given when a step needs consent that is not on record: it names the provision.
export function consentMissingMessage(need: ConsentNeed): string {
  const kind = requestKinds[need.kind];
  const what = need.kind === 'leave' ? `${need.escorted ? 'Escorted' : 'Unescorted'} leave` : need.kind === 'transfer' ? 'A transfer to another hospital' : `${dischargeKinds[need.discharge]} by the responsible clinician or the hospital managers`;
  return `${what} for a restricted patient needs the Secretary of State's consent, and no consent covering it is on record (${kind.provision}; for a restriction direction, s49(2))`;
}
