import type { Transaction } from 'kysely';
import { instantFromDatabase, instantToDatabase, type AccordDatabase } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { todayInLondon } from '../../domain/london-time.ts';
import {
  arrangementChange,
  mappaRefusal,
  mappaSight,
  meetingAuthority,
  recordsMappa,
  validateArrangement,
  validateMeeting,
  type ArrangementInput,
  type MappaCategory,
  type MappaLevel,
  type MappaSight,
  type MeetingAction,
  type MeetingInput,
} from '../../domain/restricted/mappa.ts';
import { lawfulBases } from '../../domain/sharing/lawful-bases.ts';
import { appendAudit, recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound, PolicyDenied } from '../errors.ts';
import { legalPositionOf } from '../legal/legal-position.ts';
import { loadEntries } from '../people/record-store.ts';
import { requirePermission } from '../policy.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';

// MAPPA for a person: the arrangement (category, level, lead agency), kept as numbered versions so that
// every change of level or lead agency leaves the history in place, and the MAPP meetings with their
// minutes and actions. The information is shared under the duty to co-operate (CJA 2003 s325), not by
// involvement: on top of the person-access check (the 'risk-to-others' category), only the lead agency,
// the agencies at a meeting (for that meeting) and, for a restricted patient, the Ministry of Justice's
// casework see it (mappaSight in the domain). Recording minutes shares them with every agency that
// attended, and each share is written as a disclosure on the basis 'mappa'.

type Reader = AccordDatabase | Transaction<Database>;

export interface ArrangementVersion {
  id: string;
  version: number;
  category: MappaCategory;
  level: MappaLevel;
  leadAgencyId: string;
  leadAgencyName: string;
  reason: string;
  // What this version changed from the one before, in words; null for the first.
  change: string | null;
  recordedBy: string;
  recordedByAgency: string;
  recordedAt: Temporal.Instant;
}

export interface MeetingSummary {
  id: string;
  heldOn: Temporal.PlainDate;
  level: MappaLevel;
  attendingAgencies: { id: string; name: string }[];
  recordedBy: string;
  recordedByAgency: string;
  recordedAt: Temporal.Instant;
}

export interface MeetingRecord extends MeetingSummary {
  category: MappaCategory;
  minutes: string;
  actions: MeetingAction[];
}

export interface MappaView {
  personId: string;
  restricted: boolean;
  // The arrangement in force (the latest version), and every version, newest first.
  current: ArrangementVersion | null;
  history: ArrangementVersion[];
  // The meetings the reader may see, newest first.
  meetings: MeetingSummary[];
  // 'all' for the lead agency and (for a restricted patient) the Ministry; 'attended' for an agency that
  // attended a meeting, which sees that meeting's minutes only.
  sight: 'all' | 'attended';
  mayRecord: boolean;
}

const meetingPurpose = 'Managing the risk the person poses to others under MAPPA: the minutes of a MAPP meeting';

async function isRestricted(db: Reader, personId: string, now: Temporal.Instant): Promise<boolean> {
  const entries = await loadEntries(db, personId);
  if (entries.length === 0) throw new NotFound('The person');
  return legalPositionOf(entries, now).output.status.restricted;
}

async function arrangementsOf(db: Reader, personId: string): Promise<ArrangementVersion[]> {
  const rows = await db.selectFrom('mappa_arrangements').selectAll().where('person_id', '=', personId).orderBy('version').execute();
  const versions: ArrangementVersion[] = [];
  for (const row of rows) {
    const version: ArrangementVersion = {
      id: row.id,
      version: row.version,
      category: row.category as MappaCategory,
      level: row.level as MappaLevel,
      leadAgencyId: row.lead_agency_id,
      leadAgencyName: row.lead_agency_name,
      reason: row.reason,
      change: null,
      recordedBy: row.recorded_by_label,
      recordedByAgency: row.recorded_by_agency_name,
      recordedAt: instantFromDatabase(row.recorded_at),
    };
    const previous = versions.at(-1);
    if (previous) version.change = arrangementChange(previous, version);
    versions.push(version);
  }
  return versions.reverse();
}

async function meetingRowsOf(db: Reader, personId: string) {
  return db.selectFrom('mappa_meetings').selectAll().where('person_id', '=', personId).orderBy('held_on', 'desc').orderBy('recorded_at', 'desc').execute();
}

