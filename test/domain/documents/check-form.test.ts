import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkForm, type FormProblem } from '../../../src/domain/documents/forms.ts';
import { amhpSigner, approval, definition, filledValues, fullyApprovedSigners, goodA2, goodJointRecommendation, goodSingleRecommendation, now, problemFields, provisions, signer } from './form-test-support.ts';

function only(problems: FormProblem[]): FormProblem {
  assert.equal(problems.length, 1, JSON.stringify(problems, null, 2));
  const [problem] = problems;
  assert.ok(problem !== undefined);
  return problem;
}

describe('checkForm: what a browser posts', () => {
  const a2 = definition('A2');

  it('accepts a sound application', () => {
    assert.deepEqual(checkForm(a2, goodA2(), [amhpSigner], now), []);
  });

  it('names every required field that is missing or blank, and nothing else', () => {
    const values = goodA2({ patientName: '   ' });
    delete values['lastSawOn'];
    const problems = checkForm(a2, values, [amhpSigner], now);
    assert.deepEqual(problemFields(problems), ['patientName', 'lastSawOn']);
    assert.equal(problems[0]?.message, 'Enter full name of the patient.');
    assert.deepEqual(provisions(problems), [null, null]);
  });

  it('requires a field only when the answer it depends on is given', () => {
    const informed = checkForm(a2, goodA2({ nearestRelativeName: '' }), [amhpSigner], now);
    assert.equal(only(informed).field, 'nearestRelativeName');
    assert.deepEqual(checkForm(a2, goodA2({ nearestRelativeStep: 'not-known', nearestRelativeName: '' }), [amhpSigner], now), []);
  });

  it('rejects malformed dates, answers outside the choices, and yes-no answers other than yes or no', () => {
    const dates = checkForm(a2, goodA2({ lastSawOn: '20/04/2026' }), [amhpSigner], now);
    assert.match(only(dates).message, /^The day you last saw the patient: enter a date as YYYY-MM-DD/);
    assert.equal(only(checkForm(a2, goodA2({ lastSawOn: '2026-04-31' }), [amhpSigner], now)).field, 'lastSawOn');
    assert.equal(only(checkForm(a2, goodA2({ nearestRelativeStep: 'ignored' }), [amhpSigner], now)).field, 'nearestRelativeStep');
    const a4 = definition('A4');
    const yesNo = checkForm(a4, goodSingleRecommendation('2026-04-19', { previousAcquaintance: 'true', s12Approved: 'no' }), [], now);
    assert.equal(only(yesNo).field, 'previousAcquaintance');
  });

  it('rejects a date after today and a time after now, in London', () => {
    // now is 1 June 2026 12:00 BST.
    const future = checkForm(a2, goodA2({ signedOn: '2026-06-02', lastSawOn: '2026-06-01' }), [amhpSigner], now);
    assert.equal(only(future).field, 'signedOn');
    assert.match(only(future).message, /a date in the future/);
    assert.deepEqual(checkForm(a2, goodA2({ signedOn: '2026-06-01', lastSawOn: '2026-06-01' }), [amhpSigner], now), []);
    const h2 = definition('H2');
    const later = checkForm(h2, { ...filledValues(h2), recordedAt: '2026-06-01T12:01' }, fullyApprovedSigners(h2), now);
    assert.match(only(later).message, /a time in the future/);
    assert.deepEqual(checkForm(h2, { ...filledValues(h2), recordedAt: '2026-06-01T12:00' }, fullyApprovedSigners(h2), now), []);
  });

  it('allows a future day where the form sets one ahead (the day of a transfer into guardianship)', () => {
    const g6 = definition('G6');
    assert.deepEqual(checkForm(g6, { ...filledValues(g6), transferOn: '2026-07-01' }, fullyApprovedSigners(g6), now), []);
    assert.equal(only(checkForm(g6, { ...filledValues(g6), authorisedOn: '2026-07-01' }, fullyApprovedSigners(g6), now)).field, 'authorisedOn');
  });

  it('checks only the parts asked for, for a form completed in stages', () => {
    const h4 = definition('H4');
    const partOne = { patientName: 'Alex Brown', fromHospital: 'Riverside', toHospital: 'Hilltop', detainedUnder: 's3', authorisedByName: 'Sam Lee', authorisedOn: '2026-05-01' };
    assert.deepEqual(problemFields(checkForm(h4, partOne, [], now)), ['admittedAt', 'recordedByName', 'recordedAt']);
    assert.deepEqual(checkForm(h4, partOne, [], now, { parts: ['authority'] }), []);
  });
});

