import { inTransaction } from '../../db/transaction.ts';
import { z } from 'zod';
import { agencyKindKeys, agencyKinds, type AgencyKind } from '../../domain/organisation/agency-kinds.ts';
import { approvalKindKeys, type ApprovalKind } from '../../domain/organisation/approvals.ts';
import { roleKeys, type Role } from '../../domain/organisation/roles.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { hashPassword, minimumPasswordLength } from '../auth/passwords.ts';
import type { AppContext } from '../context.ts';
import { Conflict, InvalidInput, NotFound } from '../errors.ts';
import { requirePermission } from '../policy.ts';

// Agencies, teams, staff accounts and professional approvals. Every change is written to the audit log
// in the same transaction.

export const agencyInputSchema = z.object({
  name: z.string({ error: 'Enter the agency’s name' }).trim().min(1, { error: 'Enter the agency’s name' }).max(200, { error: 'Name must be 200 characters or fewer' }),
  kind: z.enum(agencyKindKeys, { error: 'Select the kind of agency' }),
});
export type AgencyInput = z.infer<typeof agencyInputSchema>;

export const teamInputSchema = z.object({
  name: z.string({ error: 'Enter the team’s name' }).trim().min(1, { error: 'Enter the team’s name' }).max(200, { error: 'Name must be 200 characters or fewer' }),
});

export const usernamePattern = /^[a-z0-9][a-z0-9.\-_]{1,62}$/;

export const passwordSchema = z
  .string({ error: 'Enter a password' })
  .min(minimumPasswordLength, { error: `Password must be at least ${minimumPasswordLength} characters` })
  .max(1000, { error: 'Password must be 1000 characters or fewer' });

export const staffInputSchema = z.object({
  username: z
    .string({ error: 'Enter a username' })
    .trim()
    .toLowerCase()
    .regex(usernamePattern, { error: 'Username must be 2 to 63 lower-case letters, digits, dots, hyphens or underscores, starting with a letter or digit' }),
  displayName: z.string({ error: 'Enter their full name' }).trim().min(1, { error: 'Enter their full name' }).max(200, { error: 'Full name must be 200 characters or fewer' }),
  email: z
    .string()
    .trim()
    .max(320)
    .optional()
    .transform((value) => (value ? value : null))
    .pipe(z.email({ error: 'Enter an email address in the right format, like name@example.org' }).nullable()),
  agencyId: z.uuid({ error: 'Select their agency' }),
  teamId: z
    .string()
    .optional()
    .transform((value) => (value ? value : null))
    .pipe(z.uuid({ error: 'Select a team from the list' }).nullable()),
  role: z.enum(roleKeys, { error: 'Select their role' }),
});
export type StaffInput = z.infer<typeof staffInputSchema>;

export const approvalInputSchema = z
  .object({
    kind: z.enum(approvalKindKeys, { error: 'Select the approval' }),
    validFrom: z.string({ error: 'Enter the date the approval starts' }).pipe(z.iso.date({ error: 'Date the approval starts must be a real date' })),
    validTo: z
      .string()
      .optional()
      .transform((value) => (value ? value : null))
      .pipe(z.iso.date({ error: 'Date the approval ends must be a real date' }).nullable()),
    approvingBody: z
      .string()
      .trim()
      .max(200, { error: 'Approving body must be 200 characters or fewer' })
      .optional()
      .transform((value) => (value ? value : null)),
  })
  .check((context) => {
    const { validFrom, validTo } = context.value;
    if (validTo && Temporal.PlainDate.compare(Temporal.PlainDate.from(validTo), Temporal.PlainDate.from(validFrom)) < 0) {
      context.issues.push({ code: 'custom', input: validTo, path: ['validTo'], message: 'Date the approval ends must be the same as or after the date it starts' });
    }
  });
export type ApprovalInput = z.infer<typeof approvalInputSchema>;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23505';
}

