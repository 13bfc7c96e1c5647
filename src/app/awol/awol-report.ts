import type { Selectable } from 'kysely';
import { inTransaction } from '../../db/transaction.ts';
import type { AwolReportTable } from '../../db/schema.ts';
import { appendAudit, recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound, type FieldProblem } from '../errors.ts';
import { legalPositionOf, type LegalPosition } from '../legal/legal-position.ts';
import { recordLegalEvent, refuseFuture } from '../legal/record-legal.ts';
import { loadEntries } from '../people/record-store.ts';
import { requirePermission } from '../policy.ts';
import { ensureAgencyInvolvement } from '../sharing/involvements.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';

// A hospital reports a patient absent without leave to a police force. Raising the report makes the force
// involved with the person (docs/adr/0013-place-of-safety-and-awol.md), so the police read it, and the
// legal status beside it, under the ordinary sharing rules rather than as a disclosure. Whether the patient
// may be taken into custody and returned under s18, and until when, is the law engine's answer from the
// 'awol-began' event, which the report records if it is not recorded already.

export type AwolReportRow = Selectable<AwolReportTable>;

export const awolInvolvementReason = 'Absent without leave: reported to the police';

export interface NewAwolReport {
  policeAgencyId: string;
  missingSince: string;
  risk: string;
  request: string;
}

function required(problems: FieldProblem[], field: string, value: string, message: string): string {
  const trimmed = value.trim();
  if (trimmed === '') problems.push({ field, message });
  else if (trimmed.length > 2000) problems.push({ field, message: `${message.replace(/^Enter /, 'Shorten ')}: 2000 characters or fewer` });
  return trimmed;
}

export async function policeForces(context: AppContext): Promise<{ id: string; name: string }[]> {
  return context.db.selectFrom('agencies').select(['id', 'name']).where('kind', '=', 'police-force').where('retired_at', 'is', null).orderBy('name').execute();
}

export async function reportAwol(context: AppContext, personId: string, expectedVersion: number, input: NewAwolReport): Promise<string> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'legal-status', change: true });
  const problems: FieldProblem[] = [];
  const risk = required(problems, 'risk', input.risk, 'Enter the risk the patient poses to themselves or others');
  const request = required(problems, 'request', input.request, 'Enter what the hospital asks the police to do');
  const force = (await policeForces(context)).find((candidate) => candidate.id === input.policeAgencyId);
  if (!force) problems.push({ field: 'policeAgencyId', message: 'Choose the police force the report is made to' });
  if (problems.length > 0 || !force) throw new InvalidInput(problems);
  refuseFuture(context, 'missingSince', input.missingSince, 'The time the patient went missing');

  return inTransaction(context.db, async (trx) => {
    const inTrx = { ...context, db: trx };
    const entries = await loadEntries(trx, personId);
    if (entries.length === 0) throw new NotFound('The person');
    let beganEntryId: string | null = null;
    if (!legalPositionOf(entries, context.now()).output.status.awol) {
      // s18: the engine refuses an absence for a patient who is not liable to be detained.
      const written = await recordLegalEvent(inTrx, personId, expectedVersion, { event: { type: 'awol-began', at: input.missingSince }, placement: null, documentId: null, note: `Reported to ${force.name}` }, 'Recorded that a patient is absent without leave');
      beganEntryId = written.entryId;
    }
    const row = await trx
      .insertInto('awol_reports')
      .values({
        person_id: personId,
        hospital_agency_id: context.actor.agencyId,
        hospital_agency_name: context.actor.agencyName,
        police_agency_id: force.id,
        police_agency_name: force.name,
        missing_since: input.missingSince,
        risk,
        request,
        began_entry_id: beganEntryId,
        reported_by: context.actor.userId,
        reported_by_label: context.actor.label,
        reported_at: context.now().toString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ensureAgencyInvolvement(trx, context, personId, force.id, awolInvolvementReason);
    await appendAudit(trx, context, [{ personId, action: 'write', what: `Reported a patient absent without leave to ${force.name}` }]);
    return row.id;
  });
}

async function findReport(db: AppContext['db'], personId: string, reportId: string): Promise<AwolReportRow> {
  const row = await db.selectFrom('awol_reports').selectAll().where('id', '=', reportId).where('person_id', '=', personId).executeTakeFirst();
  if (!row) throw new NotFound('The report of absence without leave');
  return row;
}

export interface AwolReportView {
  report: AwolReportRow;
  position: LegalPosition;
  version: number;
}

export async function viewAwolReport(context: AppContext, personId: string, reportId: string): Promise<AwolReportView> {
  requirePermission(context.actor, 'person.read');
  await requirePersonAccess(context, personId, { category: 'legal-status' });
  const report = await findReport(context.db, personId, reportId);
  const position = legalPositionOf(await loadEntries(context.db, personId), context.now());
  const person = await context.db.selectFrom('people').select('version').where('id', '=', personId).executeTakeFirstOrThrow();
  await recordAudit(context, [{ personId, action: 'read', what: 'Viewed a report of absence without leave' }]);
  return { report, position, version: person.version };
}

export async function recordAwolReturn(context: AppContext, personId: string, reportId: string, expectedVersion: number, returnedAt: string): Promise<void> {
  refuseFuture(context, 'returnedAt', returnedAt, 'The time of return');
  await inTransaction(context.db, async (trx) => {
    const report = await findReport(trx, personId, reportId);
    if (report.returned_at !== null) throw new InvalidInput([{ field: 'returnedAt', message: 'The return is already recorded' }]);
    if (Temporal.Instant.compare(Temporal.Instant.from(returnedAt), Temporal.Instant.from(report.missing_since)) < 0) {
      throw new InvalidInput([{ field: 'returnedAt', message: 'The time of return must be after the patient went missing' }]);
    }
    const { entryId } = await recordLegalEvent({ ...context, db: trx }, personId, expectedVersion, { event: { type: 'awol-returned', at: returnedAt }, placement: null, documentId: null, note: null }, 'Recorded the return of a patient absent without leave');
    await trx
      .updateTable('awol_reports')
      .set({ returned_at: returnedAt, returned_entry_id: entryId, returned_recorded_by_label: context.actor.label, returned_recorded_at: context.now().toString() })
      .where('id', '=', reportId)
      .execute();
  });
}
