import { z } from 'zod';
import { Conflict, type FieldProblem } from '../../app/errors.ts';
import { createStaff, passwordSchema, setStaffDisabled, setStaffPassword, staffInputSchema, updateStaff } from '../../app/organisation/organisation.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { findStaff, listAgencies, listStaff, listTeams, type AgencySummary, type StaffDetails, type StaffSummary } from '../../app/organisation/queries.ts';
import { parseWith } from '../../app/people/person-input.ts';
import { minimumPasswordLength } from '../../app/auth/passwords.ts';
import { approvalHoldsOn, approvalKinds } from '../../domain/organisation/approvals.ts';
import { roles } from '../../domain/organisation/roles.ts';
import { formatDate, formatDateTime, todayInLondon } from '../core/dates.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { agencyItems, roleItems, teamItems } from './form-options.ts';
import { attempt } from './form-outcome.ts';
import { idParam } from './path-ids.ts';

// Staff accounts: who they are, where they work, their role, their password and whether they may
// sign in. Their approvals are in approvals.ts.

const newPasswordSchema = z
  .object({
    password: passwordSchema,
    passwordConfirmation: z.string({ error: 'Enter the password again' }).min(1, { error: 'Enter the password again' }),
  })
  .check((context) => {
    const { password, passwordConfirmation } = context.value;
    if (password !== passwordConfirmation) {
      context.issues.push({ code: 'custom', input: passwordConfirmation, path: ['passwordConfirmation'], message: 'The two passwords do not match. Type the same password twice' });
    }
  });

const staffChangeSchema = staffInputSchema.omit({ username: true });

const staffFields = ['username', 'displayName', 'email', 'agencyId', 'teamId', 'role', 'password', 'passwordConfirmation'] as const;

// Problems in the order the fields appear on the form, one for each field, so that the error summary
// reads top to bottom.
function inFormOrder(problems: FieldProblem[]): FieldProblem[] {
  const position = (field: string) => {
    const index = (staffFields as readonly string[]).indexOf(field);
    return index === -1 ? staffFields.length : index;
  };
  const firstForEachField = new Map<string, FieldProblem>();
  for (const problem of problems) if (!firstForEachField.has(problem.field)) firstForEachField.set(problem.field, problem);
  return [...firstForEachField.values()].sort((left, right) => position(left.field) - position(right.field));
}

function accountStatus(member: Pick<StaffSummary, 'disabledAt'>): string {
  return member.disabledAt === null ? 'Active' : 'Disabled';
}

export function staffListRows(staff: StaffSummary[]) {
  return staff.map((member) => ({
    href: `/admin/staff/${member.id}`,
    displayName: member.displayName,
    username: member.username,
    agency: member.agencyName,
    role: roles[member.role] ?? member.role,
    team: member.teamName ?? 'No team',
    status: accountStatus(member),
  }));
}

// Whether an approval gives its holder the function today, in words rather than colour alone.
export function approvalStatus(approval: StaffDetails['approvals'][number], today: Temporal.PlainDate): string {
  if (approval.withdrawnAt !== null) return 'Withdrawn';
  if (approvalHoldsOn({ validFrom: approval.validFrom, validTo: approval.validTo, withdrawn: false }, today)) return 'Current';
  if (Temporal.PlainDate.compare(today, approval.validFrom) < 0) return 'Not yet started';
  return 'Ended';
}

export function staffPage(member: StaffDetails, today: Temporal.PlainDate, now: Temporal.Instant, actorUserId: string | null) {
  const locked = member.lockedUntil !== null && Temporal.Instant.compare(Temporal.Instant.from(member.lockedUntil), now) > 0;
  return {
    id: member.id,
    displayName: member.displayName,
    username: member.username,
    email: member.email ?? 'None recorded',
    agency: member.agencyName,
    agencyHref: `/admin/agencies/${member.agencyId}`,
    role: roles[member.role] ?? member.role,
    team: member.teamName ?? 'No team',
    status: accountStatus(member),
    disabled: member.disabledAt !== null,
    disabledAt: member.disabledAt === null ? null : formatDateTime(member.disabledAt),
    lockedUntil: locked ? formatDateTime(member.lockedUntil) : null,
    createdAt: formatDateTime(member.createdAt),
    isYou: member.id === actorUserId,
    today: formatDate(today),
    approvals: member.approvals.map((approval) => ({
      id: approval.id,
      kind: approvalKinds[approval.kind]?.label ?? approval.kind,
      provision: approvalKinds[approval.kind]?.provision ?? '',
      validFrom: formatDate(approval.validFrom),
      validTo: approval.validTo === null ? 'No end date' : formatDate(approval.validTo),
      approvingBody: approval.approvingBody ?? 'Not recorded',
      status: approvalStatus(approval, today),
      withdrawn: approval.withdrawnAt !== null,
      withdrawnAt: approval.withdrawnAt === null ? null : formatDateTime(approval.withdrawnAt),
      withdrawnReason: approval.withdrawnReason,
      withdrawHref: `/admin/staff/${member.id}/approvals/${approval.id}/withdraw`,
    })),
  };
}

