// Every entry in a person's record has a category; later, agencies see categories by policy.
export const recordCategories = {
  identity: 'Identity',
  'legal-status': 'Legal status',
  clinical: 'Clinical',
  'risk-to-others': 'Risk to others',
  'risk-to-self': 'Risk to self',
  offending: 'Offending',
  safeguarding: 'Safeguarding',
  'sensitive-health': 'Especially sensitive health',
  'victim-information': 'Victim information',
} as const;

export type RecordCategory = keyof typeof recordCategories;
