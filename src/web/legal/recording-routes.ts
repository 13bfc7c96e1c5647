import { inTransaction } from '../../db/transaction.ts';
import { InvalidInput, NotFound, StaleRecord } from '../../app/errors.ts';
import { appendLegalEntry, recordLegalEvent } from '../../app/legal/record-legal.ts';
import { legalPositionOf } from '../../app/legal/legal-position.ts';
import { viewPerson } from '../../app/people/view-person.ts';
import type { Provision } from '../../domain/law/contract.ts';
import { displayName } from '../../domain/people/person.ts';
import { dateTimeValues } from '../core/date-time-input.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { answerRows, formFieldNames, placementItems, readJourneyForm, sectionViews, whenField } from './recording-form.ts';
import { findJourney, journeyGroups, journeys, type Journey, type JourneyInput, type StatusSummary } from './recording-journeys.ts';
import { placementChoices } from './recording-placement.ts';
import { changesSince, expectedVersion, personIdParam as personIdOf } from '../people/record-params.ts';

// Recording what happened to a person under the Mental Health Act: a list of what can be recorded, and
// one short form per kind of event (the table in recording-journeys.ts). Each form is checked, shown
// back to the person recording it, and then written through the legal record, where the law engine
// refuses anything the Act does not allow, citing the provision, and nothing is saved.

function journeyOf(context: RequestContext): Journey {
  const journey = findJourney(context.params.journey ?? '');
  if (!journey) throw new NotFound('That kind of legal event');
  return journey;
}

const provisionDescriptions: Partial<Record<Provision, string>> = {
  none: 'not held under any power of the Act',
  informal: 'an informal patient',
  cto: 'on a community treatment order',
  guardianship: 'under guardianship',
  'conditionally-discharged': 'conditionally discharged',
};

function statusText(status: StatusSummary): string {
  const base = provisionDescriptions[status.provision] ?? `held under ${status.provision}`;
  return `${base}${status.awol ? ', absent without leave' : ''}`;
}

async function showList(context: RequestContext) {
  const id = personIdOf(context);
  const app = context.app();
  const view = await viewPerson(app, id, 'Opened the list of legal events that can be recorded');
  const position = legalPositionOf(
    view.chronology.map((item) => item.entry),
    app.now(),
  );
  const status: StatusSummary = { provision: position.output.status.provision, awol: position.output.status.awol, restricted: position.output.status.restricted };
  const link = (journey: Journey) => ({ href: `/people/${id}/legal/record/${journey.slug}`, title: journey.title, provision: journey.provision, likely: journey.likely(status) });
  // Within each group the steps likely from the current status come first; the rest stay listed, since
  // the record may be catching up with what happened, and the engine says if a step cannot be taken.
  const groups = journeyGroups.map((group) => {
    const inGroup = journeys.filter((journey) => journey.group === group.key).map(link);
    return { heading: group.heading, id: `group-${group.key}`, items: [...inGroup.filter((item) => item.likely), ...inGroup.filter((item) => !item.likely)] };
  });
  const name = displayName(view.state.details);
  return context.render('pages/legal/record/index.njk', {
    title: `Record a legal event: ${name}`,
    personId: id,
    personName: name,
    status: statusText(status),
    likely: journeys.filter((journey) => journey.likely(status)).map(link),
    groups,
    backLink: `/people/${id}/legal`,
  });
}

interface FormExtra {
  version?: number;
  errors?: FormErrors;
  changes?: ReturnType<typeof changesSince>;
  focus?: Record<string, string>;
}

async function showForm(context: RequestContext, journey: Journey, body: Record<string, unknown>, extra: FormExtra, status = 200) {
  const id = personIdOf(context);
  const app = context.app();
  const view = await viewPerson(app, id, `Opened the form to record: ${journey.title}`);
  const choices = await placementChoices(app, { hospitalsOnly: journey.placement === 'destination' });
  const name = displayName(view.state.details);
  const selectedPlacement = typeof body.placement === 'string' ? body.placement : journey.placement === 'destination' ? '' : (choices.defaultValue ?? 'none');
  return context.render(
    'pages/legal/record/form.njk',
    {
      title: `${journey.title}: ${name}`,
      personId: id,
      personName: name,
      journey: { slug: journey.slug, title: journey.title, provision: journey.provision, when: journey.when, placement: journey.placement, note: journey.note },
      version: extra.version ?? view.state.version,
      when: dateTimeValues(body, whenField),
      sections: sectionViews(journey, body),
      placementItems: journey.placement === 'none' ? [] : placementItems(choices, journey, selectedPlacement),
      note: text(body.note),
      focus: extra.focus ?? {},
      changes: extra.changes ?? [],
      ...(extra.errors ?? noErrors),
      backLink: `/people/${id}/legal/record`,
    },
    status,
  );
}

