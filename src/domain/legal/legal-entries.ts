import type { EventType, Finding } from '../law/contract.ts';
import type { ApprovalKind } from '../organisation/approvals.ts';

// What a person's record holds about their legal position under the Mental Health Act 1983. Each is an
// entry in the append-only record, written by the people who did or received it; the law engine reads
// the legal events, and the rest (documents, relatives, rights information, certificates, leave) is shown
// beside what the engine computes.

// Where the person is: the hospital (or local authority, for guardianship) responsible, and the ward or
// team. Recorded with the event that put them there.
export interface Placement {
  agencyId: string;
  agencyName: string;
  teamId: string | null;
  teamName: string | null;
}

// A legal event exactly in the law engine's contract shape: `type`, `at` (an offset date-time) and the
// event's own fields.
export type LegalEventJson = { type: EventType; at: string } & Record<string, unknown>;

export interface LegalEventData {
  event: LegalEventJson;
  placement: Placement | null;
  // The statutory document this event was recorded from, if any.
  documentId: string | null;
  note: string | null;
}

export interface AttachmentRef {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
}

// How a signer's approval was established when the document was received: from the approval recorded
// for them in Accord, or, for a signer who is not a member of staff in Accord, by the person receiving
// the document, who checked the register they name for the day of signing.
export interface SignerApprovalCheck {
  approval: ApprovalKind;
  provision: string;
  basis: 'accord-record' | 'register-checked-by-receiver';
  detail: string;
}

export interface DocumentSigner {
  signatoryId: string;
  userId: string | null;
  name: string;
  // Absent on entries written before approval checks were kept with the document.
  approvalChecks?: SignerApprovalCheck[];
}

export interface DocumentReceivedData {
  documentId: string;
  formCode: string;
  formTitle: string;
  values: Record<string, string>;
  signers: DocumentSigner[];
  attachment: AttachmentRef | null;
  // What the law engine said about the document when it was received.
  findings: Finding[];
  receivedAt: string;
  // For a medical recommendation or record of admission received with an application: the application's
  // documentId. Absent or null for a document received on its own.
  receivedWith?: string | null;
}

export const documentOutcomes = {
  valid: 'Valid as received',
  rectified: 'Rectified under s15',
  invalid: 'Invalid: the detention cannot rest on it',
} as const;
export type DocumentOutcome = keyof typeof documentOutcomes;

export interface DocumentOutcomeData {
  documentId: string;
  outcome: DocumentOutcome;
  // What was done: the amendment made, by whom, or the action taken on an invalid document.
  action: string;
  at: string;
}

export interface RelativeRecordedData {
  relativeId: string;
  name: string;
  relationship: string;
  dateOfBirth: string | null;
  halfBlood: boolean;
  residesInUK: boolean;
  permanentlySeparated: boolean;
  deserted: boolean;
  parentalResponsibility: boolean;
  livesWithOrCaresForPatient: boolean;
  livingWithPatientSince: string | null;
  contact: string | null;
}

// Orders and authorisations that change who acts as nearest relative: delegation by the nearest relative
// (reg 24 of the 2008 Regulations) and displacement by the county court (s29).
export const nearestRelativeOrderKinds = {
  delegation: { label: 'Delegation by the nearest relative', provision: 'reg 24' },
  displacement: { label: 'County court order displacing the nearest relative', provision: 's29' },
} as const;
export type NearestRelativeOrderKind = keyof typeof nearestRelativeOrderKinds;

export interface NearestRelativeOrderData {
  kind: NearestRelativeOrderKind;
  actingName: string;
  from: string;
  to: string | null;
  detail: string | null;
}

export interface RightsInformationData {
  // s132 for detained patients, s132A for community patients.
  provision: 's132' | 's132A';
  at: string;
  understood: boolean;
  note: string | null;
}

export const certificateForms = {
  T2: 'T2: approved clinician certifies consent to medication (s58(3)(a))',
  T3: 'T3: second opinion doctor certifies medication without consent (s58(3)(b))',
  CTO11: 'CTO11: second opinion doctor certifies treatment of a community patient (s64C(4))',
  CTO12: 'CTO12: approved clinician certifies a community patient\u2019s capacity and consent (s64C)',
} as const;
export type CertificateForm = keyof typeof certificateForms;

export interface CertificateData {
  form: CertificateForm;
  at: string;
  treatment: string;
}

export interface LeaveData {
  from: string;
  to: string;
  escorted: boolean;
  conditions: string | null;
}

export interface TransferData {
  at: string;
  to: Placement;
}

// The conditions of a community treatment order (s17B), as set when it is made or varied (s17B(4), CTO2).
export interface CtoConditionsData {
  at: string;
  conditions: string;
  variation: boolean;
}

// A reference of the patient's case to the tribunal, made by the hospital managers (s68) or the Secretary
// of State (s67, s71, s75). The law engine has no event for it: the engine says when a reference falls
// due, and this entry says that one was made. The provisions, and who refers under each:
export const tribunalReferenceProvisions = {
  's68(2)': { by: 'managers', label: 'Hospital managers: six months from the applicable day with no application or reference made (section 68(2))' },
  's68(6)': { by: 'managers', label: 'Hospital managers: more than three years (one year if under 18) since the tribunal last considered the case (section 68(6))' },
  's68(7)': { by: 'managers', label: 'Hospital managers: a community treatment order has been revoked (section 68(7))' },
  's67(1)': { by: 'secretary-of-state', label: 'Secretary of State for Health and Social Care, at their discretion at any time (section 67(1))' },
  's71(1)': { by: 'secretary-of-state', label: 'Secretary of State for Justice: a restricted patient, at their discretion at any time (section 71(1))' },
  's71(2)': { by: 'secretary-of-state', label: 'Secretary of State for Justice: a detained restricted patient whose case the tribunal has not considered for three years (section 71(2))' },
  's75(1)': { by: 'secretary-of-state', label: 'Secretary of State for Justice: a conditionally discharged patient recalled to hospital, within one month of return (section 75(1))' },
} as const satisfies Record<string, { by: TribunalReferrer; label: string }>;
export type TribunalReferenceProvision = keyof typeof tribunalReferenceProvisions;

export const tribunalReferrers = { managers: 'The hospital managers', 'secretary-of-state': 'The Secretary of State' } as const;
export type TribunalReferrer = keyof typeof tribunalReferrers;

// A reference that fell due, as the law engine showed it: the deadline's kind, instant and provision.
export interface DueReference {
  kind: 'managers-reference-due' | 'sos-reference-due';
  due: string;
  provision: string;
}

export interface TribunalReferenceData {
  // The instant the reference was sent to the tribunal.
  at: string;
  by: TribunalReferrer;
  provision: TribunalReferenceProvision;
  // The due reference this one met, worked out when it was recorded from the legal record as it stood at
  // `at` (./tribunal-references.ts); null when none was due that it could meet (a discretionary reference,
  // or one made again after the due reference had already been made).
  met: DueReference | null;
  note: string | null;
}

// A legal event entered in error: the entry stays in the record, marked as withdrawn with the reason, and
// the law engine no longer reads it. What actually happened is recorded as a new event.
export interface LegalEventWithdrawnData {
  entryId: string;
  reason: string;
}
