import { createHash, randomBytes } from 'node:crypto';
import type { AccordDatabase } from '../../db/database.ts';
import type { Role } from '../../domain/organisation/roles.ts';
import type { Actor } from '../context.ts';

export const sessionLifetime = Temporal.Duration.from({ hours: 12 });

export function secretToken(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface SignedInSession {
  actor: Actor;
  csrfToken: string;
  username: string;
  displayName: string;
}

export async function createSession(db: AccordDatabase, userId: string, now: Temporal.Instant): Promise<{ token: string; csrfToken: string }> {
  const token = secretToken();
  const csrfToken = secretToken();
  await db
    .insertInto('sessions')
    .values({ id_hash: hashToken(token), user_id: userId, csrf_token: csrfToken, created_at: now.toString(), expires_at: now.add(sessionLifetime).toString() })
    .execute();
  return { token, csrfToken };
}

// The session a cookie belongs to, if it is current and its account can still sign in.
export async function findSession(db: AccordDatabase, token: string, now: Temporal.Instant): Promise<SignedInSession | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select([
      'sessions.csrf_token',
      'sessions.expires_at',
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.disabled_at',
      'agencies.id as agency_id',
      'agencies.name as agency_name',
    ])
    .where('sessions.id_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.disabled_at !== null) return null;
  if (Temporal.Instant.compare(Temporal.Instant.from(row.expires_at), now) <= 0) return null;
  return {
    actor: {
      kind: 'user',
      userId: row.user_id,
      label: row.display_name,
      role: row.role as Role,
      agencyId: row.agency_id,
      agencyName: row.agency_name,
    },
    csrfToken: row.csrf_token,
    username: row.username,
    displayName: row.display_name,
  };
}

export async function endSession(db: AccordDatabase, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hashToken(token)).execute();
}

// The actor behind an API token, if the token is known and not revoked.
export async function findTokenActor(db: AccordDatabase, token: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('agencies', 'agencies.id', 'api_tokens.agency_id')
    .select(['api_tokens.id', 'api_tokens.name', 'api_tokens.role', 'api_tokens.revoked_at', 'agencies.id as agency_id', 'agencies.name as agency_name'])
    .where('api_tokens.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return null;
  return {
    kind: 'token',
    userId: null,
    label: `API token “${row.name}”`,
    role: row.role as Role,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
  };
}
