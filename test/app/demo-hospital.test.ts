import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clockNow } from '../../src/app/context.ts';
import { hospitalPatients } from '../../src/app/demo/hospital-patients.ts';
import { seedDemo } from '../../src/app/demo/seed.ts';
import { legalPositionOf } from '../../src/app/legal/legal-position.ts';
import { nearestRelativePosition } from '../../src/app/legal/view-legal.ts';
import { loadEntries } from '../../src/app/people/record-store.ts';
import type { AccordDatabase } from '../../src/db/database.ts';
import type { Finding } from '../../src/domain/law/contract.ts';
import { nhsNumberProblem } from '../../src/domain/people/nhs-number.ts';
import type { RecordEntry } from '../../src/domain/people/person.ts';
import { freshDatabase } from '../support/database.ts';

const trustName = 'Wessex Partnership NHS Foundation Trust';
const hour = (hours: number) => ({ hours });

async function personNamed(db: AccordDatabase, givenNames: string, familyName: string) {
  return db.selectFrom('people').select(['id', 'is_demo', 'nhs_number']).where('given_names', '=', givenNames).where('family_name', '=', familyName).executeTakeFirstOrThrow();
}

async function statusOf(db: AccordDatabase, givenNames: string, familyName: string) {
  const person = await personNamed(db, givenNames, familyName);
  const status = await db.selectFrom('legal_status').selectAll().where('person_id', '=', person.id).executeTakeFirstOrThrow();
  const deadlines = await db.selectFrom('legal_deadlines').select(['kind', 'due', 'provision']).where('person_id', '=', person.id).execute();
  const due = (kind: string) => {
    const found = deadlines.find((deadline) => deadline.kind === kind);
    assert.ok(found, `${givenNames} ${familyName} has a ${kind} deadline`);
    return Temporal.Instant.from(found.due);
  };
  return { person, status, deadlines, due };
}

const errorKey = (finding: Finding) => `${finding.code}|${finding.provision}|${finding.message}`;

// What the law engine checks before each legal entry is written, asked again of the saved record: the
// entry, evaluated with everything before it at the moment it was written, brings no new error.
function entriesTheEngineRefuses(entries: RecordEntry[]): string[] {
  const refused: string[] = [];
  entries.forEach((entry, index) => {
    if (entry.category !== 'legal-status') return;
    const errors = (upTo: number) => legalPositionOf(entries.slice(0, upTo), entry.recordedAt).output.findings.filter((finding) => finding.severity === 'error');
    const known = new Set(errors(index).map(errorKey));
    for (const finding of errors(index + 1)) if (!known.has(errorKey(finding))) refused.push(`${entry.content.kind} #${entry.sequence}: ${finding.message}`);
  });
  return refused;
}

