import { InvalidInput, StaleRecord, type FieldProblem } from '../../app/errors.ts';
import { viewPerson } from '../../app/people/view-person.ts';
import { actorMay } from '../../app/policy.ts';
import { currentConditions, recordConcern, recordConditionalDischarge, varyConditions, viewConditionalDischarge, type ConditionalDischargeView } from '../../app/restricted/conditional-discharge.ts';
import { issueRecallWarrant, outstandingWarrant, recordReturnToHospital, recordSecretaryOfStateReference, secretaryOfStateReferences } from '../../app/restricted/recall.ts';
import { dueKindLabels, type DueKind } from '../../domain/legal/due-items.ts';
import { tribunalReferenceProvisions } from '../../domain/legal/legal-entries.ts';
import { referenceProvisionFor } from '../../domain/legal/tribunal-references.ts';
import { displayName } from '../../domain/people/person.ts';
import {
  concernKinds,
  conditionField,
  conditionKinds,
  conditionRowsShown,
  dischargeBodies,
  mayRecordConcerns,
  type ConditionRowInput,
} from '../../domain/restricted/conditional-discharge.ts';
import type { PersonNeed } from '../../domain/sharing/person-access.ts';
import { dateTimeValues, isDateTimeProblem, readDateTime } from '../core/date-time-input.ts';
import { formatDateTime, isoDateTime } from '../core/dates.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { placementChoices } from '../legal/recording-placement.ts';
import { dueFromNow, formatDueMoment, powerName } from '../legal/status-presenter.ts';
import { expectedVersion, personIdParam } from '../people/record-params.ts';

// The conditional discharge of a restricted patient: its status and deadlines from the law engine, the
// conditions and their history, concerns and breaches, the recall warrant and the return to hospital, and
// the forms for each step, offered to the role that takes it.

const read: PersonNeed = { category: 'legal-status' };
const change: PersonNeed = { category: 'legal-status', change: true };
const concernChange: PersonNeed = { category: 'risk-to-others', change: true };

function base(personId: string): string {
  return `/people/${personId}/restricted/conditional-discharge`;
}

// The boxes of a date and time the user gave, read; a problem goes into `problems` with its box.
function readMoment(body: Record<string, unknown>, name: string, label: string, problems: FieldProblem[], focus: Record<string, string>): string | null {
  const reading = readDateTime(body, name, label);
  if (isDateTimeProblem(reading)) {
    problems.push(reading.problem);
    focus[name] = reading.focusId;
    return null;
  }
  focus[name] = `${name}-day`;
  return reading.value;
}

const mostRows = 20;

function conditionRowsFrom(body: Record<string, unknown>): ConditionRowInput[] {
  const rows: ConditionRowInput[] = [];
  for (let index = 0; index < mostRows; index += 1) {
    if (!(conditionField(index, 'kind') in body) && !(conditionField(index, 'text') in body)) continue;
    rows[index] = { kind: text(body[conditionField(index, 'kind')]), text: text(body[conditionField(index, 'text')]), concernsVictims: text(body[conditionField(index, 'concernsVictims')]) };
  }
  return Array.from(rows, (row) => row ?? { kind: '', text: '', concernsVictims: '' });
}

// The repeating condition fields: a fixed number of rows (more when varying a longer set), blank ones ignored.
function conditionRowsModel(rows: readonly ConditionRowInput[], fieldErrors: Record<string, string>) {
  const count = Math.max(conditionRowsShown, rows.filter((row) => (row.kind ?? '') !== '' || (row.text ?? '') !== '').length + 2);
  return Array.from({ length: Math.min(count, mostRows) }, (_, index) => {
    const row = rows[index] ?? {};
    const kindId = conditionField(index, 'kind');
    const textId = conditionField(index, 'text');
    const victimsId = conditionField(index, 'concernsVictims');
    return {
      number: index + 1,
      kindId,
      textId,
      victimsId,
      text: row.text ?? '',
      kindItems: [{ value: '', text: 'Choose a kind of condition' }, ...Object.entries(conditionKinds).map(([value, kind]) => ({ value, text: kind.label, selected: value === row.kind }))],
      victimsItems: [
        { value: '', text: 'As usual for the kind (yes for exclusion zones and no contact)', selected: (row.concernsVictims ?? '') === '' },
        { value: 'yes', text: 'Yes, it concerns victims', selected: row.concernsVictims === 'yes' },
        { value: 'no', text: 'No', selected: row.concernsVictims === 'no' },
      ],
      kindError: fieldErrors[kindId],
      textError: fieldErrors[textId],
      victimsError: fieldErrors[victimsId],
    };
  });
}

