import type { AccordDatabase } from '../../db/database.ts';
import type { Role } from '../../domain/organisation/roles.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { systemActor, type AppContext } from '../context.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import { createSession } from './sessions.ts';

// After this many wrong passwords in a row the account is locked for the lockout period.
export const failuresBeforeLockout = 5;
export const lockoutPeriod = Temporal.Duration.from({ minutes: 15 });

export type SignInOutcome =
  | { kind: 'signed-in'; token: string; csrfToken: string }
  | { kind: 'refused' }
  | { kind: 'locked'; until: Temporal.Instant };

export async function signIn(db: AccordDatabase, now: () => Temporal.Instant, username: string, password: string): Promise<SignInOutcome> {
  const user = await db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.display_name', 'users.role', 'users.password_hash', 'users.failed_sign_ins', 'users.locked_until', 'users.disabled_at', 'agencies.id as agency_id', 'agencies.name as agency_name'])
    .where('users.username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
  const at = now();
  const context: AppContext = {
    db,
    now,
    purpose: 'Signing in',
    actor: user
      ? { kind: 'user', userId: user.id, label: user.display_name, role: user.role as Role, agencyId: user.agency_id, agencyName: user.agency_name }
      : systemActor('Unknown account'),
  };
  if (!user || user.password_hash === null || user.disabled_at !== null) {
    await verifyPassword(password, await decoyHash());
    await recordAudit(context, [{ personId: null, action: 'sign-in-failed', what: user ? 'Sign-in refused: the account cannot sign in' : 'Sign-in refused: no such account' }]);
    return { kind: 'refused' };
  }
  if (user.locked_until !== null) {
    const until = Temporal.Instant.from(user.locked_until);
    if (Temporal.Instant.compare(until, at) > 0) {
      await recordAudit(context, [{ personId: null, action: 'sign-in-failed', what: 'Sign-in refused: the account is locked' }]);
      return { kind: 'locked', until };
    }
  }
  if (!(await verifyPassword(password, user.password_hash))) {
    const failures = user.failed_sign_ins + 1;
    const locks = failures >= failuresBeforeLockout;
    const until = at.add(lockoutPeriod);
    await db
      .updateTable('users')
      .set({ failed_sign_ins: locks ? 0 : failures, locked_until: locks ? until.toString() : null })
      .where('id', '=', user.id)
      .execute();
    await recordAudit(context, [{ personId: null, action: 'sign-in-failed', what: locks ? 'Wrong password; the account is now locked' : 'Wrong password' }]);
    return locks ? { kind: 'locked', until } : { kind: 'refused' };
  }
  await db.updateTable('users').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', user.id).execute();
  const session = await createSession(db, user.id, at);
  await recordAudit(context, [{ personId: null, action: 'sign-in', what: 'Signed in' }]);
  return { kind: 'signed-in', ...session };
}
