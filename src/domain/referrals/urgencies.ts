// How urgent a referral is, and the two timers that follow from it: the receiver acknowledges it within
// the first, and accepts or declines it within the second, both counted from when it was sent. A timer
// that runs out escalates the referral to the receiving team's named lead (src/app/referrals/escalation.ts).
//
// These are Accord's default service standards, not law: no statute sets how fast one agency answers
// another's referral. They are elapsed hours, not working days, because a referral about someone in
// crisis or in custody does not wait for Monday, and because working days need the bank holidays of
// England and Wales as data, which Accord does not yet hold; a working-day clock without them would be
// wrong on exactly the days it matters. Routine referrals are given 3 and 7 days: seven days is always
// five working days in a week without a bank holiday, and three days is two working days except over a
// weekend, when it falls due a day early rather than late.
export const referralUrgencies = {
  emergency: { label: 'Emergency', acknowledgeWithin: Temporal.Duration.from({ hours: 1 }), decideWithin: Temporal.Duration.from({ hours: 4 }) },
  urgent: { label: 'Urgent', acknowledgeWithin: Temporal.Duration.from({ hours: 4 }), decideWithin: Temporal.Duration.from({ hours: 24 }) },
  routine: { label: 'Routine', acknowledgeWithin: Temporal.Duration.from({ hours: 72 }), decideWithin: Temporal.Duration.from({ hours: 168 }) },
} as const;

export type ReferralUrgency = keyof typeof referralUrgencies;
export const referralUrgencyKeys = Object.keys(referralUrgencies) as [ReferralUrgency, ...ReferralUrgency[]];

// Most urgent first: the order of the inbox, and of the choices on the form.
export const urgencyRank: Record<ReferralUrgency, number> = { emergency: 0, urgent: 1, routine: 2 };

export function isReferralUrgency(value: unknown): value is ReferralUrgency {
  return typeof value === 'string' && Object.hasOwn(referralUrgencies, value);
}

export interface ReferralTimers {
  acknowledgeDue: Temporal.Instant;
  decideDue: Temporal.Instant;
}

// The timers of a referral sent at a moment, fixed then: a later change to the standards does not move
// the time a referral already sent was promised.
export function referralTimers(urgency: ReferralUrgency, referredAt: Temporal.Instant): ReferralTimers {
  const standard = referralUrgencies[urgency];
  return { acknowledgeDue: referredAt.add(standard.acknowledgeWithin), decideDue: referredAt.add(standard.decideWithin) };
}

// "within 1 hour", "within 3 days": how a timer is described on the form.
export function durationInWords(duration: Temporal.Duration): string {
  const hours = duration.total({ unit: 'hours' });
  if (hours >= 48 && hours % 24 === 0) return `${hours / 24} days`;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}
