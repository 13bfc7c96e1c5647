import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AttachmentRef } from '../../domain/legal/legal-entries.ts';
import type { AppContext } from '../context.ts';
import type { FieldProblem } from '../errors.ts';

// The original of a statutory document: a scan or an electronic copy, kept byte for byte (the
// attachments table refuses updates and deletes). Only kinds of file that a scanner or a signed
// electronic form produce are accepted, and the kind is read from the file's own first bytes, not from
// what the browser says, so that what is served back later is what it claims to be.

export const maximumAttachmentBytes = 10 * 1024 * 1024;

export const attachmentKinds = [
  { mediaType: 'application/pdf', label: 'PDF', matches: (bytes: Uint8Array) => startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
  { mediaType: 'image/png', label: 'PNG', matches: (bytes: Uint8Array) => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mediaType: 'image/jpeg', label: 'JPEG', matches: (bytes: Uint8Array) => startsWith(bytes, [0xff, 0xd8, 0xff]) },
  { mediaType: 'image/tiff', label: 'TIFF', matches: (bytes: Uint8Array) => startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) },
] as const;

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);
}

export interface AttachmentInput {
  filename: string;
  // What the sender said the file is; checked against its content.
  mediaType: string;
  content: Uint8Array;
}

export interface CheckedAttachment {
  filename: string;
  mediaType: string;
  content: Uint8Array;
  sha256: string;
}

// A file name safe to keep and to send back in a Content-Disposition header: no path, no control
// characters, no quotes.
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return cleaned === '' ? 'original' : cleaned;
}

export function checkAttachment(input: AttachmentInput, field = 'attachment'): { attachment: CheckedAttachment } | { problem: FieldProblem } {
  const allowed = attachmentKinds.map((kind) => kind.label).join(', ');
  if (input.content.byteLength === 0) return { problem: { field, message: 'The file you chose is empty' } };
  if (input.content.byteLength > maximumAttachmentBytes) return { problem: { field, message: 'The file must be 10 MB or smaller' } };
  const kind = attachmentKinds.find((candidate) => candidate.matches(input.content));
  if (kind === undefined) return { problem: { field, message: `The file must be a ${allowed} file` } };
  const claimed = input.mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  // Browsers send a generic type for files they do not recognise; any specific claim must agree.
  if (claimed !== '' && claimed !== 'application/octet-stream' && claimed !== kind.mediaType && !(kind.mediaType === 'image/jpeg' && claimed === 'image/pjpeg')) {
    return { problem: { field, message: `The file says it is ${claimed} but its content is ${kind.label}: check you chose the right file` } };
  }
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  return { attachment: { filename: safeFilename(input.filename), mediaType: kind.mediaType, content: input.content, sha256 } };
}

export async function storeAttachment(trx: Transaction<Database>, context: AppContext, personId: string, attachment: CheckedAttachment): Promise<AttachmentRef> {
  const row = await trx
    .insertInto('attachments')
    .values({
      person_id: personId,
      filename: attachment.filename,
      media_type: attachment.mediaType,
      size: attachment.content.byteLength,
      sha256: attachment.sha256,
      content: attachment.content,
      uploaded_by: context.actor.userId,
      uploaded_at: context.now().toString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, filename: attachment.filename, mediaType: attachment.mediaType, size: attachment.content.byteLength, sha256: attachment.sha256 };
}
