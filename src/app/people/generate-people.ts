import { personProjection } from './record-store.ts';
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AgencyKind } from '../../domain/organisation/agency-kinds.ts';
import type { Role } from '../../domain/organisation/roles.ts';
import {
  changedDetails,
  derivePersonState,
  entryCategory,
  type EntryContent,
  type OwnWordsSource,
  type PersonDetails,
  type PersonState,
  type RecordEntry,
} from '../../domain/people/person.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { nextTestNhsSerial, pncId, probationReference, testNhsNumber } from '../demo/synthetic-identifiers.ts';
import { createAgency, createStaff } from '../organisation/organisation.ts';
import { requirePermission } from '../policy.ts';

// Synthetic people with realistic histories, for load testing. This is the bulk path: people are built
// in memory, their current state derived with the same domain fold the use cases use
// (derivePersonState), and written a batch at a time, each batch in one transaction with multi-row
// inserts. Registering them one by one through the use cases would take hours for 100,000 people.
//
// Attribution. Every record entry names its author, role and agency, as every entry must: the authors
// are a fixed set of synthetic staff at synthetic agencies (named "(generated)"), created here through
// the ordinary use cases with an unusable random password; generated entries are never attributed to
// real accounts. The audit log says truthfully what happened: Accord's generator, run by an operator,
// added the person. It gets one audit entry per person (naming how many entries the record was given),
// written in the same transaction as the person's rows, rather than one per record entry, which would
// multiply the audit log's size for no reader's benefit.

export interface GenerateOptions {
  count: number;
  // The same seed gives the same names, details and histories (identifiers and ids still differ).
  seed?: number;
  batchSize?: number;
  onProgress?: (generated: number) => void;
}

export interface GenerateOutcome {
  people: number;
  entries: number;
}

type Author = RecordEntry['author'];

// ---------------------------------------------------------------------------------------------------
// Randomness: a small seeded generator (mulberry32), so runs can be repeated.

type Random = () => number;

function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function chance(random: Random, probability: number): boolean {
  return random() < probability;
}

function integerBetween(random: Random, lowest: number, highest: number): number {
  return lowest + Math.floor(random() * (highest - lowest + 1));
}

// Picks by rank with weights falling off as 1 / (rank + 20): the commonest family name is held by about
// 1.5% of people, close to the share of Smith in England and Wales.
function rankedPicker<T>(items: readonly T[]): (random: Random) => T {
  const cumulative: number[] = [];
  let total = 0;
  items.forEach((_item, rank) => {
    total += 1 / (rank + 21);
    cumulative.push(total);
  });
  return (random) => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return items[low]!;
  };
}

// ---------------------------------------------------------------------------------------------------
// What synthetic people are made of.

