import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseEvaluateInput, parseNearestRelativeInput } from '../../src/app/law/parse-law-input.ts';

describe('reading the law engine’s input', () => {
  it('reads a plain date as the start of that day in Europe/London, in summer and winter', () => {
    const summer = parseEvaluateInput({ asOf: '2026-07-01', events: [] });
    assert.ok(summer.ok);
    if (summer.ok) assert.equal(summer.value.asOf.toString(), '2026-06-30T23:00:00Z');
    const winter = parseEvaluateInput({ asOf: '2026-01-01', events: [] });
    assert.ok(winter.ok);
    if (winter.ok) assert.equal(winter.value.asOf.toString(), '2026-01-01T00:00:00Z');
  });

  it('refuses an instant without an offset, an impossible date and an unknown event type, naming each field', () => {
    const result = parseEvaluateInput({
      asOf: '2026-05-01T09:00:00Z',
      events: [
        { type: 's2-admitted', at: '2026-04-20T15:10:00' },
        { type: 's2-admitted', at: '2026-02-30' },
        { type: 'sectioned', at: '2026-04-20T15:10:00Z' },
        { type: 'place-of-safety-arrival', at: '2026-04-20T15:10:00Z', power: 's135(2)' },
        { type: 'discharged', at: '2026-04-20T15:10:00Z', kind: 'absolute' },
      ],
    });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.deepEqual(
        result.problems.map((problem) => problem.field),
        ['events[0].at', 'events[1].at', 'events[2].type', 'events[3].power', 'events[4].by'],
      );
    }
  });

  it('names missing required fields', () => {
    const result = parseEvaluateInput({ events: [{ type: 's2-admitted' }] });
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(result.problems, [
      { field: 'asOf', message: 'required' },
      { field: 'events[0].at', message: 'required' },
    ]);
  });

  it('orders events by time whatever order they come in, keeping the input order for equal times', () => {
    const instants = fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(instants, (minutes) => {
        const base = Temporal.Instant.from('2026-01-01T00:00:00Z');
        const events = minutes.map((minute) => ({ type: 'tribunal-hearing', at: base.add({ minutes: minute }).toString() }));
        const result = parseEvaluateInput({ asOf: base.add({ hours: 200 }).toString(), events });
        assert.ok(result.ok);
        if (!result.ok) return;
        const times = result.value.events.map((event) => event.at.epochMilliseconds);
        assert.deepEqual(times, [...times].sort((a, b) => a - b));
        assert.deepEqual(new Set(result.value.events.map((event) => event.index)), new Set(minutes.map((_, index) => index)));
      }),
    );
    const same = parseEvaluateInput({ asOf: '2026-02-01T00:00:00Z', events: [{ type: 's2-admitted', at: '2026-01-01T00:00:00Z' }, { type: 'medication-first-administered', at: '2026-01-01T00:00:00Z' }] });
    assert.ok(same.ok);
    if (same.ok) assert.deepEqual(same.value.events.map((event) => event.type), ['s2-admitted', 'medication-first-administered']);
  });

  it('refuses the same relative id twice', () => {
    const result = parseNearestRelativeInput({ asOf: '2026-05-01', patient: {}, relatives: [{ id: 'a', relationship: 'son' }, { id: 'a', relationship: 'daughter' }] });
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.problems[0]!.field, 'relatives[1].id');
  });
});

describe('admission events without an application', () => {
  it('carry application null, as the contract types say', () => {
    const result = parseEvaluateInput({ asOf: '2026-02-01T00:00:00Z', events: [{ type: 's3-admitted', at: '2026-01-01T00:00:00Z' }] });
    assert.ok(result.ok);
    if (result.ok) {
      const [event] = result.value.events;
      assert.ok(event && 'application' in event);
      assert.equal((event as { application: unknown }).application, null);
    }
  });
});
