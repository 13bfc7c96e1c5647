import { londonTimeZone, todayInLondon } from '../london-time.ts';
import { roles, type Role } from '../organisation/roles.ts';
import type { EntryKind } from '../people/person.ts';
import { basisRequirement, isLawfulBasis, lawfulBases, type LawfulBasis } from './lawful-bases.ts';

// A disclosure: sharing part of a person's record beyond involvement and consent, on a lawful basis,
// with the minimum items, to a named recipient, approved by the role the policy names for that basis,
// until an end date. The recipient sees exactly what was disclosed while it is in effect; it stops at its
// end without anyone acting, and at once if it is withdrawn. Nothing here reads a clock: the time is given.

// A problem with one field of a proposal or decision (the shape the application's InvalidInput carries).
export interface FieldProblem {
  field: string;
  message: string;
}

// The longest a disclosure may run before someone must propose it again. Personal data is kept and shared
// no longer than its purpose needs (UK GDPR Article 5(1)(c) data minimisation and 5(1)(e) storage
// limitation; Caldicott principle 3, use the minimum necessary). A year matches the longest usual review
// cycle of the arrangements that rely on disclosures (the annual review of a care and treatment plan, of a
// MAPPA level, of an information sharing agreement), so a basis is looked at again at least once a year;
// anything shorter can be chosen, and anything still needed after a year is proposed and approved afresh.
export const longestDisclosure = Temporal.Duration.from({ years: 1 });

export const justificationMaximum = 4000;
export const purposeMaximum = 2000;
export const noteMaximum = 2000;

// Entries that record the person's identifying details (registration, a change of details, and the
// correction of either). They are disclosed through the one "identifying details" item, which shows the
// details as they stand now, and not one by one, so that the choice to disclose a date of birth, an
// identifier or an address is made once and is plain to the approver.
const identityDetailKinds: ReadonlySet<string> = new Set(['person-registered', 'details-amended']);

export interface EntryForDisclosure {
  id: string;
  kind: EntryKind;
  // For a correction, the kind of entry it corrects.
  correctedKind: string | null;
  // Whether a later correction replaced what this entry says: the correction is disclosed instead.
  superseded: boolean;
}

export function holdsIdentifyingDetails(entry: Pick<EntryForDisclosure, 'kind' | 'correctedKind'>): boolean {
  return identityDetailKinds.has(entry.kind) || (entry.kind === 'correction' && entry.correctedKind !== null && identityDetailKinds.has(entry.correctedKind));
}

// Whether an entry the proposer sees in full may be chosen as an item: it says what the record now says,
// and it is not one of the identifying-details entries.
export function offeredForDisclosure(entry: EntryForDisclosure): boolean {
  return !entry.superseded && !holdsIdentifyingDetails(entry);
}

// The moment a disclosure whose last day is given stops: the start of the next day in London.
export function disclosureEndsAt(lastDay: Temporal.PlainDate): Temporal.Instant {
  return lastDay.add({ days: 1 }).toZonedDateTime({ timeZone: londonTimeZone }).toInstant();
}

// The last day a disclosure holds, from the moment it stops.
export function disclosureLastDay(expiresAt: Temporal.Instant): Temporal.PlainDate {
  return todayInLondon(expiresAt.subtract({ nanoseconds: 1 }));
}

// The latest last day a disclosure proposed now may have.
export function latestLastDay(now: Temporal.Instant): Temporal.PlainDate {
  return todayInLondon(now).add(longestDisclosure);
}

export interface ProposalInput {
  basis: string;
  justification: string;
  purpose: string;
  recipientAgencyId: string;
  recipientTeamId: string | null;
  entryIds: readonly string[];
  identity: boolean;
  // The last day the disclosure holds (London); null when not given or not a real date.
  lastDay: Temporal.PlainDate | null;
}

// What the proposal is checked against, gathered beforehand by the application.
export interface ProposalFacts {
  now: Temporal.Instant;
  proposerAgencyId: string;
  // The entries the proposer sees in full and may choose (see offeredForDisclosure).
  disclosableEntryIds: ReadonlySet<string>;
  recipientAgencyOnAccord: boolean;
  // True when no team was chosen, or the team chosen belongs to the recipient agency.
  recipientTeamOfAgency: boolean;
  // The role the policy names to approve disclosures on the chosen basis (table disclosure_approvers).
  approverRole: Role | null;
  // Whether someone other than the proposer, in the proposer's agency, holds that role.
  approverAvailable: boolean;
  // For basis 'consent': the person's current consent covering the recipient and every item, if any.
  consent: { id: string; validUntil: Temporal.Instant | null } | null;
  // For basis 'consent': whether the person's latest word on sharing these items with the recipient is a refusal.
  consentRefused?: boolean;
}

