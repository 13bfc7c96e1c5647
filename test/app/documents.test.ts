import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { AppContext } from '../../src/app/context.ts';
import { recordDocumentOutcome } from '../../src/app/documents/document-outcome.ts';
import { receiveDocument, type FormInput, type ReceiveDocumentInput } from '../../src/app/documents/receive-document.ts';
import { attachmentContent, viewDocument } from '../../src/app/documents/view-document.ts';
import { InvalidInput } from '../../src/app/errors.ts';
import { addApproval } from '../../src/app/organisation/organisation.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import type { DocumentReceivedData, LegalEventData, Placement } from '../../src/domain/legal/legal-entries.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff, systemContext } from '../support/harness.ts';
import { goodA2 } from '../domain/documents/form-test-support.ts';

// Receiving statutory documents: scrutiny refuses a form the law does not allow, citing the provision,
// and saves nothing; a good application is stored with its recommendations, record of admission,
// original and the legal event it records, in one go; the outcome of scrutiny, with s15's 14 days.

const pdf = new Uint8Array([...Buffer.from('%PDF-1.7\n'), ...Buffer.from('scanned form A2 with A4 and A4\n%%EOF\n')]);

function a4(name: string, examinedOn: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    practitionerName: name,
    practitionerAddress: 'Riverside Hospital',
    s12Approved: 'yes',
    previousAcquaintance: 'no',
    patientName: 'Alex Brown',
    patientAddress: '2 Hill Street',
    reasons: 'Acute psychotic episode; risk to own safety.',
    examinedOn,
    signedOn: examinedOn,
    ...overrides,
  };
}

function h3(admittedAt: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    hospital: 'Riverside Hospital',
    patientName: 'Alex Brown',
    section: 's2',
    admissionKind: 'admitted',
    admittedAt,
    recordedByName: 'Olive Office',
    recordedAt: admittedAt,
    ...overrides,
  };
}

