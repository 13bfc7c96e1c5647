import { sql, type Kysely } from 'kysely';

// The mental health treatment requirement pathway. A case is one row with a projection of where it is now
// (its stage, who holds it, where treatment is); everything that happened to it is an append-only step in
// mhtr_steps, with its category, whether it is private, who recorded it and when. Appointments are rows
// whose outcome is written once, onto the row. Community orders are counted (with and without the
// requirement) for the uptake figure and name no one. Nothing here is ever deleted.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mhtr_cases (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      stage text not null,
      stage_since timestamptz not null,
      opened_at timestamptz not null,
      opened_by_agency_id uuid references agencies(id),
      -- A custody referral the case came from (a referral's id; referrals keep their own table).
      referral_id uuid,
      probation_agency_id uuid references agencies(id),
      practitioner_user_id uuid references users(id),
      provider_agency_id uuid references agencies(id),
      requirement_ends_on date,
      leaving_reason text
    )
  `.execute(db);
  await sql`create index mhtr_cases_person on mhtr_cases (person_id)`.execute(db);
  await sql`create index mhtr_cases_practitioner on mhtr_cases (practitioner_user_id)`.execute(db);
  await sql`create index mhtr_cases_provider on mhtr_cases (provider_agency_id)`.execute(db);

  await sql`
    create table mhtr_steps (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references mhtr_cases(id),
      person_id uuid not null references people(id),
      sequence integer not null,
      kind text not null,
      category text not null,
      private boolean not null,
      stage_after text not null,
      data jsonb not null,
      recorded_by uuid references users(id),
      recorded_by_label text not null,
      recorded_by_role text,
      recorded_by_agency_id uuid references agencies(id),
      recorded_by_agency_name text not null,
      recorded_at timestamptz not null,
      unique (case_id, sequence)
    )
  `.execute(db);

  await sql`
    create table mhtr_appointments (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references mhtr_cases(id),
      person_id uuid not null references people(id),
      kind text not null,
      starts_at timestamptz not null,
      place text not null,
      with_whom text not null,
      booked_by uuid references users(id),
      booked_by_label text not null,
      booked_by_agency_id uuid references agencies(id),
      booked_at timestamptz not null,
      outcome text,
      outcome_note text,
      outcome_recorded_by uuid references users(id),
      outcome_recorded_by_label text,
      outcome_recorded_at timestamptz,
      -- The compliance decision that covered a missed appointment.
      decided_by_step_id uuid references mhtr_steps(id)
    )
  `.execute(db);
  await sql`create index mhtr_appointments_case on mhtr_appointments (case_id, starts_at)`.execute(db);

  await sql`
    create table community_orders (
      id uuid primary key default gen_random_uuid(),
      made_on date not null,
      order_kind text not null,
      requirements text[] not null,
      mhtr_case_id uuid references mhtr_cases(id),
      court_agency_id uuid references agencies(id),
      recorded_by uuid references users(id),
      recorded_by_label text not null,
      recorded_at timestamptz not null
    )
  `.execute(db);
  await sql`create index community_orders_made_on on community_orders (made_on)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Accord migrations are not reversed.');
}
