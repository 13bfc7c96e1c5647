import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addApproval } from '../../src/app/organisation/organisation.ts';
import { forms } from '../../src/domain/documents/forms.ts';
import { recommendationChoices } from '../../src/web/documents/document-form.ts';
import { addStaff, cookieHeader, cookiesFrom, startTestApp, systemContext, TestClient, type TestApp } from '../support/harness.ts';

// Receiving statutory documents through the pages: every form in the catalogue renders; a submission
// (multipart, with the original) is scrutinised, and refused with the provision and nothing saved when
// it is wrong; the document page shows the findings, the s15 deadline and the outcome; the original
// downloads as it was sent.

const london = 'Europe/London';
const pdf = Buffer.from('%PDF-1.4\nA2, A4, A4 and H3 as scanned\n%%EOF\n');

function today(): Temporal.PlainDate {
  return Temporal.Now.plainDateISO(london);
}

function dateBoxes(name: string, day: Temporal.PlainDate): Record<string, string> {
  return { [`${name}-day`]: String(day.day), [`${name}-month`]: String(day.month), [`${name}-year`]: String(day.year) };
}

function dateTimeBoxes(name: string, day: Temporal.PlainDate, time: string): Record<string, string> {
  return { ...dateBoxes(name, day), [`${name}-time`]: time };
}

function errorSummary(html: string): string {
  return /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1]?.replace(/\s+/g, ' ') ?? html.slice(0, 300);
}

