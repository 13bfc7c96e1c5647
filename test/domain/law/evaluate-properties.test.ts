import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { provisions, type EvaluateInput, type LawEvent } from '../../../src/domain/law/contract.ts';
import { evaluate } from '../../../src/domain/law/evaluate.ts';
import { history, run } from './law-test-support.ts';

// Random histories built from every event type, at distinct instants, to check invariants of the engine.
const eventShapes: fc.Arbitrary<Record<string, unknown>>[] = [
  fc.constantFrom('informal-admission', 's5-4-recorded', 's5-2-report-furnished', 's4-second-recommendation-received', 'renewal-furnished', 'guardianship-accepted', 'cto-made', 'cto-recalled', 'cto-recall-released', 'cto-revoked', 'place-of-safety-ended', 'hospital-admitted', 'recalled', 'medication-first-administered', 'tribunal-application-withdrawn', 'tribunal-hearing', 'awol-began', 'awol-returned', 'nr-discharge-notice', 'barring-report-furnished').map((type) => ({ type })),
  fc.constantFrom('s2-admitted', 's3-admitted', 's4-admitted').map((type) => ({ type, application: null })),
  fc.constantFrom('s135(1)', 's136').map((power) => ({ type: 'place-of-safety-arrival', power })),
  fc.integer({ min: 1, max: 12 }).map((hours) => ({ type: 'place-of-safety-extended', hours })),
  fc.record({ order: fc.constantFrom('s35', 's36', 's37', 's38', 's45A'), restricted: fc.boolean() }).map((fields) => ({ type: 'court-order', ...fields, restricted: fields.order === 's37' && fields.restricted })),
  fc.record({ direction: fc.constantFrom('s47', 's48'), restricted: fc.boolean() }).map((fields) => ({ type: 'transfer-direction', ...fields })),
  fc.record({ kind: fc.constantFrom('absolute', 'conditional'), by: fc.constantFrom('rc', 'managers', 'nr', 'tribunal', 'sos') }).map((fields) => ({ type: 'discharged', ...fields })),
  fc.constantFrom('patient', 'nr').map((applicant) => ({ type: 'tribunal-application', applicant })),
];

const start = Temporal.Instant.from('2025-12-20T09:00:00Z');

// Distinct, increasing instants: gaps from a minute to about 120 days.
const randomHistory = fc.array(fc.record({ shape: fc.oneof(...eventShapes), gapMinutes: fc.integer({ min: 1, max: 172_800 }) }), { minLength: 0, maxLength: 14 }).chain((items) => {
  let at = start;
  const events = items.map(({ shape, gapMinutes }) => {
    at = at.add({ minutes: gapMinutes });
    return { ...shape, at };
  });
  return fc.record({ events: fc.constant(events), asOfAfterMinutes: fc.integer({ min: 0, max: 400_000 }), order: fc.shuffledSubarray(events.map((_, index) => index), { minLength: events.length, maxLength: events.length }) });
});

function inputFrom(events: Record<string, unknown>[], order: number[], asOf: Temporal.Instant): EvaluateInput {
  // As the parser delivers them: numbered in the order given, then sorted by instant (stable).
  const given = order.map((position, index) => ({ ...events[position], index }) as unknown as LawEvent);
  given.sort((a, b) => Temporal.Instant.compare(a.at, b.at) || a.index - b.index);
  return { asOf, person: { dateOfBirth: null }, commencements: {}, events: given };
}

function lastInstant(events: Record<string, unknown>[]): Temporal.Instant {
  const last = events[events.length - 1];
  return last === undefined ? start : (last['at'] as Temporal.Instant);
}

