// Multi-agency public protection arrangements (MAPPA). The responsible authority for an area (police,
// probation and prisons, acting jointly) must establish arrangements for assessing and managing the risks
// posed by relevant sexual and violent offenders (Criminal Justice Act 2003 s325(2)); the agencies named in
// s325(6), among them NHS bodies and local authorities, have a duty to co-operate, which may include the
// exchange of information (s325(3)-(4)).
//
// Verified in the text of s327 (legislation.gov.uk): a relevant violent offender includes a person convicted
// of murder or a Schedule 15 offence on whom a hospital or guardianship order within the meaning of the
// Mental Health Act 1983 is imposed (s327(3)(b)(viii)), and a person found not guilty by reason of insanity,
// or unfit to plead and to have done the act, who is ordered to be admitted to hospital (s327(4)(b)(i)). A
// transferred prisoner under a restriction direction falls within s327(3)(b)(i) by the sentence itself.
// The numbering of the three categories and three levels is the MAPPA Guidance's, not the Act's; it is
// from a secondary source (the guidance as summarised in the MHA reference, section 13) and not verified in
// primary text. So is a fourth (terrorist-risk) category, which Accord does not offer.
//
// Accord treats a restricted patient as category 2, as the guidance does for offenders detained under a
// hospital order; a patient the law engine shows as restricted cannot be recorded in another category.
// Nothing here reads a clock or a database.

export const mappaCategories = {
  1: { label: 'Category 1: registered sexual offender', provision: 'CJA 2003 s327(2)' },
  2: { label: 'Category 2: violent offender (including one detained under a hospital order)', provision: 'CJA 2003 s327(3)-(4)' },
  3: { label: 'Category 3: other dangerous offender', provision: 'CJA 2003 s325(2)(b)' },
} as const;
export type MappaCategory = keyof typeof mappaCategories;

export const mappaLevels = {
  1: 'Level 1: ordinary agency management',
  2: 'Level 2: active multi-agency management',
  3: 'Level 3: multi-agency management with senior involvement',
} as const;
export type MappaLevel = keyof typeof mappaLevels;

export const restrictedPatientCategory: MappaCategory = 2;

export interface MappaProblem {
  field: string;
  message: string;
}

const longestText = 8000;

function text(problems: MappaProblem[], field: string, value: string | undefined, missing: string, longest = longestText): string {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') problems.push({ field, message: missing });
  else if (trimmed.length > longest) problems.push({ field, message: `${missing.replace(/^Enter /, 'Shorten ')}: ${longest} characters or fewer` });
  return trimmed;
}

function numberOf<T extends object>(options: T, value: string | undefined): keyof T | null {
  if (value === undefined || !/^[1-3]$/.test(value.trim())) return null;
  const key = Number(value.trim()) as keyof T;
  return Object.hasOwn(options, key as PropertyKey) ? key : null;
}

// The form as submitted.
export interface ArrangementInput {
  category?: string;
  level?: string;
  leadAgencyId?: string;
  reason?: string;
}

export interface Arrangement {
  category: MappaCategory;
  level: MappaLevel;
  leadAgencyId: string;
  reason: string;
}

export interface ArrangementFacts {
  // Whether the law engine shows the patient as restricted now.
  restricted: boolean;
  // The agencies on Accord that may lead.
  agencyIds: ReadonlySet<string>;
  // The arrangement in force, if any.
  current: Omit<Arrangement, 'reason'> | null;
}

export function restrictedCategoryMessage(category: MappaCategory): string {
  return `This patient is restricted (a restriction order under s41 or direction under s49 of the Mental Health Act 1983 is in force), so they are managed under MAPPA as category 2, a violent offender detained under a hospital order (CJA 2003 s327(3)(b)(viii) and s327(4)(b)), not ${mappaCategories[category].label.split(':')[0]!.toLowerCase()}`;
}

