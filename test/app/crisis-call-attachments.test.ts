import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { AppContext } from '../../src/app/context.ts';
import { addCallAttachment, callAttachmentContent } from '../../src/app/crisis/call-attachments.ts';
import { raiseCall } from '../../src/app/crisis/calls.ts';
import { viewCall } from '../../src/app/crisis/read-calls.ts';
import { maximumAttachmentBytes } from '../../src/app/documents/attachments.ts';
import { InvalidInput, PolicyDenied } from '../../src/app/errors.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff } from '../support/harness.ts';

// Files attached to a crisis call: kept byte for byte, limited in size and kind as the originals of
// statutory documents are, open to whoever may see the call and to nobody else, and never changed.
describe('crisis call attachments', () => {
  let database: TestDatabase;
  const clock = Temporal.Instant.from('2026-03-10T22:00:00Z');
  const staff: Record<string, { userId: string; agencyId: string; agencyName: string; role: Role; label: string }> = {};
  let callId = '';
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('Care plan handed to the crew\n'), Buffer.from([0, 1, 2, 255])]);

  function as(name: string): AppContext {
    const member = staff[name]!;
    return { db: database.db, now: () => clock, purpose: 'Testing call attachments', actor: { kind: 'user', userId: member.userId, label: member.label, role: member.role, agencyId: member.agencyId, agencyName: member.agencyName } };
  }

  async function add(name: string, role: Role, agencyName: string, agencyKind: AgencyKind) {
    const added = await addStaff(database.db, { username: name, role, agencyName, agencyKind, displayName: name });
    staff[name] = { userId: added.userId, agencyId: added.agencyId, agencyName: added.agencyName, role, label: name };
  }

  async function problemOf(action: Promise<unknown>): Promise<{ field: string; message: string }[]> {
    try {
      await action;
    } catch (error) {
      if (error instanceof InvalidInput) return error.problems;
      throw error;
    }
    assert.fail('expected the attachment to be refused');
  }

  async function attachmentCount(): Promise<number> {
    const row = await database.db.selectFrom('call_attachments').select((builder) => builder.fn.countAll<number>().as('count')).where('call_id', '=', callId).executeTakeFirstOrThrow();
    return Number(row.count);
  }

  before(async () => {
    database = await freshDatabase();
    await add('control', 'police-control-room', 'Wessex Police', 'police-force');
    await add('elsewhere', 'police-officer', 'Dorset Police', 'police-force');
    callId = await raiseCall(as('control'), {
      category: 'concern-for-welfare',
      caller: 'A neighbour, by phone',
      location: 'Bus shelter, Quay Street',
      concern: 'A man in distress, talking of ending his life.',
      risk: 'high',
      riskKnown: 'Nothing known: not on Accord.',
      personId: null,
      personDescription: 'Man in his forties, blue coat',
    });
  });
  after(() => database.close());

  it('keeps the file byte for byte: read back, it is the same bytes with the same sha256, and the call lists it', async () => {
    const id = await addCallAttachment(as('control'), callId, { filename: 'C:\\scans\\care plan.pdf', mediaType: 'application/pdf', content: new Uint8Array(pdf) });
    const file = await callAttachmentContent(as('control'), callId, id);
    assert.deepEqual(Buffer.from(file.content), pdf);
    assert.equal(file.sha256, createHash('sha256').update(pdf).digest('hex'));
    assert.equal(file.mediaType, 'application/pdf');
    assert.equal(file.filename, 'care plan.pdf');
    assert.equal(file.size, pdf.byteLength);
    const view = await viewCall(as('control'), callId);
    assert.deepEqual(view.attachments.map((item) => [item.id, item.filename, item.uploadedBy]), [[id, 'care plan.pdf', 'control']]);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'what']).where('actor_user_id', '=', staff.control!.userId).execute();
    assert.ok(audit.some((entry) => entry.action === 'write' && entry.what.startsWith('Attached a file to a crisis call: care plan.pdf')));
    assert.ok(audit.some((entry) => entry.action === 'read' && entry.what === 'Opened a file attached to a crisis call: care plan.pdf'));
  });

  it('refuses a file too large, of the wrong kind, or not chosen, naming the field and saving nothing', async () => {
    const before = await attachmentCount();
    const tooLarge = new Uint8Array(maximumAttachmentBytes + 1);
    tooLarge.set(pdf.subarray(0, 5));
    assert.deepEqual(await problemOf(addCallAttachment(as('control'), callId, { filename: 'huge.pdf', mediaType: 'application/pdf', content: tooLarge })), [{ field: 'attachment', message: 'The file must be 10 MB or smaller' }]);
    const [wrongKind] = await problemOf(addCallAttachment(as('control'), callId, { filename: 'notes.html', mediaType: 'text/html', content: new TextEncoder().encode('<script>alert(1)</script>') }));
    assert.equal(wrongKind?.field, 'attachment');
    assert.match(wrongKind?.message ?? '', /PDF, PNG, JPEG, TIFF/);
    assert.deepEqual(await problemOf(addCallAttachment(as('control'), callId, null)), [{ field: 'attachment', message: 'Choose a file to attach' }]);
    assert.equal(await attachmentCount(), before);
  });

  it('refuses someone who may not see the call, both adding and opening, and writes the refusal to the audit log', async () => {
    const before = await attachmentCount();
    await assert.rejects(addCallAttachment(as('elsewhere'), callId, { filename: 'x.pdf', mediaType: 'application/pdf', content: new Uint8Array(pdf) }), PolicyDenied);
    assert.equal(await attachmentCount(), before);
    const [existing] = await database.db.selectFrom('call_attachments').select('id').where('call_id', '=', callId).execute();
    await assert.rejects(callAttachmentContent(as('elsewhere'), callId, existing!.id), PolicyDenied);
    const refusals = await database.db.selectFrom('audit_log').select('what').where('actor_user_id', '=', staff.elsewhere!.userId).where('action', '=', 'refused').execute();
    assert.equal(refusals.length, 2);
  });

  it('never changes or removes an attachment once kept', async () => {
    await assert.rejects(database.db.updateTable('call_attachments').set({ filename: 'renamed.pdf' }).where('call_id', '=', callId).execute());
    await assert.rejects(database.db.deleteFrom('call_attachments').where('call_id', '=', callId).execute());
    assert.equal(await attachmentCount(), 1);
  });
});
