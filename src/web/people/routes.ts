import { z } from 'zod';
import { personAccessHistory } from '../../app/people/access-history.ts';
import { amendPersonDetails, correctEntry, recordOwnWords } from '../../app/people/change-person.ts';
import { parseSearchText, searchPeople, searchTermsAreEmpty } from '../../app/people/find-people.ts';
import { parsePersonDetails, parseWith } from '../../app/people/person-input.ts';
import { registerPerson } from '../../app/people/register-person.ts';
import { noteSchema, recordNote } from '../../app/people/record-note.ts';
import { recordCategories } from '../../domain/record/categories.ts';
import { viewPerson } from '../../app/people/view-person.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { InvalidInput, NotFound, StaleRecord, type FieldProblem } from '../../app/errors.ts';
import { actorMay } from '../../app/policy.ts';
import {
  correctableKinds,
  displayName,
  entryKindLabels,
  noteCategories,
  ownWordsSources,
  personDetailLabels,
  type PersonDetails,
} from '../../domain/people/person.ts';
import { formatDateTime, todayInLondon } from '../core/dates.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { authorLine, chronologyItems, detailRows, roleLabel } from './person-presenter.ts';
import { personFieldIds, personFormValues, personInputFromForm, valuesFromDetails, type PersonFormValues } from './person-form.ts';
import { changesSince, expectedVersion, personIdParam as personId } from './record-params.ts';
import { shownAsRestricted } from '../../app/restricted/case-view.ts';

// Reads the person form; returns the details or every problem found, the date's included.
function readPersonForm(context: RequestContext, values: PersonFormValues): { details: PersonDetails | null; problems: FieldProblem[] } {
  const { raw, dateProblem } = personInputFromForm(values);
  const parsed = parsePersonDetails(raw, todayInLondon(context.services.now()));
  const problems = [...(dateProblem ? [dateProblem] : []), ...(parsed.ok ? [] : parsed.problems.filter((problem) => !(dateProblem && problem.field === 'dateOfBirth')))];
  const order = ['givenNames', 'familyName', 'preferredName', 'otherNames', 'dateOfBirth', ...Object.keys(personDetailLabels)];
  problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  return { details: parsed.ok && problems.length === 0 ? parsed.value : null, problems };
}

// The record as it is now and what changed after the version the user had open: shown when their save
// was refused as stale, so they can review before saving again.
async function reviewSince(context: RequestContext, id: string, version: number) {
  const view = await viewPerson(context.app(), id, 'Reviewed changes made since they opened the record');
  return { version: view.state.version, name: displayName(view.state.details), changes: changesSince(view.chronology.map((item) => item.entry), version) };
}

async function showAddForm(context: RequestContext, values: Partial<PersonFormValues>, errors: FormErrors = noErrors, status = 200) {
  return context.render('pages/people/new.njk', { title: 'Add a person', values, ...errors, backLink: '/people' }, status);
}

async function showDetailsForm(
  context: RequestContext,
  id: string,
  values: Partial<PersonFormValues>,
  extra: { version: number; name: string; errors?: FormErrors; changes?: ReturnType<typeof changesSince>; reason?: string },
  status = 200,
) {
  return context.render(
    'pages/people/details.njk',
    {
      title: `Change details for ${extra.name}`,
      personId: id,
      personName: extra.name,
      values,
      version: extra.version,
      reason: extra.reason ?? '',
      changes: extra.changes ?? [],
      ...(extra.errors ?? noErrors),
      backLink: `/people/${id}`,
    },
    status,
  );
}

// The own-words form, for the person as the record now stands; `version` is the one the user is working
// from (the current one unless their save was refused as stale and they are reviewing).
async function showOwnWordsForm(
  context: RequestContext,
  id: string,
  values: { words: string; source: string },
  extra: { version?: number; errors?: FormErrors; changes?: ReturnType<typeof changesSince> },
  status = 200,
) {
  const view = await viewPerson(context.app(), id, 'Opened the record to write down their own words');
  const name = displayName(view.state.details);
  return context.render(
    'pages/people/own-words.njk',
    {
      title: `In their own words: ${name}`,
      personId: id,
      personName: name,
      version: extra.version ?? view.state.version,
      values,
      sourceItems: ownWordsSourceItems(values.source),
      changes: extra.changes ?? [],
      ...(extra.errors ?? noErrors),
      backLink: `/people/${id}`,
    },
    status,
  );
}

