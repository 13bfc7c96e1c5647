import { inTransaction } from '../../db/transaction.ts';
import { formatDay } from '../../domain/documents/forms.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { documentOutcomes, type DocumentOutcome, type DocumentOutcomeData } from '../../domain/legal/legal-entries.ts';
import { deriveLegalRecord } from '../../domain/legal/legal-record.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound } from '../errors.ts';
import { requirePermission } from '../policy.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';
import { appendEntry, loadEntries } from '../people/record-store.ts';
import { rectificationWindow } from './rectification.ts';

// The outcome of scrutinising a statutory document: valid as received; rectified under s15 (amended by
// its signer within the 14 days the Act allows); or invalid, with what was done about it (the patient
// told, a new application sought, the patient discharged).
//
// One outcome per document. The record is append-only and the outcome is the managers' decision on
// the document as received, so a second, different outcome is refused rather than quietly replacing the
// first: a document found defective after it was accepted as valid is a new fact to record on the
// person's legal record (and, where the detention cannot rest on it, through the legal events), not a
// change to what scrutiny said at the time.

export interface DocumentOutcomeInput {
  outcome: DocumentOutcome;
  // What was done: for a rectification, the amendment made and by whom; for an invalid document, the
  // action taken. May be left empty only for a valid document.
  action: string;
}

const maximumActionLength = 2000;

export async function recordDocumentOutcome(context: AppContext, personId: string, expectedVersion: number, documentId: string, input: DocumentOutcomeInput): Promise<{ entryId: string }> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'legal-status', change: true });
  if (!isUuid(personId)) throw new NotFound('The person');
  if (!(input.outcome in documentOutcomes)) throw new InvalidInput([{ field: 'outcome', message: 'Select the outcome of scrutiny' }]);
  const action = input.action.trim();
  if (input.outcome === 'rectified' && action === '') throw new InvalidInput([{ field: 'action', message: 'Say what was amended, and who amended it' }]);
  if (input.outcome === 'invalid' && action === '') throw new InvalidInput([{ field: 'action', message: 'Say what was done, for example that the patient was told and a new application was sought' }]);
  if (action.length > maximumActionLength) throw new InvalidInput([{ field: 'action', message: `What was done must be ${maximumActionLength} characters or fewer` }]);

  return inTransaction(context.db, async (trx) => {
    const entries = await loadEntries(trx, personId);
    if (entries.length === 0) throw new NotFound('The person');
    const record = deriveLegalRecord(entries);
    const document = record.documents.find((candidate) => candidate.documentId === documentId);
    if (document === undefined) throw new NotFound('The document');
    if (document.outcome !== null) {
      throw new InvalidInput([{ field: 'outcome', message: `The outcome of scrutiny is already recorded for this document (${documentOutcomes[document.outcome.outcome].toLowerCase()}); it is not changed afterwards` }]);
    }
    const now = context.now();
    if (input.outcome === 'rectified') {
      const window = rectificationWindow(record, document);
      if (!window.applies) throw new InvalidInput([{ field: 'outcome', message: window.reason }]);
      if (Temporal.Instant.compare(now, window.endsAt) >= 0) {
        throw new InvalidInput([
          {
            field: 'outcome',
            message: `s15(1): a document may be amended only within the 14 days beginning with the day the patient was admitted (${formatDay(window.admittedOn)}); that period ended at midnight at the end of ${formatDay(window.lastDay)}. Record it as invalid, with what was done`,
          },
        ]);
      }
    }
    const data: DocumentOutcomeData = { documentId, outcome: input.outcome, action, at: now.toString() };
    const { entryId } = await appendEntry(trx, context, personId, expectedVersion, { content: { kind: 'document-outcome-recorded', data } });
    await appendAudit(trx, context, [{ personId, action: 'write', what: `Recorded the outcome of scrutiny of Form ${document.formCode}: ${input.outcome}` }]);
    return { entryId };
  });
}
