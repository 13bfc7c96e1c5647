import { sql, type Kysely } from 'kysely';

// Referrals from one team (or agency) to another about a person on Accord, and each team's named lead,
// to whom a referral whose timer runs out is escalated. A referral's steps (acknowledgement, decision,
// closing with an outcome, withdrawal, escalation) are written onto its row with who and when; a row is
// never deleted, and a finished referral cannot be stored without the words that say how it ended.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table teams add column lead_user_id uuid references users(id)`.execute(db);

  await sql`
    create table referrals (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      purpose text not null,
      urgency text not null check (urgency in ('emergency', 'urgent', 'routine')),
      asked text not null check (length(trim(asked)) > 0),
      referrer_words text not null check (length(trim(referrer_words)) > 0),
      from_agency_id uuid not null references agencies(id),
      from_team_id uuid references teams(id),
      to_agency_id uuid not null references agencies(id),
      to_team_id uuid references teams(id),
      referred_by uuid references users(id),
      referred_by_label text not null,
      referred_at timestamptz not null,
      acknowledge_due timestamptz not null,
      decide_due timestamptz not null,
      status text not null check (status in ('sent', 'acknowledged', 'accepted', 'declined', 'closed', 'withdrawn')),
      acknowledged_by uuid references users(id),
      acknowledged_by_label text,
      acknowledged_at timestamptz,
      decision text check (decision in ('accepted', 'declined')),
      decision_reason text,
      decided_by uuid references users(id),
      decided_by_label text,
      decided_at timestamptz,
      outcome text,
      outcome_note text,
      closed_by uuid references users(id),
      closed_by_label text,
      closed_at timestamptz,
      withdrawal_reason text,
      withdrawn_by uuid references users(id),
      withdrawn_by_label text,
      withdrawn_at timestamptz,
      escalated_at timestamptz,
      escalated_timer text check (escalated_timer in ('acknowledge', 'decide')),
      escalated_to uuid references users(id),
      escalated_to_label text,
      check (status <> 'closed' or (outcome is not null and length(trim(coalesce(outcome_note, ''))) > 0 and closed_at is not null)),
      check (status <> 'declined' or (decision = 'declined' and length(trim(coalesce(decision_reason, ''))) > 0)),
      check (status <> 'withdrawn' or (length(trim(coalesce(withdrawal_reason, ''))) > 0 and withdrawn_at is not null))
    )
  `.execute(db);
  await sql`create index referrals_to on referrals (to_agency_id, to_team_id, referred_at)`.execute(db);
  await sql`create index referrals_from on referrals (from_agency_id, from_team_id, referred_at)`.execute(db);
  await sql`create index referrals_person on referrals (person_id)`.execute(db);
  await sql`create index referrals_unanswered on referrals (acknowledge_due, decide_due) where status in ('sent', 'acknowledged') and escalated_at is null`.execute(db);
  await sql`
    create trigger referrals_never_deleted before delete on referrals
    for each row execute function accord_refuse_change()
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Accord migrations are not reversed.');
}
