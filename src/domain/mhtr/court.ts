import { courtAcceptances, type CourtAcceptance } from './assessment.ts';
import { isKey, ProblemList, type Checked } from './input-checks.ts';

// The court's decision and the order it makes.
//
// Sentencing Act 2020, Schedule 9, paragraph 17: the court may not include a mental health treatment
// requirement unless satisfied that the offender's mental condition requires and may be susceptible to
// treatment but does not warrant a hospital order or guardianship order; that arrangements have been or
// can be made for the treatment; and that the offender has expressed willingness to comply. (Paragraph 17
// is cited whole: its sub-paragraph numbering has not been checked against the statute text Accord holds.)
// Each condition is recorded as met, one by one, before an order can be.

export const treatmentConditions = {
  'requires-treatment':
    'The offender’s mental condition requires, and may be susceptible to, treatment, but does not warrant a hospital order or guardianship order',
  arrangements: 'Arrangements have been or can be made for the treatment to be specified in the order',
  willingness: 'The offender has expressed willingness to comply with the requirement',
} as const;

export type TreatmentCondition = keyof typeof treatmentConditions;
export const treatmentConditionKeys = Object.keys(treatmentConditions) as TreatmentCondition[];
export const conditionsProvision = 'Sentencing Act 2020, Schedule 9, paragraph 17';

export const courtOutcomes = {
  'requirement-made': 'The court made a mental health treatment requirement',
  'requirement-not-made': 'The court did not make a mental health treatment requirement',
} as const;

export type CourtOutcome = keyof typeof courtOutcomes;

export interface CourtDecisionInput {
  decidedOn: Temporal.PlainDate | null;
  court: string;
  outcome: string;
  // The conditions the court recorded as met (checkbox values).
  conditionsMet: readonly string[];
  assessorAccepted: string;
  // Why the requirement was not made; required then.
  reason: string;
}

export interface CourtDecision {
  decidedOn: Temporal.PlainDate;
  court: string;
  outcome: CourtOutcome;
  conditionsMet: TreatmentCondition[];
  assessorAcceptance: CourtAcceptance;
  reason: string | null;
}

export function checkCourtDecision(input: CourtDecisionInput, today: Temporal.PlainDate): Checked<CourtDecision> {
  const problems = new ProblemList();
  const decidedOn = problems.pastDay('decidedOn', input.decidedOn, 'the date of the decision', today);
  const court = problems.text('court', input.court, 'the court', 200);
  const outcome = problems.choice('outcome', input.outcome, courtOutcomes, 'whether the court made the requirement');
  const given = input.conditionsMet.map((condition) => condition.trim()).filter((condition) => condition !== '');
  if (!given.every((condition) => isKey(treatmentConditions, condition))) problems.add('conditionsMet', 'Select conditions from the list');
  const conditionsMet = treatmentConditionKeys.filter((condition) => given.includes(condition));
  const acceptance = problems.choice('assessorAccepted', input.assessorAccepted, courtAcceptances, 'whether the court accepted the mental health assessor');
  const reason = input.reason.trim();
  if (outcome === 'requirement-made') {
    for (const condition of treatmentConditionKeys) {
      if (!conditionsMet.includes(condition)) {
        problems.add('conditionsMet', `The requirement cannot be made unless the court is satisfied that: ${lowerFirst(treatmentConditions[condition])} (${conditionsProvision})`);
      }
    }
    // Guidance: "An MHTR cannot be made without the legally required assessment", by a practitioner the
    // court accepts.
    if (acceptance !== null && acceptance !== 'accepted') problems.add('assessorAccepted', 'The requirement cannot be made on the evidence of an assessor the court has not accepted');
  }
  if (outcome === 'requirement-not-made' && reason === '') problems.add('reason', 'Enter why the court did not make the requirement');
  if (reason.length > 2000) problems.add('reason', 'The reason must be 2000 characters or fewer');
  return problems.result(() => ({ decidedOn: decidedOn!, court, outcome: outcome!, conditionsMet, assessorAcceptance: acceptance!, reason: reason === '' ? null : reason }));
}

export function allConditionsMet(decision: CourtDecision): boolean {
  return treatmentConditionKeys.every((condition) => decision.conditionsMet.includes(condition));
}

// The kinds of treatment an order may require (Sentencing Act 2020, Schedule 9, paragraph 16): treatment
// as a resident patient (in-patient), institution-based out-patient treatment, or treatment by or under
// the direction of a registered medical practitioner or registered psychologist (practitioner-based). The
// order specifies the place, or the practitioner.
export const treatmentKinds = {
  'in-patient': { label: 'In-patient treatment', specifies: 'place' },
  'institution-based-out-patient': { label: 'Institution-based out-patient treatment', specifies: 'place' },
  'practitioner-based': { label: 'Practitioner-based treatment (by or under a registered medical practitioner or registered psychologist)', specifies: 'practitioner' },
} as const;

export type TreatmentKind = keyof typeof treatmentKinds;

// Other requirements made in the same order: the guidance notes the requirement does not preclude others
// (for example drug rehabilitation where there is a dual diagnosis).
export const otherRequirements = {
  'drug-rehabilitation': 'Drug rehabilitation requirement',
  'alcohol-treatment': 'Alcohol treatment requirement',
  supervision: 'Supervision (rehabilitation activity) by probation',
  'rehabilitation-activity': 'Rehabilitation activity requirement',
} as const;

export type OtherRequirement = keyof typeof otherRequirements;

