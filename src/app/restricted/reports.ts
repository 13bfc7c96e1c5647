import type { Transaction } from 'kysely';
import { instantFromDatabase, instantToDatabase, type AccordDatabase } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { deriveLegalRecord, engineInput } from '../../domain/legal/legal-record.ts';
import { roles, type Role } from '../../domain/organisation/roles.ts';
import { derivePersonState, type RecordEntry } from '../../domain/people/person.ts';
import {
  isSupervision,
  londonDateTime as formatDateTime,
  occurrenceStatus,
  occurrenceToMeet,
  overdueOccurrences,
  recommendationLabel,
  reportKinds,
  reportKindKeys,
  reportOccurrences,
  rolesNamingSupervisors,
  sameOccurrence,
  shownOccurrences,
  supervisionOf,
  supervisions,
  validateReport,
  type EngineDeadline,
  type OccurrenceStatus,
  type ReportInput,
  type ReportKind,
  type ReportOccurrence,
  type ReportPosition,
  type Supervision,
} from '../../domain/restricted/reports.ts';
import { evaluate } from '../../domain/law/evaluate.ts';
import { appendAudit, recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound, PolicyDenied } from '../errors.ts';
import { parseEvaluateInput } from '../law/parse-law-input.ts';
import { UnevaluableRecord, legalPositionOf } from '../legal/legal-position.ts';
import { loadEntries } from '../people/record-store.ts';
import { requirePermission } from '../policy.ts';
import { ensureInvolvement } from '../sharing/involvements.ts';
import { personAccess, requirePersonAccess } from '../sharing/person-access.ts';

// Statutory reports on a restricted patient: the schedule the law engine gives (s41(6) while detained; the
// supervisors' reports after conditional discharge), the supervisors named, the reports filed against it,
// and the escalations of reports left overdue (src/app/restricted/report-escalation.ts). Every write is
// audited in its own transaction; every read of a person's reports is audited.

type Reader = AccordDatabase | Transaction<Database>;

export interface ReportSchedule {
  position: ReportPosition;
  occurrences: ReportOccurrence[];
  // Where the patient is placed (the responsible clinician's hospital), for escalating the annual report.
  placementAgencyId: string | null;
}

// The schedule from the person's record as of `now`: the engine is asked as of each event and due date,
// reading only the events up to then.
export function reportScheduleOf(entries: readonly RecordEntry[], now: Temporal.Instant): ReportSchedule {
  const record = deriveLegalRecord(entries);
  const dateOfBirth = derivePersonState(entries).details.dateOfBirth;
  const full = engineInput(record, dateOfBirth, now);
  const timed = full.events.map((event) => ({ event, at: Temporal.Instant.from(event.at) }));
  const deadlinesAt = (asOf: Temporal.Instant): EngineDeadline[] => {
    const parsed = parseEvaluateInput({ ...full, asOf: asOf.toString(), events: timed.filter((item) => Temporal.Instant.compare(item.at, asOf) <= 0).map((item) => item.event) });
    if (!parsed.ok) throw new UnevaluableRecord(parsed.problems);
    return evaluate(parsed.value).deadlines;
  };
  const status = entries.length === 0 || timed.length === 0 ? null : legalPositionOf(entries, now).output.status;
  return {
    position: { restricted: status?.restricted ?? false, provision: status?.provision ?? 'none' },
    occurrences: reportOccurrences(deadlinesAt, timed.map((item) => item.at), now),
    placementAgencyId: record.placement?.agencyId ?? null,
  };
}

export interface FiledReport {
  id: string;
  personId: string;
  kind: ReportKind;
  kindLabel: string;
  due: Temporal.Instant;
  provision: string;
  recommendation: string;
  recommendationLabel: string;
  report: string;
  reasons: string;
  late: boolean;
  filedBy: string;
  filedByUserId: string | null;
  filedByRole: string;
  filedAt: Temporal.Instant;
}

export interface ReportEscalation {
  kind: ReportKind;
  due: Temporal.Instant;
  escalatedAt: Temporal.Instant;
  escalatedTo: string;
}

