import type { AppContext } from '../context.ts';
import { requirePermission } from '../policy.ts';
import { listPageSize, pageOffset, requireOwnAgency } from '../deadlines/agency-scope.ts';
import type { Notifier } from './notifier.ts';

// Delivers what is queued in the outbox. Each notification is claimed before it is sent (its status
// moves from 'queued' to 'sending' in one statement), so two sweeps running at once never send the
// same one twice. The outcome is written on the row:
//   'in-app'  no email is configured, or no one holding the role has an email address: it is read in
//             the outbox in Accord;
//   'sent'    emailed to every recipient;
//   'failed'  Notify refused or could not be reached; the message is kept on the row and logged, and the
//             notification is still in the outbox. Nothing is thrown to whoever caused the sweep.

export interface DeliveryOutcome {
  sent: number;
  failed: number;
  inApp: number;
}

export interface DeliveryLog {
  warn(details: Record<string, unknown>, message: string): void;
}

const silentLog: DeliveryLog = { warn: () => undefined };

const batchSize = 200;

// Whoever the notification is for, and the agency's Mental Health Act administrators, who keep the
// office's list of what is due.
async function recipients(context: AppContext, agencyId: string | null, role: string): Promise<string[]> {
  if (agencyId === null) return [];
  const rows = await context.db
    .selectFrom('users')
    .select('email')
    .where('agency_id', '=', agencyId)
    .where('role', 'in', [role, 'mha-administrator'])
    .where('disabled_at', 'is', null)
    .where('email', 'is not', null)
    .orderBy('email')
    .execute();
  return [...new Set(rows.map((row) => row.email!).filter((email) => email.trim() !== ''))];
}

export async function deliverQueued(context: AppContext, notifier: Notifier, log: DeliveryLog = silentLog): Promise<DeliveryOutcome> {
  requirePermission(context.actor, 'deadlines.read');
  const outcome: DeliveryOutcome = { sent: 0, failed: 0, inApp: 0 };
  const queued = await context.db.selectFrom('notifications').select('id').where('status', '=', 'queued').orderBy('created_at').orderBy('id').limit(batchSize).execute();
  for (const { id } of queued) {
    const claimed = await context.db
      .updateTable('notifications')
      .set({ status: 'sending' })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .returning(['id', 'agency_id', 'role', 'subject', 'body'])
      .executeTakeFirst();
    if (!claimed) continue;
    const to = notifier.channel === 'email' ? await recipients(context, claimed.agency_id, claimed.role) : [];
    if (notifier.channel === 'app' || to.length === 0) {
      await context.db.updateTable('notifications').set({ status: 'in-app', channel: 'app' }).where('id', '=', id).execute();
      outcome.inApp += 1;
      continue;
    }
    try {
      for (const address of to) await notifier.sendEmail({ to: address, subject: claimed.subject, body: claimed.body, reference: claimed.id });
      await context.db
        .updateTable('notifications')
        .set({ status: 'sent', channel: 'email', recipient: to.join(', '), sent_at: context.now().toString(), failure: null })
        .where('id', '=', id)
        .execute();
      outcome.sent += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Addresses are personal details: the log names the notification, the row keeps who it was for.
      log.warn({ notificationId: id, failure: message }, 'a notification could not be emailed; it stays in the outbox');
      await context.db
        .updateTable('notifications')
        .set({ status: 'failed', channel: 'email', recipient: to.join(', '), failure: message.slice(0, 2000) })
        .where('id', '=', id)
        .execute();
      outcome.failed += 1;
    }
  }
  return outcome;
}

export interface OutboxRow {
  id: string;
  createdAt: Temporal.Instant;
  role: string;
  recipient: string | null;
  subject: string;
  body: string;
  channel: string;
  status: string;
  sentAt: Temporal.Instant | null;
  failure: string | null;
}

// The agency's outbox, newest first. Notifications name no person, so reading them is not audited.
export async function listNotifications(context: AppContext, filter: { agencyId: string; page: number }): Promise<{ rows: OutboxRow[]; total: number; page: number; pageSize: number }> {
  requireOwnAgency(context, filter.agencyId);
  const offset = pageOffset(filter.page);
  const base = context.db.selectFrom('notifications').where('agency_id', '=', filter.agencyId);
  const [rows, count] = await Promise.all([
    base
      .select(['id', 'created_at', 'role', 'recipient', 'subject', 'body', 'channel', 'status', 'sent_at', 'failure'])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(listPageSize)
      .offset(offset)
      .execute(),
    base.select((builder) => builder.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((row) => ({
      id: row.id,
      createdAt: Temporal.Instant.from(row.created_at),
      role: row.role,
      recipient: row.recipient,
      subject: row.subject,
      body: row.body,
      channel: row.channel,
      status: row.status,
      sentAt: row.sent_at === null ? null : Temporal.Instant.from(row.sent_at),
      failure: row.failure,
    })),
    total: Number(count.count),
    page: offset / listPageSize + 1,
    pageSize: listPageSize,
  };
}
