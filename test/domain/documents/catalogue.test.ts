import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventTypes } from '../../../src/domain/law/contract.ts';
import { approvalKindKeys } from '../../../src/domain/organisation/approvals.ts';
import { checkForm, fieldById, fieldsOf, formByCode, forms, ruleFieldIds, type FormDefinition } from '../../../src/domain/documents/forms.ts';
import { filledValues, fullyApprovedSigners, now } from './form-test-support.ts';

const expectedCodes = [
  ...Array.from({ length: 11 }, (_, index) => `A${index + 1}`),
  ...Array.from({ length: 6 }, (_, index) => `H${index + 1}`),
  ...Array.from({ length: 10 }, (_, index) => `G${index + 1}`),
  ...Array.from({ length: 12 }, (_, index) => `CTO${index + 1}`),
  ...Array.from({ length: 6 }, (_, index) => `T${index + 1}`),
  'M1',
  'M2',
];

function dateField(form: FormDefinition, id: string): boolean {
  const field = fieldById(form, id);
  return field !== undefined && (field.type === 'date' || field.type === 'datetime');
}

describe('the catalogue of statutory forms', () => {
  it('holds every form of Schedule 1 (and CTO12) exactly once, in order', () => {
    assert.deepEqual(
      forms.map((form) => form.code),
      expectedCodes,
    );
    assert.equal(new Set(forms.map((form) => form.code)).size, 47);
  });

  it('finds a form by its code in any letter case, and nothing for an unknown code', () => {
    assert.equal(formByCode('A2')?.code, 'A2');
    assert.equal(formByCode('cto12')?.code, 'CTO12');
    assert.equal(formByCode(' h3 ')?.code, 'H3');
    assert.equal(formByCode('A12'), undefined);
    assert.equal(formByCode(''), undefined);
  });

  it('is frozen, so a page cannot change a definition another page relies on', () => {
    assert.ok(Object.isFrozen(forms));
    const a2 = formByCode('A2');
    assert.ok(a2 !== undefined && Object.isFrozen(a2) && Object.isFrozen(a2.parts[0]?.fields[0]));
  });

  for (const form of forms) {
    describe(form.code, () => {
      it('describes itself: title, regulation, provision, recipient, kind, summary and what it means to the engine', () => {
        assert.ok(form.title.length > 10);
        assert.match(form.regulation, /^reg \d+/);
        assert.ok(form.provision.length > 0);
        assert.ok(form.receivedBy === 'hospital-managers' || form.receivedBy === 'local-authority');
        assert.ok(form.summary.length > 30);
        assert.ok(form.engineNote.length > 20);
        assert.ok(form.parts.length >= 1);
        assert.ok(form.parts.every((part) => part.fields.length >= 1 && part.title.length > 0));
      });

      it('has field ids unique across the form, and every choice has its options', () => {
        const ids = fieldsOf(form).map((field) => field.id);
        assert.equal(new Set(ids).size, ids.length, `duplicate field id in ${form.code}`);
        assert.equal(new Set(form.parts.map((part) => part.id)).size, form.parts.length);
        for (const field of fieldsOf(form)) {
          if (field.type === 'choice') assert.ok((field.options ?? []).length >= 2, `${form.code}.${field.id} needs options`);
          else assert.equal(field.options, undefined);
          if (field.requiredWhen !== undefined) {
            const trigger = fieldById(form, field.requiredWhen.field);
            assert.ok(trigger !== undefined, `${form.code}.${field.id} requiredWhen names a missing field`);
            if (trigger.type === 'choice') assert.ok(trigger.options?.some((option) => option.value === field.requiredWhen?.value));
          }
        }
      });

      it('names, for each signatory, a date or time field in its own part, and any approval it needs', () => {
        const signatoryIds = new Set<string>();
        for (const part of form.parts) {
          if (part.signatory === null) continue;
          const signatory = part.signatory;
          assert.ok(!signatoryIds.has(signatory.id), `duplicate signatory ${signatory.id}`);
          signatoryIds.add(signatory.id);
          assert.ok(part.fields.some((field) => field.id === signatory.signedField), `${form.code}: ${signatory.signedField} is not in part ${part.id}`);
          assert.ok(dateField(form, signatory.signedField));
          if (signatory.nameField !== undefined) assert.ok(fieldById(form, signatory.nameField)?.type === 'text');
          if (signatory.approval !== null) {
            assert.ok(approvalKindKeys.includes(signatory.approval));
            assert.ok(signatory.approvalProvision !== null);
          }
          for (const condition of signatory.approvalIf ?? []) {
            const trigger = fieldById(form, condition.field);
            assert.ok(trigger !== undefined);
            if (trigger.type === 'choice') assert.ok(trigger.options?.some((option) => option.value === condition.value));
            else assert.equal(trigger.type, 'yes-no');
          }
        }
        assert.ok(signatoryIds.size >= 1, `${form.code} has nobody signing it`);
      });

      it('has rules that compare fields it holds, with a message', () => {
        for (const rule of form.rules) {
          for (const id of ruleFieldIds(rule)) assert.ok(fieldById(form, id) !== undefined, `${form.code} rule ${rule.kind} names missing field ${id}`);
          assert.ok(rule.message.length > 10);
          if (rule.kind === 'within-hours-after') {
            assert.equal(fieldById(form, rule.field)?.type, 'datetime');
            assert.equal(fieldById(form, rule.start)?.type, 'datetime');
          }
        }
      });

      it('feeds a law-engine event type from the contract, or says why it feeds none', () => {
        if (form.feeds === null) {
          assert.match(form.engineNote, /No engine event|Read with the application|Guardianship begins/);
          return;
        }
        assert.ok((eventTypes as readonly string[]).includes(form.feeds), `${form.feeds} is not a contract event`);
        if (form.application === null) assert.ok(form.eventAtField !== null && dateField(form, form.eventAtField));
      });

      it('accepts a completely and consistently filled-in form signed by approved people', () => {
        assert.deepEqual(checkForm(form, filledValues(form), fullyApprovedSigners(form), now), []);
      });
    });
  }

  it('marks applications and recommendations so that they can be read together', () => {
    for (const form of forms.filter((candidate) => candidate.kind === 'application')) {
      const spec = form.application;
      assert.ok(spec !== null, `${form.code} has no application spec`);
      assert.ok(dateField(form, spec.madeField) && dateField(form, spec.lastSawField));
      for (const code of spec.recommendationForms) assert.equal(formByCode(code)?.kind, 'recommendation');
    }
    for (const form of forms.filter((candidate) => candidate.kind === 'recommendation')) {
      assert.ok(form.recommendations.length === 1 || form.recommendations.length === 2);
      for (const spec of form.recommendations) {
        assert.ok(dateField(form, spec.examinedField) && dateField(form, spec.signedField));
        assert.equal(fieldById(form, spec.s12Field)?.type, 'yes-no');
        assert.equal(fieldById(form, spec.previousAcquaintanceField)?.type, 'yes-no');
        assert.ok(form.parts.some((part) => part.signatory?.id === spec.signatoryId));
      }
    }
    assert.deepEqual(
      forms.filter((form) => form.recommendations.length === 2).map((form) => form.code),
      ['A3', 'A7', 'G3'],
    );
  });

  it('gives the engine event each recording form feeds', () => {
    const feeds = Object.fromEntries(forms.filter((form) => form.feeds !== null).map((form) => [form.code, form.feeds]));
    assert.deepEqual(feeds, {
      A1: 's2-admitted',
      A2: 's2-admitted',
      A5: 's3-admitted',
      A6: 's3-admitted',
      A9: 's4-admitted',
      A10: 's4-admitted',
      H1: 's5-2-report-furnished',
      H2: 's5-4-recorded',
      H3: 's4-second-recommendation-received',
      H5: 'renewal-furnished',
      G5: 'guardianship-accepted',
      G9: 'renewal-furnished',
      CTO1: 'cto-made',
      CTO4: 'cto-recalled',
      CTO5: 'cto-revoked',
      CTO7: 'renewal-furnished',
      M2: 'barring-report-furnished',
    });
  });

  it('sends guardianship papers to the local authority and the rest to the hospital managers', () => {
    const toAuthority = forms.filter((form) => form.receivedBy === 'local-authority').map((form) => form.code);
    assert.deepEqual(toAuthority, ['G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'G9', 'G10']);
  });

  it('cites the regulation of Schedule 1 for the key forms', () => {
    assert.equal(formByCode('A2')?.regulation, 'reg 4(1)(a)(ii)');
    assert.equal(formByCode('A11')?.regulation, 'reg 4(1)(f)');
    assert.equal(formByCode('H3')?.regulation, 'reg 4(4) and (5)');
    assert.equal(formByCode('CTO1')?.provision, 's17A');
    assert.equal(formByCode('T2')?.provision, 's58(3)(a)');
    assert.equal(formByCode('M2')?.provision, 's25');
    assert.ok(formByCode('CTO12')?.note !== undefined, 'CTO12 carries a caution about its citation');
  });

  it('requires the approvals the Act requires of the people who sign', () => {
    const approvals = (code: string): (string | null)[] => formByCode(code)?.parts.map((part) => part.signatory?.approval ?? null) ?? [];
    assert.deepEqual(approvals('A2'), ['amhp']);
    assert.deepEqual(approvals('A1'), [null]);
    assert.deepEqual(approvals('A4'), [null]);
    assert.equal(formByCode('A4')?.parts[0]?.signatory?.approvalProvision, 's12(2)');
    assert.deepEqual(approvals('CTO1'), ['responsible-clinician', 'amhp', 'responsible-clinician']);
    assert.deepEqual(approvals('H5'), [null, null, 'responsible-clinician', null]);
    assert.deepEqual(approvals('CTO11'), ['soad']);
    assert.deepEqual(approvals('CTO12'), ['approved-clinician']);
    assert.deepEqual(approvals('T3'), ['soad']);
    assert.deepEqual(approvals('M2'), ['responsible-clinician', null]);
  });
});
