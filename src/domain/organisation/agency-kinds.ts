// The kinds of agency Accord serves. The key is stored; the label is shown.
export const agencyKinds = {
  'police-force': 'Police force',
  'mental-health-trust': 'NHS mental health trust',
  'acute-trust': 'Acute trust and emergency department',
  'ambulance-service': 'Ambulance service',
  'local-authority': 'Local authority and its AMHP service',
  'probation-service': 'Probation service',
  court: 'Court',
  'moj-casework': 'Ministry of Justice casework',
  tribunal: 'Tribunal',
  'advocacy-service': 'Advocacy service',
  'liaison-and-diversion': 'Liaison and diversion service',
  'gp-practice': 'GP practice',
  housing: 'Housing',
  'voluntary-organisation': 'Voluntary and community organisation',
} as const;

export type AgencyKind = keyof typeof agencyKinds;
export const agencyKindKeys = Object.keys(agencyKinds) as [AgencyKind, ...AgencyKind[]];