export interface ValidProposal {
  basis: LawfulBasis;
  justification: string | null;
  consentId: string | null;
  purpose: string;
  recipientAgencyId: string;
  recipientTeamId: string | null;
  entryIds: string[];
  identity: boolean;
  expiresAt: Temporal.Instant;
  approverRole: Role;
}

export type ProposalOutcome = { ok: true; proposal: ValidProposal } | { ok: false; problems: FieldProblem[] };

// Checks a proposed disclosure. Every problem is found at once, each naming its field, so that nothing is
// saved until the whole proposal is right: a disclosure without a basis, items or approver cannot be saved.
export function validateProposal(input: ProposalInput, facts: ProposalFacts): ProposalOutcome {
  const problems: FieldProblem[] = [];
  const basis = isLawfulBasis(input.basis) ? input.basis : null;
  if (basis === null) problems.push({ field: 'basis', message: 'Select the lawful basis for the disclosure' });

  const justification = input.justification.trim();
  const requirement = basis === null ? null : basisRequirement[basis].field;
  if (requirement === 'risk' && justification === '') {
    // W v Egdell [1990] Ch 359: confidence may be overridden only for a real risk of serious harm to others,
    // which must be stated.
    problems.push({ field: 'justification', message: 'Enter the risk of serious harm to others that the disclosure is to prevent' });
  } else if (requirement === 'authority' && justification === '') {
    problems.push({ field: 'justification', message: `Enter ${lowerFirst(basisRequirement[basis!].label)}` });
  } else if (justification.length > justificationMaximum) {
    problems.push({ field: 'justification', message: `The justification must be ${justificationMaximum} characters or fewer` });
  }
  if (requirement === 'consent' && facts.consent === null && facts.consentRefused) {
    problems.push({ field: 'basis', message: 'The person has refused sharing this information with this recipient: a disclosure cannot rest on their consent' });
  } else if (requirement === 'consent' && facts.consent === null) {
    problems.push({
      field: 'basis',
      message: 'There is no current consent from the person to sharing these items with this recipient: record their consent first, or choose another basis',
    });
  }

  const entryIds = [...new Set(input.entryIds)];
  if (entryIds.length === 0 && !input.identity) {
    problems.push({ field: 'items', message: 'Select at least one item to disclose' });
  } else if (entryIds.some((id) => !facts.disclosableEntryIds.has(id))) {
    problems.push({ field: 'items', message: 'Select items only from the entries of the record you can see and disclose' });
  }

  if (input.recipientAgencyId === '') {
    problems.push({ field: 'recipientAgencyId', message: 'Select the agency the disclosure is to' });
  } else if (!facts.recipientAgencyOnAccord) {
    problems.push({ field: 'recipientAgencyId', message: 'Select an agency on Accord' });
  } else if (input.recipientAgencyId === facts.proposerAgencyId) {
    problems.push({ field: 'recipientAgencyId', message: 'Select another agency: sharing within your own agency is by involvement, not disclosure' });
  } else if (!facts.recipientTeamOfAgency) {
    problems.push({ field: 'recipientTeamId', message: 'Select a team of the agency the disclosure is to, or no team' });
  }

  const purpose = input.purpose.trim();
  if (purpose === '') problems.push({ field: 'purpose', message: 'Enter what the recipient needs the information for' });
  else if (purpose.length > purposeMaximum) problems.push({ field: 'purpose', message: `The purpose must be ${purposeMaximum} characters or fewer` });

  let expiresAt: Temporal.Instant | null = null;
  if (input.lastDay === null) {
    problems.push({ field: 'expiresOn', message: 'Enter the last day the disclosure holds' });
  } else if (Temporal.PlainDate.compare(input.lastDay, todayInLondon(facts.now)) < 0) {
    problems.push({ field: 'expiresOn', message: 'The last day the disclosure holds must be today or in the future' });
  } else if (Temporal.PlainDate.compare(input.lastDay, latestLastDay(facts.now)) > 0) {
    problems.push({ field: 'expiresOn', message: 'The last day the disclosure holds must be within a year from today: propose it again when it ends if it is still needed' });
  } else {
    expiresAt = disclosureEndsAt(input.lastDay);
    const consentEnds = requirement === 'consent' ? facts.consent?.validUntil ?? null : null;
    if (consentEnds !== null && Temporal.Instant.compare(expiresAt, consentEnds) > 0) {
      problems.push({ field: 'expiresOn', message: 'The disclosure cannot last longer than the consent it rests on: choose a last day before the consent ends' });
    }
  }

  if (basis !== null && facts.approverRole === null) {
    problems.push({ field: 'basis', message: 'A disclosure on this basis cannot be saved without an approver: the sharing policy names no role to approve it. Ask your administrator.' });
  } else if (basis !== null && !facts.approverAvailable) {
    problems.push({
      field: 'basis',
      message: `A disclosure on this basis is approved by the ${approverLabel(facts.approverRole!)}, and no one else in your agency holds that role, so it cannot be approved. Ask your administrator.`,
    });
  }

  if (problems.length > 0 || basis === null || expiresAt === null || facts.approverRole === null) return { ok: false, problems };
  return {
    ok: true,
    proposal: {
      basis,
      justification: justification === '' ? null : justification,
      consentId: requirement === 'consent' ? facts.consent!.id : null,
      purpose,
      recipientAgencyId: input.recipientAgencyId,
      recipientTeamId: input.recipientTeamId,
      entryIds,
      identity: input.identity,
      expiresAt,
      approverRole: facts.approverRole,
    },
  };
}

