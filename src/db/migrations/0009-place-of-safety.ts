import { sql, type Kysely } from 'kysely';

// Removals to a place of safety under s136, and reports to the police of patients absent without leave.
// Each is a row of what happened, with later steps (the handover, an extension, the outcome, the return)
// written onto the row with who and when; nothing is deleted. The legal events themselves (arrival,
// extension, end, AWOL began and returned) are entries in the person's record, read by the law engine; the
// rows keep the ids of those entries.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table place_of_safety_records (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      power text not null,
      detained_at timestamptz not null,
      detained_where text not null,
      place_kind text not null,
      place_name text not null,
      arrived_at timestamptz not null,
      police_station_conditions text[] not null,
      arrival_entry_id uuid not null references record_entries(id),
      recorded_by uuid references users(id),
      recorded_by_label text not null,
      recorded_by_agency_id uuid references agencies(id),
      recorded_by_agency_name text not null,
      recorded_at timestamptz not null,
      handed_over_at timestamptz,
      handed_over_to text,
      handover_recorded_by_label text,
      handover_recorded_at timestamptz,
      extension_hours integer,
      extension_authorised_at timestamptz,
      extension_authorised_by text,
      extension_reason text,
      extension_entry_id uuid references record_entries(id),
      extension_recorded_by_label text,
      extension_recorded_at timestamptz,
      outcome text,
      outcome_at timestamptz,
      outcome_note text,
      outcome_entry_id uuid references record_entries(id),
      outcome_recorded_by_label text,
      outcome_recorded_at timestamptz
    )
  `.execute(db);
  await sql`create index place_of_safety_records_person on place_of_safety_records (person_id, arrived_at)`.execute(db);

  await sql`
    create table awol_reports (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      hospital_agency_id uuid references agencies(id),
      hospital_agency_name text not null,
      police_agency_id uuid not null references agencies(id),
      police_agency_name text not null,
      missing_since timestamptz not null,
      risk text not null,
      request text not null,
      -- The 'awol-began' entry this report recorded, or null when it was already recorded.
      began_entry_id uuid references record_entries(id),
      reported_by uuid references users(id),
      reported_by_label text not null,
      reported_at timestamptz not null,
      returned_at timestamptz,
      returned_entry_id uuid references record_entries(id),
      returned_recorded_by_label text,
      returned_recorded_at timestamptz
    )
  `.execute(db);
  await sql`create index awol_reports_person on awol_reports (person_id, missing_since)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table awol_reports`.execute(db);
  await sql`drop table place_of_safety_records`.execute(db);
}
