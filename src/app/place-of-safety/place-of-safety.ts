import { inTransaction } from '../../db/transaction.ts';
import type { Selectable } from 'kysely';
import type { PlaceOfSafetyRecordTable } from '../../db/schema.ts';
import {
  assessmentOutcomes,
  maximumExtensionHours,
  placeKinds,
  placeRefusals,
  policeStationConditionKeys,
  type AssessmentOutcome,
  type PlaceKind,
  type PoliceStationCondition,
} from '../../domain/place-of-safety/place-of-safety.ts';
import { derivePersonState } from '../../domain/people/person.ts';
import { appendAudit, recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound, type FieldProblem } from '../errors.ts';
import { legalPositionOf, type LegalPosition } from '../legal/legal-position.ts';
import { recordLegalEvent, refuseFuture } from '../legal/record-legal.ts';
import { loadEntries } from '../people/record-store.ts';
import { requirePermission } from '../policy.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';

// Recording a removal to a place of safety under s136, one step at a time. The arrival and any extension
// are legal events in the person's record, so the law engine computes the 24 hours (s136(2A)) and the
// extension (s136B) from them, and the legal status page shows them; the row here keeps what the engine
// does not need (where from, which place, the police-station conditions, the handover, the outcome).

export type PlaceOfSafetyRow = Selectable<PlaceOfSafetyRecordTable>;

export interface NewPlaceOfSafety {
  detainedAt: string;
  detainedWhere: string;
  placeKind: PlaceKind;
  placeName: string;
  arrivedAt: string;
  conditionsMet: PoliceStationCondition[];
}

function required(problems: FieldProblem[], field: string, value: string, message: string, maximum = 500): string {
  const trimmed = value.trim();
  if (trimmed === '') problems.push({ field, message });
  else if (trimmed.length > maximum) problems.push({ field, message: `${message.replace(/^Enter /, 'Shorten ')}: ${maximum} characters or fewer` });
  return trimmed;
}

function isBefore(a: string, b: string): boolean {
  return Temporal.Instant.compare(Temporal.Instant.from(a), Temporal.Instant.from(b)) < 0;
}

function writer(context: AppContext) {
  return { label: context.actor.label, at: context.now().toString() };
}

async function findRecord(db: AppContext['db'], personId: string, recordId: string): Promise<PlaceOfSafetyRow> {
  const row = await db.selectFrom('place_of_safety_records').selectAll().where('id', '=', recordId).where('person_id', '=', personId).executeTakeFirst();
  if (!row) throw new NotFound('The place of safety record');
  return row;
}

