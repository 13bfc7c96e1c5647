import { agencyListState, type AgencyTeam } from '../../app/deadlines/agency-scope.ts';
import { exportDeadlines, isDueKind, openDeadlines, type DeadlineFilter } from '../../app/deadlines/list-deadlines.ts';
import { deadlinesCsv } from '../../app/deadlines/deadlines-csv.ts';
import { closeTask, escalateOverdueTasks, getTask, isTaskRole, isTaskStatus, listTasks, mayCloseTask, taskRoles, type TaskRow, type TaskStatus } from '../../app/deadlines/tasks.ts';
import type { AppContext } from '../../app/context.ts';
import { InvalidInput, PolicyDenied, type FieldProblem } from '../../app/errors.ts';
import { refreshDueProjections } from '../../app/legal/legal-position.ts';
import { listNotifications } from '../../app/notifications/deliver.ts';
import { deadlineState, deadlineStateLabels, dueKindLabels, type DeadlineState } from '../../domain/legal/due-items.ts';
import { roles, type Role } from '../../domain/organisation/roles.ts';
import { formatDateTime, todayInLondon } from '../core/dates.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { pagination } from './pagination.ts';
import { relativeDue } from './relative-time.ts';

// Deadlines, tasks and the outbox of the signed-in user's own agency (a hospital and its wards, a local
// authority's AMHP service). Each list page first brings the agency up to date: people whose deadline
// has passed are recomputed and overdue tasks escalated, which costs one query each when nothing is due.

function agencyOf(context: RequestContext): { app: AppContext; agencyId: string } {
  const app = context.app();
  if (!app.actor.agencyId) throw new PolicyDenied('Your account is not in an agency, so it has no deadlines or tasks');
  return { app, agencyId: app.actor.agencyId };
}

// Brings the agency up to date and gives its wards and teams, for the filters.
async function bringUpToDate(app: AppContext, agencyId: string): Promise<AgencyTeam[]> {
  const { stale, overdue, teams } = await agencyListState(app, agencyId);
  // Recomputing a person's position may make a task overdue, so escalation follows any refresh.
  if (stale) await refreshDueProjections(app, agencyId);
  if (stale || overdue) await escalateOverdueTasks(app, agencyId);
  return teams;
}

