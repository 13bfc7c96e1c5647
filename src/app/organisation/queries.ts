import { isUuid } from '../../domain/identifiers.ts';
import type { AgencyKind } from '../../domain/organisation/agency-kinds.ts';
import type { ApprovalKind } from '../../domain/organisation/approvals.ts';
import type { Role } from '../../domain/organisation/roles.ts';
import type { AppContext } from '../context.ts';
import { NotFound } from '../errors.ts';
import { requirePermission } from '../policy.ts';

// What the administration pages read about agencies, teams, staff and approvals. Reads only; the
// changes are in organisation.ts.

// PostgreSQL refuses a malformed uuid with an error rather than finding nothing, so an identifier from
// outside (a web address) is checked before it reaches a query.

export interface AgencySummary {
  id: string;
  name: string;
  kind: AgencyKind;
  teamCount: number;
  staffCount: number;
}

export interface TeamSummary {
  id: string;
  name: string;
  agencyId: string;
  agencyName: string;
  staffCount: number;
  // The team's named lead, to whom its overdue referrals are escalated.
  leadUserId: string | null;
  leadName: string | null;
}

export interface StaffSummary {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  agencyId: string;
  agencyName: string;
  teamId: string | null;
  teamName: string | null;
  disabledAt: string | null;
  lockedUntil: string | null;
}

export interface ApprovalRecord {
  id: string;
  userId: string;
  kind: ApprovalKind;
  validFrom: Temporal.PlainDate;
  validTo: Temporal.PlainDate | null;
  approvingBody: string | null;
  recordedAt: string;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
}

export interface AgencyDetails {
  id: string;
  name: string;
  kind: AgencyKind;
  teams: TeamSummary[];
  staff: StaffSummary[];
}

export interface StaffDetails extends StaffSummary {
  createdAt: string;
  approvals: ApprovalRecord[];
}

export async function listAgencies(context: AppContext): Promise<AgencySummary[]> {
  requirePermission(context.actor, 'administer');
  const rows = await context.db
    .selectFrom('agencies')
    .select((builder) => [
      'agencies.id',
      'agencies.name',
      'agencies.kind',
      builder.selectFrom('teams').select(builder.fn.countAll<number>().as('count')).whereRef('teams.agency_id', '=', 'agencies.id').as('team_count'),
      builder.selectFrom('users').select(builder.fn.countAll<number>().as('count')).whereRef('users.agency_id', '=', 'agencies.id').as('staff_count'),
    ])
    .orderBy('agencies.name')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind as AgencyKind,
    teamCount: Number(row.team_count ?? 0),
    staffCount: Number(row.staff_count ?? 0),
  }));
}

export async function listTeams(context: AppContext, filter: { agencyId?: string } = {}): Promise<TeamSummary[]> {
  requirePermission(context.actor, 'administer');
  if (filter.agencyId !== undefined && !isUuid(filter.agencyId)) return [];
  let query = context.db
    .selectFrom('teams')
    .innerJoin('agencies', 'agencies.id', 'teams.agency_id')
    .leftJoin('users as lead', 'lead.id', 'teams.lead_user_id')
    .select((builder) => [
      'teams.id',
      'teams.name',
      'teams.lead_user_id',
      'lead.display_name as lead_name',
      'agencies.id as agency_id',
      'agencies.name as agency_name',
      builder.selectFrom('users').select(builder.fn.countAll<number>().as('count')).whereRef('users.team_id', '=', 'teams.id').as('staff_count'),
    ])
    .orderBy('agencies.name')
    .orderBy('teams.name');
  if (filter.agencyId !== undefined) query = query.where('teams.agency_id', '=', filter.agencyId);
  const rows = await query.execute();
  return rows.map((row) => ({ id: row.id, name: row.name, agencyId: row.agency_id, agencyName: row.agency_name, staffCount: Number(row.staff_count ?? 0), leadUserId: row.lead_user_id, leadName: row.lead_name }));
}

