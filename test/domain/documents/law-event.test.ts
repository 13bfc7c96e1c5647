import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEvaluateInput } from '../../../src/app/law/parse-law-input.ts';
import { evaluate } from '../../../src/domain/law/evaluate.ts';
import type { EvaluateOutput } from '../../../src/domain/law/contract.ts';
import { FormValuesError, forms, lawEventFromForm } from '../../../src/domain/documents/forms.ts';
import { definition, filledValues, goodA2, goodJointRecommendation, goodSingleRecommendation } from './form-test-support.ts';

function run(asOf: string, events: unknown[]): EvaluateOutput {
  const parsed = parseEvaluateInput({ asOf, events });
  assert.ok(parsed.ok, JSON.stringify(parsed.ok ? null : parsed.problems));
  return evaluate(parsed.value);
}

function scrutinyCodes(output: EvaluateOutput): string[] {
  return output.findings.map((finding) => finding.code);
}

const a2 = definition('A2');
const admission = { admittedAt: '2026-04-20T15:10' };

describe('lawEventFromForm: an A2 application with two recommendations', () => {
  const recommendations = [goodSingleRecommendation('2026-04-15'), goodSingleRecommendation('2026-04-20', { practitionerName: 'Dr Tom Green', s12Approved: 'no', previousAcquaintance: 'yes' })];

  it('gives the contract event, with London offsets and the application object', () => {
    assert.deepEqual(lawEventFromForm(a2, goodA2(), { recommendations, admission }), {
      type: 's2-admitted',
      at: '2026-04-20T15:10:00+01:00',
      application: {
        madeAt: '2026-04-20T00:00:00+01:00',
        applicant: 'amhp',
        applicantLastSawPatientAt: '2026-04-20T00:00:00+01:00',
        recommendations: [
          { examinedAt: '2026-04-15T00:00:00+01:00', signedAt: '2026-04-15T00:00:00+01:00', s12Approved: true, previousAcquaintance: false },
          { examinedAt: '2026-04-20T00:00:00+01:00', signedAt: '2026-04-20T00:00:00+01:00', s12Approved: false, previousAcquaintance: true },
        ],
      },
    });
  });

  it('produces input the engine accepts, with no scrutiny finding for a sound application', () => {
    const event = lawEventFromForm(a2, goodA2(), { recommendations, admission });
    const output = run('2026-05-01T09:00:00+01:00', [event]);
    assert.equal(output.status.provision, 's2');
    assert.equal(output.status.since?.toString(), '2026-04-20T14:10:00Z');
    assert.deepEqual(output.findings, []);
  });

  it('gives the engine the finding for examinations too far apart', () => {
    const apart = [goodSingleRecommendation('2026-04-13'), recommendations[1]!];
    const output = run('2026-05-01T09:00:00+01:00', [lawEventFromForm(a2, goodA2(), { recommendations: apart, admission })]);
    assert.deepEqual(scrutinyCodes(output), ['recommendation-examinations-too-far-apart']);
    assert.equal(output.findings[0]?.provision, 's12(1)');
  });

  it('gives the engine the findings for a late recommendation, no s12 doctor and an applicant who had not seen the patient', () => {
    const late = [goodSingleRecommendation('2026-04-15', { s12Approved: 'no' }), { ...recommendations[1]!, signedOn: '2026-04-21' }];
    const event = lawEventFromForm(a2, goodA2({ lastSawOn: '2026-04-05' }), { recommendations: late, admission });
    const codes = scrutinyCodes(run('2026-05-01T09:00:00+01:00', [event]));
    assert.ok(codes.includes('recommendation-signed-after-application'));
    assert.ok(codes.includes('no-s12-approved-recommendation'));
    assert.ok(codes.includes('applicant-not-seen-patient'));
  });

  it('takes s12 approval from approval records when given, over the statement on the form', () => {
    const event = lawEventFromForm(a2, goodA2(), { recommendations, admission, signerS12Approved: [false, false] }) as { application: { recommendations: { s12Approved: boolean }[] } };
    assert.deepEqual(
      event.application.recommendations.map((recommendation) => recommendation.s12Approved),
      [false, false],
    );
    assert.deepEqual(scrutinyCodes(run('2026-05-01T09:00:00+01:00', [event])), ['no-s12-approved-recommendation']);
  });

  it('reads a joint recommendation (A3) as two recommendations', () => {
    const event = lawEventFromForm(a2, goodA2(), { recommendations: [goodJointRecommendation('2026-04-18', '2026-04-19')], admittedAt: '2026-04-20T15:10' }) as { application: { recommendations: unknown[] } };
    assert.equal(event.application.recommendations.length, 2);
    assert.deepEqual(run('2026-05-01T09:00:00+01:00', [event]).findings, []);
  });

  it('takes the time of admission from Form H3 Part 1, and refuses to guess it', () => {
    const h3 = { ...filledValues(definition('H3')), admittedAt: '2026-04-20T16:45' };
    assert.equal(lawEventFromForm(a2, goodA2(), { recommendations, admission: h3 })?.['at'], '2026-04-20T16:45:00+01:00');
    assert.throws(() => lawEventFromForm(a2, goodA2(), { recommendations }), (error: unknown) => error instanceof FormValuesError && error.field === 'admittedAt');
    assert.throws(() => lawEventFromForm(a2, goodA2(), { recommendations, admittedAt: '2026-03-29T01:30' }), /did not exist in London/);
  });

  it('refuses values a recommendation form would not accept', () => {
    assert.throws(() => lawEventFromForm(a2, goodA2(), { recommendations: [{ reasons: 'none' }], admission }), (error: unknown) => error instanceof FormValuesError && error.field === 'recommendations[0]');
    assert.throws(() => lawEventFromForm(a2, goodA2({ signedOn: '' }), { recommendations, admission }), (error: unknown) => error instanceof FormValuesError && error.field === 'signedOn');
  });
});

