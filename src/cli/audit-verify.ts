import { z } from 'zod';
import { describeChainBreak, verifyAuditChain } from '../app/audit/verify-audit-chain.ts';
import { defineCommand, exitCodes, writeLine } from './command.ts';
import { withDatabase } from './database.ts';

function entries(value: number): string {
  return `${value.toLocaleString('en-GB')} ${value === 1 ? 'entry' : 'entries'}`;
}

export const auditVerifyCommand = defineCommand({
  words: ['audit', 'verify'],
  summary: 'Check the audit log’s hash chain from the first entry to the last',
  usage: 'accord audit verify',
  description:
    'Reads every entry of the audit log in order and checks that each one still matches its hash and links to ' +
    'the entry before it. Exits 0 when the whole chain is intact; otherwise names the first broken entry and exits 1.',
  options: {},
  input: z.object({}),
  run: (_input, io) =>
    withDatabase(io, { migrate: false, mustExist: true }, async ({ db }) => {
      const verification = await verifyAuditChain(db);
      if (verification.firstBreak === null) {
        writeLine(io.stdout, `Audit log intact: ${entries(verification.entriesChecked)} checked, each matching its hash and linked to the one before.`);
        return exitCodes.success;
      }
      const broken = verification.firstBreak;
      // The entry as it now stands (possibly altered), to help whoever investigates find it.
      const row = await db.selectFrom('audit_log').select(['at', 'actor_label', 'action', 'what']).where('sequence', '=', broken.sequence).executeTakeFirst();
      writeLine(io.stderr, `Audit log BROKEN: ${describeChainBreak(broken)}.`);
      if (row) writeLine(io.stderr, `Entry ${broken.sequence} now reads: ${row.at} | ${row.actor_label} | ${row.action} | ${row.what}`);
      writeLine(io.stderr, `The ${entries(verification.entriesChecked)} before it ${verification.entriesChecked === 1 ? 'is' : 'are'} intact.`);
      return exitCodes.failure;
    }),
});
