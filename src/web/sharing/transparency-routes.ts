import { accessReport, type AccessReport } from '../../app/sharing/access-report.ts';
import { InvalidInput, type FieldProblem } from '../../app/errors.ts';
import { accessReportJson, subjectAccessExport } from '../../app/sharing/subject-access.ts';
import type { ReportPeriod } from '../../domain/sharing/transparency.ts';
import { dateInputFocus, dateInputItems, readDateInput, type DateInputReading } from '../admin/date-input.ts';
import { londonTimeZone, todayInLondon } from '../core/dates.ts';
import { formErrors, noErrors, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { personIdParam } from '../people/record-params.ts';
import { accessReportModel, subjectAccessModel } from './transparency-presenter.ts';

// Transparency for the person: a printable report of who has looked at their record (for the whole
// history or a period of days they choose), and subject access (UK GDPR Article 15): everything held,
// as a printable document and as a JSON download. Produced by the staff who oversee the use of records.

const need = { category: 'identity', oversight: true } as const;

const periodFields = ['from', 'to'] as const;
type PeriodField = (typeof periodFields)[number];

interface PeriodForm {
  readings: Record<PeriodField, DateInputReading>;
  problems: FieldProblem[];
  period: ReportPeriod;
}

// London days: from the start of the first day to the end of the last, both included.
function startOfLondonDay(date: Temporal.PlainDate): Temporal.Instant {
  return date.toZonedDateTime({ timeZone: londonTimeZone }).toInstant();
}

export function readPeriodForm(query: Record<string, unknown>, today: Temporal.PlainDate): PeriodForm {
  const readings = {
    from: readDateInput(query, { field: 'from', label: 'Start date', required: false }),
    to: readDateInput(query, { field: 'to', label: 'End date', required: false }),
  };
  const problems = periodFields.flatMap((field) => (readings[field].problem ? [readings[field].problem!] : []));
  const from = readings.from.isoDate === null ? null : Temporal.PlainDate.from(readings.from.isoDate);
  const to = readings.to.isoDate === null ? null : Temporal.PlainDate.from(readings.to.isoDate);
  if (from !== null && Temporal.PlainDate.compare(from, today) > 0) problems.push({ field: 'from', message: 'Start date must be today or in the past' });
  if (from !== null && to !== null && Temporal.PlainDate.compare(to, from) < 0) problems.push({ field: 'to', message: 'End date must be the same as or after the start date' });
  return {
    readings,
    problems,
    period: { from: from === null ? null : startOfLondonDay(from), to: to === null ? null : startOfLondonDay(to.add({ days: 1 })) },
  };
}

function showReport(context: RequestContext, personId: string, form: PeriodForm, report: AccessReport | null, errors: FormErrors = noErrors, status = 200) {
  const model = report ? accessReportModel(accessReportJson(report)) : null;
  return context.render(
    'pages/sharing/access-report.njk',
    {
      title: report ? `Who has looked at your record: ${report.personName}` : 'Who has looked at your record',
      personId,
      report: model,
      sections: model,
      fromItems: dateInputItems(form.readings.from),
      toItems: dateInputItems(form.readings.to),
      ...errors,
      backLink: `/people/${personId}`,
    },
    status,
  );
}

function problemsPage(context: RequestContext, personId: string, form: PeriodForm, problems: FieldProblem[]) {
  const readings = { ...form.readings };
  for (const problem of problems) {
    const field = problem.field as PeriodField;
    if (periodFields.includes(field) && readings[field].partsInError.length === 0) readings[field] = { ...readings[field], partsInError: ['day', 'month', 'year'] };
  }
  const focus = Object.fromEntries(periodFields.map((field) => [field, dateInputFocus(field, readings[field])]));
  return showReport(context, personId, { ...form, readings }, null, formErrors(problems, focus), 400);
}

export const transparencyRoutes: Route[] = [
  {
    method: 'GET',
    url: '/people/:personId/access-report',
    access: 'person.access-history',
    person: need,
    purpose: 'Producing a report for a person of who has used their record',
    handler: async (context) => {
      const id = personIdParam(context);
      const form = readPeriodForm(context.query, todayInLondon(context.services.now()));
      if (form.problems.length > 0) return problemsPage(context, id, form, form.problems);
      try {
        return showReport(context, id, form, await accessReport(context.app(), id, form.period));
      } catch (error) {
        if (error instanceof InvalidInput) return problemsPage(context, id, form, error.problems);
        throw error;
      }
    },
  },
  {
    method: 'GET',
    url: '/people/:personId/subject-access',
    access: 'person.access-history',
    person: need,
    purpose: 'Answering a subject access request',
    handler: async (context) => {
      const id = personIdParam(context);
      const held = await subjectAccessExport(context.app(), id, 'document');
      const model = subjectAccessModel(held);
      return context.render('pages/sharing/subject-access.njk', {
        title: `Everything Accord holds about ${held.person.name}`,
        personId: id,
        document: model,
        sections: model,
        backLink: `/people/${id}`,
      });
    },
  },
  {
    method: 'GET',
    url: '/people/:personId/subject-access.json',
    access: 'person.access-history',
    person: need,
    purpose: 'Answering a subject access request',
    handler: async (context) => {
      const id = personIdParam(context);
      const held = await subjectAccessExport(context.app(), id, 'json');
      const day = todayInLondon(Temporal.Instant.from(held.generatedAt));
      return context.reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="subject-access-${id}-${day.toString()}.json"`)
        .send(`${JSON.stringify(held, null, 2)}\n`);
    },
  },
];
