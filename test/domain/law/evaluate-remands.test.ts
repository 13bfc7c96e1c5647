import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertDeadline, assertFinding, assertNoDeadline, findingCodes, run } from './law-test-support.ts';

// s35(7), s36(6): remands last 28 days at a time beginning with the date of remand, 12 weeks in all.
// s38(5): interim hospital orders, 12 weeks at first, renewed 28 days at a time, 12 months in all.

const remand35 = { type: 'court-order' as const, at: '2026-06-01T10:00:00+01:00', order: 's35' };
const admitted = { type: 'hospital-admitted' as const, at: '2026-06-03T10:00:00+01:00' };

describe('remands to hospital, s35 and s36', () => {
  it('s35(7): the remand ends with 28 days beginning with the date of remand, admitted or not', () => {
    const awaiting = run('2026-06-02T09:00:00+01:00', [remand35]);
    // 1 June is day 1; 28 June is day 28; the authority ends at the start of 29 June.
    assertDeadline(awaiting, 'authority-ends', '2026-06-29T00:00:00+01:00', 's35(7)');
    assertDeadline(awaiting, 'admission-deadline', '2026-06-08T00:00:00+01:00', 's35(4)');
    assert.ok(!findingCodes(awaiting).includes('not-yet-evaluated'));
    const detained = run('2026-06-28T23:59:00+01:00', [remand35, admitted]);
    assert.equal(detained.status.provision, 's35');
    assertDeadline(detained, 'authority-ends', '2026-06-29T00:00:00+01:00', 's35(7)');
    // No tribunal for a remanded patient (s77(1); the reference gives none for s35).
    assert.equal(detained.entitlements.tribunalApplicationNow, false);
    assertNoDeadline(detained, 'tribunal-window-closes');
    assertNoDeadline(detained, 'tribunal-window-opens');
  });

  it('s35(7): with no further remand the authority lapses at the end of the 28 days', () => {
    const output = run('2026-06-29T00:00:00+01:00', [remand35, admitted]);
    assert.equal(output.status.provision, 'none');
    assert.equal(output.status.liableToBeDetained, false);
    assertFinding(output, 'authority-lapsed', 'warning', 's35(7)');
    assertDeadline(output, 'authority-ends', '2026-06-29T00:00:00+01:00', 's35(7)');
    assert.equal(output.deadlines[0]?.passed, true);
  });

  it('s35(7): 28 days across the March clock change end at local midnight', () => {
    const output = run('2026-03-11T09:00:00Z', [{ type: 'court-order', at: '2026-03-10T10:00:00Z', order: 's35' }]);
    // 10 March (GMT) is day 1; 6 April is day 28; the end is the start of 7 April, in BST.
    assertDeadline(output, 'authority-ends', '2026-04-07T00:00:00+01:00', 's35(7)');
  });

  it('s35(7): a further remand while one is in force runs 28 days from its own date; the admission deadline is kept', () => {
    const output = run('2026-06-05T09:00:00+01:00', [remand35, { type: 'court-order', at: '2026-06-04T10:00:00+01:00', order: 's35' }]);
    assert.equal(output.status.provision, 's35');
    assert.equal(output.status.since?.toString(), '2026-06-01T09:00:00Z');
    // 4 June is day 1; 1 July is day 28.
    assertDeadline(output, 'authority-ends', '2026-07-02T00:00:00+01:00', 's35(7)');
    assertDeadline(output, 'admission-deadline', '2026-06-08T00:00:00+01:00', 's35(4)');
  });

  it('s35(7): further remands up to 12 weeks in all; one running beyond is a finding and is cut short', () => {
    const further = (at: string) => ({ type: 'court-order' as const, at, order: 's35' });
    const events = [remand35, admitted, further('2026-06-26T10:00:00+01:00'), further('2026-07-20T10:00:00+01:00')];
    const withinLimit = run('2026-07-21T09:00:00+01:00', events);
    // 20 July is day 1; 16 August is day 28.
    assertDeadline(withinLimit, 'authority-ends', '2026-08-17T00:00:00+01:00', 's35(7)');
    assert.ok(!findingCodes(withinLimit).includes('remand-beyond-limit'));
    const beyond = run('2026-08-15T09:00:00+01:00', [...events, further('2026-08-14T10:00:00+01:00')]);
    // 12 weeks = 84 days beginning with 1 June: 30 in June, 31 in July, 23 in August; the end is the start of 24 August
    // (the further remand's own 28 days would run to the start of 11 September).
    assertDeadline(beyond, 'authority-ends', '2026-08-24T00:00:00+01:00', 's35(7)');
    assertFinding(beyond, 'remand-beyond-limit', 'warning', 's35(7)');
    const lapsed = run('2026-08-24T00:00:00+01:00', [...events, further('2026-08-14T10:00:00+01:00')]);
    assert.equal(lapsed.status.provision, 'none');
    assertFinding(lapsed, 'authority-lapsed', 'warning', 's35(7)');
  });

  it('s35(7): the last day of the 12 weeks is still within them', () => {
    const further = (at: string) => ({ type: 'court-order' as const, at, order: 's35' });
    const output = run('2026-07-29T09:00:00+01:00', [remand35, admitted, further('2026-06-28T10:00:00+01:00'), further('2026-07-27T10:00:00+01:00')]);
    // 27 July is day 1; 23 August is day 28: exactly the end of the 12 weeks, so no finding.
    assertDeadline(output, 'authority-ends', '2026-08-24T00:00:00+01:00', 's35(7)');
    assert.ok(!findingCodes(output).includes('remand-beyond-limit'));
  });

  it('s35: a remand after the last one lapsed is a fresh remand with its own 12 weeks', () => {
    const output = run('2026-07-02T09:00:00+01:00', [remand35, admitted, { type: 'court-order', at: '2026-07-01T10:00:00+01:00', order: 's35' }]);
    assert.equal(output.status.provision, 's35');
    assertDeadline(output, 'authority-ends', '2026-07-29T00:00:00+01:00', 's35(7)');
    assertDeadline(output, 'admission-deadline', '2026-07-08T00:00:00+01:00', 's35(4)');
  });

  it('s36(6): the same periods, across the October clock change', () => {
    const remand36 = { type: 'court-order' as const, at: '2026-10-20T10:00:00+01:00', order: 's36' };
    const output = run('2026-10-21T09:00:00+01:00', [remand36]);
    assert.equal(output.status.legalStatusCode, '08');
    // 20 October (BST) is day 1; 16 November is day 28; the end is the start of 17 November, in GMT.
    assertDeadline(output, 'authority-ends', '2026-11-17T00:00:00Z', 's36(6)');
    assertDeadline(output, 'admission-deadline', '2026-10-27T00:00:00Z', 's36(3)');
    const further = (at: string) => ({ type: 'court-order' as const, at, order: 's36' });
    const beyond = run('2027-01-05T09:00:00Z', [remand36, { type: 'hospital-admitted', at: '2026-10-22T10:00:00+01:00' }, further('2026-11-16T10:00:00Z'), further('2026-12-13T10:00:00Z'), further('2027-01-04T10:00:00Z')]);
    // 84 days beginning with 20 October: 12 in October, 30 in November, 31 in December, 11 in January: the end is the
    // start of 12 January 2027 (the further remand of 4 January would run to the start of 1 February).
    assertDeadline(beyond, 'authority-ends', '2027-01-12T00:00:00Z', 's36(6)');
    assertFinding(beyond, 'remand-beyond-limit', 'warning', 's36(6)');
  });
});

