import { sql } from 'kysely';
import { inTransaction } from '../../db/transaction.ts';
import { agencyKindKeys, agencyKinds, type AgencyKind } from '../../domain/organisation/agency-kinds.ts';
import { roleKeys, roles, type Role } from '../../domain/organisation/roles.ts';
import { recordCategories, type RecordCategory } from '../../domain/record/categories.ts';
import { lawfulBases, lawfulBasisKeys, isLawfulBasis, type LawfulBasis } from '../../domain/sharing/lawful-bases.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { Conflict, InvalidInput, NotFound, PolicyDenied, type FieldProblem } from '../errors.ts';
import { requirePermission } from '../policy.ts';

// The sharing policy as data an administrator reads and changes: which categories of a person's record
// each kind of agency and role sees (table category_policy; a missing row is a refusal, decided in
// ./person-access.ts), and which role approves a disclosure on each lawful basis (table
// disclosure_approvers). Every change is one transaction with its audit entry, which says exactly what
// was added and removed and why: the audit log is the policy's history.

export type CategoryPolicyMatrix = Record<AgencyKind, Record<Role, RecordCategory[]>>;

const categoryKeys = Object.keys(recordCategories) as RecordCategory[];
export const reasonMaximumLength = 1000;

// Administrators run the service and see no one's record by virtue of that (src/domain/access/permissions.ts):
// their role is neither given sight of records nor made an approver of disclosures.
export const administratorRole: Role = 'system-administrator';
export const administratorSeesNoRecords = 'Administrators run the service and see no one’s record, so their role cannot be given sight of records.';

export function isAgencyKind(value: unknown): value is AgencyKind {
  return typeof value === 'string' && Object.hasOwn(agencyKinds, value);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && Object.hasOwn(roles, value);
}

export function isRecordCategory(value: unknown): value is RecordCategory {
  return typeof value === 'string' && Object.hasOwn(recordCategories, value);
}

// Categories in the order the record lists them, each once.
function inCategoryOrder(categories: Iterable<RecordCategory>): RecordCategory[] {
  const chosen = new Set(categories);
  return categoryKeys.filter((category) => chosen.has(category));
}

function categoryList(categories: readonly RecordCategory[]): string {
  return categories.length === 0 ? 'nothing' : categories.map((category) => recordCategories[category]).join(', ');
}

function knownAgencyKind(value: string): AgencyKind {
  if (!isAgencyKind(value)) throw new NotFound('The kind of agency');
  return value;
}

function knownRole(value: string): Role {
  if (!isRole(value)) throw new NotFound('The role');
  return value;
}

function knownBasis(value: string): LawfulBasis {
  if (!isLawfulBasis(value)) throw new NotFound('The lawful basis');
  return value;
}

function reasonProblem(reason: string): FieldProblem | null {
  if (reason === '') return { field: 'reason', message: 'Enter why you are changing the policy' };
  if (reason.length > reasonMaximumLength) return { field: 'reason', message: `Reason must be ${reasonMaximumLength} characters or fewer` };
  return null;
}

// How the audit entries about one row of the policy begin: the labels to read, and the keys (which do
// not change when a label is reworded) to find the row's history by.
function categoryRowSubject(agencyKind: AgencyKind, role: Role): string {
  return `Sharing policy for ${roles[role]}, ${agencyKinds[agencyKind]} [${agencyKind}/${role}]`;
}

function approverSubject(basis: LawfulBasis): string {
  return `Approver of disclosures on ${lawfulBases[basis]} [${basis}]`;
}

// The policy changed after the administrator opened it: their change was not saved, since it would have
// undone the other change unseen.
export class PolicyChangedMeanwhile extends Conflict {
  constructor() {
    super('Someone changed this policy since you opened it, so your change was not saved');
  }
}