// The note form, offering only the kinds of information the writer's own policy lets them see.
async function showNoteForm(
  context: RequestContext,
  id: string,
  values: { category: string; text: string },
  extra: { version?: number; errors?: FormErrors; changes?: ReturnType<typeof changesSince> },
  status = 200,
) {
  const view = await viewPerson(context.app(), id, 'Opened the record to write a note');
  const name = displayName(view.state.details);
  const categoryItems = noteCategories
    .filter((category) => view.access.system || view.access.categories.has(category))
    .map((category) => ({ value: category, text: recordCategories[category], checked: category === values.category }));
  return context.render(
    'pages/people/note.njk',
    { title: `Write a note: ${name}`, personId: id, personName: name, version: extra.version ?? view.state.version, values, categoryItems, changes: extra.changes ?? [], ...(extra.errors ?? noErrors), backLink: `/people/${id}` },
    status,
  );
}

const ownWordsSchema = z.object({
  words: z
    .string({ error: 'Enter what the person wants, in their own words' })
    .trim()
    .min(1, { error: 'Enter what the person wants, in their own words' })
    .max(5000, { error: 'Their words must be 5000 characters or fewer' }),
  source: z.enum(['said-to-staff', 'written-by-person', 'through-advocate'], { error: 'Select how they gave their words' }),
});

const reasonSchema = z
  .string()
  .trim()
  .max(1000, { error: 'Reason must be 1000 characters or fewer' })
  .optional()
  .transform((value) => (value ? value : null));

const ownWordsSourceItems = (selected: string) =>
  Object.entries(ownWordsSources).map(([value, label]) => ({ value, text: label, checked: value === selected }));