export interface NamedSupervisor {
  supervision: Supervision;
  label: string;
  userId: string;
  name: string;
  role: Role;
  roleLabel: string;
  agencyId: string;
  agencyName: string;
  namedBy: string;
  namedAt: Temporal.Instant;
  current: boolean;
}

export async function reportsOf(db: Reader, personId: string): Promise<FiledReport[]> {
  const rows = await db.selectFrom('restricted_reports').selectAll().where('person_id', '=', personId).orderBy('filed_at').orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    personId: row.person_id,
    kind: row.kind,
    kindLabel: reportKinds[row.kind].label,
    due: instantFromDatabase(row.due),
    provision: row.provision,
    recommendation: row.recommendation,
    recommendationLabel: recommendationLabel(row.kind, row.recommendation),
    report: row.report,
    reasons: row.reasons,
    late: row.late,
    filedBy: row.filed_by_label,
    filedByUserId: row.filed_by,
    filedByRole: row.filed_by_role,
    filedAt: instantFromDatabase(row.filed_at),
  }));
}

export async function escalationsOf(db: Reader, personId: string): Promise<ReportEscalation[]> {
  const rows = await db.selectFrom('restricted_report_escalations').selectAll().where('person_id', '=', personId).orderBy('escalated_at').execute();
  return rows.map((row) => ({ kind: row.kind, due: instantFromDatabase(row.due), escalatedAt: instantFromDatabase(row.escalated_at), escalatedTo: row.escalated_to_label }));
}

// Every supervisor ever named, latest first; the latest of each role is current.
export async function supervisorsOf(db: Reader, personId: string): Promise<NamedSupervisor[]> {
  const rows = await db.selectFrom('restricted_supervisors').selectAll().where('person_id', '=', personId).orderBy('sequence', 'desc').execute();
  const seen = new Set<string>();
  return rows.map((row) => {
    const current = !seen.has(row.supervision);
    seen.add(row.supervision);
    const role = row.user_role as Role;
    return {
      supervision: row.supervision,
      label: supervisions[row.supervision].label,
      userId: row.user_id,
      name: row.user_label,
      role,
      roleLabel: roles[role] ?? row.user_role,
      agencyId: row.agency_id,
      agencyName: row.agency_name,
      namedBy: row.named_by_label,
      namedAt: instantFromDatabase(row.named_at),
      current,
    };
  });
}

function currentSupervisor(supervisors: readonly NamedSupervisor[], supervision: Supervision): NamedSupervisor | null {
  return supervisors.find((item) => item.current && item.supervision === supervision) ?? null;
}

// Whether the actor may file a report of this kind (whatever is due): the responsible clinician the
// annual report, the named supervisor of each role theirs. Accord itself may not file a report.
function authorRefusal(context: AppContext, kind: ReportKind, supervisors: readonly NamedSupervisor[]): string | null {
  const actor = context.actor;
  if (kind === 'annual') return actor.role === 'responsible-clinician' ? null : 'Only the responsible clinician files the annual report on a restricted patient (s41(6))';
  const supervisor = currentSupervisor(supervisors, supervisionOf(kind)!);
  if (supervisor === null) return `No ${supervisions[supervisionOf(kind)!].label.toLowerCase()} is named for this patient: name one first`;
  return actor.userId !== null && actor.userId === supervisor.userId ? null : `Only the named ${supervisions[supervisionOf(kind)!].label.toLowerCase()} (${supervisor.name}) files this report`;
}

export interface ScheduleRow {
  kind: ReportKind;
  kindLabel: string;
  due: Temporal.Instant;
  provision: string;
  status: OccurrenceStatus;
  report: FiledReport | null;
  escalation: ReportEscalation | null;
}

export interface ReportOffer {
  kind: ReportKind;
  label: string;
  // The due date it would meet, or why it cannot be filed now.
  occurrence: ReportOccurrence | null;
  late: boolean;
  refusal: string | null;
}

export interface ReportsView {
  position: ReportPosition;
  rows: ScheduleRow[];
  supervisors: NamedSupervisor[];
  offers: ReportOffer[];
  mayNameSupervisors: boolean;
}

