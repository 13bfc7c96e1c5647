import { rule, type RuleId } from './rules.ts';
import { isBefore, londonDay, monthsBeginningWith, monthsFromTo, type DayNumber, type Moment } from './time.ts';

// Clocks for patients under Part 3 that do not follow the s20 renewal periods: the restricted patient's
// tribunal windows (s70, s75), reports that fall due at intervals (s41(6), supervisors' reports) and the
// Secretary of State's references (s71(2), s75(1)).

export interface PeriodicWindow {
  opens: Moment;
  closes: Moment;
}

// Whole calendar months from a day to the London day of an instant (0 when the instant is earlier).
function monthsSince(anchorDay: DayNumber, instant: Moment): number {
  return monthsFromTo(anchorDay, londonDay(instant));
}

// Windows counted from an anchor day by a rule whose measure is [wait, first window, each later window]
// in months (s70: nothing for 6 months, then a window to the end of 12 months, then every 12 months).
// Each boundary is counted from the anchor day itself, so windows never drift at month ends.
export function periodicWindowAt(anchorDay: DayNumber, ruleId: RuleId, instant: Moment): { current: PeriodicWindow | null; nextOpens: Moment } {
  const measure = rule(ruleId).measure;
  if (measure === undefined || measure.unit !== 'month-sequence') throw new Error(`law rule ${ruleId} has no window sequence`);
  const [wait, first, later] = measure.counts;
  if (wait === undefined || first === undefined || later === undefined) throw new Error(`law rule ${ruleId} needs three counts`);
  const waitEnd = monthsBeginningWith(anchorDay, wait);
  if (isBefore(instant, waitEnd)) return { current: null, nextOpens: waitEnd };
  const firstEnd = monthsBeginningWith(anchorDay, wait + first);
  if (isBefore(instant, firstEnd)) return { current: { opens: waitEnd, closes: firstEnd }, nextOpens: firstEnd };
  // Later windows: start from the one the month count points at (one earlier, to allow for month ends).
  let index = Math.max(0, Math.floor((monthsSince(anchorDay, instant) - wait - first) / later) - 1);
  for (;;) {
    const opens = monthsBeginningWith(anchorDay, wait + first + later * index);
    const closes = monthsBeginningWith(anchorDay, wait + first + later * (index + 1));
    if (isBefore(instant, closes)) return { current: { opens, closes }, nextOpens: closes };
    index += 1;
  }
}

// The first instant after `after` at which a recurring report falls due: the ends of whole multiples of
// `months` counted from the anchor day, starting with `firstMultiple` (s41(6): yearly from admission, from
// the first year; supervisors: every 3 months from the first report, from that report itself).
export function nextRecurring(anchorDay: DayNumber, months: number, firstMultiple: number, after: Moment): Moment {
  let multiple = Math.max(firstMultiple, Math.floor(monthsSince(anchorDay, after) / months) - 1);
  for (;;) {
    const due = monthsBeginningWith(anchorDay, months * multiple);
    if (isBefore(after, due)) return due;
    multiple += 1;
  }
}
