import { sql, type Kysely } from 'kysely';

// Files attached to a crisis call: a photograph of the scene, a letter the caller read out, a care plan
// the ambulance crew were handed. A call may be about someone not yet on Accord, so these are kept with
// the call rather than in attachments (which belong to a person). Written once, never changed or deleted,
// like the originals of statutory documents.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table call_attachments (
      id uuid primary key default gen_random_uuid(),
      call_id uuid not null references crisis_calls(id),
      filename text not null,
      media_type text not null,
      size integer not null check (size > 0),
      sha256 text not null,
      content bytea not null,
      uploaded_by uuid references users(id),
      uploaded_by_label text not null,
      uploaded_at timestamptz not null
    )
  `.execute(db);
  await sql`create index call_attachments_call on call_attachments (call_id, uploaded_at)`.execute(db);
  await sql`
    create trigger call_attachments_append_only before update or delete on call_attachments
    for each row execute function accord_refuse_change()
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Accord migrations are not reversed.');
}
