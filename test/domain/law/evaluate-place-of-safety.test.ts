import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertDeadline, assertFinding, run } from './law-test-support.ts';

describe('places of safety, s135 and s136', () => {
  it('s136(2A): 24 hours beginning with arrival', () => {
    const output = run('2026-07-02T09:00:00+01:00', [{ type: 'place-of-safety-arrival', at: '2026-07-01T18:00:00+01:00', power: 's136' }]);
    assert.equal(output.status.provision, 's136');
    assert.equal(output.status.legalStatusCode, '20');
    assertDeadline(output, 'authority-ends', '2026-07-02T18:00:00+01:00', 's136(2A)');
    assert.deepEqual(output.entitlements, { imha: false, section117: false, tribunalApplicationNow: false });
  });

  it('s135(3ZA): the same 24 hours for a warrant under s135(1), code 19', () => {
    const output = run('2026-07-02T09:00:00+01:00', [{ type: 'place-of-safety-arrival', at: '2026-07-01T18:00:00+01:00', power: 's135(1)' }]);
    assert.equal(output.status.provision, 's135(1)');
    assert.equal(output.status.legalStatusCode, '19');
    assertDeadline(output, 'authority-ends', '2026-07-02T18:00:00+01:00', 's135(3ZA)');
  });

  it('s136B: a six-hour extension runs from the end of the 24 hours (worked example)', () => {
    const output = run('2026-07-02T12:00:00+01:00', [
      { type: 'place-of-safety-arrival', at: '2026-07-01T18:00:00+01:00', power: 's136' },
      { type: 'place-of-safety-extended', at: '2026-07-02T11:00:00+01:00', hours: 6 },
    ]);
    assert.equal(output.status.provision, 's136');
    assertDeadline(output, 'authority-ends', '2026-07-03T00:00:00+01:00', 's136B');
    assert.equal(output.entitlements.imha, false);
    assert.deepEqual(output.findings, []);
  });

  it('24 hours across the March clock change are elapsed hours', () => {
    const output = run('2026-03-29T09:00:00+01:00', [{ type: 'place-of-safety-arrival', at: '2026-03-28T18:00:00Z', power: 's136' }]);
    assertDeadline(output, 'authority-ends', '2026-03-29T19:00:00+01:00');
  });

  it('an extension authorised after the 24 hours ended is a finding and has no effect', () => {
    const output = run('2026-07-02T20:00:00+01:00', [
      { type: 'place-of-safety-arrival', at: '2026-07-01T18:00:00+01:00', power: 's136' },
      { type: 'place-of-safety-extended', at: '2026-07-02T18:30:00+01:00', hours: 6 },
    ]);
    assert.equal(output.status.provision, 'none');
    assertFinding(output, 'place-of-safety-extension-too-late', 'error', 's136B');
    assertFinding(output, 'authority-lapsed', 'warning', 's136(2A)');
  });

  it('extensions add up to at most 12 hours', () => {
    const output = run('2026-07-02T17:00:00+01:00', [
      { type: 'place-of-safety-arrival', at: '2026-07-01T18:00:00+01:00', power: 's136' },
      { type: 'place-of-safety-extended', at: '2026-07-02T11:00:00+01:00', hours: 8 },
      { type: 'place-of-safety-extended', at: '2026-07-02T16:00:00+01:00', hours: 8 },
    ]);
    assertFinding(output, 'place-of-safety-extension-too-long', 'error', 's136B');
    assertDeadline(output, 'authority-ends', '2026-07-03T06:00:00+01:00');
  });

  it('a second arrival is a transfer and does not restart the 24 hours', () => {
    const output = run('2026-07-02T09:00:00+01:00', [
      { type: 'place-of-safety-arrival', at: '2026-07-01T18:00:00+01:00', power: 's136' },
      { type: 'place-of-safety-arrival', at: '2026-07-01T22:00:00+01:00', power: 's136' },
    ]);
    assertDeadline(output, 'authority-ends', '2026-07-02T18:00:00+01:00');
    assertFinding(output, 'place-of-safety-transfer', 'info', 's136(3)');
  });

  it('the end of the power leaves "none" with no deadlines; an admission from the place of safety follows', () => {
    const ended = run('2026-07-02T09:00:00+01:00', [
      { type: 'place-of-safety-arrival', at: '2026-07-01T18:00:00+01:00', power: 's136' },
      { type: 'place-of-safety-ended', at: '2026-07-02T08:00:00+01:00' },
    ]);
    assert.equal(ended.status.provision, 'none');
    assert.deepEqual(ended.deadlines, []);
    const admitted = run('2026-07-02T09:00:00+01:00', [
      { type: 'place-of-safety-arrival', at: '2026-07-01T18:00:00+01:00', power: 's136' },
      { type: 's2-admitted', at: '2026-07-02T08:00:00+01:00' },
    ]);
    assert.equal(admitted.status.provision, 's2');
    assertDeadline(admitted, 'authority-ends', '2026-07-30T00:00:00+01:00');
  });

  it('an extension with no place-of-safety detention is a finding', () => {
    const output = run('2026-07-02T09:00:00+01:00', [{ type: 'place-of-safety-extended', at: '2026-07-02T08:00:00+01:00', hours: 2 }]);
    assertFinding(output, 'place-of-safety-extension-without-detention', 'error');
  });
});
