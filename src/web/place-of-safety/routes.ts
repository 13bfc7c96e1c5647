import { InvalidInput, NotFound, StaleRecord, type FieldProblem } from '../../app/errors.ts';
import { recordExtension, recordHandover, recordOutcome, recordPlaceOfSafety, viewPlaceOfSafety, type PlaceOfSafetyView } from '../../app/place-of-safety/place-of-safety.ts';
import { viewPerson } from '../../app/people/view-person.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { displayName } from '../../domain/people/person.ts';
import {
  assessmentOutcomes,
  handoverExpectation,
  handoverExpectationText,
  maximumExtensionHours,
  placeKinds,
  policeStationConditionKeys,
  policeStationConditions,
  type AssessmentOutcome,
  type PlaceKind,
  type PoliceStationCondition,
} from '../../domain/place-of-safety/place-of-safety.ts';
import type { PersonNeed } from '../../domain/sharing/person-access.ts';
import { dateTimeValues, isDateTimeProblem, readDateTime } from '../core/date-time-input.ts';
import { formatDateTime, isoDateTime } from '../core/dates.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { expectedVersion, personIdParam } from '../people/record-params.ts';

// Pages for a removal to a place of safety under s136: the record of detention and arrival, and one page
// per record with the engine's clock, the handover expectation, the conditions met and the later steps.

const read: PersonNeed = { category: 'legal-status' };
const change: PersonNeed = { category: 'legal-status', change: true };
const purpose = 'Recording a removal to a place of safety under s136';

function recordIdOf(context: RequestContext): string {
  const id = context.params.recordId ?? '';
  if (!isUuid(id)) throw new NotFound('The place of safety record');
  return id;
}

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}

// Reads the date-time boxes of each named moment; problems carry the box to link to.
function readMoments(body: Record<string, unknown>, moments: Record<string, string>) {
  const values: Record<string, string> = {};
  const problems: FieldProblem[] = [];
  const focus: Record<string, string> = {};
  for (const [name, label] of Object.entries(moments)) {
    const reading = readDateTime(body, name, label);
    if (isDateTimeProblem(reading)) {
      problems.push(reading.problem);
      focus[name] = reading.focusId;
    } else values[name] = reading.value;
  }
  return { values, problems, focus };
}

async function showNew(context: RequestContext, body: Record<string, unknown>, errors: FormErrors = noErrors, status = 200, version?: number) {
  const id = personIdParam(context);
  const view = await viewPerson(context.app(), id, 'Opened the form to record a removal to a place of safety');
  const conditions = asList(body.conditions);
  return context.render(
    'pages/place-of-safety/new.njk',
    {
      title: `Record a removal to a place of safety: ${displayName(view.state.details)}`,
      personId: id,
      personName: displayName(view.state.details),
      version: version ?? view.state.version,
      detainedAt: dateTimeValues(body, 'detainedAt'),
      arrivedAt: dateTimeValues(body, 'arrivedAt'),
      values: { detainedWhere: text(body.detainedWhere), placeName: text(body.placeName) },
      placeItems: Object.entries(placeKinds).map(([value, label]) => ({ value, text: label, checked: body.placeKind === value })),
      conditionItems: policeStationConditionKeys.map((key) => ({ value: key, text: policeStationConditions[key].label, hint: { text: policeStationConditions[key].provision }, checked: conditions.includes(key) })),
      ...errors,
      backLink: `/people/${id}/legal`,
    },
    status,
  );
}

