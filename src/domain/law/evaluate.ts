import { applyEvent } from './apply-event.ts';
import type { Deadline, EvaluateInput, EvaluateOutput } from './contract.ts';
import { inForceFor } from './commencement.ts';
import { legalStatusCode } from './legal-status.ts';
import { instantOf, londonDay, momentOf } from './time.ts';
import { emptyState, isLiableToBeDetained, type Context } from './evaluation-state.ts';
import { advance } from './advance.ts';
import { collectDeadlines } from './deadlines.ts';

// What the Mental Health Act 1983 says now, from a history of events. The events are walked in order
// with a state holding the power in force; before each event (and at asOf) the state is advanced to that
// instant, so that powers which ran out in between lapse at the right moment. Deadlines are then read off
// the state at asOf. Events that are wrong in law become findings; events the engine does not yet evaluate
// become `not-yet-evaluated` warnings rather than guesses.

function checkCommencementsNotEvaluated(context: Context): void {
  const { input, state } = context;
  const day = londonDay(context.asOf);
  // Commenced provisions the engine has not implemented: say so rather than apply the old rule silently.
  const unimplemented: { key: string; provision: string; relevant: boolean }[] = [
    { key: 'mha2025.s31', provision: 's68', relevant: state.renewable !== null && (state.renewable.regime === 's3' || state.renewable.regime === 'cto') },
    { key: 'mha2025.s24', provision: 's26', relevant: input.events.some((event) => event.type === 'nr-discharge-notice' || event.type === 'barring-report-furnished' || (event.type === 'tribunal-application' && event.applicant === 'nr')) },
  ];
  for (const item of unimplemented) {
    if (item.relevant && inForceFor(item.key, input.commencements, day)) {
      state.findings.push({ severity: 'warning', code: 'not-yet-evaluated', provision: item.provision, message: `${item.key} is in force on the given commencement date, but its changes are not yet evaluated; the 1983 rule is shown.` });
    }
  }
}

export function evaluate(input: EvaluateInput): EvaluateOutput {
  const context: Context = { input, asOf: momentOf(input.asOf), state: emptyState() };
  for (const event of input.events) {
    const at = momentOf(event.at);
    advance(context, at);
    applyEvent(context, event, at);
  }
  advance(context, context.asOf);
  checkCommencementsNotEvaluated(context);
  const { state } = context;
  const { deadlines, tribunalApplicationNow } = collectDeadlines(context);
  const liableToBeDetained = isLiableToBeDetained(state);
  const restricted = state.partThree?.restricted ?? false;
  const imhaQualifying = state.provision === 'guardianship' || state.provision === 'cto'
    || (liableToBeDetained && !['s4', 's5(2)', 's5(4)', 's135(1)', 's136'].includes(state.provision));
  return {
    asOf: input.asOf,
    status: {
      provision: state.provision,
      // A community patient is recorded under the suspended section.
      legalStatusCode: legalStatusCode(state.provision === 'cto' ? (state.suspended ?? 's3') : state.provision),
      since: state.since === null ? null : instantOf(state.since),
      liableToBeDetained,
      restricted,
      awol: state.awol !== null,
    },
    deadlines: deadlines.map((item): Deadline => ({ kind: item.kind, due: instantOf(item.due), provision: item.provision, passed: item.passed })),
    entitlements: { imha: imhaQualifying, section117: state.section117, tribunalApplicationNow },
    findings: state.findings,
  };
}
