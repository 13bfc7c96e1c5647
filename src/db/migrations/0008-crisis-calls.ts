import { sql, type Kysely } from 'kysely';

// Crisis calls under Right Care, Right Person. The service directory (crisis_services) is administered
// data, edited in place with who and when. A call (crisis_calls) is one row whose steps are written onto
// it once each: the threshold decision, the outcome. Its handoffs are referrals (purpose
// 'crisis-response'), linked to the call by crisis_call_handoffs; disagreements between agencies are rows
// of their own. Calls, handoffs and disagreements are never deleted.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table crisis_services (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(trim(name)) > 0),
      kind text not null check (kind in ('crisis-team', 'ambulance', 'liaison-psychiatry', 'amhp-service', 'gp', 'voluntary-organisation')),
      can_do text not null,
      cannot_do text not null,
      hours text not null,
      out_of_hours text not null,
      agency_id uuid not null references agencies(id),
      team_id uuid references teams(id),
      retired_at timestamptz,
      updated_by uuid references users(id),
      updated_by_label text not null,
      updated_at timestamptz not null
    )
  `.execute(db);

  await sql`
    create table crisis_calls (
      id uuid primary key default gen_random_uuid(),
      category text not null check (category in ('concern-for-welfare', 'walk-out-from-health-setting', 'absent-without-leave', 'medical-help', 'transport-or-conveyance', 's136-handover')),
      caller text not null check (length(trim(caller)) > 0),
      location text not null check (length(trim(location)) > 0),
      concern text not null check (length(trim(concern)) > 0),
      risk text not null check (risk in ('high', 'medium', 'low')),
      risk_known text not null check (length(trim(risk_known)) > 0),
      person_id uuid references people(id),
      person_description text,
      agency_id uuid not null references agencies(id),
      team_id uuid references teams(id),
      raised_by uuid references users(id),
      raised_by_label text not null,
      raised_at timestamptz not null,
      threshold_crime boolean,
      threshold_risk_to_life boolean,
      threshold_reasons text,
      threshold_route text check (threshold_route in ('police-attend', 'health-and-care')),
      threshold_by uuid references users(id),
      threshold_by_label text,
      threshold_at timestamptz,
      outcome text check (outcome in ('seen-and-assessed', 'admitted', 'referred-on', 'no-further-action', 'not-found')),
      outcome_detail text,
      closed_by uuid references users(id),
      closed_by_label text,
      closed_by_agency_id uuid references agencies(id),
      closed_at timestamptz,
      check (person_id is not null or length(trim(coalesce(person_description, ''))) > 0),
      check (threshold_route is null or (length(trim(coalesce(threshold_reasons, ''))) > 0 and threshold_at is not null)),
      check (closed_at is null or (outcome is not null and length(trim(coalesce(outcome_detail, ''))) > 0))
    )
  `.execute(db);
  await sql`create index crisis_calls_open on crisis_calls (raised_at) where closed_at is null`.execute(db);
  await sql`create index crisis_calls_person on crisis_calls (person_id)`.execute(db);

  await sql`
    create table crisis_call_handoffs (
      id uuid primary key default gen_random_uuid(),
      call_id uuid not null references crisis_calls(id),
      service_id uuid not null references crisis_services(id),
      referral_id uuid not null unique references referrals(id),
      handed_off_at timestamptz not null
    )
  `.execute(db);
  await sql`create index crisis_call_handoffs_call on crisis_call_handoffs (call_id, handed_off_at)`.execute(db);

  await sql`
    create table crisis_disagreements (
      id uuid primary key default gen_random_uuid(),
      call_id uuid not null references crisis_calls(id),
      about text not null check (length(trim(about)) > 0),
      raised_by_agency_id uuid not null references agencies(id),
      with_agency_id uuid not null references agencies(id),
      raised_by uuid references users(id),
      raised_by_label text not null,
      raised_at timestamptz not null
    )
  `.execute(db);
  await sql`create index crisis_disagreements_call on crisis_disagreements (call_id)`.execute(db);

  for (const table of ['crisis_calls', 'crisis_call_handoffs', 'crisis_disagreements']) {
    await sql`create trigger ${sql.raw(`${table}_never_deleted`)} before delete on ${sql.table(table)} for each row execute function accord_refuse_change()`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Accord migrations are not reversed.');
}
