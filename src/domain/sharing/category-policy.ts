import { agencyKindKeys, type AgencyKind } from '../organisation/agency-kinds.ts';
import { roleKeys, type Role } from '../organisation/roles.ts';
import type { RecordCategory } from '../record/categories.ts';

// Which categories of a person's record staff of each kind of agency see, while they or their team are
// involved with the person (or have broken the glass). This is the policy Accord starts with; it is data,
// kept in the database, which an administrator reads and changes. Anything not listed is refused (deny by
// default). Victim information is seen by the Ministry of Justice's casework only; especially sensitive
// health (HIV, sexual health) by the services treating the person.
const byAgencyKind: Record<AgencyKind, RecordCategory[]> = {
  'mental-health-trust': ['identity', 'legal-status', 'clinical', 'risk-to-others', 'risk-to-self', 'offending', 'safeguarding', 'sensitive-health'],
  'acute-trust': ['identity', 'legal-status', 'clinical', 'risk-to-others', 'risk-to-self', 'safeguarding'],
  'ambulance-service': ['identity', 'legal-status', 'clinical', 'risk-to-others', 'risk-to-self'],
  'local-authority': ['identity', 'legal-status', 'clinical', 'risk-to-others', 'risk-to-self', 'safeguarding'],
  'police-force': ['identity', 'legal-status', 'risk-to-others'],
  'probation-service': ['identity', 'legal-status', 'risk-to-others', 'risk-to-self', 'offending'],
  court: ['identity', 'legal-status', 'offending'],
  'moj-casework': ['identity', 'legal-status', 'clinical', 'risk-to-others', 'offending', 'victim-information'],
  tribunal: ['identity', 'legal-status', 'clinical', 'risk-to-others'],
  'advocacy-service': ['identity', 'legal-status'],
  'liaison-and-diversion': ['identity', 'legal-status', 'clinical', 'risk-to-others', 'risk-to-self', 'offending'],
  'gp-practice': ['identity', 'legal-status', 'clinical', 'risk-to-self', 'safeguarding', 'sensitive-health'],
  housing: ['identity'],
  'voluntary-organisation': ['identity'],
};

// Roles whose work is oversight, not care: they see who a person is and their legal position, and the
// audit of their record, but not clinical detail, wherever they work.
const oversightRoles: Partial<Record<Role, RecordCategory[]>> = {
  'information-governance-lead': ['identity', 'legal-status'],
  'caldicott-guardian': ['identity', 'legal-status'],
  // Administrators run the service and see no one's record by virtue of that.
  'system-administrator': [],
};

export interface CategoryGrant {
  agencyKind: AgencyKind;
  role: Role;
  category: RecordCategory;
}

export function defaultCategoryPolicy(): CategoryGrant[] {
  return agencyKindKeys.flatMap((agencyKind) =>
    roleKeys.flatMap((role) => (oversightRoles[role] ?? byAgencyKind[agencyKind]).map((category) => ({ agencyKind, role, category }))),
  );
}
