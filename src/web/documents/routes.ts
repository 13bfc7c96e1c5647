import { recordDocumentOutcome } from '../../app/documents/document-outcome.ts';
import { admissionFormCode, receiveDocument, type ReceiveDocumentInput } from '../../app/documents/receive-document.ts';
import { staffWhoMaySign } from '../../app/documents/signers.ts';
import { listDocuments, originalOfDocument, viewDocument } from '../../app/documents/view-document.ts';
import { InvalidInput, NotFound, type FieldProblem } from '../../app/errors.ts';
import { viewPerson } from '../../app/people/view-person.ts';
import { formByCode, type FormDefinition } from '../../domain/documents/forms.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { documentOutcomes, type DocumentOutcome, type Placement } from '../../domain/legal/legal-entries.ts';
import { displayName } from '../../domain/people/person.ts';
import { formErrors, noErrors, text } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { noPlacementValue, placementChoices, type PlacementChoices } from '../legal/recording-placement.ts';
import { pageErrors, readSlot, recommendationChoices, slotView, type PageErrors, type SlotForm } from './document-form.ts';
import { documentListRows, documentPage, formFamilies } from './document-presenter.ts';
import { expectedVersion, personIdParam as personIdOf } from '../people/record-params.ts';

// Receiving statutory documents: choose the form from the catalogue, complete it as received (with the
// recommendations and record of admission that come with an application, and the original), and read
// it back with its scrutiny: the signers' approvals, the law engine's findings, the outcome, and the
// time left for rectification under s15.

function formOf(context: RequestContext): FormDefinition {
  const form = formByCode(context.params.formCode ?? '');
  if (form === undefined) throw new NotFound('That statutory form');
  return form;
}

function documentIdOf(context: RequestContext): string {
  const id = context.params.documentId ?? '';
  if (!isUuid(id)) throw new NotFound('The document');
  return id;
}

// ---- The documents received ----

async function showList(context: RequestContext) {
  const id = personIdOf(context);
  const list = await listDocuments(context.app(), id);
  return context.render('pages/documents/list.njk', {
    title: `Statutory documents: ${list.name}`,
    personId: id,
    personName: list.name,
    rows: documentListRows(id, list.documents),
    backLink: `/people/${id}/legal`,
  });
}

// ---- Choosing the form ----

async function showChooser(context: RequestContext) {
  const id = personIdOf(context);
  const chosen = text(context.query.form).trim();
  if (chosen !== '') {
    const form = formByCode(chosen);
    if (form !== undefined) return context.redirect(`/people/${id}/documents/new/${form.code}`);
  }
  const view = await viewPerson(context.app(), id, 'Opened the list of statutory forms to receive');
  const name = displayName(view.state.details);
  const errors = context.query.form === undefined ? noErrors : formErrors([{ field: 'form', message: 'Select the form you received' }], { form: 'form' });
  return context.render(
    'pages/documents/choose.njk',
    { title: `Receive a statutory document: ${name}`, personId: id, personName: name, families: formFamilies(chosen), ...errors, backLink: `/people/${id}/legal` },
    context.query.form === undefined ? 200 : 400,
  );
}

// ---- The form ----

// The forms on the page: the one received, and for an application the recommendation forms it came with
// (as chosen) and Form H3 Part 1.
function slotsFor(form: FormDefinition, withValue: string): SlotForm[] | null {
  const slots: SlotForm[] = [{ slot: 'document', form }];
  const spec = form.application;
  if (spec === null) return slots;
  const choices = recommendationChoices(form);
  const choice = choices.length === 1 ? choices[0] : choices.find((candidate) => candidate.value === withValue);
  if (choice === undefined) return null;
  choice.codes.forEach((code, index) => slots.push({ slot: index === 0 ? 'recommendation1' : 'recommendation2', form: formByCode(code)! }));
  if (form.feeds !== null) slots.push({ slot: 'admission', form: formByCode(admissionFormCode)!, partIds: ['admission'] });
  return slots;
}

function placementItems(choices: PlacementChoices, selected: string) {
  return [{ value: noPlacementValue, text: 'Not recorded', selected: selected === noPlacementValue }, ...choices.options.map((option) => ({ value: option.value, text: option.text, selected: option.value === selected }))];
}

interface FormPageExtra {
  version?: number;
  errors?: PageErrors;
}

