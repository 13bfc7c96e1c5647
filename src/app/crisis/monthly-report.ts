import { isCallCategory, isCallOutcome } from '../../domain/crisis/calls.ts';
import { monthlyReport, readReportMonth, reportMonth, type MonthlyReport, type ReportCall, type ReportHandoff } from '../../domain/crisis/monthly-report.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput } from '../errors.ts';
import { requirePermission } from '../policy.ts';

// The monthly "where did they go" report on crisis calls across the partnership (issue 7). It counts
// every call raised in the month, whichever agency raised it or took it, because it names no one: a
// person's identifier is read only to count repeat calls, and never leaves this function. Reading it
// needs 'reports.read'; it is audited as a read about no person.
export async function whereDidTheyGo(context: AppContext, month: string): Promise<MonthlyReport> {
  requirePermission(context.actor, 'reports.read');
  const now = context.now();
  const reading = readReportMonth(month, now);
  if (!reading.ok) throw new InvalidInput([reading.problem]);
  const period = reportMonth(reading.month);

  const rows = await context.db
    .selectFrom('crisis_calls')
    .select(['id', 'category', 'raised_at', 'threshold_route', 'outcome', 'closed_at', 'person_id'])
    .where('raised_at', '>=', period.start.toString())
    .where('raised_at', '<', period.end.toString())
    .execute();
  const handoffRows =
    rows.length === 0
      ? []
      : await context.db
          .selectFrom('crisis_call_handoffs')
          .innerJoin('referrals', 'referrals.id', 'crisis_call_handoffs.referral_id')
          .innerJoin('agencies', 'agencies.id', 'referrals.to_agency_id')
          .select(['crisis_call_handoffs.call_id', 'crisis_call_handoffs.handed_off_at', 'referrals.to_agency_id', 'agencies.name as agency_name', 'referrals.decision', 'referrals.decided_at'])
          .where('crisis_call_handoffs.call_id', 'in', rows.map((row) => row.id))
          .execute();

  const handoffs = new Map<string, ReportHandoff[]>();
  for (const row of handoffRows) {
    const list = handoffs.get(row.call_id) ?? [];
    list.push({
      handedOffAt: Temporal.Instant.from(row.handed_off_at),
      toAgencyId: row.to_agency_id,
      toAgencyName: row.agency_name,
      decision: row.decision === 'accepted' || row.decision === 'declined' ? row.decision : null,
      decidedAt: row.decided_at === null ? null : Temporal.Instant.from(row.decided_at),
    });
    handoffs.set(row.call_id, list);
  }
  const calls: ReportCall[] = rows.flatMap((row) =>
    isCallCategory(row.category)
      ? [
          {
            id: row.id,
            category: row.category,
            raisedAt: Temporal.Instant.from(row.raised_at),
            route: row.threshold_route === 'police-attend' || row.threshold_route === 'health-and-care' ? row.threshold_route : null,
            outcome: isCallOutcome(row.outcome) ? row.outcome : null,
            closedAt: row.closed_at === null ? null : Temporal.Instant.from(row.closed_at),
            personId: row.person_id,
            handoffs: handoffs.get(row.id) ?? [],
          },
        ]
      : [],
  );

  const report = monthlyReport(period, calls, now);
  await recordAudit(context, [{ personId: null, action: 'read', what: `Produced the crisis calls report for ${report.month}` }]);
  return report;
}
