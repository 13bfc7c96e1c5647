import type { DeadlineKind, EvaluateInput, Finding, LawEvent, Provision } from './contract.ts';
import { rule, type RuleId } from './rules.ts';
import { isOnOrBefore, londonWallClock, type DayNumber, type Moment } from './time.ts';

// The state the engine carries while it walks a history: the power in force, its periods and clocks, and
// the findings so far; with the small operations every part of the walk uses.

// The contract's event member that carries the given type (members group types that share their fields).
export type EventOf<T extends LawEvent['type']> = LawEvent extends infer Member ? (Member extends { type: infer Types } ? (T extends Types ? Member : never) : never) : never;

export type Commencements = EvaluateInput['commencements'];

export interface AuthorityPeriod {
  number: number;
  start: Moment;
  startDay: DayNumber;
  end: Moment;
}

// s3, guardianship and CTO: authorities renewed period by period under s20 / s20A.
export interface RenewableAuthority {
  // 'hospital-order': an unrestricted hospital order or transfer direction, which runs like s3 (s40(4)).
  regime: 's3' | 'guardianship' | 'cto' | 'hospital-order';
  periodsRule: RuleId;
  renewalWindowRule: RuleId;
  firstTribunalWindowRule: RuleId;
  periods: AuthorityPeriod[];
}

export interface PlaceOfSafety {
  power: 's135(1)' | 's136';
  arrival: Moment;
  extensionHours: number;
}

export type PartThreeSection = 's35' | 's36' | 's37' | 's38' | 's45A' | 's47' | 's48';

export interface PartThree {
  section: PartThreeSection;
  provision: Provision;
  orderedAt: Moment;
  admissionDeadline: { end: Moment; ruleId: RuleId };
  admitted: boolean;
  restricted: boolean;
  // The day a restricted patient was admitted, or returned on recall (s41(6), s71(2)).
  detainedSinceDay: DayNumber | null;
  // s70 / s75(1)(b): the day the restricted patient's tribunal windows are counted from, and the rule.
  windowsAnchor: DayNumber;
  windowsRule: RuleId;
  returnedOnRecallAt: Moment | null;
  conditionallyDischargedAt: Moment | null;
  // s35(7), s36(6), s38(5): a remand or interim order runs for periods the court sets, within a limit in
  // all; `ruleId` is the rule behind the current end (the period's own, or the limit that cut it short).
  courtPeriod: CourtPeriod | null;
}

export interface CourtPeriod {
  end: Moment;
  ruleId: RuleId;
  limit: Moment;
  limitRuleId: RuleId;
}

export interface TribunalApplication {
  at: Moment;
  applicant: 'patient' | 'nr';
  withdrawn: boolean;
}

export interface State {
  provision: Provision;
  since: Moment | null;
  holding: { end: Moment; ruleId: RuleId; before: 'informal' | 'none' } | null;
  s4: { admittedAt: Moment; end: Moment } | null;
  s2: { admittedAt: Moment; admissionDay: DayNumber; end: Moment } | null;
  renewable: RenewableAuthority | null;
  recall: { at: Moment; end: Moment } | null;
  // The section a community treatment order suspends, to which revocation returns the patient.
  suspended: Provision | null;
  // A recall whose 72 hours ran out with no release or revocation recorded (s17F).
  expiredRecall: { at: Moment; end: Moment } | null;
  revokedAt: Moment | null;
  placeOfSafety: PlaceOfSafety | null;
  // The last place-of-safety detention, kept after it ends to judge a late extension (s136B).
  lastPlaceOfSafety: PlaceOfSafety | null;
  partThree: PartThree | null;
  awol: { began: Moment } | null;
  lastAbsence: { began: Moment; returned: Moment } | null;
  // s68(5): the day from which the managers' first reference is counted.
  applicableDay: DayNumber | null;
  medicationFirstGiven: Moment | null;
  applications: TribunalApplication[];
  hearings: Moment[];
  nearestRelativeNotice: Moment | null;
  barringReport: Moment | null;
  section117: boolean;
  lapsedDeadline: Deadline | null;
  findings: Finding[];
}

// A deadline as the engine computes it; evaluate() turns its moment into a Temporal.Instant for output.
export interface Deadline {
  kind: DeadlineKind;
  due: Moment;
  provision: string;
  passed: boolean;
}

