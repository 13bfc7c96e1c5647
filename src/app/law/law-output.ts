import { toLondonOffsetDateTime } from '../../domain/london-time.ts';
import type { EvaluateOutput } from '../../domain/law/contract.ts';

// The engine's answers as the contract's JSON: every instant written with its Europe/London offset.

export function evaluationJson(output: EvaluateOutput) {
  return {
    asOf: toLondonOffsetDateTime(output.asOf),
    status: { ...output.status, since: output.status.since ? toLondonOffsetDateTime(output.status.since) : null },
    deadlines: output.deadlines.map((deadline) => ({ ...deadline, due: toLondonOffsetDateTime(deadline.due) })),
    entitlements: output.entitlements,
    findings: output.findings,
  };
}