describe('properties of evaluate', () => {
  it('the output does not depend on the order the events were given in', () => {
    fc.assert(fc.property(randomHistory, ({ events, order, asOfAfterMinutes }) => {
      const asOf = lastInstant(events).add({ minutes: asOfAfterMinutes });
      const inOrder = evaluate(inputFrom(events, events.map((_, index) => index), asOf));
      const shuffled = evaluate(inputFrom(events, order, asOf));
      assert.equal(JSON.stringify(shuffled), JSON.stringify(inOrder));
    }), { numRuns: 300 });
  });

  it('is deterministic and well-formed for any history: a known provision, findings with code and provision, passed = due <= asOf', () => {
    fc.assert(fc.property(randomHistory, ({ events, asOfAfterMinutes }) => {
      const asOf = lastInstant(events).add({ minutes: asOfAfterMinutes });
      const input = inputFrom(events, events.map((_, index) => index), asOf);
      const output = evaluate(input);
      assert.equal(JSON.stringify(evaluate(input)), JSON.stringify(output));
      assert.ok((provisions as readonly string[]).includes(output.status.provision));
      for (const finding of output.findings) {
        assert.match(finding.code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
        assert.ok(finding.provision.length > 0 && finding.message.length > 0);
      }
      for (const deadline of output.deadlines) {
        assert.equal(deadline.passed, Temporal.Instant.compare(deadline.due, asOf) <= 0);
        assert.ok(deadline.provision.length > 0);
      }
    }), { numRuns: 300 });
  });

  it('no deadline falls before the first event, and no authority ends before the power began', () => {
    fc.assert(fc.property(randomHistory, ({ events, asOfAfterMinutes }) => {
      const first = events[0];
      if (first === undefined) return;
      const asOf = lastInstant(events).add({ minutes: asOfAfterMinutes });
      const output = evaluate(inputFrom(events, events.map((_, index) => index), asOf));
      for (const deadline of output.deadlines) {
        assert.ok(Temporal.Instant.compare(deadline.due, first['at'] as Temporal.Instant) >= 0, `${deadline.kind} ${deadline.due.toString()} before the first event`);
        if (deadline.kind === 'authority-ends' && output.status.since !== null && !deadline.passed) {
          assert.ok(Temporal.Instant.compare(deadline.due, output.status.since) > 0, `authority ends ${deadline.due.toString()} before ${output.status.since.toString()}`);
        }
      }
    }), { numRuns: 300 });
  });

  it('72 hours are 72 elapsed hours for s4, s5(2) and recall, whatever the time of year', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 3 * 365 * 24 * 60 }), (minutes) => {
      const at = Temporal.Instant.from('2026-01-01T00:00:00Z').add({ minutes });
      const asOf = at.add({ hours: 1 }).toString();
      const text = at.toString();
      for (const output of [
        run(asOf, [{ type: 's4-admitted', at: text }]),
        run(asOf, [{ type: 's5-2-report-furnished', at: text }]),
      ]) {
        const end = output.deadlines.find((deadline) => deadline.kind === 'authority-ends');
        assert.ok(end !== undefined);
        assert.equal(at.until(end.due).total({ unit: 'hours' }), 72);
      }
      const recalled = run(asOf, [
        { type: 's3-admitted', at: at.subtract({ hours: 24 * 40 }).toString() },
        { type: 'cto-made', at: at.subtract({ hours: 24 * 10 }).toString() },
        { type: 'cto-recalled', at: text },
      ]);
      const recall = recalled.deadlines.find((deadline) => deadline.kind === 'recall-72h-ends');
      assert.ok(recall !== undefined);
      assert.equal(at.until(recall.due).total({ unit: 'hours' }), 72);
    }), { numRuns: 200 });
  });

  it('renewal periods chain without gap or overlap: 6, 6, then 12 months, each beginning the day after the last ended', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 0, max: 1400 }), (dayOffset, minutesIntoWindow) => {
      const admissionDay = Temporal.PlainDate.from('2024-01-01').add({ days: dayOffset });
      const admittedAt = admissionDay.toZonedDateTime({ timeZone: 'Europe/London', plainTime: '10:00' }).toInstant();
      const events: { type: 's3-admitted' | 'renewal-furnished'; at: string }[] = [{ type: 's3-admitted', at: admittedAt.toString() }];
      let periodStartDay = admissionDay;
      for (const months of [6, 6, 12, 12]) {
        const current = run(Temporal.Instant.from(events[events.length - 1]!.at).toString(), events);
        const end = current.deadlines.find((deadline) => deadline.kind === 'authority-ends');
        const windowOpens = current.deadlines.find((deadline) => deadline.kind === 'renewal-window-opens');
        assert.ok(end !== undefined && windowOpens !== undefined);
        assert.equal(current.status.provision, 's3');
        // The period is N calendar months beginning with its first day (T2), ending at a London midnight.
        const endDay = end.due.toZonedDateTimeISO('Europe/London').toPlainDate();
        assert.equal(end.due.toZonedDateTimeISO('Europe/London').toPlainTime().toString(), '00:00:00');
        const expected = periodStartDay.add({ months }, { overflow: 'constrain' });
        assert.equal(endDay.toString(), (expected.day === periodStartDay.day ? expected : expected.add({ days: 1 })).toString());
        // Renew inside the window; the next period begins with the day the last one ended.
        events.push({ type: 'renewal-furnished', at: windowOpens.due.add({ minutes: minutesIntoWindow }).toString() });
        periodStartDay = endDay;
      }
    }), { numRuns: 100 });
  });

  it('history() and the parser agree on ordering: equal instants keep their input order', () => {
    const input = history('2026-03-02T09:00:00Z', [
      { type: 's2-admitted', at: '2026-03-01T10:00:00Z' },
      { type: 's3-admitted', at: '2026-03-01T10:00:00Z' },
    ]);
    assert.equal(evaluate(input).status.provision, 's3');
  });
});
