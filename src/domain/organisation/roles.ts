// Staff roles. A staff account holds exactly one role within its agency; what a role may do is in
// ../access/permissions.ts.
export const roles = {
  'system-administrator': 'System administrator',
  'mha-administrator': 'Mental Health Act administrator',
  amhp: 'Approved mental health professional',
  'responsible-clinician': 'Responsible clinician',
  psychiatrist: 'Psychiatrist',
  'mental-health-nurse': 'Mental health nurse',
  'crisis-team-practitioner': 'Crisis team practitioner',
  'liaison-and-diversion-practitioner': 'Liaison and diversion practitioner',
  'emergency-department-clinician': 'Emergency department clinician',
  paramedic: 'Paramedic',
  'probation-practitioner': 'Probation practitioner',
  'senior-probation-officer': 'Senior probation officer',
  'police-control-room': 'Police control room operator',
  'police-officer': 'Police officer',
  'court-officer': 'Court officer',
  'moj-caseworker': 'Ministry of Justice caseworker',
  'tribunal-clerk': 'Tribunal clerk',
  advocate: 'Independent mental health advocate',
  'social-worker': 'Social worker',
  gp: 'General practitioner',
  'housing-officer': 'Housing officer',
  'support-worker': 'Support worker',
  'information-governance-lead': 'Information governance lead',
  'caldicott-guardian': 'Caldicott guardian',
} as const;

export type Role = keyof typeof roles;
export const roleKeys = Object.keys(roles) as [Role, ...Role[]];
