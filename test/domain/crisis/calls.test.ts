import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callStage, decideThreshold, hasOwner, urgencyForRisk, validateCall, validateOutcome } from '../../../src/domain/crisis/calls.ts';

describe('crisis calls', () => {
  it('sends the police when either threshold question is yes, and a service only when both are no', () => {
    const decide = (crime: string, riskToLife: string) => decideThreshold({ crime, riskToLife, reasons: 'Spoke to the caller.' });
    const route = (outcome: ReturnType<typeof decide>) => (outcome.ok ? outcome.decision.route : null);
    assert.equal(route(decide('yes', 'no')), 'police-attend');
    assert.equal(route(decide('no', 'yes')), 'police-attend');
    assert.equal(route(decide('no', 'no')), 'health-and-care');
  });

  it('refuses a threshold decision without reasons or answers, naming each field', () => {
    const outcome = decideThreshold({ crime: '', riskToLife: 'maybe', reasons: '  ' });
    assert.equal(outcome.ok, false);
    assert.deepEqual(outcome.ok ? [] : outcome.problems.map((problem) => problem.field), ['crime', 'riskToLife', 'reasons']);
  });

  it('needs a description of a person not on Accord', () => {
    const outcome = validateCall({ category: 'concern-for-welfare', caller: 'Neighbour', location: 'Quay Street', concern: 'Not seen for days', risk: 'medium', riskKnown: 'Unknown', personId: null, personDescription: '' });
    assert.deepEqual(outcome.ok ? [] : outcome.problems.map((problem) => problem.field), ['personDescription']);
  });

  it('closes a call only with an outcome, and with the reason for no further action', () => {
    assert.deepEqual(validateOutcome({ outcome: '', detail: 'x' }).ok ? [] : ['outcome'], ['outcome']);
    const noReason = validateOutcome({ outcome: 'no-further-action', detail: ' ' });
    assert.equal(noReason.ok ? '' : noReason.problems[0]!.message, 'Enter the reason for taking no further action');
    const notFound = validateOutcome({ outcome: 'not-found', detail: '' });
    assert.equal(notFound.ok ? '' : notFound.problems[0]!.message, 'Enter what was tried to find them');
  });

  it('sets the handoff’s urgency by risk, and knows who has the call in hand', () => {
    assert.equal(urgencyForRisk('high'), 'emergency');
    assert.equal(urgencyForRisk('medium'), 'urgent');
    assert.equal(urgencyForRisk('low'), 'routine');
    assert.equal(callStage({ route: 'health-and-care', closed: false, latestHandoffStatus: 'declined' }), 'declined');
    assert.equal(hasOwner(callStage({ route: 'health-and-care', closed: false, latestHandoffStatus: 'sent' })), false);
    assert.equal(hasOwner(callStage({ route: 'health-and-care', closed: false, latestHandoffStatus: 'accepted' })), true);
    assert.equal(hasOwner(callStage({ route: 'police-attend', closed: false, latestHandoffStatus: null })), true);
  });
});
