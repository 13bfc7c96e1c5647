import { measureCount, rule } from './rules.ts';
import { hoursFrom, isBefore, isOnOrBefore, londonDay, type Moment } from './time.ts';
import { addFinding, deadline, isLiableToBeDetained, notYetEvaluated, type Context, type Deadline, type EventOf } from './evaluation-state.ts';
import { lastPeriod, retakingEnds } from './renewable-authority.ts';

// Absence without leave (s18, s21).

export function awolDeadline(context: Context, deadlines: Deadline[]): void {
  const { state } = context;
  const absence = state.awol;
  if (absence === null) return;
  if (state.partThree?.restricted === true) return; // s41(3)(d): no limit on retaking.
  // s35(10), s36(8), s38(7): an absconding remand or interim patient is arrested and brought to court.
  if (state.partThree !== null && state.renewable === null) return;
  if (state.s2 !== null || state.s4 !== null || state.holding !== null) {
    // s18(5): no retaking once the period of detention has ended.
    const end = state.s2?.end ?? state.s4?.end ?? state.holding?.end;
    if (end !== undefined) deadlines.push(deadline('awol-retaking-ends', end, rule('awol-no-retaking-after-short-powers').provision, context.asOf));
    return;
  }
  const authority = state.renewable;
  if (authority !== null) {
    const end = lastPeriod(authority).end;
    deadlines.push(deadline('awol-retaking-ends', retakingEnds(absence.began, end), rule('awol-retaking-limit').provision, context.asOf));
  }
}

export function onAbsenceBegan(context: Context, event: EventOf<'awol-began'>, at: Moment): void {
  const { state } = context;
  if (state.awol !== null) {
    state.findings.push({ severity: 'info', code: 'awol-already-recorded', provision: 's18(1)', message: 'An absence is recorded while the patient is already absent without leave; the first day of absence is kept.' });
    return;
  }
  const remand = state.provision === 's35' || state.provision === 's36' || state.provision === 's38';
  if (state.provision === 's135(1)' || state.provision === 's136' || remand) {
    notYetEvaluated(state, event, at, remand ? 's35(10)' : 's138', `Absence of a patient under ${state.provision} is not evaluated.`);
    if (!remand) return;
  } else if (!isLiableToBeDetained(state) && state.provision !== 'guardianship') {
    addFinding(state, 'error', 'awol-without-authority', 'awol-requires-authority', `An absence without leave is recorded for a patient who is ${state.provision === 'cto' ? 'a community patient not under recall' : state.provision === 'none' ? 'not liable to be detained' : `${state.provision}`}; there is no power to retake.`);
    return;
  }
  state.awol = { began: at };
}

export function onAbsenceEnded(context: Context, event: EventOf<'awol-returned'>, at: Moment): void {
  const { state } = context;
  const absence = state.awol;
  if (absence === null) {
    addFinding(state, state.lapsedDeadline !== null ? 'error' : 'warning', 'return-without-absence', 'awol-retaking-limit', state.lapsedDeadline !== null ? 'A return is recorded after the authority had lapsed (s18(4), s18(5)): the patient could no longer be retaken.' : 'A return is recorded with no absence in progress.');
    return;
  }
  state.awol = null;
  state.lastAbsence = { began: absence.began, returned: at };
  const daysAbsent = londonDay(at) - londonDay(absence.began);
  if (state.renewable !== null && daysAbsent > measureCount('awol-long-absence')) {
    // s21B: after more than 28 days' absence the authority ends a week after return unless a report is
    // furnished; the events cannot record that report.
    notYetEvaluated(state, event, at, rule('awol-long-absence').provision, `The patient was absent for ${daysAbsent} days; the examination and report required within a week of return are not evaluated.`);
  }
  const recall = state.recall;
  if (recall !== null && isBefore(absence.began, recall.end) && isOnOrBefore(recall.end, at)) {
    // s21(4): the 72 hours of recall run again from the return.
    state.recall = { at: recall.at, end: hoursFrom(at, measureCount('awol-recall-extension')) };
  }
}