function conditionFieldIds(problems: FieldProblem[], extra: Record<string, string>): Record<string, string> {
  return { ...Object.fromEntries(problems.filter((problem) => problem.field.startsWith('condition')).map((problem) => [problem.field, problem.field])), ...extra };
}

function staleErrors(): FormErrors {
  return formErrors([{ field: 'version', message: 'The record changed since you opened it: check and record again' }]);
}

// --- The page ---

function deadlinesModel(view: ConditionalDischargeView, now: Temporal.Instant) {
  const { output, met } = view.position;
  return output.deadlines.map((deadline) => {
    const made = met.find((reference) => reference.kind === deadline.kind && reference.due.equals(deadline.due));
    const when = dueFromNow(deadline.due, now);
    return {
      label: dueKindLabels[deadline.kind as DueKind] ?? deadline.kind,
      moment: formatDueMoment(deadline.due),
      exact: isoDateTime(deadline.due),
      provision: deadline.provision,
      state: made ? `Made ${formatDateTime(made.madeAt)}` : when.passed ? `Passed ${when.text}` : `Due ${when.text}`,
    };
  });
}

async function showPage(context: RequestContext) {
  const id = personIdParam(context);
  const app = context.app();
  const view = await viewConditionalDischarge(app, id);
  const name = view.name;
  const status = view.position.output.status;
  const conditionallyDischarged = status.provision === 'conditionally-discharged';
  const role = app.actor.role;
  const writes = actorMay(app.actor, 'person.write');
  const outstanding = outstandingWarrant(view.warrants);
  const now = context.services.now();
  const findings = view.position.output.findings.filter((finding) => finding.severity !== 'info').map((finding) => `${finding.message} (${finding.provision})`);
  return context.render('pages/restricted/conditional-discharge/page.njk', {
    title: `Conditional discharge: ${name}`,
    personId: id,
    personName: name,
    base: base(id),
    status: {
      power: powerName(status.provision),
      provision: status.provision,
      since: status.since ? formatDateTime(status.since) : null,
      restricted: status.restricted,
      conditionallyDischarged,
    },
    findings,
    deadlines: deadlinesModel(view, now),
    history: view.history.map((event) => ({
      what: event.event.type === 'recalled' ? 'Returned to hospital on recall (s42(3))' : `Conditionally discharged by ${event.event['by'] === 'tribunal' ? 'the tribunal (s73)' : 'the Secretary of State (s42(2))'}`,
      at: formatDateTime(event.event.at),
      placement: event.placement ? [event.placement.agencyName, event.placement.teamName].filter(Boolean).join(': ') : '',
      recordedBy: event.recordedBy,
    })),
    currentSet: view.sets.find((set) => set.current) ?? null,
    sets: [...view.sets].reverse().map((set) => ({
      heading: `${set.origin === 'discharge' ? 'Set on discharge' : 'Varied'} by ${dischargeBodies[set.body].label.replace(/^The /, 'the ')} (${set.provision}), ${formatDateTime(set.setAt)}`,
      current: set.current,
      reason: set.reason,
      setBy: `${set.setBy}, ${set.setByAgency}`,
      conditions: set.conditions.map((condition) => ({ label: condition.label, text: condition.text, victims: condition.concernsVictims ? 'Yes' : 'No' })),
    })),
    concerns: view.concerns?.map((concern) => ({
      kind: concern.kindLabel,
      condition: concern.condition ? `${concern.condition.label}: ${concern.condition.text}` : 'None named',
      occurredAt: formatDateTime(concern.occurredAt),
      whatHappened: concern.whatHappened,
      actionTaken: concern.actionTaken,
      recordedBy: `${concern.recordedBy}, ${concern.recordedByAgency}`,
    })) ?? [],
    concernsHidden: view.concerns === null,
    warrants: [...view.warrants].reverse().map((warrant) => ({
      issuedAt: formatDateTime(warrant.issuedAt),
      reasons: warrant.reasons,
      issuedBy: warrant.issuedBy,
      returnedAt: warrant.returnedAt ? formatDateTime(warrant.returnedAt) : null,
      returnRecordedBy: warrant.returnRecordedBy,
    })),
    actions: {
      discharge: writes && status.restricted && !conditionallyDischarged && (role === 'moj-caseworker' || role === 'mha-administrator'),
      vary: writes && conditionallyDischarged && role === 'moj-caseworker',
      concern: writes && conditionallyDischarged && mayRecordConcerns(role) && view.concerns !== null,
      recall: writes && conditionallyDischarged && role === 'moj-caseworker' && outstanding === null,
      return: writes && outstanding !== null && (role === 'mha-administrator' || role === 'responsible-clinician'),
      reference: writes && status.restricted && role === 'moj-caseworker',
    },
    saved: typeof context.query.saved === 'string' ? savedMessages[context.query.saved] ?? null : null,
    backLink: `/people/${id}/restricted`,
  });
}

