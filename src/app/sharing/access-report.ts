import { breakGlassOutcomes } from '../../domain/sharing/break-glass.ts';
import { readInvolvements } from './involvements.ts';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { toLondonOffsetDateTime } from '../../domain/london-time.ts';
import { displayName, entryKindLabels } from '../../domain/people/person.ts';
import { recordCategories } from '../../domain/record/categories.ts';
import { lawfulBases } from '../../domain/sharing/lawful-bases.ts';
import { periodCurrent } from '../../domain/sharing/person-access.ts';
import {
  disclosureStatus,
  disclosureStatusLabels,
  groupUses,
  spanOverlapsPeriod,
  wholeHistory,
  wordsForKey,
  type AgencyUse,
  type DisclosureStatus,
  type ReportPeriod,
  type UseCounts,
} from '../../domain/sharing/transparency.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound, PolicyDenied } from '../errors.ts';
import { actorMay } from '../policy.ts';
import { requirePersonAccess } from './person-access.ts';

// The report a person is given about the use of their record: every look, change, list and refusal
// from the audit log, grouped by organisation and member of staff; every disclosure about them with its
// lawful basis, what it disclosed, to whom, who approved it and until when; every emergency
// (break-glass) access with its reason and review; and every organisation involved with them. Produced by
// the staff who oversee the use of records, to give to the person; producing it is itself recorded.

export interface DisclosedItem {
  entryId: string;
  kind: string;
  kindLabel: string;
  category: string;
  categoryLabel: string;
  recordedAt: Temporal.Instant;
}

export interface ReportedDisclosure {
  id: string;
  basis: string;
  basisLabel: string;
  // The risk, duty, order or gateway relied on, as stated by the proposer.
  justification: string | null;
  // For a disclosure on the person's consent: when the consent was recorded.
  consentRecordedAt: Temporal.Instant | null;
  purpose: string;
  fromAgency: string;
  recipientAgency: string;
  recipientTeam: string | null;
  identity: boolean;
  items: DisclosedItem[];
  proposedBy: string;
  proposedAt: Temporal.Instant;
  approverRole: string;
  decision: string | null;
  decidedBy: string | null;
  decidedAt: Temporal.Instant | null;
  decisionNote: string | null;
  expiresAt: Temporal.Instant;
  withdrawnAt: Temporal.Instant | null;
  withdrawnBy: string | null;
  withdrawalNote: string | null;
  status: DisclosureStatus;
  statusLabel: string;
}

export interface ReportedEmergencyAccess {
  id: string;
  who: string;
  role: string;
  agency: string;
  reason: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  current: boolean;
  reviewedBy: string | null;
  reviewedAt: Temporal.Instant | null;
  reviewOutcome: string | null;
  reviewOutcomeLabel: string | null;
  reviewNote: string | null;
}

export interface ReportedInvolvement {
  id: string;
  agency: string;
  team: string | null;
  member: string | null;
  reason: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant | null;
  current: boolean;
  recordedBy: string;
  recordedAt: Temporal.Instant;
  endedBy: string | null;
  endReason: string | null;
}

export interface AccessReport {
  personId: string;
  personName: string;
  generatedAt: Temporal.Instant;
  generatedBy: { name: string; role: string | null; agency: string };
  period: ReportPeriod;
  totals: UseCounts;
  agencies: AgencyUse[];
  disclosures: ReportedDisclosure[];
  emergencyAccess: ReportedEmergencyAccess[];
  involvements: ReportedInvolvement[];
}

type Executor = Transaction<Database>;

function instant(value: string): Temporal.Instant;
function instant(value: string | null): Temporal.Instant | null;
function instant(value: string | null): Temporal.Instant | null {
  return value === null ? null : Temporal.Instant.from(value);
}

// Only the roles that oversee the use of records (the Mental Health Act administrator, the information
// governance lead, the Caldicott guardian) produce the report and the subject access export.
export function requireTransparencyPermission(context: AppContext, what: string): void {
  if (!actorMay(context.actor, 'person.access-history')) {
    throw new PolicyDenied(`Your role does not include producing ${what}: ask your information governance lead or Mental Health Act administrator.`);
  }
}

export function checkPeriod(period: ReportPeriod): void {
  if (period.from !== null && period.to !== null && Temporal.Instant.compare(period.from, period.to) >= 0) {
    throw new InvalidInput([{ field: 'to', message: 'The end of the period must be after its start' }]);
  }
}

async function personName(trx: Executor, personId: string): Promise<string> {
  const person = await trx.selectFrom('people').select(['given_names', 'family_name', 'preferred_name']).where('id', '=', personId).executeTakeFirst();
  if (!person) throw new NotFound('The person');
  return displayName({ givenNames: person.given_names, familyName: person.family_name, preferredName: person.preferred_name });
}

