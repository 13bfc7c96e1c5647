import { londonClock } from '../../domain/law/time.ts';

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

// How far off a deadline is, as people say it: "in 3 days", "overdue by 2 days". Within a day the
// hours count (the 24 hours of a place of safety, the 72 hours after recall); beyond, whole days on
// the London calendar, so something due tomorrow morning is "in 1 day" even late this evening.
export function relativeDue(due: Temporal.Instant, now: Temporal.Instant, passedWord = 'overdue by'): string {
  const passed = Temporal.Instant.compare(due, now) <= 0;
  const hours = Math.floor(Math.abs(due.epochMilliseconds - now.epochMilliseconds) / 3_600_000);
  const days = Math.abs(londonClock(due.epochMilliseconds).day - londonClock(now.epochMilliseconds).day);
  let amount: string;
  if (hours < 1) amount = 'less than an hour';
  else if (hours < 24 || days === 0) amount = plural(hours, 'hour');
  else amount = plural(days, 'day');
  return passed ? `${passedWord} ${amount}` : `in ${amount}`;
}