// Ordered from most to least common, so the ranked picker gives a realistic spread.
export const generatedFamilyNames = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson',
  'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel',
  'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker',
  'Harrison', 'Morgan', 'Allen', 'James', 'Scott', 'Phillips', 'Watson', 'Davis', 'Parker', 'Price', 'Bennett', 'Young',
  'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell', 'Shaw', 'Murphy', 'Miller',
  'Cox', 'Richards', 'Khan', 'Marshall', 'Anderson', 'Simpson', 'Ellis', 'Adams', 'Singh', 'Begum', 'Wilkinson', 'Foster',
  'Chapman', 'Powell', 'Webb', 'Rogers', 'Gray', 'Mason', 'Ali', 'Hunt', 'Hussain', 'Campbell', 'Matthews', 'Owen', 'Palmer',
  'Holmes', 'Mills', 'Barnes', 'Knight', 'Lloyd', 'Butler', 'Russell', 'Barker', 'Fisher', 'Stevens', 'Jenkins', 'Murray',
  'Dixon', 'Harvey', 'Graham', 'Pearson', 'Ahmed', 'Fletcher', 'Walsh', 'Kaur', 'Gibson', 'Howard', 'Andrews', 'Stewart',
  'Elliott', 'Reynolds', 'Saunders', 'Payne', 'Fox', 'Ford', 'Pearce', 'Day', 'Brooks', 'West', 'Lawrence', 'Cole',
  'Atkinson', 'Bradley', 'Spencer', 'Gill', 'Dawson', 'Ball', 'Burton', 'O’Brien', 'Watts', 'Rose', 'Booth', 'Perry', 'Ryan',
  'Grant', 'Wells', 'Armstrong', 'Francis', 'Rees', 'Hayes', 'Hart', 'Hudson', 'Newman', 'Barrett', 'Webster', 'Hunter',
  'Gregory', 'Carr', 'Lowe', 'Page', 'Marsh', 'Riley', 'Dunn', 'Woods', 'Parsons', 'Berry', 'Stone', 'Reid', 'Holland',
  'Hawkins', 'Harding', 'Porter', 'Robertson', 'Newton', 'Oliver', 'Reed', 'Kennedy', 'Williamson', 'Bird', 'Gardner',
  'Shah', 'Dean', 'Lane', 'Cooke', 'Bates', 'Henderson', 'Parry', 'Burgess', 'Bishop', 'Walton', 'Burns', 'Nicholson',
  'Shepherd', 'Ross', 'Cross', 'Long', 'Freeman', 'Warren', 'Nicholls', 'Hamilton', 'Byrne', 'Sutton', 'McDonald', 'Yates',
  'Hodgson', 'Robson', 'Curtis', 'Hopkins', 'O’Connor', 'Harper', 'Coleman', 'Watkins', 'Moss', 'McCarthy', 'Chambers',
  'O’Neill', 'Griffin', 'Sharp', 'Hardy', 'Wheeler', 'Potter', 'Osborne', 'Johnston', 'Gordon', 'Doyle', 'Wallace',
  'George', 'Jordan', 'Hutchinson', 'Rowe', 'Burke', 'May', 'Pritchard', 'Gilbert', 'Willis', 'Higgins', 'Read', 'Miles',
  'Stevenson', 'Hammond', 'Arnold', 'Buckley', 'Walters', 'Hewitt', 'Barber', 'Nelson', 'Slater', 'Austin', 'Sullivan',
  'Whitehead', 'Mann', 'Frost', 'Lambert', 'Blake', 'Akhtar', 'Lynch', 'Goodwin', 'Barton', 'Woodward', 'Quinn', 'Baxter',
  'Bibi', 'Nash', 'Jennings', 'Holt', 'Kemp', 'Poole', 'Gallagher', 'Bond', 'Stokes', 'Tucker', 'Fowler', 'Heath', 'Norman',
  'Lawson', 'Banks', 'French', 'Jarvis', 'Ferguson', 'Douglas', 'Todd', 'Barlow', 'Lucas', 'Hartley', 'Miah', 'Morton',
  'Field', 'Norris', 'Preston', 'Thornton', 'Briggs', 'Pike', 'Nowak', 'Kowalski', 'Wiśniewska', 'Okafor', 'Mensah',
  'Nguyen', 'Silva', 'Santos', 'Popescu', 'Rahman', 'Islam', 'Uddin', 'Mahmood', 'Iqbal', 'Chowdhury', 'Osei', 'Adeyemi',
  'Mohamed', 'Abdi', 'Yilmaz',
] as const;

const givenNames = [
  'Oliver', 'Jack', 'Harry', 'George', 'Noah', 'Charlie', 'Jacob', 'Thomas', 'Oscar', 'William', 'James', 'Daniel', 'Mohammed',
  'David', 'Michael', 'Paul', 'Mark', 'Andrew', 'Richard', 'Stephen', 'Christopher', 'Gary', 'Lee', 'Darren', 'Dean', 'Kieran',
  'Liam', 'Ryan', 'Connor', 'Jamal', 'Tariq', 'Imran', 'Kwame', 'Tomasz', 'Piotr', 'Andrei', 'Olivia', 'Amelia', 'Isla', 'Ava',
  'Emily', 'Sophie', 'Grace', 'Jessica', 'Lily', 'Sarah', 'Emma', 'Claire', 'Nicola', 'Michelle', 'Karen', 'Lisa', 'Helen',
  'Rachel', 'Joanne', 'Kelly', 'Chloe', 'Megan', 'Shannon', 'Aisha', 'Fatima', 'Nadia', 'Priya', 'Amina', 'Agnieszka',
  'Ioana', 'Abena', 'Margaret', 'Susan', 'Patricia', 'Jean', 'Alex', 'Sam', 'Jordan', 'Robin', 'Jamie',
] as const;

