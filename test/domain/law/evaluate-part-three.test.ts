import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertDeadline, assertFinding, assertNoDeadline, findingCodes, run } from './law-test-support.ts';

const order37 = { type: 'court-order' as const, at: '2026-06-01T10:00:00+01:00', order: 's37' };
const order37Restricted = { type: 'court-order' as const, at: '2026-06-01T10:00:00+01:00', order: 's37', restricted: true };
const admitted = { type: 'hospital-admitted' as const, at: '2026-06-03T10:00:00+01:00' };

describe('hospital orders and transfer directions without restriction', () => {
  it('s37(4): admission within 28 days beginning with the date of the order', () => {
    const output = run('2026-06-02T09:00:00+01:00', [order37]);
    assert.equal(output.status.provision, 's37');
    assert.equal(output.status.legalStatusCode, '10');
    assert.equal(output.status.restricted, false);
    assert.equal(output.status.liableToBeDetained, false);
    assertDeadline(output, 'admission-deadline', '2026-06-29T00:00:00+01:00', 's37(4)');
    assert.deepEqual(output.findings, []);
  });

  it('the order lapses if no admission is recorded in the 28 days', () => {
    const output = run('2026-06-30T09:00:00+01:00', [order37]);
    assert.equal(output.status.provision, 'none');
    assertFinding(output, 'authority-lapsed', 'warning', 's37(4)');
  });

  it('s40(4): after admission it runs like s3 from the date of the order; no application in the first 6 months', () => {
    const output = run('2026-06-05T09:00:00+01:00', [order37, admitted]);
    assert.equal(output.status.liableToBeDetained, true);
    assertDeadline(output, 'authority-ends', '2026-12-01T00:00:00+00:00', 's40(4)');
    assertDeadline(output, 'renewal-window-opens', '2026-10-01T00:00:00+01:00', 's20(3)');
    assertDeadline(output, 'tribunal-window-opens', '2026-12-01T00:00:00+00:00');
    assertNoDeadline(output, 'admission-deadline');
    assertNoDeadline(output, 'tribunal-window-closes');
    assert.deepEqual(output.entitlements, { imha: true, section117: true, tribunalApplicationNow: false });
    assert.ok(!findingCodes(output).includes('not-yet-evaluated'));
    // Sch 1 applies s68(6) only: no six-month reference; three years from the order while never heard.
    assertDeadline(output, 'managers-reference-due', '2029-06-01T00:00:00+01:00', 's68(6), Sch 1 Pt 1 para 1');
  });

  it('s68(6) via Sch 1: after a hearing the three years run from the hearing; one year for a patient under 18', () => {
    const heard = run('2027-08-01T09:00:00+01:00', [
      order37,
      admitted,
      { type: 'renewal-furnished', at: '2026-11-15T10:00:00+00:00' },
      { type: 'renewal-furnished', at: '2027-05-15T10:00:00+01:00' },
      { type: 'tribunal-hearing', at: '2027-07-15T14:00:00+01:00' },
    ]);
    assertDeadline(heard, 'managers-reference-due', '2030-07-15T00:00:00+01:00', 's68(6)');
    const young = run('2026-06-05T09:00:00+01:00', [order37, admitted], { dateOfBirth: '2010-03-01' });
    assertDeadline(young, 'managers-reference-due', '2027-06-01T00:00:00+01:00', 's68(6)');
    // Turning 18 before the year ends: the adult three years apply.
    const turning = run('2026-06-05T09:00:00+01:00', [order37, admitted], { dateOfBirth: '2008-07-01' });
    assertDeadline(turning, 'managers-reference-due', '2029-06-01T00:00:00+01:00', 's68(6), Sch 1 Pt 1 para 1');
  });

  it('a restricted patient has no managers\' reference (s68 is not applied by Sch 1 Pt 2)', () => {
    const output = run('2026-06-05T09:00:00+01:00', [order37Restricted, admitted]);
    assertNoDeadline(output, 'managers-reference-due');
  });

  it('s69(2)(b): an unrestricted transfer may apply within 6 months of the direction', () => {
    const output = run('2026-06-06T09:00:00+01:00', [{ type: 'transfer-direction', at: '2026-06-01T10:00:00+01:00', direction: 's47' }, { type: 'hospital-admitted', at: '2026-06-05T10:00:00+01:00' }]);
    assert.equal(output.status.legalStatusCode, '16');
    assertDeadline(output, 'authority-ends', '2026-12-01T00:00:00+00:00');
    assertDeadline(output, 'tribunal-window-closes', '2026-12-01T00:00:00+00:00', 's69(2)(b)');
    assert.equal(output.entitlements.tribunalApplicationNow, true);
  });

  it('a CTO from a hospital order keeps code 10; revocation returns to s37 with periods from the revocation day', () => {
    const cto = run('2026-09-02T09:00:00+01:00', [order37, admitted, { type: 'cto-made', at: '2026-09-01T10:00:00+01:00' }]);
    assert.equal(cto.status.provision, 'cto');
    assert.equal(cto.status.legalStatusCode, '10');
    assertDeadline(cto, 'authority-ends', '2027-03-01T00:00:00+00:00', 's20A(1)-(3)');
    const revoked = run('2026-10-03T09:00:00+01:00', [
      order37,
      admitted,
      { type: 'cto-made', at: '2026-09-01T10:00:00+01:00' },
      { type: 'cto-recalled', at: '2026-10-01T10:00:00+01:00' },
      { type: 'cto-revoked', at: '2026-10-02T10:00:00+01:00' },
    ]);
    assert.equal(revoked.status.provision, 's37');
    assert.equal(revoked.status.legalStatusCode, '10');
    assertDeadline(revoked, 'authority-ends', '2027-04-02T00:00:00+01:00');
    assertDeadline(revoked, 'tribunal-window-closes', '2027-04-02T00:00:00+01:00', 's66(2)(cb)');
  });
});

