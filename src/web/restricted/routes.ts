import { InvalidInput, NotFound } from '../../app/errors.ts';
import { restrictedCaseload, viewRestrictedCase, type CaseloadFilter } from '../../app/restricted/case-view.ts';
import { decideRequest, listRequests, submitRequest, withdrawRequest, type SosRequest } from '../../app/restricted/requests.ts';
import { viewPerson } from '../../app/people/view-person.ts';
import { dueKindLabels } from '../../domain/legal/due-items.ts';
import { displayName } from '../../domain/people/person.ts';
import { decisions, dischargeKinds, leaveKinds, requestKinds, type RequestDetails, type RequestInput } from '../../domain/restricted/requests.ts';
import type { PersonNeed } from '../../domain/sharing/person-access.ts';
import { idParam } from '../admin/path-ids.ts';
import { formatDateTime, isoDateTime } from '../core/dates.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { personIdParam } from '../people/record-params.ts';

// The restricted patient's casework pages: the hub (/people/:personId/restricted) with the patient's
// position and clocks, the requests to the Secretary of State (the responsible clinician asks; the
// Ministry of Justice caseworker decides), and the Ministry's view of every restricted patient across
// hospitals (/restricted). The other casework pages (reports, conditional discharge and recall, MAPPA,
// victims) hang off the hub.

const read: PersonNeed = { category: 'legal-status' };
const change: PersonNeed = { category: 'legal-status', change: true };
const purpose = 'Restricted patient casework with the Secretary of State';
const base = (personId: string) => `/people/${personId}/restricted`;

const requestStateLabels = { submitted: 'Awaiting the decision', consented: 'Consented', refused: 'Refused', withdrawn: 'Withdrawn' } as const;
const requestStateTags = { submitted: 'govuk-tag--yellow', consented: 'govuk-tag--green', refused: 'govuk-tag--red', withdrawn: 'govuk-tag--grey' } as const;

function roleOf(context: RequestContext): string | null {
  return context.actor?.kind === 'user' ? context.actor.role : null;
}

export function requestSummary(details: RequestDetails): string {
  if (details.kind === 'leave') return `${leaveKinds[details.leave]}, ${details.escorted ? 'escorted' : 'unescorted'}`;
  if (details.kind === 'transfer') return `Transfer to ${details.destination}`;
  return dischargeKinds[details.discharge];
}

function requestRow(personId: string, request: SosRequest) {
  return {
    href: `${base(personId)}/requests/${request.id}`,
    kind: requestKinds[request.details.kind].label,
    provision: requestKinds[request.details.kind].provision,
    summary: requestSummary(request.details),
    submitted: `${formatDateTime(request.submittedAt)} by ${request.submittedBy}`,
    state: requestStateLabels[request.state],
    tag: requestStateTags[request.state],
    decided: request.decidedAt ? `${formatDateTime(request.decidedAt)} by ${request.decidedBy}` : null,
  };
}

async function showCase(context: RequestContext) {
  const personId = personIdParam(context);
  const view = await viewRestrictedCase(context.app(), personId);
  const role = roleOf(context);
  const status = view.status;
  const met = view.metReferences;
  return context.render('pages/restricted/case.njk', {
    title: `Restricted patient casework: ${view.personName}`,
    personId,
    personName: view.personName,
    restricted: status.restricted,
    provision: status.provision,
    since: status.since && formatDateTime(status.since),
    liableToBeDetained: status.liableToBeDetained,
    deadlines: view.deadlines.map((deadline) => {
      const made = met.find((reference) => reference.provision === deadline.provision && reference.due.equals(deadline.due));
      return {
        label: dueKindLabels[deadline.kind],
        due: formatDateTime(deadline.due),
        exact: isoDateTime(deadline.due),
        provision: deadline.provision,
        state: made ? `Made ${formatDateTime(made.madeAt)}` : deadline.passed ? (deadline.kind === 'tribunal-window-opens' ? 'Open now' : deadline.kind === 'tribunal-window-closes' ? 'Closed' : 'Overdue') : 'Upcoming',
      };
    }),
    pending: view.requests.filter((request) => request.state === 'submitted').map((request) => requestRow(personId, request)),
    requestCount: view.requests.length,
    mayAsk: role === 'responsible-clinician' && status.restricted,
    seesRisk: view.categories.has('risk-to-others'),
    seesVictims: view.categories.has('victim-information'),
    backLink: `/people/${personId}`,
  });
}

