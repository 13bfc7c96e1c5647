import { isUuid } from '../identifiers.ts';
import { londonTimeZone } from '../london-time.ts';
import { recordCategories, type RecordCategory } from '../record/categories.ts';
import { periodCurrent } from './person-access.ts';

// The person's own say in sharing their record: what they agreed to share, with which agencies, for what
// purpose, how they gave it and until when; or what they refused. Sharing beyond involvement and consent
// is a disclosure, with its own lawful basis (lawful-bases.ts); a refusal by a person with capacity stands
// even if others think it unwise (Mental Capacity Act 2005 s1(4)), and sharing despite it needs one of
// those other bases.

export const consentDecisions = {
  agreed: 'Agreed to share',
  refused: 'Refused sharing',
} as const;

export type ConsentDecision = keyof typeof consentDecisions;

// How the decision was given, and so who made it: the person themselves, or someone deciding for a person
// who lacks capacity for this decision.
export const consentWays = {
  'in-writing': 'In writing, signed by the person',
  verbally: 'Verbally, and written down by staff',
  // s3(1)(d): a decision may be communicated "by talking, using sign language or any other means".
  'other-communication': 'By another means of communication (for example sign language or a communication aid), written down by staff',
  'through-advocate': 'Through an advocate, as the person’s own decision',
  'attorney-or-deputy': 'By an attorney under a lasting power of attorney, or a deputy appointed by the Court of Protection, for a person who lacks capacity',
  'best-interests': 'A best-interests decision, for a person who lacks capacity and has no attorney or deputy for this',
} as const;

export type ConsentWay = keyof typeof consentWays;

// The ways in which someone else decides. An attorney for health and welfare acts only when the person
// lacks, or is reasonably believed to lack, capacity for the decision (Mental Capacity Act 2005 s11(7)(a));
// a deputy has no power over a matter the person has capacity for (s20(1)); a best-interests decision is
// made only for a person who lacks capacity (s1(5), s4). Attorneys and deputies decide in the person's
// best interests too (s1(5), s4), so who decided and why is recorded for each.
const decidedForThePerson: readonly ConsentWay[] = ['attorney-or-deputy', 'best-interests'];

export function decidedOnTheirBehalf(way: ConsentWay): boolean {
  return decidedForThePerson.includes(way);
}

// The person's capacity to make this decision (Mental Capacity Act 2005 s2–3: capacity is decided for one
// matter at the time it is made). A person is assumed to have capacity unless it is established that they
// lack it (s1(2)), so "not assessed" is allowed when the person decided themselves, and not otherwise: no
// one decides for a person until their lack of capacity for this decision has been established.
export const capacityStates = {
  'not-assessed': 'Not assessed: the person is presumed to have capacity (Mental Capacity Act 2005 s1(2))',
  'has-capacity': 'Assessed as having capacity for this decision (Mental Capacity Act 2005 s2–3)',
  'lacks-capacity': 'Assessed as lacking capacity for this decision (Mental Capacity Act 2005 s2–3)',
} as const;

export type CapacityState = keyof typeof capacityStates;

// A decision on record.
export interface Consent {
  id: string;
  decision: ConsentDecision;
  agencyIds: readonly string[];
  categories: readonly RecordCategory[];
  purpose: string;
  howGiven: ConsentWay;
  capacity: CapacityState;
  // Who made the best-interests decision and why; only where the person lacks capacity for this decision.
  bestInterests: string | null;
  recordedAt: Temporal.Instant;
  // Null: until withdrawn.
  validUntil: Temporal.Instant | null;
  withdrawnAt: Temporal.Instant | null;
}

// What a member of staff (or a machine client) submits, as given: checked by validateNewConsent.
export interface ConsentInput {
  decision: string;
  agencyIds: readonly string[];
  categories: readonly string[];
  purpose: string;
  howGiven: string;
  capacity: string;
  bestInterestsBy: string;
  bestInterestsReasons: string;
  // The last day the decision holds, in London; null for until withdrawn.
  validUntil: Temporal.PlainDate | null;
}

export interface NewConsent {
  decision: ConsentDecision;
  agencyIds: string[];
  categories: RecordCategory[];
  purpose: string;
  howGiven: ConsentWay;
  capacity: CapacityState;
  bestInterests: { decidedBy: string; reasons: string } | null;
  validUntil: Temporal.PlainDate | null;
}

export interface ConsentProblem {
  field: string;
  message: string;
}

export const consentLimits = { purpose: 1000, bestInterestsBy: 200, bestInterestsReasons: 2000, withdrawalNote: 1000 } as const;

function isKey<T extends object>(table: T, value: string): value is Extract<keyof T, string> {
  return Object.hasOwn(table, value);
}

