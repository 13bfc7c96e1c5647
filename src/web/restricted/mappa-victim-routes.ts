import { InvalidInput, type FieldProblem } from '../../app/errors.ts';
import { mappaChoices, recordArrangement, recordMeeting, viewMappa, viewMeeting, type MappaChoices } from '../../app/restricted/mappa.ts';
import { recordRepresentation, recordVictimContact, recordVictimTold, requireVictimRecorder, viewVictims } from '../../app/restricted/victims.ts';
import { todayInLondon } from '../../domain/london-time.ts';
import { mappaCategories, mappaLevels, recordsMappa, validateArrangement, validateMeeting, type MappaCategory, type MappaLevel } from '../../domain/restricted/mappa.ts';
import { victimProvisions } from '../../domain/restricted/victims.ts';
import type { PersonNeed } from '../../domain/sharing/person-access.ts';
import { dateInputFocus, dateInputItems, emptyDateInput, readDateInput, type DateInputReading } from '../admin/date-input.ts';
import { formatDate, formatDateTime } from '../core/dates.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { personIdParam } from '../people/record-params.ts';

// MAPPA (arrangement, history, meetings and minutes) and victims (the liaison contact, representations,
// what the victim was told, and the discharge conditions that concern them) for a restricted patient.
// The route declares the record category; the application layer adds the MAPPA membership rule and the
// recorder roles. Pages about victims never put the officer's details in a title or caption.

const mappaRead: PersonNeed = { category: 'risk-to-others' };
const mappaChange: PersonNeed = { category: 'risk-to-others', change: true };
const victimRead: PersonNeed = { category: 'victim-information' };
const victimChange: PersonNeed = { category: 'victim-information', change: true };

const actionRows = 5;

async function personName(context: RequestContext, personId: string): Promise<string> {
  const person = await context.services.db.selectFrom('people').select(['given_names', 'family_name']).where('id', '=', personId).executeTakeFirst();
  return person ? `${person.given_names} ${person.family_name}`.trim() : '';
}

function mappaBase(personId: string): string {
  return `/people/${personId}/restricted/mappa`;
}

function victimsBase(personId: string): string {
  return `/people/${personId}/restricted/victims`;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}

// A date box's own problem replaces the domain's "enter the date" for the same field.
function withDate(problems: FieldProblem[], field: string, reading: DateInputReading): FieldProblem[] {
  return reading.problem ? [reading.problem, ...problems.filter((problem) => problem.field !== field)] : problems;
}

// ---- MAPPA ----

async function showMappa(context: RequestContext) {
  const personId = personIdParam(context);
  const view = await viewMappa(context.app(), personId);
  const name = await personName(context, personId);
  const current = view.current;
  return context.render('pages/restricted/mappa/index.njk', {
    title: `MAPPA: ${name}`,
    personName: name,
    personId,
    base: mappaBase(personId),
    restricted: view.restricted,
    sight: view.sight,
    mayRecord: view.mayRecord,
    current: current && {
      rows: [
        { key: { text: 'Category' }, value: { text: `${mappaCategories[current.category].label} (${mappaCategories[current.category].provision})` } },
        { key: { text: 'Level' }, value: { text: mappaLevels[current.level] } },
        { key: { text: 'Lead agency' }, value: { text: current.leadAgencyName } },
        { key: { text: 'Recorded' }, value: { text: `${formatDateTime(current.recordedAt)} by ${current.recordedBy}, ${current.recordedByAgency}` } },
      ],
    },
    historyRows: view.history.map((version) => [
      { text: String(version.version) },
      { text: formatDateTime(version.recordedAt) },
      { text: `Category ${version.category}, level ${version.level}, lead ${version.leadAgencyName}` },
      { text: version.change ?? 'First recorded' },
      { text: version.reason },
      { text: `${version.recordedBy}, ${version.recordedByAgency}` },
    ]),
    meetingRows: view.meetings.map((meeting) => [
      { html: `<a class="govuk-link" href="${mappaBase(personId)}/meetings/${meeting.id}">${formatDate(meeting.heldOn)}</a>` },
      { text: `Level ${meeting.level}` },
      { text: meeting.attendingAgencies.map((agency) => agency.name).join(', ') },
      { text: `${meeting.recordedBy}, ${meeting.recordedByAgency}` },
    ]),
    backLink: `/people/${personId}`,
  });
}