const savedMessages: Record<string, string> = {
  discharge: 'The conditional discharge and its conditions have been recorded.',
  conditions: 'The conditions have been varied.',
  concern: 'The concern or breach has been recorded.',
  recall: 'The warrant of recall has been recorded.',
  return: 'The return to hospital has been recorded.',
  reference: 'The Secretary of State’s reference to the tribunal has been recorded.',
};

// --- Forms ---

interface FormPage {
  template: string;
  heading: string;
  opened: string;
}

async function renderForm(context: RequestContext, page: FormPage, model: Record<string, unknown>, errors: FormErrors, status: number, version?: number) {
  const id = personIdParam(context);
  const view = await viewPerson(context.app(), id, page.opened);
  const name = displayName(view.state.details);
  return context.render(
    page.template,
    { title: `${page.heading}: ${name}`, heading: page.heading, personId: id, personName: name, base: base(id), version: version ?? view.state.version, ...model, ...errors, backLink: base(id) },
    status,
  );
}

// Record the conditional discharge.
const dischargePage: FormPage = { template: 'pages/restricted/conditional-discharge/new.njk', heading: 'Record a conditional discharge', opened: 'Opened the form to record a conditional discharge' };

function dischargeModel(context: RequestContext, body: Record<string, unknown>, errors: FormErrors) {
  const byDefault = context.app().actor.role === 'mha-administrator' ? 'tribunal' : 'sos';
  const by = text(body.by) || byDefault;
  return {
    byItems: Object.entries(dischargeBodies).map(([value, body]) => ({ value, text: `${body.label} (${body.provision === 's73' ? 'section 73' : 'section 42(2)'})`, checked: value === by })),
    at: dateTimeValues(body, 'at'),
    note: text(body.note),
    rows: conditionRowsModel(conditionRowsFrom(body), errors.fieldErrors),
  };
}

async function submitDischarge(context: RequestContext) {
  const id = personIdParam(context);
  const body = context.body;
  const version = expectedVersion(context);
  const problems: FieldProblem[] = [];
  const focus: Record<string, string> = {};
  const at = readMoment(body, 'at', 'Date and time of the discharge', problems, focus);
  const show = (found: FieldProblem[], status: number) => {
    const errors = formErrors(found, conditionFieldIds(found, { ...focus, by: 'by', event: 'by', status: 'by', at: focus.at ?? 'at-day' }));
    return renderForm(context, dischargePage, dischargeModel(context, body, errors), errors, status, version);
  };
  if (at === null) return show(problems, 400);
  try {
    await recordConditionalDischarge(context.app(), id, version, { by: text(body.by), at, conditions: conditionRowsFrom(body), note: text(body.note).trim() || null });
  } catch (error) {
    if (error instanceof InvalidInput) return show(error.problems, 400);
    if (error instanceof StaleRecord) {
      const errors = staleErrors();
      return renderForm(context, dischargePage, dischargeModel(context, body, errors), errors, 409);
    }
    throw error;
  }
  return context.redirect(`${base(id)}?saved=discharge`);
}