describe('receiving statutory documents', () => {
  let database: TestDatabase;
  let office: AppContext;
  let amhpUserId: string;
  let lateAmhpUserId: string;
  let doctorUserId: string;
  let placement: Placement;
  let now = Temporal.Instant.from('2026-04-21T10:00:00Z');

  async function staff(username: string, role: Role, agencyName: string) {
    return addStaff(database.db, { username, role, agencyName, displayName: `Test ${username}` });
  }

  before(async () => {
    database = await freshDatabase();
    const officeAccount = await staff('office', 'mha-administrator', 'Riverside Partnership NHS Trust');
    office = { db: database.db, now: () => now, purpose: 'Testing', actor: { kind: 'user', userId: officeAccount.userId, label: 'Olive Office', role: 'mha-administrator', agencyId: officeAccount.agencyId, agencyName: officeAccount.agencyName } };
    placement = { agencyId: officeAccount.agencyId, agencyName: officeAccount.agencyName, teamId: null, teamName: null };
    const system = systemContext(database.db);
    amhpUserId = (await staff('amhp', 'amhp', 'Riverside Council')).userId;
    await addApproval(system, amhpUserId, { kind: 'amhp', validFrom: '2025-01-01', validTo: '2027-12-31', approvingBody: 'Riverside Council' });
    lateAmhpUserId = (await staff('late-amhp', 'amhp', 'Riverside Council')).userId;
    // Approved only from the day after the application is signed.
    await addApproval(system, lateAmhpUserId, { kind: 'amhp', validFrom: '2026-04-21', validTo: null, approvingBody: 'Riverside Council' });
    doctorUserId = (await staff('doctor', 'psychiatrist', 'Riverside Partnership NHS Trust')).userId;
    await addApproval(system, doctorUserId, { kind: 'section-12-doctor', validFrom: '2024-01-01', validTo: '2028-12-31', approvingBody: 'NHS England (South)' });
  });
  after(() => database.close());

  async function addPerson(familyName: string): Promise<string> {
    const outcome = await registerPerson(office, { givenNames: 'Alex', familyName, preferredName: null, otherNames: null, dateOfBirth: '1990-02-14', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null }, { confirmedNewPerson: true });
    assert.equal(outcome.kind, 'registered');
    return outcome.kind === 'registered' ? outcome.personId : '';
  }

  async function entries(personId: string) {
    return database.db.selectFrom('record_entries').select(['kind', 'data', 'sequence']).where('person_id', '=', personId).orderBy('sequence').execute();
  }

  async function attachmentCount(personId: string): Promise<number> {
    const row = await database.db.selectFrom('attachments').select((builder) => builder.fn.countAll<number>().as('count')).where('person_id', '=', personId).executeTakeFirstOrThrow();
    return Number(row.count);
  }

  // A2 by the AMHP in Accord, a first A4 by the s12 doctor in Accord, a second by a GP outside Accord who
  // is not s12 approved, and H3 Part 1 completed by the office.
  function application(overrides: { document?: Partial<FormInput>; values?: Record<string, string>; recommendations?: FormInput[]; admittedAt?: string; attachment?: ReceiveDocumentInput['attachment'] } = {}): ReceiveDocumentInput {
    return {
      formCode: 'A2',
      values: goodA2(overrides.values),
      signers: [{ signatoryId: 'applicant', userId: amhpUserId, name: '' }],
      ...overrides.document,
      recommendations: overrides.recommendations ?? [
        { formCode: 'A4', values: a4('Dr Asha Patel', '2026-04-19'), signers: [{ signatoryId: 'practitioner', userId: doctorUserId, name: '' }] },
        { formCode: 'A4', values: a4('Dr Tom Green', '2026-04-20', { s12Approved: 'no', previousAcquaintance: 'yes' }), signers: [{ signatoryId: 'practitioner', userId: null, name: 'Dr Tom Green' }] },
      ],
      admission: { values: h3(overrides.admittedAt ?? '2026-04-20T16:45'), signers: [{ signatoryId: 'managers-officer', userId: office.actor.userId, name: '' }] },
      attachment: overrides.attachment === undefined ? { filename: 'A2 bundle.pdf', mediaType: 'application/pdf', content: pdf } : overrides.attachment,
      placement,
    };
  }

  async function refusal(promise: Promise<unknown>): Promise<InvalidInput> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof InvalidInput) return error;
      throw error;
    }
    assert.fail('expected the document to be refused');
  }

  async function assertNothingSaved(personId: string) {
    assert.deepEqual((await entries(personId)).map((entry) => entry.kind), ['person-registered']);
    assert.equal(await attachmentCount(personId), 0);
    assert.equal(await database.db.selectFrom('legal_status').select('provision').where('person_id', '=', personId).executeTakeFirst(), undefined);
  }

  it('a valid A2 with two A4s and H3 stores each form, the original and the s2 admission from it', async () => {
    now = Temporal.Instant.from('2026-04-21T10:00:00Z');
    const id = await addPerson('Received');
    const result = await receiveDocument(office, id, 1, application());
    const rows = await entries(id);
    assert.deepEqual(
      rows.map((row) => row.kind),
      ['person-registered', 'legal-event-recorded', 'statutory-document-received', 'statutory-document-received', 'statutory-document-received', 'statutory-document-received'],
    );
    assert.equal((await database.db.selectFrom('people').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version, 6);
    const event = rows[1]!.data as LegalEventData;
    assert.equal(event.documentId, result.documentId);
    assert.equal(event.event.type, 's2-admitted');
    assert.equal(event.event.at, '2026-04-20T16:45:00+01:00');
    assert.deepEqual(event.placement, placement);
    const documents = rows.slice(2).map((row) => row.data as DocumentReceivedData);
    assert.deepEqual(documents.map((document) => document.formCode), ['A2', 'A4', 'A4', 'H3']);
    assert.equal(documents[0]!.documentId, result.documentId);
    assert.deepEqual(documents.slice(1).map((document) => document.receivedWith), [result.documentId, result.documentId, result.documentId]);
    // The GP said they are not s12 approved, and the engine takes the approvals from the records.
    const recommendations = (event.event as unknown as { application: { recommendations: { s12Approved: boolean }[] } }).application.recommendations;
    assert.deepEqual(recommendations.map((recommendation) => recommendation.s12Approved), [true, false]);
    const amhpChecks = documents[0]!.signers[0]!.approvalChecks ?? [];
    assert.equal(amhpChecks.length, 1);
    assert.equal(amhpChecks[0]!.basis, 'accord-record');
    assert.equal(amhpChecks[0]!.provision, 's114');
    const status = await database.db.selectFrom('legal_status').select('provision').where('person_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(status.provision, 's2');
    const stored = await database.db.selectFrom('attachments').selectAll().where('person_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(stored.media_type, 'application/pdf');
    assert.equal(stored.sha256, createHash('sha256').update(pdf).digest('hex'));
    assert.equal(documents[0]!.attachment?.id, stored.id);

    const original = await attachmentContent(office, id, stored.id);
    assert.deepEqual(Buffer.from(original.content), Buffer.from(pdf));
    assert.equal(original.mediaType, 'application/pdf');
    const view = await viewDocument(office, id, result.documentId);
    assert.equal(view.document.formCode, 'A2');
    assert.equal(view.receivedAlongside.length, 3);
    assert.equal(view.event?.event.type, 's2-admitted');
    const reads = await database.db.selectFrom('audit_log').select(['action', 'what']).where('person_id', '=', id).where('action', '=', 'read').execute();
    assert.ok(reads.some((read) => /Form A2/.test(read.what)), 'viewing the document is audited');
    assert.ok(reads.some((read) => /original/.test(read.what)), 'opening the original is audited');
  });

  it('examinations 6 clear days apart are refused citing s12(1), and nothing is saved', async () => {
    const id = await addPerson('TooFarApart');
    const error = await refusal(
      receiveDocument(
        office,
        id,
        1,
        application({
          recommendations: [
            { formCode: 'A4', values: a4('Dr Asha Patel', '2026-04-12'), signers: [{ signatoryId: 'practitioner', userId: doctorUserId, name: '' }] },
            { formCode: 'A4', values: a4('Dr Tom Green', '2026-04-19', { s12Approved: 'no' }), signers: [{ signatoryId: 'practitioner', userId: null, name: 'Dr Tom Green' }] },
          ],
        }),
      ),
    );
    const problem = error.problems.find((candidate) => candidate.message.startsWith('s12(1)'));
    assert.ok(problem, error.message);
    assert.equal(problem.field, 'recommendations[1].examinedOn');
    assert.match(problem.message, /6 clear days apart/);
    await assertNothingSaved(id);
  });

  it('an AMHP without an AMHP approval on the day of signing is refused citing s114', async () => {
    const id = await addPerson('Unapproved');
    const error = await refusal(receiveDocument(office, id, 1, application({ document: { signers: [{ signatoryId: 'applicant', userId: lateAmhpUserId, name: '' }] } })));
    const problem = error.problems.find((candidate) => candidate.field === 'document.signedOn');
    assert.ok(problem, error.message);
    assert.match(problem.message, /^s114: .*was not an approved mental health professional on 20 April 2026/);
    await assertNothingSaved(id);
  });

  it('an AMHP not in Accord needs the receiver to have checked the approval, and the check is kept', async () => {
    const id = await addPerson('OutsideAmhp');
    const unchecked = await refusal(receiveDocument(office, id, 1, application({ document: { signers: [{ signatoryId: 'applicant', userId: null, name: 'Jane Smith' }] } })));
    assert.ok(unchecked.problems.some((problem) => problem.field === 'document.signedOn' && problem.message.startsWith('s114:')), unchecked.message);
    const noRegister = await refusal(receiveDocument(office, id, 1, application({ document: { signers: [{ signatoryId: 'applicant', userId: null, name: 'Jane Smith', checkedApprovals: ['amhp'] }] } })));
    assert.ok(noRegister.problems.some((problem) => problem.field === 'document.signer.applicant.checkedAgainst'), noRegister.message);
    await assertNothingSaved(id);

    const result = await receiveDocument(office, id, 1, application({ document: { signers: [{ signatoryId: 'applicant', userId: null, name: 'Jane Smith', checkedApprovals: ['amhp'], checkedAgainst: 'Riverside Council AMHP register' }] } }));
    const view = await viewDocument(office, id, result.documentId);
    const check = view.document.signers[0]!.approvalChecks?.[0];
    assert.equal(check?.basis, 'register-checked-by-receiver');
    assert.match(check?.detail ?? '', /Riverside Council AMHP register by Olive Office on 21 April 2026/);
  });

  it('a time in the future is refused, and nothing is saved', async () => {
    const id = await addPerson('Future');
    const error = await refusal(receiveDocument(office, id, 1, application({ admittedAt: '2026-04-21T12:30' })));
    const problem = error.problems.find((candidate) => candidate.field === 'admission.admittedAt');
    assert.ok(problem, error.message);
    assert.match(problem.message, /in the future/);
    await assertNothingSaved(id);
  });

  it('a step the law does not allow is refused by the law engine with its provision, and the original is not kept', async () => {
    const id = await addPerson('LateConveyance');
    // Every form is right on its own, but the patient was admitted after the 14 days beginning with
    // the last medical examination during which the application authorises conveyance (s6(1)(a)).
    const error = await refusal(
      receiveDocument(
        office,
        id,
        1,
        application({
          values: { lastSawOn: '2026-04-10', signedOn: '2026-04-10' },
          recommendations: [
            { formCode: 'A4', values: a4('Dr Asha Patel', '2026-04-01'), signers: [{ signatoryId: 'practitioner', userId: doctorUserId, name: '' }] },
            { formCode: 'A4', values: a4('Dr Tom Green', '2026-04-02', { s12Approved: 'no' }), signers: [{ signatoryId: 'practitioner', userId: null, name: 'Dr Tom Green' }] },
          ],
        }),
      ),
    );
    assert.deepEqual(error.problems.map((problem) => problem.field), ['document']);
    assert.match(error.message, /\(s6\(1\)/);
    await assertNothingSaved(id);
  });

  it('a file that is not a PDF, PNG, JPEG or TIFF is refused, and nothing is saved', async () => {
    const id = await addPerson('WrongFile');
    const error = await refusal(receiveDocument(office, id, 1, application({ attachment: { filename: 'form.html', mediaType: 'text/html', content: new TextEncoder().encode('<html>not a scan</html>') } })));
    assert.deepEqual(error.problems.map((problem) => problem.field), ['attachment']);
    assert.match(error.message, /PDF, PNG, JPEG, TIFF/);
    const disguised = await refusal(receiveDocument(office, id, 1, application({ attachment: { filename: 'form.pdf', mediaType: 'image/png', content: pdf } })));
    assert.match(disguised.message, /its content is PDF/);
    await assertNothingSaved(id);
  });

  it('rectification is recorded within the 14 days beginning with the day of admission, and refused after, citing s15(1)', async () => {
    now = Temporal.Instant.from('2026-04-21T10:00:00Z');
    const id = await addPerson('Rectified');
    const result = await receiveDocument(office, id, 1, application());
    const [, firstRecommendation] = result.documentIds;
    // Admitted on 20 April: day 14 is 3 May, so the last moment is midnight at the end of 3 May (BST).
    now = Temporal.Instant.from('2026-05-03T22:59:00Z');
    await recordDocumentOutcome(office, id, 6, firstRecommendation!, { outcome: 'rectified', action: 'Dr Patel amended the patient’s address to 2 Hill Street.' });
    const second = await refusal(recordDocumentOutcome(office, id, 7, firstRecommendation!, { outcome: 'valid', action: '' }));
    assert.match(second.message, /already recorded/);

    now = Temporal.Instant.from('2026-05-03T23:00:00Z');
    const late = await refusal(recordDocumentOutcome(office, id, 7, result.documentId, { outcome: 'rectified', action: 'Amended the date.' }));
    assert.equal(late.problems[0]?.field, 'outcome');
    assert.match(late.message, /^outcome: s15\(1\): .*ended at midnight at the end of 3 May 2026/);
    assert.equal((await entries(id)).length, 7);

    const unexplained = await refusal(recordDocumentOutcome(office, id, 7, result.documentId, { outcome: 'invalid', action: ' ' }));
    assert.equal(unexplained.problems[0]?.field, 'action');
    await recordDocumentOutcome(office, id, 7, result.documentId, { outcome: 'invalid', action: 'Patient informed; new application sought.' });
    const view = await viewDocument(office, id, result.documentId);
    assert.equal(view.document.outcome?.outcome, 'invalid');
    assert.equal(view.document.outcome?.action, 'Patient informed; new application sought.');
  });

  it('a form that is not an application for admission cannot be rectified under s15', async () => {
    now = Temporal.Instant.from('2026-04-21T10:00:00Z');
    const id = await addPerson('NurseRecord');
    const result = await receiveDocument(office, id, 1, {
      formCode: 'H2',
      values: { hospital: 'Riverside Hospital', patientName: 'Alex Brown', nurseName: 'Nia Nurse', reasons: 'Trying to leave; at risk.', recordedAt: '2026-04-21T09:30' },
      signers: [{ signatoryId: 'nurse', userId: null, name: 'Nia Nurse' }],
      placement,
    });
    const rows = await entries(id);
    assert.deepEqual(rows.map((row) => row.kind), ['person-registered', 'legal-event-recorded', 'statutory-document-received']);
    assert.equal((rows[1]!.data as LegalEventData).event.type, 's5-4-recorded');
    const error = await refusal(recordDocumentOutcome(office, id, 3, result.documentId, { outcome: 'rectified', action: 'Amended.' }));
    assert.match(error.message, /only an application for admission, or a medical recommendation/);
  });
});
