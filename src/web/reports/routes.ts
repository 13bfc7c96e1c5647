import { toCsv } from '../../app/deadlines/csv.ts';
import { InvalidInput, type FieldProblem } from '../../app/errors.ts';
import { mentalHealthActReport, type MentalHealthActReport } from '../../app/reports/mental-health-act-report.ts';
import { dateInputFocus, dateInputItems, readDateInput, type DateInputReading } from '../admin/date-input.ts';
import { todayInLondon } from '../core/dates.ts';
import { formErrors, noErrors, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { reportCsvHeader, reportCsvRows, reportSections } from './report-presenter.ts';

// The Mental Health Act report for the signed-in user's agency, for a period they choose: a page with
// charts and tables, and the same numbers as CSV. Both take the period as GOV.UK date inputs in the
// query string (from-day, from-month, from-year, to-day, to-month, to-year).

const fields = ['from', 'to'] as const;

interface PeriodForm {
  readings: Record<(typeof fields)[number], DateInputReading>;
  problems: FieldProblem[];
}

// The last full calendar month: what a monthly return is about.
function lastFullMonth(today: Temporal.PlainDate): { from: Temporal.PlainDate; to: Temporal.PlainDate } {
  const from = today.toPlainYearMonth().subtract({ months: 1 }).toPlainDate({ day: 1 });
  return { from, to: from.add({ months: 1 }).subtract({ days: 1 }) };
}

function boxesFor(date: Temporal.PlainDate) {
  return { day: String(date.day), month: String(date.month), year: String(date.year) };
}

function readPeriod(context: RequestContext): PeriodForm {
  const query = context.query;
  // Opened without a period (not submitted with empty boxes, which is a problem to point out).
  const opened = fields.every((field) => ['day', 'month', 'year'].every((part) => query[`${field}-${part}`] === undefined));
  const source: Record<string, unknown> = { ...query };
  if (opened) {
    const period = lastFullMonth(todayInLondon(context.services.now()));
    for (const [field, date] of [['from', period.from], ['to', period.to]] as const) {
      for (const [part, value] of Object.entries(boxesFor(date))) source[`${field}-${part}`] = value;
    }
  }
  const readings = {
    from: readDateInput(source, { field: 'from', label: 'Start date', required: true }),
    to: readDateInput(source, { field: 'to', label: 'End date', required: true }),
  };
  return { readings, problems: fields.flatMap((field) => (readings[field].problem ? [readings[field].problem!] : [])) };
}

function csvLink(form: PeriodForm): string {
  const query = new URLSearchParams();
  for (const field of fields) {
    for (const [part, value] of Object.entries(form.readings[field].values)) query.set(`${field}-${part}`, value);
  }
  return `/reports.csv?${query.toString()}`;
}

async function produce(context: RequestContext, form: PeriodForm): Promise<MentalHealthActReport> {
  if (form.problems.length > 0) throw new InvalidInput(form.problems);
  const app = context.app();
  return mentalHealthActReport(app, { agencyId: app.actor.agencyId ?? '', from: form.readings.from.isoDate!, to: form.readings.to.isoDate! });
}

function showPage(context: RequestContext, form: PeriodForm, report: MentalHealthActReport | null, errors: FormErrors = noErrors, status = 200) {
  return context.render(
    'pages/reports/report.njk',
    {
      title: 'Mental Health Act report',
      fromItems: dateInputItems(form.readings.from),
      toItems: dateInputItems(form.readings.to),
      report,
      sections: report ? reportSections(report) : [],
      csvLink: csvLink(form),
      ...errors,
    },
    status,
  );
}

// A problem with the period as a whole (from the application: the end before the start, too long, in
// the future) marks all the boxes of the date it names.
function problemsPage(context: RequestContext, form: PeriodForm, problems: FieldProblem[]) {
  const readings = { ...form.readings };
  for (const problem of problems) {
    const field = problem.field as (typeof fields)[number];
    if (fields.includes(field) && readings[field].partsInError.length === 0) readings[field] = { ...readings[field], partsInError: ['day', 'month', 'year'] };
  }
  const marked = { ...form, readings };
  const focus = Object.fromEntries(fields.map((field) => [field, dateInputFocus(field, readings[field])]));
  return showPage(context, marked, null, formErrors(problems, focus), 400);
}

export const reportRoutes: Route[] = [
  {
    method: 'GET',
    url: '/reports',
    access: 'reports.read',
    purpose: 'Produced the agency’s Mental Health Act report',
    async handler(context) {
      const form = readPeriod(context);
      try {
        return showPage(context, form, await produce(context, form));
      } catch (error) {
        if (error instanceof InvalidInput) return problemsPage(context, form, error.problems);
        throw error;
      }
    },
  },
  {
    method: 'GET',
    url: '/reports.csv',
    access: 'reports.read',
    purpose: 'Downloaded the agency’s Mental Health Act report as CSV',
    async handler(context) {
      const form = readPeriod(context);
      let report: MentalHealthActReport;
      try {
        report = await produce(context, form);
      } catch (error) {
        if (error instanceof InvalidInput) return problemsPage(context, form, error.problems);
        throw error;
      }
      return context.reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="mental-health-act-report-${report.from}-to-${report.to}.csv"`)
        .send(toCsv(reportCsvHeader, reportCsvRows(report)));
    },
  },
];
