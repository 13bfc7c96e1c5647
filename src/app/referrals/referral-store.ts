import type { Transaction } from 'kysely';
import type { AccordDatabase } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { displayName } from '../../domain/people/person.ts';
import { referralPurposeLabel } from '../../domain/referrals/purposes.ts';
import { isReferralOutcome, isReferralStatus, type Party, type ReferralState } from '../../domain/referrals/referral.ts';
import { isReferralUrgency, type ReferralTimers, type ReferralUrgency } from '../../domain/referrals/urgencies.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { NotFound, PolicyDenied } from '../errors.ts';

// Reading referrals from the database into the domain's terms, and what every referral function needs:
// the member of staff acting, their team, a refusal that is audited, a notification in the outbox.

export type Executor = AccordDatabase | Transaction<Database>;

export interface ReferralParty extends Party {
  agencyName: string;
  teamName: string | null;
}

export interface Referral {
  id: string;
  personId: string;
  personName: string;
  purpose: string;
  purposeLabel: string;
  urgency: ReferralUrgency;
  asked: string;
  referrerWords: string;
  from: ReferralParty;
  to: ReferralParty;
  referredBy: string | null;
  referredByLabel: string;
  referredAt: Temporal.Instant;
  timers: ReferralTimers;
  state: ReferralState;
  escalation: { at: Temporal.Instant; timer: 'acknowledge' | 'decide'; leadLabel: string | null } | null;
}

export function referralQuery(db: Executor) {
  return db
    .selectFrom('referrals')
    .innerJoin('people', 'people.id', 'referrals.person_id')
    .innerJoin('agencies as from_agency', 'from_agency.id', 'referrals.from_agency_id')
    .innerJoin('agencies as to_agency', 'to_agency.id', 'referrals.to_agency_id')
    .leftJoin('teams as from_team', 'from_team.id', 'referrals.from_team_id')
    .leftJoin('teams as to_team', 'to_team.id', 'referrals.to_team_id')
    .selectAll('referrals')
    .select([
      'people.given_names',
      'people.family_name',
      'people.preferred_name',
      'from_agency.name as from_agency_name',
      'to_agency.name as to_agency_name',
      'from_team.name as from_team_name',
      'to_team.name as to_team_name',
    ]);
}

export type ReferralRow = Awaited<ReturnType<ReturnType<typeof referralQuery>['executeTakeFirstOrThrow']>>;

function instant(value: string | null): Temporal.Instant | null {
  return value === null ? null : Temporal.Instant.from(value);
}

function step(at: string | null, by: string | null): { at: Temporal.Instant; by: string } | null {
  return at === null ? null : { at: Temporal.Instant.from(at), by: by ?? '' };
}

export function referralFromRow(row: ReferralRow): Referral {
  const status = isReferralStatus(row.status) ? row.status : 'sent';
  const decided = step(row.decided_at, row.decided_by_label);
  const closed = step(row.closed_at, row.closed_by_label);
  const withdrawn = step(row.withdrawn_at, row.withdrawn_by_label);
  const escalatedAt = instant(row.escalated_at);
  return {
    id: row.id,
    personId: row.person_id,
    personName: displayName({ givenNames: row.given_names, familyName: row.family_name, preferredName: row.preferred_name }),
    purpose: row.purpose,
    purposeLabel: referralPurposeLabel(row.purpose),
    urgency: isReferralUrgency(row.urgency) ? row.urgency : 'routine',
    asked: row.asked,
    referrerWords: row.referrer_words,
    from: { agencyId: row.from_agency_id, agencyName: row.from_agency_name, teamId: row.from_team_id, teamName: row.from_team_name },
    to: { agencyId: row.to_agency_id, agencyName: row.to_agency_name, teamId: row.to_team_id, teamName: row.to_team_name },
    referredBy: row.referred_by,
    referredByLabel: row.referred_by_label,
    referredAt: Temporal.Instant.from(row.referred_at),
    timers: { acknowledgeDue: Temporal.Instant.from(row.acknowledge_due), decideDue: Temporal.Instant.from(row.decide_due) },
    state: {
      status,
      acknowledged: step(row.acknowledged_at, row.acknowledged_by_label),
      decision: decided && (row.decision === 'accepted' || row.decision === 'declined') ? { ...decided, decision: row.decision, reason: row.decision_reason } : null,
      closed: closed && isReferralOutcome(row.outcome) ? { ...closed, outcome: row.outcome, note: row.outcome_note ?? '' } : null,
      withdrawn: withdrawn ? { ...withdrawn, reason: row.withdrawal_reason ?? '' } : null,
    },
    escalation:
      escalatedAt === null ? null : { at: escalatedAt, timer: row.escalated_timer === 'decide' ? 'decide' : 'acknowledge', leadLabel: row.escalated_to_label },
  };
}

