import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { periodCurrent } from '../../domain/sharing/person-access.ts';
import { appendAudit, recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound } from '../errors.ts';
import { requirePersonAccess } from './person-access.ts';

// Involvement: the relationship between a person and an agency, one of its teams, or one member of staff,
// with its start, end and reason. While it runs, the agency, team or member of staff sees the person's
// record as their policy allows; it stops at its end without anyone acting.

export interface Involvement {
  id: string;
  agencyId: string;
  agencyName: string;
  teamId: string | null;
  teamName: string | null;
  userId: string | null;
  userName: string | null;
  reason: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant | null;
  recordedBy: string;
  recordedAt: Temporal.Instant;
  endedBy: string | null;
  endReason: string | null;
  current: boolean;
}

type Executor = Transaction<Database>;

// Who an involvement is with: a whole agency, one of its teams, or one member of staff.
export interface InvolvedParty {
  agencyId: string;
  teamId: string | null;
  userId: string | null;
}

// The party is involved with the person from now, unless it already is: when a member of an agency's
// staff adds the person, when the person is placed with it under the Mental Health Act, when a team accepts
// a referral (src/app/referrals/referral-steps.ts), or when a case is allocated to a practitioner.
export async function ensureInvolvement(trx: Executor, context: AppContext, personId: string, party: InvolvedParty, reason: string): Promise<void> {
  const now = context.now().toString();
  const current = await trx
    .selectFrom('involvements')
    .select('id')
    .where('person_id', '=', personId)
    .where('agency_id', '=', party.agencyId)
    .where('team_id', party.teamId === null ? 'is' : '=', party.teamId)
    .where('user_id', party.userId === null ? 'is' : '=', party.userId)
    .where('starts_at', '<=', now)
    .where((where) => where.or([where('ends_at', 'is', null), where('ends_at', '>', now)]))
    .executeTakeFirst();
  if (current) return;
  await trx
    .insertInto('involvements')
    .values({ person_id: personId, agency_id: party.agencyId, team_id: party.teamId, user_id: party.userId, reason, starts_at: now, ends_at: null, recorded_by: context.actor.userId, recorded_by_label: context.actor.label, recorded_at: now })
    .execute();
}

export function ensureAgencyInvolvement(trx: Executor, context: AppContext, personId: string, agencyId: string, reason: string): Promise<void> {
  return ensureInvolvement(trx, context, personId, { agencyId, teamId: null, userId: null }, reason);
}

export interface NewInvolvement {
  agencyId: string;
  teamId: string | null;
  userId: string | null;
  reason: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant | null;
}