describe('checkForm: approvals held on the London day of signing', () => {
  const a2 = definition('A2');
  const check = (approvals: ReturnType<typeof approval>[], signedOn = '2026-04-20') => checkForm(a2, goodA2({ signedOn, lastSawOn: signedOn }), [signer('applicant', ...approvals)], now);

  it('holds on the first and the last day of the approval', () => {
    assert.deepEqual(check([approval('amhp', '2026-04-20', '2026-12-31')]), []);
    assert.deepEqual(check([approval('amhp', '2021-04-21', '2026-04-20')]), []);
  });

  it('does not hold the day after it ends or the day before it starts, citing the approval provision', () => {
    const after = only(check([approval('amhp', '2021-04-21', '2026-04-19')]));
    assert.equal(after.field, 'signedOn');
    assert.equal(after.provision, 's114');
    assert.equal(after.message, 's114: Jane Smith (approved mental health professional) was not an approved mental health professional on 20 April 2026, the day of signing.');
    assert.equal(only(check([approval('amhp', '2026-04-21')])).provision, 's114');
  });

  it('never holds when withdrawn', () => {
    assert.equal(only(check([approval('amhp', '2020-01-01', null, true)])).provision, 's114');
  });

  it('does not accept another kind of approval, nor a signer with no records', () => {
    assert.equal(only(check([approval('approved-clinician', '2020-01-01')])).provision, 's114');
    const none = only(checkForm(a2, goodA2(), [], now));
    assert.match(none.message, /No approvals are recorded for this signer/);
    const someoneElse = only(checkForm(a2, goodA2(), [signer('not-on-this-form', approval('amhp', '2020-01-01'))], now));
    assert.equal(someoneElse.provision, 's114');
  });

  it('takes the London day of a time of signing, not the UTC day', () => {
    // 00:30 BST on 1 July is 23:30 UTC on 30 June: the approval starting 1 July holds.
    const a10 = definition('A10');
    const values = { ...filledValues(a10, '2026-07-01', '00:30'), lastSawAt: '2026-06-30T22:00' };
    const checkedAt = Temporal.Instant.from('2026-07-02T00:00:00Z');
    assert.deepEqual(checkForm(a10, values, [signer('applicant', approval('amhp', '2026-07-01'))], checkedAt), []);
    assert.equal(only(checkForm(a10, values, [signer('applicant', approval('amhp', '2025-07-01', '2026-06-30'))], checkedAt)).provision, 's114');
  });

  it('checks a doctor who says they are s12 approved, accepting an approved clinician (s12(2A))', () => {
    const a4 = definition('A4');
    const values = goodSingleRecommendation('2026-04-19');
    const claim = only(checkForm(a4, values, [], now));
    assert.equal(claim.provision, 's12(2)');
    assert.match(claim.message, /Dr Asha Patel .* was not a section 12 approved doctor or an approved clinician \(treated as approved by s12\(2A\)\) on 19 April 2026/);
    assert.deepEqual(checkForm(a4, values, [signer('practitioner', approval('section-12-doctor', '2024-01-01', '2029-01-01'))], now), []);
    assert.deepEqual(checkForm(a4, values, [signer('practitioner', approval('approved-clinician', '2024-01-01'))], now), []);
    assert.equal(only(checkForm(a4, values, [signer('practitioner', approval('section-12-doctor', '2024-01-01', '2026-04-18'))], now)).provision, 's12(2)');
    // A doctor who does not claim approval needs none.
    assert.deepEqual(checkForm(a4, { ...values, s12Approved: 'no' }, [], now), []);
  });

  it('requires the approval that goes with the capacity a signer states (T2: approved clinician or second opinion doctor)', () => {
    const t2 = definition('T2');
    const values = { ...filledValues(t2), capacity: 'soad' };
    assert.equal(only(checkForm(t2, values, [signer('certifier', approval('approved-clinician', '2020-01-01'))], now)).provision, 's58(3)(b), s119');
    assert.deepEqual(checkForm(t2, values, [signer('certifier', approval('soad', '2020-01-01'))], now), []);
    assert.equal(only(checkForm(t2, { ...values, capacity: 'approved-clinician' }, [signer('certifier', approval('soad', '2020-01-01'))], now)).provision, 's145(1)');
  });

  it('checks each signatory of a form with several (CTO1: responsible clinician, AMHP, responsible clinician)', () => {
    const cto1 = definition('CTO1');
    const values = filledValues(cto1);
    const problems = checkForm(cto1, values, [signer('rc-opinion', approval('responsible-clinician', '2020-01-01')), signer('amhp', approval('amhp', '2020-01-01'))], now);
    assert.deepEqual(problemFields(problems), ['orderSignedOn']);
    assert.deepEqual(provisions(problems), ['s34(1)']);
  });
});