const pickFamilyName = rankedPicker(generatedFamilyNames);
const pickGivenName = rankedPicker(givenNames);

const streets = [
  'High Street', 'Station Road', 'Church Lane', 'Mill Lane', 'Victoria Road', 'Park Avenue', 'Queen Street', 'North Street',
  'Chapel Row', 'Orchard Close', 'Meadow Way', 'Elm Grove', 'Priory Road', 'Fore Street', 'Castle Hill', 'Bridge Street',
  'Market Place', 'Kings Road', 'Heath Cottages', 'Fordington Row', 'Cornhill', 'Durnover Lane', 'Shiremoor Road',
  'Sandbourne Close', 'Egdon Drive', 'Budmouth Road', 'Wellbridge Terrace', 'Chalk Newton Way',
] as const;

// Towns of the fictional Wessex, each with a postcode district in the made-up WX area.
const towns = [
  { name: 'Casterbridge', district: 'WX1' },
  { name: 'Casterbridge', district: 'WX2' },
  { name: 'Melchester', district: 'WX3' },
  { name: 'Anglebury', district: 'WX4' },
  { name: 'Budmouth', district: 'WX5' },
  { name: 'Sandbourne', district: 'WX6' },
  { name: 'Hamden', district: 'WX7' },
  { name: 'Shaston', district: 'WX8' },
  { name: 'Kingsbere', district: 'WX9' },
] as const;

const postcodeLetters = [...'ABDEFGHJLNPQRSTUWXYZ'];

function address(random: Random): string {
  const town = pick(random, towns);
  const unit = `${integerBetween(random, 1, 9)}${pick(random, postcodeLetters)}${pick(random, postcodeLetters)}`;
  const flat = chance(random, 0.3) ? `Flat ${integerBetween(random, 1, 24)}, ` : '';
  return `${flat}${integerBetween(random, 1, 180)} ${pick(random, streets)}, ${town.name} ${town.district} ${unit}`;
}

const otherLanguages = [
  { language: 'Polish', interpreterShare: 0.4 },
  { language: 'Urdu', interpreterShare: 0.5 },
  { language: 'Punjabi', interpreterShare: 0.5 },
  { language: 'Bengali', interpreterShare: 0.6 },
  { language: 'Romanian', interpreterShare: 0.5 },
  { language: 'Arabic', interpreterShare: 0.6 },
  { language: 'Somali', interpreterShare: 0.6 },
  { language: 'Portuguese', interpreterShare: 0.4 },
  { language: 'Welsh', interpreterShare: 0.05 },
  { language: 'Gujarati', interpreterShare: 0.5 },
  { language: 'British Sign Language', interpreterShare: 1 },
] as const;

const communicationNeeds = [
  'Autistic: give time to answer, and say in advance who they will meet and where.',
  'Finds letters hard to read: explain them in person or by phone.',
  'Hard of hearing: speak clearly, face them, somewhere quiet.',
  'Prefers appointments in the morning, and by text reminder the day before.',
  'Dyslexic: read documents through with them before they sign.',
  'Has a learning disability: use easy-read information and check understanding.',
  'Becomes very anxious in busy waiting rooms: offer a quiet room or a home visit.',
  'Partially sighted: large print, or information by phone.',
  'Contact by text only to their own mobile; do not leave voicemail messages.',
] as const;