function scheduleRows(occurrences: readonly ReportOccurrence[], reports: readonly FiledReport[], escalations: readonly ReportEscalation[], now: Temporal.Instant): ScheduleRow[] {
  const rows: ScheduleRow[] = shownOccurrences(occurrences, reports, now).map((occurrence) => {
    const report = reports.find((item) => sameOccurrence(item, occurrence)) ?? null;
    const escalation = escalations.find((item) => sameOccurrence(item, occurrence)) ?? null;
    return { kind: occurrence.kind, kindLabel: reportKinds[occurrence.kind].label, due: occurrence.due, provision: occurrence.provision, status: occurrenceStatus(occurrence, report, escalation !== null, now), report, escalation };
  });
  // A report whose due date the record no longer gives (the legal record was corrected since) is still shown.
  for (const report of reports) {
    if (!occurrences.some((occurrence) => sameOccurrence(report, occurrence))) {
      rows.push({ kind: report.kind, kindLabel: report.kindLabel, due: report.due, provision: report.provision, status: report.late ? 'filed-late' : 'filed-on-time', report, escalation: null });
    }
  }
  return rows.sort((a, b) => Temporal.Instant.compare(a.due, b.due) || reportKindKeys.indexOf(a.kind) - reportKindKeys.indexOf(b.kind));
}

function offersFor(context: AppContext, schedule: ReportSchedule, reports: readonly FiledReport[], supervisors: readonly NamedSupervisor[], now: Temporal.Instant): ReportOffer[] {
  return reportKindKeys.map((kind) => {
    const label = reportKinds[kind].label;
    const target = occurrenceToMeet(kind, schedule.occurrences, reports, schedule.position, now, formatDateTime);
    const refusal = target.ok ? authorRefusal(context, kind, supervisors) : target.message;
    return { kind, label, occurrence: target.ok ? target.occurrence : null, late: target.ok && target.late, refusal };
  });
}

async function loadSchedule(db: Reader, personId: string, now: Temporal.Instant): Promise<ReportSchedule> {
  const entries = await loadEntries(db, personId);
  if (entries.length === 0) throw new NotFound('The person');
  return reportScheduleOf(entries, now);
}

export async function viewReports(context: AppContext, personId: string): Promise<ReportsView> {
  requirePermission(context.actor, 'person.read');
  await requirePersonAccess(context, personId, { category: 'legal-status' });
  const now = context.now();
  const schedule = await loadSchedule(context.db, personId, now);
  const [reports, escalations, supervisors] = await Promise.all([reportsOf(context.db, personId), escalationsOf(context.db, personId), supervisorsOf(context.db, personId)]);
  await recordAudit(context, [{ personId, action: 'read', what: 'Viewed the statutory reports on a restricted patient and the supervisors named' }]);
  return {
    position: schedule.position,
    rows: scheduleRows(schedule.occurrences, reports, escalations, now),
    supervisors,
    offers: offersFor(context, schedule, reports, supervisors, now),
    mayNameSupervisors: schedule.position.restricted && (context.actor.kind === 'system' || (context.actor.role !== null && rolesNamingSupervisors.includes(context.actor.role))),
  };
}

// What the actor could file now, kind by kind, each with the due date it meets or why not: for the form.
export async function reportOffers(context: AppContext, personId: string): Promise<ReportOffer[]> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'legal-status', change: true });
  const now = context.now();
  const schedule = await loadSchedule(context.db, personId, now);
  const [reports, supervisors] = await Promise.all([reportsOf(context.db, personId), supervisorsOf(context.db, personId)]);
  return offersFor(context, schedule, reports, supervisors, now);
}

