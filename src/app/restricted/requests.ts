import type { Transaction } from 'kysely';
import { instantFromDatabase, instantToDatabase } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { LegalEntryContent } from '../../domain/people/person.ts';
import {
  consentCovers,
  consentMissingMessage,
  requestKinds,
  requestState,
  validateDecision,
  validateRequest,
  validateWithdrawal,
  type ConsentNeed,
  type Decision,
  type DecisionInput,
  type RequestDetails,
  type RequestInput,
  type RequestState,
} from '../../domain/restricted/requests.ts';
import { appendAudit, recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound, PolicyDenied } from '../errors.ts';
import { legalPositionOf } from '../legal/legal-position.ts';
import { loadEntries } from '../people/record-store.ts';
import { requirePermission } from '../policy.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';
import { involveCasework } from './casework.ts';

// Requests to the Secretary of State for a restricted patient (s41(3)(c); s49(2) for a restriction
// direction): the responsible clinician submits, the Ministry of Justice caseworker decides, and the legal
// record refuses leave, transfer or discharge that no consent on record covers (see consentFor below, used
// by appendLegalEntry). Every write is audited in its own transaction.

export interface SosRequest {
  id: string;
  personId: string;
  details: RequestDetails;
  state: RequestState;
  submittedBy: string;
  submittedAt: Temporal.Instant;
  decision: Decision | null;
  conditions: string | null;
  reasons: string | null;
  decidedBy: string | null;
  decidedAt: Temporal.Instant | null;
  withdrawnBy: string | null;
  withdrawnAt: Temporal.Instant | null;
  withdrawnReason: string | null;
}

type Reader = Pick<Transaction<Database>, 'selectFrom'>;

function instantOrNull(value: string | null): Temporal.Instant | null {
  return value === null ? null : instantFromDatabase(value);
}

async function requestsOf(db: Reader, personId: string): Promise<SosRequest[]> {
  const rows = await db.selectFrom('sos_requests').selectAll().where('person_id', '=', personId).orderBy('submitted_at').orderBy('id').execute();
  return rows.map((row) => {
    const withdrawnAt = instantOrNull(row.withdrawn_at);
    return {
      id: row.id,
      personId: row.person_id,
      details: row.details as RequestDetails,
      state: requestState({ decision: row.decision, withdrawnAt }),
      submittedBy: row.submitted_by_label,
      submittedAt: instantFromDatabase(row.submitted_at),
      decision: row.decision,
      conditions: row.conditions,
      reasons: row.reasons,
      decidedBy: row.decided_by_label,
      decidedAt: instantOrNull(row.decided_at),
      withdrawnBy: row.withdrawn_by_label,
      withdrawnAt,
      withdrawnReason: row.withdrawn_reason,
    };
  });
}

function requireRole(context: AppContext, role: 'responsible-clinician' | 'moj-caseworker', what: string): void {
  if (context.actor.role !== role) {
    throw new PolicyDenied(role === 'responsible-clinician' ? `Only the patient's responsible clinician can ${what}` : `Only a Ministry of Justice caseworker can ${what}, for the Secretary of State`);
  }
}

