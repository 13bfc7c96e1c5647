import type { DeadlineKind, EvaluateOutput } from '../../domain/law/contract.ts';
import type { RecordCategory } from '../../domain/record/categories.ts';
import { derivePersonState, displayName } from '../../domain/people/person.ts';
import { instantFromDatabase } from '../../db/database.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { NotFound, PolicyDenied } from '../errors.ts';
import { auditShownPeople } from '../deadlines/shown-audit.ts';
import { legalPositionOf } from '../legal/legal-position.ts';
import { loadEntries } from '../people/record-store.ts';
import { requirePermission } from '../policy.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';
import { overdueReports, type OverdueReport } from './reports.ts';
import { listRequests, type SosRequest } from './requests.ts';

// The restricted patient's casework in one place, for the hospital and the Ministry of Justice alike: what
// the law engine says of the patient's position, the clocks that belong to a restricted patient, and the
// requests to the Secretary of State. And the Ministry's view across hospitals.

// The engine's deadlines that belong to restricted-patient casework: reports to the Secretary of State
// (s41(6); the supervisors' after conditional discharge), the Secretary of State's own references to the
// tribunal (s71(2), s75(1)) and the patient's tribunal windows (s70, s75(2)).
export const caseworkDeadlineKinds: readonly DeadlineKind[] = ['annual-report-due', 'supervisor-report-due', 'sos-reference-due', 'tribunal-window-opens', 'tribunal-window-closes', 'authority-ends', 'awol-retaking-ends'];

export interface RestrictedCase {
  personName: string;
  status: EvaluateOutput['status'];
  deadlines: EvaluateOutput['deadlines'];
  // References the engine shows as due that were recorded as made, so not shown as outstanding.
  metReferences: { provision: string; due: Temporal.Instant; madeAt: string }[];
  requests: SosRequest[];
  // The categories of the record the actor sees in full, so that the page offers only what they may open.
  categories: ReadonlySet<RecordCategory>;
}

export async function viewRestrictedCase(context: AppContext, personId: string): Promise<RestrictedCase> {
  requirePermission(context.actor, 'person.read');
  const access = await requirePersonAccess(context, personId, { category: 'legal-status' });
  const entries = await loadEntries(context.db, personId);
  if (entries.length === 0) throw new NotFound('The person');
  const position = legalPositionOf(entries, context.now());
  const requests = await listRequests(context, personId);
  await recordAudit(context, [{ personId, action: 'read', what: 'Viewed the restricted patient’s casework: legal position and deadlines' }]);
  return {
    personName: access.categories.has('identity') ? displayName(derivePersonState(entries).details) : 'This patient',
    status: position.output.status,
    deadlines: position.output.deadlines.filter((deadline) => caseworkDeadlineKinds.includes(deadline.kind)),
    metReferences: position.met.map((met) => ({ provision: met.provision, due: met.due, madeAt: met.madeAt })),
    requests,
    categories: access.categories,
  };
}

// The Ministry of Justice's view: every restricted patient its casework agency is involved with, in every
// hospital, with what is waiting on either side.

export const recentRecallDays = 90;

export interface CaseloadRow {
  personId: string;
  name: string;
  provision: string;
  hospital: string | null;
  pendingRequests: { id: string; kind: string; submittedAt: Temporal.Instant }[];
  overdueReports: OverdueReport[];
  // Returns to hospital on recall (s42(3)) within the last recentRecallDays days.
  recentRecalls: Temporal.Instant[];
  // The Secretary of State's next reference to the tribunal, as the engine shows it (s71(2) or s75(1)).
  referenceDue: { due: Temporal.Instant; provision: string; passed: boolean } | null;
}

export interface Caseload {
  rows: CaseloadRow[];
  totals: { patients: number; pendingRequests: number; overdueReports: number; recentRecalls: number };
}

export type CaseloadFilter = 'all' | 'pending-requests' | 'overdue-reports' | 'recent-recalls';

