import type { Provision } from './contract.ts';
import { measureCount, measureDays, rule, type RuleId } from './rules.ts';
import { daysBeginningWith, isOnOrBefore, londonDay, monthsBeginningWith, type Moment, type DayNumber } from './time.ts';
import { addFinding, beginLiabilityIfNew, endLiability, notYetEvaluated, startPower, when, type Context, type CourtPeriod, type EventOf, type PartThreeSection, type State } from './evaluation-state.ts';
import { firstPeriod } from './renewable-authority.ts';

// Part 3 events: court orders and transfer directions, admission under them, and the Secretary of
// State's recall of a conditionally discharged restricted patient (s42(3)).

type CourtPeriodSection = 's35' | 's36' | 's38';

function isCourtPeriodSection(section: PartThreeSection): section is CourtPeriodSection {
  return section === 's35' || section === 's36' || section === 's38';
}

// The first period of a remand or interim order and its limit in all, from the date of the order.
function firstCourtPeriod(section: CourtPeriodSection, orderDay: DayNumber): CourtPeriod {
  if (section === 's38') {
    // s38(5): the period the court specifies, read as the most allowed: 12 weeks beginning with the order's date;
    // not more than 12 months in all.
    return { end: daysBeginningWith(orderDay, measureDays('s38-interim-period')), ruleId: 's38-interim-period', limit: monthsBeginningWith(orderDay, measureCount('s38-interim-limit')), limitRuleId: 's38-interim-limit' };
  }
  // s35(7), s36(6): not more than 28 days at a time beginning with the date of remand; 12 weeks in all.
  return { end: daysBeginningWith(orderDay, measureDays(`${section}-remand-period`)), ruleId: `${section}-remand-period`, limit: daysBeginningWith(orderDay, measureDays(`${section}-remand-limit`)), limitRuleId: `${section}-remand-limit` };
}

// A further order under the same section while a remand or interim order is in force: a further remand
// (s35(7), s36(6)) or a renewal (s38(5)), cut short at the limit in all, with a finding if it would run beyond.
function onFurtherRemandOrRenewal(state: State, section: CourtPeriodSection, period: CourtPeriod, at: Moment): void {
  const renewal = section === 's38';
  const periodRule: RuleId = section === 's38' ? 's38-interim-renewal' : `${section}-remand-period`;
  // s38(5): a renewal follows on from the current period; s35(7): a further remand runs from its own date.
  const proposedEnd = daysBeginningWith(londonDay(renewal ? period.end : at), measureDays(periodRule));
  if (isOnOrBefore(proposedEnd, period.limit)) {
    period.end = proposedEnd;
    period.ruleId = periodRule;
    return;
  }
  const nothingLeft = isOnOrBefore(period.limit, period.end);
  const what = renewal ? 'renewal of the interim hospital order' : 'further remand';
  addFinding(state, nothingLeft ? 'error' : 'warning', renewal ? 'interim-order-beyond-limit' : 'remand-beyond-limit', period.limitRuleId,
    nothingLeft
      ? `The ${what} at ${when(at)} would run beyond the limit in all, which is already reached at ${when(period.limit)}; it has no effect.`
      : `The ${what} at ${when(at)} would run beyond the limit in all; the authority is shown ending at ${when(period.limit)}.`);
  period.end = period.limit;
  period.ruleId = period.limitRuleId;
}

