import { inTransaction } from '../../db/transaction.ts';
import { formByCode, type FormDefinition } from '../../domain/documents/forms.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { deriveLegalRecord, type ReceivedDocument, type RecordedLegalEvent } from '../../domain/legal/legal-record.ts';
import { derivePersonState, displayName } from '../../domain/people/person.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { NotFound } from '../errors.ts';
import { requirePermission } from '../policy.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';
import { loadEntries } from '../people/record-store.ts';
import { rectificationWindow, type RectificationWindow } from './rectification.ts';

// Reading a statutory document as it was received, and its original. Both are reads of the person's
// record and are audited.

export interface DocumentView {
  personId: string;
  name: string;
  version: number;
  document: ReceivedDocument;
  form: FormDefinition | undefined;
  // The legal event recorded from it (for an application, the admission), and whether it was withdrawn.
  event: (RecordedLegalEvent & { withdrawn: boolean }) | null;
  // The application it was received with, or the forms received with it.
  receivedWith: ReceivedDocument | null;
  receivedAlongside: ReceivedDocument[];
  rectification: RectificationWindow;
}

export async function viewDocument(context: AppContext, personId: string, documentId: string): Promise<DocumentView> {
  requirePermission(context.actor, 'person.read');
  await requirePersonAccess(context, personId, { category: 'legal-status' });
  if (!isUuid(personId)) throw new NotFound('The person');
  return inTransaction(context.db, async (trx) => {
    const entries = await loadEntries(trx, personId);
    if (entries.length === 0) throw new NotFound('The person');
    const record = deriveLegalRecord(entries);
    const document = record.documents.find((candidate) => candidate.documentId === documentId);
    if (document === undefined) throw new NotFound('The document');
    await appendAudit(trx, context, [{ personId, action: 'read', what: `Viewed statutory document Form ${document.formCode} as received` }]);
    const withdrawn = record.withdrawnEvents.find((event) => event.documentId === documentId);
    const current = record.events.find((event) => event.documentId === documentId);
    const state = derivePersonState(entries);
    const receivedWithId = document.receivedWith ?? null;
    return {
      personId,
      name: displayName(state.details),
      version: state.version,
      document,
      form: formByCode(document.formCode),
      event: current !== undefined ? { ...current, withdrawn: false } : withdrawn !== undefined ? { ...withdrawn, withdrawn: true } : null,
      receivedWith: receivedWithId === null ? null : (record.documents.find((candidate) => candidate.documentId === receivedWithId) ?? null),
      receivedAlongside: record.documents.filter((candidate) => candidate.receivedWith === documentId),
      rectification: rectificationWindow(record, document),
    };
  });
}

export interface AttachmentContent {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  content: Uint8Array;
}

// The original file, found only through the person it belongs to, so that an address cannot pair one
// person's record with another's file.
export async function attachmentContent(context: AppContext, personId: string, attachmentId: string): Promise<AttachmentContent> {
  requirePermission(context.actor, 'person.read');
  await requirePersonAccess(context, personId, { category: 'legal-status' });
  if (!isUuid(personId) || !isUuid(attachmentId)) throw new NotFound('The original');
  return inTransaction(context.db, async (trx) => {
    const row = await trx.selectFrom('attachments').select(['id', 'filename', 'media_type', 'size', 'sha256', 'content']).where('id', '=', attachmentId).where('person_id', '=', personId).executeTakeFirst();
    if (row === undefined) throw new NotFound('The original');
    await appendAudit(trx, context, [{ personId, action: 'read', what: `Opened the original of a statutory document (${row.filename})` }]);
    return { id: row.id, filename: row.filename, mediaType: row.media_type, size: row.size, sha256: row.sha256, content: row.content };
  });
}

// The original received with a document. Finding which file belongs to the document is not itself a
// read of anything shown; opening the file is, and attachmentContent audits it.
export async function originalOfDocument(context: AppContext, personId: string, documentId: string): Promise<AttachmentContent> {
  requirePermission(context.actor, 'person.read');
  await requirePersonAccess(context, personId, { category: 'legal-status' });
  if (!isUuid(personId)) throw new NotFound('The person');
  const record = deriveLegalRecord(await loadEntries(context.db, personId));
  const attachment = record.documents.find((candidate) => candidate.documentId === documentId)?.attachment ?? null;
  if (attachment === null) throw new NotFound('The original');
  return attachmentContent(context, personId, attachment.id);
}

export interface DocumentList {
  personId: string;
  name: string;
  documents: ReceivedDocument[];
}

// Every statutory document received for a person, newest first, with its outcome.
export async function listDocuments(context: AppContext, personId: string): Promise<DocumentList> {
  requirePermission(context.actor, 'person.read');
  await requirePersonAccess(context, personId, { category: 'legal-status' });
  if (!isUuid(personId)) throw new NotFound('The person');
  return inTransaction(context.db, async (trx) => {
    const entries = await loadEntries(trx, personId);
    if (entries.length === 0) throw new NotFound('The person');
    await appendAudit(trx, context, [{ personId, action: 'list', what: 'Listed the statutory documents received' }]);
    const documents = deriveLegalRecord(entries).documents;
    return { personId, name: displayName(derivePersonState(entries).details), documents: [...documents].reverse() };
  });
}
