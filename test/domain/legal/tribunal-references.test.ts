import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deadline } from '../../../src/domain/law/contract.ts';
import { dueItems, metReferences } from '../../../src/domain/legal/due-items.ts';
import type { DueReference, TribunalReferenceData } from '../../../src/domain/legal/legal-entries.ts';
import { deriveLegalRecord, type LegalRecord } from '../../../src/domain/legal/legal-record.ts';
import { dueReferenceMet, referenceMeeting, referenceProvisionFor, referenceTimeliness } from '../../../src/domain/legal/tribunal-references.ts';
import { run } from '../law/law-test-support.ts';

const at = (iso: string) => Temporal.Instant.from(iso);

// s68(2) for an s3 admission on 3 February 2026: six months beginning with that day end at the first
// instant of 3 August (BST).
const sixMonths: Deadline = { kind: 'managers-reference-due', due: at('2026-08-02T23:00:00Z'), provision: 's68(2)', passed: false };
const sixMonthsMet: DueReference = { kind: 'managers-reference-due', due: '2026-08-02T23:00:00Z', provision: 's68(2)' };

function recordWith(references: Partial<TribunalReferenceData>[]): LegalRecord {
  return {
    ...deriveLegalRecord([]),
    tribunalReferences: references.map((reference, index) => ({
      at: '2026-08-02T10:00:00+01:00',
      by: 'managers' as const,
      provision: 's68(2)' as const,
      met: null,
      note: null,
      entryId: `reference-${index}`,
      recordedAt: at('2026-08-02T12:00:00Z'),
      recordedBy: 'Olu Office',
      ...reference,
    })),
  };
}

describe('whether a reference to the tribunal was made on time', () => {
  it('is on time when made on or before the instant the reference fell due, late after it', () => {
    assert.equal(referenceTimeliness(sixMonths, '2026-08-02T10:00:00+01:00'), 'on-time');
    assert.equal(referenceTimeliness(sixMonths, '2026-08-02T23:00:00Z'), 'on-time', 'the last instant counts');
    assert.equal(referenceTimeliness(sixMonths, '2026-08-03T00:01:00+01:00'), 'late');
    assert.equal(referenceTimeliness(sixMonths, '2026-09-10T09:00:00+01:00'), 'late');
  });

  it('is not made when no reference met it', () => {
    assert.equal(referenceTimeliness(sixMonths, null), 'not-made');
  });

  it('after a revocation is made "as soon as possible", with no time to be late against (s68(7))', () => {
    const revocation = { due: at('2026-03-11T09:00:00Z'), provision: 's68(7)' };
    assert.equal(referenceTimeliness(revocation, '2026-03-12T09:00:00Z'), 'as-soon-as-possible');
    assert.equal(referenceTimeliness(revocation, null), 'not-made');
  });
});

