import { UnevaluableRecord } from '../legal/legal-position.ts';
import { todayInLondon } from '../../domain/london-time.ts';
import { sql } from 'kysely';
import type { Provision } from '../../domain/law/contract.ts';
import type { DocumentOutcome } from '../../domain/legal/legal-entries.ts';
import type { RecordEntryRow } from '../../db/schema.ts';
import { referenceTimelinessKinds, type ReferenceTimeliness } from '../../domain/legal/tribunal-references.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound, PolicyDenied } from '../errors.ts';
import { entryFromRow } from '../people/record-store.ts';
import { requirePermission } from '../policy.ts';
import { personMeasures, reportPeriod, type PersonMeasures } from './mental-health-act-measures.ts';

// An agency's Mental Health Act report for a period: counts only, never a list of people. The numbers
// are computed from the legal records as they stand now (an event recorded late is counted in the period
// it happened), person by person with the law engine (./mental-health-act-measures.ts).

export interface ReportRequest {
  agencyId: string;
  // ISO dates, both days included.
  from: string;
  to: string;
}

export interface SectionCount {
  provision: Provision;
  count: number;
}

export interface MentalHealthActReport {
  agencyId: string;
  agencyName: string;
  from: string;
  to: string;
  // The period is not over yet: counts run to this instant.
  observedUntil: string;
  partial: boolean;
  producedAt: string;
  // People liable to be detained at some moment of the period, in all and by section (a person held
  // under two sections in the period is counted under each, once in the total).
  peopleDetained: { total: number; bySection: SectionCount[] };
  detentionsBegun: { total: number; bySection: SectionCount[] };
  communityTreatmentOrders: { made: number; inForce: number; recalled: number; revoked: number };
  renewals: { onTime: number; beforeWindow: number; afterLapse: number };
  lapses: { total: number; bySection: SectionCount[] };
  managersReferencesDue: number;
  // The managers' references that fell due, by whether a reference was made on or before the instant it
  // fell due, after it, after a revocation (s68(7), no fixed time), or not at all.
  managersReferences: Record<ReferenceTimeliness, number>;
  documents: Record<DocumentOutcome, number>;
  // Records left out because the law engine could not evaluate them.
  notEvaluated: number;
}

export const maximumReportYears = 5;

// Checks the period: a real range, not longer than five years, not beyond today.
export function checkReportPeriod(from: Temporal.PlainDate, to: Temporal.PlainDate, today: Temporal.PlainDate): void {
  if (Temporal.PlainDate.compare(from, to) > 0) throw new InvalidInput([{ field: 'to', message: 'The end of the period must be the same as or after the start' }]);
  if (Temporal.PlainDate.compare(to, today) > 0) throw new InvalidInput([{ field: 'to', message: 'The end of the period must be today or in the past' }]);
  if (Temporal.PlainDate.compare(to, from.add({ years: maximumReportYears })) >= 0) {
    throw new InvalidInput([{ field: 'to', message: `The period must be ${maximumReportYears} years or shorter` }]);
  }
}

function parseDate(field: string, value: string): Temporal.PlainDate {
  try {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new RangeError(value);
    return Temporal.PlainDate.from(value, { overflow: 'reject' });
  } catch {
    throw new InvalidInput([{ field, message: `${field === 'from' ? 'The start' : 'The end'} of the period must be a real date` }]);
  }
}

// Everyone whose legal record may touch the agency: placed there now, placed there by any legal event
// or transfer, or with a document scrutinised by its staff. Who counts for what is then decided from
// each record, by where the person was at the time.
async function candidatePeople(context: AppContext, agencyId: string): Promise<string[]> {
  const rows = await context.db
    .selectFrom('legal_status')
    .select('person_id')
    .where('agency_id', '=', agencyId)
    .union(
      context.db
        .selectFrom('record_entries')
        .select('person_id')
        .where((where) =>
          where.or([
            where.and([where('kind', '=', 'legal-event-recorded'), where(sql<string>`data->'placement'->>'agencyId'`, '=', agencyId)]),
            where.and([where('kind', '=', 'hospital-transfer'), where(sql<string>`data->'to'->>'agencyId'`, '=', agencyId)]),
            where.and([where('kind', '=', 'document-outcome-recorded'), where('author_agency_id', '=', agencyId)]),
          ]),
        ),
    )
    .execute();
  return rows.map((row) => row.person_id);
}