// Checks a new consent or refusal: every problem, each on the field at fault. `today` is the day in London.
export function validateNewConsent(input: ConsentInput, today: Temporal.PlainDate): { ok: true; value: NewConsent } | { ok: false; problems: ConsentProblem[] } {
  const problems: ConsentProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });

  const decision = input.decision.trim();
  if (!isKey(consentDecisions, decision)) problem('decision', 'Select whether the person agreed or refused');

  const agencyIds = [...new Set(input.agencyIds.map((id) => id.trim()).filter((id) => id !== ''))];
  if (agencyIds.length === 0) problem('agencyIds', 'Select at least one agency the decision is about');
  else if (!agencyIds.every(isUuid)) problem('agencyIds', 'Select agencies from the list');

  const categories = [...new Set(input.categories.map((category) => category.trim()).filter((category) => category !== ''))];
  if (categories.length === 0) problem('categories', 'Select at least one kind of information the decision is about');
  else if (!categories.every((category) => isKey(recordCategories, category))) problem('categories', 'Select kinds of information from the list');

  const purpose = input.purpose.trim();
  if (purpose === '') problem('purpose', 'Enter the purpose of the sharing');
  else if (purpose.length > consentLimits.purpose) problem('purpose', `Purpose must be ${consentLimits.purpose} characters or fewer`);

  const howGiven = input.howGiven.trim();
  const capacity = input.capacity.trim();
  const knownWay = isKey(consentWays, howGiven);
  const knownCapacity = isKey(capacityStates, capacity);
  if (!knownWay) problem('howGiven', 'Select how the decision was given');
  if (!knownCapacity) problem('capacity', 'Select the person’s capacity for this decision');
  const lacksCapacity = capacity === 'lacks-capacity';
  if (knownWay && knownCapacity) {
    if (lacksCapacity && !decidedOnTheirBehalf(howGiven)) {
      // s2(1): the person is unable to make this decision for themselves.
      problem('howGiven', 'A person who lacks capacity for this decision cannot give or refuse it themselves (Mental Capacity Act 2005 s2(1)): select an attorney or deputy, or a best-interests decision');
    } else if (!lacksCapacity && decidedOnTheirBehalf(howGiven)) {
      // s1(2), s11(7)(a), s20(1): no one decides for a person not established to lack capacity.
      problem(
        'howGiven',
        'An attorney, deputy or best-interests decision decides only for a person assessed as lacking capacity for this decision (Mental Capacity Act 2005 s1(2), s11(7)(a), s20(1)): select how the person gave it, or record that they lack capacity',
      );
    }
  }

  const decidedBy = input.bestInterestsBy.trim();
  const reasons = input.bestInterestsReasons.trim();
  if (lacksCapacity) {
    // s4: the decision is made in the person's best interests, considering their wishes and feelings (s4(6))
    // and the views of those caring for them (s4(7)); who made it and why is recorded.
    if (decidedBy === '') problem('bestInterestsBy', 'Enter who made the best-interests decision');
    else if (decidedBy.length > consentLimits.bestInterestsBy) problem('bestInterestsBy', `Who made the best-interests decision must be ${consentLimits.bestInterestsBy} characters or fewer`);
    if (reasons === '') problem('bestInterestsReasons', 'Enter why the decision is in the person’s best interests');
    else if (reasons.length > consentLimits.bestInterestsReasons) problem('bestInterestsReasons', `Why the decision is in their best interests must be ${consentLimits.bestInterestsReasons} characters or fewer`);
  } else if (knownCapacity && (decidedBy !== '' || reasons !== '')) {
    // s1(5), s4: a best-interests decision is made only for a person who lacks capacity.
    problem(decidedBy !== '' ? 'bestInterestsBy' : 'bestInterestsReasons', 'A best-interests decision is recorded only when the person lacks capacity for this decision (Mental Capacity Act 2005 s4)');
  }

  if (input.validUntil !== null && Temporal.PlainDate.compare(input.validUntil, today) < 0) {
    problem('validUntil', 'The date it ends must be today or in the future');
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      decision: decision as ConsentDecision,
      agencyIds,
      categories: categories as RecordCategory[],
      purpose,
      howGiven: howGiven as ConsentWay,
      capacity: capacity as CapacityState,
      bestInterests: lacksCapacity ? { decidedBy, reasons } : null,
      validUntil: input.validUntil,
    },
  };
}

// How a best-interests decision is kept on the record: who made it, then why.
export function bestInterestsText(decision: { decidedBy: string; reasons: string }): string {
  return `Decided by ${decision.decidedBy}. ${decision.reasons}`;
}

// A decision "until 31 March" holds through that day in London, and stops at the start of the next.
export function consentEndsAt(lastDay: Temporal.PlainDate): Temporal.Instant {
  return lastDay.add({ days: 1 }).toZonedDateTime({ timeZone: londonTimeZone }).toInstant();
}

