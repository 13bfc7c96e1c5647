import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  approverLabel,
  decisionClosed,
  decisionRefusal,
  disclosureEndsAt,
  disclosureStatus,
  offeredForDisclosure,
  validateDecision,
  validateProposal,
  withdrawalClosed,
  withdrawalRefusal,
  type DisclosureState,
  type ProposalFacts,
  type ProposalInput,
} from '../../../src/domain/sharing/disclosure.ts';

// 10 March 2026, 3pm in London (GMT).
const now = Temporal.Instant.from('2026-03-10T15:00:00Z');
const trust = 'a0000000-0000-4000-8000-000000000001';
const police = 'a0000000-0000-4000-8000-000000000002';
const note = 'e0000000-0000-4000-8000-000000000001';
const hidden = 'e0000000-0000-4000-8000-000000000002';

const goodInput: ProposalInput = {
  basis: 'public-interest',
  justification: 'He has said he will hurt his neighbour and has a knife.',
  purpose: 'To assess the risk to the neighbour tonight',
  recipientAgencyId: police,
  recipientTeamId: null,
  entryIds: [note],
  identity: false,
  lastDay: Temporal.PlainDate.from('2026-03-17'),
};

const goodFacts: ProposalFacts = {
  now,
  proposerAgencyId: trust,
  disclosableEntryIds: new Set([note]),
  recipientAgencyOnAccord: true,
  recipientTeamOfAgency: true,
  approverRole: 'caldicott-guardian',
  approverAvailable: true,
  consent: null,
};

function problemsOf(input: Partial<ProposalInput>, facts: Partial<ProposalFacts> = {}) {
  const outcome = validateProposal({ ...goodInput, ...input }, { ...goodFacts, ...facts });
  return outcome.ok ? [] : outcome.problems;
}

function fields(input: Partial<ProposalInput>, facts: Partial<ProposalFacts> = {}) {
  return problemsOf(input, facts).map((problem) => problem.field);
}