function bySection(provisions: Iterable<Provision>): { total: number; bySection: SectionCount[] } {
  const counts = new Map<Provision, number>();
  let total = 0;
  for (const provision of provisions) {
    counts.set(provision, (counts.get(provision) ?? 0) + 1);
    total += 1;
  }
  const sections = [...counts].map(([provision, count]) => ({ provision, count }));
  sections.sort((a, b) => b.count - a.count || a.provision.localeCompare(b.provision));
  return { total, bySection: sections };
}

const peoplePerQuery = 500;

export async function mentalHealthActReport(context: AppContext, request: ReportRequest): Promise<MentalHealthActReport> {
  requirePermission(context.actor, 'reports.read');
  // An agency's report is for its own staff; Accord itself (the command line) may produce any.
  if (context.actor.kind !== 'system' && context.actor.agencyId !== request.agencyId) {
    throw new PolicyDenied('You can produce reports for your own agency only');
  }
  const from = parseDate('from', request.from);
  const to = parseDate('to', request.to);
  const now = context.now();
  checkReportPeriod(from, to, todayInLondon(now));
  const agency = await context.db.selectFrom('agencies').select(['id', 'name']).where('id', '=', request.agencyId).executeTakeFirst();
  if (agency === undefined) throw new NotFound('The agency');
  const period = reportPeriod(from, to, now);

  const measures: PersonMeasures[] = [];
  let notEvaluated = 0;
  const people = await candidatePeople(context, agency.id);
  for (let offset = 0; offset < people.length; offset += peoplePerQuery) {
    const batch = people.slice(offset, offset + peoplePerQuery);
    const rows: RecordEntryRow[] = await context.db.selectFrom('record_entries').selectAll().where('person_id', 'in', batch).orderBy('person_id').orderBy('sequence').execute();
    const byPerson = new Map<string, RecordEntryRow[]>();
    for (const row of rows) {
      const personRows = byPerson.get(row.person_id);
      if (personRows === undefined) byPerson.set(row.person_id, [row]);
      else personRows.push(row);
    }
    for (const personRows of byPerson.values()) {
      try {
        measures.push(personMeasures(personRows.map(entryFromRow), agency.id, period));
      } catch (error) {
        // A record the law engine cannot read is a fault to fix, not a reason to withhold the rest of
        // the report; it is left out and the report says how many were. Any other failure is a fault
        // in Accord and stops the report.
        if (!(error instanceof UnevaluableRecord)) throw error;
        notEvaluated += 1;
      }
    }
  }

  const documents: Record<DocumentOutcome, number> = { valid: 0, rectified: 0, invalid: 0 };
  for (const person of measures) {
    for (const outcome of Object.keys(documents) as DocumentOutcome[]) documents[outcome] += person.documentOutcomes[outcome];
  }
  const sum = (count: (person: PersonMeasures) => number) => measures.reduce((total, person) => total + count(person), 0);
  const report: MentalHealthActReport = {
    agencyId: agency.id,
    agencyName: agency.name,
    from: from.toString(),
    to: to.toString(),
    observedUntil: period.observedUntil.toString(),
    partial: Temporal.Instant.compare(period.observedUntil, period.end) < 0,
    producedAt: now.toString(),
    peopleDetained: {
      total: measures.filter((person) => person.detainedUnder.size > 0).length,
      bySection: bySection(measures.flatMap((person) => [...person.detainedUnder])).bySection,
    },
    detentionsBegun: bySection(measures.flatMap((person) => person.detentionsBegun)),
    communityTreatmentOrders: {
      made: sum((person) => person.ctoMade),
      inForce: measures.filter((person) => person.ctoInForce).length,
      recalled: sum((person) => person.ctoRecalled),
      revoked: sum((person) => person.ctoRevoked),
    },
    renewals: {
      onTime: sum((person) => person.renewalsOnTime),
      beforeWindow: sum((person) => person.renewalsBeforeWindow),
      afterLapse: sum((person) => person.renewalsAfterLapse),
    },
    lapses: bySection(measures.flatMap((person) => person.lapses)),
    managersReferencesDue: sum((person) => person.managersReferencesDue),
    managersReferences: Object.fromEntries(referenceTimelinessKinds.map((kind) => [kind, sum((person) => person.managersReferences[kind])])) as Record<ReferenceTimeliness, number>,
    documents,
    notEvaluated,
  };
  // An aggregate of many records, not a read of any one person's: one entry, with no person.
  await recordAudit(context, [{ personId: null, action: 'list', what: `Produced the Mental Health Act report for ${agency.name} ${report.from}\u2013${report.to}` }]);
  return report;
}