export function onOrderOrDirection(context: Context, event: EventOf<'court-order' | 'transfer-direction'>, at: Moment): void {
  const { state } = context;
  const current = state.partThree;
  if (event.type === 'court-order' && isCourtPeriodSection(event.order) && current !== null && current.section === event.order && current.courtPeriod !== null && state.provision === current.provision) {
    if (event.restricted) state.findings.push({ severity: 'warning', code: 'restriction-not-available', provision: 's41(1)', message: `A restriction cannot be attached to ${event.order}; it is ignored.` });
    onFurtherRemandOrRenewal(state, event.order, current.courtPeriod, at);
    return;
  }
  const section: PartThreeSection = event.type === 'court-order' ? event.order : event.direction;
  const restricted = event.restricted && (section === 's37' || section === 's47' || section === 's48');
  const provision: Provision = section === 's45A' ? 's45A' : restricted ? (`${section}/${section === 's37' ? '41' : '49'}` as Provision) : section;
  const ruleId: RuleId = `${section}-admission-deadline`;
  if (event.restricted && !restricted) {
    state.findings.push({ severity: 'warning', code: 'restriction-not-available', provision: 's41(1)', message: `A restriction cannot be attached to ${section}; it is ignored.` });
  }
  endLiability(state, 'none', at);
  const orderDay = londonDay(at);
  state.partThree = {
    section,
    provision,
    orderedAt: at,
    // s37(4), s35(4), s47(2), s48(3): admission within the days beginning with the date of the order or direction.
    admissionDeadline: { end: daysBeginningWith(orderDay, measureCount(ruleId)), ruleId },
    admitted: false,
    // s45A: the limitation direction has the effect of a restriction (s45B(2)).
    restricted: restricted || section === 's45A',
    detainedSinceDay: null,
    // s70: windows counted from the date of the order or direction.
    windowsAnchor: orderDay,
    windowsRule: 'restricted-tribunal-windows',
    returnedOnRecallAt: null,
    conditionallyDischargedAt: null,
    courtPeriod: isCourtPeriodSection(section) ? firstCourtPeriod(section, orderDay) : null,
  };
  startPower(state, provision, at);
  if (restricted && section !== 's37') {
    notYetEvaluated(state, event, at, 's50', 'A restriction direction ends at the release date (s50(2)), which is not recorded.');
  } else if (section === 's45A') {
    notYetEvaluated(state, event, at, 's45A', 'A limitation direction ends at the release date, which is not recorded; admission within 28 days is the engine\'s reading.');
  }
}

export function onHospitalAdmission(context: Context, event: EventOf<'hospital-admitted'>, at: Moment): void {
  const { state, input } = context;
  const partThree = state.partThree;
  if (partThree === null || partThree.admitted || state.provision === 'conditionally-discharged' || state.provision === 'cto') {
    addFinding(state, 'error', 'admission-without-order', 's37-admission-deadline', 'A hospital admission is recorded with no court order or transfer direction awaiting admission.');
    return;
  }
  partThree.admitted = true;
  partThree.detainedSinceDay = londonDay(at);
  if (partThree.section !== 's35' && partThree.section !== 's36' && partThree.section !== 's38') state.section117 = true;
  if (!partThree.restricted && (partThree.section === 's37' || partThree.section === 's47' || partThree.section === 's48')) {
    // s40(4), Sch 1 Pt 1; s47(3): as if admitted on the date of the order or direction.
    state.renewable = firstPeriod('hospital-order', partThree.orderedAt, input.commencements);
    if (partThree.section !== 's37') state.renewable.firstTribunalWindowRule = 'transfer-tribunal-window';
  }
}

export function onRecallOfConditionallyDischarged(context: Context, event: EventOf<'recalled'>, at: Moment): void {
  const { state } = context;
  const partThree = state.partThree;
  if (state.provision !== 'conditionally-discharged' || partThree === null) {
    addFinding(state, 'error', 'recall-without-conditional-discharge', 'recall-of-conditionally-discharged', 'A Secretary of State recall is recorded for a patient who is not conditionally discharged.');
    return;
  }
  // s42(3)-(4): back in hospital under the order, liable to be detained; s75(1): a reference within a month
  // of return, and windows counted from the day of return.
  beginLiabilityIfNew(state);
  partThree.admitted = true;
  partThree.conditionallyDischargedAt = null;
  partThree.returnedOnRecallAt = at;
  partThree.detainedSinceDay = londonDay(at);
  partThree.windowsAnchor = londonDay(at);
  partThree.windowsRule = 'recalled-restricted-tribunal-windows';
  state.hearings = [];
  startPower(state, partThree.provision, at);
}
