import type { Transaction } from 'kysely';
import type { AccordDatabase } from '../../db/database.ts';
import { instantFromDatabase, instantToDatabase } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Placement } from '../../domain/legal/legal-entries.ts';
import type { TribunalReferenceProvision } from '../../domain/legal/legal-entries.ts';
import { notConditionallyDischargedMessage, validateWarrantReasons } from '../../domain/restricted/conditional-discharge.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound, PolicyDenied } from '../errors.ts';
import { legalPositionOf } from '../legal/legal-position.ts';
import { recordLegalEvent, refuseFuture } from '../legal/record-legal.ts';
import { recordTribunalReference, type TribunalReferenceResult } from '../legal/record-tribunal-reference.ts';
import { loadEntries } from '../people/record-store.ts';
import { requirePermission } from '../policy.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';
import { dischargeInForce } from './conditional-discharge.ts';

// Recall of a conditionally discharged restricted patient (s42(3)): the Secretary of State's warrant,
// issued by the Ministry of Justice caseworker, and the hospital's record of the patient's return, which is
// the legal event the law engine counts from (s75(1): the Secretary of State's reference within one month
// of the return, and the patient's tribunal windows from the day of return). The warrant is a row written
// once; the return is written onto it once.

export interface RecallWarrant {
  id: string;
  issuedAt: Temporal.Instant;
  reasons: string;
  issuedBy: string;
  recordedAt: Temporal.Instant;
  returnedAt: Temporal.Instant | null;
  returnEntryId: string | null;
  returnRecordedBy: string | null;
}

type Reader = AccordDatabase | Transaction<Database>;

export async function recallWarrantsOf(db: Reader, personId: string): Promise<RecallWarrant[]> {
  const rows = await db.selectFrom('recall_warrants').selectAll().where('person_id', '=', personId).orderBy('issued_at').orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    issuedAt: instantFromDatabase(row.issued_at),
    reasons: row.reasons,
    issuedBy: row.issued_by_label,
    recordedAt: instantFromDatabase(row.recorded_at),
    returnedAt: row.returned_at === null ? null : instantFromDatabase(row.returned_at),
    returnEntryId: row.return_entry_id,
    returnRecordedBy: row.return_recorded_by_label,
  }));
}

// The warrant issued under the conditional discharge in force whose return is not yet recorded, if any.
export function outstandingWarrant(warrants: readonly RecallWarrant[]): RecallWarrant | null {
  return [...warrants].reverse().find((warrant) => warrant.returnedAt === null) ?? null;
}

export interface WarrantInput {
  issuedAt: string;
  reasons: string;
}

