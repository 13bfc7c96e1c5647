import { measureCount, rule } from './rules.ts';
import { nextRecurring } from './part-three.ts';
import { compareMoments, daysBeginningWith, isBefore, isOnOrBefore, londonDay, monthsBeginningWith } from './time.ts';
import { awaitingAdmission, deadline, isPartThreeDetained, partThreeProvisions, type Context, type Deadline } from './evaluation-state.ts';
import { effectiveEnd, lastPeriod, renewalWindowOpens } from './renewable-authority.ts';
import { placeOfSafetyEnd, placeOfSafetyProvision } from './place-of-safety.ts';
import { medicationDeadline } from './consent-to-treatment.ts';
import { awolDeadline } from './absence.ts';
import { managersReference, tribunalPosition, windowUsed } from './tribunal.ts';

// Reading the deadlines of the current period of liability off the state at asOf.

export function collectDeadlines(context: Context): { deadlines: Deadline[]; tribunalApplicationNow: boolean } {
  const { state, asOf } = context;
  const deadlines: Deadline[] = [];
  let tribunalApplicationNow = false;
  if (state.lapsedDeadline !== null && (state.provision === 'none' || state.provision === 'informal')) {
    return { deadlines: [state.lapsedDeadline], tribunalApplicationNow };
  }
  if (state.holding !== null) deadlines.push(deadline('authority-ends', state.holding.end, rule(state.holding.ruleId).provision, asOf));
  if (state.placeOfSafety !== null) deadlines.push(deadline('authority-ends', placeOfSafetyEnd(state.placeOfSafety), placeOfSafetyProvision(state.placeOfSafety), asOf));
  if (state.s4 !== null) deadlines.push(deadline('authority-ends', state.s4.end, rule('s4-authority-ends').provision, asOf));
  if (state.s2 !== null) deadlines.push(deadline('authority-ends', state.s2.end, rule('s2-authority-ends').provision, asOf));
  const authority = state.renewable;
  if (authority !== null) {
    const periodEnd = lastPeriod(authority).end;
    const { end, extended } = effectiveEnd(state, authority);
    // s21(1) extends the authority of a patient still absent only once the expiry has been reached.
    const showExtended = extended && !(state.awol !== null && isBefore(asOf, periodEnd));
    deadlines.push(deadline('authority-ends', showExtended ? end : periodEnd, showExtended ? rule('awol-extension-at-expiry').provision : rule(authority.periodsRule).provision, asOf));
    deadlines.push(deadline('renewal-window-opens', renewalWindowOpens(authority), rule(authority.renewalWindowRule).provision, asOf));
    // s68 for Part 2 patients, and through Sch 1 for unrestricted Part 3 patients.
    if (authority.regime === 's3' || authority.regime === 'hospital-order' || (authority.regime === 'cto' && state.suspended === 's3')) managersReference(context, deadlines);
  }
  const position = tribunalPosition(context, asOf);
  const window = position.current;
  if (window !== null) {
    deadlines.push(deadline('tribunal-window-closes', window.closes, rule(window.ruleId).provision, asOf));
    tribunalApplicationNow = !windowUsed(state, window) && isOnOrBefore(window.opens, asOf) && isBefore(asOf, window.closes);
  }
  // The next window, where none can be used now (not yet open, closed, or already used: s77(2)).
  if (!tribunalApplicationNow && position.next !== null && isBefore(asOf, position.next.opens)) {
    deadlines.push(deadline('tribunal-window-opens', position.next.opens, rule(position.next.ruleId).provision, asOf));
  }
  restrictedPatientDeadlines(context, deadlines);
  if (state.recall !== null) deadlines.push(deadline('recall-72h-ends', state.recall.end, rule('cto-recall-72-hours').provision, asOf));
  const partThree = state.partThree;
  // s35(7), s36(6), s38(5): the end of the current remand or interim period, whether or not yet admitted.
  if (partThree !== null && partThree.courtPeriod !== null && isPartThreeDetained(state)) deadlines.push(deadline('authority-ends', partThree.courtPeriod.end, rule(partThree.courtPeriod.ruleId).provision, asOf));
  if (partThree !== null && awaitingAdmission(state, partThree)) deadlines.push(deadline('admission-deadline', partThree.admissionDeadline.end, rule(partThree.admissionDeadline.ruleId).provision, asOf));
  medicationDeadline(context, deadlines);
  awolDeadline(context, deadlines);
  deadlines.sort((a, b) => compareMoments(a.due, b.due) || a.kind.localeCompare(b.kind) || a.provision.localeCompare(b.provision));
  return { deadlines, tribunalApplicationNow };
}

export function restrictedPatientDeadlines(context: Context, deadlines: Deadline[]): void {
  const { state, asOf } = context;
  const partThree = state.partThree;
  if (partThree === null || !partThree.restricted) return;
  const dischargedAt = partThree.conditionallyDischargedAt;
  if (state.provision === 'conditionally-discharged' && dischargedAt !== null) {
    // Guidance: the supervisors report 28 days after discharge, then every 3 months.
    const firstReportDay = londonDay(daysBeginningWith(londonDay(dischargedAt), measureCount('supervisor-first-report')));
    deadlines.push(deadline('supervisor-report-due', nextRecurring(firstReportDay, measureCount('supervisor-report'), 0, asOf), rule('supervisor-report').provision, asOf));
    return;
  }
  const detainedSinceDay = partThree.detainedSinceDay;
  if (!partThree.admitted || detainedSinceDay === null || !partThreeProvisions.has(state.provision)) return;
  // s41(6): the responsible clinician's report at intervals of not more than a year.
  deadlines.push(deadline('annual-report-due', nextRecurring(detainedSinceDay, measureCount('annual-report'), 1, asOf), rule('annual-report').provision, asOf));
  const returnedAt = partThree.returnedOnRecallAt;
  const lastHearing = state.hearings[state.hearings.length - 1];
  if (returnedAt !== null && lastHearing === undefined) {
    // s75(1)(a): the Secretary of State refers within one month beginning with the day of return.
    deadlines.push(deadline('sos-reference-due', monthsBeginningWith(londonDay(returnedAt), measureCount('sos-reference-after-recall')), rule('sos-reference-after-recall').provision, asOf));
    return;
  }
  // s71(2): no tribunal consideration within the last three years.
  const from = lastHearing === undefined ? detainedSinceDay : londonDay(lastHearing);
  deadlines.push(deadline('sos-reference-due', monthsBeginningWith(from, measureCount('sos-reference-three-years')), rule('sos-reference-three-years').provision, asOf));
}
