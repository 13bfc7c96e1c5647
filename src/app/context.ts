import type { AccordDatabase } from '../db/database.ts';
import type { Role } from '../domain/organisation/roles.ts';

// Who is acting. A person signed in, a machine client holding an API token, or Accord itself (the CLI
// and the demo seed) acting on an operator's command.
export interface Actor {
  kind: 'user' | 'token' | 'system';
  userId: string | null;
  label: string;
  role: Role | null;
  agencyId: string | null;
  agencyName: string;
}

export interface AppContext {
  db: AccordDatabase;
  now: () => Temporal.Instant;
  actor: Actor;
  // Why the actor is doing this, as recorded in the audit log.
  purpose: string;
}

export function systemActor(label: string): Actor {
  return { kind: 'system', userId: null, label, role: null, agencyId: null, agencyName: 'Accord' };
}

// Timestamps are kept to the millisecond so that what is hashed is what the database gives back.
export function clockNow(): Temporal.Instant {
  return Temporal.Instant.fromEpochMilliseconds(Temporal.Now.instant().epochMilliseconds);
}