export async function issueRecallWarrant(context: AppContext, personId: string, input: WarrantInput): Promise<string> {
  requirePermission(context.actor, 'person.write');
  if (context.actor.role !== 'moj-caseworker') throw new PolicyDenied('Only a Ministry of Justice caseworker can issue a warrant of recall, for the Secretary of State (s42(3))');
  await requirePersonAccess(context, personId, { category: 'legal-status', change: true });
  const reasons = validateWarrantReasons(input.reasons);
  if (!reasons.ok) throw new InvalidInput(reasons.problems);
  refuseFuture(context, 'issuedAt', input.issuedAt, 'The time the warrant was issued');
  return inTransaction(context.db, async (trx) => {
    await trx.selectFrom('people').select('id').where('id', '=', personId).forUpdate().executeTakeFirst();
    const entries = await loadEntries(trx, personId);
    if (entries.length === 0) throw new NotFound('The person');
    const discharge = dischargeInForce(entries);
    if (legalPositionOf(entries, context.now()).output.status.provision !== 'conditionally-discharged' || discharge === null) {
      throw new InvalidInput([{ field: 'status', message: notConditionallyDischargedMessage('A warrant of recall can be issued', 's42(3)') }]);
    }
    if (Temporal.Instant.compare(Temporal.Instant.from(input.issuedAt), Temporal.Instant.from(discharge.event.at)) < 0) {
      throw new InvalidInput([{ field: 'issuedAt', message: 'The warrant cannot be issued before the conditional discharge it recalls from' }]);
    }
    const existing = await trx.selectFrom('recall_warrants').select('id').where('person_id', '=', personId).where('discharge_entry_id', '=', discharge.entryId).where('returned_at', 'is', null).executeTakeFirst();
    if (existing !== undefined) throw new InvalidInput([{ field: 'status', message: 'A warrant of recall is already issued and the patient’s return is not yet recorded' }]);
    const { id } = await trx
      .insertInto('recall_warrants')
      .values({
        person_id: personId,
        discharge_entry_id: discharge.entryId,
        issued_at: input.issuedAt,
        reasons: reasons.reasons,
        issued_by: context.actor.userId,
        issued_by_label: context.actor.label,
        recorded_at: instantToDatabase(context.now()),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, context, [{ personId, action: 'write', what: 'Issued the Secretary of State’s warrant recalling a conditionally discharged patient to hospital (s42(3))' }]);
    return id;
  });
}

// The hospital records the patient's return under the warrant. Those who record the patient's legal
// events in the hospital do this.
const returnRecorders = new Set(['mha-administrator', 'responsible-clinician']);

export interface ReturnInput {
  warrantId: string;
  returnedAt: string;
  placement: Placement;
}

export async function recordReturnToHospital(context: AppContext, personId: string, expectedVersion: number, input: ReturnInput): Promise<string> {
  requirePermission(context.actor, 'person.write');
  if (context.actor.kind !== 'system' && !returnRecorders.has(context.actor.role ?? '')) {
    throw new PolicyDenied('The return to hospital is recorded by the hospital: a Mental Health Act administrator or the responsible clinician');
  }
  refuseFuture(context, 'returnedAt', input.returnedAt, 'The time of return');
  return inTransaction(context.db, async (trx) => {
    const warrant = await trx.selectFrom('recall_warrants').selectAll().where('id', '=', input.warrantId).where('person_id', '=', personId).forUpdate().executeTakeFirst();
    if (warrant === undefined) throw new NotFound('The warrant of recall');
    if (warrant.returned_at !== null) throw new InvalidInput([{ field: 'returnedAt', message: 'The return under this warrant is already recorded' }]);
    if (Temporal.Instant.compare(Temporal.Instant.from(input.returnedAt), instantFromDatabase(warrant.issued_at)) < 0) {
      throw new InvalidInput([{ field: 'returnedAt', message: 'The return cannot be before the warrant of recall was issued' }]);
    }
    // s42(3)-(4): the engine takes the return as the start of detention again; it refuses a recall of a
    // patient who is not conditionally discharged.
    const written = await recordLegalEvent(
      { ...context, db: trx },
      personId,
      expectedVersion,
      { event: { type: 'recalled', at: input.returnedAt }, placement: input.placement, documentId: null, note: 'Returned to hospital under the Secretary of State’s warrant of recall' },
      `Recorded a recalled patient’s return to ${input.placement.agencyName} (s42(3))`,
    );
    await trx
      .updateTable('recall_warrants')
      .set({ return_entry_id: written.entryId, returned_at: input.returnedAt, return_recorded_by_label: context.actor.label, return_recorded_at: instantToDatabase(context.now()) })
      .where('id', '=', warrant.id)
      .execute();
    return written.entryId;
  });
}

// The Secretary of State's references of a restricted patient's case to the tribunal.
export const secretaryOfStateReferences = ['s75(1)', 's71(2)', 's71(1)'] as const satisfies readonly TribunalReferenceProvision[];
export type SecretaryOfStateReference = (typeof secretaryOfStateReferences)[number];

// The Ministry of Justice caseworker records that the Secretary of State referred the case to the tribunal:
// within a month of a recalled patient's return (s75(1)), after three years without a hearing (s71(2)), or
// at their discretion (s71(1)). The legal record works out which due reference it met.
export async function recordSecretaryOfStateReference(context: AppContext, personId: string, expectedVersion: number, input: { at: string; provision: string; note: string | null }): Promise<TribunalReferenceResult> {
  requirePermission(context.actor, 'person.write');
  if (context.actor.role !== 'moj-caseworker') throw new PolicyDenied('Only a Ministry of Justice caseworker can record the Secretary of State’s reference to the tribunal');
  if (!(secretaryOfStateReferences as readonly string[]).includes(input.provision)) {
    throw new InvalidInput([{ field: 'provision', message: 'Select the section the Secretary of State referred the case under' }]);
  }
  return recordTribunalReference(context, personId, expectedVersion, { at: input.at, provision: input.provision as SecretaryOfStateReference, note: input.note });
}
