import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { RestrictedReportTables } from './schema-restricted-reports.ts';
import type { ConditionalDischargeTables } from './schema-conditional-discharge.ts';
import type { MappaVictimTables } from './schema-mappa-victims.ts';

// Timestamps and dates cross the driver as text (see database.ts) and become Temporal values at the
// edge of the data layer.
type Timestamp = ColumnType<string, string | undefined, string>;
type Json<T> = ColumnType<T, string, string>;

export interface AgencyTable {
  id: Generated<string>;
  name: string;
  kind: string;
  created_at: Timestamp;
  retired_at: string | null;
}

export interface TeamTable {
  id: Generated<string>;
  agency_id: string;
  name: string;
  created_at: Timestamp;
  retired_at: string | null;
  // The named lead to whom the team's overdue referrals are escalated (0006-referrals).
  lead_user_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface UserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  agency_id: string;
  team_id: string | null;
  role: string;
  failed_sign_ins: Generated<number>;
  locked_until: string | null;
  disabled_at: string | null;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
}

export interface ApprovalTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  valid_from: string;
  valid_to: string | null;
  approving_body: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdrawn_reason: string | null;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: string;
}

export interface ApiTokenTable {
  id: Generated<string>;
  name: string;
  token_hash: string;
  agency_id: string;
  role: string;
  created_by: string;
  created_at: Timestamp;
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface PersonTable {
  id: Generated<string>;
  version: number;
  given_names: string;
  family_name: string;
  preferred_name: string | null;
  search_names: string;
  date_of_birth: string | null;
  nhs_number: string | null;
  pnc_id: string | null;
  probation_reference: string | null;
  state: Json<unknown>;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RecordEntryTable {
  id: Generated<string>;
  person_id: string;
  sequence: number;
  kind: string;
  category: string;
  data: Json<unknown>;
  reason: string | null;
  supersedes: string | null;
  author_user_id: string | null;
  author_name: string;
  author_role: string;
  author_agency_id: string | null;
  author_agency_name: string;
  recorded_at: string;
}

export interface AuditLogTable {
  sequence: number;
  at: string;
  actor_user_id: string | null;
  actor_label: string;
  actor_role: string | null;
  agency_id: string | null;
  agency_name: string | null;
  person_id: string | null;
  // The people a list showed (one entry for the whole list); null for an entry about one person or none.
  person_ids: string[] | null;
  action: string;
  what: string;
  purpose: string;
  previous_hash: string;
  hash: string;
}

export interface SignInAttemptTable {
  id: Generated<number>;
  username: string;
  source: string;
  succeeded: boolean;
  at: string;
}

export interface LegalStatusTable {
  person_id: string;
  agency_id: string | null;
  team_id: string | null;
  provision: string;
  since: string | null;
  liable_to_be_detained: boolean;
  restricted: boolean;
  awol: boolean;
  evaluated_at: string;
  refresh_after: string | null;
  output: Json<unknown>;
}

export interface LegalDeadlineTable {
  person_id: string;
  agency_id: string | null;
  team_id: string | null;
  kind: string;
  due: string;
  provision: string;
}

export interface TaskTable {
  id: Generated<string>;
  source_key: string;
  person_id: string;
  agency_id: string | null;
  team_id: string | null;
  kind: string;
  role: string;
  title: string;
  provision: string;
  due: string;
  created_at: string;
  closed_at: string | null;
  closed_by: string | null;
  closed_by_label: string | null;
  closed_reason: string | null;
  escalated_at: string | null;
}

export interface NotificationTable {
  id: Generated<string>;
  created_at: string;
  agency_id: string | null;
  role: string;
  task_id: string | null;
  subject: string;
  body: string;
  channel: string;
  recipient: string | null;
  status: string;
  sent_at: string | null;
  failure: string | null;
}

export interface AttachmentTable {
  id: Generated<string>;
  person_id: string;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface InvolvementTable {
  id: Generated<string>;
  person_id: string;
  agency_id: string;
  team_id: string | null;
  user_id: string | null;
  reason: string;
  starts_at: string;
  ends_at: string | null;
  recorded_by: string | null;
  recorded_by_label: string;
  recorded_at: string;
  ended_by_label: string | null;
  ended_at: string | null;
  end_reason: string | null;
}

export interface CategoryPolicyTable {
  agency_kind: string;
  role: string;
  category: string;
}

export interface DisclosureApproverTable {
  basis: string;
  role: string;
}

export interface ConsentTable {
  id: Generated<string>;
  person_id: string;
  decision: string;
  agency_ids: string[];
  categories: string[];
  purpose: string;
  how_given: string;
  capacity: string;
  best_interests: string | null;
  valid_until: string | null;
  recorded_by: string | null;
  recorded_by_label: string;
  recorded_by_agency: string;
  recorded_at: string;
  withdrawn_at: string | null;
  withdrawn_by_label: string | null;
  withdrawal_note: string | null;
}

export interface DisclosureTable {
  id: Generated<string>;
  person_id: string;
  basis: string;
  justification: string | null;
  consent_id: string | null;
  purpose: string;
  from_agency_id: string;
  from_agency_name: string;
  recipient_agency_id: string;
  recipient_team_id: string | null;
  entry_ids: string[];
  identity: boolean;
  expires_at: string;
  approver_role: string;
  proposed_by: string | null;
  proposed_by_label: string;
  proposed_at: string;
  decision: string | null;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: string | null;
  decision_note: string | null;
  withdrawn_at: string | null;
  withdrawn_by_label: string | null;
  withdrawal_note: string | null;
}

export interface BreakGlassTable {
  id: Generated<string>;
  person_id: string;
  user_id: string;
  user_label: string;
  role: string;
  agency_id: string;
  reason: string;
  starts_at: string;
  ends_at: string;
  reviewed_by: string | null;
  reviewed_by_label: string | null;
  reviewed_at: string | null;
  review_outcome: string | null;
  review_note: string | null;
}

export interface ReferralTable {
  id: Generated<string>;
  person_id: string;
  purpose: string;
  urgency: string;
  asked: string;
  referrer_words: string;
  from_agency_id: string;
  from_team_id: string | null;
  to_agency_id: string;
  to_team_id: string | null;
  referred_by: string | null;
  referred_by_label: string;
  referred_at: string;
  acknowledge_due: string;
  decide_due: string;
  status: string;
  acknowledged_by: string | null;
  acknowledged_by_label: string | null;
  acknowledged_at: string | null;
  decision: string | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: string | null;
  outcome: string | null;
  outcome_note: string | null;
  closed_by: string | null;
  closed_by_label: string | null;
  closed_at: string | null;
  withdrawal_reason: string | null;
  withdrawn_by: string | null;
  withdrawn_by_label: string | null;
  withdrawn_at: string | null;
  escalated_at: string | null;
  escalated_timer: string | null;
  escalated_to: string | null;
  escalated_to_label: string | null;
}

// The mental health treatment requirement pathway (migration 0007).
export interface MhtrCaseTable {
  id: Generated<string>;
  person_id: string;
  stage: string;
  stage_since: string;
  opened_at: string;
  opened_by_agency_id: string | null;
  referral_id: string | null;
  probation_agency_id: string | null;
  practitioner_user_id: string | null;
  provider_agency_id: string | null;
  requirement_ends_on: string | null;
  leaving_reason: string | null;
}

export interface MhtrStepTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  sequence: number;
  kind: string;
  category: string;
  private: boolean;
  stage_after: string;
  data: Json<unknown>;
  recorded_by: string | null;
  recorded_by_label: string;
  recorded_by_role: string | null;
  recorded_by_agency_id: string | null;
  recorded_by_agency_name: string;
  recorded_at: string;
}

export interface MhtrAppointmentTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  kind: string;
  starts_at: string;
  place: string;
  with_whom: string;
  booked_by: string | null;
  booked_by_label: string;
  booked_by_agency_id: string | null;
  booked_at: string;
  outcome: string | null;
  outcome_note: string | null;
  outcome_recorded_by: string | null;
  outcome_recorded_by_label: string | null;
  outcome_recorded_at: string | null;
  decided_by_step_id: string | null;
}

export interface CommunityOrderTable {
  id: Generated<string>;
  made_on: string;
  order_kind: string;
  requirements: string[];
  mhtr_case_id: string | null;
  court_agency_id: string | null;
  recorded_by: string | null;
  recorded_by_label: string;
  recorded_at: string;
}

export interface PlaceOfSafetyRecordTable {
  id: Generated<string>;
  person_id: string;
  power: string;
  detained_at: string;
  detained_where: string;
  place_kind: string;
  place_name: string;
  arrived_at: string;
  police_station_conditions: string[];
  arrival_entry_id: string;
  recorded_by: string | null;
  recorded_by_label: string;
  recorded_by_agency_id: string | null;
  recorded_by_agency_name: string;
  recorded_at: string;
  handed_over_at: string | null;
  handed_over_to: string | null;
  handover_recorded_by_label: string | null;
  handover_recorded_at: string | null;
  extension_hours: number | null;
  extension_authorised_at: string | null;
  extension_authorised_by: string | null;
  extension_reason: string | null;
  extension_entry_id: string | null;
  extension_recorded_by_label: string | null;
  extension_recorded_at: string | null;
  outcome: string | null;
  outcome_at: string | null;
  outcome_note: string | null;
  outcome_entry_id: string | null;
  outcome_recorded_by_label: string | null;
  outcome_recorded_at: string | null;
}

export interface AwolReportTable {
  id: Generated<string>;
  person_id: string;
  hospital_agency_id: string | null;
  hospital_agency_name: string;
  police_agency_id: string;
  police_agency_name: string;
  missing_since: string;
  risk: string;
  request: string;
  began_entry_id: string | null;
  reported_by: string | null;
  reported_by_label: string;
  reported_at: string;
  returned_at: string | null;
  returned_entry_id: string | null;
  returned_recorded_by_label: string | null;
  returned_recorded_at: string | null;
}

// Crisis calls under Right Care, Right Person (migration 0008).
export interface CrisisServiceTable {
  id: Generated<string>;
  name: string;
  kind: string;
  can_do: string;
  cannot_do: string;
  hours: string;
  out_of_hours: string;
  agency_id: string;
  team_id: string | null;
  retired_at: string | null;
  updated_by: string | null;
  updated_by_label: string;
  updated_at: string;
}

export interface CrisisCallTable {
  id: Generated<string>;
  category: string;
  caller: string;
  location: string;
  concern: string;
  risk: string;
  risk_known: string;
  person_id: string | null;
  person_description: string | null;
  agency_id: string;
  team_id: string | null;
  raised_by: string | null;
  raised_by_label: string;
  raised_at: string;
  threshold_crime: boolean | null;
  threshold_risk_to_life: boolean | null;
  threshold_reasons: string | null;
  threshold_route: string | null;
  threshold_by: string | null;
  threshold_by_label: string | null;
  threshold_at: string | null;
  outcome: string | null;
  outcome_detail: string | null;
  closed_by: string | null;
  closed_by_label: string | null;
  closed_by_agency_id: string | null;
  closed_at: string | null;
}

export interface CrisisCallHandoffTable {
  id: Generated<string>;
  call_id: string;
  service_id: string;
  referral_id: string;
  handed_off_at: string;
}

export interface CrisisDisagreementTable {
  id: Generated<string>;
  call_id: string;
  about: string;
  raised_by_agency_id: string;
  with_agency_id: string;
  raised_by: string | null;
  raised_by_label: string;
  raised_at: string;
}

export interface CallAttachmentTable {
  id: Generated<string>;
  call_id: string;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string | null;
  uploaded_by_label: string;
  uploaded_at: string;
}

// A request to the Secretary of State for a restricted patient (s41(3)(c)); decided or withdrawn once.
export interface SosRequestTable {
  id: Generated<string>;
  person_id: string;
  kind: 'leave' | 'transfer' | 'discharge';
  details: Json<unknown>;
  submitted_by: string | null;
  submitted_by_label: string;
  submitted_at: Timestamp;
  decision: ColumnType<'consented' | 'refused' | null, 'consented' | 'refused' | null | undefined, 'consented' | 'refused' | null>;
  conditions: ColumnType<string | null, string | null | undefined, string | null>;
  reasons: ColumnType<string | null, string | null | undefined, string | null>;
  decided_by: ColumnType<string | null, string | null | undefined, string | null>;
  decided_by_label: ColumnType<string | null, string | null | undefined, string | null>;
  decided_at: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_by: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_by_label: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_at: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface Database extends RestrictedReportTables, ConditionalDischargeTables, MappaVictimTables {
  agencies: AgencyTable;
  teams: TeamTable;
  users: UserTable;
  approvals: ApprovalTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  people: PersonTable;
  record_entries: RecordEntryTable;
  legal_status: LegalStatusTable;
  legal_deadlines: LegalDeadlineTable;
  tasks: TaskTable;
  notifications: NotificationTable;
  attachments: AttachmentTable;
  audit_log: AuditLogTable;
  involvements: InvolvementTable;
  category_policy: CategoryPolicyTable;
  disclosure_approvers: DisclosureApproverTable;
  consents: ConsentTable;
  disclosures: DisclosureTable;
  break_glass: BreakGlassTable;
  referrals: ReferralTable;
  mhtr_cases: MhtrCaseTable;
  mhtr_steps: MhtrStepTable;
  mhtr_appointments: MhtrAppointmentTable;
  community_orders: CommunityOrderTable;
  crisis_services: CrisisServiceTable;
  crisis_calls: CrisisCallTable;
  crisis_call_handoffs: CrisisCallHandoffTable;
  crisis_disagreements: CrisisDisagreementTable;
  call_attachments: CallAttachmentTable;
  place_of_safety_records: PlaceOfSafetyRecordTable;
  awol_reports: AwolReportTable;
  sos_requests: SosRequestTable;
}

export type AgencyRow = Selectable<AgencyTable>;
export type TeamRow = Selectable<TeamTable>;
export type UserRow = Selectable<UserTable>;
export type ApprovalRow = Selectable<ApprovalTable>;
export type PersonRow = Selectable<PersonTable>;
export type RecordEntryRow = Selectable<RecordEntryTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type NewRecordEntry = Insertable<RecordEntryTable>;