export async function createAgency(context: AppContext, input: AgencyInput): Promise<string> {
  requirePermission(context.actor, 'administer');
  try {
    return await inTransaction(context.db, async (trx) => {
      const row = await trx.insertInto('agencies').values({ name: input.name, kind: input.kind, created_at: context.now().toString() }).returning('id').executeTakeFirstOrThrow();
      await appendAudit(trx, context, [{ personId: null, action: 'administer', what: `Added agency ${input.name} (${agencyKinds[input.kind as AgencyKind]})` }]);
      return row.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new InvalidInput([{ field: 'name', message: 'An agency with that name already exists' }]);
    throw error;
  }
}

export async function updateAgency(context: AppContext, agencyId: string, input: AgencyInput): Promise<void> {
  requirePermission(context.actor, 'administer');
  try {
    await inTransaction(context.db, async (trx) => {
      const result = await trx.updateTable('agencies').set({ name: input.name, kind: input.kind }).where('id', '=', agencyId).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new NotFound('The agency');
      await appendAudit(trx, context, [{ personId: null, action: 'administer', what: `Changed agency ${input.name} (${agencyKinds[input.kind as AgencyKind]})` }]);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new InvalidInput([{ field: 'name', message: 'An agency with that name already exists' }]);
    throw error;
  }
}

export async function createTeam(context: AppContext, agencyId: string, input: { name: string }): Promise<string> {
  requirePermission(context.actor, 'administer');
  try {
    return await inTransaction(context.db, async (trx) => {
      const agency = await trx.selectFrom('agencies').select('name').where('id', '=', agencyId).executeTakeFirst();
      if (!agency) throw new NotFound('The agency');
      const row = await trx.insertInto('teams').values({ agency_id: agencyId, name: input.name, created_at: context.now().toString() }).returning('id').executeTakeFirstOrThrow();
      await appendAudit(trx, context, [{ personId: null, action: 'administer', what: `Added team ${input.name} to ${agency.name}` }]);
      return row.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new InvalidInput([{ field: 'name', message: 'This agency already has a team with that name' }]);
    throw error;
  }
}

async function checkTeamBelongs(context: AppContext, agencyId: string, teamId: string | null): Promise<void> {
  if (teamId === null) return;
  const team = await context.db.selectFrom('teams').select('agency_id').where('id', '=', teamId).executeTakeFirst();
  if (!team || team.agency_id !== agencyId) throw new InvalidInput([{ field: 'teamId', message: 'Select a team in the same agency' }]);
}

export async function createStaff(context: AppContext, input: StaffInput, password: string, options: { isDemo?: boolean } = {}): Promise<string> {
  requirePermission(context.actor, 'administer');
  const agency = await context.db.selectFrom('agencies').select('name').where('id', '=', input.agencyId).executeTakeFirst();
  if (!agency) throw new InvalidInput([{ field: 'agencyId', message: 'Select their agency' }]);
  await checkTeamBelongs(context, input.agencyId, input.teamId);
  const passwordHash = await hashPassword(password);
  try {
    return await inTransaction(context.db, async (trx) => {
      const row = await trx
        .insertInto('users')
        .values({
          username: input.username,
          display_name: input.displayName,
          email: input.email,
          password_hash: passwordHash,
          agency_id: input.agencyId,
          team_id: input.teamId,
          role: input.role,
          is_demo: options.isDemo ?? false,
          created_at: context.now().toString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(trx, context, [{ personId: null, action: 'administer', what: `Added staff account ${input.username} (${input.displayName}) at ${agency.name} as ${input.role}` }]);
      return row.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('That username is already taken');
    throw error;
  }
}

export async function updateStaff(context: AppContext, userId: string, input: Omit<StaffInput, 'username'>): Promise<void> {
  requirePermission(context.actor, 'administer');
  await checkTeamBelongs(context, input.agencyId, input.teamId);
  await inTransaction(context.db, async (trx) => {
    const result = await trx
      .updateTable('users')
      .set({ display_name: input.displayName, email: input.email, agency_id: input.agencyId, team_id: input.teamId, role: input.role })
      .where('id', '=', userId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new NotFound('The staff account');
    await appendAudit(trx, context, [{ personId: null, action: 'administer', what: `Changed staff account ${input.displayName}: role ${input.role}` }]);
  });
}

export async function setStaffPassword(context: AppContext, userId: string, password: string): Promise<void> {
  requirePermission(context.actor, 'administer');
  const passwordHash = await hashPassword(password);
  await inTransaction(context.db, async (trx) => {
    const result = await trx.updateTable('users').set({ password_hash: passwordHash, failed_sign_ins: 0, locked_until: null }).where('id', '=', userId).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new NotFound('The staff account');
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await appendAudit(trx, context, [{ personId: null, action: 'administer', what: `Set a new password for staff account ${userId}` }]);
  });
}

// Disabling ends the account's sessions at once; it can be enabled again. Nothing is deleted.
export async function setStaffDisabled(context: AppContext, userId: string, disabled: boolean): Promise<void> {
  requirePermission(context.actor, 'administer');
  if (disabled && context.actor.userId === userId) throw new InvalidInput([{ field: 'userId', message: 'You cannot disable your own account' }]);
  await inTransaction(context.db, async (trx) => {
    const result = await trx
      .updateTable('users')
      .set({ disabled_at: disabled ? context.now().toString() : null, failed_sign_ins: 0, locked_until: null })
      .where('id', '=', userId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new NotFound('The staff account');
    if (disabled) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await appendAudit(trx, context, [{ personId: null, action: 'administer', what: `${disabled ? 'Disabled' : 'Enabled'} staff account ${userId}` }]);
  });
}

export async function addApproval(context: AppContext, userId: string, input: ApprovalInput): Promise<string> {
  requirePermission(context.actor, 'administer');
  return inTransaction(context.db, async (trx) => {
    const user = await trx.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
    if (!user) throw new NotFound('The staff account');
    const row = await trx
      .insertInto('approvals')
      .values({
        user_id: userId,
        kind: input.kind,
        valid_from: input.validFrom,
        valid_to: input.validTo,
        approving_body: input.approvingBody,
        recorded_by: context.actor.userId,
        recorded_at: context.now().toString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, context, [
      { personId: null, action: 'administer', what: `Recorded ${input.kind as ApprovalKind} approval for ${user.display_name} from ${input.validFrom}${input.validTo ? ` to ${input.validTo}` : ''}` },
    ]);
    return row.id;
  });
}

// An approval recorded in error, or withdrawn by the approving body, is marked withdrawn with a
// reason; it stays on the account's history.
export async function withdrawApproval(context: AppContext, approvalId: string, reason: string): Promise<void> {
  requirePermission(context.actor, 'administer');
  if (reason.trim() === '') throw new InvalidInput([{ field: 'reason', message: 'Enter why the approval is withdrawn' }]);
  await inTransaction(context.db, async (trx) => {
    const result = await trx
      .updateTable('approvals')
      .set({ withdrawn_at: context.now().toString(), withdrawn_by: context.actor.userId, withdrawn_reason: reason.trim() })
      .where('id', '=', approvalId)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new NotFound('The approval');
    await appendAudit(trx, context, [{ personId: null, action: 'administer', what: `Withdrew approval ${approvalId}: ${reason.trim()}` }]);
  });
}

export type { Role };
