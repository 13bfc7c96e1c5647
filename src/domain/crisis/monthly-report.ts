import { londonTimeZone } from '../london-time.ts';
import { callCategories, callOutcomes, type CallCategory, type CallOutcome, type ThresholdRoute } from './calls.ts';

// The monthly "where did they go" report on crisis calls, for the partnership to review: where the calls
// came from, where they went, how long a service took to answer, and how many were still open. Counts
// only: it never names a person, so that it can be read by anyone whose role reads reports. Nothing here
// reads a clock or a database.

export interface FieldProblem {
  field: string;
  message: string;
}

// The calendar month in London: calls are counted in the month they were raised, as the clock on the
// control room's wall read it.
export interface ReportMonth {
  month: Temporal.PlainYearMonth;
  start: Temporal.Instant;
  end: Temporal.Instant;
}

export function reportMonth(month: Temporal.PlainYearMonth): ReportMonth {
  const first = month.toPlainDate({ day: 1 });
  return {
    month,
    start: first.toZonedDateTime({ timeZone: londonTimeZone }).toInstant(),
    end: first.add({ months: 1 }).toZonedDateTime({ timeZone: londonTimeZone }).toInstant(),
  };
}

// Reads a month written as YYYY-MM. A month not yet begun in London cannot be reported on.
export function readReportMonth(value: string, now: Temporal.Instant): { ok: true; month: Temporal.PlainYearMonth } | { ok: false; problem: FieldProblem } {
  const trimmed = value.trim();
  let month: Temporal.PlainYearMonth;
  try {
    if (!/^\d{4}-\d{2}$/.test(trimmed)) throw new RangeError(trimmed);
    month = Temporal.PlainYearMonth.from(trimmed, { overflow: 'reject' });
  } catch {
    return { ok: false, problem: { field: 'month', message: 'Enter the month as a year and month, for example 2026-03' } };
  }
  const current = now.toZonedDateTimeISO(londonTimeZone).toPlainDate().toPlainYearMonth();
  if (Temporal.PlainYearMonth.compare(month, current) > 0) return { ok: false, problem: { field: 'month', message: 'The month must be this month or in the past' } };
  return { ok: true, month };
}

// The month before the one `now` falls in: the last full month, which a monthly review is about.
export function lastFullMonth(now: Temporal.Instant): Temporal.PlainYearMonth {
  return now.toZonedDateTimeISO(londonTimeZone).toPlainDate().toPlainYearMonth().subtract({ months: 1 });
}

// One call raised in the month, as the report needs it: nothing that names anyone but agencies.
export interface ReportCall {
  id: string;
  category: CallCategory;
  raisedAt: Temporal.Instant;
  route: ThresholdRoute | null;
  outcome: CallOutcome | null;
  closedAt: Temporal.Instant | null;
  // The person's identifier only to count repeat calls; never shown.
  personId: string | null;
  handoffs: ReportHandoff[];
}

export interface ReportHandoff {
  handedOffAt: Temporal.Instant;
  toAgencyId: string;
  toAgencyName: string;
  decision: 'accepted' | 'declined' | null;
  decidedAt: Temporal.Instant | null;
}

export interface Tally {
  key: string;
  label: string;
  count: number;
}

export interface ResponseTimes {
  // Calls whose first handoff has been answered (accepted or declined).
  answered: number;
  medianMinutes: number | null;
  ninetiethPercentileMinutes: number | null;
}

export interface MonthlyReport {
  month: string;
  start: Temporal.Instant;
  end: Temporal.Instant;
  // The month is not over: counts run to this instant.
  partial: boolean;
  calls: number;
  byCategory: Tally[];
  byOutcome: Tally[];
  // Which agency took the calls: accepted handoffs by receiving agency, and the calls the police attended.
  takenBy: Tally[];
  responseTimes: ResponseTimes;
  // Handed off, and the first service has not yet answered.
  firstHandoffUnanswered: number;
  responseTimesByAgency: (ResponseTimes & { agencyName: string })[];
  repeatCallers: { people: number; calls: number };
  openAtMonthEnd: number;
}

export const policeAttendedKey = 'police-attended';
export const notYetTakenKey = 'not-yet-taken';
export const noOutcomeKey = 'no-outcome-yet';

// The median: the middle value, or the mean of the two middle values.
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

