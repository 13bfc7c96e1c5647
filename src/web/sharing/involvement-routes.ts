import { InvalidInput, NotFound, type FieldProblem } from '../../app/errors.ts';
import { viewPerson } from '../../app/people/view-person.ts';
import { actorMay } from '../../app/policy.ts';
import { involvementAgencies, involvementAgency, seesRecordNow } from '../../app/sharing/involvement-choices.ts';
import { endInvolvement, listInvolvements, recordInvolvement, type Involvement } from '../../app/sharing/involvements.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { displayName } from '../../domain/people/person.ts';
import { formatDateTime } from '../core/dates.ts';
import { dateTimeValues, dateTimeValuesOf, emptyDateTimeValues, isDateTimeProblem, readDateTime } from '../core/date-time-input.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { personIdParam as personId } from '../people/record-params.ts';

// Who is involved with a person (an agency, or one of its teams), from when, until when and why: the
// relationship that lets them see the person's record. Recording one is done in two steps without
// needing JavaScript: choose the agency, then (optionally) one of its teams, with the reason and dates.

const savedMessages: Record<string, string> = {
  recorded: 'The involvement is recorded.',
  ended: 'The involvement has ended.',
};

function who(involvement: Involvement): string {
  return [involvement.agencyName, involvement.teamName, involvement.userName].filter(Boolean).join(', ');
}

function involvementRow(involvement: Involvement) {
  return {
    id: involvement.id,
    who: who(involvement),
    reason: involvement.reason,
    startsAt: formatDateTime(involvement.startsAt),
    endsAt: involvement.endsAt ? formatDateTime(involvement.endsAt) : null,
    recordedBy: involvement.recordedBy,
    recordedAt: formatDateTime(involvement.recordedAt),
    endedBy: involvement.endedBy,
    endReason: involvement.endReason,
    current: involvement.current,
  };
}

async function personName(context: RequestContext, id: string, what: string): Promise<string> {
  // Reading the person's name is a read of their record, and audited as one.
  const view = await viewPerson(context.app(), id, what);
  return displayName(view.state.details);
}

interface InvolvementFormValues {
  teamId: string;
  reason: string;
  startsAt: ReturnType<typeof dateTimeValues>;
  endsAt: ReturnType<typeof dateTimeValues>;
}

async function showAgencyChoice(context: RequestContext, selected: string, errors: FormErrors = noErrors, status = 200) {
  const id = personId(context);
  const name = await personName(context, id, 'Opened the form to record an involvement');
  const agencies = await involvementAgencies(context.app(), id);
  return context.render(
    'pages/sharing/involvement-agency.njk',
    {
      title: `Record an involvement: ${name}`,
      personId: id,
      personName: name,
      agencyItems: [{ value: '', text: 'Choose an agency' }, ...agencies.map((agency) => ({ value: agency.id, text: `${agency.name} (${agency.kindLabel})`, selected: agency.id === selected }))],
      ...errors,
      backLink: `/people/${id}/involvements`,
    },
    status,
  );
}

async function showInvolvementForm(
  context: RequestContext,
  agencyId: string,
  values: InvolvementFormValues,
  extra: { errors?: FormErrors; focus?: Record<string, string> } = {},
  status = 200,
) {
  const id = personId(context);
  const name = await personName(context, id, 'Opened the form to record an involvement');
  const agency = await involvementAgency(context.app(), id, agencyId);
  return context.render(
    'pages/sharing/involvement-new.njk',
    {
      title: `Record an involvement: ${name}`,
      personId: id,
      personName: name,
      agency,
      teamItems: [
        { value: '', text: `The whole of ${agency.name}`, checked: values.teamId === '' },
        ...agency.teams.map((team) => ({ value: team.id, text: team.name, checked: team.id === values.teamId })),
      ],
      values,
      focus: extra.focus ?? {},
      ...(extra.errors ?? noErrors),
      backLink: `/people/${id}/involvements/new`,
    },
    status,
  );
}

function endBoxesEmpty(body: Record<string, unknown>): boolean {
  const values = dateTimeValues(body, 'endsAt');
  return values.day === '' && values.month === '' && values.year === '' && values.time === '';
}

async function findCurrentInvolvement(context: RequestContext, id: string): Promise<Involvement> {
  const involvementId = context.params.involvementId ?? '';
  if (!isUuid(involvementId)) throw new NotFound('The involvement');
  const involvement = (await listInvolvements(context.app(), id)).find((item) => item.id === involvementId);
  if (!involvement) throw new NotFound('The involvement');
  return involvement;
}

async function showEndForm(context: RequestContext, values: { endReason: string }, errors: FormErrors = noErrors, status = 200) {
  const id = personId(context);
  const name = await personName(context, id, 'Opened an involvement to end it');
  const involvement = await findCurrentInvolvement(context, id);
  return context.render(
    'pages/sharing/involvement-end.njk',
    {
      title: `End an involvement: ${name}`,
      personId: id,
      personName: name,
      involvement: involvementRow(involvement),
      values,
      ...errors,
      backLink: `/people/${id}/involvements`,
    },
    status,
  );
}

