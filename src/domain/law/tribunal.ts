import { inForceFor } from './commencement.ts';
import { measureCount, rule, type RuleId } from './rules.ts';
import { periodicWindowAt } from './part-three.ts';
import { ageOn, daysBeginningWith, isBefore, isOnOrBefore, londonDay, monthsBeginningWith, type Moment, type DayNumber } from './time.ts';
import { addFinding, deadline, when, type Context, type Deadline, type EventOf, type State } from './evaluation-state.ts';
import { lastPeriod } from './renewable-authority.ts';

// The tribunal: the patient's application windows (s66, s69, s70, s75, s77) and the managers' references
// (s68).

export interface TribunalWindow {
  opens: Moment;
  closes: Moment;
  ruleId: RuleId;
}

export interface TribunalPosition {
  // The window the instant falls in, if any.
  current: TribunalWindow | null;
  // When the next window opens, where there is one to come.
  next: { opens: Moment; ruleId: RuleId } | null;
}

export function tribunalPosition(context: Context, instant: Moment): TribunalPosition {
  const { state, input } = context;
  const s2Like = state.s2 ?? (state.s4 === null ? null : { admittedAt: state.s4.admittedAt, admissionDay: londonDay(state.s4.admittedAt) });
  if (s2Like !== null) {
    // s66(1)(a), (2)(a): an s4 admission is on an application for admission for assessment too.
    const ruleId: RuleId = inForceFor('mha2025.s30', input.commencements, s2Like.admissionDay) ? 's2-tribunal-window-2025' : 's2-tribunal-window';
    return { current: { opens: s2Like.admittedAt, closes: daysBeginningWith(s2Like.admissionDay, measureCount(ruleId)), ruleId }, next: null };
  }
  const partThree = state.partThree;
  if (partThree !== null && partThree.restricted && (state.provision === 'conditionally-discharged' || partThree.admitted)) {
    // s70 (from the order or direction), s75(1)(b) (from return on recall), s75(2) (from conditional discharge).
    const conditionallyDischargedAt = partThree.conditionallyDischargedAt;
    const anchor = conditionallyDischargedAt === null ? partThree.windowsAnchor : londonDay(conditionallyDischargedAt);
    const ruleId: RuleId = conditionallyDischargedAt === null ? partThree.windowsRule : 'conditionally-discharged-tribunal-windows';
    const position = periodicWindowAt(anchor, ruleId, instant);
    return { current: position.current === null ? null : { ...position.current, ruleId }, next: { opens: position.nextOpens, ruleId } };
  }
  const authority = state.renewable;
  if (authority === null) return { current: null, next: null };
  const period = authority.periods.find((candidate) => isOnOrBefore(candidate.start, instant) && isBefore(instant, candidate.end)) ?? lastPeriod(authority);
  const next = { opens: period.end, ruleId: 'renewal-tribunal-window' as RuleId };
  if (period.number === 1) {
    if (authority.firstTribunalWindowRule === 'hospital-order-no-first-window') return { current: null, next: { opens: period.end, ruleId: 'hospital-order-no-first-window' } };
    const firstWindowEnd = monthsBeginningWith(period.startDay, measureCount(authority.firstTribunalWindowRule));
    return { current: { opens: period.start, closes: isBefore(firstWindowEnd, period.end) ? firstWindowEnd : period.end, ruleId: authority.firstTribunalWindowRule }, next };
  }
  // s66(1)(f), (2)(f): once in each renewal period.
  return { current: { opens: period.start, closes: period.end, ruleId: 'renewal-tribunal-window' }, next };
}

export function windowUsed(state: State, window: TribunalWindow): boolean {
  // s77(2): withdrawn applications do not count.
  return state.applications.some((application) => application.applicant === 'patient' && !application.withdrawn
    && isOnOrBefore(window.opens, application.at) && isBefore(application.at, window.closes));
}

// --- Output ---