// Vary the conditions.
const varyPage: FormPage = { template: 'pages/restricted/conditional-discharge/conditions.njk', heading: 'Vary the conditions', opened: 'Opened the form to vary the conditions of a conditional discharge' };

async function showVary(context: RequestContext) {
  const id = personIdParam(context);
  const current = await currentConditions(context.services.db, id);
  const rows = current.map((condition) => ({ kind: condition.kind, text: condition.text, concernsVictims: condition.concernsVictims ? 'yes' : 'no' }));
  return renderForm(context, varyPage, { reason: '', rows: conditionRowsModel(rows, {}), hasConditions: current.length > 0 }, noErrors, 200);
}

async function submitVary(context: RequestContext) {
  const id = personIdParam(context);
  const body = context.body;
  try {
    await varyConditions(context.app(), id, { reason: text(body.reason), conditions: conditionRowsFrom(body) });
  } catch (error) {
    if (error instanceof InvalidInput) {
      const errors = formErrors(error.problems, conditionFieldIds(error.problems, { status: 'reason' }));
      return renderForm(context, varyPage, { reason: text(body.reason), rows: conditionRowsModel(conditionRowsFrom(body), errors.fieldErrors), hasConditions: true }, errors, 400);
    }
    throw error;
  }
  return context.redirect(`${base(id)}?saved=conditions`);
}

// A concern or a breach.
const concernPage: FormPage = { template: 'pages/restricted/conditional-discharge/concern.njk', heading: 'Record a concern or a breach of a condition', opened: 'Opened the form to record a concern or breach of a condition' };

async function concernModel(context: RequestContext, body: Record<string, unknown>) {
  const conditions = await currentConditions(context.services.db, personIdParam(context));
  const chosen = text(body.conditionId);
  return {
    kindItems: Object.entries(concernKinds).map(([value, label]) => ({ value, text: label, checked: value === text(body.kind) })),
    conditionItems: [
      ...conditions.map((condition) => ({ value: condition.id, text: `${condition.label}: ${condition.text}`, checked: condition.id === chosen })),
      { divider: 'or' },
      { value: 'none', text: 'No particular condition (a concern only)', checked: chosen === 'none' },
    ],
    hasConditions: conditions.length > 0,
    occurredAt: dateTimeValues(body, 'occurredAt'),
    whatHappened: text(body.whatHappened),
    actionTaken: text(body.actionTaken),
  };
}

async function submitConcern(context: RequestContext) {
  const id = personIdParam(context);
  const body = context.body;
  const problems: FieldProblem[] = [];
  const focus: Record<string, string> = {};
  const occurredAt = readMoment(body, 'occurredAt', 'Date and time it happened', problems, focus);
  const show = async (found: FieldProblem[]) => {
    const errors = formErrors(found, { ...focus, occurredAt: focus.occurredAt ?? 'occurredAt-day', status: 'kind' });
    return renderForm(context, concernPage, await concernModel(context, body), errors, 400);
  };
  if (occurredAt === null) return show(problems);
  try {
    await recordConcern(context.app(), id, { kind: text(body.kind), conditionId: text(body.conditionId), occurredAt, whatHappened: text(body.whatHappened), actionTaken: text(body.actionTaken) });
  } catch (error) {
    if (error instanceof InvalidInput) return show(error.problems);
    throw error;
  }
  return context.redirect(`${base(id)}?saved=concern`);
}

// The warrant of recall.
const recallPage: FormPage = { template: 'pages/restricted/conditional-discharge/recall.njk', heading: 'Record the Secretary of State’s warrant of recall', opened: 'Opened the form to record a warrant of recall' };

