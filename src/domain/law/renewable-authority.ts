
import { inForceFor } from './commencement.ts';
import { measureCount, periodMonths, type RuleId } from './rules.ts';
import { daysBeginningWith, daysEndingWith, isBefore, isOnOrBefore, lastDayBefore, laterOf, londonDay, monthsBeginningWith, monthsEndingWith, type Moment } from './time.ts';
import { addFinding, when, type AuthorityPeriod, type Commencements, type Context, type EventOf, type RenewableAuthority, type State } from './evaluation-state.ts';

// Authorities renewed period by period (s3 and unrestricted hospital orders under s20, guardianship under
// s20, community treatment orders under s20A), with the effect of absence at expiry (s18, s21).

export function firstPeriod(regime: RenewableAuthority['regime'], at: Moment, commencements: Commencements): RenewableAuthority {
  const startDay = londonDay(at);
  let periodsRule: RuleId;
  let renewalWindowRule: RuleId;
  let firstTribunalWindowRule: RuleId;
  if (regime === 's3') {
    periodsRule = inForceFor('mha2025.s29', commencements, startDay) ? 's3-periods-2025' : 's3-periods';
    renewalWindowRule = 's3-renewal-window';
    firstTribunalWindowRule = inForceFor('mha2025.s30', commencements, startDay) ? 's3-tribunal-window-2025' : 's3-tribunal-window';
  } else if (regime === 'hospital-order') {
    periodsRule = 'hospital-order-periods';
    renewalWindowRule = 's3-renewal-window';
    firstTribunalWindowRule = 'hospital-order-no-first-window';
  } else if (regime === 'guardianship') {
    periodsRule = 'guardianship-periods';
    renewalWindowRule = 'guardianship-renewal-window';
    firstTribunalWindowRule = 'guardianship-tribunal-window';
  } else {
    periodsRule = 'cto-periods';
    renewalWindowRule = 'cto-renewal-window';
    firstTribunalWindowRule = 'cto-tribunal-window';
  }
  // s20(1), s20A(1): the first period begins with the day of admission, acceptance or making.
  const period: AuthorityPeriod = { number: 1, start: at, startDay, end: monthsBeginningWith(startDay, periodMonths(periodsRule, 1)) };
  return { regime, periodsRule, renewalWindowRule, firstTribunalWindowRule, periods: [period] };
}

export function lastPeriod(authority: RenewableAuthority): AuthorityPeriod {
  const period = authority.periods[authority.periods.length - 1];
  if (period === undefined) throw new Error('a renewable authority always has a period');
  return period;
}

export function renewalWindowOpens(authority: RenewableAuthority): Moment {
  // s20(3), s20(6), s20A(4): the two months ending with the expiry day.
  return monthsEndingWith(lastDayBefore(lastPeriod(authority).end), measureCount(authority.renewalWindowRule));
}

export function retakingEnds(began: Moment, authorityEnd: Moment): Moment {
  // s18(4): the later of 6 months beginning with the first day of absence and the end of the authority.
  return laterOf(monthsBeginningWith(londonDay(began), measureCount('awol-retaking-limit')), authorityEnd);
}

// s21(1): the week ending with the expiry day, the last day before the authority's end.
function weekEndingWithExpiry(end: Moment): Moment {
  return daysEndingWith(lastDayBefore(end), measureCount('awol-extension-at-expiry'));
}

export interface EffectiveEnd {
  readonly end: Moment;
  readonly extended: boolean;
}

// The end of a renewable authority, with s21 applied: a patient absent on the expiry day or in the week
// ending with it stays liable while absent (to the end of the retaking period), and after return to the
// end of the week beginning with the day of return.
export function effectiveEnd(state: State, authority: RenewableAuthority): EffectiveEnd {
  const end = lastPeriod(authority).end;
  const awol = state.awol;
  const absence = state.lastAbsence;
  if (awol !== null && isBefore(awol.began, end)) {
    return { end: retakingEnds(awol.began, end), extended: true };
  }
  // Counted only when there was an absence: this runs before every event.
  if (absence !== null && isBefore(absence.began, end) && isOnOrBefore(weekEndingWithExpiry(end), absence.returned)) {
    const afterReturn = daysBeginningWith(londonDay(absence.returned), measureCount('awol-extension-at-expiry'));
    return isBefore(end, afterReturn) ? { end: afterReturn, extended: true } : { end, extended: false };
  }
  return { end, extended: false };
}

// --- Advancing time: powers that run out before the next event ---

export function onRenewal(context: Context, event: EventOf<'renewal-furnished'>, at: Moment): void {
  const { state } = context;
  const authority = state.renewable;
  if (authority === null && state.lapsedDeadline !== null) {
    addFinding(state, 'error', 'renewal-after-lapse', 'renewal-requires-authority', `A renewal report is furnished at ${when(at)}, after the authority lapsed at ${when(state.lapsedDeadline.due)}; a lapsed authority cannot be renewed.`);
    return;
  }
  if (authority === null) {
    addFinding(state, 'error', 'renewal-without-authority', 'renewal-requires-authority', `A renewal report is furnished while the patient is ${state.provision === 'none' ? 'not detained or subject to any power' : `held under ${state.provision}`}; only s3, guardianship or a community treatment order can be renewed under s20 or s20A.`);
    return;
  }
  const opens = renewalWindowOpens(authority);
  if (isBefore(at, opens)) {
    addFinding(state, 'error', 'renewal-outside-window', authority.renewalWindowRule, `The renewal report was furnished at ${when(at)}, before the renewal window opened at ${when(opens)}; it does not renew the authority.`);
    return;
  }
  const previous = lastPeriod(authority);
  // s20(2), s20A(3): the further period begins with the day after the previous period ends (s21A for a returned absentee).
  const startDay = londonDay(previous.end);
  const number = previous.number + 1;
  authority.periods.push({ number, start: previous.end, startDay, end: monthsBeginningWith(startDay, periodMonths(authority.periodsRule, number)) });
}
