import { sql, type Kysely } from 'kysely';

// A restricted patient's conditional discharge (s42(2), s73): the sets of conditions (the first with the
// discharge, each variation a new set superseding the last), the concerns and breaches reported by those
// supervising the patient, and the Secretary of State's warrants of recall (s42(3)). The discharge and the
// return to hospital themselves are legal events in the record; these rows sit beside them. All are
// append-only; a warrant has the return to hospital written onto it once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table discharge_condition_sets (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      discharge_entry_id uuid not null references record_entries(id),
      origin text not null check (origin in ('discharge', 'variation')),
      set_by_body text not null check (set_by_body in ('sos', 'tribunal')),
      provision text not null,
      reason text,
      supersedes uuid references discharge_condition_sets(id),
      set_at timestamptz not null,
      set_by uuid references users(id),
      set_by_label text not null,
      set_by_agency_name text not null,
      check ((origin = 'variation') = (reason is not null))
    )
  `.execute(db);
  await sql`create index discharge_condition_sets_person on discharge_condition_sets (person_id, set_at)`.execute(db);
  await sql`
    create table discharge_conditions (
      id uuid primary key default gen_random_uuid(),
      set_id uuid not null references discharge_condition_sets(id),
      person_id uuid not null references people(id),
      position integer not null,
      kind text not null check (kind in ('residence', 'supervision', 'treatment', 'exclusion-zone', 'no-contact', 'other')),
      wording text not null,
      concerns_victims boolean not null,
      unique (set_id, position)
    )
  `.execute(db);
  await sql`create index discharge_conditions_person on discharge_conditions (person_id)`.execute(db);
  await sql`
    create table discharge_concerns (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      kind text not null check (kind in ('concern', 'breach')),
      condition_id uuid references discharge_conditions(id),
      occurred_at timestamptz not null,
      what_happened text not null,
      action_taken text not null,
      recorded_by uuid references users(id),
      recorded_by_label text not null,
      recorded_by_agency_name text not null,
      recorded_at timestamptz not null,
      check (kind <> 'breach' or condition_id is not null)
    )
  `.execute(db);
  await sql`create index discharge_concerns_person on discharge_concerns (person_id, occurred_at)`.execute(db);
  await sql`
    create table recall_warrants (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      discharge_entry_id uuid not null references record_entries(id),
      issued_at timestamptz not null,
      reasons text not null,
      issued_by uuid references users(id),
      issued_by_label text not null,
      recorded_at timestamptz not null,
      return_entry_id uuid references record_entries(id),
      returned_at timestamptz,
      return_recorded_by_label text,
      return_recorded_at timestamptz,
      check ((return_entry_id is null) = (returned_at is null) and (returned_at is null) = (return_recorded_by_label is null) and (returned_at is null) = (return_recorded_at is null))
    )
  `.execute(db);
  await sql`create index recall_warrants_person on recall_warrants (person_id, issued_at)`.execute(db);
  for (const table of ['discharge_condition_sets', 'discharge_conditions', 'discharge_concerns']) {
    await sql`
      create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function accord_refuse_change()
    `.execute(db);
  }
  // The return to hospital is written once onto the warrant; nothing else about the warrant changes.
  await sql`
    create function recall_warrants_return_once() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'recall_warrants rows are never deleted';
      end if;
      if old.returned_at is not null then
        raise exception 'the return to hospital is already recorded on this warrant';
      end if;
      if new.id <> old.id or new.person_id <> old.person_id or new.discharge_entry_id <> old.discharge_entry_id
        or new.issued_at <> old.issued_at or new.reasons <> old.reasons or new.issued_by is distinct from old.issued_by
        or new.issued_by_label <> old.issued_by_label or new.recorded_at <> old.recorded_at then
        raise exception 'a warrant of recall is not changed once issued';
      end if;
      return new;
    end;
    $$
  `.execute(db);
  await sql`
    create trigger recall_warrants_return_once before update or delete on recall_warrants
    for each row execute function recall_warrants_return_once()
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Accord migrations are not reversed.');
}
