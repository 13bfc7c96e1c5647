import { sql } from 'kysely';
import type { AccordDatabase } from '../../src/db/database.ts';

// The audit entries about a person: those that name them alone, and lists that showed them among others
// (as their access history reads them).
export function auditEntriesAbout(db: AccordDatabase, personId: string) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where((where) => where.or([where('person_id', '=', personId), sql<boolean>`person_ids @> array[${personId}]::uuid[]`]))
    .orderBy('sequence');
}