// Files a report: it meets the earliest due date of its kind not yet met, if that is overdue or the next
// one due, and is recorded as late if filed after it. Anything else is refused, saying why.
export async function fileReport(context: AppContext, personId: string, input: ReportInput): Promise<string> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'legal-status', change: true });
  const validated = validateReport(input);
  if (!validated.ok) throw new InvalidInput(validated.problems);
  const { kind } = validated.report;
  return inTransaction(context.db, async (trx) => {
    // One filing at a time for a person, so that two reports cannot both claim the same due date.
    await trx.selectFrom('people').select('id').where('id', '=', personId).forUpdate().executeTakeFirst();
    const now = context.now();
    const schedule = await loadSchedule(trx, personId, now);
    const reports = await reportsOf(trx, personId);
    const target = occurrenceToMeet(kind, schedule.occurrences, reports, schedule.position, now, formatDateTime);
    if (!target.ok) throw new InvalidInput([{ field: 'kind', message: target.message }]);
    const refusal = authorRefusal(context, kind, await supervisorsOf(trx, personId));
    if (refusal !== null) throw new PolicyDenied(refusal);
    const { id } = await trx
      .insertInto('restricted_reports')
      .values({
        person_id: personId,
        kind,
        due: instantToDatabase(target.occurrence.due),
        provision: target.occurrence.provision,
        recommendation: validated.report.recommendation,
        report: validated.report.report,
        reasons: validated.report.reasons,
        late: target.late,
        filed_by: context.actor.userId,
        filed_by_label: context.actor.label,
        filed_by_role: context.actor.role ?? 'system',
        filed_at: instantToDatabase(now),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, context, [{ personId, action: 'write', what: `Filed the ${reportKinds[kind].label.toLowerCase()} due ${formatDateTime(target.occurrence.due)}${target.late ? ', late' : ''} (${target.occurrence.provision})` }]);
    return id;
  });
}

export interface ReportView {
  report: FiledReport;
  // Whether the report's text and reasons are shown: they are clinical, so staff whose policy does not
  // show clinical information see that a report was filed, and its recommendation, but not the text;
  // the author always sees their own report.
  textShown: boolean;
}

export async function viewReport(context: AppContext, personId: string, reportId: string): Promise<ReportView> {
  requirePermission(context.actor, 'person.read');
  const access = await requirePersonAccess(context, personId, { category: 'legal-status' });
  const report = (await reportsOf(context.db, personId)).find((item) => item.id === reportId);
  if (report === undefined) throw new NotFound('The report');
  const textShown = access.system || access.categories.has('clinical') || (context.actor.userId !== null && report.filedByUserId === context.actor.userId);
  await recordAudit(context, [{ personId, action: 'read', what: `Read the ${report.kindLabel.toLowerCase()} due ${formatDateTime(report.due)}${textShown ? '' : ' (without its clinical text)'}` }]);
  return { report, textShown };
}

export interface SupervisorChoice {
  userId: string;
  name: string;
  role: Role;
  agencyId: string;
  agencyName: string;
}

// Staff of the agencies now involved with the person who hold a role that may supervise.
export async function supervisorChoices(context: AppContext, personId: string): Promise<Record<Supervision, SupervisorChoice[]>> {
  await requirePersonAccess(context, personId, { category: 'legal-status', change: true });
  return choicesFor(context.db, personId, context.now());
}

async function choicesFor(db: Reader, personId: string, now: Temporal.Instant): Promise<Record<Supervision, SupervisorChoice[]>> {
  const at = now.toString();
  const rows = await db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.display_name', 'users.role', 'users.agency_id', 'agencies.name as agency_name'])
    .where('users.disabled_at', 'is', null)
    .where('agencies.retired_at', 'is', null)
    .where('users.role', 'in', [...supervisions.clinical.roles, ...supervisions.social.roles])
    .where('users.agency_id', 'in', (sub) =>
      sub
        .selectFrom('involvements')
        .select('involvements.agency_id')
        .where('involvements.person_id', '=', personId)
        .where('involvements.starts_at', '<=', at)
        .where((where) => where.or([where('involvements.ends_at', 'is', null), where('involvements.ends_at', '>', at)])),
    )
    .orderBy('agencies.name')
    .orderBy('users.display_name')
    .execute();
  const choices = rows.map((row) => ({ userId: row.id, name: row.display_name, role: row.role as Role, agencyId: row.agency_id, agencyName: row.agency_name }));
  return {
    clinical: choices.filter((choice) => (supervisions.clinical.roles as readonly Role[]).includes(choice.role)),
    social: choices.filter((choice) => (supervisions.social.roles as readonly Role[]).includes(choice.role)),
  };
}

export function refusalToNameSupervisors(context: AppContext): string | null {
  if (context.actor.kind === 'system') return null;
  if (context.actor.role !== null && rolesNamingSupervisors.includes(context.actor.role)) return null;
  return 'Supervisors are named by a Ministry of Justice caseworker, the responsible clinician or the Mental Health Act office';
}