export async function restrictedCaseload(context: AppContext, filter: CaseloadFilter = 'all'): Promise<Caseload> {
  requirePermission(context.actor, 'restricted.oversee');
  if (context.actor.agencyId === null) {
    throw new PolicyDenied('Only Ministry of Justice caseworkers see restricted patients across hospitals');
  }
  const now = context.now();
  const at = now.toString();
  const agencyId = context.actor.agencyId;
  const people = await context.db
    .selectFrom('legal_status')
    .innerJoin('people', 'people.id', 'legal_status.person_id')
    .leftJoin('agencies', 'agencies.id', 'legal_status.agency_id')
    .select(['legal_status.person_id', 'legal_status.provision', 'agencies.name as hospital', 'people.given_names', 'people.family_name', 'people.preferred_name'])
    .where('legal_status.restricted', '=', true)
    .where((where) =>
      where.exists(
        where
          .selectFrom('involvements')
          .select('involvements.id')
          .whereRef('involvements.person_id', '=', 'legal_status.person_id')
          .where('involvements.agency_id', '=', agencyId)
          .where('involvements.starts_at', '<=', at)
          .where((inner) => inner.or([inner('involvements.ends_at', 'is', null), inner('involvements.ends_at', '>', at)])),
      ),
    )
    .orderBy('people.family_name')
    .orderBy('people.given_names')
    .orderBy('people.id')
    .execute();
  const personIds = people.map((person) => person.person_id);
  const pending = personIds.length === 0 ? [] : await context.db
    .selectFrom('sos_requests')
    .select(['id', 'person_id', 'kind', 'submitted_at'])
    .where('person_id', 'in', personIds)
    .where('decision', 'is', null)
    .where('withdrawn_at', 'is', null)
    .orderBy('submitted_at')
    .execute();
  const overdue = await overdueReports(context.db, personIds, now);
  const since = now.subtract({ hours: 24 * recentRecallDays });
  const rows: CaseloadRow[] = [];
  for (const person of people) {
    const entries = await loadEntries(context.db, person.person_id);
    const position = legalPositionOf(entries, now);
    // Returns on recall as the legal record holds them (events withdrawn as entered in error are left out).
    const recentRecalls = position.record.events.flatMap((recorded) => {
      if (recorded.event.type !== 'recalled') return [];
      const returned = Temporal.Instant.from(recorded.event.at);
      return Temporal.Instant.compare(returned, since) >= 0 ? [returned] : [];
    });
    const met = new Set(position.met.map((reference) => `${reference.provision}|${reference.due.toString()}`));
    const reference = position.output.deadlines.find((deadline) => deadline.kind === 'sos-reference-due' && !met.has(`${deadline.provision}|${deadline.due.toString()}`));
    rows.push({
      personId: person.person_id,
      name: displayName({ givenNames: person.given_names, familyName: person.family_name, preferredName: person.preferred_name }),
      provision: person.provision,
      hospital: person.hospital,
      pendingRequests: pending.filter((request) => request.person_id === person.person_id).map((request) => ({ id: request.id, kind: request.kind, submittedAt: instantFromDatabase(request.submitted_at) })),
      overdueReports: overdue.get(person.person_id) ?? [],
      recentRecalls,
      referenceDue: reference ? { due: reference.due, provision: reference.provision, passed: reference.passed } : null,
    });
  }
  const totals = {
    patients: rows.length,
    pendingRequests: rows.reduce((sum, row) => sum + row.pendingRequests.length, 0),
    overdueReports: rows.reduce((sum, row) => sum + row.overdueReports.length, 0),
    recentRecalls: rows.filter((row) => row.recentRecalls.length > 0).length,
  };
  const shown = rows.filter((row) =>
    filter === 'pending-requests' ? row.pendingRequests.length > 0 : filter === 'overdue-reports' ? row.overdueReports.length > 0 : filter === 'recent-recalls' ? row.recentRecalls.length > 0 : true,
  );
  await auditShownPeople(context, shown.map((row) => row.personId), 'Listed restricted patients across hospitals (the Ministry of Justice’s view)');
  return { rows: shown, totals };
}

// Whether the person's latest computed position is restricted, for offering the casework pages; the
// pages themselves compute the position afresh.
export async function shownAsRestricted(db: AppContext['db'], personId: string): Promise<boolean> {
  const row = await db.selectFrom('legal_status').select('restricted').where('person_id', '=', personId).executeTakeFirst();
  return row?.restricted === true;
}
