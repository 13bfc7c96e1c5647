import type { Transaction } from 'kysely';
import type { AccordDatabase } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { todayInLondon } from '../../domain/london-time.ts';
import { roleKeys, type Role } from '../../domain/organisation/roles.ts';
import { entryKindLabels, supersessions, type EntryKind, type RecordEntry } from '../../domain/people/person.ts';
import { recordCategories, type RecordCategory } from '../../domain/record/categories.ts';
import {
  approverLabel,
  basisLabel,
  decisionClosed,
  decisionRefusal,
  disclosureLastDay,
  disclosureStatus,
  offeredForDisclosure,
  validateDecision,
  validateProposal,
  validateWithdrawalNote,
  withdrawalClosed,
  withdrawalRefusal,
  type DisclosureState,
  type DisclosureStatus,
  type ProposalInput,
} from '../../domain/sharing/disclosure.ts';
import { lawfulBasisKeys, type LawfulBasis } from '../../domain/sharing/lawful-bases.ts';
import { accessAllows, entrySight, type PersonNeed } from '../../domain/sharing/person-access.ts';
import { appendAudit, recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound, PolicyDenied } from '../errors.ts';
import { actorMay, requirePermission } from '../policy.ts';
import { loadEntries } from '../people/record-store.ts';
import { consentStandingFor } from './consent.ts';
import { personAccess, requirePersonAccess } from './person-access.ts';

// Disclosures: sharing part of a person's record beyond involvement and consent, on a lawful basis,
// approved by the role the policy names, until an end date (the rules are in
// src/domain/sharing/disclosure.ts). Once approved, the access decision (./person-access.ts) lets the
// recipient see exactly the disclosed items, marked as disclosed, until the end or a withdrawal. Rows are
// never deleted: the decision and any withdrawal are written onto the row with who and when, and audited.

type Executor = AccordDatabase | Transaction<Database>;

export interface DisclosureItem {
  entryId: string;
  kind: EntryKind;
  category: RecordCategory;
  recordedAt: Temporal.Instant;
  authorAgencyName: string;
}

export interface Disclosure {
  id: string;
  personId: string;
  personName: string;
  basis: string;
  basisLabel: string;
  justification: string | null;
  consentId: string | null;
  purpose: string;
  fromAgencyId: string;
  fromAgencyName: string;
  recipientAgencyId: string;
  recipientAgencyName: string;
  recipientTeamId: string | null;
  recipientTeamName: string | null;
  entryIds: string[];
  identity: boolean;
  expiresAt: Temporal.Instant;
  approverRole: string;
  proposedBy: string | null;
  proposedByLabel: string;
  proposedAt: Temporal.Instant;
  decision: 'approved' | 'refused' | null;
  decidedByLabel: string | null;
  decidedAt: Temporal.Instant | null;
  decisionNote: string | null;
  withdrawnAt: Temporal.Instant | null;
  withdrawnByLabel: string | null;
  withdrawalNote: string | null;
  status: DisclosureStatus;
}

function disclosureQuery(db: Executor) {
  return db
    .selectFrom('disclosures')
    .innerJoin('people', 'people.id', 'disclosures.person_id')
    .innerJoin('agencies as recipient', 'recipient.id', 'disclosures.recipient_agency_id')
    .leftJoin('teams', 'teams.id', 'disclosures.recipient_team_id')
    .selectAll('disclosures')
    .select(['people.given_names', 'people.family_name', 'recipient.name as recipient_agency_name', 'teams.name as recipient_team_name']);
}

type DisclosureRow = Awaited<ReturnType<ReturnType<typeof disclosureQuery>['executeTakeFirstOrThrow']>>;

function instant(value: string | null): Temporal.Instant | null {
  return value === null ? null : Temporal.Instant.from(value);
}

