
import { measureCount, type RuleId } from './rules.ts';
import { scrutiniseApplication } from './scrutiny.ts';
import { daysBeginningWith, hoursFrom, londonDay, type Moment } from './time.ts';
import { addFinding, beginLiabilityIfNew, clearPowers, endLiability, isLiableToBeDetained, notYetEvaluated, partThreeProvisions, startPower, type Context, type EventOf } from './evaluation-state.ts';
import { firstPeriod } from './renewable-authority.ts';

// Part 2 events: informal admission, the holding powers of s5, admissions under s2, s3 and s4, and
// guardianship.

export function onInformalAdmission(context: Context, event: EventOf<'informal-admission'>, at: Moment): void {
  const { state } = context;
  const endsHoldingPower = state.provision === 's5(2)' || state.provision === 's5(4)' || state.provision === 's135(1)' || state.provision === 's136';
  if (endsHoldingPower) {
    // A person held under s5 or at a place of safety who stays in hospital informally leaves the power:
    // no application was made, and they remain (or become) an informal in-patient.
    state.findings.push({ severity: 'info', code: 'holding-power-ended-by-informal-admission', provision: state.provision === 's5(2)' || state.provision === 's5(4)' ? state.provision : state.provision === 's136' ? 's136(2)' : 's135(1)', message: `The ${state.provision} power ended with informal admission at the recorded time.` });
    endLiability(state, 'informal', at);
    return;
  }
  if (isLiableToBeDetained(state)) {
    addFinding(state, 'error', 'informal-admission-while-detained', 'discharge-requires-authority', `An informal admission is recorded while the patient is held under ${state.provision}; record the discharge first.`);
    return;
  }
  if (state.provision === 'cto' || state.provision === 'guardianship' || state.provision === 'conditionally-discharged') {
    // A community patient, guardianship patient or conditionally discharged patient may be an informal in-patient; the power in force continues.
    state.findings.push({ severity: 'info', code: 'informal-admission-under-power', provision: state.provision === 'cto' ? 's17A' : state.provision === 'guardianship' ? 's7' : 's42(2)', message: `Informally admitted while ${state.provision}; the status is unchanged.` });
    return;
  }
  endLiability(state, 'informal', at);
}

export function onHoldingPower(context: Context, event: EventOf<'s5-4-recorded' | 's5-2-report-furnished'>, at: Moment): void {
  const { state } = context;
  const isNurse = event.type === 's5-4-recorded';
  if (!isNurse && state.provision === 's5(4)' && state.holding !== null) {
    // s5(5): the 72 hours run from the time the s5(4) record was made.
    const started = hoursFrom(state.holding.end, -measureCount('s5-4-authority-ends'));
    state.holding = { end: hoursFrom(started, measureCount('s5-5-chaining')), ruleId: 's5-5-chaining', before: state.holding.before };
    startPower(state, 's5(2)', at);
    return;
  }
  if (isLiableToBeDetained(state) || state.provision === 'cto' || partThreeProvisions.has(state.provision) || state.provision === 'conditionally-discharged') {
    addFinding(state, 'error', 'holding-power-for-detained-patient', 'holding-power-not-for-detained', `A ${isNurse ? 's5(4) record' : 's5(2) report'} is recorded for a patient already ${state.provision === 'cto' ? 'a community patient' : `held under ${state.provision}`}; it has no effect.`);
    return;
  }
  if (state.provision === 'guardianship') {
    notYetEvaluated(state, event, at, isNurse ? 's5(4)' : 's5(2)', 'A holding power for a patient under guardianship is not evaluated.');
    return;
  }
  const before = state.provision === 'informal' ? 'informal' : 'none';
  if (before === 'none') {
    addFinding(state, 'warning', 'holding-power-without-in-patient-record', 'holding-power-in-patient', 'The holding powers apply to in-patients; no informal admission is recorded. The power is applied as recorded.');
  }
  beginLiabilityIfNew(state);
  const ruleId: RuleId = isNurse ? 's5-4-authority-ends' : 's5-2-authority-ends';
  clearPowers(state);
  state.holding = { end: hoursFrom(at, measureCount(ruleId)), ruleId, before };
  startPower(state, isNurse ? 's5(4)' : 's5(2)', at);
}

