import { inTransaction } from '../../db/transaction.ts';
import { todayInLondon } from '../../domain/london-time.ts';
import { checkCommunityOrder, orderKinds, type CommunityOrderInput } from '../../domain/mhtr/court.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { PolicyDenied } from '../errors.ts';
import { unwrap } from './case-store.ts';

// A community order made without a mental health treatment requirement, counted so that uptake (orders
// with the requirement among all community orders) can be shown. It names no one, so no relationship with
// a person is needed; it is recorded by the court.
export async function recordCommunityOrder(context: AppContext, input: CommunityOrderInput): Promise<{ orderId: string }> {
  if (context.actor.kind !== 'system' && context.actor.role !== 'court-officer') throw new PolicyDenied('Community orders are recorded by a court officer');
  const order = unwrap(checkCommunityOrder(input, todayInLondon(context.now())));
  return inTransaction(context.db, async (trx) => {
    const row = await trx
      .insertInto('community_orders')
      .values({
        made_on: order.madeOn.toString(),
        order_kind: order.orderKind,
        requirements: order.requirements,
        mhtr_case_id: null,
        court_agency_id: context.actor.agencyId,
        recorded_by: context.actor.userId,
        recorded_by_label: context.actor.label,
        recorded_at: context.now().toString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, context, [{ personId: null, action: 'write', what: `Recorded a ${orderKinds[order.orderKind].toLowerCase()} made on ${order.madeOn.toString()} without a mental health treatment requirement` }]);
    return { orderId: row.id };
  });
}