export async function findReferral(db: Executor, referralId: string, options: { forUpdate?: boolean } = {}): Promise<Referral> {
  if (!isUuid(referralId)) throw new NotFound('The referral');
  if (options.forUpdate) {
    // The row is locked first, so that two steps taken at once (two acceptances, an acceptance and a
    // withdrawal) cannot both pass: the second finds the first already written.
    await db.selectFrom('referrals').select('id').where('id', '=', referralId).forUpdate().executeTakeFirst();
  }
  const row = await referralQuery(db).where('referrals.id', '=', referralId).executeTakeFirst();
  if (!row) throw new NotFound('The referral');
  return referralFromRow(row);
}

// "Crisis Team (Wessex Partnership NHS Trust)", or the agency alone for a referral to the whole agency.
export function partyName(party: Pick<ReferralParty, 'agencyName' | 'teamName'>): string {
  return party.teamName ? `${party.teamName} (${party.agencyName})` : party.agencyName;
}

export interface Staff {
  userId: string;
  agencyId: string;
  teamId: string | null;
}

// Referrals are made and answered by named members of staff, signed in, in their team (or agency).
export async function staffActor(context: AppContext, db: Executor = context.db): Promise<Staff> {
  const { actor } = context;
  if (actor.kind !== 'user' || actor.userId === null || actor.agencyId === null) {
    throw new PolicyDenied('Referrals are made and answered by named members of staff, signed in.');
  }
  const row = await db.selectFrom('users').select('team_id').where('id', '=', actor.userId).executeTakeFirst();
  return { userId: actor.userId, agencyId: actor.agencyId, teamId: row?.team_id ?? null };
}

// A refusal about one person's referral: written to the audit log, then thrown.
export async function refuse(context: AppContext, personId: string, reason: string): Promise<never> {
  await recordAudit(context, [{ personId, action: 'refused', what: `Refused: ${context.purpose}. ${reason}` }]);
  throw new PolicyDenied(reason, { audited: true });
}

// A notification in the outbox. Notifications may leave Accord by email through an outside service, so
// they never name the person: they say what happened and where to look after signing in.
export async function queueNotification(
  trx: Transaction<Database>,
  notification: { at: Temporal.Instant; agencyId: string; role: string; recipient: string | null; subject: string; body: string },
): Promise<void> {
  await trx
    .insertInto('notifications')
    .values({
      created_at: notification.at.toString(),
      agency_id: notification.agencyId,
      role: notification.role,
      task_id: null,
      subject: notification.subject,
      body: notification.body,
      channel: 'app',
      recipient: notification.recipient,
      status: 'queued',
    })
    .execute();
}

// A moment as the outbox says it: "2026-03-10 at 15:00 (London time)".
export function londonText(instant: Temporal.Instant): string {
  return `${instant.toZonedDateTimeISO('Europe/London').toPlainDateTime().toString({ smallestUnit: 'minute' }).replace('T', ' at ')} (London time)`;
}