describe('restricted patients', () => {
  it('s37/41: no end; s70 window opens at 6 months; yearly report (s41(6)); Secretary of State reference at 3 years (s71(2))', () => {
    const output = run('2026-06-05T09:00:00+01:00', [order37Restricted, admitted]);
    assert.equal(output.status.provision, 's37/41');
    assert.equal(output.status.legalStatusCode, '09');
    assert.equal(output.status.restricted, true);
    assert.equal(output.status.liableToBeDetained, true);
    assertNoDeadline(output, 'authority-ends');
    assertDeadline(output, 'tribunal-window-opens', '2026-12-01T00:00:00+00:00', 's70');
    assertDeadline(output, 'annual-report-due', '2027-06-03T00:00:00+01:00', 's41(6)');
    assertDeadline(output, 'sos-reference-due', '2029-06-03T00:00:00+01:00', 's71(2)');
    assert.deepEqual(output.entitlements, { imha: true, section117: true, tribunalApplicationNow: false });
    assert.deepEqual(output.findings, []);
  });

  it('s70: between 6 and 12 months the patient may apply once; then the next 12-month window', () => {
    const open = run('2027-01-10T09:00:00Z', [order37Restricted, admitted]);
    assert.equal(open.entitlements.tribunalApplicationNow, true);
    assertDeadline(open, 'tribunal-window-closes', '2027-06-01T00:00:00+01:00', 's70');
    const used = run('2027-01-10T09:00:00Z', [order37Restricted, admitted, { type: 'tribunal-application', at: '2027-01-05T10:00:00Z', applicant: 'patient' }]);
    assert.equal(used.entitlements.tribunalApplicationNow, false);
    assertDeadline(used, 'tribunal-window-opens', '2027-06-01T00:00:00+01:00');
  });

  it('s71(2): the three years run from the last hearing', () => {
    const output = run('2027-03-10T09:00:00Z', [order37Restricted, admitted, { type: 'tribunal-application', at: '2027-01-05T10:00:00Z', applicant: 'patient' }, { type: 'tribunal-hearing', at: '2027-03-01T10:00:00Z' }]);
    assertDeadline(output, 'sos-reference-due', '2030-03-01T00:00:00Z', 's71(2)');
  });

  it('conditional discharge (s73): not liable to be detained, still restricted; supervisor report 28 days after; s75(2) window at 12 months', () => {
    const output = run('2027-02-02T09:00:00Z', [order37Restricted, admitted, { type: 'discharged', at: '2027-02-01T10:00:00Z', kind: 'conditional', by: 'tribunal' }]);
    assert.equal(output.status.provision, 'conditionally-discharged');
    assert.equal(output.status.legalStatusCode, null);
    assert.equal(output.status.restricted, true);
    assert.equal(output.status.liableToBeDetained, false);
    assertDeadline(output, 'supervisor-report-due', '2027-03-01T00:00:00Z');
    assertDeadline(output, 'tribunal-window-opens', '2028-02-01T00:00:00Z', 's75(2)');
    assertNoDeadline(output, 'annual-report-due');
    assertNoDeadline(output, 'admission-deadline');
    assert.deepEqual(output.entitlements, { imha: false, section117: true, tribunalApplicationNow: false });
    const later = run('2027-03-05T09:00:00Z', [order37Restricted, admitted, { type: 'discharged', at: '2027-02-01T10:00:00Z', kind: 'conditional', by: 'tribunal' }]);
    assertDeadline(later, 'supervisor-report-due', '2027-06-01T00:00:00+01:00');
  });

  it('s42(3) recall: back under s37/41; s75(1) reference within a month of return; windows from the return', () => {
    const output = run('2027-06-11T09:00:00+01:00', [
      order37Restricted,
      admitted,
      { type: 'discharged', at: '2027-02-01T10:00:00Z', kind: 'conditional', by: 'tribunal' },
      { type: 'recalled', at: '2027-06-10T14:00:00+01:00' },
    ]);
    assert.equal(output.status.provision, 's37/41');
    assert.equal(output.status.liableToBeDetained, true);
    assertDeadline(output, 'sos-reference-due', '2027-07-10T00:00:00+01:00', 's75(1)');
    assertDeadline(output, 'tribunal-window-opens', '2027-12-10T00:00:00Z', 's75(1)(b)');
    assertDeadline(output, 'annual-report-due', '2028-06-10T00:00:00+01:00');
    assertNoDeadline(output, 'supervisor-report-due');
  });

  it('findings: a conditional discharge by the clinician; a recall of someone not conditionally discharged; a CTO for a restricted patient', () => {
    const output = run('2026-06-10T09:00:00+01:00', [
      order37Restricted,
      admitted,
      { type: 'discharged', at: '2026-06-04T10:00:00+01:00', kind: 'conditional', by: 'rc' },
      { type: 'recalled', at: '2026-06-05T10:00:00+01:00' },
      { type: 'cto-made', at: '2026-06-06T10:00:00+01:00' },
      { type: 'discharged', at: '2026-06-07T10:00:00+01:00', kind: 'absolute', by: 'rc' },
    ]);
    assertFinding(output, 'conditional-discharge-by-wrong-body', 'error', 's42(2)');
    assertFinding(output, 'recall-without-conditional-discharge', 'error', 's42(3)');
    assertFinding(output, 'cto-for-restricted-patient', 'error', 's41(3)(aa)');
    assertFinding(output, 'restricted-discharge-needs-consent', 'warning', 's41(3)(c)(iii)');
  });

  it('s47(2) and s49: transfer directions lapse unless received within 14 days; the release date is not evaluated', () => {
    const output = run('2026-06-02T09:00:00+01:00', [{ type: 'transfer-direction', at: '2026-06-01T10:00:00+01:00', direction: 's47', restricted: true }]);
    assert.equal(output.status.provision, 's47/49');
    assert.equal(output.status.legalStatusCode, '15');
    assertDeadline(output, 'admission-deadline', '2026-06-15T00:00:00+01:00', 's47(2)');
    assertFinding(output, 'not-yet-evaluated', 'warning', 's50');
    const lapsed = run('2026-06-16T09:00:00+01:00', [{ type: 'transfer-direction', at: '2026-06-01T10:00:00+01:00', direction: 's48' }]);
    assert.equal(lapsed.status.provision, 'none');
    assertFinding(lapsed, 'authority-lapsed', 'warning', 's48(3)');
  });

  it('a restricted patient absent without leave has no retaking limit (s41(3)(d))', () => {
    const output = run('2026-07-05T09:00:00+01:00', [order37Restricted, admitted, { type: 'awol-began', at: '2026-07-01T10:00:00+01:00' }]);
    assert.equal(output.status.awol, true);
    assertNoDeadline(output, 'awol-retaking-ends');
  });
});

