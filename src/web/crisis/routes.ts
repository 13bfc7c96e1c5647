import { InvalidInput, type FieldProblem } from '../../app/errors.ts';
import { attachmentKinds, type AttachmentInput } from '../../app/documents/attachments.ts';
import { addCallAttachment, callAttachmentContent } from '../../app/crisis/call-attachments.ts';
import type { Call } from '../../app/crisis/call-store.ts';
import { closeCall, handOffCall, raiseCall, recordDisagreement, recordThresholdDecision } from '../../app/crisis/calls.ts';
import { listCalls, viewCall } from '../../app/crisis/read-calls.ts';
import { findService, listServices, saveService } from '../../app/crisis/services.ts';
import { callCategories, callOutcomes, callStages, riskLevels, thresholdRoutes, type CallCategory, type CallOutcome, type RiskLevel } from '../../domain/crisis/calls.ts';
import { serviceKinds, type ServiceKind } from '../../domain/crisis/services.ts';
import { referralStatuses } from '../../domain/referrals/referral.ts';
import { durationInWords, referralUrgencies } from '../../domain/referrals/urgencies.ts';
import { idParam } from '../admin/path-ids.ts';
import { formatDateTime } from '../core/dates.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import { contentDisposition } from '../documents/routes.ts';
import type { RequestContext, Route } from '../core/route-table.ts';

// Crisis calls under Right Care, Right Person, and the service directory. The rules are in
// src/domain/crisis/ and src/app/crisis/; these pages read forms and show what those return.

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

function callRow(call: Call) {
  const latest = call.handoffs.at(-1);
  return {
    href: `/calls/${call.id}`,
    category: callCategories[call.category],
    who: call.personName ?? call.personDescription ?? '',
    risk: riskLevels[call.risk].label,
    raisedAt: formatDateTime(call.raisedAt),
    stage: callStages[call.stage],
    overdue: latest?.timer?.overdue === true,
    handedTo: latest ? latest.serviceName : '',
  };
}

async function guarded<T>(action: () => Promise<T>, onProblems: (problems: FieldProblem[]) => unknown): Promise<T | unknown> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof InvalidInput) return onProblems(error.problems);
    throw error;
  }
}

const emptyCall = { category: '', caller: '', location: '', concern: '', risk: '', riskKnown: '', personId: '', personDescription: '' };
type CallValues = typeof emptyCall;

function showNewCall(context: RequestContext, values: CallValues, errors: FormErrors = noErrors, status = 200) {
  return context.render(
    'pages/crisis/new.njk',
    {
      title: 'Raise a call',
      values,
      categoryItems: (Object.keys(callCategories) as CallCategory[]).map((key) => ({ value: key, text: callCategories[key], checked: values.category === key })),
      riskItems: (Object.keys(riskLevels) as RiskLevel[]).map((key) => {
        const urgency = referralUrgencies[riskLevels[key].urgency];
        return { value: key, text: riskLevels[key].label, checked: values.risk === key, hint: { text: `A service must acknowledge a handoff within ${durationInWords(urgency.acknowledgeWithin)}, or it is escalated to its lead.` } };
      }),
      ...errors,
      backLink: '/calls',
    },
    status,
  );
}