describe('the Wessex demo hospital', () => {
  let db: AccordDatabase;
  let close: () => Promise<void>;
  let seededAt: Temporal.Instant;
  let trustId: string;
  before(async () => {
    ({ db, close } = await freshDatabase());
    seededAt = clockNow();
    assert.equal((await seedDemo(db, () => seededAt, 'a demo password')).seeded, true);
    trustId = (await db.selectFrom('agencies').select('id').where('name', '=', trustName).executeTakeFirstOrThrow()).id;
  });
  after(() => close());

  it('puts at least 30 of the trust’s patients in legal_status, across the powers of the Act, on its wards', async () => {
    const rows = await db
      .selectFrom('legal_status')
      .innerJoin('people', 'people.id', 'legal_status.person_id')
      .leftJoin('teams', 'teams.id', 'legal_status.team_id')
      .select(['legal_status.provision', 'legal_status.awol', 'people.is_demo', 'teams.name as team'])
      .where('legal_status.agency_id', '=', trustId)
      .execute();
    assert.ok(rows.length >= 30, `${rows.length} of the trust’s patients have a legal status`);
    assert.ok(rows.every((row) => row.is_demo));
    const provisions = new Set(rows.map((row) => row.provision));
    for (const provision of ['informal', 'none', 's5(4)', 's5(2)', 's2', 's3', 's136', 'cto', 's37', 's37/41', 's38', 's47/49', 'conditionally-discharged']) {
      assert.ok(provisions.has(provision), `someone is held under ${provision}`);
    }
    assert.ok(rows.some((row) => row.awol), 'one patient is absent without leave');
    const teams = new Set(rows.map((row) => row.team));
    for (const team of ['Egdon Ward (adult acute)', 'Froom Ward (adult acute)', 'Yalbury Ward (low secure)', 'Section 136 Suite (place of safety)']) assert.ok(teams.has(team), `patients are placed on ${team}`);

    const guardianship = await db
      .selectFrom('legal_status')
      .innerJoin('agencies', 'agencies.id', 'legal_status.agency_id')
      .select('agencies.name')
      .where('legal_status.provision', '=', 'guardianship')
      .execute();
    assert.ok(guardianship.length >= 1);
    assert.ok(guardianship.every((row) => row.name === 'Wessex County Council'), 'guardianship is under the local authority');
  });

  it('registers every patient as a demo person with a valid test NHS number', async () => {
    for (const patient of hospitalPatients) {
      const person = await personNamed(db, patient.details.givenNames, patient.details.familyName);
      assert.equal(person.is_demo, true);
      assert.match(person.nhs_number ?? '', /^999\d{7}$/);
      assert.equal(nhsNumberProblem(person.nhs_number!), null);
    }
    const numbers = await db.selectFrom('people').select('nhs_number').execute();
    assert.equal(new Set(numbers.map((row) => row.nhs_number)).size, numbers.length, 'no two demo people share an NHS number');
  });

  it('sets every deadline relative to the moment of seeding, so they are live on first start', async () => {
    const within = (instant: Temporal.Instant, from: Temporal.DurationLike, to: Temporal.DurationLike) =>
      Temporal.Instant.compare(instant, seededAt.add(from)) > 0 && Temporal.Instant.compare(instant, seededAt.add(to)) <= 0;

    const s2Ending = await statusOf(db, 'Callum', 'Farfrae');
    assert.equal(s2Ending.status.provision, 's2');
    assert.ok(within(s2Ending.due('authority-ends'), hour(24), hour(48)), 'the 28 days of s2 end in the next two days');

    const recalled = await statusOf(db, 'Reuben', 'Dewy');
    assert.equal(recalled.status.provision, 'cto');
    assert.equal(recalled.status.liable_to_be_detained, true);
    assert.ok(Temporal.Instant.from(recalled.due('recall-72h-ends')).equals(seededAt.add(hour(22))), 'recalled 50 hours ago: 22 hours of the 72 left');

    const placeOfSafety = await statusOf(db, 'Liddy', 'Smallbury');
    assert.equal(placeOfSafety.status.provision, 's136');
    assert.ok(placeOfSafety.due('authority-ends').equals(seededAt.add(hour(4))));
    const extended = await statusOf(db, 'Joseph', 'Poorgrass');
    assert.ok(extended.due('authority-ends').equals(seededAt.add(hour(13))), '23 hours in, extended by 12 under s136B');

    const holding = await statusOf(db, 'Cainy', 'Ball');
    assert.equal(holding.status.provision, 's5(2)');
    assert.ok(holding.due('authority-ends').equals(seededAt.add(hour(12))));

    const certificate = await statusOf(db, 'Samir', 'Fawley');
    assert.ok(within(certificate.due('certificate-or-second-opinion'), hour(24 * 7), hour(24 * 21)), 'a certificate is needed in the next few weeks');
    const certified = await statusOf(db, 'Bathsheba', 'Oak');
    assert.ok(!certified.deadlines.some((deadline) => deadline.kind === 'certificate-or-second-opinion'), 'a T2 certificate is held');

    const restricted = await statusOf(db, 'Michael', 'Newson');
    assert.equal(restricted.status.provision, 's37/41');
    assert.equal(restricted.status.restricted, true);
    assert.ok(within(restricted.due('annual-report-due'), hour(0), hour(24 * 31)), 'the annual report is due within the month');
    const conditionallyDischarged = await statusOf(db, 'Solomon', 'Longways');
    assert.ok(within(conditionallyDischarged.due('supervisor-report-due'), hour(0), hour(24 * 7)), 'the first supervisor’s report is due this week');

    const renewed = await statusOf(db, 'Angela', 'Clare');
    assert.ok(Temporal.Instant.compare(renewed.due('authority-ends'), seededAt.add({ hours: 24 * 150 })) > 0, 'the renewal furnished in the window carries the authority on');
    const inWindow = await statusOf(db, 'Marcus', 'Durbeyfield');
    assert.ok(within(inWindow.due('authority-ends'), hour(0), hour(24 * 31)));
    assert.ok(Temporal.Instant.compare(inWindow.due('renewal-window-opens'), seededAt) < 0, 'the renewal window is open');
  });

  it('has something overdue (an s2 that lapsed unnoticed) and several deadlines in the next seven days', async () => {
    const lapsed = await statusOf(db, 'Nathan', 'Wildeve');
    assert.equal(lapsed.status.provision, 'none');
    assert.ok(Temporal.Instant.compare(lapsed.due('authority-ends'), seededAt) < 0, 'the s2 authority ended before now');
    const findings = (lapsed.status.output as { findings: Finding[] }).findings;
    assert.ok(findings.some((finding) => finding.code === 'authority-lapsed' && finding.provision === 's2(4)'));

    const rows = await db.selectFrom('legal_deadlines').select(['person_id', 'kind', 'due']).where('agency_id', '=', trustId).execute();
    const soon = rows.filter((row) => {
      const due = Temporal.Instant.from(row.due);
      return Temporal.Instant.compare(due, seededAt) > 0 && Temporal.Instant.compare(due, seededAt.add({ hours: 24 * 7 })) <= 0;
    });
    assert.ok(new Set(soon.map((row) => row.person_id)).size >= 8, `${soon.length} deadlines fall due in the next seven days`);
    for (const kind of ['authority-ends', 'recall-72h-ends', 'supervisor-report-due', 'managers-reference-due']) {
      assert.ok(soon.some((row) => row.kind === kind), `a ${kind} deadline falls in the next seven days`);
    }

    // s132 information not yet given to the patient admitted three days ago: an open task, already due.
    const admitted = await personNamed(db, 'Jodie', 'Henchard');
    const task = await db.selectFrom('tasks').select(['role', 'due']).where('person_id', '=', admitted.id).where('kind', '=', 'rights-information').where('closed_at', 'is', null).executeTakeFirstOrThrow();
    assert.equal(task.role, 'mha-administrator');
    assert.ok(Temporal.Instant.compare(Temporal.Instant.from(task.due), seededAt) < 0);
  });

  it('writes every legal entry in the past, as a member of staff, each one passing the law engine', async () => {
    const people = await db.selectFrom('legal_status').select('person_id').execute();
    let legalEntries = 0;
    for (const { person_id } of people) {
      const entries = await loadEntries(db, person_id);
      for (const entry of entries) {
        assert.ok(entry.author.userId, 'written by a member of staff');
        assert.ok(Temporal.Instant.compare(entry.recordedAt, seededAt) < 0, 'written before the moment of seeding');
        if (entry.content.kind === 'legal-event-recorded') {
          assert.ok(Temporal.Instant.compare(Temporal.Instant.from(entry.content.data.event.at), entry.recordedAt) <= 0, 'an event is written after it happened');
        }
        if (entry.category === 'legal-status') legalEntries += 1;
      }
      assert.deepEqual(entriesTheEngineRefuses(entries), []);
      const now = legalPositionOf(entries, seededAt).output.findings.filter((finding) => finding.severity === 'error');
      assert.deepEqual(now, [], 'no error findings stand now');
    }
    assert.ok(legalEntries >= 150, `${legalEntries} legal entries`);
  });

  it('records relatives, so that the nearest relative is computed', async () => {
    const felicity = await personNamed(db, 'Felicity', 'Swancourt');
    const record = legalPositionOf(await loadEntries(db, felicity.id), seededAt).record;
    const position = nearestRelativePosition(record.relatives, record.nearestRelativeOrders, '1974-09-24', seededAt.toZonedDateTimeISO('Europe/London').toPlainDate());
    // Her husband is permanently separated from her (s26(5)(b)), so her son is her nearest relative.
    assert.equal(position.nearestRelative?.name, 'Christopher Swancourt');
    const relatives = await db.selectFrom('record_entries').select('id').where('kind', '=', 'relative-recorded').execute();
    assert.ok(relatives.length >= 15);
  });

  it('does not seed again: no patient, entry or deadline is duplicated', async () => {
    const count = async () => ({
      people: (await db.selectFrom('people').select('id').execute()).length,
      entries: (await db.selectFrom('record_entries').select('id').execute()).length,
      deadlines: (await db.selectFrom('legal_deadlines').select('person_id').execute()).length,
    });
    const before = await count();
    assert.equal((await seedDemo(db, () => seededAt.add({ hours: 1 }), 'a demo password')).seeded, false);
    assert.deepEqual(await count(), before);
  });
});

// The histories are counted back from whenever the demo is seeded. Just after midnight, days after the
// clocks went forward, on the 31st of a month that months counted back land in a leap-year February,
// they still all pass the law engine and give the same picture.
describe('the Wessex demo hospital seeded at an awkward moment', () => {
  it('seeds at 00:30 on 31 March 2028 with the same live deadlines', async () => {
    const { db, close } = await freshDatabase();
    try {
      const seededAt = Temporal.Instant.from('2028-03-31T00:30:00+01:00');
      assert.equal((await seedDemo(db, () => seededAt, 'a demo password')).seeded, true);
      const lapsed = await statusOf(db, 'Nathan', 'Wildeve');
      assert.equal(lapsed.status.provision, 'none');
      const recalled = await statusOf(db, 'Reuben', 'Dewy');
      assert.ok(recalled.due('recall-72h-ends').equals(seededAt.add(hour(22))));
      const statuses = await db.selectFrom('legal_status').select('output').execute();
      for (const { output } of statuses) assert.deepEqual((output as { findings: Finding[] }).findings.filter((finding) => finding.severity === 'error'), []);
    } finally {
      await close();
    }
  });
});