function lowerFirst(value: string): string {
  return value.charAt(0).toLowerCase() + value.slice(1);
}

// A disclosure as the rules about its state need it.
export interface DisclosureState {
  fromAgencyId: string;
  approverRole: string;
  proposedBy: string | null;
  decision: 'approved' | 'refused' | null;
  expiresAt: Temporal.Instant;
  withdrawnAt: Temporal.Instant | null;
}

export type DisclosureStatus = 'awaiting-approval' | 'approved' | 'refused' | 'withdrawn' | 'expired';

export const disclosureStatusLabels: Record<DisclosureStatus, string> = {
  'awaiting-approval': 'Awaiting approval',
  approved: 'Approved: in effect',
  refused: 'Refused',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
};

// Where a disclosure stands at an instant. A proposal not decided by its end date lapses as expired; an
// approved one is in effect until its end or its withdrawal, whichever is first.
export function disclosureStatus(disclosure: Pick<DisclosureState, 'decision' | 'expiresAt' | 'withdrawnAt'>, now: Temporal.Instant): DisclosureStatus {
  if (disclosure.decision === 'refused') return 'refused';
  if (disclosure.withdrawnAt !== null && Temporal.Instant.compare(disclosure.withdrawnAt, now) <= 0) return 'withdrawn';
  if (Temporal.Instant.compare(now, disclosure.expiresAt) >= 0) return 'expired';
  return disclosure.decision === 'approved' ? 'approved' : 'awaiting-approval';
}

export interface Decider {
  userId: string | null;
  role: Role | null;
  agencyId: string | null;
}

// Why the decider may not decide on the disclosure, or null if they may. The approver holds the role the
// policy named when it was proposed, works for the agency that holds the information, and is not the
// person who proposed it, so that every disclosure is seen by two people.
export function decisionRefusal(disclosure: DisclosureState, decider: Decider, fromAgencyName: string): string | null {
  if (decider.userId === null || decider.role === null) return 'A disclosure is approved or refused by a named member of staff, signed in.';
  if (decider.agencyId !== disclosure.fromAgencyId) return `Only the ${approverLabel(disclosure.approverRole)} of ${fromAgencyName} can approve or refuse this disclosure.`;
  if (decider.role !== disclosure.approverRole) {
    return `A disclosure on this basis is approved or refused by the ${approverLabel(disclosure.approverRole)}, as the sharing policy says; your role is not that one.`;
  }
  if (decider.userId === disclosure.proposedBy) return 'You proposed this disclosure, so someone else must approve or refuse it.';
  return null;
}