export interface Context {
  input: EvaluateInput;
  // input.asOf, read once.
  asOf: Moment;
  state: State;
}

export const detainedProvisions: ReadonlySet<Provision> = new Set<Provision>(['s5(4)', 's5(2)', 's4', 's2', 's3', 's135(1)', 's136']);

export const partThreeProvisions: ReadonlySet<Provision> = new Set<Provision>(['s35', 's36', 's37', 's37/41', 's38', 's45A', 's47', 's47/49', 's48', 's48/49']);

export function emptyState(): State {
  return {
    provision: 'none',
    since: null,
    holding: null,
    s4: null,
    s2: null,
    renewable: null,
    recall: null,
    suspended: null,
    expiredRecall: null,
    revokedAt: null,
    placeOfSafety: null,
    lastPlaceOfSafety: null,
    partThree: null,
    awol: null,
    lastAbsence: null,
    applicableDay: null,
    medicationFirstGiven: null,
    applications: [],
    hearings: [],
    nearestRelativeNotice: null,
    barringReport: null,
    section117: false,
    lapsedDeadline: null,
    findings: [],
  };
}

export function when(instant: Moment): string {
  return londonWallClock(instant);
}

export function addFinding(state: State, severity: Finding['severity'], code: string, ruleId: RuleId, message: string): void {
  state.findings.push({ severity, code, provision: rule(ruleId).provision, message });
}

export function notYetEvaluated(state: State, event: LawEvent, at: Moment, provision: string, detail: string): void {
  state.findings.push({ severity: 'warning', code: 'not-yet-evaluated', provision, message: `${event.type} at ${when(at)}: ${detail} The engine does not yet evaluate this; check it by hand.` });
}

// Ends every power and the period of liability that went with it. s117 after-care survives (s117(2)).
export function endLiability(state: State, provision: 'none' | 'informal', at: Moment): void {
  const section117 = state.section117;
  const findings = state.findings;
  const lastPlaceOfSafety = state.placeOfSafety ?? state.lastPlaceOfSafety;
  Object.assign(state, emptyState());
  state.section117 = section117;
  state.findings = findings;
  state.lastPlaceOfSafety = lastPlaceOfSafety;
  state.provision = provision;
  state.since = at;
}

export function lapse(state: State, end: Moment, provision: string, message: string, after: 'none' | 'informal' = 'none'): void {
  endLiability(state, after, end);
  state.lapsedDeadline = { kind: 'authority-ends', due: end, provision, passed: true };
  state.findings.push({ severity: 'warning', code: 'authority-lapsed', provision, message });
}

export function isLiableToBeDetained(state: State): boolean {
  if (state.provision === 'cto') return state.recall !== null;
  if (state.provision === 'conditionally-discharged') return false;
  if (detainedProvisions.has(state.provision)) return true;
  return state.partThree !== null && state.partThree.admitted;
}

// An order or direction made but not yet acted on by admission (s37(4), s47(2)).
export function awaitingAdmission(state: State, partThree: PartThree): boolean {
  return !partThree.admitted && partThreeProvisions.has(state.provision);
}

export function isPartThreeDetained(state: State): boolean {
  return state.partThree !== null && partThreeProvisions.has(state.provision);
}

// --- Renewable authorities (s20, s20A) ---

export function startPower(state: State, provision: Provision, at: Moment): void {
  state.provision = provision;
  state.since = at;
  state.lapsedDeadline = null;
}

// Clears the Part 2 powers that a new application replaces, keeping the period of liability.
export function clearPowers(state: State): void {
  state.holding = null;
  state.s4 = null;
  state.s2 = null;
  state.renewable = null;
  state.recall = null;
  state.suspended = null;
  state.expiredRecall = null;
  state.revokedAt = null;
  state.placeOfSafety = null;
  state.partThree = null;
}

export function beginLiabilityIfNew(state: State): void {
  if (!isLiableToBeDetained(state)) {
    state.medicationFirstGiven = null;
    state.applications = [];
    state.hearings = [];
    state.applicableDay = null;
    state.nearestRelativeNotice = null;
    state.barringReport = null;
    state.awol = null;
    state.lastAbsence = null;
  }
}

export function deadline(kind: DeadlineKind, due: Moment, provision: string, asOf: Moment): Deadline {
  return { kind, due, provision, passed: isOnOrBefore(due, asOf) };
}
