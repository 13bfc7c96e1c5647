import { isUuid } from '../../domain/identifiers.ts';
import { inTransaction } from '../../db/transaction.ts';
import { derivePersonState, supersessions, type PersonDetails, type PersonState, type RecordEntry } from '../../domain/people/person.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { NotFound } from '../errors.ts';
import { requirePermission } from '../policy.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';
import { entrySight, type EntrySight, type PersonAccess } from '../../domain/sharing/person-access.ts';
import { loadEntries } from './record-store.ts';

export interface PersonRecordView {
  personId: string;
  state: PersonState;
  // Newest first, each with the entry that superseded it, if any: only the entries the reader may see,
  // each marked as theirs to see or as disclosed to them.
  chronology: { entry: RecordEntry; supersededBy: RecordEntry | null; supersedes: RecordEntry | null; sight: Exclude<EntrySight, 'hidden'> }[];
  access: PersonAccess;
  // Whether the reader sees the person's identifying details, or only their name.
  identityVisible: boolean;
  // Entries in the record that the reader's policy does not let them see (said, so nothing is hidden silently).
  hiddenEntries: number;
}


function nameOnly(details: PersonDetails): PersonDetails {
  return {
    givenNames: details.givenNames,
    familyName: details.familyName,
    preferredName: details.preferredName,
    otherNames: null,
    dateOfBirth: null,
    nhsNumber: null,
    pncId: null,
    probationReference: null,
    address: null,
    preferredLanguage: null,
    interpreterNeeded: false,
    communicationNeeds: null,
  };
}

// Reads a person's record and writes the read to the audit log in the same transaction.
export async function viewPerson(context: AppContext, personId: string, what = "Viewed the person's summary and chronology"): Promise<PersonRecordView> {
  requirePermission(context.actor, 'person.read');
  if (!isUuid(personId)) throw new NotFound('The person');
  const access = await requirePersonAccess(context, personId, { category: 'identity', disclosedView: true });
  return inTransaction(context.db, async (trx) => {
    const entries = await loadEntries(trx, personId);
    if (entries.length === 0) throw new NotFound('The person');
    const seen = entries.map((entry) => ({ entry, sight: entrySight(access, entry) }));
    const visible = seen.filter((item): item is { entry: RecordEntry; sight: Exclude<EntrySight, 'hidden'> } => item.sight !== 'hidden');
    const disclosed = visible.filter((item) => item.sight === 'disclosed').length;
    await appendAudit(trx, context, [{ personId, action: 'read', what: disclosed > 0 ? `${what} (${disclosed} disclosed ${disclosed === 1 ? 'item' : 'items'})` : what }]);
    const supersededBy = supersessions(entries);
    const visibleIds = new Set(visible.map((item) => item.entry.id));
    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    const shown = (entry: RecordEntry | null | undefined) => (entry && visibleIds.has(entry.id) ? entry : null);
    const chronology = visible
      .sort((a, b) => b.entry.sequence - a.entry.sequence)
      .map(({ entry, sight }) => ({
        entry,
        sight,
        supersededBy: shown(supersededBy.get(entry.id)),
        supersedes: entry.supersedes ? shown(byId.get(entry.supersedes)) : null,
      }));
    const identityVisible = access.system || access.categories.has('identity') || access.disclosedIdentity;
    const state = derivePersonState(entries);
    // A recipient of a disclosure that did not include identifying details knows the person by name only.
    const shownState: PersonState = identityVisible
      ? state
      : { version: state.version, ownWords: state.ownWords && visibleIds.has(state.ownWords.entryId) ? state.ownWords : null, details: nameOnly(state.details) };
    return { personId, state: shownState, chronology, access, identityVisible, hiddenEntries: entries.length - visible.length };
  });
}
