import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeadlineKind } from '../../../src/domain/law/contract.ts';
import { application, run } from './law-test-support.ts';

// The shared worked examples (spec/law-examples), copied here with their expectations so the engine is
// held to them without the command or the HTTP route in between.
const examples: {
  name: string;
  asOf: string;
  events: Parameters<typeof run>[1];
  provision?: string;
  legalStatusCode?: string;
  liableToBeDetained?: boolean;
  deadlines?: { kind: DeadlineKind; due: string }[];
  entitlements?: Record<string, boolean>;
  findingProvisionStartsWith?: string;
}[] = [
  {
    name: 's2-basic',
    asOf: '2026-04-21T09:00:00+01:00',
    events: [{ type: 's2-admitted', at: '2026-04-20T15:10:00+01:00' }],
    provision: 's2',
    legalStatusCode: '02',
    deadlines: [{ kind: 'authority-ends', due: '2026-05-18T00:00:00+01:00' }, { kind: 'tribunal-window-closes', due: '2026-05-04T00:00:00+01:00' }],
    entitlements: { imha: true, section117: false, tribunalApplicationNow: true },
  },
  {
    name: 's3-basic',
    asOf: '2026-02-10T09:00:00Z',
    events: [{ type: 's3-admitted', at: '2026-02-03T11:00:00Z' }],
    provision: 's3',
    deadlines: [{ kind: 'authority-ends', due: '2026-08-03T00:00:00+01:00' }, { kind: 'renewal-window-opens', due: '2026-06-03T00:00:00+01:00' }],
    entitlements: { section117: true },
  },
  {
    name: 's4-over-october-clock-change',
    asOf: '2026-10-25T09:00:00Z',
    events: [{ type: 's4-admitted', at: '2026-10-24T21:00:00+01:00' }],
    provision: 's4',
    deadlines: [{ kind: 'authority-ends', due: '2026-10-27T20:00:00+00:00' }],
  },
  {
    name: 'cto-recall',
    asOf: '2026-03-02T09:00:00Z',
    events: [
      { type: 's3-admitted', at: '2025-09-01T10:00:00+01:00' },
      { type: 'cto-made', at: '2026-01-12T12:00:00Z' },
      { type: 'cto-recalled', at: '2026-03-01T10:00:00Z' },
    ],
    provision: 'cto',
    liableToBeDetained: true,
    deadlines: [{ kind: 'authority-ends', due: '2026-07-12T00:00:00+01:00' }, { kind: 'recall-72h-ends', due: '2026-03-04T10:00:00+00:00' }],
  },
  {
    name: 's136-extended-six-hours',
    asOf: '2026-07-02T12:00:00+01:00',
    events: [
      { type: 'place-of-safety-arrival', at: '2026-07-01T18:00:00+01:00', power: 's136' },
      { type: 'place-of-safety-extended', at: '2026-07-02T11:00:00+01:00', hours: 6 },
    ],
    provision: 's136',
    deadlines: [{ kind: 'authority-ends', due: '2026-07-03T00:00:00+01:00' }],
    entitlements: { imha: false },
  },
  {
    name: 'scrutiny-examinations-too-far-apart',
    asOf: '2026-05-09T13:00:00+01:00',
    events: [{
      type: 's2-admitted',
      at: '2026-05-09T12:00:00+01:00',
      application: application({
        madeAt: '2026-05-09T10:00:00+01:00',
        applicant: 'amhp',
        applicantLastSawPatientAt: '2026-05-09T09:00:00+01:00',
        recommendations: [
          { examinedAt: '2026-05-01T10:00:00+01:00', signedAt: '2026-05-01T11:00:00+01:00', s12Approved: true, previousAcquaintance: false },
          { examinedAt: '2026-05-08T10:00:00+01:00', signedAt: '2026-05-08T11:00:00+01:00', s12Approved: false, previousAcquaintance: true },
        ],
      }),
    }],
    findingProvisionStartsWith: 's12(1)',
  },
];

describe('worked examples', () => {
  for (const example of examples) {
    it(example.name, () => {
      const output = run(example.asOf, example.events);
      if (example.provision !== undefined) assert.equal(output.status.provision, example.provision);
      if (example.legalStatusCode !== undefined) assert.equal(output.status.legalStatusCode, example.legalStatusCode);
      if (example.liableToBeDetained !== undefined) assert.equal(output.status.liableToBeDetained, example.liableToBeDetained);
      for (const expected of example.deadlines ?? []) {
        const dues = output.deadlines.filter((deadline) => deadline.kind === expected.kind).map((deadline) => deadline.due.epochMilliseconds);
        assert.ok(dues.includes(Temporal.Instant.from(expected.due).epochMilliseconds), `${expected.kind} ${expected.due} missing`);
      }
      const provisionStart = example.findingProvisionStartsWith;
      if (provisionStart !== undefined) {
        assert.ok(output.findings.some((finding) => finding.severity === 'error' && finding.provision.startsWith(provisionStart)), JSON.stringify(output.findings));
      }
      for (const [name, value] of Object.entries(example.entitlements ?? {})) {
        assert.equal(output.entitlements[name as keyof typeof output.entitlements], value, name);
      }
    });
  }
});
