import { inForceFor } from './commencement.ts';
import { measureCount, rule, type RuleId } from './rules.ts';
import { instantOf, londonDay, londonTimeZone, momentOf, type Moment } from './time.ts';
import { deadline, isLiableToBeDetained, isPartThreeDetained, notYetEvaluated, when, type Context, type Deadline, type EventOf } from './evaluation-state.ts';

// Part 4: when medication may be given only with a certificate (s58(1)(b)).

export function medicationDeadline(context: Context, deadlines: Deadline[]): void {
  const { state, input } = context;
  const first = state.medicationFirstGiven;
  if (first === null) return;
  // s56(3): Part 4 does not apply to s4 before the second recommendation, s5, s35, s135 or s136.
  const partFourApplies = state.provision === 's2' || state.provision === 's3'
    || (isPartThreeDetained(state) && state.partThree?.admitted === true && state.provision !== 's35');
  if (!partFourApplies) return;
  const ruleId: RuleId = inForceFor('mha2025.s14', input.commencements, londonDay(first)) ? 'medication-certificate-2025' : 'medication-certificate';
  // s58(1)(b): months "elapsed since" the first dose, counted from the time of the dose in London; where
  // the month is short the date is moved back to its last day, so the certificate is never required late.
  const due = momentOf(instantOf(first).toZonedDateTimeISO(londonTimeZone).add({ months: measureCount(ruleId) }, { overflow: 'constrain' }).toInstant());
  deadlines.push(deadline('medication-certificate-required', due, rule(ruleId).provision, context.asOf));
}

export function onFirstMedication(context: Context, event: EventOf<'medication-first-administered'>, at: Moment): void {
  const { state } = context;
  if (state.provision === 'cto') {
    notYetEvaluated(state, event, at, 's64C', 'Treatment of a community patient (Part 4A) is not evaluated.');
    return;
  }
  if (!isLiableToBeDetained(state)) {
    state.findings.push({ severity: 'info', code: 'medication-outside-detention', provision: rule('medication-certificate').provision, message: 'A first dose is recorded while the patient is not liable to be detained; s58 does not apply to it.' });
    return;
  }
  if (state.medicationFirstGiven !== null) {
    state.findings.push({ severity: 'info', code: 'medication-first-dose-already-recorded', provision: rule('medication-certificate').provision, message: `A first dose in this period of liability was already recorded at ${when(state.medicationFirstGiven)}; the three months run from that one.` });
    return;
  }
  state.medicationFirstGiven = at;
}