export interface SupervisorInput {
  supervision?: string;
  userId?: string;
}

// Names the clinical or the social supervisor of a restricted patient; naming again replaces the current
// one and keeps the history. The supervisor becomes involved with the person, so they can open the record.
export async function nameSupervisor(context: AppContext, personId: string, input: SupervisorInput): Promise<void> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'legal-status', change: true });
  const refusal = refusalToNameSupervisors(context);
  if (refusal !== null) throw new PolicyDenied(refusal);
  if (!isSupervision(input.supervision)) throw new InvalidInput([{ field: 'supervision', message: 'Select clinical or social supervisor' }]);
  const supervision = input.supervision;
  await inTransaction(context.db, async (trx) => {
    const now = context.now();
    const schedule = await loadSchedule(trx, personId, now);
    if (!schedule.position.restricted) {
      throw new InvalidInput([{ field: 'supervision', message: 'This patient is not restricted (no restriction order under s41 is in force), so no supervisors are named for a conditional discharge (s42(2))' }]);
    }
    const choice = (await choicesFor(trx, personId, now))[supervision].find((item) => item.userId === input.userId);
    if (choice === undefined) {
      const who = supervisions[supervision].roles.map((role) => roles[role].toLowerCase()).join(' or ');
      throw new InvalidInput([{ field: 'userId', message: `Select the ${supervisions[supervision].label.toLowerCase()}: a ${who} of an agency involved with the person` }]);
    }
    await trx
      .insertInto('restricted_supervisors')
      .values({
        person_id: personId,
        supervision,
        user_id: choice.userId,
        user_label: choice.name,
        user_role: choice.role,
        agency_id: choice.agencyId,
        agency_name: choice.agencyName,
        named_by: context.actor.userId,
        named_by_label: context.actor.label,
        named_at: instantToDatabase(now),
      })
      .execute();
    await ensureInvolvement(trx, context, personId, { agencyId: choice.agencyId, teamId: null, userId: choice.userId }, `Named ${supervisions[supervision].label.toLowerCase()} of a conditionally discharged restricted patient`);
    await appendAudit(trx, context, [{ personId, action: 'write', what: `Named ${choice.name} (${choice.agencyName}) as ${supervisions[supervision].label.toLowerCase()}` }]);
  });
}

// For the Ministry of Justice's view of its restricted patients.
export interface OverdueReport {
  kind: 'annual' | 'clinical-supervisor' | 'social-supervisor';
  label: string;
  due: Temporal.Instant;
  provision: string;
  escalatedAt: Temporal.Instant | null;
}

// The reports overdue now for each person given (people with none are left out of the map). Reads the
// record and writes no audit: the caller records what it shows.
export async function overdueReports(db: AccordDatabase | Transaction<Database>, personIds: readonly string[], now: Temporal.Instant): Promise<Map<string, OverdueReport[]>> {
  const result = new Map<string, OverdueReport[]>();
  for (const personId of new Set(personIds)) {
    const entries = await loadEntries(db, personId);
    if (entries.length === 0) continue;
    const schedule = reportScheduleOf(entries, now);
    if (schedule.occurrences.length === 0) continue;
    const [reports, escalations] = await Promise.all([reportsOf(db, personId), escalationsOf(db, personId)]);
    const overdue = overdueOccurrences(schedule.occurrences, reports.map((report) => ({ kind: report.kind, due: report.due, filedAt: report.filedAt })), now).map((occurrence) => ({
      kind: occurrence.kind,
      label: reportKinds[occurrence.kind].label,
      due: occurrence.due,
      provision: occurrence.provision,
      escalatedAt: escalations.find((item) => sameOccurrence(item, occurrence))?.escalatedAt ?? null,
    }));
    if (overdue.length > 0) result.set(personId, overdue);
  }
  return result;
}

// Whether the actor sees clinical information of this person (for the list page's link wording).
export async function seesClinical(context: AppContext, personId: string): Promise<boolean> {
  const access = await personAccess(context, personId);
  return access.system || access.categories.has('clinical');
}
