
import { measureCount } from './rules.ts';
import { hoursFrom, isBefore, type Moment } from './time.ts';
import { addFinding, startPower, when, type Context, type EventOf } from './evaluation-state.ts';
import { firstPeriod } from './renewable-authority.ts';

// Community treatment orders: making (s17A), recall (s17E), release and revocation (s17F, s17G).

export function onCommunityTreatmentOrderMade(context: Context, event: EventOf<'cto-made'>, at: Moment): void {
  const { state, input } = context;
  const restricted = state.partThree?.restricted ?? false;
  if (restricted || state.provision === 'conditionally-discharged') {
    addFinding(state, 'error', 'cto-for-restricted-patient', 'cto-not-for-restricted', 'A community treatment order is recorded for a restricted patient; it has no effect.');
    return;
  }
  const fromHospitalOrder = (state.provision === 's37' || state.provision === 's47' || state.provision === 's48') && state.partThree?.admitted === true;
  if ((state.provision !== 's3' && !fromHospitalOrder) || state.renewable === null) {
    addFinding(state, 'error', 'cto-for-ineligible-patient', 'cto-eligibility', `A community treatment order is recorded for a patient ${state.provision === 'none' ? 'not detained' : `held under ${state.provision}`}; only a patient detained for treatment can be made subject to one.`);
    return;
  }
  state.suspended = state.provision;
  state.renewable = firstPeriod('cto', at, input.commencements);
  state.recall = null;
  state.expiredRecall = null;
  state.revokedAt = null;
  startPower(state, 'cto', at);
}

export function onRecallToHospital(context: Context, event: EventOf<'cto-recalled'>, at: Moment): void {
  const { state } = context;
  if (state.provision !== 'cto') {
    addFinding(state, 'error', 'recall-without-cto', 'recall-requires-cto', `A recall is recorded for a patient who is not a community patient (${state.provision}).`);
    return;
  }
  if (state.recall !== null) {
    addFinding(state, 'error', 'recall-while-recalled', 'cto-recall-72-hours', 'A second recall is recorded while the patient is already detained under a recall; consecutive recalls cannot extend the 72 hours.');
    return;
  }
  // s17F: 72 elapsed hours from the time detention under the recall begins.
  state.expiredRecall = null;
  state.recall = { at: at, end: hoursFrom(at, measureCount('cto-recall-72-hours')) };
}

export function onReleaseFromRecall(context: Context, event: EventOf<'cto-recall-released'>, at: Moment): void {
  const { state } = context;
  if (state.provision === 'cto' && state.recall === null && state.expiredRecall !== null) {
    addFinding(state, 'error', 'recall-release-after-72-hours', 'cto-recall-72-hours', `The patient was released at ${when(at)}, after the 72 hours of recall ended at ${when(state.expiredRecall.end)}.`);
    state.expiredRecall = null;
    return;
  }
  if (state.provision !== 'cto' || state.recall === null) {
    addFinding(state, 'error', 'release-without-recall', 'cto-recall-72-hours', 'A release from recall is recorded for a patient who is not detained under a recall.');
    return;
  }
  if (!isBefore(at, state.recall.end)) {
    addFinding(state, 'error', 'recall-release-after-72-hours', 'cto-recall-72-hours', `The patient was released at ${when(at)}, after the 72 hours of recall ended at ${when(state.recall.end)}.`);
  }
  state.recall = null;
}

export function onRevocation(context: Context, event: EventOf<'cto-revoked'>, at: Moment): void {
  const { state, input } = context;
  if (state.provision === 'cto' && state.recall === null && state.expiredRecall !== null) {
    addFinding(state, 'error', 'revocation-after-72-hours', 'revocation-requires-recall', `The revocation at ${when(at)} came after the 72 hours of recall ended at ${when(state.expiredRecall.end)}; it has no effect.`);
    return;
  }
  if (state.provision !== 'cto' || state.recall === null) {
    addFinding(state, 'error', 'revocation-without-recall', 'revocation-requires-recall', 'A revocation is recorded for a patient who is not a recalled community patient; it has no effect.');
    return;
  }
  // s17G(5): detained under the suspended section again, with s20 periods beginning with the day of revocation.
  const suspended = state.suspended ?? 's3';
  state.renewable = firstPeriod(suspended === 's3' ? 's3' : 'hospital-order', at, input.commencements);
  state.renewable.firstTribunalWindowRule = 'revoked-cto-tribunal-window';
  state.recall = null;
  state.suspended = null;
  state.revokedAt = at;
  startPower(state, suspended, at);
}
