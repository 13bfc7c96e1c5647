import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkApplicationWithRecommendations, recommendationFacts } from '../../../src/domain/documents/forms.ts';
import { amhpSigner, approval, definition, filledValues, fullyApprovedSigners, goodA2, goodJointRecommendation, goodSingleRecommendation, now, signer } from './form-test-support.ts';

const a2 = definition('A2');
const a3 = definition('A3');
const a4 = definition('A4');
const s12Doctor = signer('practitioner', approval('section-12-doctor', '2020-01-01'));

const application = { form: a2, values: goodA2(), signers: [amhpSigner] };
const singles = (first: string, second: string, firstOverrides: Record<string, string> = {}, secondOverrides: Record<string, string> = {}) => [
  { form: a4, values: goodSingleRecommendation(first, firstOverrides), signers: [s12Doctor] },
  { form: a4, values: goodSingleRecommendation(second, { practitionerName: 'Dr Tom Green', s12Approved: 'no', previousAcquaintance: 'yes', ...secondOverrides }) },
];

describe('checkApplicationWithRecommendations: an application read with its medical recommendations', () => {
  it('finds nothing wrong with a sound s2 application and two single recommendations', () => {
    assert.deepEqual(checkApplicationWithRecommendations(application, singles('2026-04-15', '2026-04-20'), now), []);
  });

  it('finds nothing wrong with a sound application founded on one joint recommendation', () => {
    const joint = [{ form: a3, values: goodJointRecommendation('2026-04-18', '2026-04-19'), signers: [signer('first-practitioner', approval('approved-clinician', '2020-01-01'))] }];
    assert.deepEqual(checkApplicationWithRecommendations(application, joint, now), []);
  });

  it('reports each form\'s own problems under its place in the set', () => {
    const problems = checkApplicationWithRecommendations({ ...application, values: goodA2({ patientName: '' }) }, singles('2026-04-15', '2026-04-20', {}, { reasons: '' }), now);
    assert.deepEqual(
      problems.map((problem) => problem.field),
      ['application.patientName', 'recommendations[1].reasons'],
    );
  });

  it('s12(1): a recommendation signed after the day of the application; the same day is fine', () => {
    const problems = checkApplicationWithRecommendations(application, singles('2026-04-15', '2026-04-20', {}, { signedOn: '2026-04-21' }), Temporal.Instant.from('2026-04-22T00:00:00Z'));
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.field, 'recommendations[1].signedOn');
    assert.equal(problems[0]?.provision, 's12(1)');
    assert.match(problems[0]?.message ?? '', /Dr Tom Green signed on 21 April 2026, after the application of 20 April 2026/);
  });

  it('s12(1): separate examinations on separate forms more than 5 clear days apart', () => {
    assert.deepEqual(checkApplicationWithRecommendations(application, singles('2026-04-14', '2026-04-20'), now), []);
    const problems = checkApplicationWithRecommendations(application, singles('2026-04-13', '2026-04-20'), now);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.field, 'recommendations[1].examinedOn');
    assert.equal(problems[0]?.provision, 's12(1)');
    assert.match(problems[0]?.message ?? '', /6 clear days apart/);
  });

  it('s12(2): at least one doctor approved under s12, judged by approval records where they are given', () => {
    const neither = singles('2026-04-15', '2026-04-20', { s12Approved: 'no' });
    neither[0] = { form: a4, values: goodSingleRecommendation('2026-04-15', { s12Approved: 'no' }), signers: [] };
    const problems = checkApplicationWithRecommendations(application, neither, now);
    assert.deepEqual(
      problems.map((problem) => [problem.field, problem.provision]),
      [['recommendations', 's12(2)']],
    );
    // A doctor who says nothing of approval but holds it on the day counts.
    const recorded = [{ form: a4, values: goodSingleRecommendation('2026-04-15', { s12Approved: 'no' }), signers: [s12Doctor] }, neither[1]!];
    assert.deepEqual(checkApplicationWithRecommendations(application, recorded, now), []);
    // Approval that lapsed before signing does not count, and the false statement is itself reported.
    const lapsed = [{ form: a4, values: goodSingleRecommendation('2026-04-15'), signers: [signer('practitioner', approval('section-12-doctor', '2020-01-01', '2026-04-14'))] }, neither[1]!];
    assert.deepEqual(
      checkApplicationWithRecommendations(application, lapsed, now).map((problem) => [problem.field, problem.provision]),
      [
        ['recommendations[0].signedOn', 's12(2)'],
        ['recommendations', 's12(2)'],
      ],
    );
  });

  it('s2(3): an application founded on one recommendation, or three, is short or over', () => {
    const one = checkApplicationWithRecommendations(application, singles('2026-04-15', '2026-04-20').slice(0, 1), now);
    assert.deepEqual(
      one.map((problem) => [problem.field, problem.provision]),
      [['recommendations', 's2(3)']],
    );
    assert.match(one[0]?.message ?? '', /founded on 2 medical recommendations \(a joint recommendation, Form A3, counts as two\); 1 was given/);
    const three = checkApplicationWithRecommendations(application, [...singles('2026-04-15', '2026-04-20'), { form: a3, values: goodJointRecommendation('2026-04-18', '2026-04-19'), signers: [] }], now);
    assert.ok(three.some((problem) => problem.field === 'recommendations' && problem.provision === 's2(3)'));
  });

  it('reg 4(1)(b): recommendations for admission for treatment do not found an application for assessment', () => {
    const a8 = definition('A8');
    const wrong = [singles('2026-04-15', '2026-04-20')[0]!, { form: a8, values: { ...filledValues(a8, '2026-04-20'), s12Approved: 'no' } }];
    const problems = checkApplicationWithRecommendations(application, wrong, now);
    assert.ok(problems.some((problem) => problem.field === 'recommendations[1]' && problem.provision === 'reg 4(1)(b)'));
    assert.ok(problems.some((problem) => problem.field === 'recommendations' && problem.provision === 's2(3)'));
  });

  it('s4: an emergency application needs one recommendation (A11), with no s12 requirement', () => {
    const a10 = definition('A10');
    const a11 = definition('A11');
    const emergency = { form: a10, values: { ...filledValues(a10), lastSawAt: '2026-05-10T08:00', signedAt: '2026-05-10T09:00' }, signers: fullyApprovedSigners(a10) };
    const recommendation = { form: a11, values: { ...filledValues(a11), s12Approved: 'no', previousAcquaintance: 'no', examinedAt: '2026-05-10T07:00', signedAt: '2026-05-10T07:30' } };
    assert.deepEqual(checkApplicationWithRecommendations(emergency, [recommendation], now), []);
    const problems = checkApplicationWithRecommendations(emergency, [recommendation, recommendation], now);
    assert.deepEqual(
      problems.map((problem) => [problem.field, problem.provision]),
      [['recommendations', 's4(3)']],
    );
  });

  it('s7: guardianship applications go with G3 or G4 recommendations', () => {
    const g2 = definition('G2');
    const g3 = definition('G3');
    const guardianship = { form: g2, values: filledValues(g2), signers: fullyApprovedSigners(g2) };
    assert.deepEqual(checkApplicationWithRecommendations(guardianship, [{ form: g3, values: filledValues(g3), signers: fullyApprovedSigners(g3) }], now), []);
    const wrong = checkApplicationWithRecommendations(guardianship, [{ form: a3, values: goodJointRecommendation('2026-05-10', '2026-05-10'), signers: fullyApprovedSigners(a3) }], now);
    assert.ok(wrong.some((problem) => problem.provision === 'reg 5(1)(c)'));
  });

  it('refuses a form that is not an application', () => {
    assert.throws(() => checkApplicationWithRecommendations({ form: a4, values: {} }, [], now), /not an application/);
  });

  it('reads each doctor of a joint recommendation separately', () => {
    const facts = recommendationFacts(a3, goodJointRecommendation('2026-04-18', '2026-04-19'));
    assert.deepEqual(
      facts.map((fact) => [fact.name, fact.examined?.day.toString(), fact.s12Approved, fact.previousAcquaintance]),
      [
        ['Dr Asha Patel', '2026-04-18', true, false],
        ['Dr Tom Green', '2026-04-19', false, true],
      ],
    );
  });
});