type MeetingRow = Awaited<ReturnType<typeof meetingRowsOf>>[number];

async function agencyNames(db: Reader, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

function summaryOf(row: MeetingRow, names: Map<string, string>): MeetingSummary {
  return {
    id: row.id,
    heldOn: Temporal.PlainDate.from(row.held_on),
    level: row.level as MappaLevel,
    attendingAgencies: row.attending_agency_ids.map((id) => ({ id, name: names.get(id) ?? 'An agency no longer on Accord' })).sort((a, b) => a.name.localeCompare(b.name)),
    recordedBy: row.recorded_by_label,
    recordedByAgency: row.recorded_by_agency_name,
    recordedAt: instantFromDatabase(row.recorded_at),
  };
}

async function agencyKindOf(db: Reader, agencyId: string | null): Promise<string | null> {
  if (agencyId === null) return null;
  const row = await db.selectFrom('agencies').select('kind').where('id', '=', agencyId).executeTakeFirst();
  return row?.kind ?? null;
}

async function sightOf(context: AppContext, restricted: boolean, current: ArrangementVersion | null, meetings: readonly MeetingRow[]): Promise<MappaSight> {
  const { actor } = context;
  return mappaSight(
    { agencyId: actor.agencyId, agencyKind: await agencyKindOf(context.db, actor.agencyId), system: actor.kind === 'system' },
    { restricted, leadAgencyId: current?.leadAgencyId ?? null, meetings: meetings.map((row) => ({ id: row.id, attendingAgencyIds: row.attending_agency_ids })) },
  );
}

// A refusal is audited in its own transaction, so that it stands though nothing else happens.
async function refuse(context: AppContext, personId: string, reason: string): Promise<never> {
  await recordAudit(context, [{ personId, action: 'refused', what: `Refused: ${context.purpose}. ${reason}` }]);
  throw new PolicyDenied(reason, { audited: true });
}

function requireRecorder(context: AppContext): void {
  if (context.actor.kind === 'system' || recordsMappa(context.actor.role)) return;
  throw new PolicyDenied(
    'MAPPA arrangements and meetings are recorded by a police officer, a probation practitioner or senior probation officer, the responsible clinician, the Mental Health Act administrator or a Ministry of Justice caseworker',
  );
}

async function activeAgencies(db: Reader): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('agencies').select(['id', 'name']).where('retired_at', 'is', null).orderBy('name').execute();
}

// The MAPPA page: the arrangement and its history, and the meetings the reader may see.
export async function viewMappa(context: AppContext, personId: string): Promise<MappaView> {
  requirePermission(context.actor, 'person.read');
  await requirePersonAccess(context, personId, { category: 'risk-to-others' });
  const now = context.now();
  const restricted = await isRestricted(context.db, personId, now);
  const history = await arrangementsOf(context.db, personId);
  const current = history[0] ?? null;
  const rows = await meetingRowsOf(context.db, personId);
  // With nothing recorded there is nothing to share: the page says so, and offers to record one.
  const sight: MappaSight = current === null ? { kind: 'all' } : await sightOf(context, restricted, current, rows);
  if (sight.kind === 'none') return refuse(context, personId, mappaRefusal);
  const visible = sight.kind === 'all' ? rows : rows.filter((row) => sight.meetingIds.has(row.id));
  const names = await agencyNames(context.db, visible.flatMap((row) => row.attending_agency_ids));
  await recordAudit(context, [{ personId, action: 'read', what: current === null ? 'Viewed MAPPA information (none recorded)' : `Viewed the MAPPA arrangement and ${visible.length} MAPP ${visible.length === 1 ? 'meeting' : 'meetings'}` }]);
  return {
    personId,
    restricted,
    current,
    history,
    meetings: visible.map((row) => summaryOf(row, names)),
    sight: sight.kind,
    mayRecord: context.actor.kind === 'system' || recordsMappa(context.actor.role),
  };
}

export interface MappaChoices {
  restricted: boolean;
  current: ArrangementVersion | null;
  agencies: { id: string; name: string }[];
}

