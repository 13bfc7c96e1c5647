import { londonTimeZone } from '../london-time.ts';

// Removal to a place of safety under s136 of the Mental Health Act 1983: where the person was taken, whether
// that place may lawfully be used for them, the police-to-health handover and the outcome of the
// assessment. The 24 hours and any extension are the law engine's (src/domain/law/place-of-safety.ts); this
// module never computes them, and nothing here stops or changes them.

// s135(6): a place of safety is a hospital, a police station, local authority residential accommodation, an
// independent hospital or care home, or any other suitable place.
export const placeKinds = {
  'health-based-place-of-safety': 'Health-based place of safety',
  'emergency-department': 'Emergency department (A&E)',
  'police-station': 'Police station',
  other: 'Another suitable place',
} as const;
export type PlaceKind = keyof typeof placeKinds;

// What must be confirmed before an adult is taken to, or kept at, a police station as a place of safety:
// s136A(2) and the Mental Health Act 1983 (Places of Safety) Regulations 2017 (SI 2017/1036), reg 2.
export const policeStationConditions = {
  imminentRisk: {
    label: "The person's behaviour poses an imminent risk of serious injury or death to themselves or another person",
    provision: 'SI 2017/1036 reg 2',
  },
  noHealthBasedPlace: {
    label: 'No place of safety other than a police station can reasonably be expected to detain the person, because of that risk',
    provision: 'SI 2017/1036 reg 2',
  },
  healthcareProfessional: {
    label: 'A healthcare professional will be present at the police station, or available to the person, so far as reasonably practicable',
    provision: 'SI 2017/1036 reg 2',
  },
  inspectorAuthorised: {
    label: 'An officer of the rank of inspector or above authorised the use of the police station',
    provision: 'SI 2017/1036 reg 2',
  },
  // Listed in the regulations' conditions on keeping a person at a police station; the regulation number
  // is not verified against the regulation text here (see docs/adr/0013-place-of-safety-and-awol.md).
  welfareChecks: {
    label: "The custody officer will check the person's welfare at least every 30 minutes",
    provision: 'Places of Safety Regulations 2017 (welfare checks; regulation number not verified)',
  },
} as const;
export type PoliceStationCondition = keyof typeof policeStationConditions;
export const policeStationConditionKeys = Object.keys(policeStationConditions) as PoliceStationCondition[];

export interface PlaceChoice {
  placeKind: PlaceKind;
  arrivedAt: Temporal.Instant;
  dateOfBirth: Temporal.PlainDate | null;
  // The police-station conditions confirmed by the person recording; ignored for any other place.
  conditionsMet: readonly PoliceStationCondition[];
}

export interface Refusal {
  field: string;
  message: string;
}

export function ageOn(dateOfBirth: Temporal.PlainDate, day: Temporal.PlainDate): number {
  return dateOfBirth.until(day, { largestUnit: 'years' }).years;
}

// Why the place may not be used for this person, or nothing when it may.
export function placeRefusals(choice: PlaceChoice): Refusal[] {
  if (choice.placeKind !== 'police-station') return [];
  if (choice.dateOfBirth === null) {
    return [{ field: 'placeKind', message: "A police station cannot be recorded without the person's date of birth: a child may never be kept at one (s136A(1)). Record their date of birth first" }];
  }
  const arrivalDay = choice.arrivedAt.toZonedDateTimeISO(londonTimeZone).toPlainDate();
  if (ageOn(choice.dateOfBirth, arrivalDay) < 18) {
    return [{ field: 'placeKind', message: 'A person under 18 may never be removed to, kept at or taken to a police station as a place of safety (s136A(1)). Choose a health-based place of safety or another place' }];
  }
  return policeStationConditionKeys
    .filter((key) => !choice.conditionsMet.includes(key))
    .map((key) => ({
      field: 'conditions',
      message: `An adult may be kept at a police station only if this is met, and it is not confirmed: ${policeStationConditions[key].label} (s136A(2), ${policeStationConditions[key].provision})`,
    }));
}

// The handover from the police to health staff. Within one hour of arrival is an expectation of the
// national partnership agreement on Right Care, Right Person, not a provision of the Act: it is shown, and
// it never stops or changes the 24-hour detention under s136(2A).
export const handoverExpectationMinutes = 60;

export type HandoverExpectation =
  | { state: 'met'; minutesAfterArrival: number }
  | { state: 'missed'; minutesLate: number }
  | { state: 'due'; minutesLeft: number }
  | { state: 'overdue'; minutesOverdue: number };

function wholeMinutes(from: Temporal.Instant, to: Temporal.Instant): number {
  return Math.floor(from.until(to, { largestUnit: 'minutes' }).minutes);
}

export function handoverExpectation(arrivedAt: Temporal.Instant, handedOverAt: Temporal.Instant | null, now: Temporal.Instant): HandoverExpectation {
  if (handedOverAt !== null) {
    const minutes = wholeMinutes(arrivedAt, handedOverAt);
    return minutes <= handoverExpectationMinutes ? { state: 'met', minutesAfterArrival: minutes } : { state: 'missed', minutesLate: minutes - handoverExpectationMinutes };
  }
  const elapsed = wholeMinutes(arrivedAt, now);
  return elapsed <= handoverExpectationMinutes ? { state: 'due', minutesLeft: handoverExpectationMinutes - elapsed } : { state: 'overdue', minutesOverdue: elapsed - handoverExpectationMinutes };
}

function minutesText(minutes: number): string {
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export function handoverExpectationText(expectation: HandoverExpectation): string {
  switch (expectation.state) {
    case 'met':
      return `Handover within 1 hour: met (${minutesText(expectation.minutesAfterArrival)} after arrival)`;
    case 'missed':
      return `Handover within 1 hour: not met (handed over ${minutesText(expectation.minutesLate)} after the hour)`;
    case 'due':
      return `Handover within 1 hour: not yet handed over (${minutesText(expectation.minutesLeft)} left)`;
    case 'overdue':
      return `Handover within 1 hour: overdue by ${minutesText(expectation.minutesOverdue)}`;
  }
}

export const assessmentOutcomes = {
  'admitted-informally': 'Admitted informally',
  'detained-s2': 'Detained under section 2',
  'detained-s3': 'Detained under section 3',
  discharged: 'Discharged: no further action under the Act',
  other: 'Other',
} as const;
export type AssessmentOutcome = keyof typeof assessmentOutcomes;

// s136B: an extension of up to 12 hours, authorised before the 24 hours end by the registered medical
// practitioner responsible for the examination, because the person's condition makes it not practicable to
// complete the assessment in time. At a police station a superintendent or above must also approve (s136B;
// the subsection number is not verified here).
export const maximumExtensionHours = 12;
