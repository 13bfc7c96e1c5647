import type { ReferralUrgency } from '../referrals/urgencies.ts';

// A crisis call: a concern about someone's mental health that reaches the police control room, and the
// Right Care, Right Person threshold decision taken on it. Since 2023 the police attend a mental health
// call only to investigate a crime, or where there is a real and immediate risk to someone's life or of
// serious harm (Right Care, Right Person national partnership agreement, 2023); otherwise the call goes
// to a named service, and stays open until that service records what happened. Nothing here reads a
// clock or a database.

export interface FieldProblem {
  field: string;
  message: string;
}

export const callCategories = {
  'concern-for-welfare': 'Concern for welfare',
  'walk-out-from-health-setting': 'Walk-out from a health setting',
  'absent-without-leave': 'Absence without leave from a mental health unit',
  'medical-help': 'Person needing medical help',
  'transport-or-conveyance': 'Transport or conveyance request',
  's136-handover': 'Section 136 handover',
} as const;

export type CallCategory = keyof typeof callCategories;

export function isCallCategory(value: unknown): value is CallCategory {
  return typeof value === 'string' && Object.hasOwn(callCategories, value);
}

// What is known of the risk when the call is taken. It sets how fast a handoff must be answered: the
// call's handoff is a referral of the matching urgency (src/domain/referrals/urgencies.ts), so a
// high-risk call unanswered for an hour is escalated to the receiving team's named lead. These are
// Accord's service standards, not law.
export const riskLevels = {
  high: { label: 'High', urgency: 'emergency' },
  medium: { label: 'Medium', urgency: 'urgent' },
  low: { label: 'Low', urgency: 'routine' },
} as const satisfies Record<string, { label: string; urgency: ReferralUrgency }>;

export type RiskLevel = keyof typeof riskLevels;

export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === 'string' && Object.hasOwn(riskLevels, value);
}

export function urgencyForRisk(risk: RiskLevel): ReferralUrgency {
  return riskLevels[risk].urgency;
}

// How a call ended, recorded by whoever took it. "No further action" and "could not be found" need
// words of their own: the reason, and what was tried.
export const callOutcomes = {
  'seen-and-assessed': { label: 'Seen and assessed', detail: 'Enter what the assessment found and what happens next' },
  admitted: { label: 'Admitted', detail: 'Enter where they were admitted' },
  'referred-on': { label: 'Referred on', detail: 'Enter who they were referred on to' },
  'no-further-action': { label: 'No further action', detail: 'Enter the reason for taking no further action' },
  'not-found': { label: 'Could not be found', detail: 'Enter what was tried to find them' },
} as const;

export type CallOutcome = keyof typeof callOutcomes;

export function isCallOutcome(value: unknown): value is CallOutcome {
  return typeof value === 'string' && Object.hasOwn(callOutcomes, value);
}

export const descriptionMaximum = 4000;
export const shortTextMaximum = 500;
export const reasonsMaximum = 4000;

function required(value: string, field: string, maximum: number, missing: string, name: string, problems: FieldProblem[]): string {
  const trimmed = value.trim();
  if (trimmed === '') problems.push({ field, message: missing });
  else if (trimmed.length > maximum) problems.push({ field, message: `${name} must be ${maximum} characters or fewer` });
  return trimmed;
}

function optional(value: string, field: string, maximum: number, name: string, problems: FieldProblem[]): string | null {
  const trimmed = value.trim();
  if (trimmed.length > maximum) problems.push({ field, message: `${name} must be ${maximum} characters or fewer` });
  return trimmed === '' ? null : trimmed;
}

export interface NewCallInput {
  category: string;
  caller: string;
  location: string;
  concern: string;
  risk: string;
  riskKnown: string;
  // The person on Accord, when they are known to be; otherwise a description.
  personId: string | null;
  personDescription: string;
}

export interface ValidCall {
  category: CallCategory;
  caller: string;
  location: string;
  concern: string;
  risk: RiskLevel;
  riskKnown: string;
  personId: string | null;
  personDescription: string | null;
}

// Checks a new call; every problem at once, each naming its field.
export function validateCall(input: NewCallInput): { ok: true; call: ValidCall } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (!isCallCategory(input.category)) problems.push({ field: 'category', message: 'Select what kind of call it is' });
  const caller = required(input.caller, 'caller', shortTextMaximum, 'Enter who raised the concern', 'Who raised it', problems);
  const location = required(input.location, 'location', shortTextMaximum, 'Enter where the person is, or was last seen', 'Where', problems);
  const concern = required(input.concern, 'concern', descriptionMaximum, 'Enter what the concern is', 'The concern', problems);
  if (!isRiskLevel(input.risk)) problems.push({ field: 'risk', message: 'Select the level of risk' });
  const riskKnown = required(input.riskKnown, 'riskKnown', descriptionMaximum, 'Enter what is known of the risk', 'What is known of the risk', problems);
  const personDescription = optional(input.personDescription, 'personDescription', descriptionMaximum, 'The description', problems);
  if (input.personId === null && personDescription === null) {
    problems.push({ field: 'personDescription', message: 'Describe the person: they are not linked to a record on Accord' });
  }
  if (problems.length > 0 || !isCallCategory(input.category) || !isRiskLevel(input.risk)) return { ok: false, problems };
  return { ok: true, call: { category: input.category, caller, location, concern, risk: input.risk, riskKnown, personId: input.personId, personDescription } };
}