async function submitRecall(context: RequestContext) {
  const id = personIdParam(context);
  const body = context.body;
  const problems: FieldProblem[] = [];
  const focus: Record<string, string> = {};
  const issuedAt = readMoment(body, 'issuedAt', 'Date and time the warrant was issued', problems, focus);
  const show = (found: FieldProblem[]) =>
    renderForm(context, recallPage, { issuedAt: dateTimeValues(body, 'issuedAt'), reasons: text(body.reasons) }, formErrors(found, { ...focus, issuedAt: focus.issuedAt ?? 'issuedAt-day', status: 'reasons' }), 400);
  if (issuedAt === null) return show(problems);
  try {
    await issueRecallWarrant(context.app(), id, { issuedAt, reasons: text(body.reasons) });
  } catch (error) {
    if (error instanceof InvalidInput) return show(error.problems);
    throw error;
  }
  return context.redirect(`${base(id)}?saved=recall`);
}

// The return to hospital.
const returnPage: FormPage = { template: 'pages/restricted/conditional-discharge/return.njk', heading: 'Record the return to hospital on recall', opened: 'Opened the form to record a return to hospital on recall' };

async function returnModel(context: RequestContext, body: Record<string, unknown>) {
  const id = personIdParam(context);
  const choices = await placementChoices(context.app(), { hospitalsOnly: true });
  const chosen = text(body.placement) || choices.defaultValue || '';
  const rows = await context.services.db.selectFrom('recall_warrants').select(['id', 'issued_at', 'issued_by_label']).where('person_id', '=', id).where('returned_at', 'is', null).orderBy('issued_at', 'desc').execute();
  const warrant = rows[0] ?? null;
  return {
    choices,
    model: {
      warrant: warrant && { id: warrant.id, text: `Issued ${formatDateTime(warrant.issued_at)} by ${warrant.issued_by_label}` },
      placementItems: [{ value: '', text: 'Choose the hospital and ward' }, ...choices.options.map((option) => ({ value: option.value, text: option.text, selected: option.value === chosen }))],
      returnedAt: dateTimeValues(body, 'returnedAt'),
    },
  };
}

async function showReturn(context: RequestContext) {
  return renderForm(context, returnPage, (await returnModel(context, {})).model, noErrors, 200);
}

async function submitReturn(context: RequestContext) {
  const id = personIdParam(context);
  const body = context.body;
  const version = expectedVersion(context);
  const { choices, model } = await returnModel(context, body);
  const problems: FieldProblem[] = [];
  const focus: Record<string, string> = {};
  const returnedAt = readMoment(body, 'returnedAt', 'Date and time of return', problems, focus);
  const placement = choices.options.find((option) => option.value === text(body.placement))?.placement ?? null;
  if (placement === null) problems.push({ field: 'placement', message: 'Choose the hospital (and ward) the patient returned to' });
  if (model.warrant === null) problems.push({ field: 'status', message: 'No warrant of recall is waiting for a return to be recorded' });
  const show = (found: FieldProblem[], status = 400) => renderForm(context, returnPage, model, formErrors(found, { ...focus, returnedAt: focus.returnedAt ?? 'returnedAt-day', event: 'returnedAt-day', status: 'returnedAt-day' }), status, version);
  if (returnedAt === null || placement === null || model.warrant === null) return show(problems);
  try {
    await recordReturnToHospital(context.app(), id, version, { warrantId: model.warrant.id, returnedAt, placement });
  } catch (error) {
    if (error instanceof InvalidInput) return show(error.problems);
    if (error instanceof StaleRecord) return renderForm(context, returnPage, model, staleErrors(), 409);
    throw error;
  }
  return context.redirect(`${base(id)}?saved=return`);
}

// The Secretary of State's reference to the tribunal.
const referencePage: FormPage = { template: 'pages/restricted/conditional-discharge/reference.njk', heading: 'Record the Secretary of State’s reference to the tribunal', opened: 'Opened the form to record the Secretary of State’s reference to the tribunal' };