interface ArrangementValues {
  category: string;
  level: string;
  leadAgencyId: string;
  reason: string;
}

function showArrangementForm(context: RequestContext, personId: string, name: string, choices: MappaChoices, values: ArrangementValues, errors: FormErrors = noErrors, status = 200) {
  return context.render(
    'pages/restricted/mappa/arrangement.njk',
    {
      title: `${choices.current ? 'Change' : 'Record'} the MAPPA arrangement: ${name}`,
      personName: name,
      personId,
      action: `${mappaBase(personId)}/arrangement`,
      changing: choices.current !== null,
      restricted: choices.restricted,
      mayRecord: context.actor?.kind === 'system' || recordsMappa(context.actor?.role ?? null),
      categoryItems: Object.entries(mappaCategories).map(([value, category]) => ({ value, text: category.label, hint: { text: category.provision }, checked: values.category === value })),
      levelItems: Object.entries(mappaLevels).map(([value, label]) => ({ value, text: label, checked: values.level === value })),
      agencyItems: [{ value: '', text: 'Select the lead agency' }, ...choices.agencies.map((agency) => ({ value: agency.id, text: agency.name, selected: values.leadAgencyId === agency.id }))],
      values,
      ...errors,
      backLink: mappaBase(personId),
    },
    status,
  );
}

async function arrangementForm(context: RequestContext) {
  const personId = personIdParam(context);
  const choices = await mappaChoices(context.app(), personId);
  const current = choices.current;
  const values = current
    ? { category: String(current.category), level: String(current.level), leadAgencyId: current.leadAgencyId, reason: '' }
    : { category: choices.restricted ? '2' : '', level: '', leadAgencyId: '', reason: '' };
  return showArrangementForm(context, personId, await personName(context, personId), choices, values);
}

async function submitArrangement(context: RequestContext) {
  const personId = personIdParam(context);
  const app = context.app();
  const choices = await mappaChoices(app, personId);
  const name = await personName(context, personId);
  const values = { category: text(context.body.category), level: text(context.body.level), leadAgencyId: text(context.body.leadAgencyId), reason: text(context.body.reason) };
  // The form is checked before the recorder's role, so that a wrong answer is shown as one.
  const checked = validateArrangement(values, {
    restricted: choices.restricted,
    agencyIds: new Set(choices.agencies.map((agency) => agency.id)),
    current: choices.current && { category: choices.current.category, level: choices.current.level, leadAgencyId: choices.current.leadAgencyId },
  });
  if (!checked.ok) return showArrangementForm(context, personId, name, choices, values, formErrors(checked.problems, { category: 'category', level: 'level' }), 400);
  try {
    await recordArrangement(app, personId, values);
  } catch (error) {
    if (error instanceof InvalidInput) return showArrangementForm(context, personId, name, choices, values, formErrors(error.problems), 400);
    throw error;
  }
  return context.redirect(mappaBase(personId));
}

interface MeetingValues {
  heldOn: Pick<DateInputReading, 'values' | 'partsInError'>;
  level: string;
  attendingAgencyIds: string[];
  minutes: string;
  actions: { action: string; owner: string }[];
}

function showMeetingForm(context: RequestContext, personId: string, name: string, choices: MappaChoices, values: MeetingValues, errors: FormErrors = noErrors, status = 200) {
  return context.render(
    'pages/restricted/mappa/meeting-new.njk',
    {
      title: `Record a MAPP meeting: ${name}`,
      personName: name,
      personId,
      action: `${mappaBase(personId)}/meetings/new`,
      base: mappaBase(personId),
      hasArrangement: choices.current !== null,
      category: choices.current?.category ?? null,
      mayRecord: context.actor?.kind === 'system' || recordsMappa(context.actor?.role ?? null),
      heldOnItems: dateInputItems(values.heldOn),
      levelItems: ([2, 3] as MappaLevel[]).map((level) => ({ value: String(level), text: mappaLevels[level], checked: values.level === String(level) })),
      agencyItems: choices.agencies.map((agency) => ({ value: agency.id, text: agency.name, checked: values.attendingAgencyIds.includes(agency.id) })),
      values,
      actions: values.actions.map((pair, index) => ({ ...pair, number: index + 1 })),
      ...errors,
      backLink: mappaBase(personId),
    },
    status,
  );
}

