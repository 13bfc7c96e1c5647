import { insertReferral } from '../referrals/make-referral.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { callCategories, callOutcomes, decideThreshold, riskLevels, thresholdRoutes, urgencyForRisk, validateCall, validateDisagreement, validateOutcome, type NewCallInput, type ThresholdInput } from '../../domain/crisis/calls.ts';
import { belongsTo, takeStep } from '../../domain/referrals/referral.ts';
import type { Role } from '../../domain/organisation/roles.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput } from '../errors.ts';
import { requirePermission } from '../policy.ts';
import { queueNotification, staffActor } from '../referrals/referral-store.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';
import { callParties, findCall, maySeeCall, refuseCall } from './call-store.ts';

// What a member of staff does with a crisis call: raise it, take the threshold decision, hand it to a
// service (as a referral, purpose 'crisis-response'), close it with its outcome, record a disagreement.
// Each is one transaction with its audit entry.

// Right Care, Right Person: the threshold decision is the police control room's.
export const thresholdRoles: readonly Role[] = ['police-control-room', 'police-officer'];

export async function raiseCall(context: AppContext, input: NewCallInput): Promise<string> {
  requirePermission(context.actor, 'person.write');
  const staff = await staffActor(context);
  const personId = input.personId === null || input.personId.trim() === '' ? null : input.personId.trim().toLowerCase();
  if (personId !== null && !isUuid(personId)) throw new InvalidInput([{ field: 'personId', message: 'Select a person on Accord, or leave it empty and describe them' }]);
  const checked = validateCall({ ...input, personId });
  if (!checked.ok) throw new InvalidInput(checked.problems);
  const call = checked.call;
  // Linking the call to a record says who it is about: only someone who may see who the person is may.
  if (call.personId !== null) await requirePersonAccess(context, call.personId, { category: 'identity' });
  return inTransaction(context.db, async (trx) => {
    const now = context.now().toString();
    const row = await trx
      .insertInto('crisis_calls')
      .values({
        category: call.category,
        caller: call.caller,
        location: call.location,
        concern: call.concern,
        risk: call.risk,
        risk_known: call.riskKnown,
        person_id: call.personId,
        person_description: call.personDescription,
        agency_id: staff.agencyId,
        team_id: staff.teamId,
        raised_by: staff.userId,
        raised_by_label: context.actor.label,
        raised_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, context, [{ personId: call.personId, action: 'write', what: `Raised a crisis call: ${callCategories[call.category]} (${riskLevels[call.risk].label.toLowerCase()} risk)` }]);
    return row.id;
  });
}

// Links a call taken about someone unknown to their record, once they are on Accord, so it can be handed off.
export async function linkCallPerson(context: AppContext, callId: string, personId: string): Promise<void> {
  requirePermission(context.actor, 'person.write');
  const trimmed = personId.trim().toLowerCase();
  if (!isUuid(trimmed)) throw new InvalidInput([{ field: 'personId', message: 'Select the person on Accord' }]);
  const call = await findCall(context.db, callId, context.now());
  if (context.actor.agencyId !== call.agencyId) await refuseCall(context, call, 'Only the agency that raised the call can link it to a person.');
  await requirePersonAccess(context, trimmed, { category: 'identity', change: true });
  await inTransaction(context.db, async (trx) => {
    const locked = await findCall(trx, callId, context.now(), { forUpdate: true });
    if (locked.personId !== null) throw new InvalidInput([{ field: 'personId', message: 'This call is already linked to a person' }]);
    await trx.updateTable('crisis_calls').set({ person_id: trimmed }).where('id', '=', callId).execute();
    await appendAudit(trx, context, [{ personId: trimmed, action: 'write', what: `Linked a crisis call (${callCategories[locked.category]}) to the person's record` }]);
  });
}

export async function recordThresholdDecision(context: AppContext, callId: string, input: ThresholdInput): Promise<void> {
  requirePermission(context.actor, 'person.write');
  const call = await findCall(context.db, callId, context.now());
  if (context.actor.kind !== 'user' || context.actor.role === null || !thresholdRoles.includes(context.actor.role)) {
    await refuseCall(context, call, 'The threshold decision is taken in the police control room.');
  }
  if (!(await maySeeCall(context, call))) await refuseCall(context, call, 'You are not a party to this call.');
  const checked = decideThreshold(input);
  if (!checked.ok) throw new InvalidInput(checked.problems);
  const decision = checked.decision;
  await inTransaction(context.db, async (trx) => {
    const locked = await findCall(trx, callId, context.now(), { forUpdate: true });
    if (locked.threshold !== null) throw new InvalidInput([{ field: 'crime', message: 'The threshold decision for this call has already been recorded' }]);
    if (locked.outcome !== null) throw new InvalidInput([{ field: 'crime', message: 'This call is closed' }]);
    await trx
      .updateTable('crisis_calls')
      .set({
        threshold_crime: decision.crime,
        threshold_risk_to_life: decision.riskToLife,
        threshold_reasons: decision.reasons,
        threshold_route: decision.route,
        threshold_by: context.actor.userId,
        threshold_by_label: context.actor.label,
        threshold_at: context.now().toString(),
      })
      .where('id', '=', callId)
      .execute();
    await appendAudit(trx, context, [{ personId: locked.personId, action: 'write', what: `Threshold decision on a crisis call: ${thresholdRoutes[decision.route]}. Reasons: ${decision.reasons}` }]);
  });
}

// Hands the call to a service from the directory: a referral about the person to the service's team,
// its urgency (and so its timers and escalation) set by the call's risk.
export async function handOffCall(context: AppContext, callId: string, input: { serviceId: string; asked: string }): Promise<string> {
  requirePermission(context.actor, 'person.write');
  const staff = await staffActor(context);
  const call = await findCall(context.db, callId, context.now());
  if (staff.agencyId !== call.agencyId) await refuseCall(context, call, 'Only the agency that raised the call can hand it to a service.');
  if (call.personId !== null) await requirePersonAccess(context, call.personId, { category: 'identity', change: true });
  const serviceId = input.serviceId.trim().toLowerCase();
  return inTransaction(context.db, async (trx) => {
    const locked = await findCall(trx, callId, context.now(), { forUpdate: true });
    const service = isUuid(serviceId) ? await trx.selectFrom('crisis_services').selectAll().where('id', '=', serviceId).where('retired_at', 'is', null).executeTakeFirst() : undefined;
    const problems = [];
    if (locked.outcome !== null) problems.push({ field: 'serviceId', message: 'This call is closed' });
    else if (locked.threshold === null) problems.push({ field: 'serviceId', message: 'Record the threshold decision before handing the call to a service' });
    else if (locked.threshold.route === 'police-attend') problems.push({ field: 'serviceId', message: 'The threshold decision was that the police attend: the call is theirs' });
    else if (locked.stage === 'handed-off' || locked.stage === 'accepted') problems.push({ field: 'serviceId', message: 'This call is already with a service: it can be handed on only once that service declines it' });
    else if (locked.personId === null) problems.push({ field: 'serviceId', message: 'Add the person to Accord and link them to this call before handing it to a service' });
    if (problems.length === 0 && !service) problems.push({ field: 'serviceId', message: 'Select a service from the directory' });
    const asked = input.asked.trim();
    if (asked === '') problems.push({ field: 'asked', message: 'Enter what you are asking the service to do' });
    else if (asked.length > 4000) problems.push({ field: 'asked', message: 'What you are asking must be 4000 characters or fewer' });
    if (problems.length > 0 || !service || locked.personId === null) throw new InvalidInput(problems);
    if (service.agency_id === staff.agencyId && service.team_id === staff.teamId) throw new InvalidInput([{ field: 'serviceId', message: 'Select another service: this one is your own team' }]);
    const now = context.now();
    const urgency = urgencyForRisk(locked.risk);
    const referral = await insertReferral(
      trx,
      context,
      staff,
      locked.personId,
      {
        purpose: 'crisis-response',
        urgency,
        asked,
        referrerWords: `${callCategories[locked.category]} at ${locked.location}, raised by ${locked.caller}. ${locked.concern}\n\nWhat is known of the risk (${riskLevels[locked.risk].label.toLowerCase()}): ${locked.riskKnown}`,
        to: { agencyId: service.agency_id, teamId: service.team_id },
      },
      now,
    );
    await trx.insertInto('crisis_call_handoffs').values({ call_id: callId, service_id: service.id, referral_id: referral.id, handed_off_at: now.toString() }).execute();
    await appendAudit(trx, context, [{ personId: locked.personId, action: 'write', what: `Handed a crisis call to ${service.name} (${urgency})` }]);
    return referral.id;
  });
}

// Closes the call with its outcome. The police close a call they attended; otherwise only the service that
// accepted it does, and its handoff referral is closed with it, in the same transaction.
export async function closeCall(context: AppContext, callId: string, input: { outcome: string; detail: string }): Promise<void> {
  requirePermission(context.actor, 'person.write');
  const staff = await staffActor(context);
  const call = await findCall(context.db, callId, context.now());
  const accepted = call.handoffs.find((handoff) => handoff.status === 'accepted') ?? null;
  const owner =
    call.stage === 'police-attending'
      ? staff.agencyId === call.agencyId
      : call.stage === 'accepted' && accepted !== null && belongsTo(staff, { agencyId: accepted.toAgencyId, teamId: accepted.toTeamId });
  if (!owner && call.stage !== 'closed') {
    if (call.stage === 'police-attending' || call.stage === 'accepted') await refuseCall(context, call, 'Only whoever has the call in hand can close it.');
    throw new InvalidInput([{ field: 'outcome', message: 'Nobody has taken this call yet: it can be closed only by the police attending or the service that accepted it' }]);
  }
  const checked = validateOutcome(input);
  if (!checked.ok) throw new InvalidInput(checked.problems);
  await inTransaction(context.db, async (trx) => {
    const locked = await findCall(trx, callId, context.now(), { forUpdate: true });
    if (locked.outcome !== null) throw new InvalidInput([{ field: 'outcome', message: 'This call is already closed' }]);
    const at = context.now();
    const words = `${callOutcomes[checked.outcome].label}: ${checked.detail}`;
    await trx
      .updateTable('crisis_calls')
      .set({ outcome: checked.outcome, outcome_detail: checked.detail, closed_by: context.actor.userId, closed_by_label: context.actor.label, closed_by_agency_id: staff.agencyId, closed_at: at.toString() })
      .where('id', '=', callId)
      .execute();
    const handoff = locked.handoffs.find((item) => item.status === 'accepted');
    if (handoff) {
      // The referral's own outcome: could not be found is work not done; every other outcome is the call answered.
      const referralOutcome = checked.outcome === 'not-found' ? 'not-completed' : 'completed';
      const referral = await trx.selectFrom('referrals').selectAll().where('id', '=', handoff.referralId).forUpdate().executeTakeFirstOrThrow();
      const step = takeStep(
        { status: 'accepted', acknowledged: null, decision: null, closed: null, withdrawn: null },
        { kind: 'close', outcome: referralOutcome, note: words },
        { at, by: context.actor.label },
      );
      if (!step.ok || referral.status !== 'accepted') throw new InvalidInput([{ field: 'outcome', message: 'The handoff is no longer accepted: read the call again' }]);
      await trx
        .updateTable('referrals')
        .set({ status: 'closed', outcome: referralOutcome, outcome_note: words, closed_by: context.actor.userId, closed_by_label: context.actor.label, closed_at: at.toString() })
        .where('id', '=', handoff.referralId)
        .execute();
    }
    await appendAudit(trx, context, [{ personId: locked.personId, action: 'write', what: `Closed a crisis call. Outcome: ${words}` }]);
  });
}

// A disagreement between the actor's agency and another that has had the call. It goes to the named
// lead of each: the lead of the team that has the call in each agency, or the agency's administrators
// when none is named.
export async function recordDisagreement(context: AppContext, callId: string, input: { about: string; withAgencyId: string }): Promise<string> {
  requirePermission(context.actor, 'person.write');
  const staff = await staffActor(context);
  const call = await findCall(context.db, callId, context.now());
  const parties = callParties(call);
  if (!parties.includes(staff.agencyId)) await refuseCall(context, call, 'Only an agency that has had the call can record a disagreement about it.');
  const withAgencyId = input.withAgencyId.trim().toLowerCase();
  const checked = validateDisagreement({ about: input.about, withAgencyId }, { otherAgencyIsParty: withAgencyId !== staff.agencyId && parties.includes(withAgencyId) });
  if (!checked.ok) throw new InvalidInput(checked.problems);
  return inTransaction(context.db, async (trx) => {
    const at = context.now();
    const row = await trx
      .insertInto('crisis_disagreements')
      .values({ call_id: callId, about: checked.about, raised_by_agency_id: staff.agencyId, with_agency_id: withAgencyId, raised_by: staff.userId, raised_by_label: context.actor.label, raised_at: at.toString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const teamOf = (agencyId: string) => (agencyId === call.agencyId ? call.teamId : (call.handoffs.findLast((handoff) => handoff.toAgencyId === agencyId)?.toTeamId ?? null));
    for (const agencyId of [staff.agencyId, withAgencyId]) {
      const teamId = teamOf(agencyId);
      const lead =
        teamId === null
          ? undefined
          : await trx.selectFrom('teams').innerJoin('users', 'users.id', 'teams.lead_user_id').select(['users.display_name', 'users.role']).where('teams.id', '=', teamId).where('users.disabled_at', 'is', null).executeTakeFirst();
      // Not naming the person: the notification may leave Accord by email.
      await queueNotification(trx, {
        at,
        agencyId,
        role: lead?.role ?? 'system-administrator',
        recipient: lead?.display_name ?? null,
        subject: lead ? 'A disagreement between agencies about a crisis call' : 'A disagreement about a crisis call: no lead is named',
        body: `${context.actor.agencyName} has recorded a disagreement about a crisis call (${callCategories[call.category]}). Sign in to Accord and open Calls to read it.${lead ? '' : ' No lead is named for the team: name one so that disagreements reach someone.'}`,
      });
    }
    await appendAudit(trx, context, [{ personId: call.personId, action: 'write', what: `Recorded a disagreement about a crisis call: ${checked.about}` }]);
    return row.id;
  });
}