export function onAdmission(context: Context, event: EventOf<'s4-admitted' | 's2-admitted' | 's3-admitted'>, at: Moment): void {
  const { state, input } = context;
  const section = event.type === 's4-admitted' ? 's4' : event.type === 's2-admitted' ? 's2' : 's3';
  // Loose comparison: an event built without the optional application may carry undefined.
  if (event.application != null) state.findings.push(...scrutiniseApplication(section, event.application, at));
  const fromS2ToS3 = section === 's3' && state.provision === 's2' && state.s2 !== null;
  const blocked = state.provision === 'cto' || partThreeProvisions.has(state.provision) || state.provision === 'conditionally-discharged'
    || (state.provision === 's3' && section !== 's3') || state.provision === section
    || (state.provision === 's2' && section === 's4');
  if (blocked) {
    addFinding(state, 'error', 'application-for-detained-patient', 'application-for-detained-patient', `An ${section} admission is recorded for a patient ${state.provision === 'cto' ? 'on a community treatment order (recall is the route, s17E)' : `held under ${state.provision}`}; it has no effect.`);
    return;
  }
  if (state.provision === 'guardianship' && section !== 's3') {
    notYetEvaluated(state, event, at, section, 'Admission for assessment of a patient under guardianship (guardianship continues in the background) is not evaluated; the status shows the admission.');
  }
  const s2AdmissionDay = state.s2?.admissionDay ?? null;
  beginLiabilityIfNew(state);
  clearPowers(state);
  const day = londonDay(at);
  if (section === 's4') {
    state.s4 = { admittedAt: at, end: hoursFrom(at, measureCount('s4-authority-ends')) };
  } else if (section === 's2') {
    state.s2 = { admittedAt: at, admissionDay: day, end: daysBeginningWith(day, measureCount('s2-authority-ends')) };
  } else {
    state.renewable = firstPeriod('s3', at, input.commencements);
    // s68(5): for a patient first detained under s2, the applicable day is the s2 admission day.
    state.applicableDay = fromS2ToS3 && s2AdmissionDay !== null ? s2AdmissionDay : day;
    state.section117 = true;
  }
  startPower(state, section, at);
}

export function onSecondRecommendation(context: Context, event: EventOf<'s4-second-recommendation-received'>, at: Moment): void {
  const { state } = context;
  if (state.provision !== 's4' || state.s4 === null) {
    addFinding(state, 'error', 'second-recommendation-without-s4', 's4-becomes-s2', `A second medical recommendation is recorded while the patient is ${state.provision === 'none' ? 'not detained' : `held under ${state.provision}`}; it converts only a current s4 admission.`);
    return;
  }
  // s4(4), T8: the s2 runs 28 days from the day of the original admission.
  const admittedAt = state.s4.admittedAt;
  const admissionDay = londonDay(admittedAt);
  state.s4 = null;
  state.s2 = { admittedAt, admissionDay, end: daysBeginningWith(admissionDay, measureCount('s2-authority-ends')) };
  startPower(state, 's2', at);
}

export function onGuardianshipAccepted(context: Context, event: EventOf<'guardianship-accepted'>, at: Moment): void {
  const { state, input } = context;
  if (state.provision === 'cto' || partThreeProvisions.has(state.provision) || state.provision === 'conditionally-discharged' || state.provision === 'guardianship') {
    notYetEvaluated(state, event, at, 's7', `Guardianship for a patient under ${state.provision} is not evaluated; the status is unchanged.`);
    return;
  }
  // s8(5): reception into guardianship ends a previous Part 2 application for detention.
  endLiability(state, 'none', at);
  state.renewable = firstPeriod('guardianship', at, input.commencements);
  startPower(state, 'guardianship', at);
}
