import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { InvalidInput, PolicyDenied } from '../../src/app/errors.ts';
import { parseSearchText, searchPeople } from '../../src/app/people/find-people.ts';
import { viewPerson } from '../../src/app/people/view-person.ts';
import { accessReport } from '../../src/app/sharing/access-report.ts';
import { subjectAccessExport, subjectAccessSchema } from '../../src/app/sharing/subject-access.ts';
import { auditEntriesAbout } from '../support/audit.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { breakGlassReason, clinicalNoteText, riskStated, sharedRecord, staffMember, type SharedRecord, type StaffMember } from '../support/transparency.ts';

describe('the access report and the subject access export', () => {
  let database: TestDatabase;
  let record: SharedRecord;
  let governance: StaffMember;
  let setUpUntil: Temporal.Instant;

  before(async () => {
    database = await freshDatabase();
    record = await sharedRecord(database.db, 'report');
    governance = await staffMember(database.db, 'report.governance', 'information-governance-lead', 'mental-health-trust', 'Wessex Partnership NHS Trust');
    // The police officer reads the record; the housing officer, not involved, is refused; a search lists Helen.
    await viewPerson(record.police.context, record.personId);
    await assert.rejects(viewPerson(record.housing.context, record.personId), PolicyDenied);
    await searchPeople(record.trust.context, parseSearchText('Marsh'));
    setUpUntil = Temporal.Now.instant();
  });
  after(() => database.close());

  it('tells the person who looked, by organisation and member of staff, in plain words', async () => {
    const report = await accessReport(governance.context, record.personId);
    assert.equal(report.personName, 'Helen Marsh');
    const police = report.agencies.find((agency) => agency.agency === 'Wessex Police');
    assert.ok(police, 'the police force is listed');
    const officer = police.staff.find((member) => member.who === 'Test report.police');
    assert.ok(officer);
    assert.equal(officer.role, 'police-officer');
    assert.equal(officer.counts.looked, 1);
    assert.deepEqual(
      officer.uses.map((use) => [use.happened, use.what]),
      [['Looked at your record', "Viewed the person's summary and chronology"]],
    );
    // The trust's own staff: they registered and changed the record, and listed Helen in a search.
    const trust = report.agencies.find((agency) => agency.agency === 'Wessex Partnership NHS Trust')!;
    const administrator = trust.staff.find((member) => member.who === 'Test report.admin')!;
    assert.ok(administrator.counts.changed >= 2);
    assert.equal(administrator.counts.listed, 1);
    assert.ok(administrator.uses.some((use) => use.inList && use.happened === 'Saw your name in a list'));
  });

  it('lists a refusal with who was refused and why', async () => {
    const report = await accessReport(governance.context, record.personId);
    const housing = report.agencies.find((agency) => agency.agency === 'Portsea Housing Association')!;
    assert.equal(housing.counts.refused, 1);
    assert.equal(housing.staff[0]!.who, 'Test report.housing');
    const refusal = housing.staff[0]!.uses.find((use) => use.action === 'refused')!;
    assert.equal(refusal.happened, 'Was refused access to your record');
    assert.match(refusal.what, /not involved with this person/);
  });

  it('lists every disclosure with its basis, what it disclosed, to whom, who approved it and until when', async () => {
    const report = await accessReport(governance.context, record.personId);
    assert.equal(report.disclosures.length, 1);
    const disclosure = report.disclosures[0]!;
    assert.equal(disclosure.basisLabel, 'Public interest: a real risk of serious harm to others');
    assert.equal(disclosure.justification, riskStated);
    assert.equal(disclosure.recipientAgency, 'Wessex Probation Service');
    assert.equal(disclosure.fromAgency, 'Wessex Partnership NHS Trust');
    assert.equal(disclosure.identity, true);
    assert.deepEqual(
      disclosure.items.map((item) => [item.entryId, item.kindLabel, item.categoryLabel]),
      [[record.noteId, 'Note', 'Clinical']],
    );
    assert.equal(disclosure.decidedBy, 'Test report.caldicott');
    assert.equal(disclosure.status, 'in-force');
    assert.ok(Temporal.Instant.compare(disclosure.expiresAt, Temporal.Now.instant()) > 0);
  });

  it('lists emergency access with its reason and review, and everyone involved', async () => {
    const report = await accessReport(governance.context, record.personId);
    assert.equal(report.emergencyAccess.length, 1);
    const access = report.emergencyAccess[0]!;
    assert.equal(access.who, 'Test report.paramedic');
    assert.equal(access.agency, 'South Western Ambulance Service');
    assert.equal(access.reason, breakGlassReason);
    assert.equal(access.current, false);
    assert.equal(access.reviewOutcomeLabel, 'Appropriate: the emergency justified the access');
    assert.equal(access.reviewedBy, 'Test report.caldicott');
    assert.deepEqual(report.involvements.map((involvement) => involvement.agency).sort(), ['Wessex Partnership NHS Trust', 'Wessex Police']);
    assert.ok(report.involvements.every((involvement) => involvement.current));
  });

  it('records that the report was produced, and shows that in the report itself', async () => {
    const report = await accessReport(governance.context, record.personId);
    const own = report.agencies.find((agency) => agency.agency === 'Wessex Partnership NHS Trust')!.staff.find((member) => member.who === 'Test report.governance')!;
    assert.match(own.uses[0]!.what, /^Produced the access report for the person/);
    const audited = await auditEntriesAbout(database.db, record.personId).where('actor_label', '=', 'Test report.governance').execute();
    assert.ok(audited.length >= 1);
    assert.ok(audited.every((entry) => entry.action === 'read'));
  });

  it('covers only the period asked for', async () => {
    const report = await accessReport(governance.context, record.personId, { from: setUpUntil, to: null });
    assert.equal(report.agencies.find((agency) => agency.agency === 'Wessex Police'), undefined, 'the police read was before the period');
    assert.deepEqual(report.emergencyAccess, [], 'the emergency access ended before the period');
    assert.equal(report.disclosures.length, 1, 'the disclosure is still in force during the period');
    await assert.rejects(accessReport(governance.context, record.personId, { from: setUpUntil, to: setUpUntil }), (error: unknown) => {
      assert.ok(error instanceof InvalidInput);
      assert.equal(error.problems[0]!.field, 'to');
      return true;
    });
  });

  it('is refused to a role that does not oversee the use of records, and nothing is recorded as produced', async () => {
    await assert.rejects(accessReport(record.police.context, record.personId), PolicyDenied);
    await assert.rejects(subjectAccessExport(record.police.context, record.personId), PolicyDenied);
    const produced = await auditEntriesAbout(database.db, record.personId).where('actor_label', '=', 'Test report.police').where('what', 'like', 'Produced%').execute();
    assert.deepEqual(produced, []);
  });

  it('exports every entry of the record, whatever its category, as plain JSON with its schema and time', async () => {
    const content = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]);
    const sha256 = createHash('sha256').update(content).digest('hex');
    await database.db
      .insertInto('attachments')
      .values({ person_id: record.personId, filename: 'A2.pdf', media_type: 'application/pdf', size: content.byteLength, sha256, content, uploaded_by: record.trust.userId, uploaded_at: Temporal.Now.instant().toString() })
      .execute();
    await database.db
      .insertInto('consents')
      .values({
        person_id: record.personId,
        decision: 'agreed',
        agency_ids: sql<string[]>`array[${record.police.agencyId}]::uuid[]`,
        categories: sql<string[]>`array['identity', 'legal-status']::text[]`,
        purpose: 'Crisis planning',
        how_given: 'in-writing',
        capacity: 'has-capacity',
        best_interests: null,
        valid_until: null,
        recorded_by: record.trust.userId,
        recorded_by_label: 'Test report.admin',
        recorded_by_agency: 'Wessex Partnership NHS Trust',
        recorded_at: Temporal.Now.instant().toString(),
      })
      .execute();

    // The information governance lead's own policy does not include clinical information; subject access
    // is to everything held, so the export holds it all.
    const held = await subjectAccessExport(governance.context, record.personId);
    assert.equal(held.schema, subjectAccessSchema);
    assert.ok(Temporal.Instant.compare(Temporal.Instant.from(held.generatedAt), setUpUntil) > 0);
    assert.deepEqual(JSON.parse(JSON.stringify(held)), held, 'the export is plain JSON');

    const stored = await database.db.selectFrom('record_entries').select('id').where('person_id', '=', record.personId).execute();
    assert.deepEqual(held.entries.map((entry) => entry.id).sort(), stored.map((row) => row.id).sort());
    const note = held.entries.find((entry) => entry.id === record.noteId)!;
    assert.equal(note.category, 'clinical');
    assert.deepEqual(note.data, { category: 'clinical', text: clinicalNoteText });
    assert.equal(note.author.agency, 'Wessex Partnership NHS Trust');

    assert.equal(held.person.details.nhsNumber, '9434765919');
    assert.deepEqual(held.originals.map((original) => [original.filename, original.sha256, original.size]), [['A2.pdf', sha256, content.byteLength]]);
    assert.ok(!JSON.stringify(held.originals).includes('content'), 'the original itself is not in the export');
    assert.deepEqual(held.consents.map((consent) => [consent.decision, consent.agencies]), [['agreed', ['Wessex Police']]]);
    assert.equal(held.disclosures.length, 1);
    assert.equal(held.emergencyAccess[0]!.reason, breakGlassReason);
    assert.equal(held.involvements.length, 2);
    assert.ok(held.accessReport.agencies.some((agency) => agency.agency === 'Wessex Police'));
    const seriousHarm = held.releaseChecks.find((check) => check.id === 'serious-harm');
    assert.equal(seriousHarm?.entries, 1, 'the clinical note is flagged for the serious harm test');

    const exported = await auditEntriesAbout(database.db, record.personId).where('actor_label', '=', 'Test report.governance').where('what', 'like', 'Exported everything held%').execute();
    assert.equal(exported.length, 1);
  });
});
