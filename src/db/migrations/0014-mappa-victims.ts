import { sql, type Kysely } from 'kysely';

// MAPPA for a person (Criminal Justice Act 2003 ss325-327): the arrangement (category, level, lead agency)
// as numbered versions, each change a new version; MAPP meetings with their attendance, minutes and
// actions. Victims (Domestic Violence, Crime and Victims Act 2004, ss36-44A): the victim liaison contact
// (each new contact supersedes the one before), the victim's representations about conditions, and what the
// victim was told. All of it is record: rows are written once and never changed or deleted.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function mappa_victims_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% rows are written once and never changed or deleted', tg_table_name;
    end;
    $$
  `.execute(db);

  await sql`
    create table mappa_arrangements (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      version integer not null check (version >= 1),
      category smallint not null check (category between 1 and 3),
      level smallint not null check (level between 1 and 3),
      lead_agency_id uuid not null references agencies(id),
      lead_agency_name text not null,
      reason text not null,
      recorded_by uuid references users(id),
      recorded_by_label text not null,
      recorded_by_agency_name text not null,
      recorded_at timestamptz not null,
      unique (person_id, version)
    )
  `.execute(db);

  await sql`
    create table mappa_meetings (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      arrangement_id uuid not null references mappa_arrangements(id),
      held_on date not null,
      level smallint not null check (level between 1 and 3),
      attending_agency_ids uuid[] not null check (cardinality(attending_agency_ids) >= 1),
      minutes text not null,
      actions jsonb not null,
      recorded_by uuid references users(id),
      recorded_by_label text not null,
      recorded_by_agency_id uuid not null references agencies(id),
      recorded_by_agency_name text not null,
      recorded_at timestamptz not null
    )
  `.execute(db);
  await sql`create index mappa_meetings_person on mappa_meetings (person_id, held_on)`.execute(db);

  await sql`
    create table victim_contacts (
      id uuid primary key default gen_random_uuid(),
      -- The order contacts were recorded in, so that the latest is the one in force even within one instant.
      sequence bigint generated always as identity,
      person_id uuid not null references people(id),
      officer_name text not null,
      officer_agency text not null,
      officer_phone text,
      officer_email text,
      opted_in boolean not null,
      recorded_by uuid references users(id),
      recorded_by_label text not null,
      recorded_at timestamptz not null,
      check (officer_phone is not null or officer_email is not null)
    )
  `.execute(db);
  await sql`create index victim_contacts_person on victim_contacts (person_id, sequence)`.execute(db);

  await sql`
    create table victim_representations (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      made_on date not null,
      representation text not null,
      recorded_by uuid references users(id),
      recorded_by_label text not null,
      recorded_at timestamptz not null
    )
  `.execute(db);
  await sql`create index victim_representations_person on victim_representations (person_id, made_on)`.execute(db);

  await sql`
    create table victim_told (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      told_on date not null,
      what text not null,
      told_by text not null,
      recorded_by uuid references users(id),
      recorded_by_label text not null,
      recorded_at timestamptz not null
    )
  `.execute(db);
  await sql`create index victim_told_person on victim_told (person_id, told_on)`.execute(db);

  for (const table of ['mappa_arrangements', 'mappa_meetings', 'victim_contacts', 'victim_representations', 'victim_told']) {
    await sql`
      create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function mappa_victims_append_only()
    `.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Accord migrations are not reversed.');
}
