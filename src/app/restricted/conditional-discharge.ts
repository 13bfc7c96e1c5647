import type { Transaction } from 'kysely';
import type { AccordDatabase } from '../../db/database.ts';
import { instantFromDatabase, instantToDatabase } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { deriveLegalRecord, type RecordedLegalEvent } from '../../domain/legal/legal-record.ts';
import { derivePersonState, displayName, type RecordEntry } from '../../domain/people/person.ts';
import { recordCategories } from '../../domain/record/categories.ts';
import {
  breachNotice,
  concernKinds,
  conditionKinds,
  dischargeBodies,
  dischargeRecorderRefusal,
  mayRecordConcerns,
  notConditionallyDischargedMessage,
  validateConcern,
  validateConditions,
  validateDischargeBody,
  validateVariationReason,
  type ConcernInput,
  type ConcernKind,
  type ConditionKind,
  type ConditionRowInput,
  type DischargeBody,
  type ValidCondition,
} from '../../domain/restricted/conditional-discharge.ts';
import { accessAllows } from '../../domain/sharing/person-access.ts';
import { appendAudit, recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound, PolicyDenied } from '../errors.ts';
import { legalPositionOf, type LegalPosition } from '../legal/legal-position.ts';
import { recordLegalEvent, refuseFuture } from '../legal/record-legal.ts';
import { loadEntries } from '../people/record-store.ts';
import { requirePermission } from '../policy.ts';
import { personAccess, requirePersonAccess } from '../sharing/person-access.ts';
import { recallWarrantsOf, type RecallWarrant } from './recall.ts';

// A restricted patient's conditional discharge by the Secretary of State (s42(2)) or the tribunal (s73),
// its conditions and their variation, and the concerns and breaches those supervising the patient report.
// The discharge is a legal event: the law engine refuses one that is not lawful, and says from then on
// what falls due. The conditions, concerns and breaches are rows beside it, append-only.

export type { ConditionKind } from '../../domain/restricted/conditional-discharge.ts';

export interface DischargeCondition {
  id: string;
  kind: ConditionKind;
  label: string;
  text: string;
  concernsVictims: boolean;
  setAt: Temporal.Instant;
  setBy: string;
}

export interface ConditionSet {
  id: string;
  origin: 'discharge' | 'variation';
  body: DischargeBody;
  provision: string;
  reason: string | null;
  setAt: Temporal.Instant;
  setBy: string;
  setByAgency: string;
  // Whether this is the set in force: the latest for the conditional discharge in force.
  current: boolean;
  conditions: DischargeCondition[];
}

export interface DischargeConcern {
  id: string;
  kind: ConcernKind;
  kindLabel: string;
  condition: { id: string; label: string; text: string } | null;
  occurredAt: Temporal.Instant;
  whatHappened: string;
  actionTaken: string;
  recordedBy: string;
  recordedByAgency: string;
  recordedAt: Temporal.Instant;
}

type Reader = AccordDatabase | Transaction<Database>;

// Events after which a conditional discharge is no longer in force: recall (s42(3)), absolute discharge
// (s42(1), s73(1)), or a new order or direction.
const endsConditionalDischarge = new Set(['recalled', 'discharged', 'court-order', 'transfer-direction']);

// The conditional discharge in force on the record, if any: the latest conditional discharge with nothing
// after it that ends it. Read from the record's events, without a clock.
export function dischargeInForce(entries: readonly RecordEntry[]): RecordedLegalEvent | null {
  const events = deriveLegalRecord(entries).events;
  let found: RecordedLegalEvent | null = null;
  for (const event of events) {
    if (event.event.type === 'discharged' && event.event['kind'] === 'conditional') found = event;
    else if (found !== null && endsConditionalDischarge.has(event.event.type)) found = null;
  }
  return found;
}

async function setsOf(db: Reader, personId: string, inForceEntryId: string | null): Promise<ConditionSet[]> {
  const sets = await db.selectFrom('discharge_condition_sets').selectAll().where('person_id', '=', personId).orderBy('set_at').orderBy('id').execute();
  if (sets.length === 0) return [];
  const conditions = await db.selectFrom('discharge_conditions').selectAll().where('person_id', '=', personId).orderBy('position').execute();
  const latestInForce = [...sets].reverse().find((set) => set.discharge_entry_id === inForceEntryId)?.id ?? null;
  return sets.map((set) => {
    const setAt = instantFromDatabase(set.set_at);
    return {
      id: set.id,
      origin: set.origin,
      body: set.set_by_body,
      provision: set.provision,
      reason: set.reason,
      setAt,
      setBy: set.set_by_label,
      setByAgency: set.set_by_agency_name,
      current: set.id === latestInForce,
      conditions: conditions
        .filter((condition) => condition.set_id === set.id)
        .map((condition) => ({ id: condition.id, kind: condition.kind, label: conditionKinds[condition.kind].label, text: condition.wording, concernsVictims: condition.concerns_victims, setAt, setBy: set.set_by_label })),
    };
  });
}

