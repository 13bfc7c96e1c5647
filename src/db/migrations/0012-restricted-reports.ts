import { sql, type Kysely } from 'kysely';

// Statutory reports on restricted patients: the supervisors named after a conditional discharge, the
// reports filed (the responsible clinician's under s41(6), the supervisors' on the Ministry of Justice's
// schedule) and the escalation of each report left overdue. All three are record: rows are written once
// and never changed or deleted. Naming a supervisor again adds a row; the latest for each role is current.
// A report and an escalation are each unique to the due date they concern, so two filings (or two sweeps)
// racing for the same date leave one row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table restricted_supervisors (
      id uuid primary key default gen_random_uuid(),
      -- The order of naming, so that the latest is plain even within one instant.
      sequence bigint generated always as identity,
      person_id uuid not null references people(id),
      supervision text not null check (supervision in ('clinical', 'social')),
      user_id uuid not null references users(id),
      user_label text not null,
      user_role text not null,
      agency_id uuid not null references agencies(id),
      agency_name text not null,
      named_by uuid references users(id),
      named_by_label text not null,
      named_at timestamptz not null
    )
  `.execute(db);
  await sql`create index restricted_supervisors_person on restricted_supervisors (person_id, sequence)`.execute(db);
  await sql`
    create table restricted_reports (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      kind text not null check (kind in ('annual', 'clinical-supervisor', 'social-supervisor')),
      due timestamptz not null,
      provision text not null,
      recommendation text not null,
      report text not null,
      reasons text not null,
      late boolean not null,
      filed_by uuid references users(id),
      filed_by_label text not null,
      filed_by_role text not null,
      filed_at timestamptz not null,
      unique (person_id, kind, due)
    )
  `.execute(db);
  await sql`
    create table restricted_report_escalations (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      kind text not null check (kind in ('annual', 'clinical-supervisor', 'social-supervisor')),
      due timestamptz not null,
      provision text not null,
      escalated_at timestamptz not null,
      escalated_to_label text not null,
      unique (person_id, kind, due)
    )
  `.execute(db);
  await sql`
    create function restricted_reports_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% rows are never changed or deleted', tg_table_name;
    end;
    $$
  `.execute(db);
  for (const table of ['restricted_supervisors', 'restricted_reports', 'restricted_report_escalations']) {
    await sql`
      create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function restricted_reports_append_only()
    `.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Accord migrations are not reversed.');
}