export const peopleRoutes: Route[] = [
  {
    method: 'GET',
    url: '/people',
    access: 'person.read',
    purpose: 'Finding a person',
    handler: async (context) => {
      const query = text(context.query.q).trim().slice(0, 200);
      const terms = parseSearchText(query);
      const searched = query !== '';
      const errors = searched && searchTermsAreEmpty(terms) ? formErrors([{ field: 'q', message: 'Enter a name, date of birth or identifier to search for' }]) : noErrors;
      const results = searched && errors.errors.length === 0 ? await searchPeople(context.app(), terms) : [];
      return context.render('pages/people/find.njk', { title: searched ? `Search results for ${query}` : 'Find a person', query, searched, results, ...errors }, errors.errors.length ? 400 : 200);
    },
  },
  {
    method: 'GET',
    url: '/people/new',
    access: 'person.write',
    purpose: 'Adding a person',
    handler: async (context) => showAddForm(context, {}),
  },
  {
    method: 'POST',
    url: '/people',
    access: 'person.write',
    purpose: 'Adding a person',
    handler: async (context) => {
      const values = personFormValues(context.body);
      const { details, problems } = readPersonForm(context, values);
      if (!details) return showAddForm(context, values, formErrors(problems, personFieldIds), 400);
      const outcome = await registerPerson(context.app(), details, { confirmedNewPerson: text(context.body.confirmedNewPerson) === 'yes' });
      if (outcome.kind === 'possible-matches') {
        return context.render('pages/people/possible-matches.njk', { title: 'This person may already be on Accord', values, matches: outcome.matches, name: displayName(details) }, 409);
      }
      return context.redirect(`/people/${outcome.personId}`);
    },
  },
  {
    method: 'GET',
    url: '/people/:personId',
    access: 'person.read',
    person: { category: 'identity', disclosedView: true },
    purpose: "Reading a person's record",
    handler: async (context) => {
      const id = personId(context);
      const view = await viewPerson(context.app(), id);
      const actor = context.actor!;
      const fullAccess = view.access.relationship === 'involved' || view.access.relationship === 'break-glass';
      // Changing the record needs involvement (or break-glass) and the identity category, never a disclosure.
      const canWrite = actorMay(actor, 'person.write') && fullAccess && view.access.categories.has('identity');
      return context.render('pages/people/summary.njk', {
        title: displayName(view.state.details),
        personId: id,
        details: view.state.details,
        ownWords: view.state.ownWords && { ...view.state.ownWords, recordedAt: view.state.ownWords.recordedAt.toString() },
        rows: detailRows(view.state.details, canWrite ? `/people/${id}/details` : null),
        timeline: chronologyItems(view, { personId: id, canCorrect: canWrite }),
        canWrite,
        fullAccess,
        relationship: view.access.relationship,
        identityVisible: view.identityVisible,
        hiddenEntries: view.hiddenEntries,
        seesLegalStatus: view.access.categories.has('legal-status'),
        restricted: fullAccess && view.access.categories.has('legal-status') && (await shownAsRestricted(context.services.db, id)),
        canSeeAccessHistory: actorMay(actor, 'person.access-history'),
        saved: text(context.query.saved),
      });
    },
  },
  {
    method: 'GET',
    url: '/people/:personId/details',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: "Changing a person's details",
    handler: async (context) => {
      const id = personId(context);
      const view = await viewPerson(context.app(), id, "Opened the person's details to change them");
      return showDetailsForm(context, id, valuesFromDetails(view.state.details), { version: view.state.version, name: displayName(view.state.details) });
    },
  },
  {
    method: 'POST',
    url: '/people/:personId/details',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: "Changing a person's details",
    handler: async (context) => {
      const id = personId(context);
      const version = expectedVersion(context);
      const values = personFormValues(context.body);
      const reason = reasonSchema.safeParse(context.body.reason);
      const { details, problems } = readPersonForm(context, values);
      const allProblems = [...problems, ...(reason.success ? [] : [{ field: 'reason', message: reason.error.issues[0]!.message }])];
      const name = `${values.givenNames} ${values.familyName}`.trim();
      if (!details || !reason.success) {
        return showDetailsForm(context, id, values, { version, name, errors: formErrors(allProblems, personFieldIds), reason: text(context.body.reason) }, 400);
      }
      try {
        await amendPersonDetails(context.app(), id, version, details, reason.data);
      } catch (error) {
        if (error instanceof StaleRecord) {
          return showDetailsForm(context, id, values, { ...(await reviewSince(context, id, version)), reason: text(context.body.reason) }, 409);
        }
        if (error instanceof InvalidInput) {
          return showDetailsForm(context, id, values, { version, name, errors: formErrors(error.problems, personFieldIds), reason: text(context.body.reason) }, 400);
        }
        throw error;
      }
      return context.redirect(`/people/${id}?saved=details`);
    },
  },
  {
    method: 'GET',
    url: '/people/:personId/notes/new',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: 'Writing a note in a person’s record',
    handler: async (context) => showNoteForm(context, personId(context), { category: '', text: '' }, {}),
  },
  {
    method: 'POST',
    url: '/people/:personId/notes/new',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: 'Writing a note in a person’s record',
    handler: async (context) => {
      const id = personId(context);
      const version = expectedVersion(context);
      const values = { category: text(context.body.category), text: text(context.body.text) };
      const parsed = parseWith(noteSchema, context.body);
      if (!parsed.ok) return showNoteForm(context, id, values, { version, errors: formErrors(parsed.problems, { category: 'category' }) }, 400);
      try {
        await recordNote(context.app(), id, version, parsed.value);
      } catch (error) {
        if (error instanceof StaleRecord) {
          const review = await reviewSince(context, id, version);
          return showNoteForm(context, id, values, { version: review.version, changes: review.changes }, 409);
        }
        throw error;
      }
      return context.redirect(`/people/${id}?saved=note`);
    },
  },
  {
    method: 'GET',
    url: '/people/:personId/own-words',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: "Recording a person's wishes in their own words",
    handler: async (context) => showOwnWordsForm(context, personId(context), { words: '', source: '' }, {}),
  },
  {
    method: 'POST',
    url: '/people/:personId/own-words',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: "Recording a person's wishes in their own words",
    handler: async (context) => {
      const id = personId(context);
      const version = expectedVersion(context);
      const values = { words: text(context.body.words), source: text(context.body.source) };
      const parsed = parseWith(ownWordsSchema, context.body);
      if (!parsed.ok) return showOwnWordsForm(context, id, values, { version, errors: formErrors(parsed.problems, { source: 'source' }) }, 400);
      try {
        await recordOwnWords(context.app(), id, version, parsed.value);
      } catch (error) {
        if (error instanceof StaleRecord) {
          const review = await reviewSince(context, id, version);
          return showOwnWordsForm(context, id, values, { version: review.version, changes: review.changes }, 409);
        }
        throw error;
      }
      return context.redirect(`/people/${id}?saved=own-words`);
    },
  },
  {
    method: 'GET',
    url: '/people/:personId/entries/:entryId/correction',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: 'Correcting an entry in a person’s record',
    handler: async (context) => correctionPage(context, null),
  },
  {
    method: 'POST',
    url: '/people/:personId/entries/:entryId/correction',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: 'Correcting an entry in a person’s record',
    handler: async (context) => correctionPage(context, context.body),
  },
  {
    method: 'GET',
    url: '/people/:personId/access-history',
    access: 'person.access-history',
    person: { category: 'identity', oversight: true },
    purpose: "Reviewing who accessed a person's record",
    handler: async (context) => {
      const id = personId(context);
      const page = Math.max(1, Math.min(10_000, Number.parseInt(text(context.query.page), 10) || 1));
      const history = await personAccessHistory(context.app(), id, page);
      const name = history.personName;
      return context.render('pages/people/access-history.njk', {
        title: `Access history: ${name}`,
        personId: id,
        personName: name,
        page,
        hasMore: history.hasMore,
        rows: history.entries.map((entry) => [
          { text: formatDateTime(entry.at) },
          { text: entry.who },
          { text: entry.role ? roleLabel(entry.role) : '' },
          { text: entry.agency ?? '' },
          { text: entry.what },
          { text: entry.purpose },
        ]),
        backLink: `/people/${id}`,
      });
    },
  },
];