const ownWordsExamples = [
  'When I am unwell I stop answering the phone. Please come round rather than give up on me.',
  'I do not want to go to hospital unless there is no other way. My sister can stay with me.',
  'Police uniforms frighten me. If you have to come, please say who you are before you come in.',
  'Please talk to me, not about me, even when I am not making sense.',
  'I want my dog looked after if I am taken anywhere. My neighbour has a key.',
  'Medication that makes me sleep all day does not help me. I am willing to try something else.',
  'I want to keep my tenancy more than anything. Please tell my housing officer if I am admitted.',
  'I am trying to stay off drink. Groups help me; being on my own does not.',
  'Call my mum, not my ex-partner. He is not my next of kin any more.',
  'I would rather see the same person each time. Telling my story again is hard.',
] as const;

const ownWordsSourcesInUse: OwnWordsSource[] = ['said-to-staff', 'said-to-staff', 'written-by-person', 'through-advocate'];

// ---------------------------------------------------------------------------------------------------
// Synthetic authors.

interface SyntheticAuthor {
  username: string;
  displayName: string;
  role: Role;
}

const syntheticAgencies: { name: string; kind: AgencyKind; staff: SyntheticAuthor[] }[] = [
  { name: 'Synthetic Police Force (generated)', kind: 'police-force', staff: [{ username: 'synthetic.police', displayName: 'Synthetic Police Officer', role: 'police-officer' }] },
  {
    name: 'Synthetic Mental Health Trust (generated)',
    kind: 'mental-health-trust',
    staff: [
      { username: 'synthetic.crisis', displayName: 'Synthetic Crisis Practitioner', role: 'crisis-team-practitioner' },
      { username: 'synthetic.nurse', displayName: 'Synthetic Mental Health Nurse', role: 'mental-health-nurse' },
    ],
  },
  { name: 'Synthetic Emergency Department (generated)', kind: 'acute-trust', staff: [{ username: 'synthetic.ed', displayName: 'Synthetic ED Clinician', role: 'emergency-department-clinician' }] },
  {
    name: 'Synthetic Local Authority (generated)',
    kind: 'local-authority',
    staff: [
      { username: 'synthetic.amhp', displayName: 'Synthetic AMHP', role: 'amhp' },
      { username: 'synthetic.social-worker', displayName: 'Synthetic Social Worker', role: 'social-worker' },
    ],
  },
  { name: 'Synthetic Probation Service (generated)', kind: 'probation-service', staff: [{ username: 'synthetic.probation', displayName: 'Synthetic Probation Practitioner', role: 'probation-practitioner' }] },
  { name: 'Synthetic Liaison and Diversion (generated)', kind: 'liaison-and-diversion', staff: [{ username: 'synthetic.liaison', displayName: 'Synthetic Liaison Practitioner', role: 'liaison-and-diversion-practitioner' }] },
  { name: 'Synthetic GP Practice (generated)', kind: 'gp-practice', staff: [{ username: 'synthetic.gp', displayName: 'Synthetic GP', role: 'gp' }] },
  { name: 'Synthetic Housing Provider (generated)', kind: 'housing', staff: [{ username: 'synthetic.housing', displayName: 'Synthetic Housing Officer', role: 'housing-officer' }] },
  { name: 'Synthetic Advocacy Service (generated)', kind: 'advocacy-service', staff: [{ username: 'synthetic.advocate', displayName: 'Synthetic Advocate', role: 'advocate' }] },
];

type AuthorsByRole = Map<Role, Author>;

// The synthetic staff who author generated entries, created on first use (through the use cases, so
// they are audited) and found again afterwards.
async function ensureSyntheticAuthors(context: AppContext): Promise<AuthorsByRole> {
  const authors: AuthorsByRole = new Map();
  for (const agency of syntheticAgencies) {
    const existing = await context.db.selectFrom('agencies').select('id').where('name', '=', agency.name).executeTakeFirst();
    const agencyId = existing?.id ?? (await createAgency(context, { name: agency.name, kind: agency.kind }));
    for (const staff of agency.staff) {
      const account = await context.db.selectFrom('users').select('id').where('username', '=', staff.username).executeTakeFirst();
      // Nobody is told this password: the accounts exist to be named as authors, not to sign in.
      const userId =
        account?.id ??
        (await createStaff(context, { username: staff.username, displayName: staff.displayName, email: null, agencyId, teamId: null, role: staff.role }, randomBytes(24).toString('base64url')));
      authors.set(staff.role, { userId, name: staff.displayName, role: staff.role, agencyId, agencyName: agency.name });
    }
  }
  return authors;
}

