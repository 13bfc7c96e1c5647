// The law engine's outside, as fixed by the public contract (shared spec: law-engine.md). Inputs here are
// already validated and converted to Temporal values; names match the contract's JSON.

export const eventTypes = [
  'informal-admission',
  's5-4-recorded',
  's5-2-report-furnished',
  's4-admitted',
  's4-second-recommendation-received',
  's2-admitted',
  's3-admitted',
  'renewal-furnished',
  'guardianship-accepted',
  'cto-made',
  'cto-recalled',
  'cto-recall-released',
  'cto-revoked',
  'place-of-safety-arrival',
  'place-of-safety-extended',
  'place-of-safety-ended',
  'court-order',
  'transfer-direction',
  'hospital-admitted',
  'discharged',
  'recalled',
  'medication-first-administered',
  'tribunal-application',
  'tribunal-application-withdrawn',
  'tribunal-hearing',
  'awol-began',
  'awol-returned',
  'nr-discharge-notice',
  'barring-report-furnished',
] as const;

export type EventType = (typeof eventTypes)[number];

export interface Recommendation {
  examinedAt: Temporal.Instant;
  signedAt: Temporal.Instant;
  s12Approved: boolean;
  previousAcquaintance: boolean;
}

export interface Application {
  madeAt: Temporal.Instant | null;
  applicant: 'amhp' | 'nr' | null;
  applicantLastSawPatientAt: Temporal.Instant | null;
  recommendations: Recommendation[];
}

interface EventBase {
  // The event's position in the input, for findings that point back at it.
  index: number;
  at: Temporal.Instant;
}

export type LawEvent = EventBase &
  (
    | { type: 'informal-admission' | 's5-4-recorded' | 's5-2-report-furnished' | 's4-second-recommendation-received' }
    | { type: 's4-admitted' | 's2-admitted' | 's3-admitted'; application: Application | null }
    | { type: 'renewal-furnished' | 'guardianship-accepted' | 'cto-made' | 'cto-recalled' | 'cto-recall-released' | 'cto-revoked' }
    | { type: 'place-of-safety-arrival'; power: 's135(1)' | 's136' }
    | { type: 'place-of-safety-extended'; hours: number }
    | { type: 'place-of-safety-ended' }
    | { type: 'court-order'; order: 's35' | 's36' | 's37' | 's38' | 's45A'; restricted: boolean }
    | { type: 'transfer-direction'; direction: 's47' | 's48'; restricted: boolean }
    | { type: 'hospital-admitted' | 'recalled' | 'medication-first-administered' }
    | { type: 'discharged'; kind: 'absolute' | 'conditional'; by: 'rc' | 'managers' | 'nr' | 'tribunal' | 'sos' }
    | { type: 'tribunal-application'; applicant: 'patient' | 'nr' }
    | { type: 'tribunal-application-withdrawn' | 'tribunal-hearing' | 'awol-began' | 'awol-returned' | 'nr-discharge-notice' | 'barring-report-furnished' }
  );

export interface EvaluateInput {
  asOf: Temporal.Instant;
  person: { dateOfBirth: Temporal.PlainDate | null };
  // Overrides of the engine's commencement table, keyed `<act>.<section>`.
  commencements: Record<string, Temporal.PlainDate>;
  // Ordered by `at`; events at the same instant keep their input order.
  events: LawEvent[];
}

export const provisions = [
  'informal',
  'none',
  's5(4)',
  's5(2)',
  's4',
  's2',
  's3',
  's135(1)',
  's136',
  'cto',
  'guardianship',
  's35',
  's36',
  's37',
  's37/41',
  's38',
  's45A',
  's47',
  's47/49',
  's48',
  's48/49',
  'conditionally-discharged',
] as const;
export type Provision = (typeof provisions)[number];

export const deadlineKinds = [
  'authority-ends',
  'renewal-window-opens',
  'tribunal-window-opens',
  'tribunal-window-closes',
  'managers-reference-due',
  'sos-reference-due',
  'medication-certificate-required',
  'recall-72h-ends',
  'awol-retaking-ends',
  'annual-report-due',
  'supervisor-report-due',
  'admission-deadline',
] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];

export interface Deadline {
  kind: DeadlineKind;
  due: Temporal.Instant;
  // The statutory provision (or guidance) the deadline comes from, e.g. "s2(4)".
  provision: string;
  passed: boolean;
}

export interface Finding {
  severity: 'error' | 'warning' | 'info';
  code: string;
  provision: string;
  message: string;
}

export interface EvaluateOutput {
  asOf: Temporal.Instant;
  status: {
    provision: Provision;
    legalStatusCode: string | null;
    since: Temporal.Instant | null;
    liableToBeDetained: boolean;
    restricted: boolean;
    awol: boolean;
  };
  deadlines: Deadline[];
  entitlements: { imha: boolean; section117: boolean; tribunalApplicationNow: boolean };
  findings: Finding[];
}

export const relationships = [
  'husband',
  'wife',
  'civil-partner',
  'cohabitant',
  'son',
  'daughter',
  'father',
  'mother',
  'brother',
  'sister',
  'grandfather',
  'grandmother',
  'grandson',
  'granddaughter',
  'uncle',
  'aunt',
  'nephew',
  'niece',
  'non-relative-co-resident',
] as const;
export type Relationship = (typeof relationships)[number];

export interface Relative {
  id: string;
  relationship: Relationship;
  dateOfBirth: Temporal.PlainDate | null;
  halfBlood: boolean;
  residesInUK: boolean;
  permanentlySeparated: boolean;
  deserted: boolean;
  parentalResponsibility: boolean | null;
  livesWithOrCaresForPatient: boolean;
  livingWithPatientSince: Temporal.PlainDate | null;
}

export interface NearestRelativeInput {
  asOf: Temporal.PlainDate;
  patient: { dateOfBirth: Temporal.PlainDate | null; residesInUK: boolean };
  relatives: Relative[];
}

export interface NearestRelativeOutput {
  nearestRelative: string | null;
  ranking: string[];
  excluded: { id: string; reason: string; provision: string }[];
}
