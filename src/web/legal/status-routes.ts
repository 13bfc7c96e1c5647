import { recordingSavedMessage } from './recording-journeys.ts';
import { randomUUID } from 'node:crypto';
import { InvalidInput, StaleRecord } from '../../app/errors.ts';
import { appendLegalEntry, refuseFuture } from '../../app/legal/record-legal.ts';
import { recordTribunalReference } from '../../app/legal/record-tribunal-reference.ts';
import { viewLegalPosition } from '../../app/legal/view-legal.ts';
import { viewPerson } from '../../app/people/view-person.ts';
import { actorMay } from '../../app/policy.ts';
import { relationships } from '../../domain/law/contract.ts';
import { dueKindLabels } from '../../domain/legal/due-items.ts';
import { certificateForms, nearestRelativeOrderKinds, tribunalReferenceProvisions } from '../../domain/legal/legal-entries.ts';
import { referenceProvisionFor } from '../../domain/legal/tribunal-references.ts';
import { displayName } from '../../domain/people/person.ts';
import { emptyDateTimeValues } from '../core/date-time-input.ts';
import { todayInLondon } from '../core/dates.ts';
import { formErrors, noErrors, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { readCertificateForm, readNearestRelativeOrderForm, readRelativeForm, readRightsForm, readTribunalReferenceForm, relativeFacts, type FormReading } from './status-forms.ts';
import { formatDueMoment, legalStatusPage, provisionName, relationshipLabel } from './status-presenter.ts';
import { changesSince, expectedVersion, personIdParam as personId } from '../people/record-params.ts';

// The person's Mental Health Act status page, and the forms for what is kept beside the legal events.

const savedMessages: Record<string, string> = {
  relative: 'The relative has been recorded.',
  order: 'The order has been recorded.',
  rights: 'The information about rights has been recorded.',
  certificate: 'The certificate has been recorded.',
  reference: 'The reference to the tribunal has been recorded.',
};

interface SideForm {
  path: string;
  template: string;
  heading: string;
  purpose: string;
  saved: keyof typeof savedMessages;
  openedWhat: string;
  blank(context: RequestContext, status: { provision: string }, personId: string): Record<string, unknown> | Promise<Record<string, unknown>>;
  options(values: Record<string, unknown>): Record<string, unknown>;
  // What else the page shows about the person's position, read from the derived tables.
  about?(context: RequestContext, personId: string): Promise<Record<string, unknown>>;
  read(context: RequestContext): FormReading;
  // How the entry is written, when it is not simply appended as read.
  save?(context: RequestContext, personId: string, version: number, content: NonNullable<FormReading['content']>): Promise<unknown>;
  // The moment the entry is about, which must not be in the future.
  when?: { field: string; what: string; at(content: NonNullable<FormReading['content']>): string };
  auditWhat: string;
}

function radioItems(options: Record<string, string>, selected: unknown) {
  return Object.entries(options).map(([value, label]) => ({ value, text: label, checked: value === selected }));
}

const forms: SideForm[] = [
  {
    path: 'relatives/new',
    template: 'pages/legal/status/relative.njk',
    heading: 'Record a relative',
    purpose: "Recording a person's relative for the nearest relative",
    saved: 'relative',
    openedWhat: 'Opened the record to add a relative',
    auditWhat: 'Recorded a relative',
    blank: () => ({ name: '', relationship: '', contact: '', facts: [], dateOfBirth: { day: '', month: '', year: '', partsInError: [] }, livingWithPatientSince: { day: '', month: '', year: '', partsInError: [] } }),
    options: (values) => ({
      relationshipItems: [{ value: '', text: 'Choose a relationship' }, ...relationships.map((relationship) => ({ value: relationship, text: relationshipLabel(relationship), selected: relationship === values.relationship }))],
      factItems: Object.entries(relativeFacts).map(([value, label]) => ({ value, text: label, checked: (values.facts as string[]).includes(value) })),
    }),
    read: (context) => readRelativeForm(context.body, randomUUID(), todayInLondon(context.services.now())),
  },
  {
    path: 'nearest-relative-orders/new',
    template: 'pages/legal/status/nearest-relative-order.njk',
    heading: 'Record a delegation or displacement of the nearest relative',
    purpose: "Recording who acts as a person's nearest relative",
    saved: 'order',
    openedWhat: 'Opened the record to add a nearest relative order',
    auditWhat: 'Recorded a delegation or displacement of the nearest relative',
    blank: () => ({ kind: '', actingName: '', detail: '', from: { day: '', month: '', year: '', partsInError: [] }, to: { day: '', month: '', year: '', partsInError: [] } }),
    options: (values) => ({
      kindItems: Object.entries(nearestRelativeOrderKinds).map(([value, kind]) => ({ value, text: `${kind.label} (${kind.provision === 's29' ? 'section 29' : 'regulation 24'})`, checked: value === values.kind })),
    }),
    read: (context) => readNearestRelativeOrderForm(context.body),
  },
  {
    path: 'rights',
    template: 'pages/legal/status/rights.njk',
    heading: 'Record information about rights given',
    purpose: 'Recording information about rights given to a patient',
    saved: 'rights',
    openedWhat: 'Opened the record to record information about rights',
    auditWhat: 'Recorded information about rights given (s132/s132A)',
    blank: (_context, status) => ({ provision: status.provision === 'cto' ? 's132A' : 's132', understood: '', note: '', at: emptyDateTimeValues }),
    options: (values) => ({
      provisionItems: radioItems({ s132: 'Section 132: a detained patient', s132A: 'Section 132A: a community patient' }, values.provision),
      understoodItems: radioItems({ yes: 'Yes', no: 'No, it needs to be given again' }, values.understood),
    }),
    read: (context) => readRightsForm(context.body),
    when: { field: 'at', what: 'The time the information was given', at: (content) => (content.kind === 'rights-information-given' ? content.data.at : '') },
  },
  {
    path: 'certificates/new',
    template: 'pages/legal/status/certificate.njk',
    heading: 'Record a consent to treatment certificate',
    purpose: 'Recording a consent to treatment certificate',
    saved: 'certificate',
    openedWhat: 'Opened the record to record a certificate',
    auditWhat: 'Recorded a consent to treatment certificate',
    blank: () => ({ form: '', treatment: '', at: emptyDateTimeValues }),
    options: (values) => ({ formItems: radioItems(certificateForms, values.form) }),
    read: (context) => readCertificateForm(context.body),
    when: { field: 'at', what: 'The certificate\u2019s date and time', at: (content) => (content.kind === 'certificate-recorded' ? content.data.at : '') },
  },
  {
    path: 'tribunal-references/new',
    template: 'pages/legal/status/tribunal-reference.njk',
    heading: 'Record a reference to the tribunal',
    purpose: 'Recording a reference of a patient\u2019s case to the tribunal',
    saved: 'reference',
    openedWhat: 'Opened the record to record a reference to the tribunal',
    auditWhat: 'Recorded a reference to the tribunal',
    // Starts from the reference the law engine shows as due, if there is one.
    blank: async (context, _status, id) => {
      const [due] = await referencesDue(context, id);
      return { provision: due ? (referenceProvisionFor(due.provision) ?? '') : '', note: '', at: emptyDateTimeValues };
    },
    options: (values) => ({ provisionItems: radioItems(Object.fromEntries(Object.entries(tribunalReferenceProvisions).map(([provision, { label }]) => [provision, label])), values.provision) }),
    about: async (context, id) => ({
      referencesDue: (await referencesDue(context, id)).map((due) => ({ label: dueKindLabels[due.kind as keyof typeof dueKindLabels] ?? due.kind, moment: formatDueMoment(due.due), provision: provisionName(due.provision) })),
    }),
    read: (context) => readTribunalReferenceForm(context.body),
    // The application works out which due reference it met, and refuses a time in the future.
    save: (context, id, version, content) => {
      if (content.kind !== 'tribunal-reference-made') throw new Error(`Expected a reference to the tribunal, read ${content.kind}`);
      return recordTribunalReference(context.app(), id, version, { at: content.data.at, provision: content.data.provision, note: content.data.note });
    },
  },
];

// The references the engine shows as due and not yet recorded as made, earliest first, from the derived
// deadlines (which leave out those met).
async function referencesDue(context: RequestContext, id: string) {
  return context.services.db
    .selectFrom('legal_deadlines')
    .select(['kind', 'due', 'provision'])
    .where('person_id', '=', id)
    .where('kind', 'in', ['managers-reference-due', 'sos-reference-due'])
    .orderBy('due')
    .execute();
}

async function showForm(
  context: RequestContext,
  form: SideForm,
  id: string,
  values: Record<string, unknown> | null,
  extra: { version?: number; errors?: FormErrors; changes?: { label: string; by: string; at: string }[] } = {},
  status = 200,
) {
  const view = await viewPerson(context.app(), id, form.openedWhat);
  const name = displayName(view.state.details);
  const shown = values ?? (await form.blank(context, { provision: (await currentProvision(context, id)) ?? 'none' }, id));
  return context.render(
    form.template,
    {
      title: `${form.heading}: ${name}`,
      heading: form.heading,
      personId: id,
      personName: name,
      action: `/people/${id}/legal/${form.path}`,
      version: extra.version ?? view.state.version,
      values: shown,
      ...form.options(shown),
      ...(form.about ? await form.about(context, id) : {}),
      changes: extra.changes ?? [],
      ...(extra.errors ?? noErrors),
      backLink: `/people/${id}/legal`,
    },
    status,
  );
}

// The power in force from the derived status row, to pick the usual rights provision without a second
// audited read of the whole record.
async function currentProvision(context: RequestContext, id: string): Promise<string | null> {
  const row = await context.services.db.selectFrom('legal_status').select('provision').where('person_id', '=', id).executeTakeFirst();
  return row?.provision ?? null;
}

function formRoutes(form: SideForm): Route[] {
  return [
    {
      method: 'GET',
      url: `/people/:personId/legal/${form.path}`,
      access: 'person.write',
      person: { category: 'legal-status', change: true },
      purpose: form.purpose,
      handler: async (context) => showForm(context, form, personId(context), null),
    },
    {
      method: 'POST',
      url: `/people/:personId/legal/${form.path}`,
      access: 'person.write',
      person: { category: 'legal-status', change: true },
      purpose: form.purpose,
      handler: async (context) => {
        const id = personId(context);
        const version = expectedVersion(context);
        const reading = form.read(context);
        if (reading.content === null) return showForm(context, form, id, reading.values, { version, errors: formErrors(reading.problems, reading.fieldIds) }, 400);
        try {
          if (form.when) refuseFuture(context.app(), form.when.field, form.when.at(reading.content), form.when.what);
          if (form.save) await form.save(context, id, version, reading.content);
          else await appendLegalEntry(context.app(), id, version, reading.content, form.auditWhat);
        } catch (error) {
          if (error instanceof StaleRecord) {
            const view = await viewPerson(context.app(), id, 'Reviewed changes made since they opened the record');
            const changes = changesSince(view.chronology.map((item) => item.entry), version);
            return showForm(context, form, id, reading.values, { version: view.state.version, changes }, 409);
          }
          if (error instanceof InvalidInput) {
            return showForm(context, form, id, reading.values, { version, errors: formErrors(error.problems, reading.fieldIds) }, 400);
          }
          throw error;
        }
        return context.redirect(`/people/${id}/legal?saved=${form.saved}`);
      },
    },
  ];
}

export const legalStatusRoutes: Route[] = [
  {
    method: 'GET',
    url: '/people/:personId/legal',
    access: 'person.read',
    person: { category: 'legal-status' },
    purpose: "Reading a person's Mental Health Act status",
    handler: async (context) => {
      const app = context.app();
      const view = await viewLegalPosition(app, personId(context));
      const saved = typeof context.query.saved === 'string' ? (savedMessages[context.query.saved] ?? recordingSavedMessage(context.query.saved)) : null;
      return context.render('pages/legal/status/status.njk', { ...legalStatusPage(view, view.position.output.asOf, actorMay(app.actor, 'person.write')), saved });
    },
  },
  ...forms.flatMap(formRoutes),
];