async function showRequests(context: RequestContext) {
  const personId = personIdParam(context);
  const app = context.app();
  const view = await viewPerson(app, personId, 'Opened the requests to the Secretary of State');
  const requests = await listRequests(app, personId);
  return context.render('pages/restricted/requests.njk', {
    title: `Requests to the Secretary of State: ${displayName(view.state.details)}`,
    personId,
    personName: displayName(view.state.details),
    rows: [...requests].reverse().map((request) => requestRow(personId, request)),
    mayAsk: roleOf(context) === 'responsible-clinician',
    saved: text(context.query.saved),
    backLink: base(personId),
  });
}

function radioItems<T extends Record<string, string | { label: string }>>(options: T, checked: string) {
  return Object.entries(options).map(([value, option]) => ({ value, text: typeof option === 'string' ? option : option.label, checked: value === checked }));
}

// The form's fields, named so that the transfer's and the discharge's reasons are separate boxes.
function requestInput(body: Record<string, unknown>): RequestInput {
  const kind = text(body.kind);
  return {
    kind,
    leave: text(body.leave),
    escorted: text(body.escorted),
    riskAssessment: text(body.riskAssessment),
    plan: text(body.plan),
    destination: text(body.destination),
    discharge: text(body.discharge),
    reason: kind === 'transfer' ? text(body.transferReason) : text(body.dischargeReason),
  };
}

async function showNewRequest(context: RequestContext, body: Record<string, unknown> = {}, errors: FormErrors = noErrors, status = 200) {
  const personId = personIdParam(context);
  const view = await viewPerson(context.app(), personId, 'Opened the form to ask the Secretary of State for consent');
  const kind = text(body.kind);
  return context.render(
    'pages/restricted/request-new.njk',
    {
      title: `Ask the Secretary of State: ${displayName(view.state.details)}`,
      personId,
      personName: displayName(view.state.details),
      kind,
      mayAsk: roleOf(context) === 'responsible-clinician',
      kindItems: radioItems(requestKinds, kind),
      leaveItems: radioItems(leaveKinds, text(body.leave)),
      escortedItems: [
        { value: 'escorted', text: 'Escorted', checked: text(body.escorted) === 'escorted' },
        { value: 'unescorted', text: 'Unescorted', checked: text(body.escorted) === 'unescorted' },
      ],
      dischargeItems: radioItems(dischargeKinds, text(body.discharge)),
      values: { riskAssessment: text(body.riskAssessment), plan: text(body.plan), destination: text(body.destination), transferReason: text(body.transferReason), dischargeReason: text(body.dischargeReason) },
      ...errors,
      backLink: `${base(personId)}/requests`,
    },
    status,
  );
}

async function submitNewRequest(context: RequestContext) {
  const personId = personIdParam(context);
  const input = requestInput(context.body);
  try {
    const requestId = await submitRequest(context.app(), personId, input);
    return context.redirect(`${base(personId)}/requests/${requestId}?saved=submitted`);
  } catch (error) {
    if (error instanceof InvalidInput) {
      const reasonField = input.kind === 'transfer' ? 'transferReason' : 'dischargeReason';
      const problems = error.problems.map((problem) => (problem.field === 'reason' ? { ...problem, field: reasonField } : problem));
      return showNewRequest(context, context.body, formErrors(problems, { kind: 'kind', leave: 'leave', escorted: 'escorted', discharge: 'discharge' }), 400);
    }
    throw error;
  }
}

async function requestOf(context: RequestContext, personId: string): Promise<SosRequest> {
  const requestId = idParam(context, 'requestId', 'The request');
  const request = (await listRequests(context.app(), personId)).find((candidate) => candidate.id === requestId);
  if (request === undefined) throw new NotFound('The request');
  return request;
}