interface StaffFormValues {
  username: string;
  displayName: string;
  email: string;
  agencyId: string;
  teamId: string;
  role: string;
}

function staffFormValues(body: Record<string, unknown>): StaffFormValues {
  return {
    username: text(body.username),
    displayName: text(body.displayName),
    email: text(body.email),
    agencyId: text(body.agencyId),
    teamId: text(body.teamId),
    role: text(body.role),
  };
}

interface StaffForm {
  // null when adding an account.
  member: StaffDetails | null;
  values: StaffFormValues;
  errors?: FormErrors;
  status?: number;
}

async function showStaffForm(context: RequestContext, form: StaffForm) {
  const app = context.app();
  const [agencies, teams] = await Promise.all([listAgencies(app), listTeams(app)]);
  const adding = form.member === null;
  return context.render(
    'pages/admin/staff-form.njk',
    {
      title: adding ? 'Add a staff account' : `Change ${form.member!.displayName}’s details`,
      adding,
      member: form.member,
      action: adding ? '/admin/staff/new' : `/admin/staff/${form.member!.id}/edit`,
      backLink: adding ? '/admin/staff' : `/admin/staff/${form.member!.id}`,
      agencyItems: agencyItems(agencies),
      teamItems: teamItems(teams),
      roleItems: roleItems(),
      minimumPasswordLength,
      values: form.values,
      ...(form.errors ?? noErrors),
    },
    form.status ?? 200,
  );
}

function knownAgency(agencies: AgencySummary[], agencyId: string): boolean {
  return agencies.some((agency) => agency.id === agencyId);
}

async function addStaff(context: RequestContext) {
  const values = staffFormValues(context.body);
  const staff = parseWith(staffInputSchema, values);
  const password = parseWith(newPasswordSchema, { password: context.body.password ?? '', passwordConfirmation: context.body.passwordConfirmation ?? '' });
  if (!staff.ok || !password.ok) {
    const problems = [...(staff.ok ? [] : staff.problems), ...(password.ok ? [] : password.problems)];
    return showStaffForm(context, { member: null, values, errors: formErrors(inFormOrder(problems)), status: 400 });
  }
  let userId: string;
  try {
    const created = await attempt(() => createStaff(context.app(), staff.value, password.value.password));
    if (!created.ok) return showStaffForm(context, { member: null, values, errors: formErrors(inFormOrder(created.problems)), status: 400 });
    userId = created.value;
  } catch (error) {
    if (error instanceof Conflict) {
      return showStaffForm(context, { member: null, values, errors: formErrors([{ field: 'username', message: 'That username is already taken. Choose a different username' }]), status: 400 });
    }
    throw error;
  }
  return context.redirect(`/admin/staff/${userId}`);
}

async function changeStaff(context: RequestContext, userId: string) {
  const app = context.app();
  const member = await findStaff(app, userId);
  const values = { ...staffFormValues(context.body), username: member.username };
  const parsed = parseWith(staffChangeSchema, values);
  if (!parsed.ok) return showStaffForm(context, { member, values, errors: formErrors(inFormOrder(parsed.problems)), status: 400 });
  const problems: FieldProblem[] = [];
  // The account must stay in an agency that exists: the database would otherwise refuse the change.
  if (!knownAgency(await listAgencies(app), parsed.value.agencyId)) problems.push({ field: 'agencyId', message: 'Select their agency' });
  // An administrator who changed their own role would lose the administration pages at once, and
  // could leave the service with nobody able to administer it.
  if (member.id === context.actor?.userId && parsed.value.role !== member.role) {
    problems.push({ field: 'role', message: 'You cannot change your own role. Ask another system administrator to do it' });
  }
  if (problems.length > 0) return showStaffForm(context, { member, values, errors: formErrors(inFormOrder(problems)), status: 400 });
  const saved = await attempt(() => updateStaff(app, member.id, parsed.value));
  if (!saved.ok) return showStaffForm(context, { member, values, errors: formErrors(inFormOrder(saved.problems)), status: 400 });
  return context.redirect(`/admin/staff/${member.id}`);
}

function showPasswordForm(context: RequestContext, member: StaffDetails, errors: FormErrors = noErrors, status = 200) {
  return context.render(
    'pages/admin/staff-password.njk',
    { title: `Set a new password for ${member.displayName}`, member, backLink: `/admin/staff/${member.id}`, minimumPasswordLength, ...errors },
    status,
  );
}

function showDisableForm(context: RequestContext, member: StaffDetails, errors: FormErrors = noErrors, status = 200) {
  return context.render(
    'pages/admin/staff-disable.njk',
    { title: `Disable ${member.displayName}’s account`, member, isYou: member.id === context.actor?.userId, backLink: `/admin/staff/${member.id}`, ...errors },
    status,
  );
}