function staffQuery(context: AppContext) {
  return context.db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .leftJoin('teams', 'teams.id', 'users.team_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.email',
      'users.role',
      'users.disabled_at',
      'users.locked_until',
      'users.created_at',
      'agencies.id as agency_id',
      'agencies.name as agency_name',
      'teams.id as team_id',
      'teams.name as team_name',
    ]);
}

type StaffRow = Awaited<ReturnType<ReturnType<typeof staffQuery>['executeTakeFirstOrThrow']>>;

function staffSummary(row: StaffRow): StaffSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    role: row.role as Role,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    teamId: row.team_id,
    teamName: row.team_name,
    disabledAt: row.disabled_at,
    lockedUntil: row.locked_until,
  };
}

export async function listStaff(context: AppContext, filter: { agencyId?: string } = {}): Promise<StaffSummary[]> {
  requirePermission(context.actor, 'administer');
  if (filter.agencyId !== undefined && !isUuid(filter.agencyId)) return [];
  let query = staffQuery(context).orderBy('users.display_name').orderBy('users.username');
  if (filter.agencyId !== undefined) query = query.where('users.agency_id', '=', filter.agencyId);
  const rows = await query.execute();
  return rows.map(staffSummary);
}

export async function findAgency(context: AppContext, agencyId: string): Promise<AgencyDetails> {
  requirePermission(context.actor, 'administer');
  if (!isUuid(agencyId)) throw new NotFound('The agency');
  const agency = await context.db.selectFrom('agencies').select(['id', 'name', 'kind']).where('id', '=', agencyId).executeTakeFirst();
  if (!agency) throw new NotFound('The agency');
  const [teams, staff] = await Promise.all([listTeams(context, { agencyId }), listStaff(context, { agencyId })]);
  return { id: agency.id, name: agency.name, kind: agency.kind as AgencyKind, teams, staff };
}

function approvalRecord(row: {
  id: string;
  user_id: string;
  kind: string;
  valid_from: string;
  valid_to: string | null;
  approving_body: string | null;
  recorded_at: string;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
}): ApprovalRecord {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind as ApprovalKind,
    validFrom: Temporal.PlainDate.from(row.valid_from),
    validTo: row.valid_to === null ? null : Temporal.PlainDate.from(row.valid_to),
    approvingBody: row.approving_body,
    recordedAt: row.recorded_at,
    withdrawnAt: row.withdrawn_at,
    withdrawnReason: row.withdrawn_reason,
  };
}

const approvalColumns = ['id', 'user_id', 'kind', 'valid_from', 'valid_to', 'approving_body', 'recorded_at', 'withdrawn_at', 'withdrawn_reason'] as const;

export async function findStaff(context: AppContext, userId: string): Promise<StaffDetails> {
  requirePermission(context.actor, 'administer');
  if (!isUuid(userId)) throw new NotFound('The staff account');
  const row = await staffQuery(context).where('users.id', '=', userId).executeTakeFirst();
  if (!row) throw new NotFound('The staff account');
  const approvals = await context.db
    .selectFrom('approvals')
    .select([...approvalColumns])
    .where('user_id', '=', userId)
    .orderBy('valid_from', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute();
  return { ...staffSummary(row), createdAt: row.created_at, approvals: approvals.map(approvalRecord) };
}

// An approval, found only through the account it belongs to, so that a web address cannot pair one
// person's account with another's approval.
export async function findApproval(context: AppContext, userId: string, approvalId: string): Promise<ApprovalRecord> {
  requirePermission(context.actor, 'administer');
  if (!isUuid(userId) || !isUuid(approvalId)) throw new NotFound('The approval');
  const row = await context.db.selectFrom('approvals').select([...approvalColumns]).where('id', '=', approvalId).where('user_id', '=', userId).executeTakeFirst();
  if (!row) throw new NotFound('The approval');
  return approvalRecord(row);
}