// ---------------------------------------------------------------------------------------------------
// One synthetic person.

interface Identifiers {
  // The next serial for a test NHS number, or null once the testing range is used up.
  nhsSerial: number | null;
}

// Who first brings a person to Accord, and who later changes their details, with the reasons they give.
const registrars: { role: Role; share: number }[] = [
  { role: 'police-officer', share: 0.2 },
  { role: 'liaison-and-diversion-practitioner', share: 0.15 },
  { role: 'crisis-team-practitioner', share: 0.2 },
  { role: 'gp', share: 0.15 },
  { role: 'probation-practitioner', share: 0.15 },
  { role: 'emergency-department-clinician', share: 0.15 },
];

const probationLetters = [...'ABCDEFGHJKLMNPRSTVWX'];

const amenders: Role[] = ['mental-health-nurse', 'social-worker', 'housing-officer', 'probation-practitioner', 'amhp', 'gp', 'crisis-team-practitioner'];

function chooseRegistrar(random: Random): Role {
  let target = random();
  for (const registrar of registrars) {
    target -= registrar.share;
    if (target < 0) return registrar.role;
  }
  return registrars[registrars.length - 1]!.role;
}

function dateOfBirth(random: Random, today: Temporal.PlainDate): Temporal.PlainDate {
  const age = integerBetween(random, 18, 85);
  return today.subtract({ years: age, days: integerBetween(random, 0, 364) });
}

function registrationDetails(random: Random, identifiers: Identifiers, today: Temporal.PlainDate): PersonDetails {
  const familyName = pickFamilyName(random);
  const given = pickGivenName(random);
  const middle = chance(random, 0.4) ? ` ${pickGivenName(random)}` : '';
  let nhsNumber: string | null = null;
  if (identifiers.nhsSerial !== null && chance(random, 0.93)) {
    nhsNumber = testNhsNumber(identifiers.nhsSerial);
    identifiers.nhsSerial = nextTestNhsSerial(identifiers.nhsSerial + 1);
  }
  const language = chance(random, 0.08) ? pick(random, otherLanguages) : null;
  return {
    givenNames: `${given}${middle}`,
    familyName,
    preferredName: null,
    otherNames: chance(random, 0.05) ? `${given} ${pickFamilyName(random)}` : null,
    dateOfBirth: dateOfBirth(random, today).toString(),
    nhsNumber,
    pncId: chance(random, 0.15) ? pncId(integerBetween(random, 2000, today.year), integerBetween(random, 1, 9_999_999)) : null,
    probationReference: null,
    address: chance(random, 0.04) ? 'No fixed address' : address(random),
    preferredLanguage: language?.language ?? 'English',
    interpreterNeeded: language !== null && chance(random, language.interpreterShare),
    communicationNeeds: chance(random, 0.12) ? pick(random, communicationNeeds) : null,
  };
}

interface Amendment {
  role: Role;
  changes: Partial<PersonDetails>;
  reason: string;
}

function amendment(random: Random, details: PersonDetails): Amendment {
  const roll = random();
  if (roll < 0.55) return { role: pick(random, ['housing-officer', 'social-worker', 'probation-practitioner', 'gp'] as const), changes: { address: address(random) }, reason: 'Moved to a new address' };
  if (roll < 0.65 && details.probationReference === null) {
    return {
      role: 'probation-practitioner',
      changes: { probationReference: probationReference(pick(random, probationLetters), integerBetween(random, 0, 999_999)) },
      reason: 'Community order made; case allocated to probation',
    };
  }
  if (roll < 0.75) return { role: pick(random, amenders), changes: { preferredName: pickGivenName(random) }, reason: 'The name they asked to be called' };
  if (roll < 0.9) return { role: pick(random, amenders), changes: { communicationNeeds: pick(random, communicationNeeds) }, reason: 'Agreed with them at an appointment' };
  const language = pick(random, otherLanguages);
  return {
    role: pick(random, amenders),
    changes: { preferredLanguage: language.language, interpreterNeeded: chance(random, language.interpreterShare) },
    reason: 'Told us at an appointment',
  };
}