describe('lawEventFromForm: other forms', () => {
  it('A10 and A11: an emergency admission with times, which the engine accepts', () => {
    const a10 = definition('A10');
    const a11 = definition('A11');
    const values = { ...filledValues(a10), lastSawAt: '2026-05-10T08:00', signedAt: '2026-05-10T09:00' };
    const recommendation = { ...filledValues(a11), previousAcquaintance: 'yes', examinedAt: '2026-05-10T07:00', signedAt: '2026-05-10T07:30' };
    const event = lawEventFromForm(a10, values, { recommendations: [recommendation], admittedAt: '2026-05-10T11:00' });
    assert.deepEqual(event, {
      type: 's4-admitted',
      at: '2026-05-10T11:00:00+01:00',
      application: {
        madeAt: '2026-05-10T09:00:00+01:00',
        applicant: 'amhp',
        applicantLastSawPatientAt: '2026-05-10T08:00:00+01:00',
        recommendations: [{ examinedAt: '2026-05-10T07:00:00+01:00', signedAt: '2026-05-10T07:30:00+01:00', s12Approved: true, previousAcquaintance: true }],
      },
    });
    const output = run('2026-05-11T09:00:00+01:00', [event]);
    assert.equal(output.status.provision, 's4');
    assert.deepEqual(output.findings, []);
  });

  it('A1: the nearest relative is the applicant', () => {
    const a1 = definition('A1');
    const event = lawEventFromForm(a1, filledValues(a1), { recommendations: [goodJointRecommendation('2026-05-10', '2026-05-10')], admittedAt: '2026-05-10T12:00' }) as { application: { applicant: string } };
    assert.equal(event.application.applicant, 'nr');
  });

  it('H1: the s5(2) report at the time it was furnished, in winter time', () => {
    const h1 = definition('H1');
    const event = lawEventFromForm(h1, { ...filledValues(h1), signedAt: '2026-01-10T09:00', furnishedAt: '2026-01-10T09:20', receivedAt: '2026-01-10T10:00' }, {});
    assert.deepEqual(event, { type: 's5-2-report-furnished', at: '2026-01-10T09:20:00+00:00' });
    const output = run('2026-01-11T09:00:00Z', [{ type: 'informal-admission', at: '2026-01-01T10:00:00Z' }, event]);
    assert.equal(output.status.provision, 's5(2)');
  });

  it('H3: the second recommendation after an emergency admission only when Part 2 is completed', () => {
    const h3 = definition('H3');
    const partOne = { ...filledValues(h3), secondRecommendationReceivedAt: '', secondRecordedByName: '', secondRecordedAt: '' };
    assert.equal(lawEventFromForm(h3, partOne, {}), null);
    assert.deepEqual(lawEventFromForm(h3, { ...partOne, secondRecommendationReceivedAt: '2026-05-11T09:30' }, {}), { type: 's4-second-recommendation-received', at: '2026-05-11T09:30:00+01:00' });
  });

  it('records dates as the start of the London day (H5 renewal, G5 acceptance)', () => {
    assert.deepEqual(lawEventFromForm(definition('H5'), { ...filledValues(definition('H5')), receivedOn: '2026-11-02' }, {}), { type: 'renewal-furnished', at: '2026-11-02T00:00:00+00:00' });
    assert.deepEqual(lawEventFromForm(definition('G5'), filledValues(definition('G5')), {}), { type: 'guardianship-accepted', at: '2026-05-10T00:00:00+01:00' });
  });

  it('returns null for forms that record no engine event, such as treatment certificates', () => {
    for (const code of ['T2', 'T3', 'CTO11', 'CTO12', 'H4', 'G6', 'A3', 'A4', 'A11', 'G1', 'CTO3', 'M1']) {
      const form = definition(code);
      assert.equal(lawEventFromForm(form, filledValues(form), {}), null, code);
      assert.ok(form.engineNote.length > 0);
    }
  });

  it('gives, for every form that feeds the engine, an event the engine parses', () => {
    for (const form of forms.filter((candidate) => candidate.feeds !== null)) {
      const extra = form.application === null ? {} : { recommendations: [], admittedAt: '2026-05-10T12:00' };
      const event = lawEventFromForm(form, filledValues(form), extra);
      assert.ok(event !== null, form.code);
      assert.equal(event['type'], form.feeds);
      const parsed = parseEvaluateInput({ asOf: '2026-05-20T00:00:00+01:00', events: [event] });
      assert.ok(parsed.ok, `${form.code}: ${JSON.stringify(parsed.ok ? null : parsed.problems)}`);
    }
  });

  it('CTO1, CTO4 and CTO5 follow a community treatment order through the engine', () => {
    const made = lawEventFromForm(definition('CTO1'), { ...filledValues(definition('CTO1'), '2026-03-02'), effectiveAt: '2026-03-02T14:00' }, {});
    const recalled = lawEventFromForm(definition('CTO4'), { ...filledValues(definition('CTO4'), '2026-04-10'), detainedAt: '2026-04-10T16:00', recordedAt: '2026-04-10T16:15' }, {});
    const revoked = lawEventFromForm(definition('CTO5'), { ...filledValues(definition('CTO5'), '2026-04-11'), revokedAt: '2026-04-11T12:00' }, {});
    const history = [{ type: 's3-admitted', at: '2026-01-05T12:00:00Z' }, made, recalled];
    assert.equal(run('2026-04-10T18:00:00+01:00', history).status.provision, 'cto');
    assert.equal(run('2026-04-12T09:00:00+01:00', [...history, revoked]).status.provision, 's3');
  });
});
