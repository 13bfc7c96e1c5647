
import { measureCount, rule, type RuleId } from './rules.ts';
import { hoursFrom, isOnOrBefore, type Moment } from './time.ts';
import { addFinding, endLiability, notYetEvaluated, startPower, when, type Context, type EventOf, type PlaceOfSafety } from './evaluation-state.ts';

// Places of safety under s135(1) and s136: 24 hours from arrival, extended under s136B.

export function placeOfSafetyEnd(placeOfSafety: PlaceOfSafety): Moment {
  const ruleId: RuleId = placeOfSafety.power === 's136' ? 's136-authority-ends' : 's135-authority-ends';
  // s135(3ZA), s136(2A): 24 hours beginning with arrival; s136B: extension beginning at the end of them.
  return hoursFrom(placeOfSafety.arrival, measureCount(ruleId) + placeOfSafety.extensionHours);
}

export function placeOfSafetyProvision(placeOfSafety: PlaceOfSafety): string {
  if (placeOfSafety.extensionHours > 0) return rule('place-of-safety-extension').provision;
  return rule(placeOfSafety.power === 's136' ? 's136-authority-ends' : 's135-authority-ends').provision;
}

// --- Events ---

export function onPlaceOfSafetyArrival(context: Context, event: EventOf<'place-of-safety-arrival'>, at: Moment): void {
  const { state } = context;
  if (state.placeOfSafety !== null) {
    // s135(3A), s136(3): moving between places of safety does not restart the 24 hours.
    state.findings.push({ severity: 'info', code: 'place-of-safety-transfer', provision: event.power === 's136' ? 's136(3)' : 's135(3A)', message: 'A further arrival at a place of safety during the period is treated as a transfer; the period still runs from the first arrival.' });
    return;
  }
  if (state.provision !== 'none' && state.provision !== 'informal') {
    notYetEvaluated(state, event, at, event.power, `Use of ${event.power} for a patient under ${state.provision} is not evaluated; the status is unchanged.`);
    return;
  }
  endLiability(state, 'none', at);
  state.placeOfSafety = { power: event.power, arrival: at, extensionHours: 0 };
  startPower(state, event.power, at);
}

export function onPlaceOfSafetyExtended(context: Context, event: EventOf<'place-of-safety-extended'>, at: Moment): void {
  const { state } = context;
  const current = state.placeOfSafety;
  const maximum = measureCount('place-of-safety-extension');
  if (current === null) {
    const previous = state.lastPlaceOfSafety;
    if (previous !== null && isOnOrBefore(placeOfSafetyEnd(previous), at)) {
      addFinding(state, 'error', 'place-of-safety-extension-too-late', 'place-of-safety-extension', `The extension was authorised at ${when(at)}, after the place-of-safety period ended at ${when(placeOfSafetyEnd(previous))}; it has no effect.`);
    } else {
      addFinding(state, 'error', 'place-of-safety-extension-without-detention', 'place-of-safety-extension', 'An extension is recorded with no place-of-safety detention in force.');
    }
    return;
  }
  const total = current.extensionHours + event.hours;
  if (total > maximum) {
    addFinding(state, 'error', 'place-of-safety-extension-too-long', 'place-of-safety-extension', `Extensions total ${total} hours; s136B allows at most ${maximum}. The engine counts ${maximum}.`);
  }
  current.extensionHours = Math.min(total, maximum);
}

export function onPlaceOfSafetyEnded(context: Context, event: EventOf<'place-of-safety-ended'>, at: Moment): void {
  const { state } = context;
  if (state.placeOfSafety === null) {
    addFinding(state, 'warning', 'place-of-safety-end-without-detention', 's136-authority-ends', 'The end of a place-of-safety detention is recorded with none in force.');
    return;
  }
  endLiability(state, 'none', at);
}
