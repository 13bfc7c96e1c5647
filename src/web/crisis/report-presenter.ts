import type { Call } from '../../app/crisis/call-store.ts';
import { callCategories, callStages, riskLevels } from '../../domain/crisis/calls.ts';
import type { MonthlyReport, ResponseTimes, Tally } from '../../domain/crisis/monthly-report.ts';
import { timerLabels } from '../../domain/referrals/referral.ts';
import { formatDateTime } from '../core/dates.ts';
import { barChart, type BarChart, type ReportRow } from '../reports/report-presenter.ts';

// The gap view and the monthly report as the pages and the CSV show them. The page and the CSV are built
// from the same rows, so they agree.

// How long, in words: minutes under an hour, then hours and minutes, then days and hours.
export function waitedInWords(from: Temporal.Instant, to: Temporal.Instant): string {
  const minutes = Math.max(0, Math.floor(from.until(to, { largestUnit: 'minutes' }).total({ unit: 'minutes' })));
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(minutes % 60, 'minute')}`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? plural(days, 'day') : `${plural(days, 'day')} ${plural(hours % 24, 'hour')}`;
}

export interface GapRow {
  href: string;
  category: string;
  risk: string;
  raisedAt: string;
  waited: string;
  stage: string;
  detail: string;
}

// Oldest first: the call that has waited longest is the one to pick up.
export function gapRows(calls: readonly Call[], now: Temporal.Instant, detail: (call: Call) => string): GapRow[] {
  return [...calls]
    .sort((a, b) => Temporal.Instant.compare(a.raisedAt, b.raisedAt))
    .map((call) => ({
      href: `/calls/${call.id}`,
      category: callCategories[call.category],
      risk: riskLevels[call.risk].label,
      raisedAt: formatDateTime(call.raisedAt),
      waited: waitedInWords(call.raisedAt, now),
      stage: callStages[call.stage],
      detail: detail(call),
    }));
}

export function declinedDetail(call: Call): string {
  const latest = call.handoffs.at(-1);
  return latest ? `${latest.serviceName} declined${latest.declineReason ? `: ${latest.declineReason}` : ''}` : '';
}

export function pastTimerDetail(call: Call, now: Temporal.Instant): string {
  const latest = call.handoffs.at(-1);
  if (!latest?.timer) return '';
  return `${latest.serviceName}: ${timerLabels[latest.timer.timer].toLowerCase()} was due ${formatDateTime(latest.timer.due)}, ${waitedInWords(latest.timer.due, now)} ago`;
}

export interface ReportSection {
  id: string;
  heading: string;
  measure: string;
  rows: ReportRow[];
  chart: BarChart | null;
  definition: string;
}

function rowsOf(tallies: readonly Tally[]): ReportRow[] {
  return tallies.map((tally) => ({ label: tally.label, count: tally.count }));
}

function section(id: string, heading: string, measure: string, rows: ReportRow[], definition: string): ReportSection {
  const description = `${rows.map((row) => `${row.label}: ${row.count}`).join('; ')}.`;
  return { id, heading, measure, rows, chart: rows.some((row) => row.count > 0) ? barChart(`chart-${id}`, heading, description, rows) : null, definition };
}

export function reportSections(report: MonthlyReport): ReportSection[] {
  return [
    section('category', 'Calls by category', 'Calls by category', rowsOf(report.byCategory), 'Every call raised in the month, by the kind of call recorded when it was raised.'),
    section('outcome', 'Calls by outcome', 'Calls by outcome', rowsOf(report.byOutcome), 'The outcome recorded on each call raised in the month, as it stands now: a call closed after the month ended shows its outcome.'),
    section(
      'taken-by',
      'Which agency took them',
      'Calls taken by agency',
      rowsOf(report.takenBy),
      'A call is counted under each agency that accepted a handoff of it, and under the police when the threshold decision was that the police attend. A call nobody has accepted, and the police did not attend, is not taken by anyone yet.',
    ),
  ];
}

function minutes(value: number | null): string {
  return value === null ? 'None answered' : `${value} minutes`;
}

export function responseRows(report: MonthlyReport) {
  const row = (label: string, times: ResponseTimes) => ({ label, answered: times.answered, median: minutes(times.medianMinutes), ninetieth: minutes(times.ninetiethPercentileMinutes) });
  return [row('All agencies', report.responseTimes), ...report.responseTimesByAgency.map((agency) => row(agency.agencyName, agency))];
}

export const reportCsvHeader = ['Month', 'Measure', 'Item', 'Value'] as const;

export function reportCsvRows(report: MonthlyReport): string[][] {
  const rows: string[][] = [[report.month, 'Calls raised', 'All', String(report.calls)]];
  for (const item of reportSections(report)) for (const row of item.rows) rows.push([report.month, item.measure, row.label, String(row.count)]);
  for (const times of [{ agencyName: 'All agencies', ...report.responseTimes }, ...report.responseTimesByAgency]) {
    rows.push([report.month, 'First handoffs answered', times.agencyName, String(times.answered)]);
    rows.push([report.month, 'Median minutes to response', times.agencyName, times.medianMinutes === null ? '' : String(times.medianMinutes)]);
    rows.push([report.month, '90th percentile minutes to response', times.agencyName, times.ninetiethPercentileMinutes === null ? '' : String(times.ninetiethPercentileMinutes)]);
  }
  rows.push([report.month, 'First handoffs not answered', 'All', String(report.firstHandoffUnanswered)]);
  rows.push([report.month, 'Repeat callers', 'People with more than one call', String(report.repeatCallers.people)]);
  rows.push([report.month, 'Repeat callers', 'Calls about them', String(report.repeatCallers.calls)]);
  rows.push([report.month, 'Open at month end', 'All', String(report.openAtMonthEnd)]);
  return rows;
}
