import { recordCategories, type RecordCategory } from '../record/categories.ts';
import { periodCurrent } from './person-access.ts';

// Telling a person how their record has been used: who looked at it, changed it, saw them in a list or
// was refused, grouped by organisation and by member of staff; what was disclosed about them, on what
// basis, to whom and until when; every emergency access with its review. UK GDPR Article 15(1)(c) gives
// the person the right to know the recipients to whom their data have been disclosed; the audit log lets
// Accord tell them more than that: every use, in plain words.

// What an audit entry's action means, said to the person whose record it is.
export const happenedToYourRecord: Record<string, string> = {
  read: 'Looked at your record',
  write: 'Changed your record',
  list: 'Saw your name in a list',
  refused: 'Was refused access to your record',
};

export function describeHappening(action: string): string {
  return happenedToYourRecord[action] ?? 'Used your record';
}

export type UseKind = 'looked' | 'changed' | 'listed' | 'refused';

function useKind(action: string): UseKind {
  if (action === 'write') return 'changed';
  if (action === 'list') return 'listed';
  if (action === 'refused') return 'refused';
  return 'looked';
}

export interface AuditUse {
  sequence: number;
  at: Temporal.Instant;
  actorUserId: string | null;
  actorLabel: string;
  actorRole: string | null;
  agencyId: string | null;
  agencyName: string | null;
  action: string;
  what: string;
  purpose: string;
  // Whether the entry is a list that showed the person among others.
  inList: boolean;
}

export type UseCounts = Record<UseKind, number>;

export interface StaffUse {
  who: string;
  role: string | null;
  counts: UseCounts;
  first: Temporal.Instant;
  last: Temporal.Instant;
  // Newest first.
  uses: (AuditUse & { happened: string })[];
}

export interface AgencyUse {
  agency: string;
  counts: UseCounts;
  staff: StaffUse[];
}

function noCounts(): UseCounts {
  return { looked: 0, changed: 0, listed: 0, refused: 0 };
}

// Accord itself (the command line, the scheduled sweep) acts for no agency.
export const accordItself = 'Accord (the system itself)';

// Groups the uses of a record by organisation and then by the member of staff (or machine client) who
// acted, in that role: organisations and staff by name, each one's uses newest first.
export function groupUses(uses: readonly AuditUse[]): AgencyUse[] {
  const agencies = new Map<string, { agency: string; staff: Map<string, StaffUse> }>();
  const newestFirst = [...uses].sort((a, b) => b.sequence - a.sequence);
  for (const use of newestFirst) {
    const agencyKey = use.agencyId ?? use.agencyName ?? '';
    let agency = agencies.get(agencyKey);
    if (!agency) {
      // Newest first, so the name the organisation has now (or last had) is the one shown.
      agency = { agency: use.agencyId === null ? accordItself : (use.agencyName ?? accordItself), staff: new Map() };
      agencies.set(agencyKey, agency);
    }
    const staffKey = `${use.actorUserId ?? use.actorLabel}\u0000${use.actorRole ?? ''}`;
    let staff = agency.staff.get(staffKey);
    if (!staff) {
      staff = { who: use.actorLabel, role: use.actorRole, counts: noCounts(), first: use.at, last: use.at, uses: [] };
      agency.staff.set(staffKey, staff);
    }
    staff.counts[useKind(use.action)] += 1;
    if (Temporal.Instant.compare(use.at, staff.first) < 0) staff.first = use.at;
    if (Temporal.Instant.compare(use.at, staff.last) > 0) staff.last = use.at;
    staff.uses.push({ ...use, happened: describeHappening(use.action) });
  }
  const byName = (a: string, b: string) => a.localeCompare(b, 'en-GB');
  return [...agencies.values()]
    .map(({ agency, staff }) => {
      const members = [...staff.values()].sort((a, b) => byName(a.who, b.who));
      const counts = noCounts();
      for (const member of members) for (const kind of Object.keys(counts) as UseKind[]) counts[kind] += member.counts[kind];
      return { agency, counts, staff: members };
    })
    .sort((a, b) => byName(a.agency, b.agency));
}

export type DisclosureStatus = 'awaiting-decision' | 'refused' | 'in-force' | 'ended' | 'withdrawn';

export const disclosureStatusLabels: Record<DisclosureStatus, string> = {
  'awaiting-decision': 'Waiting for a decision: nothing has been shared',
  refused: 'Not approved: nothing was shared',
  'in-force': 'Shared, and can still be seen by the recipient',
  ended: 'Shared; it has ended and can no longer be seen by the recipient',
  withdrawn: 'Withdrawn: can no longer be seen by the recipient',
};

