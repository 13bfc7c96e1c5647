import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { breachNotice, dischargeRecorderRefusal, mayRecordConcerns, validateConcern, validateConditions } from '../../../src/domain/restricted/conditional-discharge.ts';

describe('conditions of a conditional discharge', () => {
  it('ignores blank rows, defaults victims to yes for exclusion zones and no contact, and honours an explicit answer', () => {
    const result = validateConditions([
      { kind: 'exclusion-zone', text: ' Not to enter Weymouth ' },
      { kind: '', text: '' },
      { kind: 'no-contact', text: 'No contact with the victim', concernsVictims: 'no' },
      { kind: 'residence', text: 'Reside at Elm House' },
      { kind: 'other', text: 'Abstain from alcohol', concernsVictims: 'yes' },
    ]);
    assert.ok(result.ok);
    assert.deepEqual(result.conditions.map((condition) => [condition.kind, condition.text, condition.concernsVictims]), [
      ['exclusion-zone', 'Not to enter Weymouth', true],
      ['no-contact', 'No contact with the victim', false],
      ['residence', 'Reside at Elm House', false],
      ['other', 'Abstain from alcohol', true],
    ]);
  });

  it('needs at least one condition, and names the row and field of a half-filled one', () => {
    const none = validateConditions([{ kind: '', text: ' ' }]);
    assert.ok(!none.ok);
    assert.deepEqual(none.problems.map((problem) => problem.field), ['condition1-kind']);
    const half = validateConditions([{ kind: 'residence', text: 'Home' }, { kind: 'treatment' }, { text: 'x', kind: 'curfew' }]);
    assert.ok(!half.ok);
    assert.deepEqual(half.problems.map((problem) => [problem.field, problem.message]), [
      ['condition2-text', 'Condition 2: enter the wording of the condition'],
      ['condition3-kind', 'Condition 3: select the kind of condition'],
    ]);
  });
});

describe('concerns and breaches', () => {
  it('a breach needs a condition in force; a concern does not', () => {
    const breach = validateConcern({ kind: 'breach', whatHappened: 'Seen', actionTaken: 'None' }, ['a']);
    assert.ok(!breach.ok);
    assert.deepEqual(breach.problems.map((problem) => problem.field), ['conditionId']);
    const stale = validateConcern({ kind: 'breach', conditionId: 'old', whatHappened: 'Seen', actionTaken: 'None' }, ['a']);
    assert.ok(!stale.ok);
    const concern = validateConcern({ kind: 'concern', conditionId: 'none', whatHappened: 'Missed an appointment', actionTaken: 'Rebooked' }, ['a']);
    assert.ok(concern.ok);
    assert.equal(concern.concern.conditionId, null);
  });

  it('is recorded by those supervising the patient, and the breach notice does not name anyone', () => {
    assert.ok(mayRecordConcerns('probation-practitioner'));
    assert.ok(mayRecordConcerns('police-officer'));
    assert.ok(!mayRecordConcerns('mha-administrator'));
    assert.ok(!mayRecordConcerns(null));
    const notice = breachNotice({ kind: 'exclusion-zone' }, { agencyName: 'Wessex Probation Service' });
    assert.match(notice.body, /breach of a condition \(exclusion zone\).*section 42\(3\)/);
  });
});

describe('who records a conditional discharge', () => {
  it('the caseworker for the Secretary of State (s42(2)), the administrator for the tribunal (s73)', () => {
    assert.equal(dischargeRecorderRefusal('sos', 'moj-caseworker'), null);
    assert.equal(dischargeRecorderRefusal('tribunal', 'mha-administrator'), null);
    assert.match(dischargeRecorderRefusal('sos', 'mha-administrator') ?? '', /s42\(2\)/);
    assert.match(dischargeRecorderRefusal('tribunal', 'responsible-clinician') ?? '', /s73/);
  });
});
