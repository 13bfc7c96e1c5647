import { sql, type Kysely } from 'kysely';

// A list that shows many people (deadlines, tasks, search results) is one audit entry naming them all,
// rather than one entry per person: the log grows by one entry per page shown, and a person's access
// history still finds every list they appeared in, through the index on the names.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_log add column person_ids uuid[]`.execute(db);
  await sql`create index audit_log_person_ids on audit_log using gin (person_ids)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Accord migrations are not reversed.');
}