// A percentile by the nearest-rank method: the smallest value with at least p per cent of values at or
// below it, so it is always a time some call actually took.
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function responseTimes(minutes: readonly number[]): ResponseTimes {
  return { answered: minutes.length, medianMinutes: median(minutes), ninetiethPercentileMinutes: percentile(minutes, 90) };
}

function firstHandoff(call: ReportCall): ReportHandoff | null {
  return [...call.handoffs].sort((a, b) => Temporal.Instant.compare(a.handedOffAt, b.handedOffAt))[0] ?? null;
}

// Whole minutes from the call being raised to the first service's answer.
function minutesToResponse(call: ReportCall, handoff: ReportHandoff): number {
  return Math.round(call.raisedAt.until(handoff.decidedAt!, { largestUnit: 'minutes' }).total({ unit: 'minutes' }));
}

export function monthlyReport(period: ReportMonth, calls: readonly ReportCall[], now: Temporal.Instant): MonthlyReport {
  const inMonth = calls.filter((call) => Temporal.Instant.compare(call.raisedAt, period.start) >= 0 && Temporal.Instant.compare(call.raisedAt, period.end) < 0);
  const partial = Temporal.Instant.compare(now, period.end) < 0;
  const monthEnd = partial ? now : period.end;

  const byCategory = (Object.keys(callCategories) as CallCategory[]).map((key) => ({ key, label: callCategories[key], count: inMonth.filter((call) => call.category === key).length }));
  const byOutcome: Tally[] = [
    ...(Object.keys(callOutcomes) as CallOutcome[]).map((key) => ({ key, label: callOutcomes[key].label, count: inMonth.filter((call) => call.outcome === key).length })),
    { key: noOutcomeKey, label: 'No outcome yet', count: inMonth.filter((call) => call.outcome === null).length },
  ];

  // A call is counted once under each agency that accepted it (a call is with one service at a time, but
  // may be accepted, handed back and taken by another).
  const takers = new Map<string, Tally>();
  let notYetTaken = 0;
  for (const call of inMonth) {
    const accepted = call.handoffs.filter((handoff) => handoff.decision === 'accepted');
    if (call.route === 'police-attend') {
      const police = takers.get(policeAttendedKey) ?? { key: policeAttendedKey, label: 'Police attended', count: 0 };
      police.count += 1;
      takers.set(policeAttendedKey, police);
    } else if (accepted.length === 0) notYetTaken += 1;
    for (const agencyId of new Set(accepted.map((handoff) => handoff.toAgencyId))) {
      const name = accepted.find((handoff) => handoff.toAgencyId === agencyId)!.toAgencyName;
      const tally = takers.get(agencyId) ?? { key: agencyId, label: name, count: 0 };
      tally.count += 1;
      takers.set(agencyId, tally);
    }
  }
  const takenBy = [...takers.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  takenBy.push({ key: notYetTakenKey, label: 'Not taken by anyone yet', count: notYetTaken });

  const answered: number[] = [];
  const byAgency = new Map<string, { agencyName: string; minutes: number[] }>();
  let firstHandoffUnanswered = 0;
  for (const call of inMonth) {
    const first = firstHandoff(call);
    if (first === null) continue;
    if (first.decidedAt === null) {
      firstHandoffUnanswered += 1;
      continue;
    }
    const minutes = minutesToResponse(call, first);
    answered.push(minutes);
    const agency = byAgency.get(first.toAgencyId) ?? { agencyName: first.toAgencyName, minutes: [] };
    agency.minutes.push(minutes);
    byAgency.set(first.toAgencyId, agency);
  }

  const callsByPerson = new Map<string, number>();
  for (const call of inMonth) if (call.personId !== null) callsByPerson.set(call.personId, (callsByPerson.get(call.personId) ?? 0) + 1);
  const repeated = [...callsByPerson.values()].filter((count) => count > 1);

  return {
    month: period.month.toString(),
    start: period.start,
    end: period.end,
    partial,
    calls: inMonth.length,
    byCategory,
    byOutcome,
    takenBy,
    responseTimes: responseTimes(answered),
    firstHandoffUnanswered,
    responseTimesByAgency: [...byAgency.values()].map((agency) => ({ agencyName: agency.agencyName, ...responseTimes(agency.minutes) })).sort((a, b) => a.agencyName.localeCompare(b.agencyName)),
    repeatCallers: { people: repeated.length, calls: repeated.reduce((sum, count) => sum + count, 0) },
    openAtMonthEnd: inMonth.filter((call) => call.closedAt === null || Temporal.Instant.compare(call.closedAt, monthEnd) >= 0).length,
  };
}
