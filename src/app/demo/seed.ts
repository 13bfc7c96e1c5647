import { inTransaction } from '../../db/transaction.ts';
import { approvalInputSchema, addApproval, createAgency, createStaff, createTeam } from '../organisation/organisation.ts';
import { amendPersonDetails, correctEntry, recordOwnWords } from '../people/change-person.ts';
import { ensureAgencyInvolvement } from '../sharing/involvements.ts';
import { registerPerson } from '../people/register-person.ts';
import { appendAudit } from '../audit/audit-log.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { systemActor, type Actor, type AppContext } from '../context.ts';
import type { AccordDatabase } from '../../db/database.ts';
import type { PersonDetails } from '../../domain/people/person.ts';
import type { Role } from '../../domain/organisation/roles.ts';
import { demoAdministratorUsername, demoAgencies, type DemoApproval } from './area.ts';
import { demoPeople, type DemoEvent } from './case-studies.ts';
import { planHospitalPatients, type HospitalPatientsPlayer } from './hospital-patients.ts';
import { PathwayPlayer } from './pathway-player.ts';
import { withRestrictedCasework } from './restricted-casework.ts';
import { demoCommunityOrders, demoPathwayEvents, type CommunityOrderEvent, type PathwayEvent } from './pathway-stories.ts';

export interface DemoSeedOutcome {
  seeded: boolean;
  agencies: number;
  staff: number;
  people: number;
}

const timeZone = 'Europe/London';

// The demo tells a story that began this many days before the day it is seeded: the area was set up
// then, and the case-study events happen on the days after, so the chronology reads as months of work
// and every timestamp, in the record and in the audit log, runs forward in order.
const storyLengthInDays = 200;

interface Story {
  today: Temporal.PlainDate;
  date(day: number): Temporal.PlainDate;
  at(day: number, time: string): Temporal.Instant;
}

function storyFrom(now: Temporal.Instant): Story {
  const today = now.toZonedDateTimeISO(timeZone).toPlainDate();
  const firstDay = today.subtract({ days: storyLengthInDays });
  return {
    today,
    date: (day) => firstDay.add({ days: day }),
    at: (day, time) => firstDay.add({ days: day }).toZonedDateTime({ timeZone, plainTime: Temporal.PlainTime.from(time) }).toInstant(),
  };
}

function approvalDates(approval: DemoApproval, today: Temporal.PlainDate) {
  const validFrom = today.subtract(approval.startedBefore);
  const validTo = approval.years === null ? null : validFrom.add({ years: approval.years }).subtract({ days: 1 });
  return approvalInputSchema.parse({ kind: approval.kind, validFrom: validFrom.toString(), validTo: validTo?.toString(), approvingBody: approval.approvingBody });
}

// A context whose clock stands at a fixed moment of the story.
function storyContext(db: AccordDatabase, actor: Actor, purpose: string, at: Temporal.Instant): AppContext {
  return { db, now: () => at, actor, purpose };
}

// Seeds the Wessex demonstration into a database that has no agencies yet; on any other database it
// does nothing and says so. Every demo account gets the given password. All or nothing: one transaction,
// so a failure part-way leaves no half-seeded area behind.
export async function seedDemo(database: AccordDatabase, now: () => Temporal.Instant, password: string): Promise<DemoSeedOutcome> {
  return inTransaction(database, (db) => seedDemoWithin(db, now, password));
}

