import type { Transaction } from 'kysely';
import type { AccordDatabase } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { appendAudit, appendAuditBatch, type AuditEvent } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';

// Audit entries for people shown in a list, committed together with those of other lists being shown at
// the same moment (a group commit).
//
// Every append takes the audit log's lock (so each entry links to the one before) and holds it until its
// transaction commits, which waits for the disk. When many staff open their hospital's deadlines at once,
// one transaction per page would queue them all behind each other's disk waits. Instead, a page's entries
// join a queue; while one transaction is committing, the next batch gathers, and is then written in one
// transaction: one lock, one statement, one commit, each page's entries under its own actor and purpose. The
// page is shown only after its entries are committed, as before; nothing waits on a timer, so a lone
// request is written at once.

interface Pending {
  context: AppContext;
  events: AuditEvent[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Queue {
  pending: Pending[];
  flushing: boolean;
}

const queues = new WeakMap<AccordDatabase, Queue>();

async function writeBatch(db: AccordDatabase, batch: Pending[]): Promise<void> {
  try {
    await db.transaction().execute((trx) => appendAuditBatch(trx, batch));
    for (const item of batch) item.resolve();
  } catch (error) {
    if (batch.length === 1) {
      batch[0]!.reject(error);
      return;
    }
    // One page's entries must not fail another's: write them one by one, each with its own outcome.
    for (const item of batch) await writeBatch(db, [item]);
  }
}

async function flush(db: AccordDatabase, queue: Queue): Promise<void> {
  queue.flushing = true;
  try {
    while (queue.pending.length > 0) {
      const batch = queue.pending.splice(0, queue.pending.length);
      await writeBatch(db, batch);
    }
  } finally {
    queue.flushing = false;
  }
}

export function auditShownPeople(context: AppContext, personIds: readonly string[], what: string): Promise<void> {
  const people = [...new Set(personIds)];
  if (people.length === 0) return Promise.resolve();
  // One entry for the whole list, naming everyone on it.
  const events = [{ personId: null, personIds: people, action: 'list' as const, what }];
  // Inside a caller's transaction the entries belong to it, to commit or fail with its work.
  if (context.db.isTransaction) return appendAudit(context.db as Transaction<Database>, context, events);
  let queue = queues.get(context.db);
  if (!queue) {
    queue = { pending: [], flushing: false };
    queues.set(context.db, queue);
  }
  const promise = new Promise<void>((resolve, reject) => queue.pending.push({ context, events, resolve, reject }));
  if (!queue.flushing) void flush(context.db, queue);
  return promise;
}
