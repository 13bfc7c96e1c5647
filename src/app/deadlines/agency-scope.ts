import type { AppContext } from '../context.ts';
import { PolicyDenied } from '../errors.ts';
import { requirePermission } from '../policy.ts';

// Deadlines, tasks and the outbox belong to one agency: staff see and work their own agency's only.
// Accord itself (the scheduled sweep, the command line) acts for every agency.
export function requireOwnAgency(context: AppContext, agencyId: string): void {
  requirePermission(context.actor, 'deadlines.read');
  if (context.actor.kind === 'system') return;
  if (context.actor.agencyId === null || context.actor.agencyId !== agencyId) {
    throw new PolicyDenied('You can see the deadlines and tasks of your own agency only');
  }
}

export const listPageSize = 50;

// Pages are counted from 1; anything else asked for is read as the first page.
export function pageOffset(page: number): number {
  return (Number.isInteger(page) && page > 1 ? page - 1 : 0) * listPageSize;
}