describe('checkForm: order and timing the form makes plain', () => {
  it('s12(1): a doctor cannot sign a recommendation before examining the patient', () => {
    const a4 = definition('A4');
    const s12 = [signer('practitioner', approval('section-12-doctor', '2020-01-01'))];
    const problem = only(checkForm(a4, goodSingleRecommendation('2026-04-19', { signedOn: '2026-04-18' }), s12, now));
    assert.equal(problem.field, 'signedOn');
    assert.equal(problem.provision, 's12(1)');
    assert.match(problem.message, /^s12\(1\): A doctor may sign a recommendation only after personally examining the patient\. Here the day the doctor signed is 18 April 2026, before the day the doctor examined the patient, 19 April 2026\.$/);
    assert.deepEqual(checkForm(a4, goodSingleRecommendation('2026-04-19', { signedOn: '2026-04-19' }), s12, now), []);
  });

  it('s12(1): compares times where both are times (A11, emergency)', () => {
    const a11 = definition('A11');
    const values = { ...filledValues(a11), s12Approved: 'no', examinedAt: '2026-05-10T10:00', signedAt: '2026-05-10T09:59' };
    assert.equal(only(checkForm(a11, values, [], now)).provision, 's12(1)');
    assert.deepEqual(checkForm(a11, { ...values, signedAt: '2026-05-10T10:00' }, [], now), []);
  });

  it('s12(1): a joint recommendation allows 5 clear days between separate examinations, not 6', () => {
    const a3 = definition('A3');
    const s12 = [signer('first-practitioner', approval('section-12-doctor', '2020-01-01'))];
    // Sunday 3 May to Saturday 9 May: 5 clear days between.
    assert.deepEqual(checkForm(a3, goodJointRecommendation('2026-05-03', '2026-05-09'), s12, now), []);
    const problem = only(checkForm(a3, goodJointRecommendation('2026-05-03', '2026-05-10'), s12, now));
    assert.equal(problem.field, 'secondExaminedOn');
    assert.equal(problem.provision, 's12(1)');
    assert.match(problem.message, /were 6 clear days apart; the limit is 5/);
    // Order does not matter; together on one day is fine.
    assert.equal(only(checkForm(a3, goodJointRecommendation('2026-05-10', '2026-05-03'), s12, now)).provision, 's12(1)');
    assert.deepEqual(checkForm(a3, goodJointRecommendation('2026-05-03', '2026-05-03'), s12, now), []);
  });

  it('s11(5): the applicant saw the patient within the 14 days ending with the day of the application', () => {
    const a2 = definition('A2');
    // Application 20 April: the 14 days run from 7 April to 20 April.
    assert.deepEqual(checkForm(a2, goodA2({ lastSawOn: '2026-04-07' }), [amhpSigner], now), []);
    const early = only(checkForm(a2, goodA2({ lastSawOn: '2026-04-06' }), [amhpSigner], now));
    assert.equal(early.field, 'lastSawOn');
    assert.equal(early.provision, 's11(5)');
    assert.match(early.message, /the 14 days ending with 20 April 2026 run from 7 April 2026/);
    assert.equal(only(checkForm(a2, goodA2({ lastSawOn: '2026-04-21', signedOn: '2026-04-20' }), [amhpSigner], now)).provision, 's11(5)');
    // The same applies to the nearest relative's application.
    const a1 = definition('A1');
    assert.equal(only(checkForm(a1, { ...filledValues(a1), lastSawOn: '2026-04-06', signedOn: '2026-04-20' }, [], now)).provision, 's11(5)');
  });

  it('s4(5): for an emergency application, within the 24 hours before the application', () => {
    const a10 = definition('A10');
    const base = { ...filledValues(a10), signedAt: '2026-05-10T10:00' };
    const approved = [signer('applicant', approval('amhp', '2020-01-01'))];
    assert.deepEqual(checkForm(a10, { ...base, lastSawAt: '2026-05-09T10:01' }, approved, now), []);
    assert.deepEqual(checkForm(a10, { ...base, lastSawAt: '2026-05-10T10:00' }, approved, now), []);
    const stale = only(checkForm(a10, { ...base, lastSawAt: '2026-05-09T10:00' }, approved, now));
    assert.equal(stale.field, 'signedAt');
    assert.equal(stale.provision, 's4(5)');
    assert.match(stale.message, /is 24 hours after/);
    assert.match(only(checkForm(a10, { ...base, lastSawAt: '2026-05-10T11:30' }, approved, now)).message, /1 hour 30 minutes before/);
    const a9 = definition('A9');
    assert.equal(only(checkForm(a9, { ...filledValues(a9), signedAt: '2026-05-10T10:00', lastSawAt: '2026-05-08T10:00' }, [], now)).provision, 's4(5)');
  });

  it('s11(4): an approved mental health professional may not apply for treatment or guardianship over the nearest relative\'s objection', () => {
    const a6 = definition('A6');
    const values = filledValues(a6);
    const approved = fullyApprovedSigners(a6);
    assert.deepEqual(checkForm(a6, values, approved, now), []);
    const objection = only(checkForm(a6, { ...values, nearestRelativeConsultation: 'objects' }, approved, now));
    assert.equal(objection.field, 'nearestRelativeConsultation');
    assert.equal(objection.provision, 's11(4)');
    const g2 = definition('G2');
    assert.equal(only(checkForm(g2, { ...filledValues(g2), nearestRelativeConsultation: 'objects' }, fullyApprovedSigners(g2), now)).provision, 's11(4)');
    // The emergency and assessment applications have no consultation duty, and no such rule.
    assert.ok(!definition('A2').rules.some((rule) => rule.provision === 's11(4)'));
  });

  it('s7(1): guardianship only for a patient aged 16 or over', () => {
    const g1 = definition('G1');
    const values = { ...filledValues(g1), signedOn: '2026-05-10', lastSawOn: '2026-05-10' };
    assert.deepEqual(checkForm(g1, { ...values, patientDateOfBirth: '2010-05-10' }, [], now), []);
    const young = only(checkForm(g1, { ...values, patientDateOfBirth: '2010-05-11' }, [], now));
    assert.equal(young.field, 'patientDateOfBirth');
    assert.equal(young.provision, 's7(1)');
    assert.deepEqual(checkForm(g1, { ...values, patientDateOfBirth: '' }, [], now), []);
  });

  it('s20(5A): renewal needs the agreement of someone of another profession, given before the report is furnished', () => {
    const h5 = definition('H5');
    const values = { ...filledValues(h5), rcProfession: 'Psychiatrist', agreeingProfession: 'Nurse' };
    const approved = fullyApprovedSigners(h5);
    assert.deepEqual(checkForm(h5, values, approved, now), []);
    const same = only(checkForm(h5, { ...values, agreeingProfession: ' psychiatrist ' }, approved, now));
    assert.equal(same.field, 'agreeingProfession');
    assert.equal(same.provision, 's20(5A)');
    const late = only(checkForm(h5, { ...values, agreedOn: '2026-05-11', receivedOn: '2026-05-11' }, approved, now));
    assert.equal(late.field, 'rcSignedOn');
    assert.equal(late.provision, 's20(5A)');
  });

  it('a receipt cannot come before the signature (plain order, no provision)', () => {
    const h5 = definition('H5');
    const values = { ...filledValues(h5), rcProfession: 'Psychiatrist', agreeingProfession: 'Nurse', receivedOn: '2026-05-09' };
    const problem = only(checkForm(h5, values, fullyApprovedSigners(h5), now));
    assert.equal(problem.field, 'receivedOn');
    assert.equal(problem.provision, null);
  });

  it('s21B(2): examination within the week beginning with the day of return', () => {
    for (const code of ['H6', 'G10', 'CTO8']) {
      const form = definition(code);
      const values = { ...filledValues(form), returnedOn: '2026-05-01', examinedOn: '2026-05-07', signedOn: '2026-05-07', receivedOn: '2026-05-08' };
      assert.deepEqual(checkForm(form, values, fullyApprovedSigners(form), now), [], code);
      const late = only(checkForm(form, { ...values, examinedOn: '2026-05-08', signedOn: '2026-05-08' }, fullyApprovedSigners(form), now));
      assert.equal(late.provision, 's21B(2)', code);
      assert.equal(late.field, 'examinedOn');
      assert.equal(only(checkForm(form, { ...values, examinedOn: '2026-04-30' }, fullyApprovedSigners(form), now)).provision, 's21B(2)');
    }
  });

  it('s25(1): the barring report within 72 hours after the nearest relative\'s notice', () => {
    const m2 = definition('M2');
    const values = { ...filledValues(m2), noticeReceivedAt: '2026-05-01T09:00', signedAt: '2026-05-04T08:00', furnishedAt: '2026-05-04T08:59', receivedAt: '2026-05-04T09:30' };
    assert.deepEqual(checkForm(m2, values, fullyApprovedSigners(m2), now), []);
    const late = only(checkForm(m2, { ...values, furnishedAt: '2026-05-04T09:00' }, fullyApprovedSigners(m2), now));
    assert.equal(late.field, 'furnishedAt');
    assert.equal(late.provision, 's25(1)');
  });

  it('s17A(4) and s17F(4): the AMHP agrees before the order is made or revoked', () => {
    const cto1 = definition('CTO1');
    const values = filledValues(cto1);
    const early = only(checkForm(cto1, { ...values, orderSignedOn: '2026-05-09', opinionSignedOn: '2026-05-09', agreedOn: '2026-05-10' }, fullyApprovedSigners(cto1), now));
    assert.equal(early.provision, 's17A(4)');
    const cto5 = definition('CTO5');
    const revoked = only(checkForm(cto5, { ...filledValues(cto5), revokedAt: '2026-05-09T23:00', opinionSignedOn: '2026-05-09' }, fullyApprovedSigners(cto5), now));
    assert.equal(revoked.provision, 's17F(4)');
  });

  it('transfer time limits: H4 within 28 days (reg 11(1)(a)), G8 within 14 days (reg 11(1)(b)), CTO6 within 72 hours (reg 12)', () => {
    const h4 = definition('H4');
    const h4Values = { ...filledValues(h4), authorisedOn: '2026-04-01', admittedAt: '2026-04-28T23:59', recordedAt: '2026-04-29T08:00' };
    assert.deepEqual(checkForm(h4, h4Values, [], now), []);
    assert.equal(only(checkForm(h4, { ...h4Values, admittedAt: '2026-04-29T00:00' }, [], now)).provision, 'reg 11(1)(a)');
    const g8 = definition('G8');
    const g8Values = { ...filledValues(g8), lastExaminedOn: '2026-05-01', admittedAt: '2026-05-14T18:00', recordedAt: '2026-05-14T18:30' };
    assert.deepEqual(checkForm(g8, g8Values, [], now), []);
    assert.equal(only(checkForm(g8, { ...g8Values, admittedAt: '2026-05-15T09:00', recordedAt: '2026-05-15T09:30' }, [], now)).provision, 'reg 11(1)(b)');
    const cto6 = definition('CTO6');
    const cto6Values = { ...filledValues(cto6), detainedAt: '2026-05-01T10:00', authorisedOn: '2026-05-02', admittedAt: '2026-05-04T09:59', recordedAt: '2026-05-04T10:30' };
    assert.deepEqual(checkForm(cto6, cto6Values, [], now), []);
    assert.equal(only(checkForm(cto6, { ...cto6Values, admittedAt: '2026-05-04T10:00' }, [], now)).provision, 'reg 12');
  });

  it('s58A(5): no second opinion for ECT that conflicts with an advance decision or an attorney, deputy or court', () => {
    const t6 = definition('T6');
    assert.deepEqual(checkForm(t6, filledValues(t6), fullyApprovedSigners(t6), now), []);
    assert.equal(only(checkForm(t6, { ...filledValues(t6), noConflictingDecision: 'no' }, fullyApprovedSigners(t6), now)).provision, 's58A(5)');
  });

  it('does not apply a rule to a field that is missing or malformed (that is reported once, on its own)', () => {
    const a2 = definition('A2');
    const problems = checkForm(a2, goodA2({ lastSawOn: 'last week' }), [amhpSigner], now);
    assert.deepEqual(problemFields(problems), ['lastSawOn']);
    assert.equal(problems[0]?.provision, null);
  });
});
