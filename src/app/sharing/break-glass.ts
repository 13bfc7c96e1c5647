import { sql } from 'kysely';
import { inTransaction } from '../../db/transaction.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { displayName } from '../../domain/people/person.ts';
import {
  breakGlassEnds,
  breakGlassOutcomes,
  validateBreakGlassRequest,
  validateBreakGlassReview,
  type BreakGlassOutcome,
} from '../../domain/sharing/break-glass.ts';
import { periodCurrent, type Relationship } from '../../domain/sharing/person-access.ts';
import { appendAudit, recordAudit, type AuditAction } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { Conflict, InvalidInput, NotFound, PolicyDenied } from '../errors.ts';
import { requirePermission } from '../policy.ts';
import { requirePersonAccess } from './person-access.ts';

// Break-glass: a member of staff who is not involved with a person takes emergency access to their
// record, for a reason and a fixed number of hours (the rules are in src/domain/sharing/break-glass.ts).
// It stops at its end without anyone acting (the access decision reads the row's period), and each use is
// listed for review by the information governance lead or Caldicott guardian of the user's agency, who
// records whether it was appropriate. Rows are never deleted: the review is written onto the row.

// How the audit entry that opens emergency access begins, so that what the user did during it can be
// told apart from the opening itself.
const openingEntry = 'Emergency access (break-glass) for ';

// How long a list that showed the user this person (a search result, a list of deadlines) lets the
// break-glass page show the person's name: long enough to find them and then ask.
const recentlyShownHours = 24;

export interface BreakGlassSubject {
  personId: string;
  // The person's name, only when the user already knows it: they have a relationship with the person, or
  // a list showed them the person recently. Otherwise the page says "this person", so that holding an
  // address teaches nothing.
  personName: string | null;
  relationship: Relationship;
  // The user's emergency access that is running now, if any.
  currentEndsAt: Temporal.Instant | null;
}

function actingUser(context: AppContext, what: string): string {
  const { actor } = context;
  // A named member of staff answers for emergency access and for its review; a machine client (an API
  // token) or Accord itself cannot.
  if (actor.kind !== 'user' || actor.userId === null) throw new PolicyDenied(`Only a member of staff signed in as themselves can ${what}.`);
  return actor.userId;
}

// What the break-glass page may show about the person, and whether the user already has access.
export async function breakGlassSubject(context: AppContext, personId: string): Promise<BreakGlassSubject> {
  requirePermission(context.actor, 'person.read');
  if (!isUuid(personId)) throw new NotFound('The person');
  // Asking for emergency access needs no relationship; this also finds that the person exists.
  const access = await requirePersonAccess(context, personId, { category: 'identity', emergency: true });
  const userId = context.actor.userId;
  const now = context.now();
  const current =
    userId === null
      ? undefined
      : await context.db
          .selectFrom('break_glass')
          .select('ends_at')
          .where('person_id', '=', personId)
          .where('user_id', '=', userId)
          .where('starts_at', '<=', now.toString())
          .where('ends_at', '>', now.toString())
          .orderBy('ends_at', 'desc')
          .executeTakeFirst();
  let knowsName = access.relationship !== 'none' || access.system;
  if (!knowsName && userId !== null) {
    const since = now.subtract({ hours: recentlyShownHours }).toString();
    const shown = await sql<{ shown: boolean }>`
      select exists (
        select 1 from audit_log
        where person_ids @> array[${personId}]::uuid[] and actor_user_id = ${userId} and action = 'list' and at >= ${since}
      ) as shown
    `.execute(context.db);
    knowsName = Boolean(shown.rows[0]?.shown);
  }
  let personName: string | null = null;
  if (knowsName) {
    const person = await context.db.selectFrom('people').select(['given_names', 'family_name', 'preferred_name']).where('id', '=', personId).executeTakeFirstOrThrow();
    personName = displayName({ givenNames: person.given_names, familyName: person.family_name, preferredName: person.preferred_name });
  }
  return { personId, personName, relationship: access.relationship, currentEndsAt: current ? Temporal.Instant.from(current.ends_at) : null };
}