// Why the proposal can no longer be decided, or null if it can: a decision once made is final.
export function decisionClosed(disclosure: Pick<DisclosureState, 'decision' | 'expiresAt' | 'withdrawnAt'>, now: Temporal.Instant): string | null {
  const status = disclosureStatus(disclosure, now);
  if (disclosure.decision !== null) return 'A decision has already been made on this disclosure, and it is final.';
  if (status === 'withdrawn') return 'This proposal was withdrawn, so there is nothing to decide.';
  if (status === 'expired') return 'This proposal reached its last day before anyone approved it. Propose it again if it is still needed.';
  return null;
}

export interface Withdrawer extends Decider {
  // Whether the withdrawer may change the person's record (involved, with the permission to write).
  mayChangeRecord: boolean;
}

// Why the member of staff may not withdraw the disclosure, or null if they may: the agency that made it
// can end it, through its proposer, its approver role, or anyone of it who may change the person's record.
export function withdrawalRefusal(disclosure: DisclosureState, withdrawer: Withdrawer): string | null {
  if (withdrawer.userId === null) return 'A disclosure is withdrawn by a named member of staff, signed in.';
  if (withdrawer.agencyId !== disclosure.fromAgencyId) return 'Only the agency that made a disclosure can withdraw it.';
  const allowed = withdrawer.userId === disclosure.proposedBy || withdrawer.role === disclosure.approverRole || withdrawer.mayChangeRecord;
  if (!allowed) return 'A disclosure is withdrawn by whoever proposed it, the role that approves it, or staff of your agency who may change the person’s record.';
  return null;
}

// Why the disclosure can no longer be withdrawn, or null if it can.
export function withdrawalClosed(disclosure: Pick<DisclosureState, 'decision' | 'expiresAt' | 'withdrawnAt'>, now: Temporal.Instant): string | null {
  switch (disclosureStatus(disclosure, now)) {
    case 'withdrawn':
      return 'This disclosure has already been withdrawn.';
    case 'refused':
      return 'This disclosure was refused, so there is nothing to withdraw.';
    case 'expired':
      return 'This disclosure has already ended.';
    default:
      return null;
  }
}

export const decisions = { approved: 'Approve the disclosure', refused: 'Refuse the disclosure' } as const;
export type Decision = keyof typeof decisions;

// A decision and its reasons. The reasons for a decision about confidential information are written down
// whichever way it goes, so that it can be explained to the person and reviewed later (GMC, Confidentiality:
// good practice in handling patient information, 2017; the Caldicott guardian's register of decisions).
export function validateDecision(decision: string, note: string): { ok: true; decision: Decision; note: string } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const chosen = decision === 'approved' || decision === 'refused' ? decision : null;
  if (chosen === null) problems.push({ field: 'decision', message: 'Select whether you approve or refuse the disclosure' });
  const trimmed = note.trim();
  if (trimmed === '') problems.push({ field: 'decisionNote', message: 'Enter the reasons for your decision' });
  else if (trimmed.length > noteMaximum) problems.push({ field: 'decisionNote', message: `The reasons must be ${noteMaximum} characters or fewer` });
  if (problems.length > 0 || chosen === null) return { ok: false, problems };
  return { ok: true, decision: chosen, note: trimmed };
}

export function validateWithdrawalNote(note: string): { ok: true; note: string } | { ok: false; problems: FieldProblem[] } {
  const trimmed = note.trim();
  if (trimmed === '') return { ok: false, problems: [{ field: 'withdrawalNote', message: 'Enter why the disclosure is being withdrawn' }] };
  if (trimmed.length > noteMaximum) return { ok: false, problems: [{ field: 'withdrawalNote', message: `The reason must be ${noteMaximum} characters or fewer` }] };
  return { ok: true, note: trimmed };
}

// A role's name inside a sentence ("approved by the Caldicott guardian"): lower case, except where it
// begins with a proper name.
const properNames = ['Caldicott', 'Ministry of Justice', 'Mental Health Act'];

export function approverLabel(role: string): string {
  if (!Object.hasOwn(roles, role)) return role;
  const label: string = roles[role as Role];
  return properNames.some((name) => label.startsWith(name)) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

export function basisLabel(basis: string): string {
  return isLawfulBasis(basis) ? lawfulBases[basis] : basis;
}
