import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { displayName } from '../../domain/people/person.ts';
import { referralPurposes } from '../../domain/referrals/purposes.ts';
import { validateReferral, type NewReferralInput } from '../../domain/referrals/referral.ts';
import { referralTimers, referralUrgencies, type ReferralUrgency } from '../../domain/referrals/urgencies.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound } from '../errors.ts';
import { requirePermission } from '../policy.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';
import { staffActor, type Staff } from './referral-store.ts';

// Making a referral. Only a member of staff who may change the person's record (involved, with the
// permission to write) refers them: the referral gives the receiving team the referrer's words about
// the person, so it is a sharing decision taken by someone entitled to the record.

export interface ReferralReceiver {
  agencyId: string;
  agencyName: string;
  teams: { id: string; name: string }[];
}

export interface ReferralChoices {
  personName: string;
  receivers: ReferralReceiver[];
}

// What the form offers: every agency on Accord and its teams, other than the referrer's own team.
export async function referralChoices(context: AppContext, personId: string): Promise<ReferralChoices> {
  requirePermission(context.actor, 'person.write');
  const staff = await staffActor(context);
  await requirePersonAccess(context, personId, { category: 'identity', change: true });
  return inTransaction(context.db, async (trx) => {
    const person = await trx.selectFrom('people').select(['given_names', 'family_name', 'preferred_name']).where('id', '=', personId).executeTakeFirst();
    if (!person) throw new NotFound('The person');
    const agencies = await trx.selectFrom('agencies').select(['id', 'name']).where('retired_at', 'is', null).orderBy('name').execute();
    const teams = await trx.selectFrom('teams').select(['id', 'name', 'agency_id']).where('retired_at', 'is', null).orderBy('name').execute();
    await appendAudit(trx, context, [{ personId, action: 'read', what: 'Opened the form to make a referral' }]);
    return {
      personName: displayName({ givenNames: person.given_names, familyName: person.family_name, preferredName: person.preferred_name }),
      receivers: agencies.map((agency) => ({
        agencyId: agency.id,
        agencyName: agency.name,
        teams: teams.filter((team) => team.agency_id === agency.id && team.id !== staff.teamId).map((team) => ({ id: team.id, name: team.name })),
      })),
    };
  });
}

// Writes a referral, sent now, with its timers fixed by its urgency: for a referral made on its own
// (below) and for a crisis call handed to a service (src/app/crisis/calls.ts). The caller has checked it.
export async function insertReferral(
  trx: Transaction<Database>,
  context: AppContext,
  staff: Staff,
  personId: string,
  referral: { purpose: string; urgency: ReferralUrgency; asked: string; referrerWords: string; to: { agencyId: string; teamId: string | null } },
  now: Temporal.Instant,
): Promise<{ id: string }> {
  const timers = referralTimers(referral.urgency, now);
  return trx
    .insertInto('referrals')
    .values({
      person_id: personId,
      purpose: referral.purpose,
      urgency: referral.urgency,
      asked: referral.asked,
      referrer_words: referral.referrerWords,
      from_agency_id: staff.agencyId,
      from_team_id: staff.teamId,
      to_agency_id: referral.to.agencyId,
      to_team_id: referral.to.teamId,
      referred_by: staff.userId,
      referred_by_label: context.actor.label,
      referred_at: now.toString(),
      acknowledge_due: timers.acknowledgeDue.toString(),
      decide_due: timers.decideDue.toString(),
      status: 'sent',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

// Sends a referral about the person to a team or agency. Its timers are fixed now, by its urgency.
export async function makeReferral(context: AppContext, personId: string, input: NewReferralInput): Promise<string> {
  requirePermission(context.actor, 'person.write');
  const staff = await staffActor(context);
  await requirePersonAccess(context, personId, { category: 'identity', change: true });
  // Identifiers from a form: one that is not a uuid names nothing on Accord, and never reaches the database.
  const toAgencyId = input.toAgencyId.trim().toLowerCase();
  const toTeamId = input.toTeamId === null || input.toTeamId.trim() === '' ? null : input.toTeamId.trim().toLowerCase();
  return inTransaction(context.db, async (trx) => {
    const agency = isUuid(toAgencyId) ? await trx.selectFrom('agencies').select('name').where('id', '=', toAgencyId).where('retired_at', 'is', null).executeTakeFirst() : undefined;
    const team =
      agency && toTeamId !== null && isUuid(toTeamId)
        ? await trx.selectFrom('teams').select('name').where('id', '=', toTeamId).where('agency_id', '=', toAgencyId).where('retired_at', 'is', null).executeTakeFirst()
        : undefined;
    const checked = validateReferral(
      { ...input, toAgencyId, toTeamId },
      { from: { agencyId: staff.agencyId, teamId: staff.teamId }, receiverOnAccord: agency !== undefined && (toTeamId === null || team !== undefined) },
    );
    if (!checked.ok) throw new InvalidInput(checked.problems);
    const referral = checked.referral;
    const now = context.now();
    const row = await insertReferral(trx, context, staff, personId, { purpose: referral.purpose, urgency: referral.urgency, asked: referral.asked, referrerWords: referral.referrerWords, to: referral.to }, now);
    const to = team ? `${team.name} (${agency!.name})` : agency!.name;
    await appendAudit(trx, context, [
      { personId, action: 'write', what: `Referred to ${to} for: ${referralPurposes[referral.purpose]} (${referralUrgencies[referral.urgency].label.toLowerCase()})` },
    ]);
    return row.id;
  });
}