async function showCall(context: RequestContext, callId: string, extra: { problems?: FieldProblem[]; values?: Record<string, string> } = {}, status = 200) {
  const app = context.app();
  const { call, disagreements, attachments } = await viewCall(app, callId);
  // A problem with the outcome form when it is not offered (nobody has the call in hand) links to the outcome heading.
  const closable = call.stage === 'police-attending' || call.stage === 'accepted';
  const errors = extra.problems
    ? formErrors(extra.problems, { outcome: closable ? 'outcome' : 'call-outcome', outcomeDetail: closable ? 'outcomeDetail' : 'call-outcome', about: 'about', withAgencyId: 'withAgencyId', attachment: 'attachment' })
    : noErrors;
  const values = extra.values ?? {};
  const parties = [{ id: call.agencyId, name: call.agencyName }, ...call.handoffs.map((handoff) => ({ id: handoff.toAgencyId, name: handoff.toName }))].filter(
    (party, index, all) => party.id !== app.actor.agencyId && all.findIndex((other) => other.id === party.id) === index,
  );
  return context.render(
    'pages/crisis/call.njk',
    {
      title: `Call: ${callCategories[call.category]}`,
      call: { id: call.id, category: callCategories[call.category], stage: callStages[call.stage], closed: call.stage === 'closed' },
      rows: [
        { key: { text: 'About' }, value: { text: call.personName ?? `Not on Accord: ${call.personDescription ?? ''}` } },
        { key: { text: 'Raised by' }, value: { text: `${call.caller}; taken by ${call.raisedByLabel}, ${call.agencyName}, ${formatDateTime(call.raisedAt)}` } },
        { key: { text: 'Where' }, value: { text: call.location } },
        { key: { text: 'The concern' }, value: { text: call.concern } },
        { key: { text: 'Risk' }, value: { text: `${riskLevels[call.risk].label}: ${call.riskKnown}` } },
        { key: { text: 'Where it is now' }, value: { text: callStages[call.stage] } },
      ],
      threshold: call.threshold
        ? [
            { key: { text: 'Is a crime being or about to be committed?' }, value: { text: yesNo(call.threshold.crime) } },
            { key: { text: 'Is there a real and immediate risk to life or of serious harm?' }, value: { text: yesNo(call.threshold.riskToLife) } },
            { key: { text: 'Decision' }, value: { text: thresholdRoutes[call.threshold.route] } },
            { key: { text: 'Reasons' }, value: { text: call.threshold.reasons } },
            { key: { text: 'Decided by' }, value: { text: `${call.threshold.by}, ${formatDateTime(call.threshold.at)}` } },
          ]
        : null,
      handoffs: call.handoffs.map((handoff) => ({
        service: handoff.serviceName,
        to: handoff.toName,
        at: formatDateTime(handoff.handedOffAt),
        status: referralStatuses[handoff.status],
        due: handoff.timer ? `${handoff.timer.overdue ? 'Overdue: was due' : 'Due'} ${formatDateTime(handoff.timer.due)}` : '',
        escalated: handoff.escalatedAt ? `Escalated ${formatDateTime(handoff.escalatedAt)}${handoff.escalatedTo ? ` to ${handoff.escalatedTo}` : ''}` : '',
        declineReason: handoff.declineReason,
        href: `/referrals/${handoff.referralId}`,
      })),
      outcome: call.outcome ? { label: callOutcomes[call.outcome.outcome].label, detail: call.outcome.detail, by: `${call.outcome.by}, ${formatDateTime(call.outcome.at)}` } : null,
      canDecide: call.threshold === null && call.stage !== 'closed',
      canHandOff: call.stage === 'awaiting-handoff' || call.stage === 'declined',
      canClose: closable,
      outcomeItems: (Object.keys(callOutcomes) as CallOutcome[]).map((key) => ({ value: key, text: callOutcomes[key].label, checked: values.outcome === key })),
      partyItems: [{ value: '', text: 'Select an agency' }, ...parties.map((party) => ({ value: party.id, text: party.name, selected: values.withAgencyId === party.id }))],
      disagreements: disagreements.map((item) => ({ ...item, at: formatDateTime(item.at) })),
      attachments: attachments.map((item) => ({
        filename: item.filename,
        href: `/calls/${call.id}/attachments/${item.id}`,
        kind: attachmentKindLabel(item.mediaType),
        size: sizeInWords(item.size),
        by: `${item.uploadedBy}, ${formatDateTime(item.uploadedAt)}`,
      })),
      values,
      saved: text(context.query.saved),
      ...errors,
      backLink: '/calls',
    },
    status,
  );
}

