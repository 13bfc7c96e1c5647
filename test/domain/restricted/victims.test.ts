import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conditionsForVictims, validateContact, validateRepresentation, validateTold } from '../../../src/domain/restricted/victims.ts';

describe('victim information rules', () => {
  it('the contact needs the officer, their agency, a phone or an email, and whether the victim opted in', () => {
    const missing = validateContact({ officerName: '', officerAgency: '', officerPhone: '', officerEmail: '', optedIn: '' });
    assert.deepEqual(missing.ok ? [] : missing.problems.map((problem) => problem.field), ['officerName', 'officerAgency', 'officerPhone', 'optedIn']);
    const bad = validateContact({ officerName: 'Jo', officerAgency: 'VLU', officerPhone: 'call me', officerEmail: 'jo@', optedIn: 'yes' });
    assert.deepEqual(bad.ok ? [] : bad.problems.map((problem) => problem.field), ['officerPhone', 'officerEmail']);
    const good = validateContact({ officerName: ' Jo Oakbrook ', officerAgency: 'VLU', officerPhone: '', officerEmail: 'jo@example.org', optedIn: 'no' });
    assert.ok(good.ok);
    assert.deepEqual(good.contact, { officerName: 'Jo Oakbrook', officerAgency: 'VLU', officerPhone: null, officerEmail: 'jo@example.org', optedIn: false });
  });

  it('representations and what was told are dated today or before', () => {
    const today = Temporal.PlainDate.from('2026-03-05');
    assert.equal(validateRepresentation({ madeOn: '2026-03-06', representation: 'x' }, today).ok, false);
    assert.equal(validateRepresentation({ madeOn: '2026-03-05', representation: 'x' }, today).ok, true);
    const told = validateTold({ toldOn: 'not a date', what: '', toldBy: '' }, today);
    assert.deepEqual(told.ok ? [] : told.problems.map((problem) => problem.field), ['toldOn', 'what', 'toldBy']);
  });

  it('only conditions that concern victims are listed for them', () => {
    assert.deepEqual(conditionsForVictims([{ id: 'a', concernsVictims: true }, { id: 'b', concernsVictims: false }]).map((item) => item.id), ['a']);
  });
});