export function managersReference(context: Context, deadlines: Deadline[]): void {
  const { state, asOf } = context;
  if (state.revokedAt !== null) {
    // s68(7): refer as soon as possible after revocation.
    deadlines.push(deadline('managers-reference-due', state.revokedAt, rule('managers-reference-revocation').provision, asOf));
  }
  const lastHearing = state.hearings[state.hearings.length - 1];
  if (lastHearing !== undefined) {
    // s68(6): more than 3 years (1 year if under 18) since the tribunal last considered the case.
    threeYearReference(context, deadlines, londonDay(lastHearing), 'managers-reference-three-years');
    return;
  }
  if (state.renewable?.regime === 'hospital-order' && state.partThree !== null) {
    // Sch 1 Pt 1 applies s68 to an unrestricted Part 3 patient; only s68(6) can bite, counted (where the
    // tribunal has never considered the case) from the day of the order or direction.
    threeYearReference(context, deadlines, londonDay(state.partThree.orderedAt), 'managers-reference-part-three');
    return;
  }
  const applicableDay = state.applicableDay;
  if (applicableDay === null || state.revokedAt !== null) return;
  const due = monthsBeginningWith(applicableDay, measureCount('managers-reference-six-months'));
  const applied = state.applications.some((application) => !application.withdrawn && londonDay(application.at) >= applicableDay && isBefore(application.at, due));
  if (!applied) deadlines.push(deadline('managers-reference-due', due, rule('managers-reference-six-months').provision, asOf));
}

function threeYearReference(context: Context, deadlines: Deadline[], fromDay: DayNumber, adultRule: RuleId): void {
  const oneYear = monthsBeginningWith(fromDay, measureCount('managers-reference-three-years-under-18'));
  const dateOfBirth = context.input.person.dateOfBirth;
  const under18 = dateOfBirth !== null && ageOn(dateOfBirth, londonDay(oneYear)) < 18;
  const ruleId: RuleId = under18 ? 'managers-reference-three-years-under-18' : adultRule;
  deadlines.push(deadline('managers-reference-due', under18 ? oneYear : monthsBeginningWith(fromDay, measureCount(adultRule)), rule(ruleId).provision, context.asOf));
}

export function onTribunalApplication(context: Context, event: EventOf<'tribunal-application'>, at: Moment): void {
  const { state } = context;
  const window = tribunalPosition(context, at).current;
  if (event.applicant === 'patient') {
    if (window === null || !isBefore(at, window.closes)) {
      addFinding(state, 'warning', 'tribunal-application-outside-window', 'tribunal-application-eligibility', `A patient's application is recorded at ${when(at)} while no application window is open (${state.provision}).`);
    } else if (windowUsed(state, window)) {
      addFinding(state, 'warning', 'tribunal-application-already-made', 'tribunal-application-eligibility', 'The patient has already applied once in this period (s77(2)); a second application is not allowed.');
    }
  } else {
    const barred = state.barringReport !== null && isBefore(at, daysBeginningWith(londonDay(state.barringReport), measureCount('nr-tribunal-window-after-barring')));
    // s69(1)(a): the nearest relative of an unrestricted hospital-order patient may apply when the patient may.
    const hospitalOrderWindow = state.renewable?.regime === 'hospital-order' && window !== null;
    if (!barred && !hospitalOrderWindow) {
      addFinding(state, 'warning', 'not-yet-evaluated', 'tribunal-application-eligibility', 'A nearest relative\'s application is recorded outside the barring window (s66(1)(g)); other grounds (s29 displacement orders, s69) are not evaluated.');
    }
  }
  state.applications.push({ at: at, applicant: event.applicant, withdrawn: false });
}

export function onTribunalApplicationWithdrawn(context: Context, event: EventOf<'tribunal-application-withdrawn'>, at: Moment): void {
  const { state } = context;
  const pending = [...state.applications].reverse().find((application) => !application.withdrawn);
  if (pending === undefined) {
    addFinding(state, 'warning', 'withdrawal-without-application', 'withdrawn-application-not-counted', 'A withdrawal is recorded with no application to withdraw.');
    return;
  }
  // s77(2): a withdrawn application is treated as not made.
  pending.withdrawn = true;
}

export function onTribunalHearing(context: Context, event: EventOf<'tribunal-hearing'>, at: Moment): void {
  const { state } = context;
  state.hearings.push(at);
}
