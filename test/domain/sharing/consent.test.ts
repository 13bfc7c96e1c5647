import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  consentCovers,
  consentCurrent,
  consentEndsAt,
  consentLastDay,
  consentStanding,
  overriddenInPartBy,
  validateNewConsent,
  type Consent,
  type ConsentInput,
} from '../../../src/domain/sharing/consent.ts';

const probation = '11111111-1111-4111-8111-111111111111';
const police = '22222222-2222-4222-8222-222222222222';
const today = Temporal.PlainDate.from('2026-03-20');

function decision(overrides: Partial<Consent> = {}): Consent {
  return {
    id: 'c1',
    decision: 'agreed',
    agencyIds: [probation],
    categories: ['identity', 'offending'],
    purpose: 'Release planning',
    howGiven: 'in-writing',
    capacity: 'has-capacity',
    bestInterests: null,
    recordedAt: Temporal.Instant.from('2026-03-01T10:00:00Z'),
    validUntil: null,
    withdrawnAt: null,
    ...overrides,
  };
}

function input(overrides: Partial<ConsentInput> = {}): ConsentInput {
  return {
    decision: 'agreed',
    agencyIds: [probation],
    categories: ['identity'],
    purpose: 'Release planning',
    howGiven: 'verbally',
    capacity: 'not-assessed',
    bestInterestsBy: '',
    bestInterestsReasons: '',
    validUntil: null,
    ...overrides,
  };
}

function fieldsAtFault(result: ReturnType<typeof validateNewConsent>): string[] {
  return result.ok ? [] : result.problems.map((problem) => problem.field);
}

describe('a new consent or refusal', () => {
  it('is accepted when the person decided themselves, presumed to have capacity (Mental Capacity Act 2005 s1(2))', () => {
    const result = validateNewConsent(input({ agencyIds: [probation, probation, ' '] }), today);
    assert.ok(result.ok);
    assert.deepEqual(result.value.agencyIds, [probation], 'duplicates and blanks are dropped');
    assert.equal(result.value.bestInterests, null);
  });

  it('needs a best-interests decision, made for the person, when they lack capacity (s2–4)', () => {
    assert.deepEqual(fieldsAtFault(validateNewConsent(input({ capacity: 'lacks-capacity', howGiven: 'in-writing', bestInterestsBy: 'A', bestInterestsReasons: 'B' }), today)), ['howGiven']);
    assert.deepEqual(fieldsAtFault(validateNewConsent(input({ capacity: 'lacks-capacity', howGiven: 'best-interests' }), today)), ['bestInterestsBy', 'bestInterestsReasons']);
    const made = validateNewConsent(input({ capacity: 'lacks-capacity', howGiven: 'best-interests', bestInterestsBy: ' Dr Rao ', bestInterestsReasons: ' Her wishes ' }), today);
    assert.ok(made.ok);
    assert.deepEqual(made.value.bestInterests, { decidedBy: 'Dr Rao', reasons: 'Her wishes' });
  });

  it('lets no attorney, deputy or best-interests decision stand for a person not found to lack capacity (s11(7)(a), s20(1))', () => {
    for (const capacity of ['not-assessed', 'has-capacity']) {
      for (const howGiven of ['attorney-or-deputy', 'best-interests']) {
        assert.deepEqual(fieldsAtFault(validateNewConsent(input({ capacity, howGiven }), today)), ['howGiven'], `${capacity} with ${howGiven}`);
      }
    }
  });

  it('names every missing answer, and an end date already past', () => {
    const empty = validateNewConsent(input({ decision: '', agencyIds: [], categories: [], purpose: ' ', howGiven: 'telepathy', capacity: '' }), today);
    assert.deepEqual(fieldsAtFault(empty), ['decision', 'agencyIds', 'categories', 'purpose', 'howGiven', 'capacity']);
    assert.deepEqual(fieldsAtFault(validateNewConsent(input({ validUntil: today.subtract({ days: 1 }) }), today)), ['validUntil']);
    assert.ok(validateNewConsent(input({ validUntil: today }), today).ok, 'it may end today');
    assert.deepEqual(fieldsAtFault(validateNewConsent(input({ agencyIds: ['not-an-id'] }), today)), ['agencyIds']);
  });
});