describe('remands and interim orders', () => {
  it('s35: admission within 7 days; Part 4 does not apply; the remand runs 28 days', () => {
    const before = run('2026-06-02T09:00:00+01:00', [{ type: 'court-order', at: '2026-06-01T10:00:00+01:00', order: 's35' }]);
    assert.equal(before.status.legalStatusCode, '07');
    assertDeadline(before, 'admission-deadline', '2026-06-08T00:00:00+01:00', 's35(4)');
    assertDeadline(before, 'authority-ends', '2026-06-29T00:00:00+01:00', 's35(7)');
    const after = run('2026-06-05T09:00:00+01:00', [
      { type: 'court-order', at: '2026-06-01T10:00:00+01:00', order: 's35' },
      { type: 'hospital-admitted', at: '2026-06-02T10:00:00+01:00' },
      { type: 'medication-first-administered', at: '2026-06-03T10:00:00+01:00' },
    ]);
    assertNoDeadline(after, 'medication-certificate-required');
    assertDeadline(after, 'authority-ends', '2026-06-29T00:00:00+01:00', 's35(7)');
    assert.equal(after.entitlements.imha, true);
    assert.equal(after.entitlements.section117, false);
    assert.ok(!findingCodes(after).includes('medication-outside-detention'));
  });

  it('s38: Part 4 applies after admission', () => {
    const output = run('2026-06-05T09:00:00+01:00', [
      { type: 'court-order', at: '2026-06-01T10:00:00+01:00', order: 's38' },
      { type: 'hospital-admitted', at: '2026-06-02T10:00:00+01:00' },
      { type: 'medication-first-administered', at: '2026-06-03T10:00:00+01:00' },
    ]);
    assert.equal(output.status.legalStatusCode, '12');
    assertDeadline(output, 'medication-certificate-required', '2026-09-03T10:00:00+01:00', 's58(1)(b)');
  });
});

describe('restricted-patient clocks far from the order', () => {
  it('s70 windows and the yearly report are found directly decades later, on the anchor\'s own day', () => {
    const output = run('2066-07-10T09:00:00+01:00', [order37Restricted, admitted]);
    // 40 years on: the window running from 1 June 2066 to 1 June 2067; the report on 3 June 2067.
    assertDeadline(output, 'tribunal-window-closes', '2067-06-01T00:00:00+01:00', 's70');
    assertDeadline(output, 'annual-report-due', '2067-06-03T00:00:00+01:00');
    assert.equal(output.entitlements.tribunalApplicationNow, true);
  });
});