// A mental health treatment requirement may be part of a community order or a suspended sentence order.
export const orderKinds = {
  'community-order': 'Community order',
  'suspended-sentence-order': 'Suspended sentence order',
} as const;

export type OrderKind = keyof typeof orderKinds;

export interface OrderInput {
  madeOn: Temporal.PlainDate | null;
  orderKind: string;
  requirementStartsOn: Temporal.PlainDate | null;
  requirementEndsOn: Temporal.PlainDate | null;
  treatmentKind: string;
  // The place (in-patient, institution-based) or the practitioner (practitioner-based) the order specifies.
  placeOrPractitioner: string;
  otherRequirements: readonly string[];
}

export interface TreatmentOrder {
  madeOn: Temporal.PlainDate;
  orderKind: OrderKind;
  requirementStartsOn: Temporal.PlainDate;
  requirementEndsOn: Temporal.PlainDate;
  treatmentKind: TreatmentKind;
  placeOrPractitioner: string;
  otherRequirements: OtherRequirement[];
}

export function checkOrder(input: OrderInput, today: Temporal.PlainDate): Checked<TreatmentOrder> {
  const problems = new ProblemList();
  const madeOn = problems.pastDay('madeOn', input.madeOn, 'the date the order was made', today);
  const orderKind = problems.choice('orderKind', input.orderKind, orderKinds, 'the kind of order');
  const startsOn = problems.day('requirementStartsOn', input.requirementStartsOn, 'the date the requirement starts');
  const endsOn = problems.day('requirementEndsOn', input.requirementEndsOn, 'the date the requirement ends');
  if (madeOn && startsOn && Temporal.PlainDate.compare(startsOn, madeOn) < 0) problems.add('requirementStartsOn', 'The requirement cannot start before the order was made');
  if (startsOn && endsOn && Temporal.PlainDate.compare(endsOn, startsOn) <= 0) problems.add('requirementEndsOn', 'The requirement must end after it starts');
  const treatmentKind = problems.choice('treatmentKind', input.treatmentKind, treatmentKinds, 'the kind of treatment');
  const specifies = treatmentKind === null ? 'place or practitioner' : treatmentKinds[treatmentKind].specifies;
  // Schedule 9, paragraph 16: the order specifies where, or by whom, treatment is given.
  const placeOrPractitioner = problems.text('placeOrPractitioner', input.placeOrPractitioner, specifies === 'practitioner' ? 'the practitioner the order names' : specifies === 'place' ? 'the place the order names' : 'the place or practitioner the order names', 300);
  const others = [...new Set(input.otherRequirements.map((item) => item.trim()).filter((item) => item !== ''))];
  if (!others.every((item) => isKey(otherRequirements, item))) problems.add('otherRequirements', 'Select other requirements from the list');
  return problems.result(() => ({
    madeOn: madeOn!,
    orderKind: orderKind!,
    requirementStartsOn: startsOn!,
    requirementEndsOn: endsOn!,
    treatmentKind: treatmentKind!,
    placeOrPractitioner,
    otherRequirements: others as OtherRequirement[],
  }));
}

// A community order made without the requirement, recorded for the uptake figure only (orders with the
// requirement among all community orders). It names no one: the count needs nobody's identity.
export interface CommunityOrderInput {
  madeOn: Temporal.PlainDate | null;
  orderKind: string;
  requirements: readonly string[];
}

export const communityOrderRequirements = {
  'unpaid-work': 'Unpaid work',
  'rehabilitation-activity': 'Rehabilitation activity',
  programme: 'Programme',
  'prohibited-activity': 'Prohibited activity',
  curfew: 'Curfew',
  exclusion: 'Exclusion',
  residence: 'Residence',
  'foreign-travel-prohibition': 'Foreign travel prohibition',
  'mental-health-treatment': 'Mental health treatment',
  'drug-rehabilitation': 'Drug rehabilitation',
  'alcohol-treatment': 'Alcohol treatment',
  'alcohol-abstinence-and-monitoring': 'Alcohol abstinence and monitoring',
  attendance: 'Attendance centre',
  'electronic-monitoring': 'Electronic monitoring',
} as const;

export type CommunityOrderRequirement = keyof typeof communityOrderRequirements;

export interface CommunityOrder {
  madeOn: Temporal.PlainDate;
  orderKind: OrderKind;
  requirements: CommunityOrderRequirement[];
}

export function checkCommunityOrder(input: CommunityOrderInput, today: Temporal.PlainDate): Checked<CommunityOrder> {
  const problems = new ProblemList();
  const madeOn = problems.pastDay('madeOn', input.madeOn, 'the date the order was made', today);
  const orderKind = problems.choice('orderKind', input.orderKind, orderKinds, 'the kind of order');
  const requirements = [...new Set(input.requirements.map((item) => item.trim()).filter((item) => item !== ''))];
  if (requirements.length === 0) problems.add('requirements', 'Select at least one requirement of the order');
  else if (!requirements.every((item) => isKey(communityOrderRequirements, item))) problems.add('requirements', 'Select requirements from the list');
  // An order with the requirement is recorded through its pathway case, where the conditions are checked.
  if (requirements.includes('mental-health-treatment')) problems.add('requirements', 'Record an order with a mental health treatment requirement on the person’s pathway case, where the court’s conditions are recorded');
  return problems.result(() => ({ madeOn: madeOn!, orderKind: orderKind!, requirements: requirements as CommunityOrderRequirement[] }));
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
