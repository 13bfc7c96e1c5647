import { inTransaction } from '../../db/transaction.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { checkAttachment, type AttachmentInput } from '../documents/attachments.ts';
import { InvalidInput, NotFound } from '../errors.ts';
import { requirePermission } from '../policy.ts';
import type { Executor } from '../referrals/referral-store.ts';
import { findCall, maySeeCall, refuseCall } from './call-store.ts';

// Files attached to a crisis call (issue 7: a call records what is known of the risk, and attachments).
// Whoever may see the call may add to it and open what is there: the agencies it has been with, and
// anyone who may read the record of the person it is about. The limits on size and kind are those of
// the originals of statutory documents (checkAttachment), and the file is kept byte for byte.

export interface CallAttachment {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: Temporal.Instant;
}

export interface CallAttachmentContent extends CallAttachment {
  content: Uint8Array;
}

// The attachments of a call, oldest first, without their content. Not audited on its own: it is read as
// part of the call (see viewCall), whose reading is.
export async function attachmentsOfCall(db: Executor, callId: string): Promise<CallAttachment[]> {
  const rows = await db
    .selectFrom('call_attachments')
    .select(['id', 'filename', 'media_type', 'size', 'sha256', 'uploaded_by_label', 'uploaded_at'])
    .where('call_id', '=', callId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, filename: row.filename, mediaType: row.media_type, size: row.size, sha256: row.sha256, uploadedBy: row.uploaded_by_label, uploadedAt: Temporal.Instant.from(row.uploaded_at) }));
}

// Adds a file to the call. `file` is null when none was chosen.
export async function addCallAttachment(context: AppContext, callId: string, file: AttachmentInput | null): Promise<string> {
  requirePermission(context.actor, 'person.write');
  const call = await findCall(context.db, callId, context.now());
  if (!(await maySeeCall(context, call))) await refuseCall(context, call, 'You are not a party to this call, and may not read the record of the person it is about.');
  if (file === null) throw new InvalidInput([{ field: 'attachment', message: 'Choose a file to attach' }]);
  const checked = checkAttachment(file, 'attachment');
  if ('problem' in checked) throw new InvalidInput([checked.problem]);
  const attachment = checked.attachment;
  return inTransaction(context.db, async (trx) => {
    const row = await trx
      .insertInto('call_attachments')
      .values({
        call_id: call.id,
        filename: attachment.filename,
        media_type: attachment.mediaType,
        size: attachment.content.byteLength,
        sha256: attachment.sha256,
        content: attachment.content,
        uploaded_by: context.actor.userId,
        uploaded_by_label: context.actor.label,
        uploaded_at: context.now().toString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, context, [{ personId: call.personId, action: 'write', what: `Attached a file to a crisis call: ${attachment.filename} (sha256 ${attachment.sha256})` }]);
    return row.id;
  });
}

// Opens one attachment of the call: its content, as it was received.
export async function callAttachmentContent(context: AppContext, callId: string, attachmentId: string): Promise<CallAttachmentContent> {
  requirePermission(context.actor, 'person.read');
  const call = await findCall(context.db, callId, context.now());
  if (!(await maySeeCall(context, call))) await refuseCall(context, call, 'You are not a party to this call, and may not read the record of the person it is about.');
  if (!isUuid(attachmentId)) throw new NotFound('The attachment');
  return inTransaction(context.db, async (trx) => {
    const row = await trx.selectFrom('call_attachments').selectAll().where('id', '=', attachmentId.toLowerCase()).where('call_id', '=', call.id).executeTakeFirst();
    if (row === undefined) throw new NotFound('The attachment');
    await appendAudit(trx, context, [{ personId: call.personId, action: 'read', what: `Opened a file attached to a crisis call: ${row.filename}` }]);
    return {
      id: row.id,
      filename: row.filename,
      mediaType: row.media_type,
      size: row.size,
      sha256: row.sha256,
      uploadedBy: row.uploaded_by_label,
      uploadedAt: Temporal.Instant.from(row.uploaded_at),
      content: row.content,
    };
  });
}
