import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareForInbox, dueForEscalation, runningTimer, type ListedReferral } from '../../../src/domain/referrals/referral.ts';
import { durationInWords, referralTimers, referralUrgencies } from '../../../src/domain/referrals/urgencies.ts';

// 10 March 2026, 3pm in London (GMT).
const sent = Temporal.Instant.from('2026-03-10T15:00:00Z');

describe('referral timers', () => {
  it('fixes both timers from the moment it is sent, by urgency', () => {
    assert.deepEqual(referralTimers('emergency', sent), { acknowledgeDue: Temporal.Instant.from('2026-03-10T16:00:00Z'), decideDue: Temporal.Instant.from('2026-03-10T19:00:00Z') });
    assert.deepEqual(referralTimers('urgent', sent), { acknowledgeDue: Temporal.Instant.from('2026-03-10T19:00:00Z'), decideDue: Temporal.Instant.from('2026-03-11T15:00:00Z') });
    assert.deepEqual(referralTimers('routine', sent), { acknowledgeDue: Temporal.Instant.from('2026-03-13T15:00:00Z'), decideDue: Temporal.Instant.from('2026-03-17T15:00:00Z') });
  });

  it('counts elapsed hours across the change to summer time', () => {
    // Clocks go forward at 1am GMT on 29 March 2026: an hour later is still an hour later.
    const beforeChange = Temporal.Instant.from('2026-03-29T00:30:00Z');
    assert.equal(referralTimers('emergency', beforeChange).acknowledgeDue.toString(), '2026-03-29T01:30:00Z');
  });

  it('runs the acknowledgement timer until acknowledged, then the decision timer, then none', () => {
    const timers = referralTimers('emergency', sent);
    assert.deepEqual(runningTimer('sent', timers, sent), { timer: 'acknowledge', due: timers.acknowledgeDue, overdue: false });
    assert.deepEqual(runningTimer('sent', timers, timers.acknowledgeDue), { timer: 'acknowledge', due: timers.acknowledgeDue, overdue: true });
    assert.deepEqual(runningTimer('acknowledged', timers, timers.acknowledgeDue), { timer: 'decide', due: timers.decideDue, overdue: false });
    assert.equal(runningTimer('accepted', timers, timers.decideDue.add({ hours: 100 })), null);
    assert.equal(runningTimer('declined', timers, timers.decideDue), null);
  });

  it('is due for escalation once, when the running timer has run out', () => {
    const timers = referralTimers('urgent', sent);
    const overdue = timers.acknowledgeDue.add({ minutes: 1 });
    assert.equal(dueForEscalation({ status: 'sent', timers, escalatedAt: null }, timers.acknowledgeDue.subtract({ minutes: 1 })), false);
    assert.equal(dueForEscalation({ status: 'sent', timers, escalatedAt: null }, overdue), true);
    assert.equal(dueForEscalation({ status: 'sent', timers, escalatedAt: overdue }, overdue.add({ hours: 1 })), false);
    assert.equal(dueForEscalation({ status: 'acknowledged', timers, escalatedAt: null }, overdue), false);
    assert.equal(dueForEscalation({ status: 'withdrawn', timers, escalatedAt: null }, timers.decideDue.add({ hours: 1 })), false);
  });

  it('describes each standard in words', () => {
    assert.equal(durationInWords(referralUrgencies.emergency.acknowledgeWithin), '1 hour');
    assert.equal(durationInWords(referralUrgencies.urgent.decideWithin), '24 hours');
    assert.equal(durationInWords(referralUrgencies.routine.decideWithin), '7 days');
  });
});

describe('the order of an inbox', () => {
  const now = Temporal.Instant.from('2026-03-12T12:00:00Z');
  function listed(name: string, status: ListedReferral['status'], urgency: ListedReferral['urgency'], referredAt: string, finishedAt: string | null = null) {
    const at = Temporal.Instant.from(referredAt);
    return { name, status, urgency, referredAt: at, timers: referralTimers(urgency, at), finishedAt: finishedAt === null ? null : Temporal.Instant.from(finishedAt) };
  }

  it('puts open before finished, overdue first, then soonest due, accepted after, finished newest first', () => {
    const items = [
      listed('finished earlier', 'closed', 'emergency', '2026-03-01T10:00:00Z', '2026-03-05T10:00:00Z'),
      listed('accepted', 'accepted', 'emergency', '2026-03-12T11:00:00Z'),
      listed('routine due soon', 'sent', 'routine', '2026-03-09T13:00:00Z'),
      listed('emergency due later today', 'sent', 'emergency', '2026-03-12T11:30:00Z'),
      listed('overdue urgent', 'acknowledged', 'urgent', '2026-03-11T09:00:00Z'),
      listed('finished later', 'withdrawn', 'routine', '2026-03-02T10:00:00Z', '2026-03-08T10:00:00Z'),
    ];
    const order = [...items].sort(compareForInbox(now)).map((item) => item.name);
    assert.deepEqual(order, ['overdue urgent', 'emergency due later today', 'routine due soon', 'accepted', 'finished later', 'finished earlier']);
  });
});
