import { ProblemList, type Checked } from './input-checks.ts';

// After the order: allocation to a probation practitioner by assessed risk, placement with the treatment
// provider, appointments and attendance, the provider's view of engagement, the probation practitioner's
// decisions on non-compliance, breach, completion and the closing review. Probation enforces the order,
// not the treatment itself: the requirement is treatment the person entered into and the court endorsed,
// and breach is at the probation officer's discretion, informed by the treatment provider (guidance,
// "Consent" and "Providers of Probation Services").

// Assessed risk of serious harm, and the grade of practitioner who may hold the case. Annex B of the
// guidance gave high-risk cases to the National Probation Service (probation officers) and medium- and
// low-risk cases to community rehabilitation companies; in the unified service the same split is kept by
// grade. This is local allocation policy, kept as data.
export const riskLevels = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
} as const;

export type RiskLevel = keyof typeof riskLevels;

export const practitionerGrades = {
  'probation-officer': 'Probation officer',
  'probation-services-officer': 'Probation services officer',
} as const;

export type PractitionerGrade = keyof typeof practitionerGrades;

export const gradesForRisk: Record<RiskLevel, readonly PractitionerGrade[]> = {
  low: ['probation-services-officer', 'probation-officer'],
  medium: ['probation-services-officer', 'probation-officer'],
  high: ['probation-officer'],
};

export interface AllocationInput {
  riskLevel: string;
  practitionerUserId: string;
  practitionerGrade: string;
}

export interface Allocation {
  riskLevel: RiskLevel;
  practitionerUserId: string;
  practitionerName: string;
  practitionerGrade: PractitionerGrade;
}

// `practitionerName` is the name of the member of staff the id names, found by the caller (null when the
// id names no probation practitioner on Accord).
export function checkAllocation(input: AllocationInput, practitionerName: string | null): Checked<Allocation> {
  const problems = new ProblemList();
  const riskLevel = problems.choice('riskLevel', input.riskLevel, riskLevels, 'the assessed risk level');
  if (practitionerName === null) problems.add('practitionerUserId', 'Select a probation practitioner on Accord');
  const grade = problems.choice('practitionerGrade', input.practitionerGrade, practitionerGrades, 'the practitioner’s grade');
  if (riskLevel && grade && !gradesForRisk[riskLevel].includes(grade)) {
    problems.add('practitionerGrade', `A ${riskLevels[riskLevel].toLowerCase()}-risk case is held by a ${gradesForRisk[riskLevel].map((item) => practitionerGrades[item].toLowerCase()).join(' or ')}`);
  }
  return problems.result(() => ({ riskLevel: riskLevel!, practitionerUserId: input.practitionerUserId.trim(), practitionerName: practitionerName!, practitionerGrade: grade! }));
}

export interface PlacementInput {
  providerAgencyId: string;
  startsOn: Temporal.PlainDate | null;
  keyWorker: string;
}

export interface Placement {
  providerAgencyId: string;
  providerName: string;
  startsOn: Temporal.PlainDate;
  keyWorker: string;
}

export function checkPlacement(input: PlacementInput, providerName: string | null): Checked<Placement> {
  const problems = new ProblemList();
  if (providerName === null) problems.add('providerAgencyId', 'Select a treatment provider on Accord');
  const startsOn = problems.day('startsOn', input.startsOn, 'the date treatment starts');
  const keyWorker = problems.text('keyWorker', input.keyWorker, 'the key worker at the provider', 200);
  return problems.result(() => ({ providerAgencyId: input.providerAgencyId.trim(), providerName: providerName!, startsOn: startsOn!, keyWorker }));
}

// Appointments: probation's supervision appointments and the provider's treatment appointments. Probation
// supervises attendance at both; the provider records engagement with treatment.
export const appointmentKinds = {
  supervision: 'Probation supervision appointment',
  treatment: 'Treatment appointment',
} as const;

export type AppointmentKind = keyof typeof appointmentKinds;

export const attendanceOutcomes = {
  attended: 'Attended',
  missed: 'Missed',
  'rearranged-in-advance': 'Rearranged in advance',
  'acceptable-absence': 'Absent with an acceptable reason',
} as const;

export type AttendanceOutcome = keyof typeof attendanceOutcomes;

