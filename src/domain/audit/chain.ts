import { createHash } from 'node:crypto';

// One entry of the tamper-evident audit log. Each entry's hash covers its own fields and the hash of
// the entry before it, so changing, removing or reordering any entry breaks every hash after it.
export interface AuditFields {
  sequence: number;
  at: string;
  actorUserId: string | null;
  actorLabel: string;
  actorRole: string | null;
  agencyId: string | null;
  agencyName: string | null;
  personId: string | null;
  // The people shown, for an entry about a list; null otherwise.
  personIds: readonly string[] | null;
  action: string;
  what: string;
  purpose: string;
  previousHash: string;
}

export const genesisHash = '0'.repeat(64);

export function auditEntryHash(fields: AuditFields): string {
  // The people a list showed are hashed after the other fields, and only when there are some, so that
  // entries written before lists were kept this way keep their hashes.
  const canonical = JSON.stringify([
    fields.sequence,
    fields.at,
    fields.actorUserId,
    fields.actorLabel,
    fields.actorRole,
    fields.agencyId,
    fields.agencyName,
    fields.personId,
    fields.action,
    fields.what,
    fields.purpose,
    fields.previousHash,
    ...(fields.personIds === null ? [] : [fields.personIds]),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export type ChainBreak =
  | { sequence: number; problem: 'hash-mismatch' }
  | { sequence: number; problem: 'previous-hash-mismatch' }
  | { sequence: number; problem: 'sequence-gap'; expected: number };

// Checks entries in sequence order, carrying the previous hash across calls so a long log can be read
// in pages. Returns the first break, or null.
export function findChainBreak(
  entries: Iterable<AuditFields & { hash: string }>,
  start: { previousHash: string; nextSequence: number },
): ChainBreak | null {
  let previousHash = start.previousHash;
  let expectedSequence = start.nextSequence;
  for (const entry of entries) {
    if (entry.sequence !== expectedSequence) {
      return { sequence: entry.sequence, problem: 'sequence-gap', expected: expectedSequence };
    }
    if (entry.previousHash !== previousHash) return { sequence: entry.sequence, problem: 'previous-hash-mismatch' };
    if (auditEntryHash(entry) !== entry.hash) return { sequence: entry.sequence, problem: 'hash-mismatch' };
    previousHash = entry.hash;
    expectedSequence += 1;
  }
  start.previousHash = previousHash;
  start.nextSequence = expectedSequence;
  return null;
}