function emptyActions(): { action: string; owner: string }[] {
  return Array.from({ length: actionRows }, () => ({ action: '', owner: '' }));
}

async function meetingForm(context: RequestContext) {
  const personId = personIdParam(context);
  const choices = await mappaChoices(context.app(), personId);
  return showMeetingForm(context, personId, await personName(context, personId), choices, { heldOn: emptyDateInput(), level: choices.current && choices.current.level > 1 ? String(choices.current.level) : '', attendingAgencyIds: [], minutes: '', actions: emptyActions() });
}

async function submitMeeting(context: RequestContext) {
  const personId = personIdParam(context);
  const app = context.app();
  const choices = await mappaChoices(app, personId);
  const name = await personName(context, personId);
  const body = context.body;
  const heldOn = readDateInput(body, { field: 'heldOn', label: 'Date of the meeting', required: true });
  const values: MeetingValues = {
    heldOn,
    level: text(body.level),
    attendingAgencyIds: list(body.attendingAgencyIds),
    minutes: text(body.minutes),
    actions: Array.from({ length: actionRows }, (_, index) => ({ action: text(body[`action-${index + 1}`]), owner: text(body[`owner-${index + 1}`]) })),
  };
  const fieldIds = { heldOn: dateInputFocus('heldOn', heldOn), level: 'level', attendingAgencyIds: 'attendingAgencyIds' };
  if (choices.current === null) {
    return showMeetingForm(context, personId, name, choices, values, formErrors([{ field: 'arrangement', message: 'Record the MAPPA arrangement (category, level and lead agency) before recording its meetings' }], { arrangement: 'record-arrangement' }), 400);
  }
  const input = { heldOn: heldOn.isoDate ?? '', level: values.level, attendingAgencyIds: values.attendingAgencyIds, minutes: values.minutes, actions: values.actions };
  const checked = validateMeeting(input, { today: todayInLondon(context.services.now()), agencyIds: new Set(choices.agencies.map((agency) => agency.id)) });
  const problems = withDate(checked.ok ? [] : checked.problems, 'heldOn', heldOn);
  if (problems.length > 0) return showMeetingForm(context, personId, name, choices, values, formErrors(problems, fieldIds), 400);
  let meetingId: string;
  try {
    meetingId = await recordMeeting(app, personId, input);
  } catch (error) {
    if (error instanceof InvalidInput) return showMeetingForm(context, personId, name, choices, values, formErrors(error.problems, fieldIds), 400);
    throw error;
  }
  return context.redirect(`${mappaBase(personId)}/meetings/${meetingId}`);
}

async function showMeeting(context: RequestContext) {
  const personId = personIdParam(context);
  const meeting = await viewMeeting(context.app(), personId, context.params.meetingId ?? '');
  const name = await personName(context, personId);
  return context.render('pages/restricted/mappa/meeting.njk', {
    title: `MAPP meeting on ${formatDate(meeting.heldOn)}: ${name}`,
    personName: name,
    heldOn: formatDate(meeting.heldOn),
    rows: [
      { key: { text: 'Date' }, value: { text: formatDate(meeting.heldOn) } },
      { key: { text: 'Category and level' }, value: { text: `Category ${meeting.category} (${mappaCategories[meeting.category as MappaCategory].provision}), ${mappaLevels[meeting.level]}` } },
      { key: { text: 'Attending agencies' }, value: { text: meeting.attendingAgencies.map((agency) => agency.name).join(', ') } },
      { key: { text: 'Recorded' }, value: { text: `${formatDateTime(meeting.recordedAt)} by ${meeting.recordedBy}, ${meeting.recordedByAgency}` } },
    ],
    minutes: meeting.minutes,
    actionRows: meeting.actions.map((item) => [{ text: item.action }, { text: item.owner }]),
    backLink: mappaBase(personId),
  });
}

// ---- Victims ----

