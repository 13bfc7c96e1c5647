import type { AgencyKind } from '../../domain/organisation/agency-kinds.ts';
import type { ApprovalKind } from '../../domain/organisation/approvals.ts';
import type { Role } from '../../domain/organisation/roles.ts';

// The demo's fictional area, Wessex: its agencies, their teams and staff, and the staff's professional
// approvals. Place names are Thomas Hardy's (Casterbridge, Melchester, Budmouth...) and Hamden, the
// anonymised town of the homelessness case study; postcodes use the area letters WX, which no real
// postcode has. National bodies are marked as the Wessex demonstration's own.

export interface DemoApproval {
  kind: ApprovalKind;
  // When the approval started and ended, relative to the day the demo is seeded, so that the demo
  // always has current approvals and one that has lapsed.
  startedBefore: Temporal.DurationLike;
  // How many years it lasts (ending the day before that anniversary), or null for no end date.
  years: number | null;
  approvingBody: string;
}

export interface DemoStaff {
  username: string;
  displayName: string;
  role: Role;
  team: string | null;
  approvals?: DemoApproval[];
}

export interface DemoAgency {
  name: string;
  kind: AgencyKind;
  teams: string[];
  staff: DemoStaff[];
}

export const demoAdministratorUsername = 'demo-admin';

