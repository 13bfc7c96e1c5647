import type { AppContext } from '../../app/context.ts';
import type { Placement } from '../../domain/legal/legal-entries.ts';

// Where a person is, chosen from a list: the hospitals (mental health trusts) and their wards, and the
// recorder's own agency and team, which is the default (a place of safety may be a police station; a
// guardian is a local authority). The names stored in the record come from this list, never from the
// form, so a forged form cannot name a ward that does not exist.

export interface PlacementOption {
  value: string;
  text: string;
  placement: Placement;
}

export interface PlacementChoices {
  options: PlacementOption[];
  // The recorder's own agency and team, when they are in the list.
  defaultValue: string | null;
}

export const noPlacementValue = 'none';

function optionValue(agencyId: string, teamId: string | null): string {
  return teamId === null ? agencyId : `${agencyId}/${teamId}`;
}

// Organisation data (agencies and their teams) is not anyone's record, so reading it is not audited.
export async function placementChoices(context: AppContext, options: { hospitalsOnly: boolean }): Promise<PlacementChoices> {
  const actor = context.actor;
  const ownTeam =
    actor.userId === null ? null : ((await context.db.selectFrom('users').select('team_id').where('id', '=', actor.userId).executeTakeFirst())?.team_id ?? null);
  let agencies = context.db.selectFrom('agencies').select(['id', 'name', 'kind']).where('retired_at', 'is', null);
  agencies = options.hospitalsOnly || actor.agencyId === null
    ? agencies.where('kind', '=', 'mental-health-trust')
    : agencies.where((builder) => builder.or([builder('kind', '=', 'mental-health-trust'), builder('id', '=', actor.agencyId!)]));
  const agencyRows = await agencies.orderBy('name').execute();
  const teamRows =
    agencyRows.length === 0
      ? []
      : await context.db
          .selectFrom('teams')
          .select(['id', 'name', 'agency_id'])
          .where('retired_at', 'is', null)
          .where(
            'agency_id',
            'in',
            agencyRows.map((agency) => agency.id),
          )
          .orderBy('name')
          .execute();
  const list: PlacementOption[] = [];
  for (const agency of agencyRows) {
    list.push({ value: optionValue(agency.id, null), text: `${agency.name} (no ward or team given)`, placement: { agencyId: agency.id, agencyName: agency.name, teamId: null, teamName: null } });
    for (const team of teamRows.filter((row) => row.agency_id === agency.id)) {
      list.push({ value: optionValue(agency.id, team.id), text: `${agency.name}: ${team.name}`, placement: { agencyId: agency.id, agencyName: agency.name, teamId: team.id, teamName: team.name } });
    }
  }
  const own = actor.agencyId === null ? null : optionValue(actor.agencyId, ownTeam);
  const defaultValue = own !== null && list.some((option) => option.value === own) ? own : actor.agencyId !== null && list.some((option) => option.value === actor.agencyId) ? actor.agencyId : null;
  return { options: list, defaultValue };
}