describe('receiving statutory documents through the pages', () => {
  let test: TestApp;
  let client: TestClient;
  let agencyId: string;
  let officeId: string;
  let amhpId: string;
  let doctorId: string;

  before(async () => {
    test = await startTestApp();
    const agencyName = 'Riverside Partnership NHS Trust';
    const office = await addStaff(test.db, { username: 'office', role: 'mha-administrator', agencyName });
    agencyId = office.agencyId;
    officeId = office.userId;
    amhpId = (await addStaff(test.db, { username: 'amhp', role: 'amhp', agencyName, displayName: 'Jane Smith' })).userId;
    doctorId = (await addStaff(test.db, { username: 'doctor', role: 'psychiatrist', agencyName, displayName: 'Dr Asha Patel' })).userId;
    const system = systemContext(test.db);
    const longAgo = today().subtract({ years: 1 }).toString();
    await addApproval(system, amhpId, { kind: 'amhp', validFrom: longAgo, validTo: null, approvingBody: 'Riverside Council' });
    await addApproval(system, doctorId, { kind: 'section-12-doctor', validFrom: longAgo, validTo: null, approvingBody: 'NHS England (South)' });
    client = new TestClient(test.app);
    await client.signIn('office');
  });
  after(() => test.close());

  async function addPerson(familyName: string): Promise<string> {
    await client.get('/people/new');
    const response = await client.post('/people', { givenNames: 'Alex', familyName, interpreterNeeded: 'no', confirmedNewPerson: 'yes' });
    assert.equal(response.statusCode, 303, response.body);
    return String(response.headers.location).split('/').pop()!;
  }

  async function entryKinds(personId: string): Promise<string[]> {
    const rows = await test.db.selectFrom('record_entries').select('kind').where('person_id', '=', personId).orderBy('sequence').execute();
    return rows.map((row) => row.kind);
  }

  async function attachmentCount(personId: string): Promise<number> {
    const row = await test.db.selectFrom('attachments').select((builder) => builder.fn.countAll<number>().as('count')).where('person_id', '=', personId).executeTakeFirstOrThrow();
    return Number(row.count);
  }

  // Posts a multipart form as a browser does, with the session's cookies.
  async function postMultipart(url: string, fields: Record<string, string | string[]>, file: { name: string; type: string; content: Buffer } | null, options: { csrf?: boolean } = {}) {
    const form = new FormData();
    if (options.csrf !== false) form.append('_csrf', client.csrfToken);
    for (const [name, value] of Object.entries(fields)) for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
    form.append('original', file === null ? new Blob([]) : new Blob([new Uint8Array(file.content)], { type: file.type }), file === null ? '' : file.name);
    const request = new Request('http://accord.test/', { method: 'POST', body: form });
    const response = await test.app.inject({
      method: 'POST',
      url,
      headers: { cookie: cookieHeader(client.jar), 'content-type': request.headers.get('content-type')! },
      payload: Buffer.from(await request.arrayBuffer()),
    });
    cookiesFrom(response.headers['set-cookie'], client.jar);
    return response;
  }

  // A2 by the AMHP, A4s by the s12 doctor and by a GP outside Accord, and H3 Part 1 by the office; the
  // examinations `firstExamined` and `secondExamined` days ago, the application and admission yesterday.
  function applicationFields(version: string, firstExamined: number, secondExamined: number, overrides: Record<string, string> = {}): Record<string, string> {
    const yesterday = today().subtract({ days: 1 });
    return {
      version,
      with: 'A4-A4',
      'document-hospital': 'Riverside Hospital',
      'document-applicantName': 'Jane Smith',
      'document-applicantAddress': 'Civic Centre',
      'document-actingFor': 'Riverside Council',
      'document-nearestRelativeStep': 'will-inform',
      'document-patientName': 'Alex Brown',
      'document-patientAddress': '2 Hill Street',
      ...dateBoxes('document-lastSawOn', yesterday),
      ...dateBoxes('document-signedOn', yesterday),
      'document-signer-applicant': amhpId,
      'recommendation1-practitionerName': 'Dr Asha Patel',
      'recommendation1-practitionerAddress': 'Riverside Hospital',
      'recommendation1-s12Approved': 'yes',
      'recommendation1-previousAcquaintance': 'no',
      'recommendation1-patientName': 'Alex Brown',
      'recommendation1-patientAddress': '2 Hill Street',
      'recommendation1-reasons': 'Acute psychotic episode.',
      ...dateBoxes('recommendation1-examinedOn', today().subtract({ days: firstExamined })),
      ...dateBoxes('recommendation1-signedOn', today().subtract({ days: firstExamined })),
      'recommendation1-signer-practitioner': doctorId,
      'recommendation2-practitionerName': 'Dr Tom Green',
      'recommendation2-practitionerAddress': 'Hill Surgery',
      'recommendation2-s12Approved': 'no',
      'recommendation2-previousAcquaintance': 'yes',
      'recommendation2-patientName': 'Alex Brown',
      'recommendation2-patientAddress': '2 Hill Street',
      'recommendation2-reasons': 'Known to me for years; relapse.',
      ...dateBoxes('recommendation2-examinedOn', today().subtract({ days: secondExamined })),
      ...dateBoxes('recommendation2-signedOn', today().subtract({ days: secondExamined })),
      'recommendation2-signer-practitioner': 'outside',
      'admission-hospital': 'Riverside Hospital',
      'admission-patientName': 'Alex Brown',
      'admission-section': 's2',
      'admission-admissionKind': 'admitted',
      ...dateTimeBoxes('admission-admittedAt', yesterday, '16:45'),
      'admission-recordedByName': 'Olive Office',
      ...dateTimeBoxes('admission-recordedAt', yesterday, '17:00'),
      'admission-signer-managers-officer': officeId,
      placement: agencyId,
      ...overrides,
    };
  }

  async function openApplication(personId: string): Promise<string> {
    const page = await client.get(`/people/${personId}/documents/new/A2?with=A4-A4`);
    assert.equal(page.statusCode, 200);
    return /name="version" value="(\d+)"/.exec(page.body)![1]!;
  }

  it('every form in the catalogue renders its page, and the list offers them by family', async () => {
    const personId = await addPerson('Catalogue');
    const chooser = await client.get(`/people/${personId}/documents/new`);
    assert.equal(chooser.statusCode, 200);
    for (const form of forms) assert.match(chooser.body, new RegExp(`value="${form.code}"`));
    assert.match(chooser.body, /Community treatment orders/);
    const chosen = await client.get(`/people/${personId}/documents/new?form=CTO1`);
    assert.equal(chosen.statusCode, 303);
    assert.equal(chosen.headers.location, `/people/${personId}/documents/new/CTO1`);
    assert.equal((await client.get(`/people/${personId}/documents/new?form=`)).statusCode, 400);

    for (const form of forms) {
      const choices = recommendationChoices(form);
      const urls = choices.length > 1 ? [`/people/${personId}/documents/new/${form.code}`, ...choices.map((choice) => `/people/${personId}/documents/new/${form.code}?with=${choice.value}`)] : [`/people/${personId}/documents/new/${form.code}`];
      for (const url of urls) {
        const page = await client.get(url);
        assert.equal(page.statusCode, 200, `${url}: ${page.body.slice(0, 500)}`);
        if (!url.endsWith(`/${form.code}`) || choices.length <= 1) {
          assert.match(page.body, /enctype="multipart\/form-data"/, url);
          for (const part of form.parts) assert.ok(page.body.includes(part.title.replaceAll("'", '&#39;')), `${url} shows ${part.title}`);
        } else {
          assert.match(page.body, /Which medical recommendations came with/, url);
        }
      }
    }
  });

  it('an A2 with two A4s examined 6 clear days apart is refused with s12(1) shown, and nothing is saved', async () => {
    const personId = await addPerson('TooFarApart');
    const version = await openApplication(personId);
    const response = await postMultipart(`/people/${personId}/documents/new/A2`, applicationFields(version, 9, 2), { name: 'bundle.pdf', type: 'application/pdf', content: pdf });
    assert.equal(response.statusCode, 400);
    assert.match(errorSummary(response.body), /s12\(1\): where the doctors examined the patient separately/);
    assert.match(response.body, /href="#recommendation2-examinedOn-day"/);
    assert.deepEqual(await entryKinds(personId), ['person-registered']);
    assert.equal(await attachmentCount(personId), 0);
  });

  it('an AMHP without an AMHP approval on the day of signing is refused citing s114', async () => {
    const personId = await addPerson('NotApproved');
    const version = await openApplication(personId);
    // The applicant is recorded as someone not in Accord, and no approval was checked on a register.
    const response = await postMultipart(`/people/${personId}/documents/new/A2`, applicationFields(version, 2, 1, { 'document-signer-applicant': 'outside' }), null);
    assert.equal(response.statusCode, 400);
    assert.match(errorSummary(response.body), /s114: Jane Smith \(approved mental health professional\) was not an approved mental health professional/);
    assert.deepEqual(await entryKinds(personId), ['person-registered']);
  });

  it('a multipart form without the CSRF token is refused, and nothing is saved', async () => {
    const personId = await addPerson('Forged');
    const version = await openApplication(personId);
    const response = await postMultipart(`/people/${personId}/documents/new/A2`, applicationFields(version, 2, 1), { name: 'bundle.pdf', type: 'application/pdf', content: pdf }, { csrf: false });
    assert.equal(response.statusCode, 403);
    assert.deepEqual(await entryKinds(personId), ['person-registered']);
    assert.equal(await attachmentCount(personId), 0);
  });

  it('a file that is not a PDF, PNG, JPEG or TIFF is refused', async () => {
    const personId = await addPerson('WrongType');
    const version = await openApplication(personId);
    const response = await postMultipart(`/people/${personId}/documents/new/A2`, applicationFields(version, 2, 1), { name: 'form.txt', type: 'text/plain', content: Buffer.from('not a scan') });
    assert.equal(response.statusCode, 400);
    assert.match(errorSummary(response.body), /href="#original">The file must be a PDF, PNG, JPEG, TIFF file/);
    assert.deepEqual(await entryKinds(personId), ['person-registered']);
    assert.equal(await attachmentCount(personId), 0);
  });

  it('a file over 10 MB is refused with a clear page, and nothing is saved', async () => {
    const personId = await addPerson('TooLarge');
    const version = await openApplication(personId);
    const large = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    large.write('%PDF-1.4\n');
    const response = await postMultipart(`/people/${personId}/documents/new/A2`, applicationFields(version, 2, 1), { name: 'huge.pdf', type: 'application/pdf', content: large });
    assert.equal(response.statusCode, 413);
    assert.match(response.body, /larger than 10 MB, so nothing was saved/);
    assert.deepEqual(await entryKinds(personId), ['person-registered']);
    assert.equal(await attachmentCount(personId), 0);
  });

  it('a valid A2 with two A4s is received: the s2 admission, findings, s15 deadline, outcome and the original', async () => {
    const personId = await addPerson('Received');
    const version = await openApplication(personId);
    const response = await postMultipart(`/people/${personId}/documents/new/A2`, applicationFields(version, 2, 1), { name: 'A2 bundle.pdf', type: 'application/pdf', content: pdf });
    assert.equal(response.statusCode, 303, errorSummary(response.body));
    const location = String(response.headers.location);
    assert.match(location, new RegExp(`^/people/${personId}/documents/[0-9a-f-]{36}\\?received=1$`));
    assert.deepEqual(await entryKinds(personId), ['person-registered', 'legal-event-recorded', 'statutory-document-received', 'statutory-document-received', 'statutory-document-received', 'statutory-document-received']);
    const status = await test.db.selectFrom('legal_status').select(['provision', 'agency_id']).where('person_id', '=', personId).executeTakeFirstOrThrow();
    assert.equal(status.provision, 's2');
    assert.equal(status.agency_id, agencyId);

    const page = await client.get(location);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Form A2: Application by an approved mental health professional/);
    assert.match(page.body, /Admitted for assessment, s2/);
    const lastDay = today().subtract({ days: 1 }).add({ days: 13 });
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    assert.ok(page.body.includes(`Rectification possible until midnight at the end of ${lastDay.day} ${months[lastDay.month - 1]} ${lastDay.year}`), 'the s15 deadline is shown');
    assert.match(page.body, /From Accord’s record of approvals/);
    const recommendationLinks = [...page.body.matchAll(/href="(\/people\/[^"]+\/documents\/[0-9a-f-]{36})">Form A4/g)].map((match) => match[1]!);
    assert.equal(recommendationLinks.length, 2);
    const secondRecommendation = await client.get(recommendationLinks[1]!);
    assert.match(secondRecommendation.body, /Dr Tom Green \(not in Accord\)/);
    assert.match(secondRecommendation.body, /Received with the application/);
    // The status page links to the document from the event it recorded.
    const documentPath = location.split('?')[0]!;
    assert.ok((await client.get(`/people/${personId}/legal`)).body.includes(`href="${documentPath}"`));

    const original = await client.get(`${documentPath}/original`);
    assert.equal(original.statusCode, 200);
    assert.equal(original.headers['content-type'], 'application/pdf');
    assert.equal(original.headers['x-content-type-options'], 'nosniff');
    assert.match(String(original.headers['content-disposition']), /^attachment; filename="A2 bundle.pdf"/);
    assert.deepEqual(original.rawPayload, pdf);

    const pageVersion = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const unexplained = await client.post(`${documentPath}/outcome`, { version: pageVersion, outcome: 'rectified', action: '' });
    assert.equal(unexplained.statusCode, 400);
    assert.match(errorSummary(unexplained.body), /Say what was amended/);
    const rectified = await client.post(`${documentPath}/outcome`, { version: pageVersion, outcome: 'rectified', action: 'Jane Smith corrected the hospital address.' });
    assert.equal(rectified.statusCode, 303);
    const after = await client.get(String(rectified.headers.location));
    assert.match(after.body, /Rectified under s15/);
    assert.match(after.body, /Jane Smith corrected the hospital address\./);
    assert.doesNotMatch(after.body, /Record the outcome/);

    const list = await client.get(`/people/${personId}/documents`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Form A2<span class="govuk-visually-hidden">[^<]*<\/span><\/a>: [^<]*<\/td>\s*<td[^>]*>[^<]*<\/td>\s*<td[^>]*>Rectified under s15/);
    assert.equal((list.body.match(/\(with Form A2\)/g) ?? []).length, 3);
  });
});
