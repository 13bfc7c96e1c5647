import type { PersonRecordView } from './view-person.ts';

// A person's record as a machine reads it, exactly as the reader may see it (the same view the pages
// show): for the API and the command line's export alike.
export function personRecordJson(view: PersonRecordView) {
  return {
    schema: 'accord.person-record/1',
    id: view.personId,
    version: view.state.version,
    relationship: view.access.relationship,
    hiddenEntries: view.hiddenEntries,
    details: view.identityVisible ? view.state.details : { givenNames: view.state.details.givenNames, familyName: view.state.details.familyName },
    ownWords: view.state.ownWords && { ...view.state.ownWords, recordedAt: view.state.ownWords.recordedAt.toString() },
    entries: view.chronology.map(({ entry, supersededBy, sight }) => ({
      id: entry.id,
      disclosed: sight === 'disclosed',
      sequence: entry.sequence,
      kind: entry.content.kind,
      category: entry.category,
      data: entry.content.data,
      reason: entry.reason,
      supersedes: entry.supersedes,
      supersededBy: supersededBy?.id ?? null,
      recordedAt: entry.recordedAt.toString(),
      author: entry.author,
    })),
  };
}