describe('a proposed disclosure', () => {
  it('is accepted with a basis, the risk stated, items, recipient, purpose, end and approver', () => {
    const outcome = validateProposal(goodInput, goodFacts);
    assert.equal(outcome.ok, true);
    if (!outcome.ok) return;
    assert.equal(outcome.proposal.basis, 'public-interest');
    assert.equal(outcome.proposal.approverRole, 'caldicott-guardian');
    assert.deepEqual(outcome.proposal.entryIds, [note]);
    // It holds to the end of its last day in London: midnight GMT on 17/18 March.
    assert.equal(outcome.proposal.expiresAt.toString(), '2026-03-18T00:00:00Z');
  });

  it('cannot be saved without a basis', () => {
    assert.deepEqual(fields({ basis: '' }), ['basis']);
    assert.deepEqual(fields({ basis: 'because-i-said-so' }), ['basis']);
  });

  it('cannot be saved without items', () => {
    const problems = problemsOf({ entryIds: [], identity: false });
    assert.deepEqual(problems, [{ field: 'items', message: 'Select at least one item to disclose' }]);
    // Identifying details alone are an item.
    assert.deepEqual(fields({ entryIds: [], identity: true }), []);
  });

  it('cannot be saved without an approver for its basis', () => {
    const problems = problemsOf({}, { approverRole: null });
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.field, 'basis');
    assert.match(problems[0]!.message, /cannot be saved without an approver/);
  });

  it('cannot be saved when no one but the proposer holds the approving role', () => {
    const problems = problemsOf({}, { approverAvailable: false });
    assert.equal(problems[0]!.field, 'basis');
    assert.match(problems[0]!.message, /Caldicott guardian, and no one else in your agency holds that role/);
  });

  it('in the public interest, states the risk of serious harm to others', () => {
    const problems = problemsOf({ justification: '   ' });
    assert.deepEqual(problems, [{ field: 'justification', message: 'Enter the risk of serious harm to others that the disclosure is to prevent' }]);
  });

  it('on a legal duty, MAPPA or safeguarding, states the duty relied on; for direct care nothing more is needed', () => {
    for (const basis of ['legal-duty', 'mappa', 'safeguarding-adult', 'safeguarding-child', 'crime-prevention']) {
      assert.deepEqual(fields({ basis, justification: '' }), ['justification'], basis);
    }
    assert.deepEqual(fields({ basis: 'direct-care', justification: '' }), []);
  });

  it('on consent, needs a current consent covering the recipient, and lasts no longer than it', () => {
    assert.deepEqual(fields({ basis: 'consent', justification: '' }, { consent: null }), ['basis']);
    const consent = { id: 'c0000000-0000-4000-8000-000000000001', validUntil: Temporal.Instant.from('2026-03-15T00:00:00Z') };
    assert.deepEqual(fields({ basis: 'consent', justification: '' }, { consent }), ['expiresOn']);
    const outcome = validateProposal({ ...goodInput, basis: 'consent', justification: '', lastDay: Temporal.PlainDate.from('2026-03-14') }, { ...goodFacts, consent });
    assert.equal(outcome.ok && outcome.proposal.consentId, consent.id);
  });

  it('discloses only entries the proposer sees', () => {
    assert.deepEqual(fields({ entryIds: [note, hidden] }), ['items']);
  });

  it('names a recipient other than the proposer’s own agency, and a team of that agency', () => {
    assert.deepEqual(fields({ recipientAgencyId: '' }), ['recipientAgencyId']);
    assert.deepEqual(fields({}, { recipientAgencyOnAccord: false }), ['recipientAgencyId']);
    assert.deepEqual(fields({ recipientAgencyId: trust }), ['recipientAgencyId']);
    assert.deepEqual(fields({ recipientTeamId: 'b0000000-0000-4000-8000-000000000001' }, { recipientTeamOfAgency: false }), ['recipientTeamId']);
  });

  it('states its purpose', () => {
    assert.deepEqual(fields({ purpose: ' ' }), ['purpose']);
  });

  it('ends today or later, and no more than a year ahead', () => {
    assert.deepEqual(fields({ lastDay: null }), ['expiresOn']);
    assert.deepEqual(fields({ lastDay: Temporal.PlainDate.from('2026-03-09') }), ['expiresOn']);
    assert.deepEqual(fields({ lastDay: Temporal.PlainDate.from('2026-03-10') }), []);
    assert.deepEqual(fields({ lastDay: Temporal.PlainDate.from('2027-03-10') }), []);
    assert.deepEqual(fields({ lastDay: Temporal.PlainDate.from('2027-03-11') }), ['expiresOn']);
  });

  it('reports every problem at once', () => {
    assert.deepEqual(fields({ basis: '', entryIds: [], recipientAgencyId: '', purpose: '', lastDay: null }), ['basis', 'items', 'recipientAgencyId', 'purpose', 'expiresOn']);
  });
});

describe('the approving role in a sentence', () => {
  it('is in lower case, except for a proper name', () => {
    assert.equal(approverLabel('information-governance-lead'), 'information governance lead');
    assert.equal(approverLabel('caldicott-guardian'), 'Caldicott guardian');
    assert.equal(approverLabel('mha-administrator'), 'Mental Health Act administrator');
  });
});

describe('the end of a disclosure', () => {
  it('is midnight at the end of its last day in London, in summer time too', () => {
    assert.equal(disclosureEndsAt(Temporal.PlainDate.from('2026-07-01')).toString(), '2026-07-01T23:00:00Z');
    assert.equal(disclosureEndsAt(Temporal.PlainDate.from('2026-01-01')).toString(), '2026-01-02T00:00:00Z');
  });
});

describe('the entries offered for disclosure', () => {
  it('leaves out the identifying-details entries and any entry a correction replaced', () => {
    assert.equal(offeredForDisclosure({ id: '1', kind: 'note-recorded', correctedKind: null, superseded: false }), true);
    assert.equal(offeredForDisclosure({ id: '2', kind: 'person-registered', correctedKind: null, superseded: false }), false);
    assert.equal(offeredForDisclosure({ id: '3', kind: 'details-amended', correctedKind: null, superseded: false }), false);
    assert.equal(offeredForDisclosure({ id: '4', kind: 'correction', correctedKind: 'details-amended', superseded: false }), false);
    assert.equal(offeredForDisclosure({ id: '5', kind: 'own-words-recorded', correctedKind: null, superseded: true }), false);
    assert.equal(offeredForDisclosure({ id: '6', kind: 'correction', correctedKind: 'own-words-recorded', superseded: false }), true);
  });
});

const proposed: DisclosureState = {
  fromAgencyId: trust,
  approverRole: 'caldicott-guardian',
  proposedBy: 'u-nurse',
  decision: null,
  expiresAt: Temporal.Instant.from('2026-03-18T00:00:00Z'),
  withdrawnAt: null,
};

