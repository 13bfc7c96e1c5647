import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consentCovers, consentMissingMessage, requestState, validateDecision, validateRequest, type RequestDecisionFacts } from '../../../src/domain/restricted/requests.ts';

const decidedAt = Temporal.Instant.from('2026-05-01T10:00:00Z');
const unescortedGround: RequestDecisionFacts = { details: { kind: 'leave', leave: 'ground', escorted: false, riskAssessment: 'Low', plan: 'An hour' }, decision: 'consented', decidedAt, withdrawnAt: null };
const escortedCommunity: RequestDecisionFacts = { details: { kind: 'leave', leave: 'community', escorted: true, riskAssessment: 'Low', plan: 'Town' }, decision: 'consented', decidedAt, withdrawnAt: null };

describe('requests to the Secretary of State', () => {
  it('leave needs its kind, escort, risk assessment and plan, each problem naming its field', () => {
    const result = validateRequest({ kind: 'leave', leave: 'weekend', riskAssessment: ' ', plan: '' });
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.problems.map((problem) => problem.field), ['leave', 'escorted', 'riskAssessment', 'plan']);
  });

  it('accepts a complete leave, transfer or discharge request and refuses an unknown kind', () => {
    const leave = validateRequest({ kind: 'leave', leave: 'overnight', escorted: 'unescorted', riskAssessment: ' Stable for six months ', plan: 'Home overnight' });
    assert.deepEqual(leave, { ok: true, details: { kind: 'leave', leave: 'overnight', escorted: false, riskAssessment: 'Stable for six months', plan: 'Home overnight' } });
    assert.equal(validateRequest({ kind: 'transfer', destination: 'Casterbridge Medium Secure Unit', reason: 'Step down' }).ok, true);
    const discharge = validateRequest({ kind: 'discharge', reason: 'Well' });
    assert.deepEqual(!discharge.ok && discharge.problems.map((problem) => problem.field), ['discharge']);
    const unknown = validateRequest({ kind: 'holiday' });
    assert.deepEqual(!unknown.ok && unknown.problems.map((problem) => problem.field), ['kind']);
  });

  it('a consent needs its conditions and reasons; a refusal its reasons', () => {
    const consent = validateDecision({ decision: 'consented', conditions: '', reasons: '' });
    assert.deepEqual(!consent.ok && consent.problems.map((problem) => problem.field), ['conditions', 'reasons']);
    assert.deepEqual(validateDecision({ decision: 'refused', conditions: 'ignored', reasons: 'Too soon' }), { ok: true, decision: 'refused', conditions: null, reasons: 'Too soon' });
    const none = validateDecision({});
    assert.deepEqual(!none.ok && none.problems.map((problem) => problem.field), ['decision', 'reasons']);
  });

  it('knows whether a request is submitted, decided or withdrawn', () => {
    assert.equal(requestState({ decision: null, withdrawnAt: null }), 'submitted');
    assert.equal(requestState({ decision: 'refused', withdrawnAt: null }), 'refused');
    assert.equal(requestState({ decision: null, withdrawnAt: decidedAt }), 'withdrawn');
  });

  it('consent to unescorted leave covers escorted leave, but not the other way round', () => {
    const later = decidedAt.add({ hours: 1 });
    assert.equal(consentCovers([unescortedGround], { kind: 'leave', escorted: true }, later), true);
    assert.equal(consentCovers([unescortedGround], { kind: 'leave', escorted: false }, later), true);
    assert.equal(consentCovers([escortedCommunity], { kind: 'leave', escorted: false }, later), false);
    assert.equal(consentCovers([escortedCommunity], { kind: 'leave', escorted: true }, later), true);
  });

  it('a refusal, a withdrawn request, a consent given later or of another kind covers nothing', () => {
    const later = decidedAt.add({ hours: 1 });
    assert.equal(consentCovers([{ ...unescortedGround, decision: 'refused' }], { kind: 'leave', escorted: true }, later), false);
    assert.equal(consentCovers([{ ...unescortedGround, decision: null, decidedAt: null, withdrawnAt: decidedAt }], { kind: 'leave', escorted: true }, later), false);
    assert.equal(consentCovers([unescortedGround], { kind: 'leave', escorted: true }, decidedAt.subtract({ minutes: 1 })), false);
    assert.equal(consentCovers([unescortedGround], { kind: 'transfer' }, later), false);
    const absolute: RequestDecisionFacts = { details: { kind: 'discharge', discharge: 'absolute', reason: 'Well' }, decision: 'consented', decidedAt, withdrawnAt: null };
    assert.equal(consentCovers([absolute], { kind: 'discharge', discharge: 'absolute' }, later), true);
    assert.equal(consentCovers([absolute], { kind: 'discharge', discharge: 'conditional' }, later), false);
  });

  it('the refusal cites the provision for each step', () => {
    assert.match(consentMissingMessage({ kind: 'leave', escorted: false }), /Unescorted leave .*s41\(3\)\(c\)\(i\)/);
    assert.match(consentMissingMessage({ kind: 'transfer' }), /s41\(3\)\(c\)\(ii\)/);
    assert.match(consentMissingMessage({ kind: 'discharge', discharge: 'absolute' }), /s41\(3\)\(c\)\(iii\)/);
  });
});
