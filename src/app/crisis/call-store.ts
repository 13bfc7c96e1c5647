import type { Selectable } from 'kysely';
import type { CrisisCallTable } from '../../db/schema.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { displayName } from '../../domain/people/person.ts';
import { callStage, isCallCategory, isCallOutcome, isRiskLevel, type CallCategory, type CallOutcome, type CallStage, type RiskLevel, type ThresholdRoute } from '../../domain/crisis/calls.ts';
import { isFinished, isReferralStatus, runningTimer, type ReferralStatus, type RunningTimer } from '../../domain/referrals/referral.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { NotFound, PolicyDenied } from '../errors.ts';
import { personAccess } from '../sharing/person-access.ts';
import { accessAllows } from '../../domain/sharing/person-access.ts';
import { recordCategories } from '../../domain/record/categories.ts';
import type { Executor } from '../referrals/referral-store.ts';

// Reading calls from the database into the domain's terms, and who may see one: the agency that raised
// it, every agency it was handed to, and anyone who may read the record of the person it is about.

export interface CallHandoff {
  referralId: string;
  serviceId: string;
  serviceName: string;
  toAgencyId: string;
  toTeamId: string | null;
  toName: string;
  status: ReferralStatus;
  handedOffAt: Temporal.Instant;
  timer: RunningTimer | null;
  escalatedAt: Temporal.Instant | null;
  escalatedTo: string | null;
  declineReason: string | null;
}

export interface Call {
  id: string;
  category: CallCategory;
  caller: string;
  location: string;
  concern: string;
  risk: RiskLevel;
  riskKnown: string;
  personId: string | null;
  personName: string | null;
  personDescription: string | null;
  agencyId: string;
  agencyName: string;
  teamId: string | null;
  raisedByLabel: string;
  raisedAt: Temporal.Instant;
  threshold: { crime: boolean; riskToLife: boolean; reasons: string; route: ThresholdRoute; by: string; at: Temporal.Instant } | null;
  outcome: { outcome: CallOutcome; detail: string; by: string; at: Temporal.Instant } | null;
  handoffs: CallHandoff[];
  stage: CallStage;
}

type CallRow = Selectable<CrisisCallTable> & { agency_name: string; given_names: string | null; family_name: string | null; preferred_name: string | null };

function callQuery(db: Executor) {
  return db
    .selectFrom('crisis_calls')
    .innerJoin('agencies', 'agencies.id', 'crisis_calls.agency_id')
    .leftJoin('people', 'people.id', 'crisis_calls.person_id')
    .selectAll('crisis_calls')
    .select(['agencies.name as agency_name', 'people.given_names', 'people.family_name', 'people.preferred_name']);
}

async function handoffsOf(db: Executor, callIds: string[], now: Temporal.Instant): Promise<Map<string, CallHandoff[]>> {
  const byCall = new Map<string, CallHandoff[]>();
  if (callIds.length === 0) return byCall;
  const rows = await db
    .selectFrom('crisis_call_handoffs')
    .innerJoin('crisis_services', 'crisis_services.id', 'crisis_call_handoffs.service_id')
    .innerJoin('referrals', 'referrals.id', 'crisis_call_handoffs.referral_id')
    .innerJoin('agencies', 'agencies.id', 'referrals.to_agency_id')
    .leftJoin('teams', 'teams.id', 'referrals.to_team_id')
    .select([
      'crisis_call_handoffs.call_id',
      'crisis_call_handoffs.referral_id',
      'crisis_call_handoffs.service_id',
      'crisis_call_handoffs.handed_off_at',
      'crisis_services.name as service_name',
      'referrals.to_agency_id',
      'referrals.to_team_id',
      'referrals.status',
      'referrals.acknowledge_due',
      'referrals.decide_due',
      'referrals.escalated_at',
      'referrals.escalated_to_label',
      'referrals.decision_reason',
      'referrals.decision',
      'agencies.name as agency_name',
      'teams.name as team_name',
    ])
    .where('crisis_call_handoffs.call_id', 'in', callIds)
    .orderBy('crisis_call_handoffs.handed_off_at')
    .execute();
  for (const row of rows) {
    const status = isReferralStatus(row.status) ? row.status : 'sent';
    const list = byCall.get(row.call_id) ?? [];
    list.push({
      referralId: row.referral_id,
      serviceId: row.service_id,
      serviceName: row.service_name,
      toAgencyId: row.to_agency_id,
      toTeamId: row.to_team_id,
      toName: row.team_name ? `${row.team_name} (${row.agency_name})` : row.agency_name,
      status,
      handedOffAt: Temporal.Instant.from(row.handed_off_at),
      timer: runningTimer(status, { acknowledgeDue: Temporal.Instant.from(row.acknowledge_due), decideDue: Temporal.Instant.from(row.decide_due) }, now),
      escalatedAt: row.escalated_at === null ? null : Temporal.Instant.from(row.escalated_at),
      escalatedTo: row.escalated_to_label,
      declineReason: row.decision === 'declined' ? row.decision_reason : null,
    });
    byCall.set(row.call_id, list);
  }
  // Only one handoff is live at a time; of two made at the same moment, the finished one came first.
  for (const list of byCall.values()) {
    list.sort((a, b) => Temporal.Instant.compare(a.handedOffAt, b.handedOffAt) || Number(!isFinished(a.status)) - Number(!isFinished(b.status)));
  }
  return byCall;
}