// The conditions in force now: the latest set for the conditional discharge in force, or none if the
// patient is not conditionally discharged (never, or since recalled or absolutely discharged). Not audited:
// the caller that shows them audits its own reading.
export async function currentConditions(db: AccordDatabase | Transaction<Database>, personId: string): Promise<DischargeCondition[]> {
  const discharge = dischargeInForce(await loadEntries(db, personId));
  if (discharge === null) return [];
  const sets = await setsOf(db, personId, discharge.entryId);
  return sets.find((set) => set.current)?.conditions ?? [];
}

async function writeConditionSet(
  trx: Transaction<Database>,
  context: AppContext,
  personId: string,
  set: { dischargeEntryId: string; origin: 'discharge' | 'variation'; body: DischargeBody; provision: string; reason: string | null; supersedes: string | null; conditions: ValidCondition[] },
): Promise<string> {
  const { id } = await trx
    .insertInto('discharge_condition_sets')
    .values({
      person_id: personId,
      discharge_entry_id: set.dischargeEntryId,
      origin: set.origin,
      set_by_body: set.body,
      provision: set.provision,
      reason: set.reason,
      supersedes: set.supersedes,
      set_at: instantToDatabase(context.now()),
      set_by: context.actor.userId,
      set_by_label: context.actor.label,
      set_by_agency_name: context.actor.agencyName,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('discharge_conditions')
    .values(set.conditions.map((condition, position) => ({ set_id: id, person_id: personId, position, kind: condition.kind, wording: condition.text, concerns_victims: condition.concernsVictims })))
    .execute();
  return id;
}

export interface ConditionalDischargeInput {
  by: string;
  // When the discharge took effect, as an offset date-time.
  at: string;
  conditions: ConditionRowInput[];
  note?: string | null;
}

// Records the conditional discharge and its conditions together. inTransaction joins the caller's
// transaction, so the legal event (written through the legal record, which checks it with the law engine)
// and the conditions commit or fail as one: there cannot be conditions without a discharge, nor a
// discharge recorded here without its conditions.
export async function recordConditionalDischarge(context: AppContext, personId: string, expectedVersion: number, input: ConditionalDischargeInput): Promise<{ entryId: string; setId: string }> {
  requirePermission(context.actor, 'person.write');
  const body = validateDischargeBody(input.by);
  if (!body.ok) throw new InvalidInput(body.problems);
  const refusal = dischargeRecorderRefusal(body.by, context.actor.role);
  if (refusal !== null && context.actor.kind !== 'system') throw new PolicyDenied(refusal);
  await requirePersonAccess(context, personId, { category: 'legal-status', change: true });
  const conditions = validateConditions(input.conditions);
  if (!conditions.ok) throw new InvalidInput(conditions.problems);
  refuseFuture(context, 'at', input.at, 'The time of the discharge');
  const provision = dischargeBodies[body.by].provision;
  return inTransaction(context.db, async (trx) => {
    const written = await recordLegalEvent(
      { ...context, db: trx },
      personId,
      expectedVersion,
      { event: { type: 'discharged', at: input.at, kind: 'conditional', by: body.by }, placement: null, documentId: null, note: input.note ?? null },
      `Recorded a conditional discharge by ${dischargeBodies[body.by].label.replace(/^The /, 'the ')} (${provision}) with ${conditions.conditions.length} condition${conditions.conditions.length === 1 ? '' : 's'}`,
    );
    // The engine leaves some discharges unevaluated (a restriction direction: s74) rather than refusing
    // them; conditions are only for a patient the engine shows as conditionally discharged.
    if (written.position.output.status.provision !== 'conditionally-discharged') {
      throw new InvalidInput([{ field: 'by', message: `The law engine does not show the patient as conditionally discharged after this (${written.position.output.status.provision}); for a restriction direction the tribunal notifies the Secretary of State instead (s74)` }]);
    }
    const setId = await writeConditionSet(trx, context, personId, { dischargeEntryId: written.entryId, origin: 'discharge', body: body.by, provision, reason: null, supersedes: null, conditions: conditions.conditions });
    return { entryId: written.entryId, setId };
  });
}

// The position now and the conditional discharge in force, refusing with `what` if there is none.
async function requireConditionallyDischarged(trx: Reader, context: AppContext, personId: string, what: string, provision: string): Promise<{ entries: RecordEntry[]; discharge: RecordedLegalEvent }> {
  const entries = await loadEntries(trx, personId);
  if (entries.length === 0) throw new NotFound('The person');
  const status = legalPositionOf(entries, context.now()).output.status;
  const discharge = dischargeInForce(entries);
  if (status.provision !== 'conditionally-discharged' || discharge === null) {
    throw new InvalidInput([{ field: 'status', message: notConditionallyDischargedMessage(what, provision) }]);
  }
  return { entries, discharge };
}

export interface VariationInput {
  reason: string;
  conditions: ConditionRowInput[];
}

// s42(2): the Secretary of State may vary the conditions at any time (and s73(5) keeps that power after the
// tribunal's discharge). The new set supersedes the one in force; the old one stays in the history.
export async function varyConditions(context: AppContext, personId: string, input: VariationInput): Promise<string> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'legal-status', change: true });
  const reason = validateVariationReason(input.reason);
  const conditions = validateConditions(input.conditions);
  const problems = [...(reason.ok ? [] : reason.problems), ...(conditions.ok ? [] : conditions.problems)];
  if (!reason.ok || !conditions.ok) throw new InvalidInput(problems);
  if (context.actor.role !== 'moj-caseworker') throw new PolicyDenied('Only a Ministry of Justice caseworker can vary the conditions, for the Secretary of State (s42(2))');
  return inTransaction(context.db, async (trx) => {
    // The person's row is locked so that two variations at once cannot both supersede the same set.
    await trx.selectFrom('people').select('id').where('id', '=', personId).forUpdate().executeTakeFirst();
    const { discharge } = await requireConditionallyDischarged(trx, context, personId, 'Conditions can be varied', 's42(2)');
    const current = (await setsOf(trx, personId, discharge.entryId)).find((set) => set.current) ?? null;
    const setId = await writeConditionSet(trx, context, personId, { dischargeEntryId: discharge.entryId, origin: 'variation', body: 'sos', provision: 's42(2)', reason: reason.reason, supersedes: current?.id ?? null, conditions: conditions.conditions });
    await appendAudit(trx, context, [{ personId, action: 'write', what: `Varied the conditions of a conditional discharge for the Secretary of State (s42(2)): ${conditions.conditions.length} condition${conditions.conditions.length === 1 ? '' : 's'}` }]);
    return setId;
  });
}

