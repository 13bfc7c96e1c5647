import type { AccordDatabase } from '../../db/database.ts';
import { findChainBreak, genesisHash, type ChainBreak } from '../../domain/audit/chain.ts';
import { rowToAuditFields } from './audit-log.ts';

export interface ChainVerification {
  entriesChecked: number;
  firstBreak: ChainBreak | null;
}

// Reads the whole audit log in pages and checks every link of the chain.
export async function verifyAuditChain(db: AccordDatabase, pageSize = 5000): Promise<ChainVerification> {
  const cursor = { previousHash: genesisHash, nextSequence: 1 };
  let checked = 0;
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('sequence', '>', after)
      .orderBy('sequence')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) break;
    const entries = rows.map(rowToAuditFields);
    const firstBreak = findChainBreak(entries, cursor);
    if (firstBreak) {
      const index = entries.findIndex((entry) => entry.sequence === firstBreak.sequence);
      return { entriesChecked: checked + index, firstBreak };
    }
    checked += rows.length;
    after = entries[entries.length - 1]!.sequence;
  }
  return { entriesChecked: checked, firstBreak: null };
}

export function describeChainBreak(chainBreak: ChainBreak): string {
  switch (chainBreak.problem) {
    case 'hash-mismatch':
      return `entry ${chainBreak.sequence} has been altered: its contents no longer match its hash`;
    case 'previous-hash-mismatch':
      return `entry ${chainBreak.sequence} does not link to the entry before it: an entry before it was altered, removed or inserted`;
    case 'sequence-gap':
      return `entry ${chainBreak.expected} is missing: the log jumps to entry ${chainBreak.sequence}`;
  }
}