export async function recordPlaceOfSafety(context: AppContext, personId: string, expectedVersion: number, input: NewPlaceOfSafety): Promise<string> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'legal-status', change: true });
  const problems: FieldProblem[] = [];
  const detainedWhere = required(problems, 'detainedWhere', input.detainedWhere, 'Enter where the person was detained under s136');
  const placeName = required(problems, 'placeName', input.placeName, 'Enter the name of the place of safety');
  if (!(input.placeKind in placeKinds)) problems.push({ field: 'placeKind', message: 'Choose the kind of place of safety' });
  if (problems.length > 0) throw new InvalidInput(problems);
  refuseFuture(context, 'detainedAt', input.detainedAt, 'The time of detention');
  refuseFuture(context, 'arrivedAt', input.arrivedAt, 'The time of arrival');
  if (isBefore(input.arrivedAt, input.detainedAt)) {
    throw new InvalidInput([{ field: 'arrivedAt', message: 'The time of arrival at the place of safety must be the same as or after the time of detention' }]);
  }
  const entries = await loadEntries(context.db, personId);
  if (entries.length === 0) throw new NotFound('The person');
  const dateOfBirth = derivePersonState(entries).details.dateOfBirth;
  const conditionsMet = input.placeKind === 'police-station' ? policeStationConditionKeys.filter((key) => input.conditionsMet.includes(key)) : [];
  const refusals = placeRefusals({
    placeKind: input.placeKind,
    arrivedAt: Temporal.Instant.from(input.arrivedAt),
    dateOfBirth: dateOfBirth === null ? null : Temporal.PlainDate.from(dateOfBirth),
    conditionsMet,
  });
  if (refusals.length > 0) throw new InvalidInput(refusals);

  return inTransaction(context.db, async (trx) => {
    const inTrx = { ...context, db: trx };
    // s136(2A): the 24 hours begin with arrival at the place of safety.
    const { entryId } = await recordLegalEvent(
      inTrx,
      personId,
      expectedVersion,
      { event: { type: 'place-of-safety-arrival', at: input.arrivedAt, power: 's136' }, placement: null, documentId: null, note: `Removed under s136 from ${detainedWhere} to ${placeName} (${placeKinds[input.placeKind]})` },
      'Recorded a removal to a place of safety under s136',
    );
    const by = writer(context);
    const row = await trx
      .insertInto('place_of_safety_records')
      .values({
        person_id: personId,
        power: 's136',
        detained_at: input.detainedAt,
        detained_where: detainedWhere,
        place_kind: input.placeKind,
        place_name: placeName,
        arrived_at: input.arrivedAt,
        police_station_conditions: conditionsMet,
        arrival_entry_id: entryId,
        recorded_by: context.actor.userId,
        recorded_by_label: by.label,
        recorded_by_agency_id: context.actor.agencyId,
        recorded_by_agency_name: context.actor.agencyName,
        recorded_at: by.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

export interface PlaceOfSafetyView {
  record: PlaceOfSafetyRow;
  position: LegalPosition;
  version: number;
}

export async function viewPlaceOfSafety(context: AppContext, personId: string, recordId: string): Promise<PlaceOfSafetyView> {
  requirePermission(context.actor, 'person.read');
  await requirePersonAccess(context, personId, { category: 'legal-status' });
  const record = await findRecord(context.db, personId, recordId);
  const entries = await loadEntries(context.db, personId);
  const position = legalPositionOf(entries, context.now());
  await recordAudit(context, [{ personId, action: 'read', what: 'Viewed a removal to a place of safety under s136' }]);
  const person = await context.db.selectFrom('people').select('version').where('id', '=', personId).executeTakeFirstOrThrow();
  return { record, position, version: person.version };
}

// The handover from the police to health staff. It is an expectation, not a legal event: it is written
// onto the row only, and the detention under s136 runs on regardless.
export async function recordHandover(context: AppContext, personId: string, recordId: string, input: { handedOverAt: string; handedOverTo: string }): Promise<void> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'legal-status', change: true });
  const problems: FieldProblem[] = [];
  const handedOverTo = required(problems, 'handedOverTo', input.handedOverTo, 'Enter who the person was handed over to');
  if (problems.length > 0) throw new InvalidInput(problems);
  refuseFuture(context, 'handedOverAt', input.handedOverAt, 'The time of handover');
  await inTransaction(context.db, async (trx) => {
    const record = await findRecord(trx, personId, recordId);
    if (record.handed_over_at !== null) throw new InvalidInput([{ field: 'handedOverAt', message: 'The handover is already recorded' }]);
    if (isBefore(input.handedOverAt, record.arrived_at)) throw new InvalidInput([{ field: 'handedOverAt', message: 'The time of handover must be the same as or after the arrival at the place of safety' }]);
    const by = writer(context);
    await trx
      .updateTable('place_of_safety_records')
      .set({ handed_over_at: input.handedOverAt, handed_over_to: handedOverTo, handover_recorded_by_label: by.label, handover_recorded_at: by.at })
      .where('id', '=', recordId)
      .execute();
    await appendAudit(trx, context, [{ personId, action: 'write', what: 'Recorded the handover from police to health at a place of safety' }]);
  });
}

export interface NewExtension {
  hours: number;
  authorisedAt: string;
  authorisedBy: string;
  reason: string;
}

// s136B: recorded as a legal event, so the engine refuses one authorised after the 24 hours ended or
// totalling more than 12 hours, and counts the extension in the period.
export async function recordExtension(context: AppContext, personId: string, recordId: string, expectedVersion: number, input: NewExtension): Promise<void> {
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(input.hours) || input.hours < 1 || input.hours > maximumExtensionHours) {
    problems.push({ field: 'hours', message: `Enter the hours of the extension as a whole number from 1 to ${maximumExtensionHours} (s136B)` });
  }
  const authorisedBy = required(problems, 'authorisedBy', input.authorisedBy, 'Enter the registered medical practitioner who authorised the extension');
  const reason = required(problems, 'reason', input.reason, "Enter why the person's condition makes it not practicable to complete the assessment in time", 1000);
  if (problems.length > 0) throw new InvalidInput(problems);
  refuseFuture(context, 'authorisedAt', input.authorisedAt, 'The time the extension was authorised');
  await inTransaction(context.db, async (trx) => {
    const record = await findRecord(trx, personId, recordId);
    if (record.extension_entry_id !== null) throw new InvalidInput([{ field: 'hours', message: 'An extension is already recorded for this detention' }]);
    if (isBefore(input.authorisedAt, record.arrived_at)) throw new InvalidInput([{ field: 'authorisedAt', message: 'The extension must be authorised after the arrival at the place of safety' }]);
    const { entryId } = await recordLegalEvent(
      { ...context, db: trx },
      personId,
      expectedVersion,
      { event: { type: 'place-of-safety-extended', at: input.authorisedAt, hours: input.hours }, placement: null, documentId: null, note: `Authorised by ${authorisedBy}: ${reason}` },
      'Recorded an extension of a place of safety detention under s136B',
    );
    const by = writer(context);
    await trx
      .updateTable('place_of_safety_records')
      .set({
        extension_hours: input.hours,
        extension_authorised_at: input.authorisedAt,
        extension_authorised_by: authorisedBy,
        extension_reason: reason,
        extension_entry_id: entryId,
        extension_recorded_by_label: by.label,
        extension_recorded_at: by.at,
      })
      .where('id', '=', recordId)
      .execute();
  });
}

