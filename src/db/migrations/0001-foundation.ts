import { sql, type Kysely } from 'kysely';

// Agencies, staff, sign-in, people, the append-only record and the audit log. Plain SQL valid on
// PostgreSQL 15 and on embedded PGlite.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function accord_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'Accord: % is append-only; % is refused', tg_table_name, lower(tg_op)
        using errcode = 'P0001';
    end
    $$
  `.execute(db);

  await sql`
    create table agencies (
      id uuid primary key default gen_random_uuid(),
      name text not null unique,
      kind text not null,
      created_at timestamptz not null default now(),
      retired_at timestamptz
    )
  `.execute(db);

  await sql`
    create table teams (
      id uuid primary key default gen_random_uuid(),
      agency_id uuid not null references agencies(id),
      name text not null,
      created_at timestamptz not null default now(),
      retired_at timestamptz,
      unique (agency_id, name)
    )
  `.execute(db);

  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      username text not null unique,
      display_name text not null,
      email text,
      password_hash text,
      agency_id uuid not null references agencies(id),
      team_id uuid references teams(id),
      role text not null,
      failed_sign_ins integer not null default 0,
      locked_until timestamptz,
      disabled_at timestamptz,
      is_demo boolean not null default false,
      created_at timestamptz not null default now()
    )
  `.execute(db);

  await sql`
    create table approvals (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id),
      kind text not null,
      valid_from date not null,
      valid_to date,
      approving_body text,
      recorded_by uuid references users(id),
      recorded_at timestamptz not null default now(),
      withdrawn_at timestamptz,
      withdrawn_by uuid references users(id),
      withdrawn_reason text,
      check (valid_to is null or valid_to >= valid_from)
    )
  `.execute(db);
  await sql`create index approvals_user on approvals (user_id)`.execute(db);

  await sql`
    create table sessions (
      id_hash text primary key,
      user_id uuid not null references users(id),
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )
  `.execute(db);

  await sql`
    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      token_hash text not null unique,
      agency_id uuid not null references agencies(id),
      role text not null,
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_by uuid references users(id)
    )
  `.execute(db);

  await sql`
    create table people (
      id uuid primary key default gen_random_uuid(),
      version integer not null,
      given_names text not null,
      family_name text not null,
      preferred_name text,
      search_names text not null,
      date_of_birth date,
      nhs_number text,
      pnc_id text,
      probation_reference text,
      state jsonb not null,
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`create index people_nhs_number on people (nhs_number)`.execute(db);
  await sql`create index people_pnc_id on people (upper(pnc_id))`.execute(db);
  await sql`create index people_probation_reference on people (upper(probation_reference))`.execute(db);
  await sql`create index people_date_of_birth on people (date_of_birth)`.execute(db);
  await sql`create index people_family_name on people (lower(family_name) text_pattern_ops)`.execute(db);
  await sql`create index people_given_names on people (lower(given_names) text_pattern_ops)`.execute(db);

  await sql`
    create table record_entries (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      sequence integer not null,
      kind text not null,
      category text not null,
      data jsonb not null,
      reason text,
      supersedes uuid references record_entries(id),
      author_user_id uuid references users(id),
      author_name text not null,
      author_role text not null,
      author_agency_id uuid references agencies(id),
      author_agency_name text not null,
      recorded_at timestamptz not null,
      unique (person_id, sequence)
    )
  `.execute(db);
  await sql`
    create trigger record_entries_append_only before update or delete on record_entries
    for each row execute function accord_refuse_change()
  `.execute(db);

  await sql`
    create table audit_log (
      sequence bigint primary key,
      at timestamptz not null,
      actor_user_id uuid,
      actor_label text not null,
      actor_role text,
      agency_id uuid,
      agency_name text,
      person_id uuid,
      action text not null,
      what text not null,
      purpose text not null,
      previous_hash text not null,
      hash text not null
    )
  `.execute(db);
  await sql`create index audit_log_person on audit_log (person_id, sequence)`.execute(db);
  await sql`
    create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function accord_refuse_change()
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Accord migrations are not reversed: the record is append-only.');
}
