import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { AccordDatabase } from './database.ts';
import * as foundation from './migrations/0001-foundation.ts';
import * as preferredNameIndex from './migrations/0002-preferred-name-index.ts';
import * as legalAdministration from './migrations/0003-legal-administration.ts';
import * as auditLists from './migrations/0004-audit-lists.ts';
import * as lawfulSharing from './migrations/0005-lawful-sharing.ts';
import * as referrals from './migrations/0006-referrals.ts';
import * as mentalHealthTreatmentRequirement from './migrations/0007-mhtr.ts';
import * as crisisCalls from './migrations/0008-crisis-calls.ts';
import * as placeOfSafety from './migrations/0009-place-of-safety.ts';
import * as callAttachments from './migrations/0010-call-attachments.ts';
import * as restrictedRequests from './migrations/0011-restricted-requests.ts';
import * as restrictedReports from './migrations/0012-restricted-reports.ts';
import * as conditionalDischarge from './migrations/0013-conditional-discharge.ts';
import * as mappaVictims from './migrations/0014-mappa-victims.ts';

// Migrations are listed here, in order, rather than read from a folder, so that they are the same
// wherever Accord runs from.
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-preferred-name-index': preferredNameIndex,
  '0003-legal-administration': legalAdministration,
  '0004-audit-lists': auditLists,
  '0005-lawful-sharing': lawfulSharing,
  '0006-referrals': referrals,
  '0007-mhtr': mentalHealthTreatmentRequirement,
  '0008-crisis-calls': crisisCalls,
  '0009-place-of-safety': placeOfSafety,
  '0010-call-attachments': callAttachments,
  '0011-restricted-requests': restrictedRequests,
  '0012-restricted-reports': restrictedReports,
  '0013-conditional-discharge': conditionalDischarge,
  '0014-mappa-victims': mappaVictims,
};

export const migrationNames = Object.keys(migrations);

const provider: MigrationProvider = { getMigrations: async () => migrations };

export interface MigrationOutcome {
  applied: string[];
}

export async function migrateToLatest(db: AccordDatabase): Promise<MigrationOutcome> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed ?? ''} failed: ${message}`.replace('  ', ' '));
  }
  return { applied: (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName) };
}