// The outcomes in the person's own words, for their plan.
export const attendanceInPlainWords: Record<AttendanceOutcome, string> = {
  attended: 'You came',
  missed: 'You missed this one',
  'rearranged-in-advance': 'Moved to another time, agreed beforehand',
  'acceptable-absence': 'You could not come, for a reason that was accepted',
};

export interface AppointmentInput {
  kind: string;
  startsAt: Temporal.Instant | null;
  place: string;
  withWhom: string;
}

export interface NewAppointment {
  kind: AppointmentKind;
  startsAt: Temporal.Instant;
  place: string;
  withWhom: string;
}

export function checkAppointment(input: AppointmentInput): Checked<NewAppointment> {
  const problems = new ProblemList();
  const kind = problems.choice('kind', input.kind, appointmentKinds, 'the kind of appointment');
  if (input.startsAt === null) problems.add('startsAt', 'Enter the date and time of the appointment');
  const place = problems.text('place', input.place, 'where the appointment is', 300);
  const withWhom = problems.text('withWhom', input.withWhom, 'who the appointment is with', 200);
  return problems.result(() => ({ kind: kind!, startsAt: input.startsAt!, place, withWhom }));
}

// An appointment as the rule for its outcome needs it.
export interface AppointmentOutcomeState {
  startsAt: Temporal.Instant;
  outcome: AttendanceOutcome | null;
  outcomeRecordedBy: string | null;
  outcomeRecordedAt: Temporal.Instant | null;
}

export interface AttendanceInput {
  outcome: string;
  note: string;
}

export interface Attendance {
  outcome: AttendanceOutcome;
  note: string | null;
}

// An appointment's outcome is recorded once: a second recording is refused with who recorded the first
// and what it was, so an attendance record cannot be quietly rewritten. Attendance or a missed appointment
// is known only once the appointment has begun; a rearrangement is "in advance" only before it.
export function checkAttendance(appointment: AppointmentOutcomeState, input: AttendanceInput, now: Temporal.Instant): Checked<Attendance> {
  const problems = new ProblemList();
  if (appointment.outcome !== null) {
    problems.add(
      'outcome',
      `The outcome of this appointment was already recorded as “${attendanceOutcomes[appointment.outcome].toLowerCase()}” by ${appointment.outcomeRecordedBy ?? 'someone'}: an appointment’s outcome cannot be recorded twice`,
    );
    return { ok: false, problems: problems.problems };
  }
  const outcome = problems.choice('outcome', input.outcome, attendanceOutcomes, 'what happened at the appointment');
  const started = Temporal.Instant.compare(appointment.startsAt, now) <= 0;
  if ((outcome === 'attended' || outcome === 'missed') && !started) problems.add('outcome', 'Attendance can be recorded only once the appointment has started');
  if (outcome === 'rearranged-in-advance' && started) problems.add('outcome', 'An appointment can be rearranged in advance only before it starts: record it as missed or as an acceptable absence');
  const note = input.note.trim();
  if (outcome === 'acceptable-absence' && note === '') problems.add('note', 'Enter the reason the absence was accepted');
  if (note.length > 2000) problems.add('note', 'The note must be 2000 characters or fewer');
  return problems.result(() => ({ outcome: outcome!, note: note === '' ? null : note }));
}

export interface AppointmentTally {
  booked: number;
  attended: number;
  missed: number;
  rearranged: number;
  acceptableAbsence: number;
  // Appointments that have started without an outcome recorded.
  awaitingOutcome: number;
}

export function tallyAppointments(appointments: readonly { startsAt: Temporal.Instant; outcome: AttendanceOutcome | null }[], now: Temporal.Instant): AppointmentTally {
  const count = (outcome: AttendanceOutcome) => appointments.filter((item) => item.outcome === outcome).length;
  return {
    booked: appointments.length,
    attended: count('attended'),
    missed: count('missed'),
    rearranged: count('rearranged-in-advance'),
    acceptableAbsence: count('acceptable-absence'),
    awaitingOutcome: appointments.filter((item) => item.outcome === null && Temporal.Instant.compare(item.startsAt, now) <= 0).length,
  };
}

// The provider's record of engagement with treatment.
export const engagementLevels = {
  engaging: 'Engaging well',
  'partly-engaging': 'Partly engaging',
  'not-engaging': 'Not engaging',
} as const;

