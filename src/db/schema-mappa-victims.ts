import type { ColumnType, Generated } from 'kysely';

// Timestamps and dates cross the driver as text (see database.ts).
type Json<T> = ColumnType<T, string, string>;

export interface MappaArrangementTable {
  id: Generated<string>;
  person_id: string;
  version: number;
  category: number;
  level: number;
  lead_agency_id: string;
  lead_agency_name: string;
  reason: string;
  recorded_by: string | null;
  recorded_by_label: string;
  recorded_by_agency_name: string;
  recorded_at: string;
}

export interface MappaMeetingTable {
  id: Generated<string>;
  person_id: string;
  arrangement_id: string;
  held_on: string;
  level: number;
  attending_agency_ids: string[];
  minutes: string;
  actions: Json<{ action: string; owner: string }[]>;
  recorded_by: string | null;
  recorded_by_label: string;
  recorded_by_agency_id: string;
  recorded_by_agency_name: string;
  recorded_at: string;
}

export interface VictimContactTable {
  id: Generated<string>;
  sequence: Generated<number>;
  person_id: string;
  officer_name: string;
  officer_agency: string;
  officer_phone: string | null;
  officer_email: string | null;
  opted_in: boolean;
  recorded_by: string | null;
  recorded_by_label: string;
  recorded_at: string;
}

export interface VictimRepresentationTable {
  id: Generated<string>;
  person_id: string;
  made_on: string;
  representation: string;
  recorded_by: string | null;
  recorded_by_label: string;
  recorded_at: string;
}

export interface VictimToldTable {
  id: Generated<string>;
  person_id: string;
  told_on: string;
  what: string;
  told_by: string;
  recorded_by: string | null;
  recorded_by_label: string;
  recorded_at: string;
}

// MAPPA arrangements and meetings; victims' liaison and what they are told: the tables, as Kysely sees them.
export interface MappaVictimTables {
  mappa_arrangements: MappaArrangementTable;
  mappa_meetings: MappaMeetingTable;
  victim_contacts: VictimContactTable;
  victim_representations: VictimRepresentationTable;
  victim_told: VictimToldTable;
}