export async function submitRequest(context: AppContext, personId: string, input: RequestInput): Promise<string> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'legal-status', change: true });
  // The form is checked before the role, as every form is: what is wrong with it is said first.
  const validated = validateRequest(input);
  if (!validated.ok) throw new InvalidInput(validated.problems);
  requireRole(context, 'responsible-clinician', 'ask the Secretary of State for leave, transfer or discharge');
  return inTransaction(context.db, async (trx) => {
    const entries = await loadEntries(trx, personId);
    if (entries.length === 0) throw new NotFound('The person');
    const now = context.now();
    // Only a restricted patient's leave, transfer and discharge need the Secretary of State's consent.
    if (!legalPositionOf(entries, now).output.status.restricted) {
      throw new InvalidInput([{ field: 'kind', message: 'This patient is not restricted (no restriction order under s41 or direction under s49 is in force), so the Secretary of State’s consent is not needed' }]);
    }
    const { id } = await trx
      .insertInto('sos_requests')
      .values({
        person_id: personId,
        kind: validated.details.kind,
        details: JSON.stringify(validated.details),
        submitted_by: context.actor.userId,
        submitted_by_label: context.actor.label,
        submitted_at: instantToDatabase(now),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await involveCasework(trx, context, personId);
    await appendAudit(trx, context, [{ personId, action: 'write', what: `Asked the Secretary of State for consent: ${requestKinds[validated.details.kind].label.toLowerCase()}` }]);
    return id;
  });
}

// Reads the request, locked, and checks it is still pending.
async function pendingRequest(trx: Transaction<Database>, personId: string, requestId: string) {
  const row = await trx.selectFrom('sos_requests').selectAll().where('id', '=', requestId).where('person_id', '=', personId).forUpdate().executeTakeFirst();
  if (row === undefined) throw new NotFound('The request');
  if (row.decision !== null) throw new InvalidInput([{ field: 'decision', message: 'This request has already been decided' }]);
  if (row.withdrawn_at !== null) throw new InvalidInput([{ field: 'decision', message: 'This request was withdrawn' }]);
  return row;
}

export async function decideRequest(context: AppContext, personId: string, requestId: string, input: DecisionInput): Promise<void> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'legal-status', change: true });
  const validated = validateDecision(input);
  if (!validated.ok) throw new InvalidInput(validated.problems);
  requireRole(context, 'moj-caseworker', 'record the decision');
  await inTransaction(context.db, async (trx) => {
    const row = await pendingRequest(trx, personId, requestId);
    await trx
      .updateTable('sos_requests')
      .set({
        decision: validated.decision,
        conditions: validated.conditions,
        reasons: validated.reasons,
        decided_by: context.actor.userId,
        decided_by_label: context.actor.label,
        decided_at: instantToDatabase(context.now()),
      })
      .where('id', '=', requestId)
      .execute();
    await appendAudit(trx, context, [{ personId, action: 'write', what: `Recorded the Secretary of State's decision (${validated.decision}) on a request for ${requestKinds[row.kind].label.toLowerCase()}` }]);
  });
}

// The clinician who asked (or another responsible clinician) withdraws a request not yet decided.
export async function withdrawRequest(context: AppContext, personId: string, requestId: string, reason: string): Promise<void> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'legal-status', change: true });
  const problems = validateWithdrawal(reason);
  if (problems.length > 0) throw new InvalidInput(problems);
  requireRole(context, 'responsible-clinician', 'withdraw a request to the Secretary of State');
  await inTransaction(context.db, async (trx) => {
    const row = await pendingRequest(trx, personId, requestId);
    await trx
      .updateTable('sos_requests')
      .set({ withdrawn_by: context.actor.userId, withdrawn_by_label: context.actor.label, withdrawn_at: instantToDatabase(context.now()), withdrawn_reason: reason.trim() })
      .where('id', '=', requestId)
      .execute();
    await appendAudit(trx, context, [{ personId, action: 'write', what: `Withdrew a request to the Secretary of State for ${requestKinds[row.kind].label.toLowerCase()}` }]);
  });
}

export async function listRequests(context: AppContext, personId: string): Promise<SosRequest[]> {
  requirePermission(context.actor, 'person.read');
  await requirePersonAccess(context, personId, { category: 'legal-status' });
  const requests = await requestsOf(context.db, personId);
  await recordAudit(context, [{ personId, action: 'read', what: 'Viewed requests to the Secretary of State' }]);
  return requests;
}

// What a legal entry does that needs the Secretary of State's consent for a restricted patient, if anything:
// leave (s17), transfer (s19), or discharge by the responsible clinician or managers (s23).
export function consentNeededFor(content: LegalEntryContent): ConsentNeed | null {
  if (content.kind === 'leave-granted') return { kind: 'leave', escorted: content.data.escorted };
  if (content.kind === 'hospital-transfer') return { kind: 'transfer' };
  if (content.kind === 'legal-event-recorded') {
    const event = content.data.event;
    if (event.type === 'discharged' && (event['by'] === 'rc' || event['by'] === 'managers')) {
      return { kind: 'discharge', discharge: event['kind'] === 'conditional' ? 'conditional' : 'absolute' };
    }
  }
  return null;
}

// Refuses, with the provision, a legal entry for a restricted patient that needs consent no decision on
// record covers. Called inside the legal record's transaction, with the status before the entry.
export async function refuseWithoutConsent(trx: Transaction<Database>, personId: string, content: LegalEntryContent, restricted: boolean, now: Temporal.Instant): Promise<void> {
  if (!restricted) return;
  const need = consentNeededFor(content);
  if (need === null) return;
  if (consentCovers(await requestsOf(trx, personId), need, now)) return;
  throw new InvalidInput([{ field: 'event', message: consentMissingMessage(need) }]);
}