export type EngagementLevel = keyof typeof engagementLevels;

export interface EngagementInput {
  recordedOn: Temporal.PlainDate | null;
  level: string;
  note: string;
}

export interface Engagement {
  recordedOn: Temporal.PlainDate;
  level: EngagementLevel;
  note: string;
}

export function checkEngagement(input: EngagementInput, today: Temporal.PlainDate): Checked<Engagement> {
  const problems = new ProblemList();
  const recordedOn = problems.pastDay('recordedOn', input.recordedOn, 'the date of this update', today);
  const level = problems.choice('level', input.level, engagementLevels, 'how the person is engaging with treatment');
  const note = problems.text('note', input.note, 'a note on engagement with treatment', 4000);
  return problems.result(() => ({ recordedOn: recordedOn!, level: level!, note }));
}

// The probation practitioner's decision on a failure to comply, taken with the provider's view.
export const complianceDecisions = {
  'no-action': 'No action',
  warning: 'Warning',
  review: 'Review with the person and the provider',
  breach: 'Breach: return the order to court',
} as const;

export type ComplianceDecision = keyof typeof complianceDecisions;

export interface ComplianceDecisionInput {
  decidedOn: Temporal.PlainDate | null;
  decision: string;
  // The missed appointments the decision is about (may be none, for another failure to comply).
  appointmentIds: readonly string[];
  whatHappened: string;
  providerView: string;
  providerViewFrom: string;
  reason: string;
}

export interface ComplianceDecisionRecord {
  decidedOn: Temporal.PlainDate;
  decision: ComplianceDecision;
  appointmentIds: string[];
  whatHappened: string;
  providerView: string;
  providerViewFrom: string;
  reason: string;
}

// `missedAwaitingDecision`: the case's missed appointments that no decision has yet covered.
export function checkComplianceDecision(input: ComplianceDecisionInput, missedAwaitingDecision: readonly string[], today: Temporal.PlainDate): Checked<ComplianceDecisionRecord> {
  const problems = new ProblemList();
  const decidedOn = problems.pastDay('decidedOn', input.decidedOn, 'the date of the decision', today);
  const decision = problems.choice('decision', input.decision, complianceDecisions, 'the decision');
  const appointmentIds = [...new Set(input.appointmentIds.map((id) => id.trim()).filter((id) => id !== ''))];
  if (!appointmentIds.every((id) => missedAwaitingDecision.includes(id))) problems.add('appointmentIds', 'Select missed appointments that do not yet have a decision');
  const whatHappened = problems.text('whatHappened', input.whatHappened, 'what the failure to comply was', 2000);
  // The guidance asks for an established relationship with the provider to inform breach decisions: the
  // provider's view is part of every decision.
  const providerView = problems.text('providerView', input.providerView, 'the treatment provider’s view', 2000);
  const providerViewFrom = problems.text('providerViewFrom', input.providerViewFrom, 'who at the provider gave their view', 200);
  const reason = problems.text('reason', input.reason, 'the reason for the decision', 2000);
  return problems.result(() => ({ decidedOn: decidedOn!, decision: decision!, appointmentIds, whatHappened, providerView, providerViewFrom, reason }));
}

export interface BreachInput {
  startedOn: Temporal.PlainDate | null;
  court: string;
  grounds: string;
}

export interface Breach {
  startedOn: Temporal.PlainDate;
  court: string;
  grounds: string;
}

export function checkBreach(input: BreachInput, today: Temporal.PlainDate): Checked<Breach> {
  const problems = new ProblemList();
  const startedOn = problems.pastDay('startedOn', input.startedOn, 'the date breach proceedings started', today);
  const court = problems.text('court', input.court, 'the court the order returns to', 200);
  const grounds = problems.text('grounds', input.grounds, 'the grounds for breach', 2000);
  return problems.result(() => ({ startedOn: startedOn!, court, grounds }));
}

export const breachOutcomes = {
  'order-continues': 'The order continues',
  'order-amended': 'The order continues, amended',
  'order-revoked': 'The order was revoked and the person re-sentenced',
} as const;

export type BreachOutcome = keyof typeof breachOutcomes;

export interface BreachOutcomeInput {
  decidedOn: Temporal.PlainDate | null;
  outcome: string;
  note: string;
}

