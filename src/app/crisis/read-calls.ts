import { hasOwner } from '../../domain/crisis/calls.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { requirePermission } from '../policy.ts';
import { attachmentsOfCall, type CallAttachment } from './call-attachments.ts';
import { findCall, findCalls, maySeeCall, refuseCall, type Call } from './call-store.ts';

// Reading calls: one call, the open calls, and the three lists of the gap view (calls nobody has in hand,
// calls declined, calls past their timer). Each list holds only the calls the actor may see, and is audited.

async function visibleOpenCalls(context: AppContext, what: string, keep: (call: Call) => boolean): Promise<Call[]> {
  requirePermission(context.actor, 'person.read');
  const calls = await findCalls(context.db, context.now(), { open: true });
  const shown: Call[] = [];
  for (const call of calls) if (keep(call) && (await maySeeCall(context, call))) shown.push(call);
  await recordAudit(context, [{ personId: null, personIds: shown.flatMap((call) => (call.personId ? [call.personId] : [])), action: 'list', what }]);
  return shown;
}

export function listCalls(context: AppContext): Promise<Call[]> {
  return visibleOpenCalls(context, 'Listed open crisis calls', () => true);
}

export function openCallsWithoutOwner(context: AppContext): Promise<Call[]> {
  return visibleOpenCalls(context, 'Listed open crisis calls nobody has taken', (call) => !hasOwner(call.stage));
}

// Calls whose latest handoff was declined and which nobody has yet taken.
export function declinedCalls(context: AppContext): Promise<Call[]> {
  return visibleOpenCalls(context, 'Listed declined crisis calls', (call) => call.stage === 'declined');
}

// Calls whose handoff has not been answered in the time its risk allows.
export function callsPastTimer(context: AppContext): Promise<Call[]> {
  return visibleOpenCalls(context, 'Listed crisis calls past their timer', (call) => call.stage === 'handed-off' && call.handoffs.at(-1)?.timer?.overdue === true);
}

export interface CallView {
  call: Call;
  disagreements: { about: string; raisedBy: string; raisedByAgency: string; withAgency: string; at: Temporal.Instant }[];
  attachments: CallAttachment[];
}

export async function viewCall(context: AppContext, callId: string): Promise<CallView> {
  requirePermission(context.actor, 'person.read');
  const call = await findCall(context.db, callId, context.now());
  if (!(await maySeeCall(context, call))) await refuseCall(context, call, 'You are not a party to this call, and may not read the record of the person it is about.');
  const rows = await context.db
    .selectFrom('crisis_disagreements')
    .innerJoin('agencies as raiser', 'raiser.id', 'crisis_disagreements.raised_by_agency_id')
    .innerJoin('agencies as other', 'other.id', 'crisis_disagreements.with_agency_id')
    .select(['crisis_disagreements.about', 'crisis_disagreements.raised_by_label', 'crisis_disagreements.raised_at', 'raiser.name as raiser_name', 'other.name as other_name'])
    .where('crisis_disagreements.call_id', '=', callId)
    .orderBy('crisis_disagreements.raised_at')
    .execute();
  const attachments = await attachmentsOfCall(context.db, callId);
  await recordAudit(context, [{ personId: call.personId, action: 'read', what: 'Read a crisis call' }]);
  return {
    call,
    disagreements: rows.map((row) => ({ about: row.about, raisedBy: row.raised_by_label, raisedByAgency: row.raiser_name, withAgency: row.other_name, at: Temporal.Instant.from(row.raised_at) })),
    attachments,
  };
}
