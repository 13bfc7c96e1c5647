import { inTransaction } from '../../db/transaction.ts';
import { isUuid } from '../../domain/identifiers.ts';
import type { DueKind } from '../../domain/legal/due-items.ts';
import { roles, type Role } from '../../domain/organisation/roles.ts';
import { displayName } from '../../domain/people/person.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound, PolicyDenied } from '../errors.ts';
import { requirePermission } from '../policy.ts';
import { listPageSize, pageOffset, requireOwnAgency } from './agency-scope.ts';
import { auditShownPeople } from './shown-audit.ts';

// The work that follows from what falls due. Tasks are made and closed by syncTasks (legal-position.ts)
// as the legal record changes; here they are listed, closed by hand with a note, and escalated when
// their time passes.

// The roles that hold tasks (see due-items.ts).
export const taskRoles = ['mha-administrator', 'responsible-clinician', 'amhp'] as const satisfies readonly Role[];
export type TaskRole = (typeof taskRoles)[number];

export function isTaskRole(value: unknown): value is TaskRole {
  return typeof value === 'string' && (taskRoles as readonly string[]).includes(value);
}

export const taskStatuses = ['open', 'overdue', 'closed'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export function isTaskStatus(value: unknown): value is TaskStatus {
  return typeof value === 'string' && (taskStatuses as readonly string[]).includes(value);
}

export interface TaskFilter {
  agencyId: string;
  role?: TaskRole | null;
  teamId?: string | null;
  status: TaskStatus;
  page: number;
}

export interface TaskRow {
  id: string;
  personId: string;
  personName: string;
  teamName: string | null;
  kind: DueKind;
  role: Role;
  title: string;
  provision: string;
  due: Temporal.Instant;
  overdue: boolean;
  escalatedAt: Temporal.Instant | null;
  closedAt: Temporal.Instant | null;
  closedByLabel: string | null;
  closedReason: string | null;
}

export interface TaskPage {
  rows: TaskRow[];
  total: number;
  page: number;
  pageSize: number;
}

function taskQuery(context: AppContext) {
  return context.db
    .selectFrom('tasks')
    .innerJoin('people', 'people.id', 'tasks.person_id')
    .leftJoin('teams', 'teams.id', 'tasks.team_id');
}

const taskColumns = [
  'tasks.id',
  'tasks.person_id',
  'tasks.agency_id',
  'tasks.kind',
  'tasks.role',
  'tasks.title',
  'tasks.provision',
  'tasks.due',
  'tasks.escalated_at',
  'tasks.closed_at',
  'tasks.closed_by_label',
  'tasks.closed_reason',
  'people.given_names',
  'people.family_name',
  'people.preferred_name',
  'teams.name as team_name',
] as const;

type TaskSelection = {
  id: string;
  person_id: string;
  kind: string;
  role: string;
  title: string;
  provision: string;
  due: string;
  escalated_at: string | null;
  closed_at: string | null;
  closed_by_label: string | null;
  closed_reason: string | null;
  given_names: string;
  family_name: string;
  preferred_name: string | null;
  team_name: string | null;
};

function toTaskRow(row: TaskSelection, now: Temporal.Instant): TaskRow {
  const due = Temporal.Instant.from(row.due);
  return {
    id: row.id,
    personId: row.person_id,
    personName: displayName({ givenNames: row.given_names, familyName: row.family_name, preferredName: row.preferred_name }),
    teamName: row.team_name,
    kind: row.kind as DueKind,
    role: row.role as Role,
    title: row.title,
    provision: row.provision,
    due,
    overdue: row.closed_at === null && Temporal.Instant.compare(due, now) <= 0,
    escalatedAt: row.escalated_at === null ? null : Temporal.Instant.from(row.escalated_at),
    closedAt: row.closed_at === null ? null : Temporal.Instant.from(row.closed_at),
    closedByLabel: row.closed_by_label,
    closedReason: row.closed_reason,
  };
}

export async function listTasks(context: AppContext, filter: TaskFilter): Promise<TaskPage> {
  requireOwnAgency(context, filter.agencyId);
  const now = context.now();
  let query = taskQuery(context).where('tasks.agency_id', '=', filter.agencyId);
  if (filter.role) query = query.where('tasks.role', '=', filter.role);
  if (filter.teamId) query = query.where('tasks.team_id', '=', filter.teamId);
  if (filter.status === 'closed') query = query.where('tasks.closed_at', 'is not', null);
  else query = query.where('tasks.closed_at', 'is', null);
  if (filter.status === 'overdue') query = query.where('tasks.due', '<=', now.toString());
  const offset = pageOffset(filter.page);
  const ordered =
    filter.status === 'closed' ? query.select(taskColumns).orderBy('tasks.closed_at', 'desc') : query.select(taskColumns).orderBy('tasks.due');
  const [rows, count] = await Promise.all([
    ordered.orderBy('tasks.id').limit(listPageSize).offset(offset).execute(),
    query.select((builder) => builder.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  const tasks = rows.map((row) => toTaskRow(row, now));
  await auditShownPeople(context, tasks.map((task) => task.personId), 'Shown in the list of Mental Health Act tasks');
  return { rows: tasks, total: Number(count.count), page: offset / listPageSize + 1, pageSize: listPageSize };
}

// One task, for the page where it is closed. Showing it names the person, so it is audited as a list.
export async function getTask(context: AppContext, taskId: string): Promise<TaskRow> {
  requirePermission(context.actor, 'deadlines.read');
  if (!isUuid(taskId)) throw new NotFound('The task');
  const row = await taskQuery(context).select(taskColumns).where('tasks.id', '=', taskId).executeTakeFirst();
  if (!row) throw new NotFound('The task');
  requireOwnAgency(context, row.agency_id ?? '');
  await auditShownPeople(context, [row.person_id], `Shown a Mental Health Act task: ${row.title}`);
  return toTaskRow(row, context.now());
}

// A task is the work of its role; the Mental Health Act administrator, who keeps the office's list,
// may close any of the agency's tasks.
export function mayCloseTask(context: AppContext, task: Pick<TaskRow, 'role'>): boolean {
  const { actor } = context;
  return actor.kind === 'system' || actor.role === task.role || actor.role === 'mha-administrator';
}

export const closingNoteLimit = 1000;

// Marks a task done by hand (the renewal was sent, the patient told of their rights on paper before it
// was recorded), with a note saying so. Written to the audit log with the change.
export async function closeTask(context: AppContext, taskId: string, note: string): Promise<void> {
  requirePermission(context.actor, 'deadlines.read');
  const trimmed = note.trim();
  if (trimmed === '') throw new InvalidInput([{ field: 'note', message: 'Enter a note saying how the task was done' }]);
  if (trimmed.length > closingNoteLimit) throw new InvalidInput([{ field: 'note', message: `The note must be ${closingNoteLimit} characters or fewer` }]);
  if (!isUuid(taskId)) throw new NotFound('The task');
  await inTransaction(context.db, async (trx) => {
    const task = await trx.selectFrom('tasks').select(['id', 'person_id', 'agency_id', 'role', 'title', 'closed_at']).where('id', '=', taskId).forUpdate().executeTakeFirst();
    if (!task) throw new NotFound('The task');
    requireOwnAgency(context, task.agency_id ?? '');
    if (!mayCloseTask(context, { role: task.role as Role })) {
      throw new PolicyDenied(`This task is for the ${roles[task.role as Role] ?? task.role} or the Mental Health Act administrator to close`);
    }
    if (task.closed_at !== null) throw new InvalidInput([{ field: 'note', message: 'This task is already closed: it cannot be closed again' }]);
    await trx
      .updateTable('tasks')
      .set({ closed_at: context.now().toString(), closed_by: context.actor.userId, closed_by_label: context.actor.label, closed_reason: trimmed })
      .where('id', '=', taskId)
      .execute();
    await appendAudit(trx, context, [{ personId: task.person_id, action: 'write', what: `Closed the task “${task.title}” with a note` }]);
  });
}

// Open tasks whose time has passed are escalated once: escalated_at is set and one notification is
// queued for the task's role (delivery also tells the agency's Mental Health Act administrators).
// Running it again, or twice at once, queues nothing more: the update only takes tasks not yet
// escalated, and a second transaction waiting on the same rows finds them escalated.
//
// The notification does not name the person: it may go by email through an outside service, so it says
// what kind of task is overdue and where to look, and the person is seen only after signing in.
export async function escalateOverdueTasks(context: AppContext, agencyId: string): Promise<number> {
  requireOwnAgency(context, agencyId);
  const now = context.now().toString();
  const due = await context.db
    .selectFrom('tasks')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('closed_at', 'is', null)
    .where('due', '<=', now)
    .where('escalated_at', 'is', null)
    .execute();
  if (due.length === 0) return 0;
  return inTransaction(context.db, async (trx) => {
    const escalated = await trx
      .updateTable('tasks')
      .set({ escalated_at: now })
      .where('id', 'in', due.map((task) => task.id))
      .where('closed_at', 'is', null)
      .where('escalated_at', 'is', null)
      .returning(['id', 'role', 'title', 'provision', 'due'])
      .execute();
    if (escalated.length === 0) return 0;
    const agency = await trx.selectFrom('agencies').select('name').where('id', '=', agencyId).executeTakeFirst();
    await trx
      .insertInto('notifications')
      .values(
        escalated.map((task) => ({
          created_at: now,
          agency_id: agencyId,
          role: task.role,
          task_id: task.id,
          subject: `Overdue Mental Health Act task at ${agency?.name ?? 'your agency'}`,
          body:
            `A task for the ${roles[task.role as Role] ?? task.role} is overdue: ${task.title} (${task.provision}). ` +
            `It was due ${londonText(Temporal.Instant.from(task.due))}. Sign in to Accord and open Tasks to see it.`,
          channel: 'app',
          recipient: null,
          status: 'queued',
        })),
      )
      .execute();
    return escalated.length;
  });
}

function londonText(instant: Temporal.Instant): string {
  return `${instant.toZonedDateTimeISO('Europe/London').toPlainDateTime().toString({ smallestUnit: 'minute' }).replace('T', ' at ')} (London time)`;
}
