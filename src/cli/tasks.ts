import { z } from 'zod';
import { sweepTasks } from '../app/deadlines/sweep.ts';
import { notifierFromSettings } from '../app/notifications/notifier.ts';
import { defineCommand, exitCodes, writeLine } from './command.ts';
import { withDatabase } from './database.ts';
import { commandLineContext } from './operator.ts';

function count(value: number, one: string, many: string): string {
  return `${value.toLocaleString('en-GB')} ${value === 1 ? one : many}`;
}

export const tasksSweepCommand = defineCommand({
  words: ['tasks', 'sweep'],
  summary: 'Bring deadlines and tasks up to date, escalate overdue tasks and deliver notifications',
  usage: 'accord tasks sweep',
  description:
    'For every agency: recomputes the legal position of each person whose next deadline has passed, escalates ' +
    'open tasks that are now overdue (one notification each), then delivers queued notifications: by email through ' +
    'GOV.UK Notify when NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID are set, otherwise kept in the in-app outbox. ' +
    'The server does the same every five minutes. Exits 1 if any agency could not be swept.',
  options: {},
  input: z.object({}),
  run: (_input, io) =>
    withDatabase(io, { migrate: false, mustExist: true }, async ({ db, config }) => {
      const context = commandLineContext(db, 'tasks sweep', 'Keeping Mental Health Act deadlines and tasks up to date');
      const log = {
        warn: (_details: Record<string, unknown>, message: string) => writeLine(io.stderr, `Warning: ${message}`),
        error: (details: Record<string, unknown>, message: string) => writeLine(io.stderr, `Error: ${message}${details.err instanceof Error ? `: ${details.err.message}` : ''}`),
      };
      const notifier = notifierFromSettings(config, (message) => writeLine(io.stderr, `Warning: ${message}`));
      const outcome = await sweepTasks(context, notifier, log);
      writeLine(
        io.stdout,
        `Swept ${count(outcome.agencies, 'agency', 'agencies')}: ${count(outcome.peopleRefreshed, 'person', 'people')} brought up to date, ` +
          `${count(outcome.tasksEscalated, 'task', 'tasks')}, ${count(outcome.referralsEscalated, 'referral', 'referrals')} and ${count(outcome.reportsEscalated, 'restricted patient report', 'restricted patient reports')} escalated; notifications ${outcome.delivery.sent} emailed, ` +
          `${outcome.delivery.inApp} kept in the in-app outbox, ${outcome.delivery.failed} failed.`,
      );
      return outcome.failedAgencies > 0 ? exitCodes.failure : exitCodes.success;
    }),
});