// Validates an arrangement, new or a change. A change must change something: the category, the level or
// the lead agency; the reason says why (for example "raised to level 2 after the MAPP meeting").
export function validateArrangement(input: ArrangementInput, facts: ArrangementFacts): { ok: true; arrangement: Arrangement } | { ok: false; problems: MappaProblem[] } {
  const problems: MappaProblem[] = [];
  const category = numberOf(mappaCategories, input.category);
  if (category === null) problems.push({ field: 'category', message: 'Select the MAPPA category: 1, 2 or 3' });
  else if (facts.restricted && category !== restrictedPatientCategory) problems.push({ field: 'category', message: restrictedCategoryMessage(category) });
  const level = numberOf(mappaLevels, input.level);
  if (level === null) problems.push({ field: 'level', message: 'Select the MAPPA level: 1, 2 or 3' });
  const leadAgencyId = (input.leadAgencyId ?? '').trim().toLowerCase();
  if (!facts.agencyIds.has(leadAgencyId)) problems.push({ field: 'leadAgencyId', message: 'Select the lead agency from the agencies on Accord' });
  const reason = text(problems, 'reason', input.reason, facts.current === null ? 'Enter why the person is managed under MAPPA' : 'Enter why the arrangement is changing');
  if (problems.length === 0 && facts.current !== null && facts.current.category === category && facts.current.level === level && facts.current.leadAgencyId === leadAgencyId) {
    problems.push({ field: 'level', message: 'Nothing has changed: change the level, the category or the lead agency, or go back' });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, arrangement: { category: category!, level: level!, leadAgencyId, reason } };
}

