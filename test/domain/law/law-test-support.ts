import assert from 'node:assert/strict';
import type { Application, DeadlineKind, EvaluateInput, EvaluateOutput, LawEvent } from '../../../src/domain/law/contract.ts';
import { evaluate } from '../../../src/domain/law/evaluate.ts';

// Builders for law-engine inputs, in the contract's own words, so each test reads as a history.

type EventSpec = { type: LawEvent['type']; at: string } & Record<string, unknown>;

export function instant(text: string): Temporal.Instant {
  return Temporal.Instant.from(text);
}

export function date(text: string): Temporal.PlainDate {
  return Temporal.PlainDate.from(text);
}

export function application(fields: Partial<{ madeAt: string; applicant: 'amhp' | 'nr'; applicantLastSawPatientAt: string; recommendations: { examinedAt: string; signedAt: string; s12Approved?: boolean; previousAcquaintance?: boolean }[] }>): Application {
  return {
    madeAt: fields.madeAt === undefined ? null : instant(fields.madeAt),
    applicant: fields.applicant ?? null,
    applicantLastSawPatientAt: fields.applicantLastSawPatientAt === undefined ? null : instant(fields.applicantLastSawPatientAt),
    recommendations: (fields.recommendations ?? []).map((recommendation) => ({
      examinedAt: instant(recommendation.examinedAt),
      signedAt: instant(recommendation.signedAt),
      s12Approved: recommendation.s12Approved ?? false,
      previousAcquaintance: recommendation.previousAcquaintance ?? false,
    })),
  };
}

// Events given in time order (as the parser delivers them), numbered by position.
export function history(asOf: string, events: EventSpec[], options: { dateOfBirth?: string; commencements?: Record<string, string> } = {}): EvaluateInput {
  const built = events.map((spec, index) => {
    const event: Record<string, unknown> = { ...spec, index, at: instant(spec.at) };
    if ((spec.type === 's2-admitted' || spec.type === 's3-admitted' || spec.type === 's4-admitted') && !('application' in spec)) event['application'] = null;
    if ((spec.type === 'court-order' || spec.type === 'transfer-direction') && !('restricted' in spec)) event['restricted'] = false;
    return event as unknown as LawEvent;
  });
  built.sort((a, b) => Temporal.Instant.compare(a.at, b.at) || a.index - b.index);
  return {
    asOf: instant(asOf),
    person: { dateOfBirth: options.dateOfBirth === undefined ? null : date(options.dateOfBirth) },
    commencements: Object.fromEntries(Object.entries(options.commencements ?? {}).map(([key, value]) => [key, date(value)])),
    events: built,
  };
}

export function run(asOf: string, events: EventSpec[], options: { dateOfBirth?: string; commencements?: Record<string, string> } = {}): EvaluateOutput {
  return evaluate(history(asOf, events, options));
}

export function deadlinesOf(output: EvaluateOutput, kind: DeadlineKind): Temporal.Instant[] {
  return output.deadlines.filter((deadline) => deadline.kind === kind).map((deadline) => deadline.due);
}

// Asserts exactly one deadline of the kind, due at the given instant (compared as instants), and returns it.
export function assertDeadline(output: EvaluateOutput, kind: DeadlineKind, due: string, provision?: string): void {
  const found = output.deadlines.filter((deadline) => deadline.kind === kind);
  assert.equal(found.length, 1, `expected one ${kind}, got ${JSON.stringify(found.map((deadline) => deadline.due.toString()))}`);
  const [only] = found;
  assert.ok(only !== undefined);
  assert.equal(only.due.epochMilliseconds, instant(due).epochMilliseconds, `${kind}: got ${only.due.toZonedDateTimeISO('Europe/London').toString()}, expected ${due}`);
  if (provision !== undefined) assert.equal(only.provision, provision);
}

export function assertNoDeadline(output: EvaluateOutput, kind: DeadlineKind): void {
  assert.deepEqual(deadlinesOf(output, kind).map((due) => due.toString()), [], `unexpected ${kind}`);
}

export function findingCodes(output: EvaluateOutput): string[] {
  return output.findings.map((finding) => finding.code);
}

export function assertFinding(output: EvaluateOutput, code: string, severity?: string, provisionStartsWith?: string): void {
  const found = output.findings.find((finding) => finding.code === code);
  assert.ok(found !== undefined, `expected finding ${code}; got ${JSON.stringify(findingCodes(output))}`);
  if (severity !== undefined) assert.equal(found.severity, severity);
  if (provisionStartsWith !== undefined) assert.ok(found.provision.startsWith(provisionStartsWith), `finding ${code} has provision ${found.provision}`);
}