async function showVictims(context: RequestContext) {
  const personId = personIdParam(context);
  const view = await viewVictims(context.app(), personId);
  const name = await personName(context, personId);
  const contact = view.contact;
  return context.render('pages/restricted/victims/index.njk', {
    title: `Victims: ${name}`,
    personName: name,
    base: victimsBase(personId),
    provisions: victimProvisions,
    mayRecord: view.mayRecord,
    contact: contact && {
      rows: [
        { key: { text: 'Victim liaison officer' }, value: { text: contact.officerName } },
        { key: { text: 'Probation area or agency' }, value: { text: contact.officerAgency } },
        { key: { text: 'Phone' }, value: { text: contact.officerPhone ?? 'Not given' } },
        { key: { text: 'Email' }, value: { text: contact.officerEmail ?? 'Not given' } },
        { key: { text: 'Victim contact scheme' }, value: { text: contact.optedIn ? 'The victim opted in' : 'The victim did not opt in' } },
        { key: { text: 'Recorded' }, value: { text: `${formatDateTime(contact.recordedAt)} by ${contact.recordedBy}` } },
      ],
    },
    earlierContactRows: view.earlierContacts.map((item) => [{ text: item.officerName }, { text: item.officerAgency }, { text: item.optedIn ? 'Opted in' : 'Not opted in' }, { text: `${formatDateTime(item.recordedAt)} by ${item.recordedBy}` }]),
    conditionRows: view.conditions.map((condition) => [{ text: condition.label }, { text: condition.text }, { text: `${formatDateTime(condition.setAt)} by ${condition.setBy}` }]),
    representationRows: view.representations.map((item) => [{ text: formatDate(item.madeOn) }, { text: item.representation }, { text: item.recordedBy }]),
    toldRows: view.told.map((item) => [{ text: formatDate(item.toldOn) }, { text: item.what }, { text: item.toldBy }]),
    backLink: `/people/${personId}`,
  });
}

interface ContactValues {
  officerName: string;
  officerAgency: string;
  officerPhone: string;
  officerEmail: string;
  optedIn: string;
}

async function showContactForm(context: RequestContext, values: ContactValues, errors: FormErrors = noErrors, status = 200) {
  const personId = personIdParam(context);
  await requireVictimRecorder(context.app(), personId);
  const name = await personName(context, personId);
  return context.render(
    'pages/restricted/victims/contact.njk',
    {
      title: `Victim liaison contact: ${name}`,
      personName: name,
      action: `${victimsBase(personId)}/contact`,
      values,
      optedInItems: [
        { value: 'yes', text: 'Yes', checked: values.optedIn === 'yes' },
        { value: 'no', text: 'No', checked: values.optedIn === 'no' },
      ],
      ...errors,
      backLink: victimsBase(personId),
    },
    status,
  );
}

async function submitContact(context: RequestContext) {
  const personId = personIdParam(context);
  const body = context.body;
  const values = { officerName: text(body.officerName), officerAgency: text(body.officerAgency), officerPhone: text(body.officerPhone), officerEmail: text(body.officerEmail), optedIn: text(body.optedIn) };
  try {
    await recordVictimContact(context.app(), personId, values);
  } catch (error) {
    if (error instanceof InvalidInput) return showContactForm(context, values, formErrors(error.problems), 400);
    throw error;
  }
  return context.redirect(victimsBase(personId));
}

interface DatedValues {
  date: Pick<DateInputReading, 'values' | 'partsInError'>;
  fields: Record<string, string>;
}

const datedForms = {
  told: {
    template: 'pages/restricted/victims/told-new.njk',
    heading: 'Record what the victim was told',
    dateField: 'toldOn',
    dateLabel: 'Date the victim was told',
    fields: ['what', 'toldBy'],
  },
  representations: {
    template: 'pages/restricted/victims/representation-new.njk',
    heading: 'Record the victim’s representations about conditions',
    dateField: 'madeOn',
    dateLabel: 'Date the representations were made',
    fields: ['representation'],
  },
} as const;

type DatedForm = keyof typeof datedForms;

async function showDatedForm(context: RequestContext, kind: DatedForm, values: DatedValues, errors: FormErrors = noErrors, status = 200) {
  const personId = personIdParam(context);
  await requireVictimRecorder(context.app(), personId);
  const form = datedForms[kind];
  const name = await personName(context, personId);
  return context.render(
    form.template,
    {
      title: `${form.heading}: ${name}`,
      heading: form.heading,
      personName: name,
      action: `${victimsBase(personId)}/${kind}/new`,
      provisions: victimProvisions,
      dateItems: dateInputItems(values.date),
      values: values.fields,
      ...errors,
      backLink: victimsBase(personId),
    },
    status,
  );
}