export async function readCategoryPolicy(context: AppContext): Promise<CategoryPolicyMatrix> {
  requirePermission(context.actor, 'administer');
  const rows = await context.db.selectFrom('category_policy').select(['agency_kind', 'role', 'category']).execute();
  const granted = new Map<string, RecordCategory[]>();
  for (const row of rows) {
    if (!isAgencyKind(row.agency_kind) || !isRole(row.role) || !isRecordCategory(row.category)) continue;
    const key = `${row.agency_kind}/${row.role}`;
    granted.set(key, [...(granted.get(key) ?? []), row.category]);
  }
  // Deny by default: a kind of agency and role with no rows sees nothing.
  return Object.fromEntries(
    agencyKindKeys.map((agencyKind) => [agencyKind, Object.fromEntries(roleKeys.map((role) => [role, inCategoryOrder(granted.get(`${agencyKind}/${role}`) ?? [])]))]),
  ) as CategoryPolicyMatrix;
}

async function grantedCategories(executor: AppContext['db'], agencyKind: AgencyKind, role: Role): Promise<RecordCategory[]> {
  const rows = await executor.selectFrom('category_policy').select('category').where('agency_kind', '=', agencyKind).where('role', '=', role).execute();
  return inCategoryOrder(rows.map((row) => row.category).filter(isRecordCategory));
}

export async function categoriesFor(context: AppContext, agencyKind: string, role: string): Promise<RecordCategory[]> {
  requirePermission(context.actor, 'administer');
  return grantedCategories(context.db, knownAgencyKind(agencyKind), knownRole(role));
}

export interface CategoryChange {
  agencyKind: AgencyKind;
  role: Role;
  added: RecordCategory[];
  removed: RecordCategory[];
  // What the kind of agency and role sees now.
  categories: RecordCategory[];
}

// Replaces the categories one kind of agency and role sees. `expected` is the set as the administrator
// saw it: if it has changed since, nothing is saved (PolicyChangedMeanwhile). A change that changes
// nothing writes nothing.
export async function setCategories(
  context: AppContext,
  agencyKind: string,
  role: string,
  categories: readonly string[],
  reason: string,
  options: { expected?: readonly string[] } = {},
): Promise<CategoryChange> {
  requirePermission(context.actor, 'administer');
  const kind = knownAgencyKind(agencyKind);
  const forRole = knownRole(role);
  if (forRole === administratorRole) throw new PolicyDenied(administratorSeesNoRecords);
  const problems: FieldProblem[] = [];
  const unknown = categories.filter((category) => !isRecordCategory(category));
  if (unknown.length > 0) problems.push({ field: 'categories', message: 'Select only categories from the list' });
  const trimmedReason = reason.trim();
  const problem = reasonProblem(trimmedReason);
  if (problem) problems.push(problem);
  if (problems.length > 0) throw new InvalidInput(problems);
  const wanted = inCategoryOrder(categories.filter(isRecordCategory));

  return inTransaction(context.db, async (trx) => {
    // One change to the policy at a time, so each audit entry's "added" and "removed" is against the
    // policy as it truly was. Readers are not held up.
    await sql`lock table category_policy in share row exclusive mode`.execute(trx);
    const current = await grantedCategories(trx, kind, forRole);
    if (options.expected !== undefined) {
      const expected = inCategoryOrder(options.expected.filter(isRecordCategory));
      if (expected.join(',') !== current.join(',')) throw new PolicyChangedMeanwhile();
    }
    const added = wanted.filter((category) => !current.includes(category));
    const removed = current.filter((category) => !wanted.includes(category));
    const change: CategoryChange = { agencyKind: kind, role: forRole, added, removed, categories: wanted };
    if (added.length === 0 && removed.length === 0) return change;
    if (removed.length > 0) {
      await trx.deleteFrom('category_policy').where('agency_kind', '=', kind).where('role', '=', forRole).where('category', 'in', removed).execute();
    }
    if (added.length > 0) {
      await trx
        .insertInto('category_policy')
        .values(added.map((category) => ({ agency_kind: kind, role: forRole, category })))
        .execute();
    }
    await appendAudit(trx, context, [
      {
        personId: null,
        action: 'administer',
        what: `${categoryRowSubject(kind, forRole)}: added ${categoryList(added)}; removed ${categoryList(removed)}; now sees ${categoryList(wanted)}. Reason: ${trimmedReason}`,
      },
    ]);
    return change;
  });
}

