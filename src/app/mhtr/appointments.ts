import { inTransaction } from '../../db/transaction.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { appointmentRoles, appointmentStages, bookingStartsSupervision, caseState } from '../../domain/mhtr/pathway.ts';
import { mhtrStages, type MhtrStage } from '../../domain/mhtr/stages.ts';
import { roles } from '../../domain/organisation/roles.ts';
import {
  appointmentKinds,
  attendanceOutcomes,
  checkAppointment,
  checkAttendance,
  type AppointmentInput,
  type AppointmentKind,
  type AttendanceInput,
  type AttendanceOutcome,
} from '../../domain/mhtr/supervision.ts';
import { toLondonOffsetDateTime } from '../../domain/london-time.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound, PolicyDenied } from '../errors.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';
import { appendStep, loadCaseRow, loadSteps, recordedSteps, unwrap } from './case-store.ts';

// Appointments under the order: probation's supervision appointments and the provider's treatment
// appointments. Attendance at both is part of complying with the order, so it is 'offending' information
// that probation sees; what happens in treatment is the provider's (recordEngagement). An outcome is
// written once onto its appointment and never changed.

function requireAppointmentRole(context: AppContext, kind: AppointmentKind): void {
  if (context.actor.kind === 'system') return;
  const allowed: readonly string[] = appointmentRoles[kind];
  if (context.actor.role !== null && allowed.includes(context.actor.role)) return;
  const who = appointmentRoles[kind].map((role) => roles[role].toLowerCase());
  throw new PolicyDenied(`${appointmentKinds[kind]}s are recorded by a ${who.slice(0, -1).join(', ')}${who.length > 1 ? ' or ' : ''}${who.at(-1)}`);
}

export async function bookAppointment(context: AppContext, caseId: string, input: AppointmentInput): Promise<{ appointmentId: string }> {
  const found = await loadCaseRow(context.db, caseId);
  await requirePersonAccess(context, found.person_id, { category: 'offending', change: true });
  const appointment = unwrap(checkAppointment(input));
  requireAppointmentRole(context, appointment.kind);
  return inTransaction(context.db, async (trx) => {
    const row = await trx.selectFrom('mhtr_cases').selectAll().where('id', '=', caseId).forUpdate().executeTakeFirstOrThrow();
    const stage = row.stage as MhtrStage;
    if (!appointmentStages.includes(stage)) {
      throw new InvalidInput([{ field: 'stage', message: `Appointments are booked once the case is allocated and until the order ends: the case is at the stage “${mhtrStages[stage].toLowerCase()}”` }]);
    }
    const now = context.now().toString();
    const inserted = await trx
      .insertInto('mhtr_appointments')
      .values({
        case_id: caseId,
        person_id: row.person_id,
        kind: appointment.kind,
        starts_at: appointment.startsAt.toString(),
        place: appointment.place,
        with_whom: appointment.withWhom,
        booked_by: context.actor.userId,
        booked_by_label: context.actor.label,
        booked_by_agency_id: context.actor.agencyId,
        booked_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const what = `booked a ${appointmentKinds[appointment.kind].toLowerCase()} for ${toLondonOffsetDateTime(appointment.startsAt)} at ${appointment.place}`;
    if (bookingStartsSupervision(stage)) {
      // The stage history is read from the steps, so the move to supervision is a step too.
      const state = caseState(recordedSteps(await loadSteps(trx, caseId)));
      await appendStep(trx, context, row, state, { kind: 'supervision-started', value: { firstAppointmentAt: appointment.startsAt.toString() } }, what);
    } else {
      await appendAudit(trx, context, [{ personId: row.person_id, action: 'write', what: `Mental health treatment requirement pathway: ${what}.` }]);
    }
    return { appointmentId: inserted.id };
  });
}

// Records what happened at an appointment, once: a second outcome is refused, saying what the first was
// and who recorded it.
export async function recordAttendance(context: AppContext, appointmentId: string, input: AttendanceInput): Promise<void> {
  if (!isUuid(appointmentId)) throw new NotFound('The appointment');
  const found = await context.db.selectFrom('mhtr_appointments').select(['id', 'person_id', 'kind']).where('id', '=', appointmentId).executeTakeFirst();
  if (!found) throw new NotFound('The appointment');
  await requirePersonAccess(context, found.person_id, { category: 'offending', change: true });
  requireAppointmentRole(context, found.kind as AppointmentKind);
  await inTransaction(context.db, async (trx) => {
    const row = await trx.selectFrom('mhtr_appointments').selectAll().where('id', '=', appointmentId).forUpdate().executeTakeFirstOrThrow();
    const now = context.now();
    const attendance = unwrap(
      checkAttendance(
        {
          startsAt: Temporal.Instant.from(row.starts_at),
          outcome: row.outcome as AttendanceOutcome | null,
          outcomeRecordedBy: row.outcome_recorded_by_label,
          outcomeRecordedAt: row.outcome_recorded_at === null ? null : Temporal.Instant.from(row.outcome_recorded_at),
        },
        input,
        now,
      ),
    );
    // `outcome is null` in the update too: the outcome is written once even if two people record at once.
    const updated = await trx
      .updateTable('mhtr_appointments')
      .set({ outcome: attendance.outcome, outcome_note: attendance.note, outcome_recorded_by: context.actor.userId, outcome_recorded_by_label: context.actor.label, outcome_recorded_at: now.toString() })
      .where('id', '=', appointmentId)
      .where('outcome', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new InvalidInput([{ field: 'outcome', message: 'The outcome of this appointment was already recorded: an appointment’s outcome cannot be recorded twice' }]);
    await appendAudit(trx, context, [
      {
        personId: row.person_id,
        action: 'write',
        what: `Mental health treatment requirement pathway: recorded the ${appointmentKinds[row.kind as AppointmentKind].toLowerCase()} of ${toLondonOffsetDateTime(Temporal.Instant.from(row.starts_at))} as ${attendanceOutcomes[attendance.outcome].toLowerCase()}`,
      },
    ]);
  });
}