// A disclosure stops at its expiry or its withdrawal without anyone acting (as src/domain/sharing/
// person-access.ts reads it); until approved, nothing has been shared.
export function disclosureStatus(
  disclosure: { decision: string | null; expiresAt: Temporal.Instant; withdrawnAt: Temporal.Instant | null },
  now: Temporal.Instant,
): DisclosureStatus {
  if (disclosure.withdrawnAt !== null && Temporal.Instant.compare(disclosure.withdrawnAt, now) <= 0) return 'withdrawn';
  if (disclosure.decision === null) return 'awaiting-decision';
  if (disclosure.decision !== 'approved') return 'refused';
  return Temporal.Instant.compare(now, disclosure.expiresAt) < 0 ? 'in-force' : 'ended';
}

export function emergencyAccessCurrent(access: { startsAt: Temporal.Instant; endsAt: Temporal.Instant }, now: Temporal.Instant): boolean {
  return periodCurrent(access, now);
}

// A stored key ('not-appropriate') said in words ('Not appropriate'), for values whose labels live with
// the capability that records them.
export function wordsForKey(value: string): string {
  const words = value.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// What must be considered before a subject access export is given to the person. The export holds
// everything; the law lets some of it be withheld, and that is a decision for a person, not for Accord.
export interface ReleaseCheck {
  id: string;
  title: string;
  provision: string;
  explanation: string;
  // The categories of entry the check is about; empty when it is about the export as a whole.
  categories: readonly RecordCategory[];
}

export const releaseChecks: readonly ReleaseCheck[] = [
  {
    id: 'serious-harm',
    title: 'Health information: the serious harm test',
    provision: 'Data Protection Act 2018, Schedule 3, Part 2, paragraphs 2, 5 and 6',
    explanation:
      'Information about the person’s health may be withheld only to the extent that giving it would be likely to cause serious harm to the physical or mental health of the person or anyone else. Unless you are a health professional, get the opinion of the appropriate health professional first.',
    categories: ['clinical', 'sensitive-health', 'risk-to-self', 'risk-to-others'],
  },
  {
    id: 'other-people',
    title: 'Information about other people',
    provision: 'Data Protection Act 2018, Schedule 2, Part 3, paragraph 16',
    explanation:
      'Where giving the information would reveal another person (a victim, a relative, a member of the public who raised a concern), it may be withheld unless that person agrees or it is reasonable to give it without their agreement. Staff acting in their professional role are not usually withheld.',
    categories: ['victim-information', 'safeguarding', 'legal-status'],
  },
  {
    id: 'crime',
    title: 'Prevention or detection of crime',
    provision: 'Data Protection Act 2018, Schedule 2, Part 1, paragraph 2',
    explanation: 'Information may be withheld to the extent that giving it would be likely to prejudice the prevention or detection of crime or the apprehension or prosecution of offenders.',
    categories: ['offending', 'risk-to-others'],
  },
  {
    id: 'time-limit',
    title: 'Answer within one month',
    provision: 'UK GDPR Article 12(3)',
    explanation: 'The person must be answered without undue delay and within one month of the request; this may be extended by two further months where the request is complex, telling the person within the first month.',
    categories: [],
  },
];

// The checks that apply to an export, each with how many entries of its categories the export holds.
export function releaseChecksFor(entryCategories: readonly string[]): (ReleaseCheck & { entries: number; categoryLabels: string[] })[] {
  return releaseChecks
    .map((check) => ({
      ...check,
      entries: entryCategories.filter((category) => (check.categories as readonly string[]).includes(category)).length,
      categoryLabels: check.categories.map((category) => recordCategories[category]),
    }))
    .filter((check) => check.categories.length === 0 || check.entries > 0);
}

// The part of the record's history a report covers: from (inclusive) up to (not including) to; either
// end may be open.
export interface ReportPeriod {
  from: Temporal.Instant | null;
  to: Temporal.Instant | null;
}

export const wholeHistory: ReportPeriod = { from: null, to: null };

export function atInPeriod(at: Temporal.Instant, period: ReportPeriod): boolean {
  return (period.from === null || Temporal.Instant.compare(period.from, at) <= 0) && (period.to === null || Temporal.Instant.compare(at, period.to) < 0);
}

// Whether something that ran from `start` to `end` (null: still running) ran at any time in the period.
export function spanOverlapsPeriod(start: Temporal.Instant, end: Temporal.Instant | null, period: ReportPeriod): boolean {
  const startsBeforeEnd = period.to === null || Temporal.Instant.compare(start, period.to) < 0;
  const endsAfterStart = period.from === null || end === null || Temporal.Instant.compare(period.from, end) < 0;
  return startsBeforeEnd && endsAfterStart;
}
