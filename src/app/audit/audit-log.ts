import { inTransaction } from '../../db/transaction.ts';
import { sql, type Transaction } from 'kysely';
import type { AuditLogRow, Database } from '../../db/schema.ts';
import { auditEntryHash, genesisHash, type AuditFields } from '../../domain/audit/chain.ts';
import type { AppContext } from '../context.ts';

export type AuditAction = 'read' | 'write' | 'list' | 'refused' | 'sign-in' | 'sign-out' | 'sign-in-failed' | 'administer';

export interface AuditEvent {
  personId: string | null;
  // For a list: everyone it showed, in one entry (personId is then null).
  personIds?: readonly string[];
  action: AuditAction;
  what: string;
}

// A fixed key for the advisory lock that serialises appends, so each entry links to the one before.
const auditLockKey = 734_201_001;

// Appends entries to the audit log inside the caller's transaction: the audit entry commits or fails
// with the change it records.
export async function appendAudit(trx: Transaction<Database>, context: AppContext, events: AuditEvent[]): Promise<void> {
  await appendAuditBatch(trx, [{ context, events }]);
}

// Appends the entries of several actions (each with its own actor and purpose) under one lock and in one
// statement, in the order given: for writing many people's entries at once (see
// src/app/deadlines/shown-audit.ts).
export async function appendAuditBatch(trx: Transaction<Database>, batch: readonly { context: AppContext; events: readonly AuditEvent[] }[]): Promise<void> {
  if (batch.every((item) => item.events.length === 0)) return;
  await sql`select pg_advisory_xact_lock(${auditLockKey})`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select(['sequence', 'hash'])
    .orderBy('sequence', 'desc')
    .limit(1)
    .executeTakeFirst();
  let previousHash = last?.hash ?? genesisHash;
  let sequence = (last?.sequence ?? 0) + 1;
  const rows = batch.flatMap(({ context, events }) => {
    const at = context.now().toString();
    return events.map((event) => {
      const fields: AuditFields = {
        sequence,
        at,
        actorUserId: context.actor.userId,
        actorLabel: context.actor.label,
        actorRole: context.actor.role,
        agencyId: context.actor.agencyId,
        agencyName: context.actor.agencyName,
        personId: event.personId,
        personIds: event.personIds === undefined || event.personIds.length === 0 ? null : [...event.personIds],
        action: event.action,
        what: event.what,
        purpose: context.purpose,
        previousHash,
      };
      const hash = auditEntryHash(fields);
      previousHash = hash;
      sequence += 1;
      return {
        sequence: fields.sequence,
        at: fields.at,
        actor_user_id: fields.actorUserId,
        actor_label: fields.actorLabel,
        actor_role: fields.actorRole,
        agency_id: fields.agencyId,
        agency_name: fields.agencyName,
        person_id: fields.personId,
        person_ids: fields.personIds === null ? null : [...fields.personIds],
        action: fields.action,
        what: fields.what,
        purpose: fields.purpose,
        previous_hash: fields.previousHash,
        hash,
      };
    });
  });
  // Kept well under PostgreSQL's 65,535 parameters per statement (13 a row).
  for (let start = 0; start < rows.length; start += 4000) await trx.insertInto('audit_log').values(rows.slice(start, start + 4000)).execute();
}

// Writes audit entries in a transaction of their own, for reads that change nothing else.
export async function recordAudit(context: AppContext, events: AuditEvent[]): Promise<void> {
  await inTransaction(context.db, (trx) => appendAudit(trx, context, events));
}

export function rowToAuditFields(row: AuditLogRow): AuditFields & { hash: string } {
  return {
    sequence: Number(row.sequence),
    at: Temporal.Instant.from(row.at).toString(),
    actorUserId: row.actor_user_id,
    actorLabel: row.actor_label,
    actorRole: row.actor_role,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    personId: row.person_id,
    personIds: row.person_ids,
    action: row.action,
    what: row.what,
    purpose: row.purpose,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