function emptyDated(kind: DatedForm): DatedValues {
  return { date: emptyDateInput(), fields: Object.fromEntries(datedForms[kind].fields.map((field) => [field, ''])) };
}

async function submitDated(context: RequestContext, kind: DatedForm) {
  const personId = personIdParam(context);
  const form = datedForms[kind];
  const date = readDateInput(context.body, { field: form.dateField, label: form.dateLabel, required: true });
  const fields = Object.fromEntries(form.fields.map((field) => [field, text(context.body[field])]));
  const values = { date, fields };
  const fieldIds = { [form.dateField]: dateInputFocus(form.dateField, date) };
  try {
    if (kind === 'told') await recordVictimTold(context.app(), personId, { toldOn: date.isoDate ?? '', what: fields.what, toldBy: fields.toldBy });
    else await recordRepresentation(context.app(), personId, { madeOn: date.isoDate ?? '', representation: fields.representation });
  } catch (error) {
    if (error instanceof InvalidInput) return showDatedForm(context, kind, values, formErrors(withDate(error.problems, form.dateField, date), fieldIds), 400);
    throw error;
  }
  if (date.problem) return showDatedForm(context, kind, values, formErrors([date.problem], fieldIds), 400);
  return context.redirect(victimsBase(personId));
}

const mappaPurpose = 'Managing the risk a person poses to others under MAPPA';
const victimPurpose = 'Keeping the victim liaison contact and what victims are told';

export const mappaVictimRoutes: Route[] = [
  { method: 'GET', url: '/people/:personId/restricted/mappa', access: 'person.read', person: mappaRead, purpose: 'Reading MAPPA information', handler: showMappa },
  { method: 'GET', url: '/people/:personId/restricted/mappa/arrangement', access: 'person.write', person: mappaChange, purpose: mappaPurpose, handler: arrangementForm },
  { method: 'POST', url: '/people/:personId/restricted/mappa/arrangement', access: 'person.write', person: mappaChange, purpose: mappaPurpose, handler: submitArrangement },
  { method: 'GET', url: '/people/:personId/restricted/mappa/meetings/new', access: 'person.write', person: mappaChange, purpose: mappaPurpose, handler: meetingForm },
  { method: 'POST', url: '/people/:personId/restricted/mappa/meetings/new', access: 'person.write', person: mappaChange, purpose: mappaPurpose, handler: submitMeeting },
  { method: 'GET', url: '/people/:personId/restricted/mappa/meetings/:meetingId', access: 'person.read', person: mappaRead, purpose: 'Reading the minutes of a MAPP meeting', handler: showMeeting },
  { method: 'GET', url: '/people/:personId/restricted/victims', access: 'person.read', person: victimRead, purpose: 'Reading victim information', handler: showVictims },
  { method: 'GET', url: '/people/:personId/restricted/victims/contact', access: 'person.write', person: victimChange, purpose: victimPurpose, handler: (context) => showContactForm(context, { officerName: '', officerAgency: '', officerPhone: '', officerEmail: '', optedIn: '' }) },
  { method: 'POST', url: '/people/:personId/restricted/victims/contact', access: 'person.write', person: victimChange, purpose: victimPurpose, handler: submitContact },
  { method: 'GET', url: '/people/:personId/restricted/victims/told/new', access: 'person.write', person: victimChange, purpose: victimPurpose, handler: (context) => showDatedForm(context, 'told', emptyDated('told')) },
  { method: 'POST', url: '/people/:personId/restricted/victims/told/new', access: 'person.write', person: victimChange, purpose: victimPurpose, handler: (context) => submitDated(context, 'told') },
  { method: 'GET', url: '/people/:personId/restricted/victims/representations/new', access: 'person.write', person: victimChange, purpose: victimPurpose, handler: (context) => showDatedForm(context, 'representations', emptyDated('representations')) },
  { method: 'POST', url: '/people/:personId/restricted/victims/representations/new', access: 'person.write', person: victimChange, purpose: victimPurpose, handler: (context) => submitDated(context, 'representations') },
];
