import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deadlineState } from '../../src/domain/legal/due-items.ts';

describe('what a passed deadline means on the deadlines page', () => {
  const now = Temporal.Instant.from('2026-06-01T12:00:00Z');
  const before = Temporal.Instant.from('2026-05-30T12:00:00Z');
  const after = Temporal.Instant.from('2026-06-02T12:00:00Z');

  it('a duty that passed is overdue; one still ahead is upcoming', () => {
    assert.equal(deadlineState('authority-ends', before, now), 'overdue');
    assert.equal(deadlineState('managers-reference-due', before, now), 'overdue');
    assert.equal(deadlineState('authority-ends', after, now), 'upcoming');
    assert.equal(deadlineState('authority-ends', now, now), 'overdue');
  });

  it('a window that has opened is open, not missed', () => {
    assert.equal(deadlineState('renewal-window-opens', before, now), 'open');
    assert.equal(deadlineState('tribunal-window-opens', before, now), 'open');
  });

  it('the medication point, once reached, applies; the certificate task is what can be overdue', () => {
    assert.equal(deadlineState('medication-certificate-required', before, now), 'applies');
    assert.equal(deadlineState('certificate-or-second-opinion', before, now), 'overdue');
  });

  it('a tribunal window that has closed is closed', () => {
    assert.equal(deadlineState('tribunal-window-closes', before, now), 'closed');
  });
});