async function showForm(context: RequestContext, form: FormDefinition, body: Record<string, unknown>, extra: FormPageExtra, status = 200) {
  const id = personIdOf(context);
  const app = context.app();
  const withValue = text(body.with) || text(context.query.with);
  const slots = slotsFor(form, withValue);
  const view = await viewPerson(app, id, `Opened Form ${form.code} to receive it`);
  const name = displayName(view.state.details);
  const base = { personId: id, personName: name, code: form.code, formTitle: form.title, backLink: `/people/${id}/documents/new?form=${form.code}` };
  if (slots === null) {
    const missing = context.query.with !== undefined || body.with !== undefined;
    return context.render(
      'pages/documents/recommendations.njk',
      {
        ...base,
        title: `Form ${form.code}: which recommendations came with it? ${name}`,
        items: recommendationChoices(form).map((choice) => ({ value: choice.value, text: choice.text })),
        ...(missing ? formErrors([{ field: 'with', message: 'Select the medical recommendations that came with the application' }]) : noErrors),
        backLink: `/people/${id}/documents/new?form=${form.code}`,
      },
      missing ? 400 : 200,
    );
  }
  const errors = extra.errors ?? noErrors;
  const staff = await staffWhoMaySign(app);
  const choices = form.feeds === null ? null : await placementChoices(app, { hospitalsOnly: false });
  const selectedPlacement = typeof body.placement === 'string' ? body.placement : (choices?.defaultValue ?? noPlacementValue);
  return context.render(
    'pages/documents/form.njk',
    {
      ...base,
      title: `Receive Form ${form.code}: ${name}`,
      regulation: form.regulation,
      summary: form.summary,
      engineNote: form.engineNote,
      withValue: form.application === null ? '' : withValue,
      version: extra.version ?? view.state.version,
      slots: slots.map((slot) => slotView(slot, staff, body, errors.fieldErrors)),
      placementItems: choices === null ? null : placementItems(choices, selectedPlacement),
      ...errors,
    },
    status,
  );
}

interface UploadedFile {
  filename: string;
  mimetype: string;
  content: Uint8Array;
}

// The file from a multipart form (see the multipart registration in app.ts); a file input left empty
// sends a part with no name and no content.
function uploadedFile(value: unknown): UploadedFile | null {
  if (value === null || typeof value !== 'object') return null;
  const file = value as Partial<UploadedFile>;
  if (typeof file.filename !== 'string' || !(file.content instanceof Uint8Array)) return null;
  if (file.filename === '' && file.content.byteLength === 0) return null;
  return { filename: file.filename, mimetype: typeof file.mimetype === 'string' ? file.mimetype : '', content: file.content };
}

async function submitForm(context: RequestContext) {
  const id = personIdOf(context);
  const form = formOf(context);
  const app = context.app();
  const body = context.body;
  const version = expectedVersion(context);
  const slots = slotsFor(form, text(body.with));
  if (slots === null) return showForm(context, form, body, { version }, 400);

  const problems: FieldProblem[] = [];
  const [main, ...others] = slots.map((slot) => ({ slot: slot.slot, input: readSlot(slot, body, problems) }));
  let placement: Placement | null = null;
  if (form.feeds !== null) {
    const chosen = text(body.placement);
    if (chosen !== '' && chosen !== noPlacementValue) {
      const found = (await placementChoices(app, { hospitalsOnly: false })).options.find((option) => option.value === chosen);
      if (found === undefined) problems.push({ field: 'placement', message: 'Select the hospital and ward, or that none is recorded' });
      else placement = found.placement;
    }
  }
  if (problems.length > 0) return showForm(context, form, body, { version, errors: pageErrors(problems, slots) }, 400);

  const file = uploadedFile(body.original);
  const input: ReceiveDocumentInput = {
    ...main!.input,
    recommendations: others.filter((other) => other.slot === 'recommendation1' || other.slot === 'recommendation2').map((other) => other.input),
    placement,
    attachment: file === null ? null : { filename: file.filename, mediaType: file.mimetype, content: file.content },
  };
  const admission = others.find((other) => other.slot === 'admission');
  if (admission !== undefined) input.admission = { values: admission.input.values, signers: admission.input.signers };
  try {
    const result = await receiveDocument(app, id, version, input);
    return context.redirect(`/people/${id}/documents/${result.documentId}?received=1`);
  } catch (error) {
    if (error instanceof InvalidInput) {
      const problems = error.problems.map((problem) => (problem.field === 'attachment' ? { field: 'original', message: problem.message } : problem));
      return showForm(context, form, body, { version, errors: pageErrors(problems, slots) }, 400);
    }
    throw error;
  }
}