async function submitNew(context: RequestContext) {
  const id = personIdParam(context);
  const body = context.body;
  const version = expectedVersion(context);
  const moments = readMoments(body, { detainedAt: 'Date and time of detention under s136', arrivedAt: 'Date and time of arrival at the place of safety' });
  const placeKind = text(body.placeKind);
  if (!(placeKind in placeKinds)) moments.problems.push({ field: 'placeKind', message: 'Choose the kind of place of safety' });
  if (moments.problems.length > 0) return showNew(context, body, formErrors(moments.problems, moments.focus), 400, version);
  try {
    const recordId = await recordPlaceOfSafety(context.app(), id, version, {
      detainedAt: moments.values.detainedAt!,
      arrivedAt: moments.values.arrivedAt!,
      detainedWhere: text(body.detainedWhere),
      placeKind: placeKind as PlaceKind,
      placeName: text(body.placeName),
      conditionsMet: asList(body.conditions) as PoliceStationCondition[],
    });
    return context.redirect(`/people/${id}/place-of-safety/${recordId}`);
  } catch (error) {
    if (error instanceof InvalidInput) return showNew(context, body, formErrors(error.problems, { detainedAt: 'detainedAt-day', arrivedAt: 'arrivedAt-day', conditions: 'conditions' }), 400, version);
    if (error instanceof StaleRecord) return showNew(context, body, formErrors([{ field: 'version', message: 'The record changed since you opened it: check and record again' }]), 409);
    throw error;
  }
}

function hoursBetween(from: string, to: Temporal.Instant): number {
  return Math.round(Temporal.Instant.from(from).until(to, { largestUnit: 'hours' }).total({ unit: 'hours' }));
}

// The engine's clock for this detention in plain words, exactly, while it is the person's current power.
function clockOf(view: PlaceOfSafetyView, now: Temporal.Instant) {
  const { record, position } = view;
  if (record.outcome !== null) return { current: false, text: `The detention under s136 ended at ${formatDateTime(record.outcome_at)}, when the outcome was recorded.` };
  const ends = position.output.deadlines.find((deadline) => deadline.kind === 'authority-ends');
  if (position.output.status.provision !== 's136' || ends === undefined) {
    return { current: false, text: 'The law engine does not show this detention as in force: see the legal status page.' };
  }
  const hours = hoursBetween(record.arrived_at, ends.due);
  const left = now.until(ends.due, { largestUnit: 'minutes' }).total({ unit: 'minutes' });
  const remaining = left > 0 ? `${Math.floor(left / 60)} hours ${Math.floor(left % 60)} minutes left` : 'the period has ended';
  return {
    current: true,
    text: `Detention under section 136 ends at ${formatDateTime(ends.due)}: ${hours} hours beginning with the arrival (${ends.provision}); ${remaining}.`,
    exact: isoDateTime(ends.due),
    hours,
  };
}

async function showRecord(context: RequestContext, errors: FormErrors = noErrors, status = 200, body: Record<string, unknown> = {}) {
  const id = personIdParam(context);
  const recordId = recordIdOf(context);
  const app = context.app();
  const view = await viewPlaceOfSafety(app, id, recordId);
  const { record } = view;
  const now = app.now();
  const personView = await viewPerson(app, id, 'Opened a removal to a place of safety');
  const expectation = handoverExpectation(Temporal.Instant.from(record.arrived_at), record.handed_over_at === null ? null : Temporal.Instant.from(record.handed_over_at), now);
  return context.render(
    'pages/place-of-safety/record.njk',
    {
      title: `Place of safety under s136: ${displayName(personView.state.details)}`,
      personId: id,
      personName: displayName(personView.state.details),
      recordId,
      version: view.version,
      record: {
        detainedAt: formatDateTime(record.detained_at),
        detainedWhere: record.detained_where,
        place: `${record.place_name} (${placeKinds[record.place_kind as PlaceKind] ?? record.place_kind})`,
        arrivedAt: formatDateTime(record.arrived_at),
        recordedBy: `${record.recorded_by_label}, ${record.recorded_by_agency_name}`,
        handedOverAt: record.handed_over_at && formatDateTime(record.handed_over_at),
        handedOverTo: record.handed_over_to,
        extension: record.extension_hours && `${record.extension_hours} hours, authorised at ${formatDateTime(record.extension_authorised_at)} by ${record.extension_authorised_by}: ${record.extension_reason}`,
        outcome: record.outcome && `${assessmentOutcomes[record.outcome as AssessmentOutcome] ?? record.outcome} at ${formatDateTime(record.outcome_at)}${record.outcome_note ? `: ${record.outcome_note}` : ''}`,
        detainedAfter: record.outcome === 'detained-s2' || record.outcome === 'detained-s3',
      },
      isPoliceStation: record.place_kind === 'police-station',
      conditionsMet: record.police_station_conditions.map((key) => policeStationConditions[key as PoliceStationCondition]).filter(Boolean),
      clock: clockOf(view, now),
      handover: handoverExpectationText(expectation),
      maximumExtensionHours,
      outcomeItems: Object.entries(assessmentOutcomes).map(([value, label]) => ({ value, text: label, checked: body.outcome === value })),
      values: { handedOverTo: text(body.handedOverTo), hours: text(body.hours), authorisedBy: text(body.authorisedBy), reason: text(body.reason), note: text(body.note) },
      handedOverAt: dateTimeValues(body, 'handedOverAt'),
      authorisedAt: dateTimeValues(body, 'authorisedAt'),
      outcomeAt: dateTimeValues(body, 'outcomeAt'),
      ...errors,
      backLink: `/people/${id}/legal`,
    },
    status,
  );
}