function disclosureFromRow(row: DisclosureRow, now: Temporal.Instant): Disclosure {
  const decision = row.decision === 'approved' || row.decision === 'refused' ? row.decision : null;
  const expiresAt = Temporal.Instant.from(row.expires_at);
  const withdrawnAt = instant(row.withdrawn_at);
  return {
    id: row.id,
    personId: row.person_id,
    personName: `${row.given_names} ${row.family_name}`.trim(),
    basis: row.basis,
    basisLabel: basisLabel(row.basis),
    justification: row.justification,
    consentId: row.consent_id,
    purpose: row.purpose,
    fromAgencyId: row.from_agency_id,
    fromAgencyName: row.from_agency_name,
    recipientAgencyId: row.recipient_agency_id,
    recipientAgencyName: row.recipient_agency_name,
    recipientTeamId: row.recipient_team_id,
    recipientTeamName: row.recipient_team_name,
    entryIds: row.entry_ids,
    identity: row.identity,
    expiresAt,
    approverRole: row.approver_role,
    proposedBy: row.proposed_by,
    proposedByLabel: row.proposed_by_label,
    proposedAt: Temporal.Instant.from(row.proposed_at),
    decision,
    decidedByLabel: row.decided_by_label,
    decidedAt: instant(row.decided_at),
    decisionNote: row.decision_note,
    withdrawnAt,
    withdrawnByLabel: row.withdrawn_by_label,
    withdrawalNote: row.withdrawal_note,
    status: disclosureStatus({ decision, expiresAt, withdrawnAt }, now),
  };
}

// What a recipient is told of a disclosure to them: its terms (basis, purpose, from, to, end, status) and
// what it disclosed, not the reasoning behind it, which may say more about the person than the items do.
function asRecipientSees(disclosure: Disclosure): Disclosure {
  return { ...disclosure, justification: null, decisionNote: null, withdrawalNote: null };
}

function stateOf(disclosure: Disclosure): DisclosureState {
  return {
    fromAgencyId: disclosure.fromAgencyId,
    approverRole: disclosure.approverRole,
    proposedBy: disclosure.proposedBy,
    decision: disclosure.decision,
    expiresAt: disclosure.expiresAt,
    withdrawnAt: disclosure.withdrawnAt,
  };
}

async function findDisclosure(db: Executor, context: AppContext, disclosureId: string, options: { forUpdate?: boolean } = {}): Promise<Disclosure> {
  if (!isUuid(disclosureId)) throw new NotFound('The disclosure');
  if (options.forUpdate) {
    // The row is locked first, so that two decisions (or a decision and a withdrawal) cannot both pass.
    await db.selectFrom('disclosures').select('id').where('id', '=', disclosureId).forUpdate().executeTakeFirst();
  }
  const row = await disclosureQuery(db).where('disclosures.id', '=', disclosureId).executeTakeFirst();
  if (!row) throw new NotFound('The disclosure');
  return disclosureFromRow(row, context.now());
}

function recipientName(disclosure: Pick<Disclosure, 'recipientAgencyName' | 'recipientTeamName'>): string {
  return disclosure.recipientTeamName ? `${disclosure.recipientAgencyName} (${disclosure.recipientTeamName})` : disclosure.recipientAgencyName;
}

function itemsOf(disclosure: Pick<Disclosure, 'entryIds'>, entries: readonly RecordEntry[]): DisclosureItem[] {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return disclosure.entryIds.flatMap((entryId) => {
    const entry = byId.get(entryId);
    return entry ? [{ entryId, kind: entry.content.kind, category: entry.category, recordedAt: entry.recordedAt, authorAgencyName: entry.author.agencyName }] : [];
  });
}

// The items in plain words, for the audit log (which the person can be given).
function itemsInWords(disclosure: Pick<Disclosure, 'entryIds' | 'identity'>, entries: readonly RecordEntry[]): string {
  const parts = itemsOf(disclosure, entries).map(
    (item) => `${entryKindLabels[item.kind]} (${recordCategories[item.category].toLowerCase()}) of ${todayInLondon(item.recordedAt).toString()}`,
  );
  if (disclosure.identity) parts.push('their identifying details');
  return parts.join('; ');
}