// Records that an agency, team or member of staff is involved. Only someone who may already see the
// record in full (involved, or by break-glass) can bring another in; anyone else asks by break-glass.
export async function recordInvolvement(context: AppContext, personId: string, input: NewInvolvement): Promise<string> {
  await requirePersonAccess(context, personId, { category: 'identity', change: true });
  const problems = [];
  const reason = input.reason.trim();
  if (reason === '') problems.push({ field: 'reason', message: 'Enter why they are involved' });
  if (reason.length > 1000) problems.push({ field: 'reason', message: 'Reason must be 1000 characters or fewer' });
  if (!isUuid(input.agencyId)) problems.push({ field: 'agencyId', message: 'Select the agency' });
  if (input.endsAt && Temporal.Instant.compare(input.endsAt, input.startsAt) <= 0) problems.push({ field: 'endsAt', message: 'The end must be after the start' });
  if (problems.length > 0) throw new InvalidInput(problems);
  return inTransaction(context.db, async (trx) => {
    const agency = await trx.selectFrom('agencies').select(['id', 'name']).where('id', '=', input.agencyId).where('retired_at', 'is', null).executeTakeFirst();
    if (!agency) throw new InvalidInput([{ field: 'agencyId', message: 'Select an agency on Accord' }]);
    if (input.teamId) {
      const team = await trx.selectFrom('teams').select('id').where('id', '=', input.teamId).where('agency_id', '=', input.agencyId).executeTakeFirst();
      if (!team) throw new InvalidInput([{ field: 'teamId', message: 'Select a team of that agency' }]);
    }
    if (input.userId) {
      const user = await trx.selectFrom('users').select('id').where('id', '=', input.userId).where('agency_id', '=', input.agencyId).executeTakeFirst();
      if (!user) throw new InvalidInput([{ field: 'userId', message: 'Select a member of staff of that agency' }]);
    }
    const now = context.now().toString();
    const row = await trx
      .insertInto('involvements')
      .values({
        person_id: personId,
        agency_id: input.agencyId,
        team_id: input.teamId,
        user_id: input.userId,
        reason,
        starts_at: input.startsAt.toString(),
        ends_at: input.endsAt?.toString() ?? null,
        recorded_by: context.actor.userId,
        recorded_by_label: context.actor.label,
        recorded_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, context, [{ personId, action: 'write', what: `Recorded that ${agency.name} is involved: ${reason}` }]);
    return row.id;
  });
}

// Ends an involvement now (or records the end it already has as reached). The row keeps who ended it and why.
export async function endInvolvement(context: AppContext, personId: string, involvementId: string, reason: string): Promise<void> {
  await requirePersonAccess(context, personId, { category: 'identity', change: true });
  const trimmed = reason.trim();
  if (trimmed === '') throw new InvalidInput([{ field: 'endReason', message: 'Enter why the involvement is ending' }]);
  if (trimmed.length > 1000) throw new InvalidInput([{ field: 'endReason', message: 'Reason must be 1000 characters or fewer' }]);
  if (!isUuid(involvementId)) throw new NotFound('The involvement');
  await inTransaction(context.db, async (trx) => {
    const row = await trx.selectFrom('involvements').select(['id', 'starts_at', 'ends_at', 'ended_at']).where('id', '=', involvementId).where('person_id', '=', personId).forUpdate().executeTakeFirst();
    if (!row) throw new NotFound('The involvement');
    const now = context.now();
    if (row.ended_at !== null || !periodCurrent({ startsAt: Temporal.Instant.from(row.starts_at), endsAt: row.ends_at === null ? null : Temporal.Instant.from(row.ends_at) }, now)) {
      throw new InvalidInput([{ field: 'endReason', message: 'This involvement has already ended' }]);
    }
    await trx
      .updateTable('involvements')
      .set({ ends_at: now.toString(), ended_at: now.toString(), ended_by_label: context.actor.label, end_reason: trimmed })
      .where('id', '=', involvementId)
      .execute();
    await appendAudit(trx, context, [{ personId, action: 'write', what: `Ended an involvement: ${trimmed}` }]);
  });
}

// Everyone who is or was involved with the person, current first, as stored: for the pages below and
// the person's access report, each of which checks and records its own reading.
export async function readInvolvements(db: Executor | AppContext['db'], personId: string, now: Temporal.Instant): Promise<Involvement[]> {
  const rows = await db
    .selectFrom('involvements')
    .innerJoin('agencies', 'agencies.id', 'involvements.agency_id')
    .leftJoin('teams', 'teams.id', 'involvements.team_id')
    .leftJoin('users', 'users.id', 'involvements.user_id')
    .select([
      'involvements.id',
      'involvements.agency_id',
      'agencies.name as agency_name',
      'involvements.team_id',
      'teams.name as team_name',
      'involvements.user_id',
      'users.display_name as user_name',
      'involvements.reason',
      'involvements.starts_at',
      'involvements.ends_at',
      'involvements.recorded_by_label',
      'involvements.recorded_at',
      'involvements.ended_by_label',
      'involvements.end_reason',
    ])
    .where('involvements.person_id', '=', personId)
    .orderBy('involvements.starts_at', 'desc')
    .execute();
  const involvements = rows.map((row) => {
    const startsAt = Temporal.Instant.from(row.starts_at);
    const endsAt = row.ends_at === null ? null : Temporal.Instant.from(row.ends_at);
    return {
      id: row.id,
      agencyId: row.agency_id,
      agencyName: row.agency_name,
      teamId: row.team_id,
      teamName: row.team_name,
      userId: row.user_id,
      userName: row.user_name,
      reason: row.reason,
      startsAt,
      endsAt,
      recordedBy: row.recorded_by_label,
      recordedAt: Temporal.Instant.from(row.recorded_at),
      endedBy: row.ended_by_label,
      endReason: row.end_reason,
      current: periodCurrent({ startsAt, endsAt }, now),
    };
  });
  return [...involvements.filter((item) => item.current), ...involvements.filter((item) => !item.current)];
}

// Everyone who is or was involved with the person, current first.
export async function listInvolvements(context: AppContext, personId: string): Promise<Involvement[]> {
  await requirePersonAccess(context, personId, { category: 'identity' });
  await recordAudit(context, [{ personId, action: 'read', what: 'Viewed who is involved with the person' }]);
  return readInvolvements(context.db, personId, context.now());
}
