import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { ensureAgencyInvolvement } from '../sharing/involvements.ts';

// The Secretary of State for Justice's functions for a restricted patient (consent to leave, transfer and
// discharge under s41(3)(c), conditional discharge and recall under s42, references under s71 and s75; for
// a restriction direction, s49(2)) are carried out by the Ministry of Justice's casework team. So the
// casework agency is involved with the patient from the moment the record shows a restriction, and again
// whenever a request is sent to it, without anyone having to remember to add it. An agency that has been
// retired is left out.
export const caseworkInvolvementReason = 'A restricted patient: the Secretary of State’s functions under ss41–42 and s49 of the Mental Health Act 1983';

export async function involveCasework(trx: Transaction<Database>, context: AppContext, personId: string): Promise<void> {
  const agencies = await trx.selectFrom('agencies').select('id').where('kind', '=', 'moj-casework').where('retired_at', 'is', null).orderBy('id').execute();
  for (const agency of agencies) await ensureAgencyInvolvement(trx, context, personId, agency.id, caseworkInvolvementReason);
}