export const staffRoutes: Route[] = [
  {
    method: 'GET',
    url: '/admin/staff',
    access: 'administer',
    purpose: 'Administering staff accounts',
    handler: async (context) => {
      const app = context.app();
      const agencies = await listAgencies(app);
      const requested = text(context.query.agency);
      // A filter naming no known agency is ignored rather than showing an empty list as if it were true.
      const agency = isUuid(requested) ? agencies.find((candidate) => candidate.id === requested.toLowerCase()) : undefined;
      const staff = await listStaff(app, agency ? { agencyId: agency.id } : {});
      return context.render('pages/admin/staff-list.njk', {
        title: agency ? `Staff at ${agency.name}` : 'Staff',
        adminSection: 'staff',
        agency: agency ?? null,
        agencyItems: [{ value: '', text: 'All agencies' }, ...agencies.map((candidate) => ({ value: candidate.id, text: candidate.name }))],
        staff: staffListRows(staff),
      });
    },
  },
  {
    method: 'GET',
    url: '/admin/staff/new',
    access: 'administer',
    purpose: 'Adding a staff account',
    handler: async (context) => {
      const agency = text(context.query.agency);
      return showStaffForm(context, {
        member: null,
        values: { username: '', displayName: '', email: '', agencyId: isUuid(agency) ? agency.toLowerCase() : '', teamId: '', role: '' },
      });
    },
  },
  {
    method: 'POST',
    url: '/admin/staff/new',
    access: 'administer',
    purpose: 'Adding a staff account',
    handler: addStaff,
  },
  {
    method: 'GET',
    url: '/admin/staff/:userId',
    access: 'administer',
    purpose: 'Administering staff accounts',
    handler: async (context) => {
      const member = await findStaff(context.app(), idParam(context, 'userId', 'The staff account'));
      const now = context.services.now();
      return context.render('pages/admin/staff-member.njk', {
        title: member.displayName,
        backLink: '/admin/staff',
        member: staffPage(member, todayInLondon(now), now, context.actor?.userId ?? null),
      });
    },
  },
  {
    method: 'GET',
    url: '/admin/staff/:userId/edit',
    access: 'administer',
    purpose: 'Changing a staff account',
    handler: async (context) => {
      const member = await findStaff(context.app(), idParam(context, 'userId', 'The staff account'));
      return showStaffForm(context, {
        member,
        values: { username: member.username, displayName: member.displayName, email: member.email ?? '', agencyId: member.agencyId, teamId: member.teamId ?? '', role: member.role },
      });
    },
  },
  {
    method: 'POST',
    url: '/admin/staff/:userId/edit',
    access: 'administer',
    purpose: 'Changing a staff account',
    handler: async (context) => changeStaff(context, idParam(context, 'userId', 'The staff account')),
  },
  {
    method: 'GET',
    url: '/admin/staff/:userId/password',
    access: 'administer',
    purpose: 'Setting a staff account’s password',
    handler: async (context) => showPasswordForm(context, await findStaff(context.app(), idParam(context, 'userId', 'The staff account'))),
  },
  {
    method: 'POST',
    url: '/admin/staff/:userId/password',
    access: 'administer',
    purpose: 'Setting a staff account’s password',
    handler: async (context) => {
      const member = await findStaff(context.app(), idParam(context, 'userId', 'The staff account'));
      const parsed = parseWith(newPasswordSchema, { password: context.body.password ?? '', passwordConfirmation: context.body.passwordConfirmation ?? '' });
      if (!parsed.ok) return showPasswordForm(context, member, formErrors(parsed.problems), 400);
      await setStaffPassword(context.app(), member.id, parsed.value.password);
      return context.redirect(`/admin/staff/${member.id}`);
    },
  },
  {
    method: 'GET',
    url: '/admin/staff/:userId/disable',
    access: 'administer',
    purpose: 'Disabling a staff account',
    handler: async (context) => showDisableForm(context, await findStaff(context.app(), idParam(context, 'userId', 'The staff account'))),
  },
  {
    method: 'POST',
    url: '/admin/staff/:userId/disable',
    access: 'administer',
    purpose: 'Disabling a staff account',
    handler: async (context) => {
      const member = await findStaff(context.app(), idParam(context, 'userId', 'The staff account'));
      // Sent twice: keep the time it was first disabled.
      if (member.disabledAt !== null) return context.redirect(`/admin/staff/${member.id}`);
      const disabled = await attempt(() => setStaffDisabled(context.app(), member.id, true));
      if (!disabled.ok) {
        return showDisableForm(context, member, formErrors(disabled.problems.map((problem) => ({ field: 'confirm', message: problem.message }))), 400);
      }
      return context.redirect(`/admin/staff/${member.id}`);
    },
  },
  {
    method: 'POST',
    url: '/admin/staff/:userId/enable',
    access: 'administer',
    purpose: 'Enabling a staff account',
    handler: async (context) => {
      const member = await findStaff(context.app(), idParam(context, 'userId', 'The staff account'));
      // Enabling also clears a lock, so it is done only for an account that is disabled.
      if (member.disabledAt !== null) await setStaffDisabled(context.app(), member.id, false);
      return context.redirect(`/admin/staff/${member.id}`);
    },
  },
];
