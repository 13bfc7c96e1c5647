import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { deadlineKinds, eventTypes } from '../../../src/domain/law/contract.ts';

// The engine's tests must exercise every event type, every deadline kind and every finding the engine can
// give. This reads the engine's source for the finding codes it emits and the law tests for what they
// assert, so a new finding without a test fails here.

const sourceDirectory = new URL('../../../src/domain/law/', import.meta.url);
const testDirectory = new URL('./', import.meta.url);

function readAll(directory: URL, skip: string): string {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.ts') && name !== skip)
    .map((name) => readFileSync(new URL(name, directory), 'utf8'))
    .join('\n');
}

const source = readAll(sourceDirectory, '');
const tests = readAll(testDirectory, 'coverage.test.ts');

// Every way the engine writes a finding: `code: '…'`, `finding('severity', '…'`, and `addFinding(state,
// severity, '…'` where the severity or the code may be a conditional between two literals.
const literal = String.raw`'([a-z0-9]+(?:-[a-z0-9]+)*)'`;
const choice = String.raw`(?:${literal}|[^,()]+\? ${literal} : ${literal})`;
const patterns = [
  new RegExp(String.raw`code: ${literal}`, 'g'),
  new RegExp(String.raw`\bfinding\('[a-z]+', ${literal}`, 'g'),
  new RegExp(String.raw`addFinding\(state, (?:'[a-z]+'|[^,]+\? '[a-z]+' : '[a-z]+'), ${choice}`, 'g'),
];

function emittedCodes(): Set<string> {
  const codes = new Set<string>();
  for (const pattern of patterns) {
    for (const match of source.matchAll(pattern)) {
      for (const group of match.slice(1)) if (group !== undefined) codes.add(group);
    }
  }
  return codes;
}

function count(text: string, needle: RegExp): number {
  return [...text.matchAll(needle)].length;
}

describe('the law tests cover the whole contract', () => {
  it('every way of writing a finding in the engine is recognised here', () => {
    // A call written some other way would escape the check below; make that fail instead.
    const calls = count(source, /\baddFinding\(state,/g) + count(source, /\bfinding\('/g) + count(source, /\bcode: '/g);
    const recognised = patterns.reduce((total, pattern) => total + count(source, pattern), 0);
    assert.equal(recognised, calls);
  });

  it('finds a good number of finding codes (the extraction works)', () => {
    assert.ok(emittedCodes().size > 50, `only ${emittedCodes().size} codes found`);
  });

  it('every finding code the engine emits is asserted by a test', () => {
    const untested = [...emittedCodes()].filter((code) => !tests.includes(`'${code}'`));
    assert.deepEqual(untested, []);
  });

  it('every event type in the contract appears in a test history', () => {
    const untested = eventTypes.filter((type) => !tests.includes(`type: '${type}'`) && !tests.includes(`'${type}'`));
    assert.deepEqual(untested, []);
  });

  it('every deadline kind in the contract is asserted by a test', () => {
    const untested = deadlineKinds.filter((kind) => !new RegExp(String.raw`assert(?:No)?Deadline\([^,]+, '${kind}'`).test(tests));
    assert.deepEqual(untested, []);
  });
});