async function showRequest(context: RequestContext, body: Record<string, unknown> = {}, errors: FormErrors = noErrors, status = 200) {
  const personId = personIdParam(context);
  const view = await viewPerson(context.app(), personId, 'Opened a request to the Secretary of State');
  const request = await requestOf(context, personId);
  const role = roleOf(context);
  const details = request.details;
  const rows: { key: { text: string }; value: { text: string } }[] = [
    { key: { text: 'Asked for' }, value: { text: `${requestKinds[details.kind].label} (${requestKinds[details.kind].covers}; consent needed under ${requestKinds[details.kind].provision})` } },
  ];
  if (details.kind === 'leave') {
    rows.push({ key: { text: 'Kind of leave' }, value: { text: leaveKinds[details.leave] } });
    rows.push({ key: { text: 'Escort' }, value: { text: details.escorted ? 'Escorted' : 'Unescorted' } });
    rows.push({ key: { text: 'Risk assessment' }, value: { text: details.riskAssessment } });
    rows.push({ key: { text: 'Leave plan' }, value: { text: details.plan } });
  } else if (details.kind === 'transfer') {
    rows.push({ key: { text: 'To' }, value: { text: details.destination } });
    rows.push({ key: { text: 'Why' }, value: { text: details.reason } });
  } else {
    rows.push({ key: { text: 'Kind of discharge' }, value: { text: dischargeKinds[details.discharge] } });
    rows.push({ key: { text: 'Why' }, value: { text: details.reason } });
  }
  rows.push({ key: { text: 'Asked' }, value: { text: `${formatDateTime(request.submittedAt)} by ${request.submittedBy}` } });
  const decision = request.decision
    ? [
        { key: { text: 'Decision' }, value: { text: decisions[request.decision] } },
        ...(request.conditions !== null ? [{ key: { text: 'Conditions' }, value: { text: request.conditions } }] : []),
        { key: { text: 'Reasons' }, value: { text: request.reasons ?? '' } },
        { key: { text: 'Decided' }, value: { text: `${formatDateTime(request.decidedAt)} by ${request.decidedBy}` } },
      ]
    : request.withdrawnAt
      ? [
          { key: { text: 'Withdrawn' }, value: { text: `${formatDateTime(request.withdrawnAt)} by ${request.withdrawnBy}` } },
          { key: { text: 'Why' }, value: { text: request.withdrawnReason ?? '' } },
        ]
      : [];
  const saved = text(context.query.saved);
  return context.render(
    'pages/restricted/request.njk',
    {
      title: `${requestKinds[details.kind].label}: request to the Secretary of State`,
      personId,
      personName: displayName(view.state.details),
      requestId: request.id,
      heading: `Request for ${requestKinds[details.kind].label.toLowerCase()}`,
      state: requestStateLabels[request.state],
      tag: requestStateTags[request.state],
      rows,
      decision,
      mayDecide: request.state === 'submitted' && role === 'moj-caseworker',
      mayWithdraw: request.state === 'submitted' && role === 'responsible-clinician',
      decisionItems: [
        { value: 'consented', text: 'The Secretary of State consents', checked: text(body.decision) === 'consented' },
        { value: 'refused', text: 'The Secretary of State refuses', checked: text(body.decision) === 'refused' },
      ],
      values: { conditions: text(body.conditions), reasons: text(body.reasons), reason: text(body.reason) },
      saved: saved === 'submitted' ? 'The request was sent to the Ministry of Justice’s casework team.' : saved === 'decided' ? 'The decision was recorded.' : saved === 'withdrawn' ? 'The request was withdrawn.' : null,
      ...errors,
      backLink: `${base(personId)}/requests`,
    },
    status,
  );
}