async function seedDemoWithin(db: AccordDatabase, now: () => Temporal.Instant, password: string): Promise<DemoSeedOutcome> {
  const existing = await db.selectFrom('agencies').select('id').limit(1).execute();
  if (existing.length > 0) return { seeded: false, agencies: 0, staff: 0, people: 0 };

  const story = storyFrom(now());
  const setUpAt = story.at(0, '09:00');
  const actors = new Map<string, Actor>();
  let staffCount = 0;

  // Accord itself adds the first agency and the demo administrator; the administrator sets up the rest,
  // so the audit log reads as an area being set up by its administrator.
  let administrator: Actor | null = null;
  for (const agency of demoAgencies) {
    const context = storyContext(db, administrator ?? systemActor('Demo set-up'), 'Setting up the Wessex demonstration area', setUpAt);
    const agencyId = await createAgency(context, { name: agency.name, kind: agency.kind });
    const teamIds = new Map<string, string>();
    for (const team of agency.teams) teamIds.set(team, await createTeam(context, agencyId, { name: team }));
    for (const staff of agency.staff) {
      const userId = await createStaff(
        administrator === null ? context : storyContext(db, administrator, context.purpose, setUpAt),
        { username: staff.username, displayName: staff.displayName, email: null, agencyId, teamId: staff.team === null ? null : teamIds.get(staff.team)!, role: staff.role },
        password,
        { isDemo: true },
      );
      staffCount += 1;
      const actor: Actor = { kind: 'user', userId, label: staff.displayName, role: staff.role as Role, agencyId, agencyName: agency.name };
      actors.set(staff.username, actor);
      if (staff.username === demoAdministratorUsername) administrator = actor;
    }
  }
  if (administrator === null) throw new Error('The demo area has no administrator');
  const approvalsContext = storyContext(db, administrator, 'Recording professional approvals for the Wessex demonstration', setUpAt);
  for (const agency of demoAgencies) {
    for (const staff of agency.staff) {
      for (const approval of staff.approvals ?? []) await addApproval(approvalsContext, actors.get(staff.username)!.userId!, approvalDates(approval, story.today));
    }
  }
  await shareOneDemoPasswordHash(db);

  // The hospital's patients are written in the same story order as the case studies, their older
  // history brought onto Accord from the paper record later on the day of set-up.
  // The casework on its restricted patients is played with it; what was done before the trust used Accord
  // is brought on the day after set-up, once the paper records are in.
  const hospital = withRestrictedCasework(await planHospitalPatients(db, now(), story.at(0, '11:00'), actors), db, now(), story.at(1, '10:00'), actors);
  await playCaseStudies(db, story, actors, hospital);
  await hospital.finish();
  return { seeded: true, agencies: demoAgencies.length, staff: staffCount, people: demoPeople.length + hospital.patients };
}

// Every demo account has the same password, so they can share one hash: then checking the password at
// each start costs one verification rather than one per account.
async function shareOneDemoPasswordHash(db: AccordDatabase): Promise<void> {
  const administrator = await db.selectFrom('users').select('password_hash').where('username', '=', demoAdministratorUsername).executeTakeFirstOrThrow();
  await db.updateTable('users').set({ password_hash: administrator.password_hash }).where('is_demo', '=', true).execute();
}

interface PersonProgress {
  personId: string;
  version: number;
  details: PersonDetails;
  // The entry each of the person's events made, by event index, so a later event can correct it.
  entryIds: string[];
}

// One thing that happens in the story: a case-study event, a step of the community-sentence pathway, or
// a community order made without the requirement.
type StoryItem =
  | { kind: 'case-study'; at: Temporal.Instant; personIndex: number; eventIndex: number; event: DemoEvent }
  | { kind: 'pathway'; at: Temporal.Instant; event: PathwayEvent }
  | { kind: 'community-order'; at: Temporal.Instant; order: CommunityOrderEvent };

function registeredName(person: (typeof demoPeople)[number]): string {
  const first = person.events[0]!.action;
  return first.kind === 'register' ? `${first.details.givenNames} ${first.details.familyName}` : '';
}

