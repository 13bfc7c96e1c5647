import type { Role } from '../organisation/roles.ts';

// The lawful bases on which a disclosure beyond involvement may be made. Confidential information may be
// shared without consent only where the law allows: a real risk of serious harm to others that outweighs
// the duty of confidence (W v Egdell [1990] Ch 359), a safeguarding duty (Children Act 1989 s47; Care Act
// 2014 s42 and s45), a legal duty or court order, the MAPPA duty to co-operate (Criminal Justice Act 2003
// s325), or the prevention or detection of crime (Data Protection Act 2018 Sch 2 para 2). Each should
// share the minimum needed.
export const lawfulBases = {
  consent: 'Consent of the person',
  'direct-care': 'Direct care (need to know)',
  'public-interest': 'Public interest: a real risk of serious harm to others',
  'safeguarding-child': 'Safeguarding a child',
  'safeguarding-adult': 'Safeguarding an adult at risk',
  'legal-duty': 'A legal duty or court order',
  mappa: 'MAPPA: the duty to co-operate',
  'crime-prevention': 'Prevention or detection of crime',
} as const;

export type LawfulBasis = keyof typeof lawfulBases;
export const lawfulBasisKeys = Object.keys(lawfulBases) as [LawfulBasis, ...LawfulBasis[]];

// What the proposer must state for each basis, beyond the items, recipient and expiry every disclosure
// has: the risk for a public-interest disclosure; the duty, order or statutory gateway relied on for the
// others that rest on a law rather than on the person's agreement.
export const basisRequirement: Record<LawfulBasis, { field: 'risk' | 'authority' | 'consent' | null; label: string }> = {
  consent: { field: 'consent', label: 'The consent the person gave, on record, covering the recipient' },
  'direct-care': { field: null, label: '' },
  'public-interest': { field: 'risk', label: 'The risk of serious harm to others, stated' },
  'safeguarding-child': { field: 'authority', label: 'The safeguarding concern and the duty relied on (for example Children Act 1989 s47)' },
  'safeguarding-adult': { field: 'authority', label: 'The safeguarding concern and the duty relied on (for example Care Act 2014 s42)' },
  'legal-duty': { field: 'authority', label: 'The duty or court order, with its reference' },
  mappa: { field: 'authority', label: 'The MAPPA category and level, and the meeting or request' },
  'crime-prevention': { field: 'authority', label: 'The crime concerned and the request (for example a police request reference)' },
};

// Who approves a disclosure on each basis, unless an administrator changes it: the Caldicott guardian
// where confidence is overridden without consent; the information governance lead otherwise.
export const defaultApprovers: Record<LawfulBasis, Role> = {
  consent: 'information-governance-lead',
  'direct-care': 'information-governance-lead',
  'public-interest': 'caldicott-guardian',
  'safeguarding-child': 'caldicott-guardian',
  'safeguarding-adult': 'caldicott-guardian',
  'legal-duty': 'information-governance-lead',
  mappa: 'information-governance-lead',
  'crime-prevention': 'caldicott-guardian',
};

export function isLawfulBasis(value: unknown): value is LawfulBasis {
  return typeof value === 'string' && Object.hasOwn(lawfulBases, value);
}
