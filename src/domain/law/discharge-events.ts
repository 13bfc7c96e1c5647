
import { inForceFor } from './commencement.ts';
import { measureCount, rule, type RuleId } from './rules.ts';
import { daysBeginningWith, hoursFrom, isBefore, londonDay, monthsBeginningWith, type Moment } from './time.ts';
import { addFinding, endLiability, notYetEvaluated, startPower, when, type Commencements, type Context, type EventOf } from './evaluation-state.ts';

// Discharge (s23, s42, s73) and the nearest relative's notice and the barring report (s25).

export function discharge(context: Context, event: EventOf<'discharged'>, at: Moment): void {
  const { state } = context;
  if (state.provision === 'none' || state.provision === 'informal') {
    addFinding(state, 'error', 'discharge-without-authority', 'discharge-requires-authority', 'A discharge is recorded while no power is in force; it has no effect.');
    return;
  }
  const partThree = state.partThree;
  const restricted = partThree?.restricted ?? false;
  if (event.kind === 'conditional') {
    if (!restricted || partThree === null) {
      addFinding(state, 'error', 'conditional-discharge-unrestricted', 'conditional-discharge-restricted-only', `A conditional discharge is recorded for an unrestricted patient (${state.provision}); it has no effect.`);
      return;
    }
    if (state.provision === 'conditionally-discharged') {
      addFinding(state, 'error', 'conditional-discharge-repeated', 'conditional-discharge-restricted-only', 'A conditional discharge is recorded for a patient already conditionally discharged.');
      return;
    }
    if (partThree.section !== 's37') {
      // s74: for restriction and limitation directions the tribunal notifies the Secretary of State instead.
      notYetEvaluated(state, event, at, 's74', `Conditional discharge of a patient under ${state.provision} is not evaluated; the status is unchanged.`);
      return;
    }
    if (event.by !== 'tribunal' && event.by !== 'sos') {
      addFinding(state, 'error', 'conditional-discharge-by-wrong-body', 'conditional-discharge-restricted-only', 'Only the Secretary of State (s42(2)) or the tribunal (s73) can discharge a restricted patient conditionally; it has no effect.');
      return;
    }
    // s42(2), s73: no longer liable to be detained, still restricted and liable to recall (s42(3)).
    state.renewable = null;
    state.awol = null;
    state.lastAbsence = null;
    state.medicationFirstGiven = null;
    state.hearings = [];
    partThree.admitted = false;
    partThree.conditionallyDischargedAt = at;
    partThree.returnedOnRecallAt = null;
    startPower(state, 'conditionally-discharged', at);
    return;
  }
  if (event.by === 'nr') {
    if (!['s2', 's3', 'cto', 'guardianship'].includes(state.provision)) {
      addFinding(state, 'error', 'nr-discharge-not-available', 'nr-discharge-power', `The nearest relative has no power to discharge a patient under ${state.provision}; the discharge has no effect.`);
      return;
    }
    const report = state.barringReport;
    if (report !== null) {
      const barred = barredPeriod(report, context.input.commencements);
      if (isBefore(at, barred.end)) {
        addFinding(state, 'error', 'nr-discharge-barred', barred.ruleId, `The nearest relative's discharge at ${when(at)} falls within the ${measureCount(barred.ruleId)} months beginning with the date of the barring report (${when(report)}), which end at ${when(barred.end)}; it has no effect.`);
        return;
      }
    }
    // s25(1): after the barred months, the discharge needs a fresh notice, given after the barring report.
    const notice = state.nearestRelativeNotice;
    const freshNotice = notice !== null && (report === null || isBefore(report, notice)) ? notice : null;
    if (state.provision !== 'guardianship' && (freshNotice === null || isBefore(at, hoursFrom(freshNotice, measureCount('nr-barring-window'))))) {
      addFinding(state, 'warning', 'nr-discharge-before-notice-period', 'nr-barring-window', 'The nearest relative\'s discharge is recorded without 72 hours\' notice having run (s25(1)).');
    }
  }
  if (restricted && (event.by === 'rc' || event.by === 'managers')) {
    addFinding(state, 'warning', 'restricted-discharge-needs-consent', 'restricted-discharge-consent', 'Discharge of a restricted patient by the responsible clinician or managers needs the Secretary of State\'s consent.');
  }
  if (partThree !== null && (partThree.section === 's35' || partThree.section === 's36' || partThree.section === 's38')) {
    notYetEvaluated(state, event, at, rule('court-ends-remand').provision, `A remand or interim order ends by the court's decision; the discharge is recorded as ending ${state.provision}.`);
  }
  // Absolute discharge ends the power: the status is "none". Whether the person stays in hospital
  // informally is a separate fact, recorded by an informal-admission event.
  endLiability(state, 'none', at);
}

// --- Tribunal windows (s66) ---

export function onNearestRelativeNotice(context: Context, event: EventOf<'nr-discharge-notice'>, at: Moment): void {
  const { state } = context;
  if (!['s2', 's3', 'cto'].includes(state.provision)) {
    addFinding(state, 'error', 'nr-discharge-not-available', 'nr-discharge-power', `The nearest relative has no power to discharge a patient under ${state.provision} (s23(2), s25).`);
    return;
  }
  // A fresh notice does not lift a bar already in force: s25(1)(b) bars any further order for its months.
  state.nearestRelativeNotice = at;
}

// s25(1)(b): the months, beginning with the date of the barring report, in which the nearest relative may
// not order discharge; 3 months once MHA 2025 s26 is in force on the day of the report.
export function barredPeriod(report: Moment, commencements: Commencements): { end: Moment; ruleId: RuleId } {
  const reportDay = londonDay(report);
  const ruleId: RuleId = inForceFor('mha2025.s26', commencements, reportDay) ? 'nr-discharge-barred-2025' : 'nr-discharge-barred';
  return { end: monthsBeginningWith(reportDay, measureCount(ruleId)), ruleId };
}

export function onBarringReport(context: Context, event: EventOf<'barring-report-furnished'>, at: Moment): void {
  const { state } = context;
  const notice = state.nearestRelativeNotice;
  if (notice === null) {
    addFinding(state, 'error', 'barring-report-without-notice', 'nr-barring-window', 'A barring report is furnished with no notice of discharge from the nearest relative.');
    return;
  }
  const end = hoursFrom(notice, measureCount('nr-barring-window'));
  if (!isBefore(at, end)) {
    addFinding(state, 'error', 'barring-report-late', 'nr-barring-window', `The barring report was furnished at ${when(at)}, after the 72 hours from the notice ended at ${when(end)}.`);
    return;
  }
  state.barringReport = at;
  if (state.provision === 's3' || state.provision === 'cto') {
    // s66(1)(g), (2)(d): the nearest relative may apply within 28 days beginning with being informed.
    const closes = daysBeginningWith(londonDay(at), measureCount('nr-tribunal-window-after-barring'));
    addFinding(state, 'info', 'nr-may-apply-to-tribunal', 'nr-tribunal-window-after-barring', `The nearest relative must be informed of the barring report and may apply to the tribunal within 28 days beginning with the day they are informed (no earlier than ${when(closes)} for the window to close).`);
  }
}
