import { tribunalReferenceProvisions, type TribunalReferenceData, type TribunalReferenceProvision } from '../../domain/legal/legal-entries.ts';
import { deriveLegalRecord } from '../../domain/legal/legal-record.ts';
import { dueReferenceMet } from '../../domain/legal/tribunal-references.ts';
import type { RecordEntry } from '../../domain/people/person.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound } from '../errors.ts';
import { requirePermission } from '../policy.ts';
import { loadEntries } from '../people/record-store.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';
import { legalPositionOf } from './legal-position.ts';
import { appendLegalEntry, refuseFuture, type LegalWriteResult } from './record-legal.ts';

// Recording that the patient's case was referred to the tribunal. Which due reference it met is worked out
// from the legal record as it stood when the reference was made (the engine's deadlines at that instant,
// from the events up to it) and written into the entry, so the record says whether a due reference was
// met and the deadline, its task and the report read that answer.

export interface TribunalReferenceInput {
  at: string;
  provision: TribunalReferenceProvision;
  note: string | null;
}

export interface TribunalReferenceResult extends LegalWriteResult {
  reference: TribunalReferenceData;
}

// The entries as they stood at `at` for the engine: legal events after it left out (the engine takes no
// event later than the instant it is asked about); other entries kept, for the date of birth.
function entriesAsAt(entries: readonly RecordEntry[], at: Temporal.Instant): RecordEntry[] {
  return entries.filter((entry) => entry.content.kind !== 'legal-event-recorded' || Temporal.Instant.compare(Temporal.Instant.from(entry.content.data.event.at), at) <= 0);
}

export async function recordTribunalReference(context: AppContext, personId: string, expectedVersion: number, input: TribunalReferenceInput): Promise<TribunalReferenceResult> {
  if (!(input.provision in tribunalReferenceProvisions)) throw new InvalidInput([{ field: 'provision', message: 'Select the provision the reference was made under' }]);
  refuseFuture(context, 'at', input.at, 'The time the reference was made');
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'legal-status', change: true });
  const entries = await loadEntries(context.db, personId);
  if (entries.length === 0) throw new NotFound('The person');
  const at = Temporal.Instant.from(input.at);
  const then = legalPositionOf(entriesAsAt(entries, at), at);
  const alreadyMet = deriveLegalRecord(entries).tribunalReferences.flatMap((reference) => (reference.met === null ? [] : [reference.met]));
  const met = dueReferenceMet({ at, provision: input.provision }, { provision: then.output.status.provision, deadlines: then.output.deadlines }, alreadyMet);
  const reference: TribunalReferenceData = { at: input.at, by: tribunalReferenceProvisions[input.provision].by, provision: input.provision, met, note: input.note };
  // appendLegalEntry checks the version against the record as it is now, so an entry written since these
  // entries were read refuses this one as stale rather than leaving `met` worked out from an old record.
  const result = await appendLegalEntry(context, personId, expectedVersion, { kind: 'tribunal-reference-made', data: reference }, `Recorded a reference to the tribunal (${input.provision})`);
  return { ...result, reference };
}
