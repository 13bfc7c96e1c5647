import type { Generated } from 'kysely';

// Statutory reports on restricted patients (s41(6)) and the supervisors' reports after conditional discharge: the tables, as Kysely sees them.
// Timestamps cross the driver as text (see database.ts).

export interface RestrictedSupervisorTable {
  id: Generated<string>;
  sequence: Generated<string>;
  person_id: string;
  supervision: 'clinical' | 'social';
  user_id: string;
  user_label: string;
  user_role: string;
  agency_id: string;
  agency_name: string;
  named_by: string | null;
  named_by_label: string;
  named_at: string;
}

export interface RestrictedReportTable {
  id: Generated<string>;
  person_id: string;
  kind: 'annual' | 'clinical-supervisor' | 'social-supervisor';
  due: string;
  provision: string;
  recommendation: string;
  report: string;
  reasons: string;
  late: boolean;
  filed_by: string | null;
  filed_by_label: string;
  filed_by_role: string;
  filed_at: string;
}

export interface RestrictedReportEscalationTable {
  id: Generated<string>;
  person_id: string;
  kind: 'annual' | 'clinical-supervisor' | 'social-supervisor';
  due: string;
  provision: string;
  escalated_at: string;
  escalated_to_label: string;
}

export interface RestrictedReportTables {
  restricted_supervisors: RestrictedSupervisorTable;
  restricted_reports: RestrictedReportTable;
  restricted_report_escalations: RestrictedReportEscalationTable;
}
