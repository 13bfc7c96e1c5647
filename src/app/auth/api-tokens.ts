import { rolesTokensMayHold } from '../../domain/access/permissions.ts';
import { inTransaction } from '../../db/transaction.ts';
import { z } from 'zod';
import { roles, type Role } from '../../domain/organisation/roles.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound, PolicyDenied } from '../errors.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { requirePermission } from '../policy.ts';
import { hashToken, secretToken } from './sessions.ts';

// API tokens let another agency's system call Accord as a machine client. A token acts for one agency
// with one role, and may do what a person with that role may do. Only a hash of the token is kept, so
// the token itself is shown once, when it is made, and cannot be read back.

export const apiTokenPrefix = 'accord_';

export { rolesTokensMayHold };

export const apiTokenInputSchema = z.object({
  name: z
    .string({ error: 'Enter a name for the token' })
    .trim()
    .min(1, { error: 'Enter a name for the token' })
    .max(200, { error: 'Name must be 200 characters or fewer' }),
  agencyId: z.string({ error: 'Select the agency the token acts for' }).refine(isUuid, { error: 'Select the agency the token acts for' }),
  role: z.enum(rolesTokensMayHold, { error: 'Select a role for the token; it cannot be the system administrator role' }),
});
export type ApiTokenInput = z.infer<typeof apiTokenInputSchema>;

export interface ApiTokenSummary {
  id: string;
  name: string;
  agencyId: string;
  agencyName: string;
  role: Role;
  createdAt: string;
  createdByName: string;
  revokedAt: string | null;
}

export interface CreatedApiToken {
  id: string;
  // The token itself. It is not stored and cannot be shown again.
  token: string;
}

export async function createApiToken(context: AppContext, input: ApiTokenInput): Promise<CreatedApiToken> {
  requirePermission(context.actor, 'administer');
  const creator = context.actor.userId;
  if (creator === null) throw new PolicyDenied('An API token is created by a signed-in administrator, who is recorded as its creator');
  const parsed = apiTokenInputSchema.safeParse(input);
  if (!parsed.success) throw new InvalidInput(parsed.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message })));
  const { name, agencyId, role } = parsed.data;
  const token = secretToken(apiTokenPrefix);
  return inTransaction(context.db, async (trx) => {
    const agency = await trx.selectFrom('agencies').select('name').where('id', '=', agencyId).executeTakeFirst();
    if (!agency) throw new InvalidInput([{ field: 'agencyId', message: 'Select the agency the token acts for' }]);
    const row = await trx
      .insertInto('api_tokens')
      .values({ name, token_hash: hashToken(token), agency_id: agencyId, role, created_by: creator, created_at: context.now().toString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, context, [{ personId: null, action: 'administer', what: `Created API token “${name}” (${row.id}) for ${agency.name} as ${roles[role]}` }]);
    return { id: row.id, token };
  });
}

function tokenQuery(context: AppContext) {
  return context.db
    .selectFrom('api_tokens')
    .innerJoin('agencies', 'agencies.id', 'api_tokens.agency_id')
    .innerJoin('users', 'users.id', 'api_tokens.created_by')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.role',
      'api_tokens.created_at',
      'api_tokens.revoked_at',
      'agencies.id as agency_id',
      'agencies.name as agency_name',
      'users.display_name as created_by_name',
    ]);
}

function tokenSummary(row: Awaited<ReturnType<ReturnType<typeof tokenQuery>['executeTakeFirstOrThrow']>>): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    role: row.role as Role,
    createdAt: row.created_at,
    createdByName: row.created_by_name,
    revokedAt: row.revoked_at,
  };
}

export async function listApiTokens(context: AppContext): Promise<ApiTokenSummary[]> {
  requirePermission(context.actor, 'administer');
  const rows = await tokenQuery(context).orderBy('api_tokens.created_at', 'desc').orderBy('api_tokens.name').execute();
  return rows.map(tokenSummary);
}

export async function findApiToken(context: AppContext, tokenId: string): Promise<ApiTokenSummary> {
  requirePermission(context.actor, 'administer');
  if (!isUuid(tokenId)) throw new NotFound('The API token');
  const row = await tokenQuery(context).where('api_tokens.id', '=', tokenId).executeTakeFirst();
  if (!row) throw new NotFound('The API token');
  return tokenSummary(row);
}

// Revoking takes effect on the token's next request. A token already revoked stays revoked as it was,
// so sending the form twice changes nothing.
export async function revokeApiToken(context: AppContext, tokenId: string): Promise<void> {
  requirePermission(context.actor, 'administer');
  if (!isUuid(tokenId)) throw new NotFound('The API token');
  await inTransaction(context.db, async (trx) => {
    const token = await trx.selectFrom('api_tokens').select(['name', 'revoked_at']).where('id', '=', tokenId).forUpdate().executeTakeFirst();
    if (!token) throw new NotFound('The API token');
    if (token.revoked_at !== null) return;
    await trx.updateTable('api_tokens').set({ revoked_at: context.now().toString(), revoked_by: context.actor.userId }).where('id', '=', tokenId).execute();
    await appendAudit(trx, context, [{ personId: null, action: 'administer', what: `Revoked API token “${token.name}” (${tokenId})` }]);
  });
}