// The answers as posted, carried through the check-your-answers page in hidden fields.
function carriedFields(journey: Journey, body: Record<string, unknown>) {
  return formFieldNames(journey)
    .filter((name) => typeof body[name] === 'string' && body[name] !== '')
    .map((name) => ({ name, value: body[name] as string }));
}

function showCheck(context: RequestContext, journey: Journey, body: Record<string, unknown>, input: JourneyInput, version: number, personName: string) {
  const id = personIdOf(context);
  return context.render('pages/legal/record/check.njk', {
    title: `Check your answers: ${journey.title}`,
    personId: id,
    personName,
    journey: { slug: journey.slug, title: journey.title },
    rows: answerRows(journey, input),
    prompts: journey.prompts?.(input) ?? [],
    hidden: carriedFields(journey, body),
    version,
    backLink: `/people/${id}/legal/record/${journey.slug}`,
  });
}

async function submit(context: RequestContext) {
  const id = personIdOf(context);
  const journey = journeyOf(context);
  const app = context.app();
  const body = context.body;
  const version = expectedVersion(context);
  const step = text(body.step);
  if (step === 'change') return showForm(context, journey, body, { version });

  const choices = await placementChoices(app, { hospitalsOnly: journey.placement === 'destination' });
  const reading = readJourneyForm(app, journey, body, choices);
  if (!reading.input) return showForm(context, journey, body, { version, errors: formErrors(reading.problems, reading.fieldIds), focus: reading.fieldIds }, 400);
  const input = reading.input;

  if (step !== 'save') {
    const view = await viewPerson(app, id, `Checked the answers to record: ${journey.title}`);
    return showCheck(context, journey, body, input, version, displayName(view.state.details));
  }

  // A journey that records two things (a CTO and its conditions; a hearing and the discharge it ordered)
  // writes them in one transaction, each at the next version: if the law engine refuses the second, the
  // first is not saved either.
  const writes = journey.build(input);
  try {
    await inTransaction(app.db, async (trx) => {
      const inTrx = { ...app, db: trx };
      for (const [index, write] of writes.entries()) {
        if (write.kind === 'event') await recordLegalEvent(inTrx, id, version + index, write.data, write.auditWhat);
        else await appendLegalEntry(inTrx, id, version + index, write.content, write.auditWhat);
      }
    });
  } catch (error) {
    if (error instanceof StaleRecord) {
      const view = await viewPerson(app, id, 'Reviewed changes made since they opened the record');
      return showForm(context, journey, body, { version: view.state.version, changes: changesSince(view.chronology.map((item) => item.entry), version) }, 409);
    }
    if (error instanceof InvalidInput) {
      return showForm(context, journey, body, { version, errors: formErrors(error.problems, reading.fieldIds), focus: reading.fieldIds }, 400);
    }
    throw error;
  }
  return context.redirect(`/people/${id}/legal?saved=${journey.slug}`);
}

export const legalRecordingRoutes: Route[] = [
  {
    method: 'GET',
    url: '/people/:personId/legal/record',
    access: 'person.write',
    person: { category: 'legal-status', change: true },
    purpose: "Recording a change in a person's legal position",
    handler: showList,
  },
  {
    method: 'GET',
    url: '/people/:personId/legal/record/:journey',
    access: 'person.write',
    person: { category: 'legal-status', change: true },
    purpose: "Recording a change in a person's legal position",
    handler: async (context) => {
      const journey = journeyOf(context);
      personIdOf(context);
      return showForm(context, journey, {}, {});
    },
  },
  {
    method: 'POST',
    url: '/people/:personId/legal/record/:journey',
    access: 'person.write',
    person: { category: 'legal-status', change: true },
    purpose: "Recording a change in a person's legal position",
    handler: submit,
  },
];