// ---- The document as received ----

async function showDocument(context: RequestContext, extra: { errors?: ReturnType<typeof formErrors>; body?: Record<string, unknown> } = {}, status = 200) {
  const id = personIdOf(context);
  const documentId = documentIdOf(context);
  const app = context.app();
  const view = await viewDocument(app, id, documentId);
  const page = documentPage(view, app.now());
  const body = extra.body ?? {};
  return context.render(
    'pages/documents/document.njk',
    {
      ...page,
      formTitle: page.title,
      title: `Form ${page.code}: ${page.personName}`,
      received: context.query.received === '1',
      saved: context.query.saved === 'outcome',
      outcomeItems: page.outcomeItems.map((item) => ({ ...item, checked: item.value === text(body.outcome) })),
      action: text(body.action),
      ...(extra.errors ?? noErrors),
      backLink: `/people/${id}/documents`,
    },
    status,
  );
}

async function submitOutcome(context: RequestContext) {
  const id = personIdOf(context);
  const documentId = documentIdOf(context);
  const body = context.body;
  const version = expectedVersion(context);
  const outcome = text(body.outcome);
  try {
    if (!(outcome in documentOutcomes)) throw new InvalidInput([{ field: 'outcome', message: 'Select the outcome of scrutiny' }]);
    await recordDocumentOutcome(context.app(), id, version, documentId, { outcome: outcome as DocumentOutcome, action: text(body.action) });
  } catch (error) {
    if (error instanceof InvalidInput) return showDocument(context, { errors: formErrors(error.problems), body }, 400);
    throw error;
  }
  return context.redirect(`/people/${id}/documents/${documentId}?saved=outcome`);
}

// A file name for a Content-Disposition header: plain ASCII in `filename`, the exact name in `filename*`.
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

async function downloadOriginal(context: RequestContext) {
  const id = personIdOf(context);
  const documentId = documentIdOf(context);
  const original = await originalOfDocument(context.app(), id, documentId);
  return context.reply
    .code(200)
    .header('content-type', original.mediaType)
    .header('content-disposition', contentDisposition(original.filename))
    .header('content-length', String(original.content.byteLength))
    .send(Buffer.from(original.content));
}

export const documentRoutes: Route[] = [
  {
    method: 'GET',
    url: '/people/:personId/documents',
    access: 'person.read',
    person: { category: 'legal-status' },
    purpose: 'Reading the statutory documents received for a person',
    handler: showList,
  },
  {
    method: 'GET',
    url: '/people/:personId/documents/new',
    access: 'person.write',
    person: { category: 'legal-status', change: true },
    purpose: 'Receiving a statutory document',
    handler: showChooser,
  },
  {
    method: 'GET',
    url: '/people/:personId/documents/new/:formCode',
    access: 'person.write',
    person: { category: 'legal-status', change: true },
    purpose: 'Receiving a statutory document',
    handler: async (context) => showForm(context, formOf(context), {}, {}),
  },
  {
    method: 'POST',
    url: '/people/:personId/documents/new/:formCode',
    access: 'person.write',
    person: { category: 'legal-status', change: true },
    purpose: 'Receiving a statutory document',
    handler: submitForm,
  },
  {
    method: 'GET',
    url: '/people/:personId/documents/:documentId',
    access: 'person.read',
    person: { category: 'legal-status' },
    purpose: 'Reading a statutory document as received',
    handler: async (context) => showDocument(context),
  },
  {
    method: 'POST',
    url: '/people/:personId/documents/:documentId/outcome',
    access: 'person.write',
    person: { category: 'legal-status', change: true },
    purpose: 'Recording the outcome of scrutiny of a statutory document',
    handler: submitOutcome,
  },
  {
    method: 'GET',
    url: '/people/:personId/documents/:documentId/original',
    access: 'person.read',
    person: { category: 'legal-status' },
    purpose: 'Opening the original of a statutory document',
    handler: downloadOriginal,
  },
];