async function usesOfRecord(trx: Executor, personId: string, period: ReportPeriod) {
  let query = trx
    .selectFrom('audit_log')
    .select(['sequence', 'at', 'actor_user_id', 'actor_label', 'actor_role', 'agency_id', 'agency_name', 'person_id', 'action', 'what', 'purpose'])
    // Entries about the person, and lists that showed them among others.
    .where((where) => where.or([where('person_id', '=', personId), sql<boolean>`person_ids @> array[${personId}]::uuid[]`]));
  if (period.from !== null) query = query.where('at', '>=', period.from.toString());
  if (period.to !== null) query = query.where('at', '<', period.to.toString());
  const rows = await query.orderBy('sequence', 'desc').execute();
  return rows.map((row) => ({
    sequence: Number(row.sequence),
    at: instant(row.at),
    actorUserId: row.actor_user_id,
    actorLabel: row.actor_label,
    actorRole: row.actor_role,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    action: row.action,
    what: row.what,
    purpose: row.purpose,
    inList: row.person_id === null,
  }));
}

async function disclosuresAbout(trx: Executor, personId: string, period: ReportPeriod, now: Temporal.Instant): Promise<ReportedDisclosure[]> {
  const rows = await trx
    .selectFrom('disclosures')
    .innerJoin('agencies as recipient', 'recipient.id', 'disclosures.recipient_agency_id')
    .leftJoin('teams', 'teams.id', 'disclosures.recipient_team_id')
    .leftJoin('consents', 'consents.id', 'disclosures.consent_id')
    .select([
      'disclosures.id',
      'disclosures.basis',
      'disclosures.justification',
      'consents.recorded_at as consent_recorded_at',
      'disclosures.purpose',
      'disclosures.from_agency_name',
      'recipient.name as recipient_agency_name',
      'teams.name as recipient_team_name',
      'disclosures.entry_ids',
      'disclosures.identity',
      'disclosures.expires_at',
      'disclosures.approver_role',
      'disclosures.proposed_by_label',
      'disclosures.proposed_at',
      'disclosures.decision',
      'disclosures.decided_by_label',
      'disclosures.decided_at',
      'disclosures.decision_note',
      'disclosures.withdrawn_at',
      'disclosures.withdrawn_by_label',
      'disclosures.withdrawal_note',
    ])
    .where('disclosures.person_id', '=', personId)
    .orderBy('disclosures.proposed_at', 'desc')
    .execute();
  const entryIds = [...new Set(rows.flatMap((row) => row.entry_ids))];
  // Only the person's own entries are named, whatever the row says.
  const entries =
    entryIds.length === 0
      ? []
      : await trx.selectFrom('record_entries').select(['id', 'kind', 'category', 'recorded_at']).where('person_id', '=', personId).where('id', 'in', entryIds).execute();
  const entryById = new Map(entries.map((entry) => [entry.id, entry]));
  return rows
    .map((row): ReportedDisclosure => {
      const expiresAt = instant(row.expires_at);
      const withdrawnAt = instant(row.withdrawn_at);
      const status = disclosureStatus({ decision: row.decision, expiresAt, withdrawnAt }, now);
      return {
        id: row.id,
        basis: row.basis,
        basisLabel: (lawfulBases as Record<string, string>)[row.basis] ?? wordsForKey(row.basis),
        justification: row.justification,
        consentRecordedAt: instant(row.consent_recorded_at),
        purpose: row.purpose,
        fromAgency: row.from_agency_name,
        recipientAgency: row.recipient_agency_name,
        recipientTeam: row.recipient_team_name,
        identity: row.identity,
        items: row.entry_ids.flatMap((id) => {
          const entry = entryById.get(id);
          if (!entry) return [];
          return [
            {
              entryId: entry.id,
              kind: entry.kind,
              kindLabel: (entryKindLabels as Record<string, string>)[entry.kind] ?? wordsForKey(entry.kind),
              category: entry.category,
              categoryLabel: (recordCategories as Record<string, string>)[entry.category] ?? wordsForKey(entry.category),
              recordedAt: instant(entry.recorded_at),
            },
          ];
        }),
        proposedBy: row.proposed_by_label,
        proposedAt: instant(row.proposed_at),
        approverRole: row.approver_role,
        decision: row.decision,
        decidedBy: row.decided_by_label,
        decidedAt: instant(row.decided_at),
        decisionNote: row.decision_note,
        expiresAt,
        withdrawnAt,
        withdrawnBy: row.withdrawn_by_label,
        withdrawalNote: row.withdrawal_note,
        status,
        statusLabel: disclosureStatusLabels[status],
      };
    })
    .filter((disclosure) => {
      // A disclosure runs from its proposal until it was refused, withdrawn or expired.
      const end = disclosure.withdrawnAt ?? (disclosure.status === 'refused' ? disclosure.decidedAt : disclosure.decision === null ? null : disclosure.expiresAt);
      return spanOverlapsPeriod(disclosure.proposedAt, end, period);
    });
}

