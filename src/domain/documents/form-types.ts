import type { ApprovalKind } from '../organisation/approvals.ts';

// The shape of a statutory form's definition. A definition is plain data, complete enough for a page to
// render it as a form, for checkForm to validate what a browser posts, and for lawEventFromForm to turn a
// completed form into the law engine's input. Field ids are unique across the whole form (not just within
// a part), because a browser posts one flat set of values.

export type FieldType = 'date' | 'datetime' | 'text' | 'yes-no' | 'choice';

export interface FormField {
  id: string;
  label: string;
  type: FieldType;
  // Required whenever the form is submitted. A field that is required only in some cases has `required:
  // false` and says when in `requiredWhen`.
  required: boolean;
  hint?: string;
  // For 'choice' fields: the values a browser may post, with the words to show.
  options?: { value: string; label: string }[];
  // Required when another field holds a given value (e.g. the nearest relative's name, when they were consulted).
  requiredWhen?: { field: string; value: string };
  // A date or time that may lawfully lie ahead when the form is completed (e.g. the day a transfer is to
  // happen). Every other date and time must not be after the moment the form is checked.
  allowFuture?: boolean;
  // A text answer that runs to several sentences: render a text area rather than a one-line input.
  long?: boolean;
}

// An approval that a signer must hold only when they say so on the form: e.g. a doctor who states that
// they are approved under s12 must in fact be approved (or be an approved clinician, who is treated as
// approved by s12(2A)) on the day they sign.
export interface ConditionalApproval {
  field: string;
  value: string;
  approval: ApprovalKind;
  provision: string;
  // Another approval that counts as this one, and the provision that says so.
  deemed?: { approval: ApprovalKind; provision: string };
}

export interface Signatory {
  id: string;
  // Who signs, e.g. 'Approved mental health professional'.
  label: string;
  // The approval the signer must hold on the day of signing, or null if none is needed of every signer.
  approval: ApprovalKind | null;
  // The provision under which that approval is given, e.g. 's114'.
  approvalProvision: string | null;
  // The id of the date or datetime field holding when they signed.
  signedField: string;
  // The id of the field holding the signer's name, where the form records it.
  nameField?: string;
  // Approvals required only when a field holds a given value (see ConditionalApproval).
  approvalIf?: ConditionalApproval[];
}

export interface FormPart {
  id: string;
  title: string;
  fields: FormField[];
  signatory: Signatory | null;
}

export type FormKind = 'application' | 'recommendation' | 'record' | 'report' | 'authority' | 'order' | 'notice' | 'certificate';

// Order and timing rules that a single completed form makes plain. Each names the fields it compares;
// `provision` is null where the rule is plain logic rather than law (a receipt cannot precede the signing).
// Where either field is a plain date the comparison is by London calendar day.
export type FormRule =
  // `field` must not be earlier than `earlier`.
  | { kind: 'not-before'; field: string; earlier: string; provision: string | null; message: string }
  // Not more than `maxClearDays` days strictly between the days of the two fields (s12(1), T5).
  | { kind: 'clear-days-apart'; first: string; second: string; maxClearDays: number; provision: string; message: string }
  // `field` falls within the `days` days ending with the day of `end` (T4: that day included).
  | { kind: 'within-days-ending-with'; field: string; end: string; days: number; provision: string; message: string }
  // `field` falls within the `days` days beginning with the day of `start` (T1: that day is day 1).
  | { kind: 'within-days-beginning-with'; field: string; start: string; days: number; provision: string; message: string }
  // `field` is at or after `start` and less than `hours` elapsed hours after it (T3). Both are datetimes.
  | { kind: 'within-hours-after'; field: string; start: string; hours: number; provision: string; message: string }
  // The two fields must not hold the same answer (compared ignoring case and surrounding space).
  | { kind: 'different'; field: string; other: string; provision: string; message: string }
  // The field must not hold this value: the law forbids going on in that case.
  | { kind: 'not-value'; field: string; value: string; provision: string; message: string }
  // The person born on the day in `birth` is at least `years` old on the day of `on`.
  | { kind: 'age-at-least'; birth: string; on: string; years: number; provision: string; message: string };

// For an application form: what the law engine's `application` object needs, and which recommendation
// forms found it.
export interface ApplicationSpec {
  section: 's2' | 's3' | 's4' | 's7';
  applicant: 'amhp' | 'nr';
  // The field holding when the application was made (its signing date or time).
  madeField: string;
  // The field holding when the applicant last saw the patient.
  lastSawField: string;
  // The codes of the recommendation forms that may found it, e.g. ['A3', 'A4'].
  recommendationForms: string[];
  // How many recommendations it needs (a joint recommendation counts as two), and where the law says so.
  recommendationsNeeded: number;
  recommendationsProvision: string;
  // The regulation prescribing those recommendation forms, e.g. 'reg 4(1)(b)'.
  recommendationRegulation: string;
}

// For a recommendation form: where each recommending practitioner's answers are (two for a joint form).
export interface RecommendationSpec {
  signatoryId: string;
  examinedField: string;
  signedField: string;
  s12Field: string;
  previousAcquaintanceField: string;
}

export interface FormDefinition {
  code: string;
  title: string;
  // The regulation of the 2008 Regulations that prescribes the form, e.g. 'reg 4(1)(a)(i)'.
  regulation: string;
  // The section of the Act the form serves, e.g. 's2'.
  provision: string;
  receivedBy: 'hospital-managers' | 'local-authority';
  kind: FormKind;
  // What the form is for, in a sentence or two.
  summary: string;
  parts: FormPart[];
  // The law-engine event type the form records, or null.
  feeds: string | null;
  // Why the form feeds that event (and where its time comes from), or why it feeds none.
  engineNote: string;
  // The field giving the event's `at`, for forms that feed an event other than an admission. For an
  // application the time of admission comes from Form H3 Part 1 (see lawEventFromForm).
  eventAtField: string | null;
  rules: FormRule[];
  application: ApplicationSpec | null;
  recommendations: RecommendationSpec[];
  // A caution about the definition itself, where a citation could not be checked against primary text.
  note?: string;
}

export interface SignerApprovals {
  signatoryId: string;
  approvals: { kind: ApprovalKind; validFrom: Temporal.PlainDate; validTo: Temporal.PlainDate | null; withdrawn: boolean }[];
}

export interface FormProblem {
  field: string;
  message: string;
  provision: string | null;
}