// Runs one later step; on a problem the record page is shown again with it, linked to its field.
async function step(context: RequestContext, moments: Record<string, string>, write: (values: Record<string, string>) => Promise<void>) {
  const id = personIdParam(context);
  const recordId = recordIdOf(context);
  const reading = readMoments(context.body, moments);
  const focus = Object.fromEntries(Object.keys(moments).map((name) => [name, reading.focus[name] ?? `${name}-day`]));
  if (reading.problems.length > 0) return showRecord(context, formErrors(reading.problems, focus), 400, context.body);
  try {
    await write(reading.values);
  } catch (error) {
    if (error instanceof InvalidInput) return showRecord(context, formErrors(error.problems, focus), 400, context.body);
    if (error instanceof StaleRecord) return showRecord(context, formErrors([{ field: 'version', message: 'The record changed since you opened it: check and record again' }]), 409, context.body);
    throw error;
  }
  return context.redirect(`/people/${id}/place-of-safety/${recordId}`);
}

export const placeOfSafetyRoutes: Route[] = [
  { method: 'GET', url: '/people/:personId/place-of-safety/new', access: 'person.write', person: change, purpose, handler: (context) => showNew(context, {}) },
  { method: 'POST', url: '/people/:personId/place-of-safety/new', access: 'person.write', person: change, purpose, handler: submitNew },
  { method: 'GET', url: '/people/:personId/place-of-safety/:recordId', access: 'person.read', person: read, purpose: 'Reading a removal to a place of safety under s136', handler: (context) => showRecord(context) },
  {
    method: 'POST',
    url: '/people/:personId/place-of-safety/:recordId/handover',
    access: 'person.write',
    person: change,
    purpose,
    handler: (context) =>
      step(context, { handedOverAt: 'Date and time of handover' }, (values) => recordHandover(context.app(), personIdParam(context), recordIdOf(context), { handedOverAt: values.handedOverAt!, handedOverTo: text(context.body.handedOverTo) })),
  },
  {
    method: 'POST',
    url: '/people/:personId/place-of-safety/:recordId/extension',
    access: 'person.write',
    person: change,
    purpose,
    handler: (context) =>
      step(context, { authorisedAt: 'Date and time the extension was authorised' }, (values) =>
        recordExtension(context.app(), personIdParam(context), recordIdOf(context), expectedVersion(context), {
          hours: /^\d+$/.test(text(context.body.hours).trim()) ? Number(text(context.body.hours).trim()) : NaN,
          authorisedAt: values.authorisedAt!,
          authorisedBy: text(context.body.authorisedBy),
          reason: text(context.body.reason),
        }),
      ),
  },
  {
    method: 'POST',
    url: '/people/:personId/place-of-safety/:recordId/outcome',
    access: 'person.write',
    person: change,
    purpose,
    handler: (context) =>
      step(context, { outcomeAt: 'Date and time of the outcome' }, (values) =>
        recordOutcome(context.app(), personIdParam(context), recordIdOf(context), expectedVersion(context), { outcome: text(context.body.outcome) as AssessmentOutcome, outcomeAt: values.outcomeAt!, note: text(context.body.note) }),
      ),
  },
];