interface SyntheticRecord {
  personId: string;
  entries: RecordEntry[];
  state: PersonState;
}

// Builds one person's history: a registration, one to four amendments, sometimes their own words, and
// now and then a correction of a date of birth entered with day and month swapped. Entries are spread
// in order between the registration (up to eight years ago) and an hour ago.
function synthesisePerson(random: Random, identifiers: Identifiers, authors: AuthorsByRole, now: Temporal.Instant, today: Temporal.PlainDate): SyntheticRecord {
  const personId = randomUUID();
  const registered = registrationDetails(random, identifiers, today);
  const birth = Temporal.PlainDate.from(registered.dateOfBirth!);
  const swapped = birth.day <= 12 && birth.day !== birth.month && chance(random, 0.05);
  const asEntered = swapped ? { ...registered, dateOfBirth: birth.with({ month: birth.day, day: birth.month }).toString() } : registered;

  const latest = now.subtract({ hours: 1 });
  const registeredAt = latest.subtract({ minutes: integerBetween(random, 14 * 24 * 60, 8 * 365 * 24 * 60) });
  const spanMinutes = registeredAt.until(latest).total('minutes');

  const planned: { content: EntryContent; role: Role; reason: string | null; correctsFirst: boolean }[] = [];
  planned.push({ content: { kind: 'person-registered', data: asEntered }, role: chooseRegistrar(random), reason: null, correctsFirst: false });
  if (swapped) {
    planned.push({
      content: { kind: 'correction', data: { correctedKind: 'person-registered', replacement: registered } },
      role: 'gp',
      reason: 'Date of birth was entered with the day and month swapped; checked against the GP record',
      correctsFirst: true,
    });
  }
  let current = registered;
  const amendments = integerBetween(random, 1, 4);
  for (let index = 0; index < amendments; index += 1) {
    const change = amendment(random, current);
    // An amendment that changes nothing would be refused by the service; leave it out here too.
    if (Object.keys(changedDetails(current, { ...current, ...change.changes })).length === 0) continue;
    current = { ...current, ...change.changes };
    planned.push({ content: { kind: 'details-amended', data: change.changes }, role: change.role, reason: change.reason, correctsFirst: false });
  }
  if (chance(random, 0.3)) {
    planned.push({
      content: { kind: 'own-words-recorded', data: { words: pick(random, ownWordsExamples), source: pick(random, ownWordsSourcesInUse) } },
      role: pick(random, ['mental-health-nurse', 'advocate', 'social-worker', 'crisis-team-practitioner'] as const),
      reason: null,
      correctsFirst: false,
    });
  }

  const offsets = planned.map((_entry, index) => (index === 0 ? 0 : random())).sort((a, b) => a - b);
  const entries: RecordEntry[] = planned.map((entry, index) => ({
    id: randomUUID(),
    sequence: index + 1,
    content: entry.content,
    category: entryCategory(entry.content),
    supersedes: null,
    reason: entry.reason,
    recordedAt: registeredAt.add({ minutes: Math.floor(offsets[index]! * spanMinutes) }),
    author: authors.get(entry.role)!,
  }));
  planned.forEach((entry, index) => {
    if (entry.correctsFirst) entries[index]!.supersedes = entries[0]!.id;
  });
  return { personId, entries, state: derivePersonState(entries) };
}

// ---------------------------------------------------------------------------------------------------
// Writing.

