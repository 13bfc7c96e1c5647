import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { nhsCheckDigit, nhsNumberProblem } from '../../src/domain/people/nhs-number.ts';

const nineDigits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }).map((digits) => digits.join(''));

describe('NHS number modulus 11 check', () => {
  it('accepts known valid numbers, with or without spaces', () => {
    assert.equal(nhsNumberProblem('9434765919'), null);
    assert.equal(nhsNumberProblem('943 476 5919'), null);
    assert.equal(nhsNumberProblem('4010232137'), null);
  });

  it('refuses a wrong check digit', () => {
    assert.equal(nhsNumberProblem('9434765918'), 'check-digit-wrong');
    assert.equal(nhsNumberProblem('4010232138'), 'check-digit-wrong');
  });

  it('refuses numbers that are not ten digits', () => {
    assert.equal(nhsNumberProblem('943476591'), 'not-ten-digits');
    assert.equal(nhsNumberProblem('94347659190'), 'not-ten-digits');
    assert.equal(nhsNumberProblem('94347A5919'), 'not-ten-digits');
  });

  it('refuses nine digits whose remainder would need a check digit of 10', () => {
    // 1000000010: 1×10 + 1×2 = 12; 12 mod 11 = 1; 11 − 1 = 10, which no number may have.
    assert.equal(nhsCheckDigit('100000001'), null);
    assert.equal(nhsNumberProblem('1000000010'), 'cannot-be-issued');
  });

  it('gives check digit 0 when the remainder is 0', () => {
    // 000000000: the weighted total is 0, 11 − 0 = 11, which stands for a check digit of 0.
    assert.equal(nhsCheckDigit('000000000'), 0);
  });

  it('always accepts a number completed with its own check digit', () => {
    fc.assert(
      fc.property(nineDigits, (first) => {
        const check = nhsCheckDigit(first);
        fc.pre(check !== null);
        return nhsNumberProblem(`${first}${check}`) === null;
      }),
    );
  });

  it('detects every change of a single digit in a valid number', () => {
    fc.assert(
      fc.property(nineDigits, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (first, position, shift) => {
        const check = nhsCheckDigit(first);
        fc.pre(check !== null);
        const digits = `${first}${check}`.split('').map(Number);
        digits[position] = (digits[position]! + shift) % 10;
        return nhsNumberProblem(digits.join('')) !== null;
      }),
    );
  });
});