describe('whether a decision holds', () => {
  it('holds through its last day in London, whether on GMT or BST', () => {
    assert.equal(consentEndsAt(Temporal.PlainDate.from('2026-01-31')).toString(), '2026-02-01T00:00:00Z');
    assert.equal(consentEndsAt(Temporal.PlainDate.from('2026-07-31')).toString(), '2026-07-31T23:00:00Z');
    // The clocks go forward at 1am on 29 March 2026: the day still ends at midnight London time.
    assert.equal(consentEndsAt(Temporal.PlainDate.from('2026-03-28')).toString(), '2026-03-29T00:00:00Z');
    assert.equal(consentLastDay(consentEndsAt(Temporal.PlainDate.from('2026-07-31')))?.toString(), '2026-07-31');
    assert.equal(consentLastDay(Temporal.Instant.from('2026-07-31T12:00:00Z')), null);
  });

  it('stops at its end date or its withdrawal, whichever comes first, without anyone acting', () => {
    const endsAt = Temporal.Instant.from('2026-04-01T00:00:00Z');
    const withdrawnAt = Temporal.Instant.from('2026-03-15T09:00:00Z');
    const consent = decision({ validUntil: endsAt });
    assert.equal(consentCurrent(consent, endsAt.subtract({ milliseconds: 1 })), true);
    assert.equal(consentCurrent(consent, endsAt), false);
    assert.equal(consentCurrent(decision({ validUntil: endsAt, withdrawnAt }), withdrawnAt.subtract({ milliseconds: 1 })), true);
    assert.equal(consentCurrent(decision({ validUntil: endsAt, withdrawnAt }), withdrawnAt), false);
    assert.equal(consentCurrent(consent, consent.recordedAt.subtract({ seconds: 1 })), false, 'not before it was given');
  });

  it('is never current at or after its end, whatever the times', () => {
    const instant = fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }).map((ms) => Temporal.Instant.fromEpochMilliseconds(ms));
    fc.assert(
      fc.property(instant, fc.option(instant), fc.option(instant), instant, (recordedAt, validUntil, withdrawnAt, now) => {
        const consent = decision({ recordedAt, validUntil, withdrawnAt });
        const ends = [validUntil, withdrawnAt].filter((item) => item !== null);
        const ended = ends.some((end) => Temporal.Instant.compare(now, end) >= 0);
        const started = Temporal.Instant.compare(recordedAt, now) <= 0;
        assert.equal(consentCurrent(consent, now), started && !ended);
      }),
    );
  });
});

describe('what a consent covers', () => {
  const now = Temporal.Instant.from('2026-03-20T12:00:00Z');

  it('covers only the agencies and information agreed, and never a refusal', () => {
    const consent = decision();
    assert.equal(consentCovers(consent, probation, ['identity', 'offending'], now), true);
    assert.equal(consentCovers(consent, probation, ['identity', 'clinical'], now), false);
    assert.equal(consentCovers(consent, police, ['identity'], now), false);
    assert.equal(consentCovers(decision({ decision: 'refused' }), probation, ['identity'], now), false);
    assert.equal(consentCovers(decision({ withdrawnAt: now }), probation, ['identity'], now), false);
  });

  it('gives way to a later refusal about the same agency and information, and only to that', () => {
    const agreed = decision({ id: 'agreed' });
    const refusedOffending = decision({ id: 'refused', decision: 'refused', categories: ['offending'], recordedAt: Temporal.Instant.from('2026-03-10T10:00:00Z') });
    const consents = [agreed, refusedOffending];
    assert.deepEqual(consentStanding(consents, probation, ['identity'], now), { kind: 'agreed', consent: agreed });
    assert.deepEqual(consentStanding(consents, probation, ['offending'], now), { kind: 'refused', refusal: refusedOffending });
    assert.deepEqual(consentStanding(consents, police, ['identity'], now), { kind: 'none' });
    assert.deepEqual(overriddenInPartBy(consents, agreed, now), [refusedOffending]);

    // An agreement given after the refusal is the person's latest word.
    const agreedAgain = decision({ id: 'again', recordedAt: Temporal.Instant.from('2026-03-15T10:00:00Z') });
    assert.deepEqual(consentStanding([...consents, agreedAgain], probation, ['offending'], now), { kind: 'agreed', consent: agreedAgain });
    // A refusal that has been withdrawn no longer overrides anything.
    const withdrawnRefusal = { ...refusedOffending, withdrawnAt: Temporal.Instant.from('2026-03-12T10:00:00Z') };
    assert.deepEqual(consentStanding([agreed, withdrawnRefusal], probation, ['offending'], now), { kind: 'agreed', consent: agreed });
  });
});
