import type { MhtrCaseState } from './pathway.ts';
import { mhtrStagesInPlainWords } from './stages.ts';
import { attendanceInPlainWords, type AppointmentKind, type AttendanceOutcome } from './supervision.ts';
import type { OtherRequirement, TreatmentKind } from './court.ts';

// The person's own plan, in plain words, to read and print: what the order asks of them, who they will
// see, where and when, and what to do if they cannot come.

const treatmentInPlainWords: Record<TreatmentKind, string> = {
  'in-patient': 'You will stay at a hospital or care home for your treatment',
  'institution-based-out-patient': 'You will go to a clinic or hospital for your treatment appointments',
  'practitioner-based': 'You will see a named doctor or psychologist, or someone working with them, for your treatment',
};

const otherRequirementsInPlainWords: Record<OtherRequirement, string> = {
  'drug-rehabilitation': 'You will also get help with drugs',
  'alcohol-treatment': 'You will also get help with alcohol',
  supervision: 'You will also meet your probation practitioner regularly',
  'rehabilitation-activity': 'You will also take part in activities agreed with your probation practitioner',
};

const appointmentsInPlainWords: Record<AppointmentKind, string> = {
  supervision: 'Meeting with your probation practitioner',
  treatment: 'Treatment appointment',
};

export interface PlanAppointment {
  id: string;
  kind: AppointmentKind;
  startsAt: Temporal.Instant;
  place: string;
  withWhom: string;
  outcome: AttendanceOutcome | null;
}

export interface PersonPlan {
  whereYouAre: string;
  // Each thing the order asks, one sentence each.
  whatYourOrderAsks: string[];
  orderRuns: { from: Temporal.PlainDate; to: Temporal.PlainDate } | null;
  probationPractitioner: string | null;
  treatmentService: { name: string; keyWorker: string } | null;
  comingUp: { what: string; startsAt: Temporal.Instant; place: string; withWhom: string }[];
  past: { what: string; startsAt: Temporal.Instant; whatHappened: string }[];
  ifYouCannotCome: string;
}

export function personPlan(state: MhtrCaseState, appointments: readonly PlanAppointment[], now: Temporal.Instant): PersonPlan {
  const order = state.order;
  const asks: string[] = [];
  if (order) {
    asks.push(treatmentInPlainWords[order.treatmentKind]);
    asks.push(`Your treatment is with: ${order.placeOrPractitioner}`);
    for (const item of order.otherRequirements) asks.push(otherRequirementsInPlainWords[item]);
    asks.push('Your probation practitioner checks that you go to your appointments. Your treatment is your own: you agreed to it, and the court supports it.');
  }
  const byTime = [...appointments].sort((a, b) => Temporal.Instant.compare(a.startsAt, b.startsAt));
  const upcoming = byTime.filter((item) => item.outcome === null && Temporal.Instant.compare(item.startsAt, now) > 0);
  const past = byTime.filter((item) => item.outcome !== null).reverse();
  return {
    whereYouAre: mhtrStagesInPlainWords[state.stage],
    whatYourOrderAsks: asks,
    orderRuns: order === null ? null : { from: order.requirementStartsOn, to: order.requirementEndsOn },
    probationPractitioner: state.allocation?.practitionerName ?? null,
    treatmentService: state.placement === null ? null : { name: state.placement.providerName, keyWorker: state.placement.keyWorker },
    comingUp: upcoming.map((item) => ({ what: appointmentsInPlainWords[item.kind], startsAt: item.startsAt, place: item.place, withWhom: item.withWhom })),
    past: past.map((item) => ({ what: appointmentsInPlainWords[item.kind], startsAt: item.startsAt, whatHappened: attendanceInPlainWords[item.outcome!] })),
    ifYouCannotCome:
      'If you cannot come to an appointment, tell your probation practitioner before it starts. They can move it. If you miss an appointment without a good reason, they will talk to you and to your treatment service about what happens next.',
  };
}