// The threshold decision: the two questions of the national partnership agreement. The police attend if
// either is answered yes; otherwise the call goes to a service. Reasons are required whichever way it
// goes: a decision not to attend is the one most likely to be questioned later.
export type ThresholdRoute = 'police-attend' | 'health-and-care';

export const thresholdRoutes: Record<ThresholdRoute, string> = {
  'police-attend': 'Police attend',
  'health-and-care': 'A health or care service takes the call',
};

export interface ThresholdInput {
  crime: string;
  riskToLife: string;
  reasons: string;
}

export interface ThresholdDecision {
  crime: boolean;
  riskToLife: boolean;
  reasons: string;
  route: ThresholdRoute;
}

function yesNo(value: string): boolean | null {
  return value === 'yes' ? true : value === 'no' ? false : null;
}

export function thresholdRoute(crime: boolean, riskToLife: boolean): ThresholdRoute {
  return crime || riskToLife ? 'police-attend' : 'health-and-care';
}

export function decideThreshold(input: ThresholdInput): { ok: true; decision: ThresholdDecision } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const crime = yesNo(input.crime);
  if (crime === null) problems.push({ field: 'crime', message: 'Select whether a crime is being, or is about to be, committed' });
  const riskToLife = yesNo(input.riskToLife);
  if (riskToLife === null) problems.push({ field: 'riskToLife', message: 'Select whether there is a real and immediate risk to life or of serious harm' });
  const reasons = required(input.reasons, 'reasons', reasonsMaximum, 'Enter the reasons for the decision', 'The reasons', problems);
  if (problems.length > 0 || crime === null || riskToLife === null) return { ok: false, problems };
  return { ok: true, decision: { crime, riskToLife, reasons, route: thresholdRoute(crime, riskToLife) } };
}

export interface OutcomeInput {
  outcome: string;
  detail: string;
}

// A call is closed only with an outcome and the words it needs.
export function validateOutcome(input: OutcomeInput): { ok: true; outcome: CallOutcome; detail: string } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (!isCallOutcome(input.outcome)) {
    problems.push({ field: 'outcome', message: 'Select the outcome: a call cannot be closed without one' });
    return { ok: false, problems };
  }
  const detail = required(input.detail, 'outcomeDetail', reasonsMaximum, callOutcomes[input.outcome].detail, 'The detail', problems);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, outcome: input.outcome, detail };
}

export interface DisagreementInput {
  about: string;
  withAgencyId: string;
}

// A disagreement between two agencies over a call: what it is about, and the other agency. It goes to
// the named lead of each.
export function validateDisagreement(input: DisagreementInput, facts: { otherAgencyIsParty: boolean }): { ok: true; about: string } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const about = required(input.about, 'about', reasonsMaximum, 'Enter what the disagreement is about', 'What it is about', problems);
  if (input.withAgencyId.trim() === '') problems.push({ field: 'withAgencyId', message: 'Select the agency you disagree with' });
  else if (!facts.otherAgencyIsParty) problems.push({ field: 'withAgencyId', message: 'Select another agency that has had this call' });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, about };
}

// Where a call is: a call is open until it has an outcome. Its owner is whoever has it in hand: the
// police when they attend, or the service whose handoff is accepted.
export type CallStage = 'awaiting-threshold' | 'police-attending' | 'awaiting-handoff' | 'handed-off' | 'declined' | 'accepted' | 'closed';

export const callStages: Record<CallStage, string> = {
  'awaiting-threshold': 'Awaiting the threshold decision',
  'police-attending': 'Police attending',
  'awaiting-handoff': 'Awaiting a handoff to a service',
  'handed-off': 'Handed off, awaiting an answer',
  declined: 'Declined: needs another service',
  accepted: 'Accepted by a service',
  closed: 'Closed with an outcome',
};

export function callStage(call: { route: ThresholdRoute | null; closed: boolean; latestHandoffStatus: string | null }): CallStage {
  if (call.closed) return 'closed';
  if (call.route === null) return 'awaiting-threshold';
  if (call.route === 'police-attend') return 'police-attending';
  switch (call.latestHandoffStatus) {
    case null:
    case 'withdrawn':
      return 'awaiting-handoff';
    case 'sent':
    case 'acknowledged':
      return 'handed-off';
    case 'declined':
      return 'declined';
    default:
      return 'accepted';
  }
}

// Whether anyone has the call in hand: a call waiting for a decision, a handoff, or an answer has no owner.
export function hasOwner(stage: CallStage): boolean {
  return stage === 'police-attending' || stage === 'accepted' || stage === 'closed';
}
