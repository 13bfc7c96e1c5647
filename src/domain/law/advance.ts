import { rule } from './rules.ts';
import { isBefore, isOnOrBefore, type Moment } from './time.ts';
import { addFinding, awaitingAdmission, isPartThreeDetained, lapse, when, type Context } from './evaluation-state.ts';
import { effectiveEnd } from './renewable-authority.ts';
import { placeOfSafetyEnd, placeOfSafetyProvision } from './place-of-safety.ts';

// Brings the state forward to an instant (the next event, or asOf): a power whose end falls on or before it
// lapses at that end, with a finding, so the next event meets the law as it then stood.
export function advance(context: Context, instant: Moment): void {
  const { state } = context;
  const placeOfSafety = state.placeOfSafety;
  if (placeOfSafety !== null) {
    const end = placeOfSafetyEnd(placeOfSafety);
    if (isOnOrBefore(end, instant)) {
      lapse(state, end, placeOfSafetyProvision(placeOfSafety), `The place-of-safety period ended at ${when(end)}; no record of the person leaving the power by then.`);
      state.lastPlaceOfSafety = placeOfSafety;
    }
  }
  if (state.holding !== null && isOnOrBefore(state.holding.end, instant)) {
    const holding = state.holding;
    lapse(state, holding.end, rule(holding.ruleId).provision, `The holding power ended at ${when(holding.end)} with no application or discharge recorded.`, holding.before);
  }
  if (state.s4 !== null && isOnOrBefore(state.s4.end, instant)) {
    lapse(state, state.s4.end, rule('s4-authority-ends').provision, `The emergency admission lapsed at ${when(state.s4.end)}: no second medical recommendation was received within 72 hours.`);
  }
  if (state.s2 !== null && isOnOrBefore(state.s2.end, instant)) {
    // s18(5): an absent s2 patient cannot be retaken after the 28 days.
    lapse(state, state.s2.end, rule('s2-authority-ends').provision, `Detention for assessment ended at ${when(state.s2.end)}; no s3 application or discharge is recorded.`);
  }
  const recall = state.recall;
  if (recall !== null && isOnOrBefore(recall.end, instant) && !(state.awol !== null && isBefore(state.awol.began, recall.end))) {
    // s17F: after 72 hours the patient must be released unless the order has been revoked.
    addFinding(state, 'error', 'recall-72-hours-exceeded', 'cto-recall-72-hours', `The 72 hours of recall ended at ${when(recall.end)} with no release or revocation recorded; the patient may no longer be detained under the recall.`);
    state.recall = null;
    state.expiredRecall = recall;
  }
  const authority = state.renewable;
  if (authority !== null) {
    const { end } = effectiveEnd(state, authority);
    if (isOnOrBefore(end, instant)) {
      const provision = rule(authority.periodsRule).provision;
      const message = authority.regime === 'cto'
        ? `The community treatment order expired at ${when(end)} without extension; the patient is discharged (s20B(1)).`
        : `The authority expired at ${when(end)} with no renewal report furnished in time.`;
      lapse(state, end, authority.regime === 'cto' ? rule('cto-expiry-discharges').provision : provision, message);
    }
  }
  const partThree = state.partThree;
  const courtPeriod = partThree?.courtPeriod ?? null;
  if (courtPeriod !== null && isPartThreeDetained(state) && isOnOrBefore(courtPeriod.end, instant)) {
    // s35(7), s36(6), s38(5): the remand or interim order ends with its period unless renewed in time.
    lapse(state, courtPeriod.end, rule(courtPeriod.ruleId).provision, `The remand or interim hospital order ended at ${when(courtPeriod.end)} with no further remand or renewal recorded.`);
    return;
  }
  if (partThree !== null && awaitingAdmission(state, partThree) && isOnOrBefore(partThree.admissionDeadline.end, instant)) {
    lapse(state, partThree.admissionDeadline.end, rule(partThree.admissionDeadline.ruleId).provision, `No admission to hospital was recorded before ${when(partThree.admissionDeadline.end)}; the order or direction lapsed.`);
  }
}
