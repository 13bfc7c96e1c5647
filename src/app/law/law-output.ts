import type { EvaluateOutput } from '../../domain/law/contract.ts';

// The engine's answers as the contract's JSON: every instant written with its Europe/London offset.
export function londonInstant(instant: Temporal.Instant): string {
  return instant.toZonedDateTimeISO('Europe/London').toString({ timeZoneName: 'never' });
}

export function evaluationJson(output: EvaluateOutput) {
  return {
    asOf: londonInstant(output.asOf),
    status: { ...output.status, since: output.status.since ? londonInstant(output.status.since) : null },
    deadlines: output.deadlines.map((deadline) => ({ ...deadline, due: londonInstant(deadline.due) })),
    entitlements: output.entitlements,
    findings: output.findings,
  };
}