describe('interim hospital orders, s38', () => {
  const order38 = { type: 'court-order' as const, at: '2026-06-01T10:00:00+01:00', order: 's38' };
  const renewal = (at: string) => ({ type: 'court-order' as const, at, order: 's38' });

  it('s38(5): the period the court specifies is read as the most allowed, 12 weeks beginning with the date of the order', () => {
    const output = run('2026-06-02T09:00:00+01:00', [order38]);
    // 84 days beginning with 1 June: 30 in June, 31 in July, 23 in August; the end is the start of 24 August.
    assertDeadline(output, 'authority-ends', '2026-08-24T00:00:00+01:00', 's38(5)');
    assertDeadline(output, 'admission-deadline', '2026-06-29T00:00:00+01:00', 's38(4)');
    assert.ok(!findingCodes(output).includes('not-yet-evaluated'));
    const lapsed = run('2026-08-24T00:00:00+01:00', [order38, admitted]);
    assert.equal(lapsed.status.provision, 'none');
    assertFinding(lapsed, 'authority-lapsed', 'warning', 's38(5)');
  });

  it('s38(5): 12 weeks across the October clock change', () => {
    const output = run('2026-08-11T09:00:00+01:00', [{ type: 'court-order', at: '2026-08-10T10:00:00+01:00', order: 's38' }]);
    // 84 days beginning with 10 August (BST): 22 in August, 30 in September, 31 in October, 1 in November; the end
    // is the start of 2 November, in GMT.
    assertDeadline(output, 'authority-ends', '2026-11-02T00:00:00Z', 's38(5)');
  });

  it('s38(5): a further order while in force renews for 28 days from the end of the current period', () => {
    const output = run('2026-08-21T09:00:00+01:00', [order38, admitted, renewal('2026-08-20T10:00:00+01:00')]);
    assert.equal(output.status.provision, 's38');
    assert.equal(output.status.legalStatusCode, '12');
    assert.equal(output.status.since?.toString(), '2026-06-01T09:00:00Z');
    // 24 August is day 1 of the renewal; 20 September is day 28.
    assertDeadline(output, 'authority-ends', '2026-09-21T00:00:00+01:00', 's38(5)');
    assert.equal(output.entitlements.tribunalApplicationNow, false);
    assert.equal(output.entitlements.section117, false);
  });

  it('s38(5): renewals to 12 months in all from a leap day; one running beyond is a finding, one with nothing left an error', () => {
    const leapOrder = { type: 'court-order' as const, at: '2028-02-29T10:00:00Z', order: 's38' };
    const leapAdmitted = { type: 'hospital-admitted' as const, at: '2028-03-01T10:00:00Z' };
    // Hand-counted ends: 84 days from 29 February 2028 end at the start of 23 May; each renewal adds 28 days:
    // 20 June, 18 July, 15 August, 12 September, 10 October, 7 November, 5 December, 2 January 2029, 30 January, 27 February.
    const renewalDays = ['2028-05-22', '2028-06-19', '2028-07-17', '2028-08-14', '2028-09-11', '2028-10-09', '2028-11-06', '2028-12-04', '2029-01-01', '2029-01-29'];
    const renewals = renewalDays.map((day) => renewal(`${day}T12:00:00Z`));
    const tenRenewals = run('2029-02-01T09:00:00Z', [leapOrder, leapAdmitted, ...renewals]);
    assertDeadline(tenRenewals, 'authority-ends', '2029-02-27T00:00:00Z', 's38(5)');
    assert.ok(!findingCodes(tenRenewals).includes('interim-order-beyond-limit'));
    // 12 months beginning with 29 February 2028: there is no 29 February 2029, so the period runs to the end of
    // February and ends at the start of 1 March 2029; the eleventh renewal (to 27 March) is cut short there.
    const eleventh = run('2029-02-27T09:00:00Z', [leapOrder, leapAdmitted, ...renewals, renewal('2029-02-26T12:00:00Z')]);
    assertDeadline(eleventh, 'authority-ends', '2029-03-01T00:00:00Z', 's38(5)');
    assertFinding(eleventh, 'interim-order-beyond-limit', 'warning', 's38(5)');
    const twelfth = run('2029-02-28T23:00:00Z', [leapOrder, leapAdmitted, ...renewals, renewal('2029-02-26T12:00:00Z'), renewal('2029-02-28T12:00:00Z')]);
    const errors = twelfth.findings.filter((finding) => finding.code === 'interim-order-beyond-limit' && finding.severity === 'error');
    assert.equal(errors.length, 1);
    assertDeadline(twelfth, 'authority-ends', '2029-03-01T00:00:00Z', 's38(5)');
    const ended = run('2029-03-01T00:00:00Z', [leapOrder, leapAdmitted, ...renewals, renewal('2029-02-26T12:00:00Z')]);
    assert.equal(ended.status.provision, 'none');
    assertFinding(ended, 'authority-lapsed', 'warning', 's38(5)');
  });

  it('s38: an order after the last one lapsed is a fresh order with its own 12 weeks', () => {
    const output = run('2026-08-26T09:00:00+01:00', [order38, admitted, renewal('2026-08-25T10:00:00+01:00')]);
    assertDeadline(output, 'authority-ends', '2026-11-17T00:00:00Z', 's38(5)');
    assertDeadline(output, 'admission-deadline', '2026-09-22T00:00:00+01:00', 's38(4)');
  });
});
