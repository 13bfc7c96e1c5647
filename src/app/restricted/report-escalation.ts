import { instantToDatabase } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { londonDateTime, overdueOccurrences, reportKinds, supervisionOf, supervisions } from '../../domain/restricted/reports.ts';
import { roles } from '../../domain/organisation/roles.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { PolicyDenied } from '../errors.ts';
import { loadEntries } from '../people/record-store.ts';
import { reportScheduleOf, reportsOf, supervisorsOf } from './reports.ts';

// A statutory report on a restricted patient left past its due date is escalated once: to the Ministry of
// Justice's casework team involved with the patient (who act for the Secretary of State, to whom the report
// is owed) and to whoever owes it: the named supervisor, or for the annual report (s41(6)) the responsible
// clinicians of the hospital where the patient is placed. The escalation is written with when and to whom,
// a notification queued for each recipient, and the escalation audited. Running it again, or twice at
// once, escalates nothing more: the escalation row is unique to its due date, and a sweep that finds it
// already written (or waits on the one being written) queues nothing.
//
// Run by the sweep (src/app/deadlines/sweep.ts), as Accord itself.

interface Recipient {
  agencyId: string;
  role: string;
  name: string | null;
  describe: string;
}

export async function escalateOverdueReports(context: AppContext): Promise<number> {
  if (context.actor.kind !== 'system') throw new PolicyDenied('Overdue reports on restricted patients are escalated by Accord’s scheduled sweep.');
  const now = context.now();
  const at = instantToDatabase(now);
  // Restricted patients, as the legal projection last saw them; each is read afresh below.
  const people = await context.db.selectFrom('legal_status').select('person_id').where('restricted', '=', true).orderBy('person_id').execute();
  let escalated = 0;
  for (const { person_id: personId } of people) {
    const entries = await loadEntries(context.db, personId);
    const schedule = reportScheduleOf(entries, now);
    const reports = await reportsOf(context.db, personId);
    const overdue = overdueOccurrences(schedule.occurrences, reports.map((report) => ({ kind: report.kind, due: report.due, filedAt: report.filedAt })), now);
    if (overdue.length === 0) continue;
    for (const occurrence of overdue) {
      const done = await inTransaction(context.db, async (trx) => {
        // A report filed meanwhile needs no escalation.
        const filed = await trx.selectFrom('restricted_reports').select('id').where('person_id', '=', personId).where('kind', '=', occurrence.kind).where('due', '=', instantToDatabase(occurrence.due)).executeTakeFirst();
        if (filed) return false;
        const recipients: Recipient[] = [];
        const casework = await trx
          .selectFrom('involvements')
          .innerJoin('agencies', 'agencies.id', 'involvements.agency_id')
          .select(['agencies.id', 'agencies.name'])
          .distinct()
          .where('involvements.person_id', '=', personId)
          .where('agencies.kind', '=', 'moj-casework')
          .where('agencies.retired_at', 'is', null)
          .where('involvements.starts_at', '<=', at)
          .where((where) => where.or([where('involvements.ends_at', 'is', null), where('involvements.ends_at', '>', at)]))
          .orderBy('agencies.name')
          .execute();
        for (const agency of casework) recipients.push({ agencyId: agency.id, role: 'moj-caseworker', name: null, describe: `${agency.name} (${roles['moj-caseworker'].toLowerCase()}s)` });
        const supervision = supervisionOf(occurrence.kind);
        if (supervision !== null) {
          const supervisor = (await supervisorsOf(trx, personId)).find((item) => item.current && item.supervision === supervision);
          if (supervisor) recipients.push({ agencyId: supervisor.agencyId, role: supervisor.role, name: supervisor.name, describe: `${supervisor.name}, ${supervisions[supervision].label.toLowerCase()} (${supervisor.agencyName})` });
        } else if (schedule.placementAgencyId !== null) {
          const hospital = await trx.selectFrom('agencies').select(['id', 'name']).where('id', '=', schedule.placementAgencyId).executeTakeFirst();
          if (hospital) recipients.push({ agencyId: hospital.id, role: 'responsible-clinician', name: null, describe: `${hospital.name} (${roles['responsible-clinician'].toLowerCase()}s)` });
        }
        const to = recipients.length > 0 ? recipients.map((recipient) => recipient.describe).join('; ') : 'no one: no casework team or supervisor is involved';
        const inserted = await trx
          .insertInto('restricted_report_escalations')
          .values({ person_id: personId, kind: occurrence.kind, due: instantToDatabase(occurrence.due), provision: occurrence.provision, escalated_at: at, escalated_to_label: to })
          .onConflict((conflict) => conflict.columns(['person_id', 'kind', 'due']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (inserted === undefined) return false;
        const label = reportKinds[occurrence.kind].label;
        const overdueText = `${label} was due ${londonDateTime(occurrence.due)} (${occurrence.provision})`;
        for (const recipient of recipients) {
          await trx
            .insertInto('notifications')
            .values({
              created_at: at,
              agency_id: recipient.agencyId,
              role: recipient.role,
              task_id: null,
              subject: `Overdue report on a restricted patient: ${label.toLowerCase()}`,
              // The notification does not name the person: it may go by email through an outside service.
              body: `A statutory report on a restricted patient is overdue: the ${overdueText.charAt(0).toLowerCase()}${overdueText.slice(1)}. No report has been filed in Accord. Sign in to Accord and open the patient's reports to see it.`,
              channel: 'app',
              recipient: recipient.name,
              status: 'queued',
            })
            .execute();
        }
        await appendAudit(trx, context, [{ personId, action: 'write', what: `Escalated an overdue report to ${to}: ${overdueText}` }]);
        return true;
      });
      if (done) escalated += 1;
    }
  }
  return escalated;
}