async function submitDecision(context: RequestContext) {
  const personId = personIdParam(context);
  const requestId = idParam(context, 'requestId', 'The request');
  try {
    await decideRequest(context.app(), personId, requestId, { decision: text(context.body.decision), conditions: text(context.body.conditions), reasons: text(context.body.reasons) });
  } catch (error) {
    if (error instanceof InvalidInput) return showRequest(context, context.body, formErrors(error.problems), 400);
    throw error;
  }
  return context.redirect(`${base(personId)}/requests/${requestId}?saved=decided`);
}

async function submitWithdrawal(context: RequestContext) {
  const personId = personIdParam(context);
  const requestId = idParam(context, 'requestId', 'The request');
  try {
    await withdrawRequest(context.app(), personId, requestId, text(context.body.reason));
  } catch (error) {
    if (error instanceof InvalidInput) return showRequest(context, context.body, formErrors(error.problems), 400);
    throw error;
  }
  return context.redirect(`${base(personId)}/requests/${requestId}?saved=withdrawn`);
}

const caseloadFilters: Record<CaseloadFilter, string> = {
  all: 'All restricted patients',
  'pending-requests': 'With requests awaiting a decision',
  'overdue-reports': 'With reports overdue',
  'recent-recalls': 'Recalled in the last 90 days',
};

async function showCaseload(context: RequestContext) {
  const asked = text(context.query.show);
  const filter: CaseloadFilter = Object.hasOwn(caseloadFilters, asked) ? (asked as CaseloadFilter) : 'all';
  const caseload = await restrictedCaseload(context.app(), filter);
  return context.render('pages/restricted/caseload.njk', {
    title: 'Restricted patients',
    filter,
    filterLabel: caseloadFilters[filter],
    filters: Object.entries(caseloadFilters).map(([value, label]) => ({ value, label, current: value === filter })),
    totals: caseload.totals,
    rows: caseload.rows.map((row) => ({
      href: base(row.personId),
      name: row.name,
      provision: row.provision,
      hospital: row.hospital ?? 'Not placed',
      pending: row.pendingRequests.map((request) => ({ href: `${base(row.personId)}/requests/${request.id}`, text: `${requestKinds[request.kind as keyof typeof requestKinds]?.label ?? request.kind}, asked ${formatDateTime(request.submittedAt)}` })),
      overdue: row.overdueReports.map((report) => `${report.label}: was due ${formatDateTime(report.due)} (${report.provision})${report.escalatedAt ? `; escalated ${formatDateTime(report.escalatedAt)}` : ''}`),
      recalls: row.recentRecalls.map((at) => `Returned on recall ${formatDateTime(at)}`),
      reference: row.referenceDue && `${row.referenceDue.passed ? 'Overdue: was due' : 'Due'} ${formatDateTime(row.referenceDue.due)} (${row.referenceDue.provision})`,
    })),
  });
}

export const restrictedRoutes: Route[] = [
  { method: 'GET', url: '/restricted', access: 'restricted.oversee', purpose: 'Overseeing restricted patients across hospitals for the Secretary of State', handler: showCaseload },
  { method: 'GET', url: '/people/:personId/restricted', access: 'person.read', person: read, purpose: 'Reading a restricted patient’s casework', handler: showCase },
  { method: 'GET', url: '/people/:personId/restricted/requests', access: 'person.read', person: read, purpose: 'Reading requests to the Secretary of State', handler: showRequests },
  { method: 'GET', url: '/people/:personId/restricted/requests/new', access: 'person.write', person: change, purpose, handler: (context) => showNewRequest(context) },
  { method: 'POST', url: '/people/:personId/restricted/requests/new', access: 'person.write', person: change, purpose, handler: submitNewRequest },
  { method: 'GET', url: '/people/:personId/restricted/requests/:requestId', access: 'person.read', person: read, purpose: 'Reading a request to the Secretary of State', handler: (context) => showRequest(context) },
  { method: 'POST', url: '/people/:personId/restricted/requests/:requestId/decision', access: 'person.write', person: change, purpose, handler: submitDecision },
  { method: 'POST', url: '/people/:personId/restricted/requests/:requestId/withdrawal', access: 'person.write', person: change, purpose, handler: submitWithdrawal },
];
