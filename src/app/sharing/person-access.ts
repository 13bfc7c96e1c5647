import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordCategories, type RecordCategory } from '../../domain/record/categories.ts';
import { accessAllows, decidePersonAccess, type AccessFacts, type PersonAccess, type PersonNeed } from '../../domain/sharing/person-access.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { NotFound, PolicyDenied } from '../errors.ts';
import { isUuid } from '../../domain/identifiers.ts';

// The one place Accord decides what a member of staff may see of a person's record: every page, API
// route, export and search asks here. The facts (involvements, break-glass, disclosures to the actor's
// agency or team, the policy for their kind of agency and role) are read in one round trip and decided
// by the domain's rule at the context's time; the answer is kept for the rest of the request.

const decided = new WeakMap<AppContext, Map<string, PersonAccess>>();

function instant(value: string | null): Temporal.Instant | null {
  return value === null ? null : Temporal.Instant.from(value);
}

interface FactRow {
  person_exists: boolean;
  agency_kind: string | null;
  team_id: string | null;
  categories: string[] | null;
  involvements: { id: string; starts_at: string; ends_at: string | null }[] | null;
  break_glass: { id: string; starts_at: string; ends_at: string }[] | null;
  disclosures: { id: string; starts_at: string; ends_at: string; entry_ids: string[]; identity: boolean }[] | null;
}

async function gatherFacts(context: AppContext, personId: string): Promise<AccessFacts> {
  const { actor } = context;
  if (!isUuid(personId)) throw new NotFound('The person');
  if (actor.kind === 'system') return { system: true, involvements: [], breakGlass: [], disclosures: [], categories: [] };
  const agencyId = actor.agencyId;
  const userId = actor.userId;
  // A user's team, from their account; a machine client (an API token) acts for its agency alone.
  const team = userId === null ? sql<string | null>`null::uuid` : sql<string | null>`(select team_id from users where id = ${userId})`;
  const row = await sql<FactRow>`
    select
      exists (select 1 from people where id = ${personId}) as person_exists,
      (select kind from agencies where id = ${agencyId}) as agency_kind,
      ${team} as team_id,
      (select array_agg(category) from category_policy
        where agency_kind = (select kind from agencies where id = ${agencyId}) and role = ${actor.role ?? ''}) as categories,
      (select json_agg(json_build_object('id', id, 'starts_at', starts_at, 'ends_at', ends_at)) from involvements
        where person_id = ${personId} and agency_id = ${agencyId}
          and (user_id = ${userId} or (user_id is null and (team_id is null or team_id = ${team})))) as involvements,
      (select json_agg(json_build_object('id', id, 'starts_at', starts_at, 'ends_at', ends_at)) from break_glass
        where person_id = ${personId} and user_id = ${userId}) as break_glass,
      (select json_agg(json_build_object('id', id, 'starts_at', decided_at, 'ends_at', least(expires_at, coalesce(withdrawn_at, expires_at)), 'entry_ids', entry_ids, 'identity', identity)) from disclosures
        where person_id = ${personId} and recipient_agency_id = ${agencyId} and decision = 'approved'
          and (recipient_team_id is null or recipient_team_id = ${team})) as disclosures
  `.execute(context.db);
  const facts = row.rows[0]!;
  if (!facts.person_exists) throw new NotFound('The person');
  return {
    system: false,
    categories: (facts.categories ?? []).filter((category): category is RecordCategory => Object.hasOwn(recordCategories, category)),
    involvements: (facts.involvements ?? []).map((item) => ({ id: item.id, startsAt: Temporal.Instant.from(item.starts_at), endsAt: instant(item.ends_at) })),
    breakGlass: (facts.break_glass ?? []).map((item) => ({ id: item.id, startsAt: Temporal.Instant.from(item.starts_at), endsAt: Temporal.Instant.from(item.ends_at) })),
    disclosures: (facts.disclosures ?? []).map((item) => ({
      id: item.id,
      startsAt: Temporal.Instant.from(item.starts_at),
      endsAt: Temporal.Instant.from(item.ends_at),
      entryIds: item.entry_ids,
      identity: item.identity,
    })),
  };
}

// The actor's access to one person now; asked once per person per request.
export async function personAccess(context: AppContext, personId: string): Promise<PersonAccess> {
  let known = decided.get(context);
  if (!known) {
    known = new Map();
    decided.set(context, known);
  }
  const cached = known.get(personId);
  if (cached) return cached;
  const access = decidePersonAccess(await gatherFacts(context, personId), context.now());
  known.set(personId, access);
  return access;
}

// The actor's access for what they are about to do, or a refusal: a refusal is written to the audit log
// (in a transaction of its own, so it stands though nothing else happens) and thrown as PolicyDenied with
// the reason in plain words.
export async function requirePersonAccess(context: AppContext, personId: string, need: PersonNeed): Promise<PersonAccess> {
  const access = await personAccess(context, personId);
  const answer = accessAllows(access, need, (category) => recordCategories[category]);
  if (answer.allowed) return access;
  await recordAudit(context, [{ personId, action: 'refused', what: `Refused: ${context.purpose}. ${answer.reason}` }]);
  const mayBreakGlass = access.relationship === 'none' && context.actor.kind === 'user';
  throw new PolicyDenied(answer.reason, mayBreakGlass ? { breakGlassPersonId: personId, audited: true } : { audited: true });
}

// People the actor has a current relationship with (involved, break-glass or an approved disclosure),
// for lists and search: a condition on a query whose `people` rows are being chosen.
export function currentlyRelated(context: AppContext, eb: ExpressionBuilder<Database, 'people'>): Expression<SqlBool> {
  const { actor } = context;
  const now = context.now().toString();
  if (actor.kind === 'system') return sql<boolean>`true`;
  const team = actor.userId === null ? sql`null::uuid` : sql`(select team_id from users where id = ${actor.userId})`;
  return eb.or([
    eb.exists(
      eb
        .selectFrom('involvements')
        .select('involvements.id')
        .whereRef('involvements.person_id', '=', 'people.id')
        .where('involvements.agency_id', '=', actor.agencyId)
        .where('involvements.starts_at', '<=', now)
        .where((inner) => inner.or([inner('involvements.ends_at', 'is', null), inner('involvements.ends_at', '>', now)]))
        .where(sql<boolean>`(involvements.user_id = ${actor.userId} or (involvements.user_id is null and (involvements.team_id is null or involvements.team_id = ${team})))`),
    ),
    eb.exists(
      eb
        .selectFrom('break_glass')
        .select('break_glass.id')
        .whereRef('break_glass.person_id', '=', 'people.id')
        .where('break_glass.user_id', '=', actor.userId)
        .where('break_glass.starts_at', '<=', now)
        .where('break_glass.ends_at', '>', now),
    ),
    eb.exists(
      eb
        .selectFrom('disclosures')
        .select('disclosures.id')
        .whereRef('disclosures.person_id', '=', 'people.id')
        .where('disclosures.recipient_agency_id', '=', actor.agencyId)
        .where('disclosures.decision', '=', 'approved')
        .where('disclosures.expires_at', '>', now)
        .where((inner) => inner.or([inner('disclosures.withdrawn_at', 'is', null), inner('disclosures.withdrawn_at', '>', now)]))
        .where(sql<boolean>`(disclosures.recipient_team_id is null or disclosures.recipient_team_id = ${team})`),
    ),
  ]);
}