// Plays every person's events, and the pathway's steps, in story order, each through the same use case a
// member of staff would use, as the member of staff who did it.
async function playCaseStudies(db: AccordDatabase, story: Story, actors: Map<string, Actor>, hospital: HospitalPatientsPlayer): Promise<void> {
  const pathwayEvents = demoPathwayEvents(story);
  const timeline: StoryItem[] = [
    ...demoPeople.flatMap((person, personIndex) =>
      person.events.map((event, eventIndex): StoryItem => ({ kind: 'case-study', personIndex, eventIndex, event, at: story.at(event.day, event.time) })),
    ),
    ...pathwayEvents.map((event): StoryItem => ({ kind: 'pathway', event, at: story.at(event.day, event.time) })),
    ...demoCommunityOrders(story).map((order): StoryItem => ({ kind: 'community-order', order, at: story.at(order.day, order.time) })),
  ].sort((a, b) => Temporal.Instant.compare(a.at, b.at));
  const actorOf = (username: string): Actor => {
    const actor = actors.get(username);
    if (!actor) throw new Error(`Demo event by unknown staff ${username}`);
    return actor;
  };
  const pathway = new PathwayPlayer(db, (username) => actorOf(username).userId!, story.at);
  const progress = new Map<number, PersonProgress>();
  const personIdsByName = new Map<string, string>();
  for (const item of timeline) {
    await hospital.playUntil(item.at);
    if (item.kind === 'community-order') {
      await pathway.playCommunityOrder(storyContext(db, actorOf(item.order.author), 'Recording a community order', item.at), item.order);
      continue;
    }
    if (item.kind === 'pathway') {
      const personId = personIdsByName.get(item.event.person);
      if (personId === undefined) throw new Error(`Demo pathway step before ${item.event.person} was registered: ${item.event.action.kind} on day ${item.event.day}`);
      await pathway.play(storyContext(db, actorOf(item.event.author), item.event.purpose, item.at), personId, item.event.action);
      continue;
    }
    const { personIndex, eventIndex, event, at } = item;
    const actor = actorOf(event.author);
    const context = storyContext(db, actor, event.purpose, at);
    const current = progress.get(personIndex);
    const action = event.action;
    if (action.kind === 'register') {
      const outcome = await registerPerson(context, action.details, { confirmedNewPerson: true, isDemo: true });
      if (outcome.kind !== 'registered') throw new Error('Demo person was not registered');
      const first = await db.selectFrom('record_entries').select('id').where('person_id', '=', outcome.personId).where('sequence', '=', 1).executeTakeFirstOrThrow();
      const entryIds: string[] = [];
      entryIds[eventIndex] = first.id;
      progress.set(personIndex, { personId: outcome.personId, version: 1, details: action.details, entryIds });
      const name = registeredName(demoPeople[personIndex]!);
      personIdsByName.set(name, outcome.personId);
      // The agencies of everyone who writes in the person's story, their pathway steps included, are
      // involved in their care from here.
      const authors = [...demoPeople[personIndex]!.events.map((item) => item.author), ...pathwayEvents.filter((item) => item.person === name).map((item) => item.author)];
      const writers = new Set(authors.map((author) => actors.get(author)?.agencyId ?? null).filter((agencyId): agencyId is string => agencyId !== null));
      await inTransaction(db, async (trx) => {
        for (const agencyId of writers) await ensureAgencyInvolvement(trx, context, outcome.personId, agencyId, 'Part of their care');
      });
      continue;
    }
    if (!current) throw new Error(`Demo event before the person was registered: ${describe(event)}`);
    const result =
      action.kind === 'amend'
        ? await amendPersonDetails(context, current.personId, current.version, { ...current.details, ...action.changes }, action.reason)
        : action.kind === 'own-words'
          ? await recordOwnWords(context, current.personId, current.version, action.ownWords)
          : await correctEntry(context, current.personId, current.version, current.entryIds[action.eventIndex]!, action.correction, action.reason);
    current.entryIds[eventIndex] = result.entryId;
    current.version = result.state.version;
    current.details = result.state.details;
  }
}

function describe(event: DemoEvent): string {
  return `${event.action.kind} by ${event.author} on day ${event.day}`;
}

export interface DemoStartOutcome {
  seeded: boolean;
  demoAccounts: number;
  // Demo accounts whose password was changed to the one given.
  passwordsSet: number;
}

// At every start with the demo on: seed an empty database; otherwise make sure every demo account has
// the given password, so the password printed at this start is the one that works.
export async function prepareDemo(db: AccordDatabase, now: () => Temporal.Instant, password: string): Promise<DemoStartOutcome> {
  const seed = await seedDemo(db, now, password);
  const passwordsSet = seed.seeded ? 0 : await setDemoPasswords(db, now, password);
  const accounts = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('count')).where('is_demo', '=', true).executeTakeFirstOrThrow();
  return { seeded: seed.seeded, demoAccounts: Number(accounts.count), passwordsSet };
}

// Gives every demo account the password, unlocking it and ending its sessions where the password changed.
// Accounts whose hash already matches are left alone, so a restart with the same password changes nothing.
export async function setDemoPasswords(db: AccordDatabase, now: () => Temporal.Instant, password: string): Promise<number> {
  const accounts = await db.selectFrom('users').select(['id', 'password_hash']).where('is_demo', '=', true).execute();
  const verified = new Map<string, boolean>();
  const toChange: string[] = [];
  for (const account of accounts) {
    if (account.password_hash === null) {
      toChange.push(account.id);
      continue;
    }
    if (!verified.has(account.password_hash)) verified.set(account.password_hash, await verifyPassword(password, account.password_hash));
    if (!verified.get(account.password_hash)) toChange.push(account.id);
  }
  if (toChange.length === 0) return 0;
  const passwordHash = await hashPassword(password);
  const context: AppContext = { db, now, actor: systemActor('Accord start-up (demo)'), purpose: 'Setting the demo password at start-up' };
  await inTransaction(db, async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, failed_sign_ins: 0, locked_until: null }).where('id', 'in', toChange).execute();
    await trx.deleteFrom('sessions').where('user_id', 'in', toChange).execute();
    await appendAudit(trx, context, [{ personId: null, action: 'administer', what: `Set the demo password for ${toChange.length} demo account${toChange.length === 1 ? '' : 's'}` }]);
  });
  return toChange.length;
}