export interface ConcernRecordInput extends ConcernInput {
  // When it happened, as an offset date-time.
  occurredAt: string;
}

// The Ministry of Justice casework agencies involved with the person now, who hear of a breach.
async function caseworkAgencies(trx: Reader, personId: string, now: Temporal.Instant): Promise<{ id: string; name: string }[]> {
  const at = instantToDatabase(now);
  return trx
    .selectFrom('involvements')
    .innerJoin('agencies', 'agencies.id', 'involvements.agency_id')
    .select(['agencies.id', 'agencies.name'])
    .distinct()
    .where('involvements.person_id', '=', personId)
    .where('agencies.kind', '=', 'moj-casework')
    .where('involvements.starts_at', '<=', at)
    .where((builder) => builder.or([builder('involvements.ends_at', 'is', null), builder('involvements.ends_at', '>', at)]))
    .orderBy('agencies.name')
    .execute();
}

// A concern or a breach of a condition, reported by anyone supervising or working with the patient who may
// write their record. A breach is of a condition in force, and the casework team involved is told, since
// the Secretary of State decides on recall (s42(3)).
export async function recordConcern(context: AppContext, personId: string, input: ConcernRecordInput): Promise<{ id: string; notified: string[] }> {
  requirePermission(context.actor, 'person.write');
  if (context.actor.kind !== 'system' && !mayRecordConcerns(context.actor.role)) {
    throw new PolicyDenied('Concerns and breaches are recorded by those supervising the patient: the responsible clinician, a psychiatrist, social worker, probation practitioner, police officer or Ministry of Justice caseworker');
  }
  await requirePersonAccess(context, personId, { category: 'risk-to-others', change: true });
  return inTransaction(context.db, async (trx) => {
    await requireConditionallyDischarged(trx, context, personId, 'Concerns and breaches of conditions are recorded', 's42(2), s73');
    const conditions = await currentConditions(trx, personId);
    const validated = validateConcern(input, conditions.map((condition) => condition.id));
    if (!validated.ok) throw new InvalidInput(validated.problems);
    refuseFuture(context, 'occurredAt', input.occurredAt, 'The time it happened');
    const concern = validated.concern;
    const { id } = await trx
      .insertInto('discharge_concerns')
      .values({
        person_id: personId,
        kind: concern.kind,
        condition_id: concern.conditionId,
        occurred_at: input.occurredAt,
        what_happened: concern.whatHappened,
        action_taken: concern.actionTaken,
        recorded_by: context.actor.userId,
        recorded_by_label: context.actor.label,
        recorded_by_agency_name: context.actor.agencyName,
        recorded_at: instantToDatabase(context.now()),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const notified: string[] = [];
    if (concern.kind === 'breach') {
      const condition = conditions.find((candidate) => candidate.id === concern.conditionId)!;
      const notice = breachNotice(condition, { agencyName: context.actor.agencyName });
      for (const agency of await caseworkAgencies(trx, personId, context.now())) {
        await trx
          .insertInto('notifications')
          .values({ created_at: instantToDatabase(context.now()), agency_id: agency.id, role: 'moj-caseworker', task_id: null, subject: notice.subject, body: notice.body, channel: 'app', recipient: null, status: 'queued' })
          .execute();
        notified.push(agency.name);
      }
    }
    const what = concern.kind === 'breach' ? `Recorded a breach of a condition (${conditionKinds[conditions.find((candidate) => candidate.id === concern.conditionId)!.kind].label.toLowerCase()})${notified.length > 0 ? `; told ${notified.join(', ')}` : '; no casework team is involved to tell'}` : 'Recorded a concern about a conditionally discharged patient';
    await appendAudit(trx, context, [{ personId, action: 'write', what }]);
    return { id, notified };
  });
}

async function concernsOf(db: Reader, personId: string): Promise<DischargeConcern[]> {
  const rows = await db
    .selectFrom('discharge_concerns')
    .leftJoin('discharge_conditions', 'discharge_conditions.id', 'discharge_concerns.condition_id')
    .select([
      'discharge_concerns.id',
      'discharge_concerns.kind',
      'discharge_concerns.condition_id',
      'discharge_conditions.kind as condition_kind',
      'discharge_conditions.wording as condition_wording',
      'discharge_concerns.occurred_at',
      'discharge_concerns.what_happened',
      'discharge_concerns.action_taken',
      'discharge_concerns.recorded_by_label',
      'discharge_concerns.recorded_by_agency_name',
      'discharge_concerns.recorded_at',
    ])
    .where('discharge_concerns.person_id', '=', personId)
    .orderBy('discharge_concerns.occurred_at', 'desc')
    .orderBy('discharge_concerns.recorded_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    kindLabel: concernKinds[row.kind],
    condition: row.condition_id === null || row.condition_kind === null ? null : { id: row.condition_id, label: conditionKinds[row.condition_kind].label, text: row.condition_wording ?? '' },
    occurredAt: instantFromDatabase(row.occurred_at),
    whatHappened: row.what_happened,
    actionTaken: row.action_taken,
    recordedBy: row.recorded_by_label,
    recordedByAgency: row.recorded_by_agency_name,
    recordedAt: instantFromDatabase(row.recorded_at),
  }));
}