export interface NewOutcome {
  outcome: AssessmentOutcome;
  outcomeAt: string;
  note: string;
}

// The assessment's outcome ends the detention under s136: it is recorded as the end of the place-of-safety
// period. A detention under s2 or s3 is then recorded through the legal recording, from its documents.
export async function recordOutcome(context: AppContext, personId: string, recordId: string, expectedVersion: number, input: NewOutcome): Promise<void> {
  if (!(input.outcome in assessmentOutcomes)) throw new InvalidInput([{ field: 'outcome', message: 'Choose the outcome of the assessment' }]);
  const note = input.note.trim();
  if (input.outcome === 'other' && note === '') throw new InvalidInput([{ field: 'note', message: 'Enter what the outcome was' }]);
  if (note.length > 1000) throw new InvalidInput([{ field: 'note', message: 'The note must be 1000 characters or fewer' }]);
  refuseFuture(context, 'outcomeAt', input.outcomeAt, 'The time of the outcome');
  await inTransaction(context.db, async (trx) => {
    const record = await findRecord(trx, personId, recordId);
    if (record.outcome !== null) throw new InvalidInput([{ field: 'outcome', message: 'The outcome is already recorded' }]);
    if (isBefore(input.outcomeAt, record.arrived_at)) throw new InvalidInput([{ field: 'outcomeAt', message: 'The time of the outcome must be after the arrival at the place of safety' }]);
    const { entryId } = await recordLegalEvent(
      { ...context, db: trx },
      personId,
      expectedVersion,
      { event: { type: 'place-of-safety-ended', at: input.outcomeAt }, placement: null, documentId: null, note: `${assessmentOutcomes[input.outcome]}${note ? `: ${note}` : ''}` },
      'Recorded the outcome of an assessment at a place of safety',
    );
    const by = writer(context);
    await trx
      .updateTable('place_of_safety_records')
      .set({ outcome: input.outcome, outcome_at: input.outcomeAt, outcome_note: note || null, outcome_entry_id: entryId, outcome_recorded_by_label: by.label, outcome_recorded_at: by.at })
      .where('id', '=', recordId)
      .execute();
  });
}
