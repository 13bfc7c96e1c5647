import type { AgencySummary, TeamSummary } from '../../app/organisation/queries.ts';
import { agencyKinds } from '../../domain/organisation/agency-kinds.ts';
import { approvalKinds } from '../../domain/organisation/approvals.ts';
import { roleKeys, roles, type Role } from '../../domain/organisation/roles.ts';

// The choices offered by the administration forms' select boxes, in the shape govukSelect takes. Each
// starts with an empty choice so that nothing is chosen for the user by accident.

export interface SelectItem {
  value: string;
  text: string;
}

function withPrompt(prompt: string, items: SelectItem[]): SelectItem[] {
  return [{ value: '', text: prompt }, ...items];
}

export function agencyKindItems(): SelectItem[] {
  return withPrompt(
    'Select the kind of agency',
    Object.entries(agencyKinds).map(([value, text]) => ({ value, text })),
  );
}

export function roleItems(allowed: readonly Role[] = roleKeys): SelectItem[] {
  return withPrompt(
    'Select a role',
    allowed.map((role) => ({ value: role, text: roles[role] })),
  );
}

export function agencyItems(agencies: AgencySummary[]): SelectItem[] {
  return withPrompt(
    'Select an agency',
    agencies.map((agency) => ({ value: agency.id, text: agency.name })),
  );
}

// Teams are named with their agency, because the list holds the teams of every agency when the form
// is sent without JavaScript.
export function teamItems(teams: TeamSummary[]): SelectItem[] {
  return [{ value: '', text: 'No team' }, ...teams.map((team) => ({ value: team.id, text: `${team.name} (${team.agencyName})` }))];
}

export function approvalKindItems(): SelectItem[] {
  return withPrompt(
    'Select the approval',
    Object.entries(approvalKinds).map(([value, approval]) => ({ value, text: `${approval.label} (${approval.provision})` })),
  );
}