function callFromRow(row: CallRow, handoffs: CallHandoff[]): Call {
  const route = row.threshold_route === 'police-attend' || row.threshold_route === 'health-and-care' ? row.threshold_route : null;
  const latest = handoffs.at(-1) ?? null;
  return {
    id: row.id,
    category: isCallCategory(row.category) ? row.category : 'concern-for-welfare',
    caller: row.caller,
    location: row.location,
    concern: row.concern,
    risk: isRiskLevel(row.risk) ? row.risk : 'high',
    riskKnown: row.risk_known,
    personId: row.person_id,
    personName: row.person_id === null ? null : displayName({ givenNames: row.given_names ?? '', familyName: row.family_name ?? '', preferredName: row.preferred_name }),
    personDescription: row.person_description,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    teamId: row.team_id,
    raisedByLabel: row.raised_by_label,
    raisedAt: Temporal.Instant.from(row.raised_at),
    threshold:
      route === null || row.threshold_at === null
        ? null
        : { crime: row.threshold_crime === true, riskToLife: row.threshold_risk_to_life === true, reasons: row.threshold_reasons ?? '', route, by: row.threshold_by_label ?? '', at: Temporal.Instant.from(row.threshold_at) },
    outcome:
      row.closed_at === null || !isCallOutcome(row.outcome) ? null : { outcome: row.outcome, detail: row.outcome_detail ?? '', by: row.closed_by_label ?? '', at: Temporal.Instant.from(row.closed_at) },
    handoffs,
    stage: callStage({ route, closed: row.closed_at !== null, latestHandoffStatus: latest?.status ?? null }),
  };
}

export async function findCall(db: Executor, callId: string, now: Temporal.Instant, options: { forUpdate?: boolean } = {}): Promise<Call> {
  if (!isUuid(callId)) throw new NotFound('The call');
  if (options.forUpdate) await db.selectFrom('crisis_calls').select('id').where('id', '=', callId).forUpdate().executeTakeFirst();
  const row = await callQuery(db).where('crisis_calls.id', '=', callId).executeTakeFirst();
  if (!row) throw new NotFound('The call');
  return callFromRow(row, (await handoffsOf(db, [callId], now)).get(callId) ?? []);
}

export async function findCalls(db: Executor, now: Temporal.Instant, options: { open: boolean }): Promise<Call[]> {
  let query = callQuery(db).orderBy('crisis_calls.raised_at', 'desc');
  if (options.open) query = query.where('crisis_calls.closed_at', 'is', null);
  const rows = await query.execute();
  const handoffs = await handoffsOf(db, rows.map((row) => row.id), now);
  return rows.map((row) => callFromRow(row, handoffs.get(row.id) ?? []));
}

// The agencies a call has been with: the one that raised it and every one it was handed to.
export function callParties(call: Call): string[] {
  return [...new Set([call.agencyId, ...call.handoffs.map((handoff) => handoff.toAgencyId)])];
}

// Whether the actor may see the call: a party to it, or someone who may read the person's record.
export async function maySeeCall(context: AppContext, call: Call): Promise<boolean> {
  const { actor } = context;
  if (actor.kind === 'system') return true;
  if (actor.agencyId !== null && callParties(call).includes(actor.agencyId)) return true;
  if (call.personId === null) return false;
  return accessAllows(await personAccess(context, call.personId), { category: 'identity' }, (category) => recordCategories[category]).allowed;
}

// A refusal about a call: written to the audit log (about its person, if known), then thrown.
export async function refuseCall(context: AppContext, call: Call, reason: string): Promise<never> {
  await recordAudit(context, [{ personId: call.personId, action: 'refused', what: `Refused: ${context.purpose}. ${reason}` }]);
  throw new PolicyDenied(reason, { audited: true });
}
