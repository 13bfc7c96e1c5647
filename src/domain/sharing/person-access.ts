import type { RecordCategory } from '../record/categories.ts';

// Whether, and how, a member of staff may see a person's record at a moment. A person's record is seen
// only while the member of staff or their team (or agency) is involved with the person, through a recorded
// disclosure to them, or by break-glass; what is seen is then limited by the policy for their kind of
// agency and role. Everything here is decided from facts gathered beforehand, with the time given.

export type Relationship = 'involved' | 'break-glass' | 'disclosed' | 'none';

export const relationshipLabels: Record<Relationship, string> = {
  involved: 'Involved',
  'break-glass': 'Emergency access (break-glass)',
  disclosed: 'Through a disclosure',
  none: 'Not involved',
};

export interface Period {
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant | null;
}

export interface AccessFacts {
  // Accord itself (the command line acting for an operator, the scheduled sweep).
  system: boolean;
  involvements: (Period & { id: string })[];
  breakGlass: (Period & { id: string })[];
  // Approved disclosures to the member of staff's agency or team, with exactly what each disclosed.
  disclosures: (Period & { id: string; entryIds: readonly string[]; identity: boolean })[];
  // The categories the policy lets the member of staff's kind of agency and role see.
  categories: readonly RecordCategory[];
}

export interface PersonAccess {
  relationship: Relationship;
  system: boolean;
  // Categories seen in full (through involvement or break-glass).
  categories: ReadonlySet<RecordCategory>;
  // Entries seen because a disclosure gave them, and whether it gave the person's identifying details.
  disclosedEntryIds: ReadonlySet<string>;
  disclosedIdentity: boolean;
  involvementIds: readonly string[];
  breakGlassId: string | null;
  disclosureIds: readonly string[];
}

// A period runs from its start up to (not including) its end: it stops working at its end without
// anyone acting.
export function periodCurrent(period: Period, now: Temporal.Instant): boolean {
  return Temporal.Instant.compare(period.startsAt, now) <= 0 && (period.endsAt === null || Temporal.Instant.compare(now, period.endsAt) < 0);
}

export function decidePersonAccess(facts: AccessFacts, now: Temporal.Instant): PersonAccess {
  const involvements = facts.involvements.filter((item) => periodCurrent(item, now));
  const breakGlass = facts.breakGlass.filter((item) => periodCurrent(item, now));
  const disclosures = facts.disclosures.filter((item) => periodCurrent(item, now));
  const relationship: Relationship = facts.system || involvements.length > 0 ? 'involved' : breakGlass.length > 0 ? 'break-glass' : disclosures.length > 0 ? 'disclosed' : 'none';
  const full = relationship === 'involved' || relationship === 'break-glass';
  return {
    relationship,
    system: facts.system,
    categories: new Set(full ? facts.categories : []),
    disclosedEntryIds: new Set(disclosures.flatMap((item) => item.entryIds)),
    disclosedIdentity: disclosures.some((item) => item.identity),
    involvementIds: involvements.map((item) => item.id),
    breakGlassId: relationship === 'break-glass' ? breakGlass[0]!.id : null,
    disclosureIds: disclosures.map((item) => item.id),
  };
}

// How one entry of the record is seen: as the member of staff's own to see, as disclosed to them, or
// not at all.
export type EntrySight = 'seen' | 'disclosed' | 'hidden';

export function entrySight(access: PersonAccess, entry: { id: string; category: RecordCategory }): EntrySight {
  if (access.system || access.categories.has(entry.category)) return 'seen';
  if (access.disclosedEntryIds.has(entry.id)) return 'disclosed';
  return 'hidden';
}

// What a route or an application function needs of the relationship.
export interface PersonNeed {
  // The category the page or action is about (identity for the record itself).
  category: RecordCategory;
  // A change to the record: never through a disclosure, which only lets the recipient read.
  change?: boolean;
  // A page that shows a recipient exactly what was disclosed to them.
  disclosedView?: boolean;
  // Oversight of the record's use (its access history), for the roles that hold that permission:
  // no relationship is needed, and nothing of the record's content is shown.
  oversight?: boolean;
  // Asking for emergency access itself (break-glass): open to anyone whose role may read records,
  // whatever their relationship, since that is what it is for. Nothing of the record is shown by it.
  emergency?: boolean;
}

export type AccessRefusal = { allowed: true } | { allowed: false; reason: string };

export function accessAllows(access: PersonAccess, need: PersonNeed, categoryLabel: (category: RecordCategory) => string): AccessRefusal {
  if (access.system || need.oversight || need.emergency) return { allowed: true };
  if (access.relationship === 'none') {
    return { allowed: false, reason: 'You and your team are not involved with this person, and nothing has been disclosed to you. In an emergency you can use break-glass access, which is reviewed.' };
  }
  if (access.relationship === 'disclosed') {
    if (need.disclosedView && !need.change) return { allowed: true };
    return { allowed: false, reason: 'You can see only what was disclosed to you about this person.' };
  }
  if (!access.categories.has(need.category)) {
    return { allowed: false, reason: `The sharing policy for your agency and role does not include ${categoryLabel(need.category).toLowerCase()} information.` };
  }
  return { allowed: true };
}
