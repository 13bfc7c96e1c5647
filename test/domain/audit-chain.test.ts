import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditEntryHash, findChainBreak, genesisHash, type AuditFields } from '../../src/domain/audit/chain.ts';

function chain(length: number): (AuditFields & { hash: string })[] {
  const entries: (AuditFields & { hash: string })[] = [];
  let previousHash = genesisHash;
  for (let sequence = 1; sequence <= length; sequence += 1) {
    const fields: AuditFields = {
      sequence,
      at: `2026-11-21T10:00:0${sequence % 10}Z`,
      actorUserId: null,
      actorLabel: 'Nurse',
      actorRole: 'mental-health-nurse',
      agencyId: null,
      agencyName: 'Trust',
      personId: sequence === 4 ? null : 'p',
      personIds: sequence === 4 ? ['p', 'q', 'r'] : null,
      action: sequence === 4 ? 'list' : 'read',
      what: `read ${sequence}`,
      purpose: 'care',
      previousHash,
    };
    const hash = auditEntryHash(fields);
    entries.push({ ...fields, hash });
    previousHash = hash;
  }
  return entries;
}

const start = () => ({ previousHash: genesisHash, nextSequence: 1 });

describe('the audit hash chain', () => {
  it('finds no break in an untouched chain', () => {
    assert.equal(findChainBreak(chain(5), start()), null);
  });

  it('names an entry whose contents were changed', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, what: 'nothing to see' };
    assert.deepEqual(findChainBreak(entries, start()), { sequence: 3, problem: 'hash-mismatch' });
  });

  it('names a list entry whose people were changed', () => {
    const entries = chain(5);
    entries[3] = { ...entries[3]!, personIds: ['p', 'r'] };
    assert.deepEqual(findChainBreak(entries, start()), { sequence: 4, problem: 'hash-mismatch' });
  });

  it('hashes an entry about one person exactly as before lists were kept', () => {
    const fields: AuditFields = { sequence: 1, at: '2026-01-01T00:00:00Z', actorUserId: null, actorLabel: 'A', actorRole: null, agencyId: null, agencyName: null, personId: 'p', personIds: null, action: 'read', what: 'w', purpose: 'x', previousHash: genesisHash };
    // The hash of the twelve fields alone, as entries written before were hashed.
    assert.equal(auditEntryHash(fields), '33965f4bf82067cd8d963dd1f8adea3d0b7716eedd5023b55858219233f36a5e');
  });

  it('names the entry after one that was rewritten with a fresh hash', () => {
    const entries = chain(5);
    const forged = { ...entries[1]!, what: 'forged' };
    entries[1] = { ...forged, hash: auditEntryHash(forged) };
    assert.deepEqual(findChainBreak(entries, start()), { sequence: 3, problem: 'previous-hash-mismatch' });
  });

  it('names a removed entry', () => {
    const entries = chain(5);
    entries.splice(3, 1);
    assert.deepEqual(findChainBreak(entries, start()), { sequence: 5, problem: 'sequence-gap', expected: 4 });
  });

  it('carries the chain across pages', () => {
    const entries = chain(6);
    const cursor = start();
    assert.equal(findChainBreak(entries.slice(0, 3), cursor), null);
    assert.equal(cursor.nextSequence, 4);
    assert.equal(findChainBreak(entries.slice(3), cursor), null);
  });
});
