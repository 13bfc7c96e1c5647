import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { derivePersonState, type EntryContent, type PersonDetails, type RecordEntry } from '../../src/domain/people/person.ts';

const base: PersonDetails = {
  givenNames: 'Helen',
  familyName: 'Ward',
  preferredName: null,
  otherNames: null,
  dateOfBirth: '1985-03-27',
  nhsNumber: null,
  pncId: null,
  probationReference: null,
  address: '1 Mill Lane',
  preferredLanguage: null,
  interpreterNeeded: false,
  communicationNeeds: null,
};

let counter = 0;
function entry(sequence: number, content: EntryContent, supersedes: string | null = null): RecordEntry {
  counter += 1;
  return {
    id: `entry-${counter}`,
    sequence,
    content,
    category: 'identity',
    supersedes,
    reason: supersedes ? 'wrong' : null,
    recordedAt: Temporal.Instant.fromEpochMilliseconds(1_700_000_000_000 + sequence * 1000),
    author: { userId: null, name: 'Test', role: 'mental-health-nurse', agencyId: null, agencyName: 'Trust' },
  };
}

describe('a person’s current state, derived from their record entries', () => {
  it('applies amendments in order', () => {
    const state = derivePersonState([
      entry(1, { kind: 'person-registered', data: base }),
      entry(2, { kind: 'details-amended', data: { address: '2 Mill Lane' } }),
      entry(3, { kind: 'details-amended', data: { address: '3 Mill Lane', preferredName: 'Nell' } }),
    ]);
    assert.equal(state.details.address, '3 Mill Lane');
    assert.equal(state.details.preferredName, 'Nell');
    assert.equal(state.version, 3);
  });

  it('applies a correction in place of the entry it corrects, so a later change still stands', () => {
    const first = entry(1, { kind: 'person-registered', data: base });
    const wrongAddress = entry(2, { kind: 'details-amended', data: { address: '2 Mil Lane', preferredLanguage: 'Welsh' } });
    const laterMove = entry(3, { kind: 'details-amended', data: { address: '9 New Road' } });
    const correction = entry(4, { kind: 'correction', data: { correctedKind: 'details-amended', replacement: { address: '2 Mill Lane', preferredLanguage: 'Polish' } } }, wrongAddress.id);
    const state = derivePersonState([first, wrongAddress, laterMove, correction]);
    assert.equal(state.details.address, '9 New Road', 'the later move is not undone');
    assert.equal(state.details.preferredLanguage, 'Polish', 'the correction replaces what the entry said');
    assert.equal(state.version, 4);
  });

  it('uses the latest of several corrections of one entry', () => {
    const words = entry(1, { kind: 'person-registered', data: base });
    const own = entry(2, { kind: 'own-words-recorded', data: { words: 'first', source: 'said-to-staff' } });
    const fix1 = entry(3, { kind: 'correction', data: { correctedKind: 'own-words-recorded', replacement: { words: 'second', source: 'said-to-staff' } } }, own.id);
    const fix2 = entry(4, { kind: 'correction', data: { correctedKind: 'own-words-recorded', replacement: { words: 'third', source: 'written-by-person' } } }, own.id);
    const state = derivePersonState([fix2, words, fix1, own]);
    assert.equal(state.ownWords?.words, 'third');
    assert.equal(state.ownWords?.source, 'written-by-person');
  });

  it('does not depend on the order entries arrive in', () => {
    const entries = [
      entry(1, { kind: 'person-registered', data: base }),
      entry(2, { kind: 'details-amended', data: { address: 'A' } }),
      entry(3, { kind: 'details-amended', data: { address: 'B' } }),
      entry(4, { kind: 'own-words-recorded', data: { words: 'hello', source: 'said-to-staff' } }),
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }), (shuffled) => {
        assert.deepEqual(derivePersonState(shuffled), derivePersonState(entries));
      }),
    );
  });

  it('refuses a record that does not begin with the person being registered', () => {
    assert.throws(() => derivePersonState([entry(1, { kind: 'details-amended', data: { address: 'x' } })]));
  });
});