function pageNumber(value: unknown): number {
  const page = Number.parseInt(text(value), 10);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

const withinChoices = [1, 3, 7, 14, 28, 90];

interface DeadlineFilterValues extends Record<string, string> {
  team: string;
  kind: string;
  within: string;
}

// The deadline filters as given in the address; each problem names its field.
function readDeadlineFilter(query: Record<string, unknown>, teams: { id: string }[], agencyId: string): { filter: DeadlineFilter; values: DeadlineFilterValues; problems: FieldProblem[] } {
  const values = { team: text(query.team), kind: text(query.kind), within: text(query.within) };
  const problems: FieldProblem[] = [];
  const filter: DeadlineFilter = { agencyId };
  if (values.team !== '') {
    if (teams.some((team) => team.id === values.team)) filter.teamId = values.team;
    else problems.push({ field: 'team', message: 'Select a ward or team of your agency' });
  }
  if (values.kind !== '') {
    if (isDueKind(values.kind)) filter.kind = values.kind;
    else problems.push({ field: 'kind', message: 'Select what is due from the list' });
  }
  if (values.within !== '') {
    const days = Number(values.within);
    if (/^\d{1,4}$/.test(values.within) && days >= 1 && days <= 3650) filter.within = days;
    else problems.push({ field: 'within', message: 'Due within must be a number of days from 1 to 3650' });
  }
  return { filter, values, problems };
}

function queryString(values: Record<string, string>, extra: Record<string, string> = {}): string {
  const parameters = new URLSearchParams(Object.entries({ ...values, ...extra }).filter(([, value]) => value !== ''));
  const encoded = parameters.toString();
  return encoded === '' ? '' : `?${encoded}`;
}

function selectItems(options: { value: string; text: string }[], selected: string, anyText: string) {
  return [{ value: '', text: anyText, selected: selected === '' }, ...options.map((option) => ({ ...option, selected: option.value === selected }))];
}

// How long ago a passed deadline passed, in the words its state calls for.
const passedWords: Record<DeadlineState, string> = { overdue: 'overdue by', open: 'open for', applies: 'applies for', closed: 'closed for', upcoming: '' };

const stateTags: Record<DeadlineState, { text: string; classes: string } | null> = {
  overdue: { text: deadlineStateLabels.overdue, classes: 'govuk-tag--red' },
  open: { text: deadlineStateLabels.open, classes: 'govuk-tag--green' },
  applies: { text: deadlineStateLabels.applies, classes: 'govuk-tag--blue' },
  closed: { text: deadlineStateLabels.closed, classes: 'govuk-tag--grey' },
  upcoming: null,
};

async function deadlinesPage(context: RequestContext) {
  const { app, agencyId } = agencyOf(context);
  const teams = await bringUpToDate(app, agencyId);
  const { filter, values, problems } = readDeadlineFilter(context.query, teams, agencyId);
  const errors: FormErrors = problems.length > 0 ? formErrors(problems) : noErrors;
  const opened = problems.length > 0 ? null : await openDeadlines(app, { ...filter, page: pageNumber(context.query.page) });
  const page = opened?.page ?? null;
  const now = app.now();
  const teamName = teams.find((team) => team.id === filter.teamId)?.name;
  return context.renderWhen(
    opened?.audited ?? Promise.resolve(),
    'pages/deadlines/list.njk',
    {
      title: 'Deadlines',
      agencyName: app.actor.agencyName,
      caption: `What falls due at ${teamName ?? app.actor.agencyName}, most urgent first`,
      values,
      teamItems: selectItems(teams.map((team) => ({ value: team.id, text: team.name })), values.team, 'All wards and teams'),
      kindItems: selectItems(Object.entries(dueKindLabels).map(([value, label]) => ({ value, text: label })), values.kind, 'Everything'),
      withinItems: selectItems(withinChoices.map((days) => ({ value: String(days), text: days === 1 ? '1 day' : `${days} days` })), values.within, 'Any time'),
      csvHref: `/deadlines.csv${queryString(values)}`,
      total: page?.total ?? 0,
      rows: (page?.rows ?? []).map((row) => ({
        personId: row.personId,
        personName: row.personName,
        teamName: row.teamName,
        what: dueKindLabels[row.kind],
        when: formatDateTime(row.due),
        relative: relativeDue(row.due, now, passedWords[deadlineState(row.kind, row.due, now)]),
        provision: row.provision,
        tag: stateTags[deadlineState(row.kind, row.due, now)],
      })),
      pagination: page ? pagination(page, (number) => `/deadlines${queryString(values, number > 1 ? { page: String(number) } : {})}`) : null,
      ...errors,
    },
    problems.length > 0 ? 400 : 200,
  );
}

async function deadlinesCsvExport(context: RequestContext) {
  const { app, agencyId } = agencyOf(context);
  const teams = await bringUpToDate(app, agencyId);
  const { filter, problems } = readDeadlineFilter(context.query, teams, agencyId);
  if (problems.length > 0) throw new InvalidInput(problems);
  const rows = await exportDeadlines(app, filter);
  const today = todayInLondon(app.now()).toString();
  // A byte-order mark, so that spreadsheet programs read names with accents as UTF-8.
  return context.reply
    .code(200)
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="deadlines-${today}.csv"`)
    .header('cache-control', 'no-store')
    .send(`\uFEFF${deadlinesCsv(rows, app.now())}`);
}

function roleLabel(role: string): string {
  return roles[role as Role] ?? role;
}

function taskTags(task: TaskRow) {
  return [
    ...(task.overdue ? [{ text: 'Overdue', classes: 'govuk-tag--red' }] : []),
    ...(task.escalatedAt && task.closedAt === null ? [{ text: 'Escalated', classes: 'govuk-tag--orange' }] : []),
    ...(task.closedAt ? [{ text: 'Closed', classes: 'govuk-tag--grey' }] : []),
  ];
}

const statusLabels: Record<TaskStatus, string> = { open: 'Open', overdue: 'Overdue', closed: 'Closed' };

async function tasksPage(context: RequestContext) {
  const { app, agencyId } = agencyOf(context);
  const teams = await bringUpToDate(app, agencyId);
  const ownRole = app.actor.role;
  // By default, the user's own role's tasks, if their role holds tasks.
  const roleValue = context.query.role === undefined ? (isTaskRole(ownRole) ? ownRole : 'all') : text(context.query.role);
  const values = { role: roleValue, status: text(context.query.status) || 'open', team: text(context.query.team) };
  const problems: FieldProblem[] = [];
  if (values.role !== 'all' && !isTaskRole(values.role)) problems.push({ field: 'role', message: 'Select whose tasks to show from the list' });
  if (!isTaskStatus(values.status)) problems.push({ field: 'status', message: 'Select open, overdue or closed tasks' });
  if (values.team !== '' && !teams.some((team) => team.id === values.team)) problems.push({ field: 'team', message: 'Select a ward or team of your agency' });
  const page =
    problems.length > 0
      ? null
      : await listTasks(app, {
          agencyId,
          role: isTaskRole(values.role) ? values.role : null,
          teamId: values.team || null,
          status: values.status as TaskStatus,
          page: pageNumber(context.query.page),
        });
  const now = app.now();
  return context.render(
    'pages/tasks/list.njk',
    {
      title: 'Tasks',
      caption: `${statusLabels[values.status as TaskStatus] ?? ''} tasks${isTaskRole(values.role) ? ` for the ${roleLabel(values.role).toLowerCase()}` : ''} at ${app.actor.agencyName}`,
      values,
      roleItems: [{ value: 'all', text: 'Everyone', selected: values.role === 'all' }, ...taskRoles.map((role) => ({ value: role, text: roles[role], selected: values.role === role }))],
      statusItems: Object.entries(statusLabels).map(([value, label]) => ({ value, text: label, selected: values.status === value })),
      teamItems: selectItems(teams.map((team) => ({ value: team.id, text: team.name })), values.team, 'All wards and teams'),
      closed: text(context.query.closed) === '1',
      total: page?.total ?? 0,
      showingClosed: values.status === 'closed',
      rows: (page?.rows ?? []).map((task) => ({ ...taskView(task, now), canClose: task.closedAt === null && mayCloseTask(app, task) })),
      pagination: page ? pagination(page, (number) => `/tasks${queryString(values, number > 1 ? { page: String(number) } : {})}`) : null,
      ...(problems.length > 0 ? formErrors(problems) : noErrors),
    },
    problems.length > 0 ? 400 : 200,
  );
}

// A task as the list and its own page show it.
function taskView(task: TaskRow, now: Temporal.Instant) {
  return {
    id: task.id,
    personId: task.personId,
    personName: task.personName,
    title: task.title,
    provision: task.provision,
    role: roleLabel(task.role),
    teamName: task.teamName,
    when: formatDateTime(task.due),
    relative: task.closedAt ? '' : relativeDue(task.due, now),
    closedAt: task.closedAt ? formatDateTime(task.closedAt) : '',
    closedBy: task.closedByLabel,
    closedReason: task.closedReason,
    tags: taskTags(task),
  };
}

async function taskPage(context: RequestContext, note: string, errors: FormErrors = noErrors, status = 200) {
  const app = context.app();
  const task = await getTask(app, context.params.taskId ?? '');
  const now = app.now();
  return context.render(
    'pages/tasks/task.njk',
    {
      title: `Task: ${task.title}`,
      task: { ...taskView(task, now), escalatedAt: task.escalatedAt ? formatDateTime(task.escalatedAt) : '' },
      canClose: task.closedAt === null && mayCloseTask(app, task),
      note,
      ...errors,
      backLink: '/tasks',
    },
    status,
  );
}

async function outboxPage(context: RequestContext) {
  const { app, agencyId } = agencyOf(context);
  const page = await listNotifications(app, { agencyId, page: pageNumber(context.query.page) });
  const statusTags: Record<string, { text: string; classes: string }> = {
    queued: { text: 'Queued', classes: 'govuk-tag--grey' },
    sending: { text: 'Sending', classes: 'govuk-tag--grey' },
    'in-app': { text: 'In Accord only', classes: 'govuk-tag--blue' },
    sent: { text: 'Emailed', classes: 'govuk-tag--green' },
    failed: { text: 'Email failed', classes: 'govuk-tag--red' },
  };
  return context.render('pages/outbox/list.njk', {
    title: 'Outbox',
    caption: `Notifications at ${app.actor.agencyName}, newest first`,
    total: page.total,
    rows: page.rows.map((row) => ({
      created: formatDateTime(row.createdAt),
      to: row.role === 'mha-administrator' ? roleLabel(row.role) : `${roleLabel(row.role)} and Mental Health Act administrator`,
      recipient: row.recipient,
      subject: row.subject,
      body: row.body,
      tag: statusTags[row.status] ?? { text: row.status, classes: 'govuk-tag--grey' },
      failure: row.failure,
    })),
    pagination: pagination(page, (number) => `/outbox${number > 1 ? `?page=${number}` : ''}`),
  });
}

export const deadlineRoutes: Route[] = [
  { method: 'GET', url: '/deadlines', access: 'deadlines.read', purpose: 'Reviewing Mental Health Act deadlines', handler: deadlinesPage },
  { method: 'GET', url: '/deadlines.csv', access: 'deadlines.read', purpose: 'Exporting Mental Health Act deadlines', handler: deadlinesCsvExport },
  { method: 'GET', url: '/tasks', access: 'deadlines.read', purpose: 'Working Mental Health Act tasks', handler: tasksPage },
  { method: 'GET', url: '/tasks/:taskId', access: 'deadlines.read', purpose: 'Working Mental Health Act tasks', handler: (context) => taskPage(context, '') },
  {
    method: 'POST',
    url: '/tasks/:taskId/close',
    access: 'deadlines.read',
    purpose: 'Closing a Mental Health Act task',
    handler: async (context) => {
      const note = text(context.body.note);
      try {
        await closeTask(context.app(), context.params.taskId ?? '', note);
      } catch (error) {
        if (error instanceof InvalidInput) return taskPage(context, note, formErrors(error.problems), 400);
        throw error;
      }
      return context.redirect('/tasks?closed=1');
    },
  },
  { method: 'GET', url: '/outbox', access: 'deadlines.read', purpose: 'Reading the notification outbox', handler: outboxPage },
];
