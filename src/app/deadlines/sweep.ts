import type { AccordDatabase } from '../../db/database.ts';
import { clockNow, systemActor, type AppContext } from '../context.ts';
import { refreshDueProjections } from '../legal/legal-position.ts';
import { deliverQueued, type DeliveryLog, type DeliveryOutcome } from '../notifications/deliver.ts';
import type { Notifier } from '../notifications/notifier.ts';
import { escalateOverdueReferrals } from '../referrals/escalation.ts';
import { escalateOverdueReports } from '../restricted/report-escalation.ts';
import { escalateOverdueTasks } from './tasks.ts';

// The sweep keeps every agency's deadlines and tasks current without anyone opening a page: recompute
// people whose deadline has passed, escalate tasks that became overdue and referrals left unanswered
// past their timer, deliver what is queued. Run by `accord tasks sweep` and every few minutes by the server.

export interface SweepOutcome {
  agencies: number;
  peopleRefreshed: number;
  tasksEscalated: number;
  referralsEscalated: number;
  // Statutory reports on restricted patients escalated as overdue (s41(6); supervisors' reports).
  reportsEscalated: number;
  delivery: DeliveryOutcome;
  // Agencies whose refresh or escalation failed; the others were still swept.
  failedAgencies: number;
}

export interface SweepLog extends DeliveryLog {
  error(details: Record<string, unknown>, message: string): void;
}

export function sweepContext(db: AccordDatabase, label = 'Scheduled sweep of deadlines and tasks'): AppContext {
  return { db, now: clockNow, actor: systemActor(label), purpose: 'Keeping Mental Health Act deadlines and tasks up to date' };
}

export async function sweepTasks(context: AppContext, notifier: Notifier, log: SweepLog): Promise<SweepOutcome> {
  const agencies = await context.db.selectFrom('agencies').select('id').where('retired_at', 'is', null).orderBy('id').execute();
  const outcome: SweepOutcome = { agencies: agencies.length, peopleRefreshed: 0, tasksEscalated: 0, referralsEscalated: 0, reportsEscalated: 0, delivery: { sent: 0, failed: 0, inApp: 0 }, failedAgencies: 0 };
  for (const { id } of agencies) {
    try {
      outcome.peopleRefreshed += await refreshDueProjections(context, id);
      outcome.tasksEscalated += await escalateOverdueTasks(context, id);
    } catch (error) {
      outcome.failedAgencies += 1;
      log.error({ err: error, agencyId: id }, 'sweeping an agency’s deadlines and tasks failed');
    }
  }
  try {
    outcome.referralsEscalated = await escalateOverdueReferrals(context);
  } catch (error) {
    log.error({ err: error }, 'escalating overdue referrals failed');
  }
  try {
    outcome.reportsEscalated = await escalateOverdueReports(context);
  } catch (error) {
    log.error({ err: error }, 'escalating overdue reports on restricted patients failed');
  }
  outcome.delivery = await deliverQueued(context, notifier, log);
  return outcome;
}

export const sweepIntervalMilliseconds = 5 * 60 * 1000;

// Runs the sweep on a timer that does not keep the process alive; a sweep still running when the next
// is due is not started twice. stop() clears the timer and waits for a sweep in progress.
export function startTaskSweep(options: { db: AccordDatabase; notifier: Notifier; log: SweepLog; intervalMilliseconds?: number }): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return;
    running = sweepTasks(sweepContext(options.db), options.notifier, options.log)
      .then(() => undefined)
      .catch((error: unknown) => options.log.error({ err: error }, 'the sweep of deadlines and tasks failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(run, options.intervalMilliseconds ?? sweepIntervalMilliseconds);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