// The approving role for each lawful basis; null where none is set (then no disclosure on that basis
// can be approved: deny by default).
export type Approvers = Record<LawfulBasis, Role | null>;

export async function readApprovers(context: AppContext): Promise<Approvers> {
  requirePermission(context.actor, 'administer');
  const rows = await context.db.selectFrom('disclosure_approvers').select(['basis', 'role']).execute();
  const byBasis = new Map(rows.map((row) => [row.basis, row.role]));
  return Object.fromEntries(
    lawfulBasisKeys.map((basis) => {
      const role = byBasis.get(basis);
      return [basis, isRole(role) ? role : null];
    }),
  ) as Approvers;
}

export interface ApproverChange {
  basis: LawfulBasis;
  previous: Role | null;
  role: Role;
}

// The roles that may approve disclosures: every role but the administrator's.
export const approverRoles = roleKeys.filter((role) => role !== administratorRole);

// Names the role that approves disclosures on a lawful basis. `expected` is the approver as the
// administrator saw it (null for none): if it has changed since, nothing is saved.
export async function setApprover(context: AppContext, basis: string, role: string, reason: string, options: { expected?: string | null } = {}): Promise<ApproverChange> {
  requirePermission(context.actor, 'administer');
  const onBasis = knownBasis(basis);
  const problems: FieldProblem[] = [];
  if (!isRole(role)) problems.push({ field: 'role', message: 'Select a role from the list' });
  else if (role === administratorRole) problems.push({ field: 'role', message: 'Select a role other than system administrator: administrators run the service and do not approve disclosures' });
  const trimmedReason = reason.trim();
  const problem = reasonProblem(trimmedReason);
  if (problem) problems.push(problem);
  if (problems.length > 0) throw new InvalidInput(problems);
  const approver = role as Role;

  return inTransaction(context.db, async (trx) => {
    const row = await trx.selectFrom('disclosure_approvers').select('role').where('basis', '=', onBasis).forUpdate().executeTakeFirst();
    const previous = row && isRole(row.role) ? row.role : null;
    if (options.expected !== undefined && options.expected !== previous) throw new PolicyChangedMeanwhile();
    const change: ApproverChange = { basis: onBasis, previous, role: approver };
    if (previous === approver) return change;
    await trx
      .insertInto('disclosure_approvers')
      .values({ basis: onBasis, role: approver })
      .onConflict((conflict) => conflict.column('basis').doUpdateSet({ role: approver }))
      .execute();
    await appendAudit(trx, context, [
      {
        personId: null,
        action: 'administer',
        what: `${approverSubject(onBasis)}: changed from ${previous === null ? 'no one' : roles[previous]} to ${roles[approver]}. Reason: ${trimmedReason}`,
      },
    ]);
    return change;
  });
}

export interface PolicyHistoryEntry {
  at: Temporal.Instant;
  by: string;
  role: string | null;
  agencyName: string | null;
  what: string;
}

export type PolicySubject = { agencyKind: string; role: string } | { basis: string };

// The changes made to one row of the policy, newest first, read back from the audit log.
export async function policyHistory(context: AppContext, subject: PolicySubject, limit = 50): Promise<PolicyHistoryEntry[]> {
  requirePermission(context.actor, 'administer');
  const prefix = 'basis' in subject ? approverSubject(knownBasis(subject.basis)) : categoryRowSubject(knownAgencyKind(subject.agencyKind), knownRole(subject.role));
  const rows = await context.db
    .selectFrom('audit_log')
    .select(['at', 'actor_label', 'actor_role', 'agency_name', 'what'])
    .where('action', '=', 'administer')
    .where(sql<boolean>`starts_with(what, ${`${prefix}: `})`)
    .orderBy('sequence', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    at: Temporal.Instant.from(row.at),
    by: row.actor_label,
    role: row.actor_role,
    agencyName: row.agency_name,
    what: row.what.slice(prefix.length + 2),
  }));
}