// The last day in London a decision holds, when it ends at the start of a day (as consentEndsAt gives);
// null for an end at another moment (given through the API as an instant).
export function consentLastDay(validUntil: Temporal.Instant): Temporal.PlainDate | null {
  const zoned = validUntil.toZonedDateTimeISO(londonTimeZone);
  if (!zoned.equals(zoned.startOfDay())) return null;
  return zoned.toPlainDate().subtract({ days: 1 });
}

// The moment a decision stopped or will stop holding: its end date or its withdrawal, whichever is first.
export function consentEnd(consent: Pick<Consent, 'validUntil' | 'withdrawnAt'>): Temporal.Instant | null {
  const { validUntil, withdrawnAt } = consent;
  if (validUntil === null) return withdrawnAt;
  if (withdrawnAt === null) return validUntil;
  return Temporal.Instant.compare(withdrawnAt, validUntil) < 0 ? withdrawnAt : validUntil;
}

// Whether a decision holds at an instant: from when it was recorded until its end date or withdrawal. It
// stops at its end without anyone acting. A withdrawal takes effect from then on, not before (UK GDPR
// Article 7(3)).
export function consentCurrent(consent: Pick<Consent, 'recordedAt' | 'validUntil' | 'withdrawnAt'>, now: Temporal.Instant): boolean {
  return periodCurrent({ startsAt: consent.recordedAt, endsAt: consentEnd(consent) }, now);
}

// Whether the decision concerns the agency and any of the categories.
function concerns(consent: Consent, agencyId: string, categories: readonly RecordCategory[]): boolean {
  return consent.agencyIds.includes(agencyId) && categories.some((category) => consent.categories.includes(category));
}

// Whether this consent, taken alone, lets the agency be given every one of the categories now: an
// agreement, current, naming the agency and each category.
export function consentCovers(consent: Consent, agencyId: string, categories: readonly RecordCategory[], now: Temporal.Instant): boolean {
  return (
    consent.decision === 'agreed' &&
    consentCurrent(consent, now) &&
    consent.agencyIds.includes(agencyId) &&
    categories.every((category) => consent.categories.includes(category))
  );
}

// The person's latest word stands: a current refusal recorded after an agreement, about the same agency
// and any of the same information, overrides that agreement for it (a refusal recorded at the same moment
// is taken as the later).
export function refusalsOverriding(consents: readonly Consent[], consent: Consent, agencyId: string, categories: readonly RecordCategory[], now: Temporal.Instant): Consent[] {
  return consents.filter(
    (other) =>
      other.decision === 'refused' &&
      other.id !== consent.id &&
      consentCurrent(other, now) &&
      Temporal.Instant.compare(other.recordedAt, consent.recordedAt) >= 0 &&
      concerns(other, agencyId, categories),
  );
}

// Whether a consent still lets the agency be given the categories now, among everything the person has
// decided: it covers them and no later refusal overrides it.
export function consentStillCovers(consents: readonly Consent[], consent: Consent, agencyId: string, categories: readonly RecordCategory[], now: Temporal.Instant): boolean {
  return consentCovers(consent, agencyId, categories, now) && refusalsOverriding(consents, consent, agencyId, categories, now).length === 0;
}

export type ConsentStanding = { kind: 'agreed'; consent: Consent } | { kind: 'refused'; refusal: Consent } | { kind: 'none' };

// Where the person stands now on sharing the categories with the agency: a consent that covers them all
// (the latest, if more than one), or else the latest current refusal about any of them, or neither. An
// agreement spread over several consents is not one consent covering them, and is read as neither.
export function consentStanding(consents: readonly Consent[], agencyId: string, categories: readonly RecordCategory[], now: Temporal.Instant): ConsentStanding {
  const latestFirst = [...consents].sort((a, b) => Temporal.Instant.compare(b.recordedAt, a.recordedAt));
  const consent = latestFirst.find((item) => consentStillCovers(consents, item, agencyId, categories, now));
  if (consent) return { kind: 'agreed', consent };
  const refusal = latestFirst.find((item) => item.decision === 'refused' && consentCurrent(item, now) && concerns(item, agencyId, categories));
  if (refusal) return { kind: 'refused', refusal };
  return { kind: 'none' };
}

// The later refusals that override part of an agreement now: for showing an agreement that no longer
// holds in full.
export function overriddenInPartBy(consents: readonly Consent[], consent: Consent, now: Temporal.Instant): Consent[] {
  if (consent.decision !== 'agreed' || !consentCurrent(consent, now)) return [];
  return [...new Set(consent.agencyIds.flatMap((agencyId) => refusalsOverriding(consents, consent, agencyId, consent.categories, now)))];
}
