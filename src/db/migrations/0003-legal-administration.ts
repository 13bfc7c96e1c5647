import { sql, type Kysely } from 'kysely';

// Mental Health Act administration. The legal events themselves are entries in the person's append-only
// record; the tables here are what is derived from them to answer quickly (each person's legal status and
// deadlines, recomputed whenever their legal record changes or a deadline passes), the work that follows
// (tasks and the notification outbox) and the originals of statutory documents.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table legal_status (
      person_id uuid primary key references people(id),
      agency_id uuid references agencies(id),
      team_id uuid references teams(id),
      provision text not null,
      since timestamptz,
      liable_to_be_detained boolean not null,
      restricted boolean not null,
      awol boolean not null,
      evaluated_at timestamptz not null,
      refresh_after timestamptz,
      output jsonb not null
    )
  `.execute(db);
  await sql`create index legal_status_agency_team on legal_status (agency_id, team_id)`.execute(db);
  await sql`create index legal_status_refresh on legal_status (agency_id, refresh_after)`.execute(db);

  await sql`
    create table legal_deadlines (
      person_id uuid not null references people(id),
      agency_id uuid references agencies(id),
      team_id uuid references teams(id),
      kind text not null,
      due timestamptz not null,
      provision text not null,
      primary key (person_id, kind, due)
    )
  `.execute(db);
  await sql`create index legal_deadlines_agency_due on legal_deadlines (agency_id, due)`.execute(db);

  await sql`
    create table tasks (
      id uuid primary key default gen_random_uuid(),
      source_key text not null unique,
      person_id uuid not null references people(id),
      agency_id uuid references agencies(id),
      team_id uuid references teams(id),
      kind text not null,
      role text not null,
      title text not null,
      provision text not null,
      due timestamptz not null,
      created_at timestamptz not null,
      closed_at timestamptz,
      closed_by uuid references users(id),
      closed_by_label text,
      closed_reason text,
      escalated_at timestamptz
    )
  `.execute(db);
  await sql`create index tasks_open_by_agency on tasks (agency_id, due) where closed_at is null`.execute(db);
  await sql`create index tasks_person on tasks (person_id)`.execute(db);

  await sql`
    create table notifications (
      id uuid primary key default gen_random_uuid(),
      created_at timestamptz not null,
      agency_id uuid references agencies(id),
      role text not null,
      task_id uuid references tasks(id),
      subject text not null,
      body text not null,
      channel text not null,
      recipient text,
      status text not null,
      sent_at timestamptz,
      failure text
    )
  `.execute(db);
  await sql`create index notifications_agency on notifications (agency_id, created_at)`.execute(db);

  // Originals of documents (a scanned or electronic statutory form). Written once, never changed.
  await sql`
    create table attachments (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      filename text not null,
      media_type text not null,
      size integer not null,
      sha256 text not null,
      content bytea not null,
      uploaded_by uuid references users(id),
      uploaded_at timestamptz not null
    )
  `.execute(db);
  await sql`create index attachments_person on attachments (person_id)`.execute(db);
  await sql`
    create trigger attachments_append_only before update or delete on attachments
    for each row execute function accord_refuse_change()
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Accord migrations are not reversed.');
}
