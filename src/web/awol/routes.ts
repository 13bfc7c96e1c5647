import { InvalidInput, NotFound, StaleRecord } from '../../app/errors.ts';
import { policeForces, recordAwolReturn, reportAwol, viewAwolReport } from '../../app/awol/awol-report.ts';
import { viewPerson } from '../../app/people/view-person.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { displayName } from '../../domain/people/person.ts';
import type { PersonNeed } from '../../domain/sharing/person-access.ts';
import { dateTimeValues, isDateTimeProblem, readDateTime } from '../core/date-time-input.ts';
import { formatDateTime, isoDateTime } from '../core/dates.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { expectedVersion, personIdParam } from '../people/record-params.ts';

// A hospital reports a patient absent without leave to a police force, and the force reads the report with
// the law engine's answer on whether, and until when, the patient may be taken into custody and returned
// under s18.

const change: PersonNeed = { category: 'legal-status', change: true };
const purpose = 'Reporting a patient absent without leave to the police';

function reportIdOf(context: RequestContext): string {
  const id = context.params.reportId ?? '';
  if (!isUuid(id)) throw new NotFound('The report of absence without leave');
  return id;
}

async function showNew(context: RequestContext, body: Record<string, unknown>, errors: FormErrors = noErrors, status = 200, version?: number) {
  const id = personIdParam(context);
  const app = context.app();
  const view = await viewPerson(app, id, 'Opened the form to report a patient absent without leave');
  const forces = await policeForces(app);
  return context.render(
    'pages/awol/new.njk',
    {
      title: `Report absence without leave: ${displayName(view.state.details)}`,
      personId: id,
      personName: displayName(view.state.details),
      version: version ?? view.state.version,
      missingSince: dateTimeValues(body, 'missingSince'),
      forceItems: forces.map((force) => ({ value: force.id, text: force.name, checked: body.policeAgencyId === force.id })),
      values: { risk: text(body.risk), request: text(body.request) },
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
  const missing = readDateTime(body, 'missingSince', 'Date and time the patient went missing');
  if (isDateTimeProblem(missing)) return showNew(context, body, formErrors([missing.problem], { missingSince: missing.focusId }), 400, version);
  try {
    const reportId = await reportAwol(context.app(), id, version, { policeAgencyId: text(body.policeAgencyId), missingSince: missing.value, risk: text(body.risk), request: text(body.request) });
    return context.redirect(`/people/${id}/awol/${reportId}`);
  } catch (error) {
    if (error instanceof InvalidInput) return showNew(context, body, formErrors(error.problems, { missingSince: 'missingSince-day', event: 'missingSince-day' }), 400, version);
    if (error instanceof StaleRecord) return showNew(context, body, formErrors([{ field: 'version', message: 'The record changed since you opened it: check and report again' }]), 409);
    throw error;
  }
}

async function showReport(context: RequestContext, errors: FormErrors = noErrors, status = 200, body: Record<string, unknown> = {}) {
  const id = personIdParam(context);
  const reportId = reportIdOf(context);
  const app = context.app();
  const view = await viewAwolReport(app, id, reportId);
  const personView = await viewPerson(app, id, 'Opened a report of absence without leave');
  const { report, position } = view;
  const retaking = position.output.deadlines.find((deadline) => deadline.kind === 'awol-retaking-ends');
  const engineStatus = position.output.status;
  const legalPosition = !engineStatus.awol
    ? 'The law engine does not show the patient as absent without leave now.'
    : retaking
      ? `Absent without leave. The patient may be taken into custody and returned under section 18 until ${formatDateTime(retaking.due)} (${retaking.provision}).`
      : `Absent without leave from detention under ${engineStatus.provision}. The law engine sets no end to retaking (for example, a restricted patient under section 41(3)(d)).`;
  return context.render(
    'pages/awol/report.njk',
    {
      title: `Absent without leave: ${displayName(personView.state.details)}`,
      personId: id,
      personName: displayName(personView.state.details),
      reportId,
      version: view.version,
      legalPosition,
      retakingExact: retaking && isoDateTime(retaking.due),
      report: {
        missingSince: formatDateTime(report.missing_since),
        hospital: report.hospital_agency_name,
        police: report.police_agency_name,
        risk: report.risk,
        request: report.request,
        reportedBy: `${report.reported_by_label}, ${formatDateTime(report.reported_at)}`,
        returnedAt: report.returned_at && formatDateTime(report.returned_at),
      },
      returnedAt: dateTimeValues(body, 'returnedAt'),
      ...errors,
      backLink: `/people/${id}/legal`,
    },
    status,
  );
}

async function submitReturn(context: RequestContext) {
  const id = personIdParam(context);
  const reportId = reportIdOf(context);
  const returned = readDateTime(context.body, 'returnedAt', 'Date and time of return');
  if (isDateTimeProblem(returned)) return showReport(context, formErrors([returned.problem], { returnedAt: returned.focusId }), 400, context.body);
  try {
    await recordAwolReturn(context.app(), id, reportId, expectedVersion(context), returned.value);
  } catch (error) {
    if (error instanceof InvalidInput) return showReport(context, formErrors(error.problems, { returnedAt: 'returnedAt-day', event: 'returnedAt-day' }), 400, context.body);
    if (error instanceof StaleRecord) return showReport(context, formErrors([{ field: 'version', message: 'The record changed since you opened it: check and record again' }]), 409, context.body);
    throw error;
  }
  return context.redirect(`/people/${id}/awol/${reportId}`);
}

export const awolRoutes: Route[] = [
  { method: 'GET', url: '/people/:personId/awol/new', access: 'person.write', person: change, purpose, handler: (context) => showNew(context, {}) },
  { method: 'POST', url: '/people/:personId/awol/new', access: 'person.write', person: change, purpose, handler: submitNew },
  { method: 'GET', url: '/people/:personId/awol/:reportId', access: 'person.read', person: { category: 'legal-status' }, purpose: 'Reading a report of absence without leave', handler: (context) => showReport(context) },
  { method: 'POST', url: '/people/:personId/awol/:reportId/returned', access: 'person.write', person: change, purpose, handler: submitReturn },
];
