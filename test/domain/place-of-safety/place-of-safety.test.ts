import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { handoverExpectation, handoverExpectationText, placeRefusals, policeStationConditionKeys } from '../../../src/domain/place-of-safety/place-of-safety.ts';

const arrival = Temporal.Instant.from('2026-03-10T22:00:00Z');

describe('where a person detained under s136 may be taken', () => {
  it('never allows a police station for a child, even with every condition met (s136A(1))', () => {
    const refusals = placeRefusals({ placeKind: 'police-station', arrivedAt: arrival, dateOfBirth: Temporal.PlainDate.from('2008-03-11'), conditionsMet: policeStationConditionKeys });
    assert.equal(refusals.length, 1);
    assert.match(refusals[0]!.message, /under 18.*s136A\(1\)/);
  });

  it('allows a police station for an adult on their 18th birthday only with every condition', () => {
    const adult = Temporal.PlainDate.from('2008-03-10');
    assert.deepEqual(placeRefusals({ placeKind: 'police-station', arrivedAt: arrival, dateOfBirth: adult, conditionsMet: policeStationConditionKeys }), []);
    const missing = placeRefusals({ placeKind: 'police-station', arrivedAt: arrival, dateOfBirth: adult, conditionsMet: policeStationConditionKeys.filter((key) => key !== 'inspectorAuthorised') });
    assert.equal(missing.length, 1);
    assert.match(missing[0]!.message, /inspector.*s136A\(2\), SI 2017\/1036 reg 2/);
  });

  it('refuses a police station when the age cannot be checked, and allows a health-based place for a child', () => {
    assert.match(placeRefusals({ placeKind: 'police-station', arrivedAt: arrival, dateOfBirth: null, conditionsMet: policeStationConditionKeys })[0]!.message, /date of birth/);
    assert.deepEqual(placeRefusals({ placeKind: 'health-based-place-of-safety', arrivedAt: arrival, dateOfBirth: Temporal.PlainDate.from('2015-01-01'), conditionsMet: [] }), []);
  });
});

describe('the one-hour handover expectation', () => {
  it('is met within the hour and overdue after it, by whole minutes', () => {
    assert.equal(handoverExpectationText(handoverExpectation(arrival, arrival.add({ minutes: 45 }), arrival.add({ hours: 3 }))), 'Handover within 1 hour: met (45 minutes after arrival)');
    assert.equal(handoverExpectationText(handoverExpectation(arrival, null, arrival.add({ minutes: 85 }))), 'Handover within 1 hour: overdue by 25 minutes');
    assert.equal(handoverExpectationText(handoverExpectation(arrival, arrival.add({ minutes: 70 }), arrival.add({ hours: 5 }))), 'Handover within 1 hour: not met (handed over 10 minutes after the hour)');
    assert.deepEqual(handoverExpectation(arrival, null, arrival.add({ minutes: 20 })), { state: 'due', minutesLeft: 40 });
  });
});
