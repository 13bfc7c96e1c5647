import { InvalidInput, PolicyDenied } from '../../app/errors.ts';
import { viewPerson } from '../../app/people/view-person.ts';
import { fileReport, nameSupervisor, refusalToNameSupervisors, reportOffers, supervisorChoices, viewReport, viewReports, type ReportOffer, type ScheduleRow } from '../../app/restricted/reports.ts';
import { roles } from '../../domain/organisation/roles.ts';
import { displayName } from '../../domain/people/person.ts';
import { isReportKind, occurrenceStatusLabels, recommendationsFor, supervisions, type ReportKind, type Supervision } from '../../domain/restricted/reports.ts';
import type { PersonNeed } from '../../domain/sharing/person-access.ts';
import { idParam } from '../admin/path-ids.ts';
import { formatDateTime } from '../core/dates.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { personIdParam } from '../people/record-params.ts';

// The statutory reports on a restricted patient: the schedule the law engine gives with the status of each
// date, the supervisors named, filing a report, one report in full, and naming the supervisors. The rules
// and the checks are in src/app/restricted/reports.ts; these pages read forms and show what it returns.

const read: PersonNeed = { category: 'legal-status' };
const change: PersonNeed = { category: 'legal-status', change: true };
const purpose = 'Statutory reports on a restricted patient';
const base = (personId: string) => `/people/${personId}/restricted/reports`;

function statusText(row: ScheduleRow): string {
  const due = formatDateTime(row.due);
  const escalated = row.escalation ? `; escalated ${formatDateTime(row.escalation.escalatedAt)} to ${row.escalation.escalatedTo}` : '';
  switch (row.status) {
    case 'due':
      return `Due ${due}`;
    case 'overdue':
      return `Overdue: was due ${due}; not yet escalated`;
    case 'escalated':
      return `Overdue: was due ${due}${escalated}`;
    case 'filed-on-time':
      return `Filed on ${formatDateTime(row.report!.filedAt)} by ${row.report!.filedBy}`;
    case 'filed-late':
      return `Filed late on ${formatDateTime(row.report!.filedAt)} by ${row.report!.filedBy} (was due ${due}${escalated})`;
    case 'lapsed':
      return `Not filed; no longer due: the patient’s legal position changed${escalated}`;
  }
}

async function personName(context: RequestContext, personId: string, what: string): Promise<string> {
  return displayName((await viewPerson(context.app(), personId, what)).state.details);
}

async function showList(context: RequestContext) {
  const personId = personIdParam(context);
  const app = context.app();
  const view = await viewReports(app, personId);
  const name = await personName(context, personId, 'Opened the statutory reports on a restricted patient');
  const saved = text(context.query.saved);
  return context.render('pages/restricted/reports/list.njk', {
    title: `Statutory reports: ${name}`,
    personId,
    personName: name,
    restricted: view.position.restricted,
    saved: saved === 'report' ? 'Report filed. The Ministry of Justice’s casework team can read it in Accord.' : saved === 'supervisor' ? 'Supervisor named. They are now involved with the patient and can open the record.' : null,
    rows: view.rows.map((row) => ({
      kind: row.kindLabel,
      due: formatDateTime(row.due),
      provision: row.provision,
      status: occurrenceStatusLabels[row.status],
      detail: statusText(row),
      reportHref: row.report ? `${base(personId)}/${row.report.id}` : null,
      recommendation: row.report?.recommendationLabel ?? null,
    })),
    supervisors: view.supervisors.map((item) => ({ label: item.label, name: item.name, role: item.roleLabel, agency: item.agencyName, named: `${formatDateTime(item.namedAt)} by ${item.namedBy}`, current: item.current })),
    mayFile: view.offers.some((offer) => offer.refusal === null),
    mayNameSupervisors: view.mayNameSupervisors,
    backLink: `/people/${personId}/restricted`,
  });
}

// The kind to file: the one asked for if it is open to the member of staff, else the first that is.
function chosenOffer(offers: readonly ReportOffer[], asked: unknown): ReportOffer | null {
  const open = offers.filter((offer) => offer.refusal === null);
  return open.find((offer) => offer.kind === asked) ?? open[0] ?? null;
}

async function showNew(context: RequestContext, body: Record<string, unknown>, errors: FormErrors = noErrors, status = 200) {
  const personId = personIdParam(context);
  const offers = await reportOffers(context.app(), personId);
  const name = await personName(context, personId, 'Opened the form to file a statutory report on a restricted patient');
  const offer = chosenOffer(offers, body.kind ?? context.query.kind);
  const kind: ReportKind | null = offer?.kind ?? null;
  return context.render(
    'pages/restricted/reports/new.njk',
    {
      title: `File a statutory report: ${name}`,
      personId,
      personName: name,
      offer: offer && {
        kind: offer.kind,
        label: offer.label,
        due: formatDateTime(offer.occurrence!.due),
        provision: offer.occurrence!.provision,
        late: offer.late,
      },
      otherOffers: offers.filter((item) => item.refusal === null && item.kind !== kind).map((item) => ({ label: item.label, href: `${base(personId)}/new?kind=${item.kind}` })),
      refusals: offers.filter((item) => item.refusal !== null).map((item) => ({ label: item.label, refusal: item.refusal })),
      recommendationItems: kind ? Object.entries(recommendationsFor(kind)).map(([value, label]) => ({ value, text: label, checked: body.recommendation === value })) : [],
      values: { report: text(body.report), reasons: text(body.reasons) },
      ...errors,
      backLink: base(personId),
    },
    status,
  );
}

