import type { Selectable, Transaction } from 'kysely';
import type { ConsentTable, Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { todayInLondon } from '../../domain/london-time.ts';
import { displayName } from '../../domain/people/person.ts';
import { recordCategories, type RecordCategory } from '../../domain/record/categories.ts';
import {
  bestInterestsText,
  consentCurrent,
  consentEnd,
  consentEndsAt,
  consentLimits,
  consentStanding,
  consentStillCovers,
  validateNewConsent,
  type CapacityState,
  type Consent,
  type ConsentDecision,
  type ConsentInput,
  type ConsentStanding,
  type ConsentWay,
} from '../../domain/sharing/consent.ts';
import type { PersonNeed } from '../../domain/sharing/person-access.ts';
import { appendAudit, recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound } from '../errors.ts';
import { requirePermission } from '../policy.ts';
import { withdrawDisclosuresOnConsent } from './disclosures.ts';
import { requirePersonAccess } from './person-access.ts';

// The person's consent to sharing, their refusals, and the withdrawal of either: recorded by staff who
// are involved with the person, each in one transaction with its audit entry. Nothing is deleted: a
// withdrawal is written onto the decision with who withdrew it, when and why.

type Executor = Transaction<Database>;

// A decision as the pages show it: the rule's facts, and who recorded it and how it ended.
export interface ConsentRecord extends Consent {
  agencies: { id: string; name: string }[];
  recordedBy: string;
  recordedByAgency: string;
  withdrawnBy: string | null;
  withdrawalNote: string | null;
  current: boolean;
  // When it stopped holding (its end date or its withdrawal), if it has.
  endedAt: Temporal.Instant | null;
}

export interface PersonConsents {
  personName: string;
  consents: ConsentRecord[];
}

function instant(value: string | null): Temporal.Instant | null {
  return value === null ? null : Temporal.Instant.from(value);
}

function consentFromRow(row: Selectable<ConsentTable>): Consent {
  return {
    id: row.id,
    decision: row.decision as ConsentDecision,
    agencyIds: row.agency_ids,
    categories: row.categories.filter((category): category is RecordCategory => Object.hasOwn(recordCategories, category)),
    purpose: row.purpose,
    howGiven: row.how_given as ConsentWay,
    capacity: row.capacity as CapacityState,
    bestInterests: row.best_interests,
    recordedAt: Temporal.Instant.from(row.recorded_at),
    validUntil: instant(row.valid_until),
    withdrawnAt: instant(row.withdrawn_at),
  };
}

async function loadConsents(db: AppContext['db'], personId: string): Promise<Selectable<ConsentTable>[]> {
  return db.selectFrom('consents').selectAll().where('person_id', '=', personId).orderBy('recorded_at', 'desc').execute();
}

async function personName(db: AppContext['db'], personId: string): Promise<string> {
  const person = await db.selectFrom('people').select(['given_names', 'family_name', 'preferred_name']).where('id', '=', personId).executeTakeFirst();
  if (!person) throw new NotFound('The person');
  return displayName({ givenNames: person.given_names, familyName: person.family_name, preferredName: person.preferred_name });
}

function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function categoryList(categories: readonly RecordCategory[]): string {
  return listNames(categories.map((category) => recordCategories[category].toLowerCase()));
}

// Records what the person agreed to share, or refused, with which agencies, for what purpose, how it was
// given and with their capacity for it. A refusal ends at once any disclosure resting on an agreement it
// overrides.
export async function recordConsent(context: AppContext, personId: string, input: ConsentInput): Promise<string> {
  await requirePersonAccess(context, personId, { category: 'identity', change: true });
  requirePermission(context.actor, 'person.write');
  const now = context.now();
  const checked = validateNewConsent(input, todayInLondon(now));
  if (!checked.ok) throw new InvalidInput(checked.problems);
  const consent = checked.value;
  return inTransaction(context.db, async (trx) => {
    const agencies = await trx.selectFrom('agencies').select(['id', 'name']).where('id', 'in', consent.agencyIds).where('retired_at', 'is', null).execute();
    if (agencies.length !== consent.agencyIds.length) throw new InvalidInput([{ field: 'agencyIds', message: 'Select agencies that are on Accord' }]);
    const names = consent.agencyIds.map((id) => agencies.find((agency) => agency.id === id)!.name);
    const row = await trx
      .insertInto('consents')
      .values({
        person_id: personId,
        decision: consent.decision,
        agency_ids: consent.agencyIds,
        categories: consent.categories,
        purpose: consent.purpose,
        how_given: consent.howGiven,
        capacity: consent.capacity,
        best_interests: consent.bestInterests === null ? null : bestInterestsText(consent.bestInterests),
        valid_until: consent.validUntil === null ? null : consentEndsAt(consent.validUntil).toString(),
        recorded_by: context.actor.userId,
        recorded_by_label: context.actor.label,
        recorded_by_agency: context.actor.agencyName,
        recorded_at: now.toString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const what =
      consent.decision === 'agreed'
        ? `Recorded the person’s consent to share ${categoryList(consent.categories)} information with ${listNames(names)} for: ${consent.purpose}`
        : `Recorded the person’s refusal to share ${categoryList(consent.categories)} information with ${listNames(names)} for: ${consent.purpose}`;
    await appendAudit(trx, context, [{ personId, action: 'write', what }]);
    if (consent.decision === 'refused') await endDisclosuresOverriddenBy(trx, context, personId);
    return row.id;
  });
}

// Withdraws a consent or a refusal from now on: what was shared before stays lawfully shared (UK GDPR
// Article 7(3)), but any disclosure resting on a withdrawn consent ends at once.
export async function withdrawConsent(context: AppContext, personId: string, consentId: string, note: string): Promise<void> {
  await requirePersonAccess(context, personId, { category: 'identity', change: true });
  requirePermission(context.actor, 'person.write');
  const trimmed = note.trim();
  if (trimmed === '') throw new InvalidInput([{ field: 'note', message: 'Enter why it is being withdrawn' }]);
  if (trimmed.length > consentLimits.withdrawalNote) throw new InvalidInput([{ field: 'note', message: `Why it is withdrawn must be ${consentLimits.withdrawalNote} characters or fewer` }]);
  if (!isUuid(consentId)) throw new NotFound('The consent');
  await inTransaction(context.db, async (trx) => {
    const row = await trx.selectFrom('consents').selectAll().where('id', '=', consentId).where('person_id', '=', personId).forUpdate().executeTakeFirst();
    if (!row) throw new NotFound('The consent');
    const now = context.now();
    const consent = consentFromRow(row);
    if (!consentCurrent(consent, now)) {
      throw new InvalidInput([{ field: 'note', message: consent.withdrawnAt === null ? 'This has already ended' : 'This has already been withdrawn' }]);
    }
    await trx
      .updateTable('consents')
      .set({ withdrawn_at: now.toString(), withdrawn_by_label: context.actor.label, withdrawal_note: trimmed })
      .where('id', '=', consentId)
      .execute();
    const agencies = await trx.selectFrom('agencies').select(['id', 'name']).where('id', 'in', [...consent.agencyIds]).execute();
    const names = listNames(consent.agencyIds.map((id) => agencies.find((agency) => agency.id === id)?.name ?? 'an agency'));
    const kind = consent.decision === 'agreed' ? 'consent' : 'refusal';
    await appendAudit(trx, context, [{ personId, action: 'write', what: `Withdrew the person’s ${kind} to share ${categoryList(consent.categories)} information with ${names}: ${trimmed}` }]);
    if (consent.decision === 'agreed') await withdrawDisclosuresOnConsent(trx, context, consentId, trimmed);
  });
}

// A disclosure made on the basis of consent holds only while the consent it names still covers its
// recipient and everything it disclosed. The person's refusal overrides an earlier agreement for the
// agencies and information it names, so the disclosures resting on that agreement for them (awaiting a
// decision, or approved and not yet expired) end now, each with the reason and an audit entry. (A withdrawn
// consent ends its disclosures through withdrawDisclosuresOnConsent; one reaching its end date ends
// nothing here, as a disclosure on consent may not outlast it.)
async function endDisclosuresOverriddenBy(trx: Executor, context: AppContext, personId: string): Promise<void> {
  const reason = 'The person refused sharing this with the recipient';
  const now = context.now();
  const disclosures = await trx
    .selectFrom('disclosures')
    .select(['id', 'consent_id', 'recipient_agency_id', 'entry_ids', 'identity', 'decision'])
    .where('person_id', '=', personId)
    .where('basis', '=', 'consent')
    .where('withdrawn_at', 'is', null)
    .where('expires_at', '>', now.toString())
    .where((where) => where.or([where('decision', 'is', null), where('decision', '=', 'approved')]))
    .forUpdate()
    .execute();
  if (disclosures.length === 0) return;
  const consents = (await loadConsents(trx, personId)).map(consentFromRow);
  const entryIds = [...new Set(disclosures.flatMap((disclosure) => disclosure.entry_ids))];
  const entries = entryIds.length === 0 ? [] : await trx.selectFrom('record_entries').select(['id', 'category']).where('id', 'in', entryIds).execute();
  const categoryOf = new Map(entries.map((entry) => [entry.id, entry.category]));
  const recipients = await trx.selectFrom('agencies').select(['id', 'name']).where('id', 'in', [...new Set(disclosures.map((item) => item.recipient_agency_id))]).execute();
  for (const disclosure of disclosures) {
    const categories = new Set<RecordCategory>(disclosure.identity ? ['identity'] : []);
    for (const id of disclosure.entry_ids) {
      const category = categoryOf.get(id);
      if (category !== undefined && Object.hasOwn(recordCategories, category)) categories.add(category as RecordCategory);
    }
    const consent = consents.find((item) => item.id === disclosure.consent_id);
    if (consent && consentStillCovers(consents, consent, disclosure.recipient_agency_id, [...categories], now)) continue;
    await trx
      .updateTable('disclosures')
      .set({ withdrawn_at: now.toString(), withdrawn_by_label: context.actor.label, withdrawal_note: reason })
      .where('id', '=', disclosure.id)
      .execute();
    const recipient = recipients.find((agency) => agency.id === disclosure.recipient_agency_id)?.name ?? 'an agency';
    await appendAudit(trx, context, [{ personId, action: 'write', what: `Ended a disclosure to ${recipient} made on the person’s consent: ${reason}` }]);
  }
}

// The person's decisions about sharing, current first then past, newest first in each, with who recorded
// each and how it ended. Reading them is recorded.
export async function listConsents(context: AppContext, personId: string): Promise<PersonConsents> {
  await requirePersonAccess(context, personId, { category: 'identity' });
  const name = await personName(context.db, personId);
  const rows = await loadConsents(context.db, personId);
  const agencyIds = [...new Set(rows.flatMap((row) => row.agency_ids))];
  const agencies = agencyIds.length === 0 ? [] : await context.db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', agencyIds).execute();
  const agencyName = new Map(agencies.map((agency) => [agency.id, agency.name]));
  const now = context.now();
  const consents = rows.map((row): ConsentRecord => {
    const consent = consentFromRow(row);
    const current = consentCurrent(consent, now);
    const end = consentEnd(consent);
    return {
      ...consent,
      agencies: consent.agencyIds.map((id) => ({ id, name: agencyName.get(id) ?? 'An agency no longer on Accord' })),
      recordedBy: row.recorded_by_label,
      recordedByAgency: row.recorded_by_agency,
      withdrawnBy: row.withdrawn_by_label,
      withdrawalNote: row.withdrawal_note,
      current,
      endedAt: !current && end !== null && Temporal.Instant.compare(end, now) <= 0 ? end : null,
    };
  });
  await recordAudit(context, [{ personId, action: 'read', what: 'Viewed the person’s consent and refusals to share' }]);
  return { personName: name, consents: [...consents.filter((item) => item.current), ...consents.filter((item) => !item.current)] };
}

// What the form to record a decision offers: the person's name, and the agencies on Accord to choose from.
// Opening it is recorded, as it shows whose record is being changed.
export async function consentFormChoices(context: AppContext, personId: string): Promise<{ personName: string; agencies: { id: string; name: string }[] }> {
  await requirePersonAccess(context, personId, { category: 'identity', change: true });
  const name = await personName(context.db, personId);
  const agencies = await context.db.selectFrom('agencies').select(['id', 'name']).where('retired_at', 'is', null).orderBy('name').execute();
  await recordAudit(context, [{ personId, action: 'read', what: 'Opened the form to record consent or a refusal to share' }]);
  return { personName: name, agencies };
}

// Where the person stands now on sharing the categories with an agency (see consentStanding): for a
// disclosure on the basis of consent, and for one on another basis that should know of a refusal. This is
// a step of the caller's own action, which records it in the audit log; `need` is what the caller has
// already required of the actor's relationship with the person (an approver may hold oversight only).
export async function consentStandingFor(
  context: AppContext,
  personId: string,
  agencyId: string,
  categories: readonly RecordCategory[],
  need: PersonNeed = { category: 'identity' },
): Promise<ConsentStanding> {
  await requirePersonAccess(context, personId, need);
  if (!isUuid(agencyId)) return { kind: 'none' };
  const consents = (await loadConsents(context.db, personId)).map(consentFromRow);
  return consentStanding(consents, agencyId, categories, context.now());
}

// The person's current consent to share the categories (identity, if nothing else is given) with the
// agency, or null: the consent a disclosure on the basis of consent names.
export async function currentConsentFor(
  context: AppContext,
  personId: string,
  agencyId: string,
  categories: readonly RecordCategory[] = ['identity'],
  need: PersonNeed = { category: 'identity' },
): Promise<Consent | null> {
  const standing = await consentStandingFor(context, personId, agencyId, categories, need);
  return standing.kind === 'agreed' ? standing.consent : null;
}
