import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arrangementChange, mappaSight, validateArrangement, validateMeeting } from '../../../src/domain/restricted/mappa.ts';

const lead = '11111111-1111-4111-8111-111111111111';
const police = '22222222-2222-4222-8222-222222222222';
const council = '33333333-3333-4333-8333-333333333333';
const agencyIds = new Set([lead, police, council]);

describe('MAPPA rules', () => {
  it('a restricted patient is category 2, citing s327; another person may be in any category', () => {
    const refused = validateArrangement({ category: '1', level: '2', leadAgencyId: lead, reason: 'x' }, { restricted: true, agencyIds, current: null });
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.problems[0]!.message, /category 2.*s327\(3\)\(b\)\(viii\)/);
    assert.equal(validateArrangement({ category: '2', level: '2', leadAgencyId: lead, reason: 'x' }, { restricted: true, agencyIds, current: null }).ok, true);
    assert.equal(validateArrangement({ category: '1', level: '1', leadAgencyId: lead, reason: 'x' }, { restricted: false, agencyIds, current: null }).ok, true);
  });

  it('a change must change something, and says what it changed', () => {
    const current = { category: 2 as const, level: 1 as const, leadAgencyId: lead };
    const same = validateArrangement({ category: '2', level: '1', leadAgencyId: lead, reason: 'x' }, { restricted: true, agencyIds, current });
    assert.equal(same.ok, false);
    assert.equal(arrangementChange({ ...current, leadAgencyName: 'Probation' }, { category: 2, level: 3, leadAgencyId: police, leadAgencyName: 'Police' }), 'Level raised from 1 to 3; lead agency changed from Probation to Police');
    assert.equal(arrangementChange({ category: 2, level: 3, leadAgencyId: lead, leadAgencyName: 'P' }, { category: 2, level: 2, leadAgencyId: lead, leadAgencyName: 'P' }), 'Level lowered from 3 to 2');
  });

  it('a meeting is at level 2 or 3, in the past, with attendees on Accord and an owner for every action', () => {
    const today = Temporal.PlainDate.from('2026-06-10');
    const outcome = validateMeeting({ heldOn: '2026-06-11', level: '1', attendingAgencyIds: [], minutes: '', actions: [{ action: '', owner: 'Someone' }] }, { today, agencyIds });
    assert.deepEqual(outcome.ok ? [] : outcome.problems.map((problem) => problem.field), ['heldOn', 'level', 'attendingAgencyIds', 'minutes', 'action-1']);
    const valid = validateMeeting({ heldOn: '2026-06-10', level: '3', attendingAgencyIds: [police, police.toUpperCase()], minutes: 'Minutes', actions: [{ action: 'Visit', owner: 'DC Hardy' }, {}] }, { today, agencyIds });
    assert.ok(valid.ok);
    assert.deepEqual(valid.meeting.attendingAgencyIds, [police]);
    assert.deepEqual(valid.meeting.actions, [{ action: 'Visit', owner: 'DC Hardy' }]);
  });

  it('MAPPA information is seen by the lead agency, the Ministry for a restricted patient, and attendees for their meetings only', () => {
    const meetings = [{ id: 'm1', attendingAgencyIds: [lead, police] }, { id: 'm2', attendingAgencyIds: [lead] }];
    const facts = { restricted: true, leadAgencyId: lead, meetings };
    assert.equal(mappaSight({ agencyId: lead, agencyKind: 'probation-service', system: false }, facts).kind, 'all');
    assert.equal(mappaSight({ agencyId: 'moj', agencyKind: 'moj-casework', system: false }, facts).kind, 'all');
    assert.equal(mappaSight({ agencyId: 'moj', agencyKind: 'moj-casework', system: false }, { ...facts, restricted: false }).kind, 'none');
    const attendee = mappaSight({ agencyId: police, agencyKind: 'police-force', system: false }, facts);
    assert.deepEqual(attendee.kind === 'attended' ? [...attendee.meetingIds] : [], ['m1']);
    assert.equal(mappaSight({ agencyId: council, agencyKind: 'local-authority', system: false }, facts).kind, 'none');
  });
});
