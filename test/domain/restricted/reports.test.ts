import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEvaluateInput } from '../../../src/app/law/parse-law-input.ts';
import { evaluate } from '../../../src/domain/law/evaluate.ts';
import { londonDateTime, occurrenceToMeet, reportOccurrences, validateReport, type EngineDeadline } from '../../../src/domain/restricted/reports.ts';

// The report schedule walks the law engine: asked as of each event and each due date, it lists every
// date a report fell due and the ones to come.
function scheduleFor(events: { type: string; at: string; [key: string]: unknown }[], now: string) {
  const deadlinesAt = (asOf: Temporal.Instant): EngineDeadline[] => {
    const parsed = parseEvaluateInput({ asOf: asOf.toString(), person: {}, events: events.filter((event) => Temporal.Instant.compare(Temporal.Instant.from(event.at), asOf) <= 0) });
    assert.ok(parsed.ok);
    return evaluate(parsed.value).deadlines;
  };
  return reportOccurrences(deadlinesAt, events.map((event) => Temporal.Instant.from(event.at)), Temporal.Instant.from(now));
}

const order = { type: 'court-order', at: '2024-03-05T10:00:00Z', order: 's37', restricted: true };
const admitted = { type: 'hospital-admitted', at: '2024-03-06T15:00:00Z' };

describe('the schedule of statutory reports on a restricted patient', () => {
  it('the annual report falls due on each anniversary of admission while detained (s41(6))', () => {
    const schedule = scheduleFor([order, admitted], '2026-04-01T12:00:00Z');
    assert.deepEqual(schedule.map((item) => [item.kind, item.due.toString(), item.provision, item.current]), [
      ['annual', '2025-03-06T00:00:00Z', 's41(6)', true],
      ['annual', '2026-03-06T00:00:00Z', 's41(6)', true],
      ['annual', '2027-03-06T00:00:00Z', 's41(6)', true],
      ['annual', '2028-03-06T00:00:00Z', 's41(6)', true],
    ]);
  });

  it('after a conditional discharge, each supervisor reports 28 days after it and then every 3 months; the annual date before it lapses', () => {
    const discharge = { type: 'discharged', at: '2025-08-01T11:00:00+01:00', kind: 'conditional', by: 'tribunal' };
    const schedule = scheduleFor([order, admitted, discharge], '2026-01-10T12:00:00Z');
    assert.deepEqual(schedule.filter((item) => item.kind !== 'social-supervisor').map((item) => [item.kind, item.due.toString(), item.current]), [
      ['annual', '2025-03-06T00:00:00Z', false],
      // 28 days beginning with 1 August: the start of 29 August (London), then 29 November, 1 March (29 Feb 2026 does not exist), 29 May.
      ['clinical-supervisor', '2025-08-28T23:00:00Z', true],
      ['clinical-supervisor', '2025-11-29T00:00:00Z', true],
      ['clinical-supervisor', '2026-03-01T00:00:00Z', true],
      ['clinical-supervisor', '2026-05-28T23:00:00Z', true],
    ]);
    assert.equal(schedule.filter((item) => item.kind === 'social-supervisor').length, 4);
    assert.ok(schedule.filter((item) => item.kind !== 'annual').every((item) => item.provision === 'guidance (MoJ conditional discharge)'));
  });

  it('a report meets the earliest date not met if overdue or next; otherwise the refusal says why, with the provision', () => {
    const occurrences = scheduleFor([order, admitted], '2025-06-01T12:00:00Z');
    const now = Temporal.Instant.from('2025-06-01T12:00:00Z');
    const position = { restricted: true, provision: 's37/41' };
    const first = occurrenceToMeet('annual', occurrences, [], position, now, londonDateTime);
    assert.ok(first.ok && first.late && first.occurrence.due.toString() === '2025-03-06T00:00:00Z');
    const filed = [{ kind: 'annual' as const, due: Temporal.Instant.from('2025-03-06T00:00:00Z'), filedAt: now }];
    const second = occurrenceToMeet('annual', occurrences, filed, position, now, londonDateTime);
    assert.ok(second.ok && !second.late && second.occurrence.due.toString() === '2026-03-06T00:00:00Z');
    const both = [...filed, { kind: 'annual' as const, due: Temporal.Instant.from('2026-03-06T00:00:00Z'), filedAt: now }];
    const third = occurrenceToMeet('annual', occurrences, both, position, now, londonDateTime);
    assert.deepEqual(third, { ok: false, message: 'No responsible clinician’s annual report is due now: the report due on 6 March 2026 at 12:00am was filed on 1 June 2025 at 1:00pm, and the next is due on 6 March 2027 at 12:00am (s41(6))' });
    const supervisor = occurrenceToMeet('social-supervisor', occurrences, [], position, now, londonDateTime);
    assert.ok(!supervisor.ok && /not conditionally discharged, so no supervisor’s report is due \(s42\(2\)/.test(supervisor.message));
    const unrestricted = occurrenceToMeet('annual', [], [], { restricted: false, provision: 's3' }, now, londonDateTime);
    assert.ok(!unrestricted.ok && /not restricted/.test(unrestricted.message));
  });

  it('a report needs its text, a recommendation of its kind and reasons', () => {
    const result = validateReport({ kind: 'clinical-supervisor', recommendation: 'continue-detention', report: ' ', reasons: 'x' });
    assert.deepEqual(!result.ok && result.problems.map((problem) => problem.field), ['recommendation', 'report']);
    assert.ok(validateReport({ kind: 'annual', recommendation: 'conditional-discharge', report: 'r', reasons: 'x' }).ok);
  });
});
