import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readDateTime } from '../../src/web/core/date-time-input.ts';
import { dueFromNow, dueMomentPhrase, formatDueMoment, provisionName } from '../../src/web/legal/status-presenter.ts';

const at = (iso: string) => Temporal.Instant.from(iso);

describe('deadlines in plain words', () => {
  it('shows a deadline at midnight as the end of the day before', () => {
    // s2(4) for an admission on 20 April 2026: due at the first instant of 18 May (BST).
    assert.equal(formatDueMoment('2026-05-18T00:00:00+01:00'), 'midnight at the end of Sunday 17 May 2026');
    assert.equal(formatDueMoment('2026-01-01T00:00:00+00:00'), 'midnight at the end of Wednesday 31 December 2025');
    assert.equal(dueMomentPhrase('2026-05-18T00:00:00+01:00'), 'at midnight at the end of Sunday 17 May 2026');
  });

  it('gives the exact time when the deadline is not at midnight', () => {
    assert.equal(formatDueMoment('2026-04-21T15:10:00+01:00'), 'Tuesday 21 April 2026 at 3:10pm');
    assert.equal(dueMomentPhrase('2026-04-21T15:10:00+01:00'), 'on Tuesday 21 April 2026 at 3:10pm');
    // Shown in London time whatever offset it was given in.
    assert.equal(formatDueMoment('2026-07-03T08:05:00Z'), 'Friday 3 July 2026 at 9:05am');
  });

  it('counts the days to the last day of the period', () => {
    const now = at('2026-04-20T15:10:00+01:00');
    assert.deepEqual(dueFromNow('2026-05-18T00:00:00+01:00', now), { passed: false, text: 'in 27 days' });
    assert.deepEqual(dueFromNow('2026-04-24T00:00:00+01:00', now), { passed: false, text: 'in 3 days' });
    assert.deepEqual(dueFromNow('2026-04-22T00:00:00+01:00', now), { passed: false, text: 'tomorrow' });
  });

  it('says "today" for a deadline later today, including one at midnight tonight', () => {
    const now = at('2026-04-20T09:00:00+01:00');
    assert.deepEqual(dueFromNow('2026-04-20T18:00:00+01:00', now), { passed: false, text: 'today' });
    assert.deepEqual(dueFromNow('2026-04-21T00:00:00+01:00', now), { passed: false, text: 'today' });
  });

  it('says how long ago a deadline passed', () => {
    const now = at('2026-05-20T09:00:00+01:00');
    assert.deepEqual(dueFromNow('2026-05-18T00:00:00+01:00', now), { passed: true, text: '2 days ago' });
    assert.deepEqual(dueFromNow('2026-05-19T12:00:00+01:00', now), { passed: true, text: 'yesterday' });
    assert.deepEqual(dueFromNow('2026-05-20T08:00:00+01:00', now), { passed: true, text: 'earlier today' });
  });

  it('names provisions in plain words with the citation', () => {
    assert.equal(provisionName('s2(4)'), 'Section 2(4)');
    assert.equal(provisionName('s27, s28'), 'Section 27, section 28');
    assert.equal(provisionName('reg 24'), 'Regulation 24');
    assert.equal(provisionName('Sch 1 Pt 1 para 2'), 'Schedule 1, part 1, paragraph 2');
  });
});

describe('reading a date and time in London', () => {
  const body = (day: string, month: string, year: string, time: string) => ({ 'at-day': day, 'at-month': month, 'at-year': year, 'at-time': time });

  it('turns London time into an instant with its offset', () => {
    assert.deepEqual(readDateTime(body('20', '4', '2026', '15:10'), 'at', 'Time of admission'), { value: '2026-04-20T15:10:00+01:00' });
    assert.deepEqual(readDateTime(body('5', '1', '2026', '9:05'), 'at', 'Time of admission'), { value: '2026-01-05T09:05:00+00:00' });
  });

  it('refuses a time that never happened because the clocks went forward', () => {
    const reading = readDateTime(body('29', '3', '2026', '01:30'), 'at', 'Time of admission');
    assert.ok('problem' in reading);
    assert.equal(reading.problem.field, 'at');
    assert.match(reading.problem.message, /01:30 did not happen in London on 29 March 2026: the clocks went forward/);
    assert.equal(reading.focusId, 'at-time');
  });

  it('asks which 1am it was when the clocks went back, and accepts BST or GMT', () => {
    const reading = readDateTime(body('25', '10', '2026', '01:30'), 'at', 'Time of admission');
    assert.ok('problem' in reading);
    assert.match(reading.problem.message, /happened twice/);
    assert.deepEqual(readDateTime(body('25', '10', '2026', '01:30 BST'), 'at', 'Time of admission'), { value: '2026-10-25T01:30:00+01:00' });
    assert.deepEqual(readDateTime(body('25', '10', '2026', '01:30 gmt'), 'at', 'Time of admission'), { value: '2026-10-25T01:30:00+00:00' });
  });

  it('names what is missing or wrong', () => {
    const missingTime = readDateTime(body('20', '4', '2026', ''), 'at', 'Time of admission');
    assert.ok('problem' in missingTime);
    assert.equal(missingTime.problem.message, 'Time of admission must include a time, like 14:30');
    const badTime = readDateTime(body('20', '4', '2026', '25:00'), 'at', 'Time of admission');
    assert.ok('problem' in badTime);
    assert.match(badTime.problem.message, /24-hour clock/);
    const badDate = readDateTime(body('31', '2', '2026', '10:00'), 'at', 'Time of admission');
    assert.ok('problem' in badDate);
    assert.equal(badDate.problem.message, 'Time of admission must be a real date');
    assert.equal(badDate.focusId, 'at-day');
  });
});