function isCorrectable(kind: string): kind is (typeof correctableKinds)[number] {
  return (correctableKinds as readonly string[]).includes(kind);
}

// Shows, or takes, the correction of one entry: a new entry that supersedes it, with a reason.
async function correctionPage(context: RequestContext, body: Record<string, unknown> | null) {
  const id = personId(context);
  const entryId = context.params.entryId ?? '';
  if (!isUuid(entryId)) throw new NotFound('The entry');
  const view = await viewPerson(context.app(), id, 'Opened an entry to correct it');
  const target = view.chronology.find((item) => item.entry.id === entryId)?.entry;
  if (!target) throw new NotFound('The entry');
  if (target.content.kind === 'correction') {
    throw new InvalidInput([{ field: 'entryId', message: 'This entry is itself a correction: correct the original entry instead' }]);
  }
  const kind = target.content.kind;
  if (!isCorrectable(kind)) {
    throw new InvalidInput([{ field: 'entryId', message: 'A legal entry is not rewritten: record what actually happened as a new entry, and the law engine takes both in order' }]);
  }
  const name = displayName(view.state.details);
  const shownFields: string[] =
    kind === 'person-registered' ? Object.keys(personDetailLabels) : kind === 'details-amended' ? Object.keys(target.content.data) : [];
  const originalValues: Record<string, string> =
    kind === 'own-words-recorded'
      ? { words: target.content.data.words, source: target.content.data.source }
      : valuesFromDetails({ ...view.state.details, ...(target.content.data as Partial<PersonDetails>) });

  const render = (values: Record<string, string>, errors: FormErrors, version: number, status: number, changes: ReturnType<typeof changesSince> = []) =>
    context.render(
      'pages/people/correction.njk',
      {
        title: `Correct an entry: ${name}`,
        personId: id,
        personName: name,
        entryId,
        entryLabel: entryKindLabels[kind],
        entryBy: authorLine(target),
        entryAt: target.recordedAt.toString(),
        kind,
        shownFields,
        values,
        sourceItems: ownWordsSourceItems(values.source ?? ''),
        version,
        changes,
        ...errors,
        backLink: `/people/${id}`,
      },
      status,
    );

  if (body === null) return render(originalValues, noErrors, view.state.version, 200);

  const version = expectedVersion(context);
  const reason = text(body.reason).trim();
  const problems: FieldProblem[] = [];
  let values: Record<string, string>;
  let correction;
  if (kind === 'own-words-recorded') {
    values = { words: text(body.words), source: text(body.source), reason: text(body.reason) };
    const parsed = parseWith(ownWordsSchema, body);
    if (parsed.ok) correction = { correctedKind: kind, replacement: parsed.value } as const;
    else problems.push(...parsed.problems);
  } else {
    // Fields not shown keep their current values, so only the corrected entry's own fields are read.
    const formValues = { ...valuesFromDetails(view.state.details), ...personFormValues(body) };
    for (const field of Object.keys(formValues) as (keyof PersonFormValues)[]) {
      const source = field.startsWith('dateOfBirth') ? 'dateOfBirth' : field;
      if (!shownFields.includes(source)) formValues[field] = valuesFromDetails(view.state.details)[field];
    }
    values = { ...formValues, reason: text(body.reason) };
    const { details, problems: detailProblems } = readPersonForm(context, formValues);
    problems.push(...detailProblems.filter((problem) => shownFields.includes(problem.field)));
    if (details && problems.length === 0) {
      correction =
        kind === 'person-registered'
          ? ({ correctedKind: kind, replacement: details } as const)
          : ({ correctedKind: kind, replacement: Object.fromEntries(shownFields.map((field) => [field, details[field as keyof PersonDetails]])) } as const);
    }
  }
  if (reason === '') problems.push({ field: 'reason', message: 'Enter why this entry is being corrected' });
  else if (reason.length > 1000) problems.push({ field: 'reason', message: 'Reason must be 1000 characters or fewer' });
  if (problems.length > 0 || !correction) return render(values, formErrors(problems, { ...personFieldIds, source: 'source' }), version, 400);
  try {
    await correctEntry(context.app(), id, version, entryId, correction, reason);
  } catch (error) {
    if (error instanceof StaleRecord) {
      return render(values, noErrors, view.state.version, 409, changesSince(view.chronology.map((item) => item.entry), version));
    }
    throw error;
  }
  return context.redirect(`/people/${id}?saved=correction`);
}