function lastDayInWords(expiresAt: Temporal.Instant): string {
  return disclosureLastDay(expiresAt).toString();
}

async function refuse(context: AppContext, personId: string, reason: string): Promise<never> {
  await recordAudit(context, [{ personId, action: 'refused', what: `Refused: ${context.purpose}. ${reason}` }]);
  throw new PolicyDenied(reason, { audited: true });
}

function staffActor(context: AppContext): { userId: string; agencyId: string; role: Role } {
  const { actor } = context;
  if (actor.kind !== 'user' || actor.userId === null || actor.agencyId === null || actor.role === null) {
    throw new PolicyDenied('Disclosures are proposed, approved and withdrawn by named members of staff, signed in.');
  }
  return { userId: actor.userId, agencyId: actor.agencyId, role: actor.role };
}

async function actorTeam(db: Executor, userId: string | null): Promise<string | null> {
  if (userId === null) return null;
  const row = await db.selectFrom('users').select('team_id').where('id', '=', userId).executeTakeFirst();
  return row?.team_id ?? null;
}

// The entries a member of staff may choose to disclose: those they see in full (their policy, while
// involved), that say what the record now says, other than the identifying-details entries.
function disclosableEntries(entries: readonly RecordEntry[], sees: (entry: RecordEntry) => boolean): RecordEntry[] {
  const superseded = supersessions(entries);
  return entries.filter(
    (entry) =>
      sees(entry) &&
      offeredForDisclosure({
        id: entry.id,
        kind: entry.content.kind,
        correctedKind: entry.content.kind === 'correction' ? entry.content.data.correctedKind : null,
        superseded: superseded.has(entry.id),
      }),
  );
}

async function approverRoles(db: Executor): Promise<Partial<Record<LawfulBasis, Role>>> {
  const rows = await db.selectFrom('disclosure_approvers').select(['basis', 'role']).execute();
  const known = new Set<string>(roleKeys);
  return Object.fromEntries(rows.filter((row) => known.has(row.role) && (lawfulBasisKeys as readonly string[]).includes(row.basis)).map((row) => [row.basis, row.role as Role]));
}

export interface DisclosureChoices {
  personName: string;
  // The entries the proposer may choose, newest first.
  entries: RecordEntry[];
  agencies: { id: string; name: string }[];
  teams: { id: string; name: string; agencyId: string; agencyName: string }[];
  approvers: Partial<Record<LawfulBasis, Role>>;
}

// What the proposal form offers: the record's entries the proposer sees and may disclose, the other
// agencies on Accord and their teams, and who approves on each basis. Showing the entries is a read.
export async function disclosureChoices(context: AppContext, personId: string): Promise<DisclosureChoices> {
  requirePermission(context.actor, 'person.write');
  const { agencyId } = staffActor(context);
  const access = await requirePersonAccess(context, personId, { category: 'identity', change: true });
  return inTransaction(context.db, async (trx) => {
    const entries = await loadEntries(trx, personId);
    if (entries.length === 0) throw new NotFound('The person');
    const person = await trx.selectFrom('people').select(['given_names', 'family_name']).where('id', '=', personId).executeTakeFirstOrThrow();
    const agencies = await trx.selectFrom('agencies').select(['id', 'name']).where('retired_at', 'is', null).where('id', '!=', agencyId).orderBy('name').execute();
    const teams = await trx
      .selectFrom('teams')
      .innerJoin('agencies', 'agencies.id', 'teams.agency_id')
      .select(['teams.id', 'teams.name', 'agencies.id as agency_id', 'agencies.name as agency_name'])
      .where('teams.retired_at', 'is', null)
      .where('agencies.retired_at', 'is', null)
      .where('agencies.id', '!=', agencyId)
      .orderBy('agencies.name')
      .orderBy('teams.name')
      .execute();
    const offered = disclosableEntries(entries, (entry) => entrySight(access, entry) === 'seen').sort((a, b) => b.sequence - a.sequence);
    await appendAudit(trx, context, [{ personId, action: 'read', what: 'Opened the record to propose a disclosure' }]);
    return {
      personName: `${person.given_names} ${person.family_name}`.trim(),
      entries: offered,
      agencies,
      teams: teams.map((team) => ({ id: team.id, name: team.name, agencyId: team.agency_id, agencyName: team.agency_name })),
      approvers: await approverRoles(trx),
    };
  });
}