describe('approving a disclosure', () => {
  const guardian = { userId: 'u-guardian', role: 'caldicott-guardian' as const, agencyId: trust };

  it('is for the role the policy named, in the agency that holds the information', () => {
    assert.equal(decisionRefusal(proposed, guardian, 'Wessex Trust'), null);
    assert.match(decisionRefusal(proposed, { ...guardian, role: 'psychiatrist' }, 'Wessex Trust')!, /approved or refused by the Caldicott guardian/);
    assert.match(decisionRefusal(proposed, { ...guardian, agencyId: police }, 'Wessex Trust')!, /Only the Caldicott guardian of Wessex Trust/);
  });

  it('is never by the proposer', () => {
    const both = { ...proposed, approverRole: 'information-governance-lead', proposedBy: 'u-lead' };
    assert.match(decisionRefusal(both, { userId: 'u-lead', role: 'information-governance-lead', agencyId: trust }, 'Wessex Trust')!, /You proposed this disclosure/);
  });

  it('is final once made, and impossible after withdrawal or the last day', () => {
    assert.equal(decisionClosed(proposed, now), null);
    assert.match(decisionClosed({ ...proposed, decision: 'approved' }, now)!, /final/);
    assert.match(decisionClosed({ ...proposed, decision: 'refused' }, now)!, /final/);
    assert.match(decisionClosed({ ...proposed, withdrawnAt: now }, now)!, /withdrawn/);
    assert.match(decisionClosed(proposed, proposed.expiresAt)!, /last day/);
  });

  it('needs a decision and its reasons', () => {
    const outcome = validateDecision('', ' ');
    assert.deepEqual(outcome.ok ? [] : outcome.problems.map((problem) => problem.field), ['decision', 'decisionNote']);
    assert.deepEqual(validateDecision('approved', ' Risk is real and current. '), { ok: true, decision: 'approved', note: 'Risk is real and current.' });
  });
});

describe('the status of a disclosure', () => {
  const approved = { ...proposed, decision: 'approved' as const };

  it('is in effect from approval until its end, then expired without anyone acting', () => {
    assert.equal(disclosureStatus(proposed, now), 'awaiting-approval');
    assert.equal(disclosureStatus(approved, now), 'approved');
    assert.equal(disclosureStatus(approved, approved.expiresAt.subtract({ milliseconds: 1 })), 'approved');
    assert.equal(disclosureStatus(approved, approved.expiresAt), 'expired');
    assert.equal(disclosureStatus(proposed, proposed.expiresAt), 'expired');
  });

  it('ends at once when withdrawn, and a refusal stays a refusal', () => {
    assert.equal(disclosureStatus({ ...approved, withdrawnAt: now }, now), 'withdrawn');
    assert.equal(disclosureStatus({ ...proposed, decision: 'refused' }, approved.expiresAt), 'refused');
  });
});

describe('withdrawing a disclosure', () => {
  const approved = { ...proposed, decision: 'approved' as const };
  const clinician = { userId: 'u-doctor', role: 'psychiatrist' as const, agencyId: trust, mayChangeRecord: true };

  it('is for the agency that made it', () => {
    assert.equal(withdrawalRefusal(approved, clinician), null);
    assert.equal(withdrawalRefusal(approved, { ...clinician, userId: 'u-nurse', mayChangeRecord: false }), null, 'the proposer');
    assert.equal(withdrawalRefusal(approved, { ...clinician, role: 'caldicott-guardian', mayChangeRecord: false }), null, 'the approving role');
    assert.match(withdrawalRefusal(approved, { ...clinician, mayChangeRecord: false })!, /withdrawn by whoever proposed it/);
    assert.match(withdrawalRefusal(approved, { ...clinician, agencyId: police })!, /Only the agency that made a disclosure/);
  });

  it('cannot undo a refusal, an end or an earlier withdrawal', () => {
    assert.equal(withdrawalClosed(approved, now), null);
    assert.equal(withdrawalClosed(proposed, now), null);
    assert.match(withdrawalClosed({ ...proposed, decision: 'refused' }, now)!, /refused/);
    assert.match(withdrawalClosed(approved, approved.expiresAt)!, /already ended/);
    assert.match(withdrawalClosed({ ...approved, withdrawnAt: now }, now)!, /already been withdrawn/);
  });
});