async function submitNew(context: RequestContext) {
  const personId = personIdParam(context);
  const body = context.body;
  const kind = text(body.kind);
  // Nothing is open to this member of staff now: the form says why, without saving anything.
  const offers = await reportOffers(context.app(), personId);
  if (!isReportKind(kind) || !offers.some((offer) => offer.kind === kind && offer.refusal === null)) {
    const offer = offers.find((item) => item.kind === kind);
    const message = offer?.refusal ?? (chosenOffer(offers, kind) ? 'Select which report you are filing' : 'You cannot file a report on this patient now: see the reasons below');
    return showNew(context, body, formErrors([{ field: 'kind', message }], { kind: 'report' }), chosenOffer(offers, kind) ? 400 : 409);
  }
  try {
    await fileReport(context.app(), personId, { kind, recommendation: text(body.recommendation), report: text(body.report), reasons: text(body.reasons) });
  } catch (error) {
    if (error instanceof InvalidInput) return showNew(context, body, formErrors(error.problems, { recommendation: 'recommendation', kind: 'report' }), 400);
    if (error instanceof PolicyDenied) return showNew(context, body, formErrors([{ field: 'kind', message: error.message }], { kind: 'report' }), 409);
    throw error;
  }
  return context.redirect(`${base(personId)}?saved=report`);
}

async function showReport(context: RequestContext) {
  const personId = personIdParam(context);
  const reportId = idParam(context, 'reportId', 'The report');
  const { report, textShown } = await viewReport(context.app(), personId, reportId);
  const name = await personName(context, personId, 'Opened a statutory report on a restricted patient');
  return context.render('pages/restricted/reports/report.njk', {
    title: `${report.kindLabel}: ${name}`,
    personId,
    personName: name,
    report: {
      kind: report.kindLabel,
      due: `${formatDateTime(report.due)} (${report.provision})`,
      filed: `${formatDateTime(report.filedAt)} by ${report.filedBy}, ${roles[report.filedByRole as keyof typeof roles]?.toLowerCase() ?? report.filedByRole}`,
      late: report.late,
      recommendation: report.recommendationLabel,
      text: textShown ? report.report : null,
      reasons: textShown ? report.reasons : null,
    },
    backLink: base(personId),
  });
}

async function showSupervisors(context: RequestContext, body: Record<string, unknown>, errors: FormErrors = noErrors, status = 200) {
  const personId = personIdParam(context);
  const app = context.app();
  const refusal = refusalToNameSupervisors(app);
  const choices = await supervisorChoices(app, personId);
  const name = await personName(context, personId, 'Opened the form to name the supervisors of a restricted patient');
  const supervision: Supervision = body.supervision === 'social' ? 'social' : 'clinical';
  return context.render(
    'pages/restricted/reports/supervisors.njk',
    {
      title: `Name a supervisor: ${name}`,
      personId,
      personName: name,
      refusal,
      sections: (Object.keys(supervisions) as Supervision[]).map((key) => ({
        key,
        label: supervisions[key].label,
        roles: supervisions[key].roles.map((role) => roles[role].toLowerCase()).join(' or '),
        items: choices[key].map((choice) => ({ value: choice.userId, text: `${choice.name}, ${roles[choice.role].toLowerCase()}, ${choice.agencyName}`, checked: supervision === key && body.userId === choice.userId })),
      })),
      ...errors,
      backLink: base(personId),
    },
    status,
  );
}

async function submitSupervisor(context: RequestContext) {
  const personId = personIdParam(context);
  const body = context.body;
  const app = context.app();
  const refusal = refusalToNameSupervisors(app);
  if (refusal !== null) return showSupervisors(context, body, formErrors([{ field: 'supervision', message: refusal }]), 409);
  // Each role has its own list of staff and its own button: the button pressed says which role is named.
  const supervision = text(body.supervision);
  const userId = text(body[`userId-${supervision}`]);
  try {
    await nameSupervisor(app, personId, { supervision, userId });
  } catch (error) {
    if (error instanceof InvalidInput) return showSupervisors(context, { ...body, userId }, formErrors(error.problems.map((problem) => (problem.field === 'userId' ? { ...problem, field: `userId-${supervision}` } : problem)), { supervision: 'userId-clinical' }), 400);
    throw error;
  }
  return context.redirect(`${base(personId)}?saved=supervisor`);
}

export const restrictedReportRoutes: Route[] = [
  { method: 'GET', url: '/people/:personId/restricted/reports', access: 'person.read', person: read, purpose, handler: showList },
  { method: 'GET', url: '/people/:personId/restricted/reports/new', access: 'person.write', person: change, purpose, handler: (context) => showNew(context, {}) },
  { method: 'POST', url: '/people/:personId/restricted/reports/new', access: 'person.write', person: change, purpose, handler: submitNew },
  { method: 'GET', url: '/people/:personId/restricted/reports/:reportId', access: 'person.read', person: read, purpose: 'Reading a statutory report on a restricted patient', handler: showReport },
  { method: 'GET', url: '/people/:personId/restricted/supervisors', access: 'person.write', person: change, purpose, handler: (context) => showSupervisors(context, {}) },
  { method: 'POST', url: '/people/:personId/restricted/supervisors', access: 'person.write', person: change, purpose, handler: submitSupervisor },
];

