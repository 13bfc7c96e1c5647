import { sql, type Kysely } from 'kysely';

// Requests from a restricted patient's responsible clinician to the Secretary of State for Justice (leave,
// transfer, discharge: s41(3)(c)) and the decision the Ministry of Justice's casework team records on each.
// A request is written once; its decision, or its withdrawal, is written onto it once, with who and when,
// and after that the row never changes. Rows are never deleted.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sos_requests (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      kind text not null check (kind in ('leave', 'transfer', 'discharge')),
      details jsonb not null,
      submitted_by uuid references users(id),
      submitted_by_label text not null,
      submitted_at timestamptz not null,
      decision text check (decision in ('consented', 'refused')),
      conditions text,
      reasons text,
      decided_by uuid references users(id),
      decided_by_label text,
      decided_at timestamptz,
      withdrawn_by uuid references users(id),
      withdrawn_by_label text,
      withdrawn_at timestamptz,
      withdrawn_reason text,
      check ((decision is null) = (decided_at is null) and (decision is null) = (reasons is null)),
      check (decision is distinct from 'consented' or conditions is not null),
      check ((withdrawn_at is null) = (withdrawn_reason is null)),
      check (decision is null or withdrawn_at is null)
    )
  `.execute(db);
  await sql`create index sos_requests_person on sos_requests (person_id, submitted_at)`.execute(db);
  await sql`create index sos_requests_pending on sos_requests (submitted_at) where decision is null and withdrawn_at is null`.execute(db);
  // The decision or the withdrawal is written once onto a pending request; what was asked never changes.
  await sql`
    create function sos_requests_decide_once() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'sos_requests rows are never deleted';
      end if;
      if old.decision is not null or old.withdrawn_at is not null then
        raise exception 'this request has already been decided or withdrawn';
      end if;
      if new.id <> old.id or new.person_id <> old.person_id or new.kind <> old.kind or new.details <> old.details
        or new.submitted_by is distinct from old.submitted_by or new.submitted_by_label <> old.submitted_by_label
        or new.submitted_at <> old.submitted_at then
        raise exception 'what was asked of the Secretary of State is not changed';
      end if;
      return new;
    end;
    $$
  `.execute(db);
  await sql`
    create trigger sos_requests_decide_once before update or delete on sos_requests
    for each row execute function sos_requests_decide_once()
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Accord migrations are not reversed.');
}
