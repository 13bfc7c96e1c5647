import { sql, type Kysely } from 'kysely';
import { defaultCategoryPolicy } from '../../domain/sharing/category-policy.ts';
import { defaultApprovers } from '../../domain/sharing/lawful-bases.ts';

// Lawful information sharing: who is involved with each person, what each kind of agency and role sees
// (the policy, as data), the person's consent and refusals, disclosures beyond involvement with their
// lawful basis and approval, and emergency (break-glass) access with its review. Rows are never deleted:
// an ending, a withdrawal, a decision or a review is written onto the row with who made it and when, and
// to the audit log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table involvements (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      agency_id uuid not null references agencies(id),
      team_id uuid references teams(id),
      user_id uuid references users(id),
      reason text not null,
      starts_at timestamptz not null,
      ends_at timestamptz,
      recorded_by uuid references users(id),
      recorded_by_label text not null,
      recorded_at timestamptz not null,
      ended_by_label text,
      ended_at timestamptz,
      end_reason text
    )
  `.execute(db);
  await sql`create index involvements_person on involvements (person_id)`.execute(db);
  await sql`create index involvements_agency on involvements (agency_id, person_id)`.execute(db);

  await sql`
    create table category_policy (
      agency_kind text not null,
      role text not null,
      category text not null,
      primary key (agency_kind, role, category)
    )
  `.execute(db);
  await sql`
    create table disclosure_approvers (
      basis text primary key,
      role text not null
    )
  `.execute(db);

  await sql`
    create table consents (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      decision text not null,
      agency_ids uuid[] not null,
      categories text[] not null,
      purpose text not null,
      how_given text not null,
      capacity text not null,
      best_interests text,
      valid_until timestamptz,
      recorded_by uuid references users(id),
      recorded_by_label text not null,
      recorded_by_agency text not null,
      recorded_at timestamptz not null,
      withdrawn_at timestamptz,
      withdrawn_by_label text,
      withdrawal_note text
    )
  `.execute(db);
  await sql`create index consents_person on consents (person_id)`.execute(db);

  await sql`
    create table disclosures (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      basis text not null,
      justification text,
      consent_id uuid references consents(id),
      purpose text not null,
      from_agency_id uuid not null references agencies(id),
      from_agency_name text not null,
      recipient_agency_id uuid not null references agencies(id),
      recipient_team_id uuid references teams(id),
      entry_ids uuid[] not null,
      identity boolean not null,
      expires_at timestamptz not null,
      approver_role text not null,
      proposed_by uuid references users(id),
      proposed_by_label text not null,
      proposed_at timestamptz not null,
      decision text,
      decided_by uuid references users(id),
      decided_by_label text,
      decided_at timestamptz,
      decision_note text,
      withdrawn_at timestamptz,
      withdrawn_by_label text,
      withdrawal_note text
    )
  `.execute(db);
  await sql`create index disclosures_person on disclosures (person_id)`.execute(db);
  await sql`create index disclosures_recipient on disclosures (recipient_agency_id, person_id)`.execute(db);
  await sql`create index disclosures_awaiting on disclosures (from_agency_id) where decision is null`.execute(db);

  await sql`
    create table break_glass (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      user_id uuid not null references users(id),
      user_label text not null,
      role text not null,
      agency_id uuid not null references agencies(id),
      reason text not null,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      reviewed_by uuid references users(id),
      reviewed_by_label text,
      reviewed_at timestamptz,
      review_outcome text,
      review_note text
    )
  `.execute(db);
  await sql`create index break_glass_person_user on break_glass (person_id, user_id)`.execute(db);
  await sql`create index break_glass_unreviewed on break_glass (agency_id, starts_at) where reviewed_at is null`.execute(db);

  const grants = defaultCategoryPolicy();
  for (let start = 0; start < grants.length; start += 500) {
    const values = grants.slice(start, start + 500).map((grant) => sql`(${grant.agencyKind}, ${grant.role}, ${grant.category})`);
    await sql`insert into category_policy (agency_kind, role, category) values ${sql.join(values)}`.execute(db);
  }
  for (const [basis, role] of Object.entries(defaultApprovers)) {
    await sql`insert into disclosure_approvers (basis, role) values (${basis}, ${role})`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Accord migrations are not reversed.');
}