export interface BreachOutcomeRecord {
  decidedOn: Temporal.PlainDate;
  outcome: BreachOutcome;
  note: string;
}

export function checkBreachOutcome(input: BreachOutcomeInput, today: Temporal.PlainDate): Checked<BreachOutcomeRecord> {
  const problems = new ProblemList();
  const decidedOn = problems.pastDay('decidedOn', input.decidedOn, 'the date the court decided', today);
  const outcome = problems.choice('outcome', input.outcome, breachOutcomes, 'what the court decided');
  const note = problems.text('note', input.note, 'what the court decided, in brief', 2000);
  return problems.result(() => ({ decidedOn: decidedOn!, outcome: outcome!, note }));
}

export const completionWays = {
  'requirement-completed': 'The requirement ran its full period',
  'ended-early-for-good-progress': 'Ended early by the court for good progress',
} as const;

export type CompletionWay = keyof typeof completionWays;

export interface CompletionInput {
  completedOn: Temporal.PlainDate | null;
  how: string;
  note: string;
}

export interface Completion {
  completedOn: Temporal.PlainDate;
  how: CompletionWay;
  note: string;
}

// `requirementStartsOn`: the order's start; completion cannot come before it.
export function checkCompletion(input: CompletionInput, requirementStartsOn: Temporal.PlainDate, today: Temporal.PlainDate): Checked<Completion> {
  const problems = new ProblemList();
  const completedOn = problems.pastDay('completedOn', input.completedOn, 'the date the requirement ended', today);
  if (completedOn && Temporal.PlainDate.compare(completedOn, requirementStartsOn) < 0) problems.add('completedOn', 'The requirement cannot end before it started');
  const how = problems.choice('how', input.how, completionWays, 'how the requirement ended');
  const note = problems.text('note', input.note, 'a note on how the requirement went', 2000);
  return problems.result(() => ({ completedOn: completedOn!, how: how!, note }));
}

// Why a case left the pathway early: the drop-outs the dashboard counts.
export const leavingReasons = {
  'not-suitable-at-screening': 'Not suitable at screening',
  'declined-consent': 'The person did not agree to assessment or treatment',
  'not-suitable-at-assessment': 'Assessed as not suitable',
  'treatment-not-available': 'Treatment not available',
  'court-did-not-make-requirement': 'The court did not make the requirement',
  'order-revoked-on-breach': 'Order revoked on breach',
  'withdrew-from-treatment': 'The person withdrew from treatment',
  'moved-away': 'Moved out of the area',
  died: 'Died',
  other: 'Another reason',
} as const;

export type LeavingReason = keyof typeof leavingReasons;

export interface LeavingInput {
  reason: string;
  note: string;
}

export interface Leaving {
  reason: LeavingReason;
  note: string;
}

export function checkLeaving(input: LeavingInput): Checked<Leaving> {
  const problems = new ProblemList();
  const reason = problems.choice('reason', input.reason, leavingReasons, 'why the case is leaving the pathway');
  const note = problems.text('note', input.note, 'what happened', 2000);
  return problems.result(() => ({ reason: reason!, note }));
}

export interface ClosingReviewInput {
  reviewedOn: Temporal.PlainDate | null;
  outcomes: string;
  whatHelped: string;
  whatGotInTheWay: string;
  onwardSupport: string;
}

export interface ClosingReview {
  reviewedOn: Temporal.PlainDate;
  outcomes: string;
  whatHelped: string;
  whatGotInTheWay: string;
  onwardSupport: string;
}

export function checkClosingReview(input: ClosingReviewInput, today: Temporal.PlainDate): Checked<ClosingReview> {
  const problems = new ProblemList();
  const reviewedOn = problems.pastDay('reviewedOn', input.reviewedOn, 'the date of the review', today);
  const outcomes = problems.text('outcomes', input.outcomes, 'the outcomes for the person', 4000);
  const whatHelped = problems.text('whatHelped', input.whatHelped, 'what helped', 4000);
  const whatGotInTheWay = problems.text('whatGotInTheWay', input.whatGotInTheWay, 'what got in the way', 4000);
  const onwardSupport = problems.text('onwardSupport', input.onwardSupport, 'the support that continues after the order', 4000);
  return problems.result(() => ({ reviewedOn: reviewedOn!, outcomes, whatHelped, whatGotInTheWay, onwardSupport }));
}