// What a new version changed, in words, for the history and the audit log.
export function arrangementChange(previous: Omit<Arrangement, 'reason'> & { leadAgencyName: string }, next: Omit<Arrangement, 'reason'> & { leadAgencyName: string }): string {
  const changes: string[] = [];
  if (previous.category !== next.category) changes.push(`category changed from ${previous.category} to ${next.category}`);
  if (previous.level !== next.level) changes.push(`level ${next.level > previous.level ? 'raised' : 'lowered'} from ${previous.level} to ${next.level}`);
  if (previous.leadAgencyId !== next.leadAgencyId) changes.push(`lead agency changed from ${previous.leadAgencyName} to ${next.leadAgencyName}`);
  const words = changes.join('; ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface MeetingAction {
  action: string;
  owner: string;
}

// The form as submitted. Actions come as numbered pairs (action-1 and owner-1, ...), so that the form
// works without JavaScript; a pair left empty is not an action.
export interface MeetingInput {
  heldOn?: string | null;
  level?: string;
  attendingAgencyIds?: readonly string[];
  minutes?: string;
  actions?: readonly { action?: string; owner?: string }[];
}

export interface Meeting {
  heldOn: Temporal.PlainDate;
  level: MappaLevel;
  attendingAgencyIds: string[];
  minutes: string;
  actions: MeetingAction[];
}

export interface MeetingFacts {
  today: Temporal.PlainDate;
  agencyIds: ReadonlySet<string>;
}

// A MAPP meeting is held at level 2 or 3: at level 1 the lead agency manages the person through its
// ordinary arrangements, sharing information without a meeting (MAPPA Guidance; secondary source).
export function validateMeeting(input: MeetingInput, facts: MeetingFacts): { ok: true; meeting: Meeting } | { ok: false; problems: MappaProblem[] } {
  const problems: MappaProblem[] = [];
  let heldOn: Temporal.PlainDate | null = null;
  if (input.heldOn === null || input.heldOn === undefined || input.heldOn.trim() === '') problems.push({ field: 'heldOn', message: 'Enter the date of the meeting' });
  else {
    try {
      heldOn = Temporal.PlainDate.from(input.heldOn.trim());
    } catch {
      problems.push({ field: 'heldOn', message: 'The date of the meeting must be a real date' });
    }
    if (heldOn !== null && Temporal.PlainDate.compare(heldOn, facts.today) > 0) problems.push({ field: 'heldOn', message: 'The date of the meeting must be today or in the past: minutes are recorded after the meeting' });
  }
  const level = numberOf(mappaLevels, input.level);
  if (level === null || level === 1) problems.push({ field: 'level', message: 'Select the level the meeting was held at: 2 or 3 (at level 1 there are no MAPP meetings)' });
  const attending = [...new Set((input.attendingAgencyIds ?? []).map((id) => id.trim().toLowerCase()).filter((id) => id !== ''))];
  if (attending.length === 0) problems.push({ field: 'attendingAgencyIds', message: 'Select the agencies that attended the meeting' });
  else if (attending.some((id) => !facts.agencyIds.has(id))) problems.push({ field: 'attendingAgencyIds', message: 'Select the attending agencies from the agencies on Accord' });
  const minutes = text(problems, 'minutes', input.minutes, 'Enter the minutes of the meeting', 20000);
  const actions: MeetingAction[] = [];
  (input.actions ?? []).forEach((pair, index) => {
    const action = (pair.action ?? '').trim();
    const owner = (pair.owner ?? '').trim();
    if (action === '' && owner === '') return;
    const number = index + 1;
    if (action === '') problems.push({ field: `action-${number}`, message: `Enter action ${number}, or clear its owner` });
    else if (action.length > 2000) problems.push({ field: `action-${number}`, message: `Shorten action ${number}: 2000 characters or fewer` });
    if (owner === '') problems.push({ field: `owner-${number}`, message: `Enter who owns action ${number}` });
    else if (owner.length > 200) problems.push({ field: `owner-${number}`, message: `Shorten the owner of action ${number}: 200 characters or fewer` });
    actions.push({ action, owner });
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, meeting: { heldOn: heldOn!, level: level!, attendingAgencyIds: attending, minutes, actions } };
}

// Who sees MAPPA information about a person. It is shared under the duty to co-operate (s325(3)-(4)),
// not because an agency is involved with the person: the lead agency sees the arrangement and every
// meeting; an agency that attended a meeting sees the arrangement and the minutes of the meetings it
// attended; the Ministry of Justice's casework for a restricted patient sees everything, since the
// Secretary of State decides on the patient's leave, transfer and discharge.
export interface MappaViewer {
  agencyId: string | null;
  agencyKind: string | null;
  system: boolean;
}

export type MappaSight = { kind: 'all' } | { kind: 'attended'; meetingIds: ReadonlySet<string> } | { kind: 'none' };

export function mappaSight(viewer: MappaViewer, facts: { restricted: boolean; leadAgencyId: string | null; meetings: readonly { id: string; attendingAgencyIds: readonly string[] }[] }): MappaSight {
  if (viewer.system) return { kind: 'all' };
  if (viewer.agencyId !== null && viewer.agencyId === facts.leadAgencyId) return { kind: 'all' };
  if (facts.restricted && viewer.agencyKind === 'moj-casework') return { kind: 'all' };
  const attended = facts.meetings.filter((meeting) => viewer.agencyId !== null && meeting.attendingAgencyIds.includes(viewer.agencyId));
  if (attended.length > 0) return { kind: 'attended', meetingIds: new Set(attended.map((meeting) => meeting.id)) };
  return { kind: 'none' };
}

export const mappaRefusal =
  'MAPPA information is shared only with the lead agency, the agencies at the meeting, and (for a restricted patient) the Ministry of Justice, under the duty to co-operate in the Criminal Justice Act 2003 s325.';

// The roles that record MAPPA arrangements and meetings: the responsible authority's (police, probation,
// prisons through the Ministry's casework) and the duty-to-co-operate agencies' staff who manage the
// patient (s325(1), (6)).
export const mappaRecorderRoles = ['police-officer', 'probation-practitioner', 'senior-probation-officer', 'responsible-clinician', 'mha-administrator', 'moj-caseworker'] as const;

export function recordsMappa(role: string | null): boolean {
  return role !== null && (mappaRecorderRoles as readonly string[]).includes(role);
}

// What each disclosure to an attending agency states as its authority: the category, the level and the
// meeting.
export function meetingAuthority(arrangement: { category: MappaCategory; level: MappaLevel }, meeting: { heldOn: Temporal.PlainDate; level: MappaLevel }): string {
  return `MAPPA category ${arrangement.category}, level ${meeting.level}; MAPP meeting held on ${meeting.heldOn.toString()}. Shared under the duty to co-operate (Criminal Justice Act 2003 s325(3)-(4)).`;
}
