import { roleKeys, type Role } from '../organisation/roles.ts';

// What each role may do. Deny by default: a permission not listed for a role is refused.
export type Permission =
  | 'person.read'
  | 'person.write'
  | 'person.access-history'
  | 'deadlines.read'
  | 'reports.read'
  // Reviewing the agency's emergency (break-glass) access to records.
  | 'break-glass.review'
  // Overseeing restricted patients across hospitals for the Secretary of State for Justice.
  | 'restricted.oversee'
  | 'administer';

const frontline: Permission[] = ['person.read', 'person.write'];
// Those who work a hospital's Mental Health Act deadlines and tasks.
const mentalHealthAct: Permission[] = [...frontline, 'deadlines.read'];

const permissionsByRole: Record<Role, readonly Permission[]> = {
  // Administrators run the service: agencies, teams, staff, approvals and tokens. They do not read
  // people's records by virtue of that role.
  'system-administrator': ['administer'],
  'mha-administrator': [...mentalHealthAct, 'person.access-history', 'reports.read'],
  amhp: mentalHealthAct,
  'responsible-clinician': mentalHealthAct,
  psychiatrist: mentalHealthAct,
  'mental-health-nurse': mentalHealthAct,
  'crisis-team-practitioner': frontline,
  'liaison-and-diversion-practitioner': frontline,
  'emergency-department-clinician': frontline,
  paramedic: frontline,
  'probation-practitioner': frontline,
  'senior-probation-officer': frontline,
  'police-control-room': frontline,
  'police-officer': frontline,
  'court-officer': frontline,
  'moj-caseworker': [...frontline, 'restricted.oversee'],
  'tribunal-clerk': ['person.read'],
  advocate: frontline,
  'social-worker': frontline,
  gp: frontline,
  'housing-officer': frontline,
  'support-worker': frontline,
  'information-governance-lead': ['person.read', 'person.access-history', 'break-glass.review'],
  'caldicott-guardian': ['person.read', 'person.access-history', 'reports.read', 'break-glass.review'],
};

export function roleMay(role: Role, permission: Permission): boolean {
  return permissionsByRole[role].includes(permission);
}

// Administration is done by people who are signed in and answerable for it; an API token that could
// create staff accounts or further tokens would let a leaked secret take over the service.
export const rolesTokensMayHold = roleKeys.filter((role) => role !== 'system-administrator') as [Role, ...Role[]];