export interface ConditionalDischargeView {
  name: string;
  version: number;
  position: LegalPosition;
  dischargeInForce: RecordedLegalEvent | null;
  // Every conditional discharge and return on recall on the record, oldest first.
  history: RecordedLegalEvent[];
  sets: ConditionSet[];
  // Null when the reader's sharing policy does not include risk to others, which concerns are.
  concerns: DischargeConcern[] | null;
  warrants: RecallWarrant[];
}

// Everything the conditional discharge page shows, read once and audited once.
export async function viewConditionalDischarge(context: AppContext, personId: string): Promise<ConditionalDischargeView> {
  requirePermission(context.actor, 'person.read');
  await requirePersonAccess(context, personId, { category: 'legal-status' });
  const entries = await loadEntries(context.db, personId);
  if (entries.length === 0) throw new NotFound('The person');
  const position = legalPositionOf(entries, context.now());
  const discharge = dischargeInForce(entries);
  const seesConcerns = accessAllows(await personAccess(context, personId), { category: 'risk-to-others' }, (category) => recordCategories[category]).allowed;
  const [sets, concerns, warrants, person] = await Promise.all([
    setsOf(context.db, personId, discharge?.entryId ?? null),
    seesConcerns ? concernsOf(context.db, personId) : Promise.resolve(null),
    recallWarrantsOf(context.db, personId),
    context.db.selectFrom('people').select('version').where('id', '=', personId).executeTakeFirstOrThrow(),
  ]);
  const history = position.record.events.filter((event) => (event.event.type === 'discharged' && event.event['kind'] === 'conditional') || event.event.type === 'recalled');
  await recordAudit(context, [{ personId, action: 'read', what: seesConcerns ? 'Viewed the conditional discharge: conditions, concerns and breaches, recall' : 'Viewed the conditional discharge: conditions and recall' }]);
  return { name: displayName(derivePersonState(entries).details), version: person.version, position, dischargeInForce: discharge, history, sets, concerns, warrants };
}
