import type { AgencyKind } from '../../domain/organisation/agency-kinds.ts';
import type { AppContext } from '../context.ts';
import { requirePermission } from '../policy.ts';

// The choices the allocation and placement forms offer: the probation practitioners a case can be
// allocated to, and the agencies that can provide treatment. allocateCase and placeWithProvider check the
// choice again; these lists only save the member of staff from typing an identifier.

export interface Choice {
  id: string;
  label: string;
}

// Practitioners allocateCase accepts: probation practitioners and senior probation officers of a
// probation service, whose accounts are in use. The member of staff's own service is listed first.
export async function probationPractitionerChoices(context: AppContext): Promise<Choice[]> {
  requirePermission(context.actor, 'person.write');
  const rows = await context.db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.display_name', 'agencies.id as agency_id', 'agencies.name as agency_name'])
    .where('users.role', 'in', ['probation-practitioner', 'senior-probation-officer'])
    .where('agencies.kind', '=', 'probation-service')
    .where('users.disabled_at', 'is', null)
    .orderBy('agencies.name')
    .orderBy('users.display_name')
    .execute();
  const own = context.actor.agencyId;
  const ordered = [...rows.filter((row) => row.agency_id === own), ...rows.filter((row) => row.agency_id !== own)];
  return ordered.map((row) => ({ id: row.id, label: `${row.display_name} (${row.agency_name})` }));
}

// Kinds of agency that give treatment under a requirement: the order names a place (a hospital or clinic)
// or a practitioner working within one of these.
const treatmentProviderKinds: AgencyKind[] = ['mental-health-trust', 'acute-trust', 'gp-practice', 'voluntary-organisation'];

export async function treatmentProviderChoices(context: AppContext): Promise<Choice[]> {
  requirePermission(context.actor, 'person.write');
  const rows = await context.db.selectFrom('agencies').select(['id', 'name']).where('kind', 'in', treatmentProviderKinds).where('retired_at', 'is', null).orderBy('name').execute();
  return rows.map((row) => ({ id: row.id, label: row.name }));
}