async function referenceModel(context: RequestContext, body: Record<string, unknown>) {
  const id = personIdParam(context);
  const due = await context.services.db.selectFrom('legal_deadlines').select(['due', 'provision']).where('person_id', '=', id).where('kind', '=', 'sos-reference-due').orderBy('due').execute();
  const chosen = text(body.provision) || (due[0] ? referenceProvisionFor(due[0].provision) ?? '' : '');
  return {
    referencesDue: due.map((item) => ({ moment: formatDueMoment(item.due), provision: item.provision })),
    provisionItems: secretaryOfStateReferences.map((provision) => ({ value: provision, text: tribunalReferenceProvisions[provision].label, checked: provision === chosen })),
    at: dateTimeValues(body, 'at'),
    note: text(body.note),
  };
}

async function submitReference(context: RequestContext) {
  const id = personIdParam(context);
  const body = context.body;
  const version = expectedVersion(context);
  const problems: FieldProblem[] = [];
  const focus: Record<string, string> = {};
  const at = readMoment(body, 'at', 'Date and time the reference was sent', problems, focus);
  const show = async (found: FieldProblem[], status = 400) => renderForm(context, referencePage, await referenceModel(context, body), formErrors(found, { ...focus, at: focus.at ?? 'at-day', event: 'provision' }), status, version);
  if (at === null) return show(problems);
  try {
    await recordSecretaryOfStateReference(context.app(), id, version, { at, provision: text(body.provision), note: text(body.note).trim() || null });
  } catch (error) {
    if (error instanceof InvalidInput) return show(error.problems);
    if (error instanceof StaleRecord) return renderForm(context, referencePage, await referenceModel(context, body), staleErrors(), 409);
    throw error;
  }
  return context.redirect(`${base(id)}?saved=reference`);
}

const page = '/people/:personId/restricted/conditional-discharge';

export const conditionalDischargeRoutes: Route[] = [
  { method: 'GET', url: page, access: 'person.read', person: read, purpose: 'Reading a restricted patient’s conditional discharge', handler: showPage },
  { method: 'GET', url: `${page}/new`, access: 'person.write', person: change, purpose: 'Recording a conditional discharge', handler: (context) => renderForm(context, dischargePage, dischargeModel(context, {}, noErrors), noErrors, 200) },
  { method: 'POST', url: `${page}/new`, access: 'person.write', person: change, purpose: 'Recording a conditional discharge', handler: submitDischarge },
  { method: 'GET', url: `${page}/conditions`, access: 'person.write', person: change, purpose: 'Varying the conditions of a conditional discharge', handler: showVary },
  { method: 'POST', url: `${page}/conditions`, access: 'person.write', person: change, purpose: 'Varying the conditions of a conditional discharge', handler: submitVary },
  { method: 'GET', url: `${page}/concerns/new`, access: 'person.write', person: concernChange, purpose: 'Recording a concern or breach of a condition', handler: async (context) => renderForm(context, concernPage, await concernModel(context, {}), noErrors, 200) },
  { method: 'POST', url: `${page}/concerns/new`, access: 'person.write', person: concernChange, purpose: 'Recording a concern or breach of a condition', handler: submitConcern },
  { method: 'GET', url: `${page}/recall`, access: 'person.write', person: change, purpose: 'Recording a warrant of recall', handler: (context) => renderForm(context, recallPage, { issuedAt: dateTimeValues({}, 'issuedAt'), reasons: '' }, noErrors, 200) },
  { method: 'POST', url: `${page}/recall`, access: 'person.write', person: change, purpose: 'Recording a warrant of recall', handler: submitRecall },
  { method: 'GET', url: `${page}/return`, access: 'person.write', person: change, purpose: 'Recording a return to hospital on recall', handler: showReturn },
  { method: 'POST', url: `${page}/return`, access: 'person.write', person: change, purpose: 'Recording a return to hospital on recall', handler: submitReturn },
  { method: 'GET', url: `${page}/references/new`, access: 'person.write', person: change, purpose: 'Recording the Secretary of State’s reference to the tribunal', handler: async (context) => renderForm(context, referencePage, await referenceModel(context, {}), noErrors, 200) },
  { method: 'POST', url: `${page}/references/new`, access: 'person.write', person: change, purpose: 'Recording the Secretary of State’s reference to the tribunal', handler: submitReference },
];
