import { InvalidInput, NotFound } from '../../app/errors.ts';
import { actorMay } from '../../app/policy.ts';
import { consentFormChoices, listConsents, recordConsent, withdrawConsent } from '../../app/sharing/consent.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { todayInLondon } from '../core/dates.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { personIdParam as personId } from '../people/record-params.ts';
import { consentFormItems, emptyConsentForm, readConsentForm, type ConsentFormValues } from './consent-form.ts';
import { consentCards } from './consent-presenter.ts';

// The person's consent to sharing and their refusals: the list, recording a new decision, and withdrawing
// one. Reading needs the person's identity; each change is a change to their record.

async function showConsentForm(context: RequestContext, id: string, values: ConsentFormValues, errors: FormErrors = noErrors, status = 200) {
  const choices = await consentFormChoices(context.app(), id);
  return context.render(
    'pages/sharing/consent-new.njk',
    {
      title: `Record consent or a refusal: ${choices.personName}`,
      personId: id,
      personName: choices.personName,
      values,
      ...consentFormItems(values, choices.agencies),
      ...errors,
      backLink: `/people/${id}/consent`,
    },
    status,
  );
}

function consentIdParam(context: RequestContext): string {
  const id = context.params.consentId ?? '';
  if (!isUuid(id)) throw new NotFound('The consent');
  return id;
}

async function showWithdrawForm(context: RequestContext, id: string, consentId: string, values: { note: string }, errors: FormErrors = noErrors, status = 200) {
  const { personName, consents } = await listConsents(context.app(), id);
  const consent = consents.find((item) => item.id === consentId);
  if (!consent) throw new NotFound('The consent');
  const [card] = consentCards([consent], { personId: id, canWrite: false, now: context.services.now() });
  const kind = consent.decision === 'agreed' ? 'consent' : 'refusal';
  return context.render(
    'pages/sharing/consent-withdraw.njk',
    {
      title: `Withdraw a ${kind}: ${personName}`,
      personId: id,
      personName,
      consentId,
      kind,
      current: consent.current,
      card,
      values,
      ...errors,
      backLink: `/people/${id}/consent`,
    },
    status,
  );
}

export const consentRoutes: Route[] = [
  {
    method: 'GET',
    url: '/people/:personId/consent',
    access: 'person.read',
    person: { category: 'identity' },
    purpose: 'Reading a person’s consent and refusals to share',
    handler: async (context) => {
      const id = personId(context);
      const { personName, consents } = await listConsents(context.app(), id);
      const canWrite = actorMay(context.actor!, 'person.write');
      const cards = consentCards(consents, { personId: id, canWrite, now: context.services.now() });
      return context.render('pages/sharing/consent-list.njk', {
        title: `Consent to sharing: ${personName}`,
        personId: id,
        personName,
        currentCards: cards.filter((card) => card.current),
        pastCards: cards.filter((card) => !card.current),
        canWrite,
        saved: ['recorded', 'withdrawn'].includes(text(context.query.saved)) ? text(context.query.saved) : '',
        backLink: `/people/${id}`,
      });
    },
  },
  {
    method: 'GET',
    url: '/people/:personId/consent/new',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: 'Recording a person’s consent or refusal to share',
    handler: async (context) => showConsentForm(context, personId(context), emptyConsentForm),
  },
  {
    method: 'POST',
    url: '/people/:personId/consent/new',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: 'Recording a person’s consent or refusal to share',
    handler: async (context) => {
      const id = personId(context);
      const reading = readConsentForm(context.body, todayInLondon(context.services.now()));
      if (reading.input === null) return showConsentForm(context, id, reading.values, formErrors(reading.problems, reading.fieldIds), 400);
      try {
        await recordConsent(context.app(), id, reading.input);
      } catch (error) {
        if (error instanceof InvalidInput) return showConsentForm(context, id, reading.values, formErrors(error.problems, reading.fieldIds), 400);
        throw error;
      }
      return context.redirect(`/people/${id}/consent?saved=recorded`);
    },
  },
  {
    method: 'GET',
    url: '/people/:personId/consent/:consentId/withdraw',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: 'Withdrawing a person’s consent or refusal to share',
    handler: async (context) => showWithdrawForm(context, personId(context), consentIdParam(context), { note: '' }),
  },
  {
    method: 'POST',
    url: '/people/:personId/consent/:consentId/withdraw',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: 'Withdrawing a person’s consent or refusal to share',
    handler: async (context) => {
      const id = personId(context);
      const consentId = consentIdParam(context);
      const values = { note: text(context.body.note) };
      try {
        await withdrawConsent(context.app(), id, consentId, values.note);
      } catch (error) {
        if (error instanceof InvalidInput) return showWithdrawForm(context, id, consentId, values, formErrors(error.problems), 400);
        throw error;
      }
      return context.redirect(`/people/${id}/consent?saved=withdrawn`);
    },
  },
];