async function showThreshold(context: RequestContext, callId: string, values: Record<string, string>, errors: FormErrors = noErrors, status = 200) {
  const { call } = await viewCall(context.app(), callId);
  const items = (name: string) => [
    { value: 'yes', text: 'Yes', checked: values[name] === 'yes' },
    { value: 'no', text: 'No', checked: values[name] === 'no' },
  ];
  return context.render('pages/crisis/threshold.njk', { title: 'Threshold decision', callId: call.id, category: callCategories[call.category], concern: call.concern, crimeItems: items('crime'), riskItems: items('riskToLife'), values, ...errors, backLink: `/calls/${call.id}` }, status);
}

async function showHandoff(context: RequestContext, callId: string, values: Record<string, string>, errors: FormErrors = noErrors, status = 200) {
  const app = context.app();
  const { call } = await viewCall(app, callId);
  const services = await listServices(app);
  const urgency = referralUrgencies[riskLevels[call.risk].urgency];
  return context.render(
    'pages/crisis/handoff.njk',
    {
      title: 'Hand the call to a service',
      callId: call.id,
      category: callCategories[call.category],
      timers: `${riskLevels[call.risk].label} risk: the service must acknowledge within ${durationInWords(urgency.acknowledgeWithin)} and accept or decline within ${durationInWords(urgency.decideWithin)}, or the handoff is escalated to its lead.`,
      serviceItems: services.map((service) => ({
        value: service.id,
        text: `${service.name} (${serviceKinds[service.kind]})`,
        checked: values.serviceId === service.id,
        hint: { text: `Can: ${service.canDo}. Cannot: ${service.cannotDo}. Hours: ${service.hours}. Out of hours: ${service.outOfHours}.` },
      })),
      values,
      ...errors,
      backLink: `/calls/${call.id}`,
    },
    status,
  );
}

const emptyService = { name: '', kind: '', canDo: '', cannotDo: '', hours: '', outOfHours: '', receiver: '' };
type ServiceValues = typeof emptyService;

async function showServiceForm(context: RequestContext, serviceId: string | null, values: ServiceValues, errors: FormErrors = noErrors, status = 200) {
  const app = context.app();
  const agencies = await app.db.selectFrom('agencies').select(['id', 'name']).where('retired_at', 'is', null).orderBy('name').execute();
  const teams = await app.db.selectFrom('teams').select(['id', 'name', 'agency_id']).where('retired_at', 'is', null).orderBy('name').execute();
  return context.render(
    'pages/crisis/service-form.njk',
    {
      title: serviceId ? 'Change a service' : 'Add a service',
      action: serviceId ? `/admin/services/${serviceId}` : '/admin/services/new',
      values,
      kindItems: (Object.keys(serviceKinds) as ServiceKind[]).map((key) => ({ value: key, text: serviceKinds[key], checked: values.kind === key })),
      receiverItems: [
        { value: '', text: 'Select a team or agency' },
        ...agencies.flatMap((agency) => [
          { value: agency.id, text: `${agency.name}: the whole agency`, selected: values.receiver === agency.id },
          ...teams.filter((team) => team.agency_id === agency.id).map((team) => ({ value: `${agency.id}/${team.id}`, text: `${team.name} (${agency.name})`, selected: values.receiver === `${agency.id}/${team.id}` })),
        ]),
      ],
      ...errors,
      backLink: '/services',
    },
    status,
  );
}

function serviceValues(body: Record<string, unknown>): ServiceValues {
  return { name: text(body.name), kind: text(body.kind), canDo: text(body.canDo), cannotDo: text(body.cannotDo), hours: text(body.hours), outOfHours: text(body.outOfHours), receiver: text(body.receiver) };
}

async function submitService(context: RequestContext, serviceId: string | null) {
  const values = serviceValues(context.body);
  const [agencyId = '', teamId = ''] = values.receiver.split('/');
  return guarded(
    async () => {
      await saveService(context.app(), serviceId, { ...values, agencyId, teamId: teamId === '' ? null : teamId });
      return context.redirect('/services?saved=service');
    },
    (problems) => showServiceForm(context, serviceId, values, formErrors(problems), 400),
  );
}

