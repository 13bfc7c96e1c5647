import { instantFromDatabase, instantToDatabase } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { todayInLondon } from '../../domain/london-time.ts';
import {
  conditionsForVictims,
  recordsVictimInformation,
  validateContact,
  validateRepresentation,
  validateTold,
  type ContactInput,
  type RepresentationInput,
  type ToldInput,
  type VictimContact,
} from '../../domain/restricted/victims.ts';
import type { PersonNeed } from '../../domain/sharing/person-access.ts';
import { appendAudit, recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound, PolicyDenied } from '../errors.ts';
import { requirePermission } from '../policy.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';
import { currentConditions } from './conditional-discharge.ts';

// Victim information for a restricted patient (DVCVA 2004 ss36-44A; see the domain module): the victim
// liaison contact, the victim's representations about conditions, and what the victim was told. It is held
// in the record category 'victim-information', which the default sharing policy gives to the Ministry's
// casework alone: every read and write asks for that category, so a hospital's clinicians are refused
// though involved, unless an administrator changes the policy. Audit lines name what was done, never the
// officer or anything about the victim, since the audit trail is read by others (and by the patient).

const read: PersonNeed = { category: 'victim-information' };
const change: PersonNeed = { category: 'victim-information', change: true };

export interface VictimContactRecord extends VictimContact {
  id: string;
  recordedBy: string;
  recordedAt: Temporal.Instant;
}

export interface Representation {
  id: string;
  madeOn: Temporal.PlainDate;
  representation: string;
  recordedBy: string;
  recordedAt: Temporal.Instant;
}

export interface ToldRecord {
  id: string;
  toldOn: Temporal.PlainDate;
  what: string;
  toldBy: string;
  recordedBy: string;
  recordedAt: Temporal.Instant;
}

export interface VictimCondition {
  id: string;
  kind: string;
  label: string;
  text: string;
  setAt: Temporal.Instant;
  setBy: string;
}

export interface VictimView {
  // The contact in force (the latest), and those it superseded, newest first.
  contact: VictimContactRecord | null;
  earlierContacts: VictimContactRecord[];
  representations: Representation[];
  told: ToldRecord[];
  // The current conditions of discharge that concern victims: what the victim is entitled to be told of.
  conditions: VictimCondition[];
  mayRecord: boolean;
}

function requireRecorder(context: AppContext): void {
  if (context.actor.kind === 'system' || recordsVictimInformation(context.actor.role)) return;
  throw new PolicyDenied('Victim information is recorded by a Ministry of Justice caseworker, or by probation staff where the sharing policy gives them victim information');
}

export async function viewVictims(context: AppContext, personId: string): Promise<VictimView> {
  requirePermission(context.actor, 'person.read');
  await requirePersonAccess(context, personId, read);
  const db = context.db;
  const person = await db.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst();
  if (!person) throw new NotFound('The person');
  const contacts = await db.selectFrom('victim_contacts').selectAll().where('person_id', '=', personId).orderBy('sequence', 'desc').execute();
  const representations = await db.selectFrom('victim_representations').selectAll().where('person_id', '=', personId).orderBy('made_on', 'desc').orderBy('recorded_at', 'desc').execute();
  const told = await db.selectFrom('victim_told').selectAll().where('person_id', '=', personId).orderBy('told_on', 'desc').orderBy('recorded_at', 'desc').execute();
  const conditions = conditionsForVictims(await currentConditions(db, personId));
  await recordAudit(context, [{ personId, action: 'read', what: 'Viewed victim information' }]);
  const asContact = (row: (typeof contacts)[number]): VictimContactRecord => ({
    id: row.id,
    officerName: row.officer_name,
    officerAgency: row.officer_agency,
    officerPhone: row.officer_phone,
    officerEmail: row.officer_email,
    optedIn: row.opted_in,
    recordedBy: row.recorded_by_label,
    recordedAt: instantFromDatabase(row.recorded_at),
  });
  return {
    contact: contacts[0] ? asContact(contacts[0]) : null,
    earlierContacts: contacts.slice(1).map(asContact),
    representations: representations.map((row) => ({ id: row.id, madeOn: Temporal.PlainDate.from(row.made_on), representation: row.representation, recordedBy: row.recorded_by_label, recordedAt: instantFromDatabase(row.recorded_at) })),
    told: told.map((row) => ({ id: row.id, toldOn: Temporal.PlainDate.from(row.told_on), what: row.what, toldBy: row.told_by, recordedBy: row.recorded_by_label, recordedAt: instantFromDatabase(row.recorded_at) })),
    conditions: conditions.map((condition) => ({ id: condition.id, kind: condition.kind, label: condition.label, text: condition.text, setAt: condition.setAt, setBy: condition.setBy })),
    mayRecord: context.actor.kind === 'system' || recordsVictimInformation(context.actor.role),
  };
}

// Checks that come before any form is shown or saved: the category, and the role.
export async function requireVictimRecorder(context: AppContext, personId: string): Promise<void> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, change);
  requireRecorder(context);
}

// Records the victim liaison contact; a new one supersedes the one before, which stays in the history.
export async function recordVictimContact(context: AppContext, personId: string, input: ContactInput): Promise<string> {
  await requireVictimRecorder(context, personId);
  const validated = validateContact(input);
  if (!validated.ok) throw new InvalidInput(validated.problems);
  const contact = validated.contact;
  return inTransaction(context.db, async (trx) => {
    const { id } = await trx
      .insertInto('victim_contacts')
      .values({
        person_id: personId,
        officer_name: contact.officerName,
        officer_agency: contact.officerAgency,
        officer_phone: contact.officerPhone,
        officer_email: contact.officerEmail,
        opted_in: contact.optedIn,
        recorded_by: context.actor.userId,
        recorded_by_label: context.actor.label,
        recorded_at: instantToDatabase(context.now()),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, context, [{ personId, action: 'write', what: 'Recorded the victim liaison contact' }]);
    return id;
  });
}

export async function recordRepresentation(context: AppContext, personId: string, input: RepresentationInput): Promise<string> {
  await requireVictimRecorder(context, personId);
  const now = context.now();
  const validated = validateRepresentation(input, todayInLondon(now));
  if (!validated.ok) throw new InvalidInput(validated.problems);
  return inTransaction(context.db, async (trx) => {
    const { id } = await trx
      .insertInto('victim_representations')
      .values({
        person_id: personId,
        made_on: validated.madeOn.toString(),
        representation: validated.representation,
        recorded_by: context.actor.userId,
        recorded_by_label: context.actor.label,
        recorded_at: instantToDatabase(now),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, context, [{ personId, action: 'write', what: 'Recorded a victim’s representations about conditions of discharge' }]);
    return id;
  });
}

export async function recordVictimTold(context: AppContext, personId: string, input: ToldInput): Promise<string> {
  await requireVictimRecorder(context, personId);
  const now = context.now();
  const validated = validateTold(input, todayInLondon(now));
  if (!validated.ok) throw new InvalidInput(validated.problems);
  return inTransaction(context.db, async (trx) => {
    const { id } = await trx
      .insertInto('victim_told')
      .values({
        person_id: personId,
        told_on: validated.toldOn.toString(),
        what: validated.what,
        told_by: validated.toldBy,
        recorded_by: context.actor.userId,
        recorded_by_label: context.actor.label,
        recorded_at: instantToDatabase(now),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, context, [{ personId, action: 'write', what: 'Recorded what a victim was told' }]);
    return id;
  });
}
