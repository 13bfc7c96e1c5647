import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  belongsTo,
  finishedStatuses,
  isFinished,
  openSteps,
  referralEnding,
  sentState,
  takeStep,
  validateReferral,
  type ReferralAction,
  type ReferralState,
  type StepOutcome,
} from '../../../src/domain/referrals/referral.ts';

const at = Temporal.Instant.from('2026-03-10T15:00:00Z');
const by = { at, by: 'Sam Crisis' };

function ok(outcome: StepOutcome): ReferralState {
  assert.ok(outcome.ok, outcome.ok ? '' : JSON.stringify(outcome.problems));
  return outcome.state;
}

function refusal(outcome: StepOutcome): { field: string; message: string } {
  assert.ok(!outcome.ok, 'expected the step to be refused');
  return outcome.problems[0]!;
}

const acknowledged = () => ok(takeStep(sentState(), { kind: 'acknowledge' }, by));
const accepted = () => ok(takeStep(acknowledged(), { kind: 'decide', decision: 'accepted', reason: '' }, by));

describe('referral steps', () => {
  it('goes sent, acknowledged, accepted, closed with an outcome', () => {
    const closed = ok(takeStep(accepted(), { kind: 'close', outcome: 'completed', note: 'Screened; diverted to community treatment.' }, by));
    assert.equal(closed.status, 'closed');
    assert.deepEqual(closed.closed, { at, by: 'Sam Crisis', outcome: 'completed', note: 'Screened; diverted to community treatment.' });
    assert.equal(closed.acknowledged?.by, 'Sam Crisis');
    assert.equal(referralEnding(closed)?.words, 'Screened; diverted to community treatment.');
  });

  it('accepting straight from sent acknowledges in the same step', () => {
    const state = ok(takeStep(sentState(), { kind: 'decide', decision: 'accepted', reason: 'We will see him this afternoon' }, by));
    assert.equal(state.status, 'accepted');
    assert.deepEqual(state.acknowledged, by);
    assert.equal(state.decision?.reason, 'We will see him this afternoon');
  });

  it('refuses acknowledging twice and accepting twice', () => {
    assert.match(refusal(takeStep(acknowledged(), { kind: 'acknowledge' }, by)).message, /already been acknowledged/);
    const twice = refusal(takeStep(accepted(), { kind: 'decide', decision: 'accepted', reason: '' }, by));
    assert.equal(twice.field, 'decision');
    assert.match(twice.message, /already been accepted/);
  });

  it('refuses declining without a reason, and keeps the reason as how it ended', () => {
    const missing = refusal(takeStep(acknowledged(), { kind: 'decide', decision: 'declined', reason: '   ' }, by));
    assert.deepEqual(missing, { field: 'decisionReason', message: 'Enter why you are declining the referral: the referrer is told' });
    const declined = ok(takeStep(acknowledged(), { kind: 'decide', decision: 'declined', reason: ' Not in our area; refer to the Dorset team. ' }, by));
    assert.equal(declined.status, 'declined');
    assert.ok(isFinished(declined.status));
    assert.deepEqual(referralEnding(declined), { heading: 'Declined', words: 'Not in our area; refer to the Dorset team.', at, by: 'Sam Crisis' });
    assert.match(refusal(takeStep(declined, { kind: 'decide', decision: 'accepted', reason: '' }, by)).message, /declined: it is finished/);
  });

  it('refuses a decision that is neither accept nor decline', () => {
    assert.deepEqual(refusal(takeStep(sentState(), { kind: 'decide', decision: 'maybe', reason: 'x' }, by)), { field: 'decision', message: 'Select whether you accept or decline the referral' });
  });

  it('refuses closing without an outcome, without words, or before acceptance', () => {
    const noOutcome = takeStep(accepted(), { kind: 'close', outcome: '', note: '' }, by);
    assert.ok(!noOutcome.ok);
    assert.deepEqual(noOutcome.problems.map((problem) => problem.field), ['outcome', 'outcomeNote']);
    assert.match(noOutcome.problems[0]!.message, /cannot be closed without one/);
    assert.equal(refusal(takeStep(accepted(), { kind: 'close', outcome: 'completed', note: ' ' }, by)).field, 'outcomeNote');
    assert.match(refusal(takeStep(acknowledged(), { kind: 'close', outcome: 'completed', note: 'Done' }, by)).message, /has not been accepted/);
    assert.match(refusal(takeStep(sentState(), { kind: 'close', outcome: 'completed', note: 'Done' }, by)).message, /has not been accepted/);
  });

  it('lets the referrer withdraw only an unanswered referral, with a reason', () => {
    assert.equal(refusal(takeStep(sentState(), { kind: 'withdraw', reason: '' }, by)).field, 'withdrawalReason');
    const withdrawn = ok(takeStep(acknowledged(), { kind: 'withdraw', reason: 'Released without charge' }, by));
    assert.equal(withdrawn.status, 'withdrawn');
    assert.equal(referralEnding(withdrawn)?.words, 'Released without charge');
    assert.match(refusal(takeStep(accepted(), { kind: 'withdraw', reason: 'Changed my mind' }, by)).message, /only the receiving team can close it/);
    assert.match(refusal(takeStep(withdrawn, { kind: 'acknowledge' }, by)).message, /withdrawn: it is finished/);
  });

  it('refuses over-long words, naming the field', () => {
    assert.deepEqual(refusal(takeStep(sentState(), { kind: 'withdraw', reason: 'x'.repeat(2001) }, by)), { field: 'withdrawalReason', message: 'The reason must be 2000 characters or fewer' });
  });

  it('offers only the steps that can succeed', () => {
    assert.deepEqual(openSteps('sent'), { acknowledge: true, decide: true, close: false, withdraw: true });
    assert.deepEqual(openSteps('accepted'), { acknowledge: false, decide: false, close: true, withdraw: false });
    for (const status of finishedStatuses) assert.deepEqual(openSteps(status), { acknowledge: false, decide: false, close: false, withdraw: false });
  });

  it('never finishes a referral without the words that say how it ended, whatever is tried in whatever order', () => {
    const texts = fc.oneof(fc.constant(''), fc.constant('   '), fc.string({ maxLength: 12 }), fc.constant('A real reason'));
    const action: fc.Arbitrary<ReferralAction> = fc.oneof(
      fc.constant({ kind: 'acknowledge' as const }),
      fc.record({ kind: fc.constant('decide' as const), decision: fc.constantFrom('accepted', 'declined', '', 'other'), reason: texts }),
      fc.record({ kind: fc.constant('close' as const), outcome: fc.constantFrom('completed', 'partly-completed', 'not-completed', '', 'done'), note: texts }),
      fc.record({ kind: fc.constant('withdraw' as const), reason: texts }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 12 }), (actions) => {
        let state = sentState();
        for (const next of actions) {
          const outcome = takeStep(state, next, by);
          if (!outcome.ok) {
            assert.ok(outcome.problems.length > 0 && outcome.problems.every((problem) => problem.message.length > 0));
            continue;
          }
          // A finished referral never moves again.
          assert.ok(!isFinished(state.status), `${state.status} moved on`);
          state = outcome.state;
          if (isFinished(state.status)) {
            const ending = referralEnding(state);
            assert.ok(ending !== null && ending.words.trim().length > 0, `${state.status} without words`);
          }
          if (state.status === 'closed') {
            assert.ok(state.closed !== null && state.decision?.decision === 'accepted', 'closed only after acceptance, with an outcome');
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a new referral', () => {
  const trust = 'a0000000-0000-4000-8000-000000000001';
  const police = 'a0000000-0000-4000-8000-000000000002';
  const custody = 'b0000000-0000-4000-8000-000000000001';
  const crisis = 'b0000000-0000-4000-8000-000000000002';
  const good = { purpose: 'liaison-and-diversion-screening', urgency: 'urgent', asked: 'Screen him before court', referrerWords: 'Arrested; confused; says he hears voices.', toAgencyId: trust, toTeamId: crisis };

  it('is accepted with every field right', () => {
    const outcome = validateReferral(good, { from: { agencyId: police, teamId: custody }, receiverOnAccord: true });
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.referral.to, { agencyId: trust, teamId: crisis });
  });

  it('names every missing field at once', () => {
    const outcome = validateReferral({ purpose: '', urgency: 'soon', asked: ' ', referrerWords: '', toAgencyId: '', toTeamId: null }, { from: { agencyId: police, teamId: custody }, receiverOnAccord: false });
    assert.ok(!outcome.ok);
    assert.deepEqual(outcome.problems.map((problem) => problem.field), ['purpose', 'urgency', 'asked', 'referrerWords', 'to']);
  });

  it('refuses a referral to the referrer’s own team, or to their own agency as a whole', () => {
    const own = validateReferral({ ...good, toAgencyId: police, toTeamId: custody }, { from: { agencyId: police, teamId: custody }, receiverOnAccord: true });
    assert.ok(!own.ok && own.problems[0]!.field === 'to');
    const agency = validateReferral({ ...good, toAgencyId: police, toTeamId: null }, { from: { agencyId: police, teamId: custody }, receiverOnAccord: true });
    assert.ok(!agency.ok && /own agency as a whole/.test(agency.problems[0]!.message));
  });

  it('belongs to a team’s staff, or to all an agency’s staff when sent to the agency as a whole', () => {
    assert.ok(belongsTo({ agencyId: trust, teamId: crisis }, { agencyId: trust, teamId: crisis }));
    assert.ok(!belongsTo({ agencyId: trust, teamId: null }, { agencyId: trust, teamId: crisis }));
    assert.ok(belongsTo({ agencyId: trust, teamId: crisis }, { agencyId: trust, teamId: null }));
    assert.ok(!belongsTo({ agencyId: police, teamId: crisis }, { agencyId: trust, teamId: crisis }));
  });
});
