import { toCsv } from '../../app/deadlines/csv.ts';
import { callsPastTimer, declinedCalls, openCallsWithoutOwner } from '../../app/crisis/read-calls.ts';
import { whereDidTheyGo } from '../../app/crisis/monthly-report.ts';
import { InvalidInput, type FieldProblem } from '../../app/errors.ts';
import { lastFullMonth, type MonthlyReport } from '../../domain/crisis/monthly-report.ts';
import { formatDateTime } from '../core/dates.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { declinedDetail, gapRows, pastTimerDetail, reportCsvHeader, reportCsvRows, reportSections, responseRows } from './report-presenter.ts';

// The gap view (the calls nobody has in hand) and the monthly "where did they go" report on crisis calls
// (issue 7, item 6). The lists and the counts come from src/app/crisis/; these pages show them.

// The month asked for, or the last full month when the page is opened without one.
function monthAsked(context: RequestContext): string {
  return context.query.month === undefined ? lastFullMonth(context.services.now()).toString() : text(context.query.month);
}

function showReport(context: RequestContext, month: string, report: MonthlyReport | null, errors: FormErrors = noErrors, status = 200) {
  return context.render(
    'pages/crisis/report.njk',
    {
      title: 'Where did the calls go',
      month,
      report: report && { ...report, observedUntil: formatDateTime(context.services.now()) },
      sections: report ? reportSections(report) : [],
      responseRows: report ? responseRows(report) : [],
      csvLink: `/calls/report.csv?${new URLSearchParams({ month }).toString()}`,
      ...errors,
      backLink: '/calls',
    },
    status,
  );
}

async function produce(context: RequestContext, month: string): Promise<MonthlyReport | { problems: FieldProblem[] }> {
  try {
    return await whereDidTheyGo(context.app(), month);
  } catch (error) {
    if (error instanceof InvalidInput) return { problems: error.problems };
    throw error;
  }
}

export const crisisGapRoutes: Route[] = [
  {
    method: 'GET',
    url: '/calls/gaps',
    access: 'person.read',
    purpose: 'Reading the crisis calls nobody has in hand',
    handler: async (context) => {
      const app = context.app();
      const now = app.now();
      const [withoutOwner, declined, pastTimer] = [await openCallsWithoutOwner(app), await declinedCalls(app), await callsPastTimer(app)];
      return context.render('pages/crisis/gaps.njk', {
        title: 'Calls nobody has in hand',
        withoutOwner: gapRows(withoutOwner, now, (call) => (call.stage === 'declined' ? declinedDetail(call) : (call.handoffs.at(-1)?.serviceName ?? ''))),
        declined: gapRows(declined, now, declinedDetail),
        pastTimer: gapRows(pastTimer, now, (call) => pastTimerDetail(call, now)),
        backLink: '/calls',
      });
    },
  },
  {
    method: 'GET',
    url: '/calls/report',
    access: 'reports.read',
    purpose: 'Produced the monthly crisis calls report',
    handler: async (context) => {
      const month = monthAsked(context);
      const result = await produce(context, month);
      if ('problems' in result) return showReport(context, month, null, formErrors(result.problems), 400);
      return showReport(context, month, result);
    },
  },
  {
    method: 'GET',
    url: '/calls/report.csv',
    access: 'reports.read',
    purpose: 'Downloaded the monthly crisis calls report as CSV',
    handler: async (context) => {
      const month = monthAsked(context);
      const result = await produce(context, month);
      if ('problems' in result) return showReport(context, month, null, formErrors(result.problems), 400);
      return context.reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="crisis-calls-${result.month}.csv"`)
        .send(toCsv(reportCsvHeader, reportCsvRows(result)));
    },
  },
];