export const involvementRoutes: Route[] = [
  {
    method: 'GET',
    url: '/people/:personId/involvements',
    access: 'person.read',
    person: { category: 'identity' },
    purpose: 'Seeing who is involved with a person',
    handler: async (context) => {
      const id = personId(context);
      const name = await personName(context, id, 'Viewed who is and was involved with the person');
      const involvements = (await listInvolvements(context.app(), id)).map(involvementRow);
      return context.render('pages/sharing/involvement-list.njk', {
        title: `Who is involved: ${name}`,
        personId: id,
        personName: name,
        current: involvements.filter((item) => item.current),
        past: involvements.filter((item) => !item.current),
        canWrite: actorMay(context.actor!, 'person.write'),
        saved: savedMessages[text(context.query.saved)] ?? null,
        backLink: `/people/${id}`,
      });
    },
  },
  {
    method: 'GET',
    url: '/people/:personId/involvements/new',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: 'Recording who is involved with a person',
    handler: async (context) => {
      // Step one chooses the agency (a form sent by GET); step two, with the agency chosen, the rest.
      if (!('agency' in context.query)) return showAgencyChoice(context, '');
      const agencyId = text(context.query.agency);
      if (!isUuid(agencyId)) return showAgencyChoice(context, '', formErrors([{ field: 'agency', message: 'Select the agency that is involved' }]), 400);
      return showInvolvementForm(context, agencyId, { teamId: '', reason: '', startsAt: dateTimeValuesOf(context.services.now()), endsAt: emptyDateTimeValues });
    },
  },
  {
    method: 'POST',
    url: '/people/:personId/involvements/new',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: 'Recording who is involved with a person',
    handler: async (context) => {
      const id = personId(context);
      const body = context.body;
      const agencyId = text(body.agencyId);
      if (!isUuid(agencyId)) return showAgencyChoice(context, '', formErrors([{ field: 'agency', message: 'Select the agency that is involved' }]), 400);
      const values: InvolvementFormValues = { teamId: text(body.teamId), reason: text(body.reason), startsAt: dateTimeValues(body, 'startsAt'), endsAt: dateTimeValues(body, 'endsAt') };
      const problems: FieldProblem[] = [];
      const focus: Record<string, string> = { teamId: 'teamId', startsAt: 'startsAt-day', endsAt: 'endsAt-day' };
      const start = readDateTime(body, 'startsAt', 'Start of the involvement');
      if (isDateTimeProblem(start)) {
        problems.push(start.problem);
        focus.startsAt = start.focusId;
      }
      const end = endBoxesEmpty(body) ? null : readDateTime(body, 'endsAt', 'End of the involvement');
      if (end && isDateTimeProblem(end)) {
        problems.push(end.problem);
        focus.endsAt = end.focusId;
      }
      if (isDateTimeProblem(start) || (end && isDateTimeProblem(end))) {
        // The reason is checked again when it is saved; said now too, so that every problem shows at once.
        if (values.reason.trim() === '') problems.unshift({ field: 'reason', message: 'Enter why they are involved' });
        return showInvolvementForm(context, agencyId, values, { errors: formErrors(problems, focus), focus }, 400);
      }
      try {
        await recordInvolvement(context.app(), id, {
          agencyId,
          teamId: values.teamId === '' ? null : values.teamId,
          userId: null,
          reason: values.reason,
          startsAt: Temporal.Instant.from(start.value),
          endsAt: end && !isDateTimeProblem(end) ? Temporal.Instant.from(end.value) : null,
        });
      } catch (error) {
        if (error instanceof InvalidInput) {
          if (error.problems.some((problem) => problem.field === 'agencyId')) {
            return showAgencyChoice(context, '', formErrors([{ field: 'agency', message: 'Select an agency on Accord' }]), 400);
          }
          return showInvolvementForm(context, agencyId, values, { errors: formErrors(error.problems, focus), focus }, 400);
        }
        throw error;
      }
      return context.redirect(`/people/${id}/involvements?saved=recorded`);
    },
  },
  {
    method: 'GET',
    url: '/people/:personId/involvements/:involvementId/end',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: 'Ending an involvement with a person',
    handler: async (context) => showEndForm(context, { endReason: '' }),
  },
  {
    method: 'POST',
    url: '/people/:personId/involvements/:involvementId/end',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: 'Ending an involvement with a person',
    handler: async (context) => {
      const id = personId(context);
      const values = { endReason: text(context.body.endReason) };
      try {
        await endInvolvement(context.app(), id, context.params.involvementId ?? '', values.endReason);
      } catch (error) {
        if (error instanceof InvalidInput) return showEndForm(context, values, formErrors(error.problems), 400);
        throw error;
      }
      // Ending their own agency's or team's involvement may end the user's own access to the record.
      if (await seesRecordNow(context.app(), id)) return context.redirect(`/people/${id}/involvements?saved=ended`);
      return context.render('pages/sharing/involvement-ended.njk', { title: 'The involvement has ended' });
    },
  },
];