const callId = (context: RequestContext) => idParam(context, 'callId', 'The call');

function attachmentKindLabel(mediaType: string): string {
  return attachmentKinds.find((kind) => kind.mediaType === mediaType)?.label ?? mediaType;
}

function sizeInWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

// The file from the multipart upload form (see the multipart registration in app.ts): an empty file
// input sends a part with no name and no content, which is no file at all.
function uploadedFile(value: unknown): AttachmentInput | null {
  if (value === null || typeof value !== 'object') return null;
  const file = value as { filename?: unknown; mimetype?: unknown; content?: unknown };
  if (typeof file.filename !== 'string' || !(file.content instanceof Uint8Array)) return null;
  if (file.filename === '' && file.content.byteLength === 0) return null;
  return { filename: file.filename, mediaType: typeof file.mimetype === 'string' ? file.mimetype : '', content: file.content };
}

export const crisisRoutes: Route[] = [
  {
    method: 'GET',
    url: '/calls',
    access: 'person.read',
    purpose: 'Reading open crisis calls',
    handler: async (context) => {
      const calls = await listCalls(context.app());
      return context.render('pages/crisis/calls.njk', { title: 'Calls', rows: calls.map(callRow) });
    },
  },
  {
    method: 'GET',
    url: '/calls/new',
    access: 'person.write',
    purpose: 'Raising a crisis call',
    handler: async (context) => showNewCall(context, emptyCall),
  },
  {
    method: 'POST',
    url: '/calls/new',
    access: 'person.write',
    purpose: 'Raising a crisis call',
    handler: async (context) => {
      const values: CallValues = Object.fromEntries(Object.keys(emptyCall).map((key) => [key, text(context.body[key])])) as CallValues;
      return guarded(
        async () => context.redirect(`/calls/${await raiseCall(context.app(), { ...values, personId: values.personId.trim() === '' ? null : values.personId })}?saved=raised`),
        (problems) => showNewCall(context, values, formErrors(problems), 400),
      );
    },
  },
  {
    method: 'GET',
    url: '/calls/:callId',
    access: 'person.read',
    purpose: 'Reading a crisis call',
    handler: async (context) => showCall(context, callId(context)),
  },
  {
    method: 'GET',
    url: '/calls/:callId/threshold',
    access: 'person.write',
    purpose: 'Recording a threshold decision',
    handler: async (context) => showThreshold(context, callId(context), {}),
  },
  {
    method: 'POST',
    url: '/calls/:callId/threshold',
    access: 'person.write',
    purpose: 'Recording a threshold decision',
    handler: async (context) => {
      const id = callId(context);
      const values = { crime: text(context.body.crime), riskToLife: text(context.body.riskToLife), reasons: text(context.body.reasons) };
      return guarded(
        async () => {
          await recordThresholdDecision(context.app(), id, values);
          return context.redirect(`/calls/${id}?saved=threshold`);
        },
        (problems) => showThreshold(context, id, values, formErrors(problems), 400),
      );
    },
  },
  {
    method: 'GET',
    url: '/calls/:callId/handoff',
    access: 'person.write',
    purpose: 'Handing a crisis call to a service',
    handler: async (context) => showHandoff(context, callId(context), {}),
  },
  {
    method: 'POST',
    url: '/calls/:callId/handoff',
    access: 'person.write',
    purpose: 'Handing a crisis call to a service',
    handler: async (context) => {
      const id = callId(context);
      const values = { serviceId: text(context.body.serviceId), asked: text(context.body.asked) };
      return guarded(
        async () => {
          await handOffCall(context.app(), id, values);
          return context.redirect(`/calls/${id}?saved=handoff`);
        },
        (problems) => showHandoff(context, id, values, formErrors(problems), 400),
      );
    },
  },
  {
    method: 'POST',
    url: '/calls/:callId/outcome',
    access: 'person.write',
    purpose: 'Closing a crisis call with its outcome',
    handler: async (context) => {
      const id = callId(context);
      const values = { outcome: text(context.body.outcome), outcomeDetail: text(context.body.outcomeDetail) };
      return guarded(
        async () => {
          await closeCall(context.app(), id, { outcome: values.outcome, detail: values.outcomeDetail });
          return context.redirect(`/calls/${id}?saved=closed`);
        },
        (problems) => showCall(context, id, { problems, values }, 400),
      );
    },
  },
  {
    method: 'POST',
    url: '/calls/:callId/disagreements',
    access: 'person.write',
    purpose: 'Recording a disagreement about a crisis call',
    handler: async (context) => {
      const id = callId(context);
      const values = { about: text(context.body.about), withAgencyId: text(context.body.withAgencyId) };
      return guarded(
        async () => {
          await recordDisagreement(context.app(), id, values);
          return context.redirect(`/calls/${id}?saved=disagreement`);
        },
        (problems) => showCall(context, id, { problems, values }, 400),
      );
    },
  },
  {
    method: 'POST',
    url: '/calls/:callId/attachments',
    access: 'person.write',
    purpose: 'Attaching a file to a crisis call',
    handler: async (context) => {
      const id = callId(context);
      return guarded(
        async () => {
          await addCallAttachment(context.app(), id, uploadedFile(context.body.attachment));
          return context.redirect(`/calls/${id}?saved=attachment`);
        },
        (problems) => showCall(context, id, { problems }, 400),
      );
    },
  },
  {
    method: 'GET',
    url: '/calls/:callId/attachments/:attachmentId',
    access: 'person.read',
    purpose: 'Opening a file attached to a crisis call',
    handler: async (context) => {
      const file = await callAttachmentContent(context.app(), callId(context), idParam(context, 'attachmentId', 'The attachment'));
      // Sent as a download, with the type read from its content when it was received; nosniff (set on
      // every response, see security-headers.ts, and here too so it cannot be lost) stops a browser guessing otherwise.
      return context.reply
        .code(200)
        .header('content-type', file.mediaType)
        .header('content-disposition', contentDisposition(file.filename))
        .header('content-length', String(file.content.byteLength))
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(file.content));
    },
  },
  {
    method: 'GET',
    url: '/services',
    access: 'signed-in',
    purpose: 'Reading the service directory',
    handler: async (context) => {
      const app = context.app();
      const services = await listServices(app);
      return context.render('pages/crisis/services.njk', {
        title: 'Service directory',
        services: services.map((service) => ({ ...service, kindLabel: serviceKinds[service.kind] })),
        mayEdit: app.actor.role === 'system-administrator',
        saved: text(context.query.saved),
      });
    },
  },
  {
    method: 'GET',
    url: '/admin/services/new',
    access: 'administer',
    purpose: 'Adding a service to the directory',
    handler: async (context) => showServiceForm(context, null, emptyService),
  },
  {
    method: 'POST',
    url: '/admin/services/new',
    access: 'administer',
    purpose: 'Adding a service to the directory',
    handler: async (context) => submitService(context, null),
  },
  {
    method: 'GET',
    url: '/admin/services/:serviceId',
    access: 'administer',
    purpose: 'Changing a service in the directory',
    handler: async (context) => {
      const id = idParam(context, 'serviceId', 'The service');
      const service = await findService(context.app(), id);
      return showServiceForm(context, id, {
        name: service.name,
        kind: service.kind,
        canDo: service.canDo,
        cannotDo: service.cannotDo,
        hours: service.hours,
        outOfHours: service.outOfHours,
        receiver: service.teamId ? `${service.agencyId}/${service.teamId}` : service.agencyId,
      });
    },
  },
  {
    method: 'POST',
    url: '/admin/services/:serviceId',
    access: 'administer',
    purpose: 'Changing a service in the directory',
    handler: async (context) => submitService(context, idParam(context, 'serviceId', 'The service')),
  },
];
