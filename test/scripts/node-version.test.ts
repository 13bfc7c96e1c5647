import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeVersionProblem, requiredNodeMajor } from '../../scripts/node-version.mjs';

describe('the Node.js version guard for npm start and npm test', () => {
  it('refuses the machine’s older Node.js with a message saying what to do', () => {
    const problem = nodeVersionProblem('20.20.2');
    assert.ok(problem);
    assert.match(problem, /needs Node\.js 26 or later; this is Node\.js 20\.20\.2/);
    assert.match(problem, /npm ci/);
    assert.ok(nodeVersionProblem('v25.9.0'));
  });

  it('accepts Node.js 26 and later, including the one running these tests', () => {
    assert.equal(requiredNodeMajor, 26);
    assert.equal(nodeVersionProblem('26.10.0'), null);
    assert.equal(nodeVersionProblem('27.0.0'), null);
    assert.equal(nodeVersionProblem(process.versions.node), null);
  });
});
