import { createAgency, createTeam, agencyInputSchema, teamInputSchema, updateAgency } from '../../app/organisation/organisation.ts';
import { findAgency, listAgencies, type AgencyDetails, type AgencySummary } from '../../app/organisation/queries.ts';
import { parseWith } from '../../app/people/person-input.ts';
import { NotFound } from '../../app/errors.ts';
import { setTeamLead } from '../../app/referrals/team-leads.ts';
import { agencyKinds } from '../../domain/organisation/agency-kinds.ts';
import { roles } from '../../domain/organisation/roles.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { agencyKindItems } from './form-options.ts';
import { attempt } from './form-outcome.ts';
import { idParam } from './path-ids.ts';

// Agencies and their teams.

export function agencyListRows(agencies: AgencySummary[]) {
  return agencies.map((agency) => ({
    href: `/admin/agencies/${agency.id}`,
    name: agency.name,
    kind: agencyKinds[agency.kind] ?? agency.kind,
    teamCount: agency.teamCount,
    staffCount: agency.staffCount,
  }));
}

export function agencyPage(agency: AgencyDetails) {
  return {
    id: agency.id,
    name: agency.name,
    kind: agencyKinds[agency.kind] ?? agency.kind,
    teams: agency.teams.map((team) => ({ id: team.id, name: team.name, staffCount: team.staffCount, lead: team.leadName ?? 'None named', leadHref: `/admin/agencies/${agency.id}/teams/${team.id}/lead` })),
    staff: agency.staff.map((member) => ({
      href: `/admin/staff/${member.id}`,
      displayName: member.displayName,
      username: member.username,
      role: roles[member.role] ?? member.role,
      team: member.teamName ?? 'No team',
      status: member.disabledAt === null ? 'Active' : 'Disabled',
    })),
  };
}

interface AgencyFormValues {
  name: string;
  kind: string;
}

function agencyFormValues(body: Record<string, unknown>): AgencyFormValues {
  return { name: text(body.name), kind: text(body.kind) };
}

function showAgencyForm(context: RequestContext, form: { agencyId: string | null; values: AgencyFormValues; errors?: FormErrors; status?: number }) {
  const adding = form.agencyId === null;
  return context.render(
    'pages/admin/agency-form.njk',
    {
      title: adding ? 'Add an agency' : 'Change agency details',
      action: adding ? '/admin/agencies/new' : `/admin/agencies/${form.agencyId}/edit`,
      backLink: adding ? '/admin/agencies' : `/admin/agencies/${form.agencyId}`,
      submitText: adding ? 'Add agency' : 'Save changes',
      kindItems: agencyKindItems(),
      values: form.values,
      ...(form.errors ?? noErrors),
    },
    form.status ?? 200,
  );
}

async function saveAgency(context: RequestContext, agencyId: string | null) {
  const values = agencyFormValues(context.body);
  const parsed = parseWith(agencyInputSchema, values);
  if (!parsed.ok) return showAgencyForm(context, { agencyId, values, errors: formErrors(parsed.problems), status: 400 });
  const saved = await attempt(async () => {
    if (agencyId === null) return createAgency(context.app(), parsed.value);
    await updateAgency(context.app(), agencyId, parsed.value);
    return agencyId;
  });
  if (!saved.ok) return showAgencyForm(context, { agencyId, values, errors: formErrors(saved.problems), status: 400 });
  return context.redirect(`/admin/agencies/${saved.value}`);
}

function showTeamForm(context: RequestContext, agency: { id: string; name: string }, values: { name: string }, errors: FormErrors = noErrors, status = 200) {
  return context.render(
    'pages/admin/team-form.njk',
    { title: `Add a team to ${agency.name}`, agency, backLink: `/admin/agencies/${agency.id}`, values, ...errors },
    status,
  );
}