export interface BreakGlassGranted {
  id: string;
  endsAt: Temporal.Instant;
}

// Takes emergency access to a person's record for the hours chosen. Refused to anyone already involved
// (they need no emergency access) or already holding emergency access to the person (it is not extended:
// when it ends, they ask again with a fresh reason, which is reviewed too).
export async function breakGlass(context: AppContext, personId: string, input: { reason: unknown; hours: unknown }): Promise<BreakGlassGranted> {
  requirePermission(context.actor, 'person.read');
  const userId = actingUser(context, 'use emergency access');
  if (!isUuid(personId)) throw new NotFound('The person');
  const access = await requirePersonAccess(context, personId, { category: 'identity', emergency: true });
  if (access.relationship === 'involved') {
    throw new Conflict('You or your team are already involved with this person, so you can open their record without emergency access.');
  }
  const request = validateBreakGlassRequest(input);
  if (!request.ok) throw new InvalidInput(request.problems);
  const { reason, hours } = request.value;
  return inTransaction(context.db, async (trx) => {
    // One request at a time per member of staff, so that two sent together cannot both be granted.
    await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirstOrThrow();
    const now = context.now();
    const running = await trx
      .selectFrom('break_glass')
      .select('ends_at')
      .where('person_id', '=', personId)
      .where('user_id', '=', userId)
      .where('starts_at', '<=', now.toString())
      .where('ends_at', '>', now.toString())
      .executeTakeFirst();
    if (running) throw new Conflict('You already have emergency access to this person’s record. When it ends you can ask again, with the reason then.');
    const endsAt = breakGlassEnds(now, hours);
    const row = await trx
      .insertInto('break_glass')
      .values({
        person_id: personId,
        user_id: userId,
        user_label: context.actor.label,
        role: context.actor.role ?? '',
        agency_id: context.actor.agencyId!,
        reason,
        starts_at: now.toString(),
        ends_at: endsAt.toString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, context, [{ personId, action: 'write', what: `${openingEntry}${hours} ${hours === 1 ? 'hour' : 'hours'}: ${reason}` }]);
    return { id: row.id, endsAt };
  });
}

export interface BreakGlassUse {
  id: string;
  personId: string;
  personName: string;
  userId: string;
  userLabel: string;
  role: string;
  agencyId: string;
  reason: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  // Still running at the time asked.
  running: boolean;
  // Audit entries by the user about the person while it ran, besides the one that opened it.
  actionsDuring: number;
  review: { by: string; at: Temporal.Instant; outcome: BreakGlassOutcome; outcomeLabel: string; note: string | null } | null;
}

interface UseRow {
  id: string;
  person_id: string;
  given_names: string;
  family_name: string;
  preferred_name: string | null;
  user_id: string;
  user_label: string;
  role: string;
  agency_id: string;
  reason: string;
  starts_at: string;
  ends_at: string;
  reviewed_by_label: string | null;
  reviewed_at: string | null;
  review_outcome: string | null;
  review_note: string | null;
  actions_during: number | string;
}

function isOutcome(value: string | null): value is BreakGlassOutcome {
  return value !== null && Object.hasOwn(breakGlassOutcomes, value);
}

function toUse(row: UseRow, now: Temporal.Instant): BreakGlassUse {
  const startsAt = Temporal.Instant.from(row.starts_at);
  const endsAt = Temporal.Instant.from(row.ends_at);
  const outcome = row.review_outcome;
  return {
    id: row.id,
    personId: row.person_id,
    personName: displayName({ givenNames: row.given_names, familyName: row.family_name, preferredName: row.preferred_name }),
    userId: row.user_id,
    userLabel: row.user_label,
    role: row.role,
    agencyId: row.agency_id,
    reason: row.reason,
    startsAt,
    endsAt,
    running: periodCurrent({ startsAt, endsAt }, now),
    actionsDuring: Number(row.actions_during),
    review:
      row.reviewed_at !== null && isOutcome(outcome)
        ? { by: row.reviewed_by_label ?? '', at: Temporal.Instant.from(row.reviewed_at), outcome, outcomeLabel: breakGlassOutcomes[outcome], note: row.review_note }
        : null,
  };
}

// Uses of break-glass with the person's name and how much the user did during each, for the reviewer's
// agency (every agency when Accord itself asks).
function selectUses(context: AppContext) {
  const agencyId = context.actor.kind === 'system' ? null : context.actor.agencyId;
  return context.db
    .selectFrom('break_glass')
    .innerJoin('people', 'people.id', 'break_glass.person_id')
    .select([
      'break_glass.id',
      'break_glass.person_id',
      'people.given_names',
      'people.family_name',
      'people.preferred_name',
      'break_glass.user_id',
      'break_glass.user_label',
      'break_glass.role',
      'break_glass.agency_id',
      'break_glass.reason',
      'break_glass.starts_at',
      'break_glass.ends_at',
      'break_glass.reviewed_by_label',
      'break_glass.reviewed_at',
      'break_glass.review_outcome',
      'break_glass.review_note',
      // Entries after the opening one (a refusal just before it can share its instant) until the end.
      sql<number>`(
        select count(*) from audit_log
        where audit_log.actor_user_id = break_glass.user_id
          and (audit_log.person_id = break_glass.person_id or audit_log.person_ids @> array[break_glass.person_id])
          and audit_log.at >= break_glass.starts_at and audit_log.at < break_glass.ends_at
          and audit_log.sequence > coalesce((
            select opening.sequence from audit_log opening
            where opening.person_id = break_glass.person_id and opening.actor_user_id = break_glass.user_id
              and opening.at = break_glass.starts_at and opening.what like ${`${openingEntry}%`}
            order by opening.sequence desc limit 1
          ), 0)
      )`.as('actions_during'),
    ])
    .$if(agencyId !== null, (query) => query.where('break_glass.agency_id', '=', agencyId!));
}

async function auditShown(context: AppContext, uses: BreakGlassUse[], what: string): Promise<void> {
  if (uses.length === 0) return;
  await recordAudit(context, [{ personId: null, personIds: [...new Set(uses.map((use) => use.personId))], action: 'list', what }]);
}

// The agency's uses of break-glass that no one has reviewed yet, oldest first.
export async function unreviewedBreakGlass(context: AppContext): Promise<BreakGlassUse[]> {
  requirePermission(context.actor, 'break-glass.review');
  const rows = await selectUses(context).where('break_glass.reviewed_at', 'is', null).orderBy('break_glass.starts_at', 'asc').orderBy('break_glass.id').execute();
  const uses = rows.map((row) => toUse(row, context.now()));
  await auditShown(context, uses, 'Shown in the list of emergency access (break-glass) awaiting review');
  return uses;
}

// The agency's most recently reviewed uses of break-glass, newest review first.
export async function recentReviews(context: AppContext, limit = 20): Promise<BreakGlassUse[]> {
  requirePermission(context.actor, 'break-glass.review');
  const rows = await selectUses(context).where('break_glass.reviewed_at', 'is not', null).orderBy('break_glass.reviewed_at', 'desc').orderBy('break_glass.id').limit(limit).execute();
  const uses = rows.map((row) => toUse(row, context.now()));
  await auditShown(context, uses, 'Shown in the list of reviewed emergency access (break-glass)');
  return uses;
}

export interface BreakGlassActivity {
  at: Temporal.Instant;
  action: AuditAction;
  what: string;
  purpose: string;
}

async function findUse(context: AppContext, breakGlassId: string): Promise<BreakGlassUse> {
  if (!isUuid(breakGlassId)) throw new NotFound('The emergency access');
  // Another agency's use is not found rather than refused: the reviewer has no business knowing of it.
  const row = await selectUses(context).where('break_glass.id', '=', breakGlassId).executeTakeFirst();
  if (!row) throw new NotFound('The emergency access');
  return toUse(row, context.now());
}

// One use of break-glass for its reviewer, with everything the user did about the person while it ran
// (what their access history shows), oldest first. The reviewer's look is itself audited.
export async function breakGlassForReview(context: AppContext, breakGlassId: string): Promise<{ use: BreakGlassUse; activity: BreakGlassActivity[] }> {
  requirePermission(context.actor, 'break-glass.review');
  const use = await findUse(context, breakGlassId);
  const opening = await context.db
    .selectFrom('audit_log')
    .select('sequence')
    .where('person_id', '=', use.personId)
    .where('actor_user_id', '=', use.userId)
    .where('at', '=', use.startsAt.toString())
    .where('what', 'like', `${openingEntry}%`)
    .orderBy('sequence', 'desc')
    .executeTakeFirst();
  const rows = await context.db
    .selectFrom('audit_log')
    .select(['at', 'action', 'what', 'purpose'])
    .where('actor_user_id', '=', use.userId)
    .where((where) => where.or([where('person_id', '=', use.personId), sql<boolean>`person_ids @> array[${use.personId}]::uuid[]`]))
    .where('at', '>=', use.startsAt.toString())
    .where('at', '<', use.endsAt.toString())
    .where('sequence', '>=', opening?.sequence ?? 0)
    .orderBy('sequence')
    .limit(500)
    .execute();
  await recordAudit(context, [{ personId: use.personId, action: 'read', what: `Opened emergency access (break-glass) by ${use.userLabel} for review, with what they did during it` }]);
  return {
    use,
    activity: rows.map((row) => ({ at: Temporal.Instant.from(row.at), action: row.action as AuditAction, what: row.what, purpose: row.purpose })),
  };
}

// Records the review of one use of break-glass: by a reviewer of the user's own agency, never the user
// themselves, and once only. The review is written onto the row and to the audit log together.
export async function reviewBreakGlass(context: AppContext, breakGlassId: string, input: { outcome: unknown; note: unknown }): Promise<void> {
  requirePermission(context.actor, 'break-glass.review');
  const reviewerId = actingUser(context, 'review emergency access');
  if (!isUuid(breakGlassId)) throw new NotFound('The emergency access');
  const review = validateBreakGlassReview(input);
  await inTransaction(context.db, async (trx) => {
    const row = await trx
      .selectFrom('break_glass')
      .select(['id', 'person_id', 'user_id', 'user_label', 'agency_id', 'starts_at', 'reviewed_at', 'reviewed_by_label'])
      .where('id', '=', breakGlassId)
      .forUpdate()
      .executeTakeFirst();
    if (!row || row.agency_id !== context.actor.agencyId) throw new NotFound('The emergency access');
    if (row.user_id === reviewerId) throw new PolicyDenied('You cannot review your own emergency access: another reviewer in your agency must.');
    if (row.reviewed_at !== null) throw new Conflict(`This emergency access was already reviewed, by ${row.reviewed_by_label ?? 'another reviewer'}.`);
    if (!review.ok) throw new InvalidInput(review.problems);
    const { outcome, note } = review.value;
    const now = context.now().toString();
    await trx
      .updateTable('break_glass')
      .set({ reviewed_by: reviewerId, reviewed_by_label: context.actor.label, reviewed_at: now, review_outcome: outcome, review_note: note })
      .where('id', '=', breakGlassId)
      .execute();
    await appendAudit(trx, context, [
      { personId: row.person_id, action: 'write', what: `Reviewed emergency access (break-glass) by ${row.user_label}: ${breakGlassOutcomes[outcome]}${note ? `. ${note}` : ''}` },
    ]);
  });
}

