import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { cookieHeader, cookiesFrom, addStaff, startTestApp, TestClient, type TestApp } from '../support/harness.ts';

// Attaching a file to a crisis call through its page (a multipart form that works without JavaScript),
// and downloading it again, exactly as it was, from the link the page shows.
describe('crisis call attachment pages', () => {
  let test: TestApp;
  let control: TestClient;
  let elsewhere: TestClient;
  let callPath = '';
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('photograph of the scene'), Buffer.from([0, 255, 13, 10])]);

  // Posts the upload form as a browser does, with the session's cookies.
  async function upload(client: TestClient, url: string, file: { name: string; type: string; content: Buffer } | null) {
    const form = new FormData();
    form.append('_csrf', client.csrfToken);
    form.append('attachment', file === null ? new Blob([]) : new Blob([new Uint8Array(file.content)], { type: file.type }), file === null ? '' : file.name);
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

  before(async () => {
    test = await startTestApp();
    await addStaff(test.db, { username: 'control', role: 'police-control-room', agencyName: 'Wessex Police', agencyKind: 'police-force', displayName: 'Control' });
    await addStaff(test.db, { username: 'elsewhere', role: 'police-officer', agencyName: 'Dorset Police', agencyKind: 'police-force', displayName: 'Elsewhere' });
    control = new TestClient(test.app);
    await control.signIn('control');
    elsewhere = new TestClient(test.app);
    await elsewhere.signIn('elsewhere');
    await control.get('/calls/new');
    const raised = await control.post('/calls/new', {
      category: 'concern-for-welfare',
      caller: 'A neighbour, by phone',
      location: 'Bus shelter, Quay Street',
      concern: 'A man in distress, talking of ending his life.',
      risk: 'high',
      riskKnown: 'Nothing known: not on Accord.',
      personId: '',
      personDescription: 'Man in his forties, blue coat',
    });
    assert.equal(raised.statusCode, 303);
    callPath = String(raised.headers.location).split('?')[0]!;
  });
  after(() => test.close());

  it('offers a multipart upload form on the call page, and names the field when the file is refused', async () => {
    const page = await control.get(callPath);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /No files attached\./);
    assert.match(page.body, new RegExp(`<form method="post" action="${callPath}/attachments" enctype="multipart/form-data"`));
    assert.match(page.body, /<input class="govuk-file-upload[^"]*" id="attachment" name="attachment" type="file"/);
    const wrong = await upload(control, `${callPath}/attachments`, { name: 'notes.txt', type: 'text/plain', content: Buffer.from('just some text') });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /href="#attachment">The file must be a PDF, PNG, JPEG, TIFF file/);
    const none = await upload(control, `${callPath}/attachments`, null);
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /href="#attachment">Choose a file to attach/);
  });

  it('attaches a file through the page, lists it, and downloads the same bytes as an attachment with its type', async () => {
    await control.get(callPath);
    const saved = await upload(control, `${callPath}/attachments`, { name: 'scene photo.png', type: 'image/png', content: png });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `${callPath}?saved=attachment`);
    const page = await control.get(callPath);
    const link = new RegExp(`href="(${callPath}/attachments/[0-9a-f-]{36})"[^>]*>scene photo.png`).exec(page.body);
    assert.ok(link, 'the call page links to the attachment');
    assert.match(page.body, /PNG, 35 bytes/);
    const download = await control.get(link[1]!);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'image/png');
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="scene photo.png"/);
    assert.deepEqual(download.rawPayload, png);
    assert.equal(createHash('sha256').update(download.rawPayload).digest('hex'), createHash('sha256').update(png).digest('hex'));

    // Someone who may not see the call may not open its files either.
    const refused = await elsewhere.get(link[1]!);
    assert.equal(refused.statusCode, 403);
    assert.notDeepEqual(refused.rawPayload, png);
  });

  it('refuses an upload without the CSRF token, and keeps nothing', async () => {
    const before = await test.db.selectFrom('call_attachments').select('id').execute();
    control.csrfToken = 'not-the-token';
    const response = await upload(control, `${callPath}/attachments`, { name: 'x.png', type: 'image/png', content: png });
    assert.ok(response.statusCode === 403 || response.statusCode === 400, String(response.statusCode));
    assert.equal((await test.db.selectFrom('call_attachments').select('id').execute()).length, before.length);
  });
});