function entryColumns(personId: string, entry: RecordEntry) {
  return {
    id: entry.id,
    person_id: personId,
    sequence: entry.sequence,
    kind: entry.content.kind,
    category: entry.category,
    data: JSON.stringify(entry.content.data),
    reason: entry.reason,
    supersedes: entry.supersedes,
    author_user_id: entry.author.userId,
    author_name: entry.author.name,
    author_role: entry.author.role,
    author_agency_id: entry.author.agencyId,
    author_agency_name: entry.author.agencyName,
    recorded_at: entry.recordedAt.toString(),
  };
}

function involvementColumns(personId: string, entries: readonly RecordEntry[], recordedBy: string) {
  const firstByAgency = new Map<string, RecordEntry>();
  for (const entry of entries) {
    if (entry.author.agencyId !== null && !firstByAgency.has(entry.author.agencyId)) firstByAgency.set(entry.author.agencyId, entry);
  }
  return [...firstByAgency].map(([agencyId, entry]) => ({
    person_id: personId,
    agency_id: agencyId,
    team_id: null,
    user_id: null,
    reason: 'Part of their care (synthetic person for load testing)',
    starts_at: entry.recordedAt.toString(),
    ends_at: null,
    recorded_by: null,
    recorded_by_label: recordedBy,
    recorded_at: entry.recordedAt.toString(),
  }));
}

// Rows per INSERT statement, keeping each well under PostgreSQL's limit of 65,535 parameters.
const entryRowsPerStatement = 3000;

async function firstFreeNhsSerial(context: AppContext): Promise<number | null> {
  const row = await context.db
    .selectFrom('people')
    .select(sql<string | null>`max(nhs_number)`.as('highest'))
    .where('nhs_number', 'like', '999%')
    .executeTakeFirst();
  const highest = row?.highest ? Number(row.highest.slice(3, 9)) : -1;
  return highest >= 999_999 ? null : nextTestNhsSerial(highest + 1);
}

export async function generatePeople(context: AppContext, options: GenerateOptions): Promise<GenerateOutcome> {
  requirePermission(context.actor, 'administer');
  requirePermission(context.actor, 'person.write');
  const random = seededRandom(options.seed ?? randomBytes(4).readUInt32LE(0));
  const batchSize = options.batchSize ?? 1000;
  const authors = await ensureSyntheticAuthors(context);
  const identifiers: Identifiers = { nhsSerial: await firstFreeNhsSerial(context) };
  const now = context.now();
  const today = now.toZonedDateTimeISO('Europe/London').toPlainDate();

  let generated = 0;
  let entryCount = 0;
  while (generated < options.count) {
    const size = Math.min(batchSize, options.count - generated);
    const records = Array.from({ length: size }, () => synthesisePerson(random, identifiers, authors, now, today));
    const entryRows = records.flatMap((record) => record.entries.map((entry) => entryColumns(record.personId, entry)));
    // As when staff add a person: every agency whose staff write in the record is involved with them,
    // from its first entry there.
    const involvementRows = records.flatMap((record) => involvementColumns(record.personId, record.entries, context.actor.label));
    await context.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('people')
        .values(
          records.map((record) => ({
            id: record.personId,
            ...personProjection(record.state),
            is_demo: true,
            created_at: record.entries[0]!.recordedAt.toString(),
            updated_at: record.entries[record.entries.length - 1]!.recordedAt.toString(),
          })),
        )
        .execute();
      for (let start = 0; start < entryRows.length; start += entryRowsPerStatement) {
        await trx.insertInto('record_entries').values(entryRows.slice(start, start + entryRowsPerStatement)).execute();
      }
      for (let start = 0; start < involvementRows.length; start += entryRowsPerStatement) {
        await trx.insertInto('involvements').values(involvementRows.slice(start, start + entryRowsPerStatement)).execute();
      }
      await appendAudit(
        trx,
        context,
        records.map((record) => ({
          personId: record.personId,
          action: 'write' as const,
          what: `Added a synthetic person for load testing, with ${record.entries.length} generated record entries`,
        })),
      );
    });
    generated += size;
    entryCount += entryRows.length;
    options.onProgress?.(generated);
  }
  return { people: generated, entries: entryCount };
}