// What the arrangement and meeting forms offer: the agencies on Accord, the arrangement in force, and
// whether the patient is restricted (so the form can say category 2 is required). Only a recorder who may
// see the MAPPA information (or anyone, before there is any) is shown it.
export async function mappaChoices(context: AppContext, personId: string): Promise<MappaChoices> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'risk-to-others', change: true });
  const restricted = await isRestricted(context.db, personId, context.now());
  const history = await arrangementsOf(context.db, personId);
  const current = history[0] ?? null;
  if (current !== null) {
    const sight = await sightOf(context, restricted, current, await meetingRowsOf(context.db, personId));
    if (sight.kind === 'none') return refuse(context, personId, mappaRefusal);
  }
  return { restricted, current, agencies: await activeAgencies(context.db) };
}

// Records the MAPPA arrangement, or a change to it (level up or down, category, lead agency), as a new
// version: earlier versions stay as they were.
export async function recordArrangement(context: AppContext, personId: string, input: ArrangementInput): Promise<string> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'risk-to-others', change: true });
  requireRecorder(context);
  const now = context.now();
  const restricted = await isRestricted(context.db, personId, now);
  const before = await arrangementsOf(context.db, personId);
  if (before[0] !== undefined) {
    const sight = await sightOf(context, restricted, before[0], await meetingRowsOf(context.db, personId));
    if (sight.kind === 'none') await refuse(context, personId, mappaRefusal);
  }
  return inTransaction(context.db, async (trx) => {
    // One change at a time per person: the versions are numbered in order.
    await trx.selectFrom('people').select('id').where('id', '=', personId).forUpdate().executeTakeFirstOrThrow();
    const current = (await arrangementsOf(trx, personId))[0] ?? null;
    const agencies = await activeAgencies(trx);
    const validated = validateArrangement(input, { restricted, agencyIds: new Set(agencies.map((agency) => agency.id)), current });
    if (!validated.ok) throw new InvalidInput(validated.problems);
    const arrangement = validated.arrangement;
    const leadAgencyName = agencies.find((agency) => agency.id === arrangement.leadAgencyId)!.name;
    const { id } = await trx
      .insertInto('mappa_arrangements')
      .values({
        person_id: personId,
        version: (current?.version ?? 0) + 1,
        category: arrangement.category,
        level: arrangement.level,
        lead_agency_id: arrangement.leadAgencyId,
        lead_agency_name: leadAgencyName,
        reason: arrangement.reason,
        recorded_by: context.actor.userId,
        recorded_by_label: context.actor.label,
        recorded_by_agency_name: context.actor.agencyName,
        recorded_at: instantToDatabase(now),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const what =
      current === null
        ? `Recorded the MAPPA arrangement: category ${arrangement.category}, level ${arrangement.level}, lead agency ${leadAgencyName}`
        : `Changed the MAPPA arrangement: ${arrangementChange(current, { ...arrangement, leadAgencyName })}`;
    await appendAudit(trx, context, [{ personId, action: 'write', what }]);
    return id;
  });
}

// Records a MAPP meeting with its minutes and actions, and the sharing of the minutes with each agency
// that attended. Recorded by the lead agency (or the Ministry for a restricted patient) or by an agency
// that attended; a meeting needs an arrangement to belong to.
export async function recordMeeting(context: AppContext, personId: string, input: MeetingInput): Promise<string> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'risk-to-others', change: true });
  requireRecorder(context);
  const now = context.now();
  const restricted = await isRestricted(context.db, personId, now);
  const current = (await arrangementsOf(context.db, personId))[0] ?? null;
  if (current === null) throw new InvalidInput([{ field: 'arrangement', message: 'Record the MAPPA arrangement (category, level and lead agency) before recording its meetings' }]);
  const agencies = await activeAgencies(context.db);
  const validated = validateMeeting(input, { today: todayInLondon(now), agencyIds: new Set(agencies.map((agency) => agency.id)) });
  if (!validated.ok) throw new InvalidInput(validated.problems);
  const meeting = validated.meeting;
  const sight = await sightOf(context, restricted, current, await meetingRowsOf(context.db, personId));
  const attended = context.actor.agencyId !== null && meeting.attendingAgencyIds.includes(context.actor.agencyId);
  if (sight.kind !== 'all' && !attended) {
    await refuse(context, personId, `Minutes of a MAPP meeting are recorded by the lead agency or an agency that attended it. ${mappaRefusal}`);
  }
  // The agency that holds the minutes and shares them: the recorder's, or the lead agency for Accord itself.
  const fromAgencyId = context.actor.agencyId ?? current.leadAgencyId;
  const fromAgencyName = context.actor.agencyId === null ? current.leadAgencyName : context.actor.agencyName;
  const names = new Map(agencies.map((agency) => [agency.id, agency.name]));
  return inTransaction(context.db, async (trx) => {
    const at = instantToDatabase(now);
    const { id } = await trx
      .insertInto('mappa_meetings')
      .values({
        person_id: personId,
        arrangement_id: current.id,
        held_on: meeting.heldOn.toString(),
        level: meeting.level,
        attending_agency_ids: meeting.attendingAgencyIds,
        minutes: meeting.minutes,
        actions: JSON.stringify(meeting.actions),
        recorded_by: context.actor.userId,
        recorded_by_label: context.actor.label,
        recorded_by_agency_id: fromAgencyId,
        recorded_by_agency_name: fromAgencyName,
        recorded_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const authority = meetingAuthority(current, meeting);
    const recipients = meeting.attendingAgencyIds.filter((agencyId) => agencyId !== fromAgencyId);
    // The minutes are shared with each attending agency under a duty (s325(3)-(4)), not by a decision
    // anyone could refuse, so the proposal-and-approval flow of src/app/sharing/disclosures.ts does not
    // fit. The share is written as that flow's approved row would be, so that the person's "who has seen
    // or been told" pages (the disclosures list and the access report) show it with its basis and
    // authority. It ends the moment it is made (expires_at = decided_at): the minutes were shared at
    // the meeting, and what an attending agency reads of them in Accord is decided by the MAPPA rule
    // above, so the row gives no access to the person's record of its own.
    for (const recipientAgencyId of recipients) {
      await trx
        .insertInto('disclosures')
        .values({
          person_id: personId,
          basis: 'mappa',
          justification: authority,
          consent_id: null,
          purpose: meetingPurpose,
          from_agency_id: fromAgencyId,
          from_agency_name: fromAgencyName,
          recipient_agency_id: recipientAgencyId,
          recipient_team_id: null,
          entry_ids: [],
          identity: true,
          expires_at: at,
          approver_role: context.actor.role ?? 'system',
          proposed_by: context.actor.userId,
          proposed_by_label: context.actor.label,
          proposed_at: at,
          decision: 'approved',
          decided_by: context.actor.userId,
          decided_by_label: context.actor.label,
          decided_at: at,
          decision_note: 'Shared at the MAPP meeting under the duty to co-operate (Criminal Justice Act 2003 s325); recorded as made, with no approval step.',
        })
        .execute();
    }
    await appendAudit(trx, context, [
      { personId, action: 'write', what: `Recorded the minutes of a MAPP meeting held on ${meeting.heldOn.toString()} (level ${meeting.level}), with ${meeting.actions.length} ${meeting.actions.length === 1 ? 'action' : 'actions'}` },
      ...recipients.map((agencyId) => ({
        personId,
        action: 'write' as const,
        what: `Disclosed to ${names.get(agencyId) ?? 'an agency'} on the basis: ${lawfulBases.mappa}. Items: the minutes of the MAPP meeting held on ${meeting.heldOn.toString()}. ${authority}`,
      })),
    ]);
    return id;
  });
}

// One meeting, with its minutes and actions, for the lead agency, the Ministry (restricted patient) or an
// agency that attended it.
export async function viewMeeting(context: AppContext, personId: string, meetingId: string): Promise<MeetingRecord> {
  requirePermission(context.actor, 'person.read');
  await requirePersonAccess(context, personId, { category: 'risk-to-others' });
  if (!isUuid(meetingId)) throw new NotFound('The MAPP meeting');
  const rows = await meetingRowsOf(context.db, personId);
  const row = rows.find((item) => item.id === meetingId);
  if (row === undefined) throw new NotFound('The MAPP meeting');
  const restricted = await isRestricted(context.db, personId, context.now());
  const history = await arrangementsOf(context.db, personId);
  const sight = await sightOf(context, restricted, history[0] ?? null, rows);
  if (sight.kind === 'none' || (sight.kind === 'attended' && !sight.meetingIds.has(meetingId))) await refuse(context, personId, mappaRefusal);
  const arrangement = history.find((version) => version.id === row.arrangement_id)!;
  const names = await agencyNames(context.db, row.attending_agency_ids);
  await recordAudit(context, [{ personId, action: 'read', what: `Viewed the minutes of a MAPP meeting held on ${row.held_on}` }]);
  return { ...summaryOf(row, names), category: arrangement.category, minutes: row.minutes, actions: row.actions };
}