describe('which due reference a reference made meets', () => {
  const position = { provision: 's3' as const, deadlines: [sixMonths] };

  it('a managers’ reference under s68(2) meets the six-month reference, before or after it falls due', () => {
    assert.deepEqual(dueReferenceMet({ at: at('2026-08-01T10:00:00Z'), provision: 's68(2)' }, position, []), sixMonthsMet);
    assert.deepEqual(dueReferenceMet({ at: at('2026-08-20T10:00:00Z'), provision: 's68(2)' }, position, []), sixMonthsMet);
  });

  it('meets each due reference once: a second reference meets nothing', () => {
    assert.equal(dueReferenceMet({ at: at('2026-08-21T10:00:00Z'), provision: 's68(2)' }, position, [sixMonthsMet]), null);
  });

  it('a reference under another provision does not meet it', () => {
    assert.equal(dueReferenceMet({ at: at('2026-08-20T10:00:00Z'), provision: 's68(6)' }, position, []), null);
    assert.equal(dueReferenceMet({ at: at('2026-08-20T10:00:00Z'), provision: 's71(2)' }, position, []), null);
  });

  it('a Secretary of State’s s67(1) reference during the six months makes the managers’ reference unnecessary (s68(3)(b))', () => {
    assert.deepEqual(dueReferenceMet({ at: at('2026-05-01T10:00:00Z'), provision: 's67(1)' }, position, []), sixMonthsMet);
    // Not after the six months, and not one made while detained for assessment.
    assert.equal(dueReferenceMet({ at: at('2026-08-20T10:00:00Z'), provision: 's67(1)' }, position, []), null);
    assert.equal(dueReferenceMet({ at: at('2026-05-01T10:00:00Z'), provision: 's67(1)' }, { ...position, provision: 's2' }, []), null);
  });

  it('matches the engine’s provision with words after it, and the Secretary of State’s own references', () => {
    const partThree: Deadline = { kind: 'managers-reference-due', due: at('2029-03-01T00:00:00Z'), provision: 's68(6), Sch 1 Pt 1 para 1', passed: false };
    assert.equal(dueReferenceMet({ at: at('2029-02-01T10:00:00Z'), provision: 's68(6)' }, { provision: 's37', deadlines: [partThree] }, [])?.provision, 's68(6), Sch 1 Pt 1 para 1');
    const threeYears: Deadline = { kind: 'sos-reference-due', due: at('2029-03-01T00:00:00Z'), provision: 's71(2)', passed: false };
    assert.equal(dueReferenceMet({ at: at('2029-02-01T10:00:00Z'), provision: 's71(2)' }, { provision: 's37/41', deadlines: [threeYears] }, [])?.kind, 'sos-reference-due');
    assert.equal(referenceProvisionFor('s68(6), Sch 1 Pt 1 para 1'), 's68(6)');
    assert.equal(referenceProvisionFor('s75(1)'), 's75(1)');
  });

  it('the first reference recorded as meeting a due reference is the one that met it', () => {
    const references = recordWith([{ at: '2026-08-10T10:00:00+01:00', met: sixMonthsMet }, { at: '2026-08-05T10:00:00+01:00', met: sixMonthsMet }, { at: '2026-08-01T10:00:00+01:00', met: null }]).tribunalReferences;
    assert.equal(referenceMeeting(sixMonths, references)?.at, '2026-08-05T10:00:00+01:00');
    assert.equal(referenceMeeting({ ...sixMonths, due: at('2026-08-03T23:00:00Z') }, references), null);
  });
});

describe('a reference made and what falls due', () => {
  // Detained under s3 on 3 February 2026 and renewed, no application: the engine keeps showing the s68(2)
  // reference after it falls due, until the tribunal hears the case.
  const output = run('2026-08-20T09:00:00+01:00', [
    { type: 's3-admitted', at: '2026-02-03T11:00:00Z' },
    { type: 'renewal-furnished', at: '2026-07-20T11:00:00+01:00' },
  ]);
  const referenceDue = <T extends { kind: string }>(items: T[]) => items.filter((item) => item.kind === 'managers-reference-due');

  it('the managers’ reference is due, for the office, until one is recorded as meeting it', () => {
    const items = referenceDue(dueItems(recordWith([]), output));
    assert.equal(items.length, 1);
    assert.equal(items[0]?.role, 'mha-administrator');
    assert.equal(output.deadlines.find((deadline) => deadline.kind === 'managers-reference-due')?.due.toString(), '2026-08-02T23:00:00Z');
    assert.deepEqual(referenceDue(dueItems(recordWith([{ met: null }]), output)).length, 1, 'a reference that met nothing leaves it due');
  });

  it('is no longer due once a reference met it, and says which reference made it', () => {
    const record = recordWith([{ at: '2026-08-05T10:00:00+01:00', met: sixMonthsMet }]);
    assert.deepEqual(referenceDue(dueItems(record, output)), []);
    assert.deepEqual(metReferences(record, output), [{ kind: 'managers-reference-due', due: at('2026-08-02T23:00:00Z'), provision: 's68(2)', madeAt: '2026-08-05T10:00:00+01:00' }]);
    // Everything else still falls due as before.
    assert.equal(dueItems(record, output).length, dueItems(recordWith([]), output).length - 1);
  });
});
