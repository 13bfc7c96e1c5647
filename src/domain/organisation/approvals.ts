// Professional approvals that give a member of staff a statutory function under the Mental Health Act 1983.
export const approvalKinds = {
  amhp: { label: 'Approved mental health professional', provision: 's114' },
  'approved-clinician': { label: 'Approved clinician', provision: 's145(1)' },
  'section-12-doctor': { label: 'Section 12 approved doctor', provision: 's12(2)' },
  'responsible-clinician': { label: 'Responsible clinician', provision: 's34(1)' },
  soad: { label: 'Second opinion appointed doctor', provision: 's58(3)(b), s119' },
  'social-supervisor': { label: 'Social supervisor', provision: 's42(2), s73(4)' },
  imha: { label: 'Independent mental health advocate', provision: 's130A' },
} as const;

export type ApprovalKind = keyof typeof approvalKinds;
export const approvalKindKeys = Object.keys(approvalKinds) as [ApprovalKind, ...ApprovalKind[]];

export interface ApprovalPeriod {
  validFrom: Temporal.PlainDate;
  validTo: Temporal.PlainDate | null;
  withdrawn: boolean;
}

// An approval holds on every day from validFrom to validTo inclusive, unless withdrawn.
export function approvalHoldsOn(approval: ApprovalPeriod, day: Temporal.PlainDate): boolean {
  if (approval.withdrawn) return false;
  if (Temporal.PlainDate.compare(day, approval.validFrom) < 0) return false;
  return approval.validTo === null || Temporal.PlainDate.compare(day, approval.validTo) <= 0;
}
