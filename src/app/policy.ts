import { roleMay, type Permission } from '../domain/access/permissions.ts';
import type { Actor } from './context.ts';
import { PolicyDenied } from './errors.ts';

// The one place an application function asks whether the actor may do something.
export function actorMay(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'system') return true;
  return actor.role !== null && roleMay(actor.role, permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actorMay(actor, permission)) throw new PolicyDenied();
}