export const agencyRoutes: Route[] = [
  {
    method: 'GET',
    url: '/admin/agencies',
    access: 'administer',
    purpose: 'Administering agencies',
    handler: async (context) => {
      const agencies = await listAgencies(context.app());
      return context.render('pages/admin/agencies.njk', { title: 'Agencies', adminSection: 'agencies', agencies: agencyListRows(agencies) });
    },
  },
  {
    method: 'GET',
    url: '/admin/agencies/new',
    access: 'administer',
    purpose: 'Adding an agency',
    handler: async (context) => showAgencyForm(context, { agencyId: null, values: { name: '', kind: '' } }),
  },
  {
    method: 'POST',
    url: '/admin/agencies/new',
    access: 'administer',
    purpose: 'Adding an agency',
    handler: async (context) => saveAgency(context, null),
  },
  {
    method: 'GET',
    url: '/admin/agencies/:agencyId',
    access: 'administer',
    purpose: 'Administering agencies',
    handler: async (context) => {
      const agency = await findAgency(context.app(), idParam(context, 'agencyId', 'The agency'));
      return context.render('pages/admin/agency.njk', { title: agency.name, backLink: '/admin/agencies', agency: agencyPage(agency) });
    },
  },
  {
    method: 'GET',
    url: '/admin/agencies/:agencyId/edit',
    access: 'administer',
    purpose: 'Changing an agency’s details',
    handler: async (context) => {
      const agency = await findAgency(context.app(), idParam(context, 'agencyId', 'The agency'));
      return showAgencyForm(context, { agencyId: agency.id, values: { name: agency.name, kind: agency.kind } });
    },
  },
  {
    method: 'POST',
    url: '/admin/agencies/:agencyId/edit',
    access: 'administer',
    purpose: 'Changing an agency’s details',
    handler: async (context) => saveAgency(context, idParam(context, 'agencyId', 'The agency')),
  },
  {
    method: 'GET',
    url: '/admin/agencies/:agencyId/teams/new',
    access: 'administer',
    purpose: 'Adding a team',
    handler: async (context) => {
      const agency = await findAgency(context.app(), idParam(context, 'agencyId', 'The agency'));
      return showTeamForm(context, agency, { name: '' });
    },
  },
  {
    method: 'POST',
    url: '/admin/agencies/:agencyId/teams/new',
    access: 'administer',
    purpose: 'Adding a team',
    handler: async (context) => {
      const agency = await findAgency(context.app(), idParam(context, 'agencyId', 'The agency'));
      const values = { name: text(context.body.name) };
      const parsed = parseWith(teamInputSchema, values);
      if (!parsed.ok) return showTeamForm(context, agency, values, formErrors(parsed.problems), 400);
      const saved = await attempt(() => createTeam(context.app(), agency.id, parsed.value));
      if (!saved.ok) return showTeamForm(context, agency, values, formErrors(saved.problems), 400);
      return context.redirect(`/admin/agencies/${agency.id}`);
    },
  },
  {
    method: 'GET',
    url: '/admin/agencies/:agencyId/teams/:teamId/lead',
    access: 'administer',
    purpose: 'Naming a team’s lead',
    handler: async (context) => {
      const { agency, team } = await agencyTeam(context);
      return showLeadForm(context, agency, team, team.leadUserId ?? '');
    },
  },
  {
    method: 'POST',
    url: '/admin/agencies/:agencyId/teams/:teamId/lead',
    access: 'administer',
    purpose: 'Naming a team’s lead',
    handler: async (context) => {
      const { agency, team } = await agencyTeam(context);
      const chosen = text(context.body.leadUserId);
      const saved = await attempt(() => setTeamLead(context.app(), team.id, chosen === '' ? null : chosen));
      if (!saved.ok) return showLeadForm(context, agency, team, chosen, formErrors(saved.problems), 400);
      return context.redirect(`/admin/agencies/${agency.id}`);
    },
  },
];

async function agencyTeam(context: RequestContext) {
  const agency = await findAgency(context.app(), idParam(context, 'agencyId', 'The agency'));
  const team = agency.teams.find((item) => item.id === context.params.teamId);
  if (!team) throw new NotFound('The team');
  return { agency, team };
}

// The lead of a team is one of its agency's staff whose account is in use; overdue referrals to the team
// are escalated to them.
function showLeadForm(context: RequestContext, agency: AgencyDetails, team: AgencyDetails['teams'][number], selected: string, errors: FormErrors = noErrors, status = 200) {
  const items = [
    { value: '', text: 'No one named', selected: selected === '' },
    ...agency.staff.filter((member) => member.disabledAt === null).map((member) => ({ value: member.id, text: `${member.displayName} (${roles[member.role] ?? member.role})`, selected: member.id === selected })),
  ];
  return context.render('pages/admin/team-lead.njk', { title: `Lead of ${team.name}`, backLink: `/admin/agencies/${agency.id}`, agency: { id: agency.id, name: agency.name }, team: { id: team.id, name: team.name }, items, ...errors }, status);
}
