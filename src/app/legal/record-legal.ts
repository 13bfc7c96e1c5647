import { inTransaction } from '../../db/transaction.ts';
import type { Finding } from '../../domain/law/contract.ts';
import type { LegalEventData } from '../../domain/legal/legal-entries.ts';
import type { LegalEntryContent, RecordEntry } from '../../domain/people/person.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound } from '../errors.ts';
import { requirePermission } from '../policy.ts';
import { ensureAgencyInvolvement } from '../sharing/involvements.ts';
import { involveCasework } from '../restricted/casework.ts';
import { refuseWithoutConsent } from '../restricted/requests.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';
import { appendEntry, loadEntries } from '../people/record-store.ts';
import { legalPositionOf, refreshLegalProjection, UnevaluableRecord, type LegalPosition } from './legal-position.ts';

// Writing to a person's legal record. Every write is checked by the law engine before it is saved: a
// step the law does not allow (an error the engine finds that was not there before) is refused with its
// provision and nothing is written; warnings are saved and shown. The derived legal status, deadlines
// and tasks are brought up to date in the same transaction.

export interface LegalWriteResult {
  entryId: string;
  position: LegalPosition;
  // Findings the new entry brought that the person recording it should see.
  newFindings: Finding[];
}

function findingKey(finding: Finding): string {
  return `${finding.code}|${finding.provision}|${finding.message}`;
}

function provisionalEntry(context: AppContext, sequence: number, content: LegalEntryContent, supersedes: string | null): RecordEntry {
  return {
    id: `provisional-${sequence}`,
    sequence,
    content,
    category: 'legal-status',
    supersedes,
    reason: null,
    recordedAt: context.now(),
    author: { userId: context.actor.userId, name: context.actor.label, role: context.actor.role ?? 'system', agencyId: context.actor.agencyId, agencyName: context.actor.agencyName },
  };
}

// `at` values the user gave must not be in the future.
export function refuseFuture(context: AppContext, field: string, at: string, what: string): void {
  if (Temporal.Instant.compare(Temporal.Instant.from(at), context.now()) > 0) {
    throw new InvalidInput([{ field, message: `${what} is in the future: record things once they have happened` }]);
  }
}

// The engine's input problems name fields in the contract's notation (`events[3].hours`); the person
// recording sees the field of the one event they entered.
function contractProblems(error: unknown): never {
  if (error instanceof UnevaluableRecord) {
    const [first] = error.problems;
    const field = (first && /^events\[\d+\]\.(\w+)/.exec(first.field)?.[1]) ?? 'event';
    const detail = error.problems.map((problem) => `${problem.field.replace(/^events\[\d+\]\.?/, '')} ${problem.message}`.trim()).join('; ');
    throw new InvalidInput([{ field, message: `This cannot be recorded: ${detail}` }]);
  }
  throw error;
}

export async function appendLegalEntry(
  context: AppContext,
  personId: string,
  expectedVersion: number,
  content: LegalEntryContent,
  auditWhat: string,
  supersedes: string | null = null,
): Promise<LegalWriteResult> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'legal-status', change: true });
  return inTransaction(context.db, async (trx) => {
    const entries = await loadEntries(trx, personId);
    if (entries.length === 0) throw new NotFound('The person');
    const now = context.now();
    const before = legalPositionOf(entries, now);
    const provisional = provisionalEntry(context, entries.length + 1, content, supersedes);
    let after: LegalPosition;
    try {
      after = legalPositionOf([...entries, provisional], now);
    } catch (error) {
      contractProblems(error);
    }
    const known = new Set(before.output.findings.map(findingKey));
    const newFindings = after.output.findings.filter((finding) => !known.has(findingKey(finding)));
    const refused = newFindings.filter((finding) => finding.severity === 'error');
    if (refused.length > 0) {
      throw new InvalidInput(refused.map((finding) => ({ field: 'event', message: `${finding.message} (${finding.provision})` })));
    }
    // Leave, transfer and discharge of a restricted patient need the Secretary of State's consent (s41(3)(c)).
    await refuseWithoutConsent(trx, personId, content, before.output.status.restricted, now);
    const { entryId } = await appendEntry(trx, context, personId, expectedVersion, { content, supersedes });
    // The entries as now stored: those read above and the one just written, without reading them again.
    const position = await refreshLegalProjection(trx, context, personId, [...entries, { ...provisional, id: entryId }]);
    // The hospital or local authority a person is placed with under the Act is involved with them.
    const placedWith = content.kind === 'legal-event-recorded' ? content.data.placement : content.kind === 'hospital-transfer' ? content.data.to : null;
    if (placedWith) await ensureAgencyInvolvement(trx, context, personId, placedWith.agencyId, `Placed with ${placedWith.agencyName} under the Mental Health Act`);
    // A patient who has just become restricted is the Ministry of Justice casework team's to oversee.
    if (position.output.status.restricted && !before.output.status.restricted) await involveCasework(trx, context, personId);
    await appendAudit(trx, context, [{ personId, action: 'write', what: auditWhat }]);
    return { entryId, position, newFindings };
  });
}

export async function recordLegalEvent(context: AppContext, personId: string, expectedVersion: number, data: LegalEventData, auditWhat: string): Promise<LegalWriteResult> {
  refuseFuture(context, 'at', data.event.at, 'The time given');
  return appendLegalEntry(context, personId, expectedVersion, { kind: 'legal-event-recorded', data }, auditWhat);
}

// Withdraws a legal event entered in error. The engine checks the history without it, as for any write.
export async function withdrawLegalEvent(context: AppContext, personId: string, expectedVersion: number, entryId: string, reason: string): Promise<LegalWriteResult> {
  const trimmed = reason.trim();
  if (trimmed === '') throw new InvalidInput([{ field: 'reason', message: 'Enter why the event is being withdrawn' }]);
  if (trimmed.length > 1000) throw new InvalidInput([{ field: 'reason', message: 'Reason must be 1000 characters or fewer' }]);
  requirePermission(context.actor, 'person.write');
  const entries = await loadEntries(context.db, personId);
  const target = entries.find((entry) => entry.id === entryId);
  if (target === undefined || target.content.kind !== 'legal-event-recorded') throw new NotFound('The legal event');
  if (entries.some((entry) => entry.content.kind === 'legal-event-withdrawn' && entry.content.data.entryId === entryId)) {
    throw new InvalidInput([{ field: 'entryId', message: 'This event has already been withdrawn' }]);
  }
  return appendLegalEntry(context, personId, expectedVersion, { kind: 'legal-event-withdrawn', data: { entryId, reason: trimmed } }, 'Withdrew a legal event entered in error', entryId);
}
