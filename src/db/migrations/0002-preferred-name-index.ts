import { sql, type Kysely } from 'kysely';

// Finding a person by a preferred name must use an index too: without it, the name search's OR of
// prefix matches falls back to reading the whole people table.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index people_preferred_name on people (lower(preferred_name) text_pattern_ops)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Accord migrations are not reversed.');
}