export const demoAgencies: DemoAgency[] = [
  {
    name: 'Wessex County Council',
    kind: 'local-authority',
    teams: ['Approved Mental Health Professional Service', 'Adult Social Care – Casterbridge', 'Autism and Learning Disability Team'],
    staff: [
      { username: demoAdministratorUsername, displayName: 'Demo Administrator', role: 'system-administrator', team: null },
      {
        username: 'daniel.hollis',
        displayName: 'Daniel Hollis',
        role: 'amhp',
        team: 'Approved Mental Health Professional Service',
        approvals: [{ kind: 'amhp', startedBefore: { years: 2, months: 3 }, years: 5, approvingBody: 'Wessex County Council' }],
      },
      {
        // Her AMHP approval lapsed last month and has not been renewed: she may not make applications.
        username: 'gillian.oak',
        displayName: 'Gillian Oak',
        role: 'amhp',
        team: 'Approved Mental Health Professional Service',
        approvals: [{ kind: 'amhp', startedBefore: { years: 5, months: 1 }, years: 5, approvingBody: 'Wessex County Council' }],
      },
      {
        username: 'marcus.bell',
        displayName: 'Marcus Bell',
        role: 'social-worker',
        team: 'Adult Social Care – Casterbridge',
        approvals: [{ kind: 'social-supervisor', startedBefore: { months: 8 }, years: null, approvingBody: 'Wessex County Council' }],
      },
      { username: 'ruth.sandford', displayName: 'Ruth Sandford', role: 'social-worker', team: 'Autism and Learning Disability Team' },
    ],
  },
  {
    name: 'Wessex Police',
    kind: 'police-force',
    teams: ['Force Control Room', 'Casterbridge Neighbourhood Team', 'Casterbridge Custody Suite'],
    staff: [
      { username: 'sam.okoro', displayName: 'Sam Okoro', role: 'police-control-room', team: 'Force Control Room' },
      { username: 'rachel.tull', displayName: 'PC Rachel Tull', role: 'police-officer', team: 'Casterbridge Neighbourhood Team' },
      // The custody sergeant who makes custody referrals to liaison and diversion.
      { username: 'colin.marsh', displayName: 'Sergeant Colin Marsh', role: 'police-officer', team: 'Casterbridge Custody Suite' },
    ],
  },
  {
    name: 'Wessex Partnership NHS Foundation Trust',
    kind: 'mental-health-trust',
    teams: [
      'Crisis Resolution and Home Treatment Team',
      'Egdon Ward (adult acute)',
      'Froom Ward (adult acute)',
      'Yalbury Ward (low secure)',
      'Section 136 Suite (place of safety)',
      'Mental Health Act Office',
      'Casterbridge Community Mental Health Team',
      'Mental Health Treatment Requirement Service',
    ],
    staff: [
      {
        username: 'imogen.hale',
        displayName: 'Dr Imogen Hale',
        role: 'responsible-clinician',
        team: 'Egdon Ward (adult acute)',
        approvals: [
          { kind: 'approved-clinician', startedBefore: { years: 3, months: 2 }, years: 5, approvingBody: 'South of England Approval Panel (demo)' },
          { kind: 'responsible-clinician', startedBefore: { years: 1, months: 6 }, years: null, approvingBody: 'Wessex Partnership NHS Foundation Trust' },
          { kind: 'section-12-doctor', startedBefore: { years: 3, months: 2 }, years: 5, approvingBody: 'South of England Approval Panel (demo)' },
        ],
      },
      {
        username: 'kwame.asante',
        displayName: 'Dr Kwame Asante',
        role: 'psychiatrist',
        team: 'Casterbridge Community Mental Health Team',
        approvals: [
          { kind: 'section-12-doctor', startedBefore: { years: 1, months: 1 }, years: 5, approvingBody: 'South of England Approval Panel (demo)' },
          { kind: 'approved-clinician', startedBefore: { months: 10 }, years: 5, approvingBody: 'South of England Approval Panel (demo)' },
        ],
      },
      {
        username: 'yusuf.malik',
        displayName: 'Dr Yusuf Malik',
        role: 'psychiatrist',
        team: null,
        approvals: [{ kind: 'soad', startedBefore: { years: 4 }, years: null, approvingBody: 'Care Quality Commission (demo)' }],
      },
      { username: 'lucy.penrose', displayName: 'Lucy Penrose', role: 'crisis-team-practitioner', team: 'Crisis Resolution and Home Treatment Team' },
      { username: 'tom.garland', displayName: 'Tom Garland', role: 'mental-health-nurse', team: 'Egdon Ward (adult acute)' },
      { username: 'beth.ingram', displayName: 'Beth Ingram', role: 'mental-health-nurse', team: 'Mental Health Treatment Requirement Service' },
      { username: 'fiona.mcrae', displayName: 'Fiona McRae', role: 'mha-administrator', team: 'Mental Health Act Office' },
      { username: 'owen.pryce', displayName: 'Owen Pryce', role: 'information-governance-lead', team: null },
      { username: 'margaret.lyle', displayName: 'Dr Margaret Lyle', role: 'caldicott-guardian', team: null },
    ],
  },
  {
    name: 'Casterbridge and Melchester Hospitals NHS Trust',
    kind: 'acute-trust',
    teams: ['Emergency Department – Casterbridge'],
    staff: [{ username: 'nadia.rahman', displayName: 'Dr Nadia Rahman', role: 'emergency-department-clinician', team: 'Emergency Department – Casterbridge' }],
  },
  {
    name: 'Wessex Ambulance Service NHS Trust',
    kind: 'ambulance-service',
    teams: ['Casterbridge Ambulance Station'],
    staff: [{ username: 'ellis.moore', displayName: 'Ellis Moore', role: 'paramedic', team: 'Casterbridge Ambulance Station' }],
  },
  {
    name: 'Probation Service – Wessex',
    kind: 'probation-service',
    teams: ['Casterbridge Probation Delivery Unit', 'Casterbridge Court Team'],
    staff: [
      { username: 'chloe.winter', displayName: 'Chloe Winter', role: 'probation-practitioner', team: 'Casterbridge Probation Delivery Unit' },
      { username: 'joanna.kaur', displayName: 'Joanna Kaur', role: 'probation-practitioner', team: 'Casterbridge Court Team' },
      { username: 'priya.nair', displayName: 'Priya Nair', role: 'probation-practitioner', team: 'Casterbridge Probation Delivery Unit' },
      { username: 'anthony.reed', displayName: 'Anthony Reed', role: 'senior-probation-officer', team: 'Casterbridge Probation Delivery Unit' },
    ],
  },
  {
    name: 'Casterbridge Magistrates’ Court',
    kind: 'court',
    teams: [],
    staff: [{ username: 'peter.lamb', displayName: 'Peter Lamb', role: 'court-officer', team: null }],
  },
  {
    name: 'Ministry of Justice Mental Health Casework – Wessex demonstration',
    kind: 'moj-casework',
    teams: [],
    staff: [{ username: 'grace.adeyemi', displayName: 'Grace Adeyemi', role: 'moj-caseworker', team: null }],
  },
  {
    name: 'Mental Health Tribunal – Wessex demonstration',
    kind: 'tribunal',
    teams: [],
    staff: [{ username: 'harriet.vine', displayName: 'Harriet Vine', role: 'tribunal-clerk', team: null }],
  },
  {
    name: 'Wessex Advocacy Partnership',
    kind: 'advocacy-service',
    teams: [],
    staff: [
      {
        username: 'sian.morgan',
        displayName: 'Siân Morgan',
        role: 'advocate',
        team: null,
        approvals: [{ kind: 'imha', startedBefore: { years: 2 }, years: null, approvingBody: 'Wessex Advocacy Partnership' }],
      },
    ],
  },
  {
    name: 'Wessex Liaison and Diversion Service',
    kind: 'liaison-and-diversion',
    teams: ['Casterbridge Custody and Courts'],
    staff: [{ username: 'ravi.patel', displayName: 'Ravi Patel', role: 'liaison-and-diversion-practitioner', team: 'Casterbridge Custody and Courts' }],
  },
  {
    name: 'Durnover Green Surgery',
    kind: 'gp-practice',
    teams: [],
    staff: [
      {
        username: 'alan.frost',
        displayName: 'Dr Alan Frost',
        role: 'gp',
        team: null,
        approvals: [{ kind: 'section-12-doctor', startedBefore: { years: 4, months: 6 }, years: 5, approvingBody: 'South of England Approval Panel (demo)' }],
      },
    ],
  },
  {
    name: 'Hamden Housing Association',
    kind: 'housing',
    teams: ['Hamden Hostels'],
    staff: [{ username: 'leon.fisher', displayName: 'Leon Fisher', role: 'housing-officer', team: 'Hamden Hostels' }],
  },
  {
    name: 'Hamden Night Shelter',
    kind: 'voluntary-organisation',
    teams: [],
    staff: [{ username: 'maria.santos', displayName: 'Maria Santos', role: 'support-worker', team: null }],
  },
  {
    name: 'Ashgrove Women’s Centre',
    kind: 'voluntary-organisation',
    teams: [],
    staff: [{ username: 'zainab.hussain', displayName: 'Zainab Hussain', role: 'support-worker', team: null }],
  },
];