async function emergencyAccessTo(trx: Executor, personId: string, period: ReportPeriod, now: Temporal.Instant): Promise<ReportedEmergencyAccess[]> {
  const rows = await trx
    .selectFrom('break_glass')
    .innerJoin('agencies', 'agencies.id', 'break_glass.agency_id')
    .select([
      'break_glass.id',
      'break_glass.user_label',
      'break_glass.role',
      'agencies.name as agency_name',
      'break_glass.reason',
      'break_glass.starts_at',
      'break_glass.ends_at',
      'break_glass.reviewed_by_label',
      'break_glass.reviewed_at',
      'break_glass.review_outcome',
      'break_glass.review_note',
    ])
    .where('break_glass.person_id', '=', personId)
    .orderBy('break_glass.starts_at', 'desc')
    .execute();
  return rows
    .map((row) => {
      const startsAt = instant(row.starts_at);
      const endsAt = instant(row.ends_at);
      return {
        id: row.id,
        who: row.user_label,
        role: row.role,
        agency: row.agency_name,
        reason: row.reason,
        startsAt,
        endsAt,
        current: periodCurrent({ startsAt, endsAt }, now),
        reviewedBy: row.reviewed_by_label,
        reviewedAt: instant(row.reviewed_at),
        reviewOutcome: row.review_outcome,
        reviewOutcomeLabel: row.review_outcome === null ? null : ((breakGlassOutcomes as Record<string, string>)[row.review_outcome] ?? wordsForKey(row.review_outcome)),
        reviewNote: row.review_note,
      };
    })
    .filter((access) => spanOverlapsPeriod(access.startsAt, access.endsAt, period));
}

async function involvementsWith(trx: Executor, personId: string, period: ReportPeriod, now: Temporal.Instant): Promise<ReportedInvolvement[]> {
  return (await readInvolvements(trx, personId, now))
    .map((involvement) => ({
      id: involvement.id,
      agency: involvement.agencyName,
      team: involvement.teamName,
      member: involvement.userName,
      reason: involvement.reason,
      startsAt: involvement.startsAt,
      endsAt: involvement.endsAt,
      current: involvement.current,
      recordedBy: involvement.recordedBy,
      recordedAt: involvement.recordedAt,
      endedBy: involvement.endedBy,
      endReason: involvement.endReason,
    }))
    .filter((involvement) => spanOverlapsPeriod(involvement.startsAt, involvement.endsAt, period));
}

// Reads the report in the caller's transaction, without checking or recording anything: for
// accessReport below and for the subject access export, which do both.
export async function readAccessReport(trx: Executor, context: AppContext, personId: string, period: ReportPeriod = wholeHistory): Promise<AccessReport> {
  const now = context.now();
  const name = await personName(trx, personId);
  const uses = await usesOfRecord(trx, personId, period);
  const agencies = groupUses(uses);
  const totals: UseCounts = { looked: 0, changed: 0, listed: 0, refused: 0 };
  for (const agency of agencies) for (const kind of Object.keys(totals) as (keyof UseCounts)[]) totals[kind] += agency.counts[kind];
  return {
    personId,
    personName: name,
    generatedAt: now,
    generatedBy: { name: context.actor.label, role: context.actor.role, agency: context.actor.agencyName },
    period,
    totals,
    agencies,
    disclosures: await disclosuresAbout(trx, personId, period, now),
    emergencyAccess: await emergencyAccessTo(trx, personId, period, now),
    involvements: await involvementsWith(trx, personId, period, now),
  };
}

function periodWords(period: ReportPeriod): string {
  if (period.from === null && period.to === null) return 'the whole history';
  const from = period.from === null ? 'the start' : toLondonOffsetDateTime(period.from);
  return `${from} up to ${period.to === null ? 'now' : toLondonOffsetDateTime(period.to)}`;
}

// The report for the person, for a period or the whole history. Producing it is recorded before it is
// read, so the report itself shows who produced it.
export async function accessReport(context: AppContext, personId: string, period: ReportPeriod = wholeHistory): Promise<AccessReport> {
  requireTransparencyPermission(context, 'a person’s access report');
  if (!isUuid(personId)) throw new NotFound('The person');
  checkPeriod(period);
  await requirePersonAccess(context, personId, { category: 'identity', oversight: true });
  return inTransaction(context.db, async (trx) => {
    await appendAudit(trx, context, [{ personId, action: 'read', what: `Produced the access report for the person (${periodWords(period)})` }]);
    return readAccessReport(trx, context, personId, period);
  });
}