// Proposes a disclosure, to await approval. Only a member of staff who may change the person's record
// (involved, with the permission to write) proposes one, and only of entries they see in full.
export async function proposeDisclosure(context: AppContext, personId: string, input: ProposalInput): Promise<string> {
  requirePermission(context.actor, 'person.write');
  const proposer = staffActor(context);
  const need = { category: 'identity', change: true } as const;
  const access = await requirePersonAccess(context, personId, need);
  const now = context.now();
  // The record is append-only, so the entries read here are still there when the proposal is written.
  const entries = await loadEntries(context.db, personId);
  if (entries.length === 0) throw new NotFound('The person');
  const disclosable = disclosableEntries(entries, (entry) => entrySight(access, entry) === 'seen');
  // Identifiers from a form: one that is not a uuid names nothing on Accord, and never reaches the database.
  const recipientAgencyId = input.recipientAgencyId.trim().toLowerCase();
  const teamGiven = (input.recipientTeamId ?? '').trim().toLowerCase();
  const recipientTeamId = teamGiven === '' ? null : teamGiven;
  const chosen = new Set(input.entryIds);
  const categories = [...new Set<RecordCategory>([...entries.filter((entry) => chosen.has(entry.id)).map((entry) => entry.category), ...(input.identity ? ['identity' as const] : [])])];
  // On consent, the person's consent on record must cover the recipient and every item, and not have been
  // overridden by a later refusal (the rule is the consent record's own: src/app/sharing/consent.ts).
  const standing = input.basis === 'consent' && isUuid(recipientAgencyId) ? await consentStandingFor(context, personId, recipientAgencyId, categories, need) : null;
  return inTransaction(context.db, async (trx) => {
    const recipient = isUuid(recipientAgencyId)
      ? await trx.selectFrom('agencies').select(['id', 'name']).where('id', '=', recipientAgencyId).where('retired_at', 'is', null).executeTakeFirst()
      : undefined;
    const team =
      recipientTeamId !== null && isUuid(recipientTeamId) && recipient !== undefined
        ? await trx.selectFrom('teams').select('name').where('id', '=', recipientTeamId).where('agency_id', '=', recipientAgencyId).where('retired_at', 'is', null).executeTakeFirst()
        : undefined;
    const approvers = await approverRoles(trx);
    const approverRole = (Object.hasOwn(approvers, input.basis) ? approvers[input.basis as LawfulBasis] : undefined) ?? null;
    const otherApprovers =
      approverRole === null
        ? 0
        : Number(
            (
              await trx
                .selectFrom('users')
                .select((builder) => builder.fn.countAll<number>().as('count'))
                .where('agency_id', '=', proposer.agencyId)
                .where('role', '=', approverRole)
                .where('disabled_at', 'is', null)
                .where('id', '!=', proposer.userId)
                .executeTakeFirstOrThrow()
            ).count,
          );
    const outcome = validateProposal(
      { ...input, recipientAgencyId, recipientTeamId },
      {
        now,
        proposerAgencyId: proposer.agencyId,
        disclosableEntryIds: new Set(disclosable.map((entry) => entry.id)),
        recipientAgencyOnAccord: recipient !== undefined,
        recipientTeamOfAgency: recipientTeamId === null || team !== undefined,
        approverRole,
        approverAvailable: otherApprovers > 0,
        consent: standing?.kind === 'agreed' ? { id: standing.consent.id, validUntil: standing.consent.validUntil } : null,
        consentRefused: standing?.kind === 'refused',
      },
    );
    if (!outcome.ok) throw new InvalidInput(outcome.problems);
    const proposal = outcome.proposal;
    const row = await trx
      .insertInto('disclosures')
      .values({
        person_id: personId,
        basis: proposal.basis,
        justification: proposal.justification,
        consent_id: proposal.consentId,
        purpose: proposal.purpose,
        from_agency_id: proposer.agencyId,
        from_agency_name: context.actor.agencyName,
        recipient_agency_id: proposal.recipientAgencyId,
        recipient_team_id: proposal.recipientTeamId,
        entry_ids: proposal.entryIds,
        identity: proposal.identity,
        expires_at: proposal.expiresAt.toString(),
        approver_role: proposal.approverRole,
        proposed_by: proposer.userId,
        proposed_by_label: context.actor.label,
        proposed_at: now.toString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const to = team ? `${recipient!.name} (${team.name})` : recipient!.name;
    await appendAudit(trx, context, [
      {
        personId,
        action: 'write',
        what: `Proposed a disclosure to ${to} on the basis: ${basisLabel(proposal.basis)}. Items: ${itemsInWords(proposal, entries)}. Until the end of ${lastDayInWords(proposal.expiresAt)}. Awaiting approval by the ${approverLabel(proposal.approverRole)}.`,
      },
    ]);
    return row.id;
  });
}

// Approves or refuses a proposed disclosure. The approver's authority is their role in the agency that
// holds the information, as the policy named it when the disclosure was proposed, not a relationship with
// the person: a Caldicott guardian decides on disclosures about people they have never been involved with.
// Approving is the disclosure itself, and is audited as one.
export async function decideDisclosure(context: AppContext, disclosureId: string, decision: string, note: string): Promise<void> {
  const found = await findDisclosure(context.db, context, disclosureId);
  const refusal = decisionRefusal(stateOf(found), context.actor, found.fromAgencyName);
  if (refusal !== null) await refuse(context, found.personId, refusal);
  const checked = validateDecision(decision, note);
  if (!checked.ok) throw new InvalidInput(checked.problems);
  // A disclosure on consent is approved only while the person's consent still covers it. The approver's
  // authority is their role, not a relationship with the person, hence oversight.
  const consentHolds =
    found.consentId === null || checked.decision === 'refused' ? true : await consentCovering(context, found, { category: 'identity', oversight: true });
  await inTransaction(context.db, async (trx) => {
    const disclosure = await findDisclosure(trx, context, disclosureId, { forUpdate: true });
    const now = context.now();
    const closed = decisionClosed(stateOf(disclosure), now);
    if (closed !== null) throw new InvalidInput([{ field: 'decision', message: closed }]);
    if (!consentHolds) {
      throw new InvalidInput([{ field: 'decision', message: 'The consent this disclosure rests on is no longer current, so it cannot be approved. Refuse it, or ask for it to be proposed on another basis.' }]);
    }
    await trx
      .updateTable('disclosures')
      .set({ decision: checked.decision, decided_by: context.actor.userId, decided_by_label: context.actor.label, decided_at: now.toString(), decision_note: checked.note })
      .where('id', '=', disclosureId)
      .execute();
    const entries = await loadEntries(trx, disclosure.personId);
    const what =
      checked.decision === 'approved'
        ? `Disclosed to ${recipientName(disclosure)} on the basis: ${disclosure.basisLabel}. Items: ${itemsInWords(disclosure, entries)}. Until the end of ${lastDayInWords(disclosure.expiresAt)}. Approved by the ${approverLabel(disclosure.approverRole)}: ${checked.note}`
        : `Refused a proposed disclosure to ${recipientName(disclosure)} on the basis: ${disclosure.basisLabel}. Reasons: ${checked.note}`;
    await appendAudit(trx, context, [{ personId: disclosure.personId, action: 'write', what }]);
  });
}

// Whether the person's consent on record still covers everything the disclosure gives its recipient.
async function consentCovering(context: AppContext, disclosure: Disclosure, need: PersonNeed): Promise<boolean> {
  const entries = await loadEntries(context.db, disclosure.personId);
  const categories = [...new Set<RecordCategory>([...itemsOf(disclosure, entries).map((item) => item.category), ...(disclosure.identity ? ['identity' as const] : [])])];
  const standing = await consentStandingFor(context, disclosure.personId, disclosure.recipientAgencyId, categories, need);
  return standing.kind === 'agreed';
}

async function mayChangeRecord(context: AppContext, personId: string): Promise<boolean> {
  if (!actorMay(context.actor, 'person.write')) return false;
  const access = await personAccess(context, personId);
  return accessAllows(access, { category: 'identity', change: true }, (category) => recordCategories[category]).allowed;
}

// Withdraws a disclosure, proposed or approved: it stops at once.
export async function withdrawDisclosure(context: AppContext, disclosureId: string, note: string): Promise<void> {
  const found = await findDisclosure(context.db, context, disclosureId);
  const refusal = withdrawalRefusal(stateOf(found), { ...context.actor, mayChangeRecord: await mayChangeRecord(context, found.personId) });
  if (refusal !== null) await refuse(context, found.personId, refusal);
  const checked = validateWithdrawalNote(note);
  if (!checked.ok) throw new InvalidInput(checked.problems);
  await inTransaction(context.db, async (trx) => {
    const disclosure = await findDisclosure(trx, context, disclosureId, { forUpdate: true });
    const now = context.now();
    const closed = withdrawalClosed(stateOf(disclosure), now);
    if (closed !== null) throw new InvalidInput([{ field: 'withdrawalNote', message: closed }]);
    await trx
      .updateTable('disclosures')
      .set({ withdrawn_at: now.toString(), withdrawn_by_label: context.actor.label, withdrawal_note: checked.note })
      .where('id', '=', disclosureId)
      .execute();
    await appendAudit(trx, context, [
      { personId: disclosure.personId, action: 'write', what: `Withdrew the ${disclosure.decision === 'approved' ? 'disclosure' : 'proposed disclosure'} to ${recipientName(disclosure)}: ${checked.note}` },
    ]);
  });
}

// Withdraws, in the caller's transaction, every disclosure that rests on a consent being withdrawn: a
// disclosure on the basis of consent lasts no longer than the consent.
export async function withdrawDisclosuresOnConsent(trx: Transaction<Database>, context: AppContext, consentId: string, note: string): Promise<number> {
  const now = context.now().toString();
  const rows = await trx
    .updateTable('disclosures')
    .set({ withdrawn_at: now, withdrawn_by_label: context.actor.label, withdrawal_note: `The consent it rested on was withdrawn: ${note}` })
    .where('consent_id', '=', consentId)
    .where('withdrawn_at', 'is', null)
    .where((where) => where.or([where('decision', 'is', null), where('decision', '=', 'approved')]))
    .where('expires_at', '>', now)
    .returning(['person_id', 'recipient_agency_id'])
    .execute();
  if (rows.length > 0) {
    await appendAudit(
      trx,
      context,
      rows.map((row) => ({ personId: row.person_id, action: 'write' as const, what: 'Withdrew a disclosure because the consent it rested on was withdrawn' })),
    );
  }
  return rows.length;
}

export interface DisclosureSummary extends Disclosure {
  items: DisclosureItem[];
}

// Every disclosure about the person, proposed, approved, refused, withdrawn or expired, newest first: for
// their record, and for the report of who has seen it (which asks with oversight, and audits its own read).
export async function listDisclosuresOf(context: AppContext, personId: string, options: { oversight?: boolean; audit?: boolean } = {}): Promise<DisclosureSummary[]> {
  return (await disclosuresAbout(context, personId, options)).disclosures;
}

// The same, with the person's name, for the page that lists them.
export async function disclosuresAbout(
  context: AppContext,
  personId: string,
  options: { oversight?: boolean; audit?: boolean } = {},
): Promise<{ personName: string; disclosures: DisclosureSummary[] }> {
  if (options.oversight) {
    requirePermission(context.actor, 'person.access-history');
    await requirePersonAccess(context, personId, { category: 'identity', oversight: true });
  } else {
    requirePermission(context.actor, 'person.read');
    await requirePersonAccess(context, personId, { category: 'identity' });
  }
  return inTransaction(context.db, async (trx) => {
    const person = await trx.selectFrom('people').select(['given_names', 'family_name']).where('id', '=', personId).executeTakeFirst();
    if (!person) throw new NotFound('The person');
    const rows = await disclosureQuery(trx).where('disclosures.person_id', '=', personId).orderBy('disclosures.proposed_at', 'desc').execute();
    const entries = rows.length > 0 ? await loadEntries(trx, personId) : [];
    if (options.audit !== false) await appendAudit(trx, context, [{ personId, action: 'read', what: 'Viewed the disclosures about the person' }]);
    const now = context.now();
    return {
      personName: `${person.given_names} ${person.family_name}`.trim(),
      disclosures: rows.map((row) => {
        const disclosure = disclosureFromRow(row, now);
        return { ...disclosure, items: itemsOf(disclosure, entries) };
      }),
    };
  });
}

export interface DisclosureView {
  disclosure: Disclosure;
  // Each item, with the entry itself where the reader may see it: an entry they see in the record, or,
  // for the approver while the proposal awaits their decision, every item, to judge that it is the minimum.
  items: (DisclosureItem & { entry: RecordEntry | null })[];
  // How many items the reader sees only because they are deciding on the proposal.
  shownToDecide: number;
  canDecide: boolean;
  canWithdraw: boolean;
  // Why the reader sees this disclosure.
  readerIs: 'record-reader' | 'approver' | 'recipient' | 'system';
}

// One disclosure, for whoever may see it: staff who may read the person's record, the role that approves
// it in the agency that made it, and the recipient. Reading it is audited.
export async function viewDisclosure(context: AppContext, disclosureId: string): Promise<DisclosureView> {
  const disclosure = await findDisclosure(context.db, context, disclosureId);
  const { actor } = context;
  const access = await personAccess(context, disclosure.personId);
  const readsRecord = actor.kind === 'system' || (actorMay(actor, 'person.read') && accessAllows(access, { category: 'identity' }, (category) => recordCategories[category]).allowed);
  const approver = actor.agencyId === disclosure.fromAgencyId && actor.role === disclosure.approverRole;
  const team = await actorTeam(context.db, actor.userId);
  // A recipient learns of a disclosure only once it is approved: nothing about the person is shared before.
  const recipient =
    actorMay(actor, 'person.read') &&
    actor.agencyId === disclosure.recipientAgencyId &&
    (disclosure.recipientTeamId === null || disclosure.recipientTeamId === team) &&
    disclosure.decision === 'approved';
  if (!readsRecord && !approver && !recipient) {
    await refuse(context, disclosure.personId, 'You can see a disclosure if you may read the person’s record, if it was approved for your agency, or if your role approves it in the agency that made it.');
  }
  const readerIs = actor.kind === 'system' ? 'system' : readsRecord ? 'record-reader' : approver ? 'approver' : 'recipient';
  const deciding = approver && disclosure.status === 'awaiting-approval';
  return inTransaction(context.db, async (trx) => {
    const entries = await loadEntries(trx, disclosure.personId);
    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    const items = itemsOf(disclosure, entries).map((item) => {
      const entry = byId.get(item.entryId)!;
      const visible = deciding || entrySight(access, entry) !== 'hidden';
      return { ...item, entry: visible ? entry : null };
    });
    const shownToDecide = deciding ? items.filter((item) => entrySight(access, item.entry!) === 'hidden').length : 0;
    await appendAudit(trx, context, [
      {
        personId: disclosure.personId,
        action: 'read',
        what: `Viewed a disclosure to ${recipientName(disclosure)} (${disclosure.status.replace('-', ' ')})${shownToDecide > 0 ? `, with ${shownToDecide} ${shownToDecide === 1 ? 'item' : 'items'} shown to decide on it` : ''}`,
      },
    ]);
    return {
      disclosure: readerIs === 'recipient' ? asRecipientSees(disclosure) : disclosure,
      items,
      shownToDecide,
      canDecide: decisionRefusal(stateOf(disclosure), actor, disclosure.fromAgencyName) === null && decisionClosed(stateOf(disclosure), context.now()) === null,
      canWithdraw:
        withdrawalRefusal(stateOf(disclosure), { ...actor, mayChangeRecord: await mayChangeRecord(context, disclosure.personId) }) === null &&
        withdrawalClosed(stateOf(disclosure), context.now()) === null,
      readerIs,
    };
  });
}

// Proposals in my agency waiting for the role I hold to decide, oldest first; not my own proposals,
// which someone else must decide.
export async function awaitingMyApproval(context: AppContext): Promise<Disclosure[]> {
  const { actor } = context;
  if (actor.kind !== 'user' || actor.agencyId === null || actor.role === null) return [];
  const now = context.now();
  return inTransaction(context.db, async (trx) => {
    const rows = await disclosureQuery(trx)
      .where('disclosures.from_agency_id', '=', actor.agencyId)
      .where('disclosures.approver_role', '=', actor.role)
      .where('disclosures.decision', 'is', null)
      .where('disclosures.withdrawn_at', 'is', null)
      .where('disclosures.expires_at', '>', now.toString())
      .where((where) => where.or([where('disclosures.proposed_by', 'is', null), where('disclosures.proposed_by', '!=', actor.userId)]))
      .orderBy('disclosures.proposed_at')
      .execute();
    const disclosures = rows.map((row) => disclosureFromRow(row, now));
    if (disclosures.length > 0) {
      await appendAudit(trx, context, [{ personId: null, personIds: [...new Set(disclosures.map((item) => item.personId))], action: 'list', what: 'Listed disclosures awaiting their approval' }]);
    }
    return disclosures;
  });
}

// Disclosures now in effect to my agency (or my team), with the person's name, soonest to end first.
export async function disclosedToMyAgency(context: AppContext): Promise<Disclosure[]> {
  requirePermission(context.actor, 'person.read');
  const { actor } = context;
  if (actor.agencyId === null) return [];
  const now = context.now();
  const at = now.toString();
  return inTransaction(context.db, async (trx) => {
    const team = await actorTeam(trx, actor.userId);
    const rows = await disclosureQuery(trx)
      .where('disclosures.recipient_agency_id', '=', actor.agencyId)
      .where((where) => where.or([where('disclosures.recipient_team_id', 'is', null), ...(team === null ? [] : [where('disclosures.recipient_team_id', '=', team)])]))
      .where('disclosures.decision', '=', 'approved')
      .where('disclosures.decided_at', '<=', at)
      .where('disclosures.expires_at', '>', at)
      .where((where) => where.or([where('disclosures.withdrawn_at', 'is', null), where('disclosures.withdrawn_at', '>', at)]))
      .orderBy('disclosures.expires_at')
      .execute();
    const disclosures = rows.map((row) => asRecipientSees(disclosureFromRow(row, now)));
    if (disclosures.length > 0) {
      await appendAudit(trx, context, [{ personId: null, personIds: [...new Set(disclosures.map((item) => item.personId))], action: 'list', what: 'Listed the disclosures to their agency' }]);
    }
    return disclosures;
  });
}
