import type { ColumnType, Generated } from 'kysely';

// Conditional discharge: conditions, concerns and breaches, recall warrants: the tables, as Kysely sees them.

export interface DischargeConditionSetTable {
  id: Generated<string>;
  person_id: string;
  discharge_entry_id: string;
  origin: 'discharge' | 'variation';
  set_by_body: 'sos' | 'tribunal';
  provision: string;
  reason: string | null;
  supersedes: string | null;
  set_at: string;
  set_by: string | null;
  set_by_label: string;
  set_by_agency_name: string;
}

export interface DischargeConditionTable {
  id: Generated<string>;
  set_id: string;
  person_id: string;
  position: number;
  kind: 'residence' | 'supervision' | 'treatment' | 'exclusion-zone' | 'no-contact' | 'other';
  wording: string;
  concerns_victims: boolean;
}

export interface DischargeConcernTable {
  id: Generated<string>;
  person_id: string;
  kind: 'concern' | 'breach';
  condition_id: string | null;
  occurred_at: string;
  what_happened: string;
  action_taken: string;
  recorded_by: string | null;
  recorded_by_label: string;
  recorded_by_agency_name: string;
  recorded_at: string;
}

export interface RecallWarrantTable {
  id: Generated<string>;
  person_id: string;
  discharge_entry_id: string;
  issued_at: string;
  reasons: string;
  issued_by: string | null;
  issued_by_label: string;
  recorded_at: string;
  return_entry_id: ColumnType<string | null, string | null | undefined, string | null>;
  returned_at: ColumnType<string | null, string | null | undefined, string | null>;
  return_recorded_by_label: ColumnType<string | null, string | null | undefined, string | null>;
  return_recorded_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ConditionalDischargeTables {
  discharge_condition_sets: DischargeConditionSetTable;
  discharge_conditions: DischargeConditionTable;
  discharge_concerns: DischargeConcernTable;
  recall_warrants: RecallWarrantTable;
}
