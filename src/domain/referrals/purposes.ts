// What a referral is for. Pathways find their own referrals by this key: the community-sentence pathway
// (police custody to liaison and diversion, to probation for a pre-sentence report, to a mental health
// assessor) and crisis calls handed from a police control room to a crisis team.
export const referralPurposes = {
  'liaison-and-diversion-screening': 'Liaison and diversion screening',
  'pre-sentence-report': 'Pre-sentence report',
  'mental-health-assessment': 'Mental health assessment',
  'treatment-placement': 'Treatment or placement',
  'crisis-response': 'Crisis response',
  other: 'Something else',
} as const;

export type ReferralPurpose = keyof typeof referralPurposes;
export const referralPurposeKeys = Object.keys(referralPurposes) as [ReferralPurpose, ...ReferralPurpose[]];

export function isReferralPurpose(value: unknown): value is ReferralPurpose {
  return typeof value === 'string' && Object.hasOwn(referralPurposes, value);
}

export function referralPurposeLabel(purpose: string): string {
  return isReferralPurpose(purpose) ? referralPurposes[purpose] : purpose;
}
