import { InvalidInput, type FieldProblem } from '../../app/errors.ts';
import { actorMay } from '../../app/policy.ts';
import { makeReferral, referralChoices } from '../../app/referrals/make-referral.ts';
import { referralInbox, referralsSent, viewReferral } from '../../app/referrals/read-referrals.ts';
import { partyName } from '../../app/referrals/referral-store.ts';
import { acknowledgeReferral, closeReferral, decideReferral, withdrawReferral } from '../../app/referrals/referral-steps.ts';
import { referralPurposeKeys, referralPurposes } from '../../domain/referrals/purposes.ts';
import { referralEnding, referralOutcomes, type ReferralOutcome } from '../../domain/referrals/referral.ts';
import { durationInWords, referralUrgencies, referralUrgencyKeys } from '../../domain/referrals/urgencies.ts';
import { idParam } from '../admin/path-ids.ts';
import { formatDateTime } from '../core/dates.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { personIdParam as personId } from '../people/record-params.ts';
import { historyItems, listRows, statusTag, summaryRows, urgencyTag } from './referral-presenter.ts';

// Referrals: a team's inbox and the referrals it has made, making a referral from a person's record, and
// one referral with the step its viewer may take. The rules and checks are in src/app/referrals/; these
// pages read forms and show what it returns.

export interface ReferralFormValues {
  purpose: string;
  urgency: string;
  // The receiver: an agency's id, or "agency id/team id" for one of its teams.
  to: string;
  asked: string;
  referrerWords: string;
}

export function referralFormValues(body: Record<string, unknown>): ReferralFormValues {
  return { purpose: text(body.purpose), urgency: text(body.urgency), to: text(body.to), asked: text(body.asked), referrerWords: text(body.referrerWords) };
}

export function receiverOf(to: string): { toAgencyId: string; toTeamId: string | null } {
  const [agencyId = '', teamId = ''] = to.split('/');
  return { toAgencyId: agencyId, toTeamId: teamId === '' ? null : teamId };
}

const emptyReferral: ReferralFormValues = { purpose: '', urgency: '', to: '', asked: '', referrerWords: '' };

async function showReferralForm(context: RequestContext, id: string, values: ReferralFormValues, errors: FormErrors = noErrors, status = 200) {
  const choices = await referralChoices(context.app(), id);
  return context.render(
    'pages/referrals/new.njk',
    {
      title: `Make a referral: ${choices.personName}`,
      personId: id,
      personName: choices.personName,
      values,
      purposeItems: referralPurposeKeys.map((purpose) => ({ value: purpose, text: referralPurposes[purpose], checked: values.purpose === purpose })),
      urgencyItems: referralUrgencyKeys.map((urgency) => {
        const standard = referralUrgencies[urgency];
        return {
          value: urgency,
          text: standard.label,
          checked: values.urgency === urgency,
          hint: { text: `Acknowledged within ${durationInWords(standard.acknowledgeWithin)}, accepted or declined within ${durationInWords(standard.decideWithin)} of sending, or escalated to the team’s lead.` },
        };
      }),
      // Each agency as a whole, then each of its teams, named with the agency.
      receiverItems: [
        { value: '', text: 'Select a team or agency' },
        ...choices.receivers.flatMap((receiver) => [
          { value: receiver.agencyId, text: `${receiver.agencyName}: the whole agency`, selected: values.to === receiver.agencyId },
          ...receiver.teams.map((team) => {
            const value = `${receiver.agencyId}/${team.id}`;
            return { value, text: `${team.name} (${receiver.agencyName})`, selected: values.to === value };
          }),
        ]),
      ],
      ...errors,
      backLink: `/people/${id}`,
    },
    status,
  );
}

interface StepForm {
  decision?: string;
  decisionReason?: string;
  outcome?: string;
  outcomeNote?: string;
  withdrawalReason?: string;
}

async function showReferral(context: RequestContext, referralId: string, extra: StepForm & { problems?: FieldProblem[] } = {}, status = 200) {
  const view = await viewReferral(context.app(), referralId);
  const { referral, can } = view;
  // A problem with a form no longer shown (someone else took a step meanwhile) links to the status.
  const errors = extra.problems
    ? formErrors(extra.problems, {
        acknowledge: 'referral-status',
        decision: can.decide ? 'decision' : 'referral-status',
        decisionReason: can.decide ? 'decisionReason' : 'referral-status',
        outcome: can.close ? 'outcome' : 'referral-status',
        outcomeNote: can.close ? 'outcomeNote' : 'referral-status',
        withdrawalReason: can.withdraw ? 'withdrawalReason' : 'referral-status',
      })
    : noErrors;
  const ending = referralEnding(referral.state);
  return context.render(
    'pages/referrals/referral.njk',
    {
      title: `Referral to ${partyName(referral.to)}`,
      referral: { id: referral.id, personName: referral.personName, asked: referral.asked, referrerWords: referral.referrerWords },
      personHref: view.seesRecord ? `/people/${referral.personId}` : null,
      receiverBeforeAcceptance: view.viewerIs === 'receiver' && !view.seesRecord,
      statusTag: statusTag(referral.state.status),
      urgencyTag: urgencyTag(referral.urgency),
      rows: summaryRows(referral, view.timer),
      ending: ending ? { heading: ending.heading, words: ending.words, by: `${ending.by}, ${formatDateTime(ending.at)}` } : null,
      history: historyItems(referral),
      // Not `can`: that name is the layout's, for the navigation.
      actions: can,
      openCaseHref: view.seesRecord && view.viewerIs === 'receiver' && referral.purpose === 'liaison-and-diversion-screening' && referral.state.decision?.decision === 'accepted' ? `/people/${referral.personId}/community-sentence/open?referralId=${referral.id}` : null,
      decisionItems: [
        { value: 'accepted', text: 'Accept the referral', hint: { text: 'Your team becomes involved with the person and sees their record as your policy allows.' }, checked: extra.decision === 'accepted' },
        { value: 'declined', text: 'Decline the referral', checked: extra.decision === 'declined' },
      ],
      outcomeItems: (Object.keys(referralOutcomes) as ReferralOutcome[]).map((outcome) => ({ value: outcome, text: referralOutcomes[outcome], checked: extra.outcome === outcome })),
      decisionReason: extra.decisionReason ?? '',
      outcomeNote: extra.outcomeNote ?? '',
      withdrawalReason: extra.withdrawalReason ?? '',
      saved: text(context.query.saved),
      ...errors,
      backLink: '/referrals',
    },
    status,
  );
}

// Takes a step; a problem with the form shows the referral again with it beside the field.
async function takeStep(context: RequestContext, step: (id: string) => Promise<void>, saved: string, extra: StepForm) {
  const id = idParam(context, 'referralId', 'The referral');
  try {
    await step(id);
  } catch (error) {
    if (error instanceof InvalidInput) return showReferral(context, id, { ...extra, problems: error.problems }, 400);
    throw error;
  }
  return context.redirect(`/referrals/${id}?saved=${saved}`);
}

export const referralRoutes: Route[] = [
  {
    method: 'GET',
    url: '/referrals',
    access: 'person.read',
    purpose: 'Reading the team’s referrals',
    handler: async (context) => {
      const app = context.app();
      const inbox = await referralInbox(app);
      const sent = await referralsSent(app);
      return context.render('pages/referrals/list.njk', {
        title: 'Referrals',
        agencyName: app.actor.agencyName,
        inbox: listRows(inbox, 'inbox'),
        sent: listRows(sent, 'sent'),
        canRefer: actorMay(app.actor, 'person.write'),
      });
    },
  },
  {
    method: 'GET',
    url: '/people/:personId/referrals/new',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: 'Making a referral',
    handler: async (context) => showReferralForm(context, personId(context), emptyReferral),
  },
  {
    method: 'POST',
    url: '/people/:personId/referrals/new',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: 'Making a referral',
    handler: async (context) => {
      const id = personId(context);
      const values = referralFormValues(context.body);
      try {
        const referralId = await makeReferral(context.app(), id, { purpose: values.purpose, urgency: values.urgency, asked: values.asked, referrerWords: values.referrerWords, ...receiverOf(values.to) });
        return context.redirect(`/referrals/${referralId}?saved=sent`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        return showReferralForm(context, id, values, formErrors(error.problems, { purpose: 'purpose', urgency: 'urgency', to: 'to', asked: 'asked', referrerWords: 'referrerWords' }), 400);
      }
    },
  },
  {
    method: 'GET',
    url: '/referrals/:referralId',
    access: 'person.read',
    purpose: 'Reading a referral',
    handler: async (context) => showReferral(context, idParam(context, 'referralId', 'The referral')),
  },
  {
    method: 'POST',
    url: '/referrals/:referralId/acknowledge',
    access: 'person.write',
    purpose: 'Acknowledging a referral',
    handler: async (context) => takeStep(context, (id) => acknowledgeReferral(context.app(), id), 'acknowledged', {}),
  },
  {
    method: 'POST',
    url: '/referrals/:referralId/decision',
    access: 'person.write',
    purpose: 'Accepting or declining a referral',
    handler: async (context) => {
      const decision = text(context.body.decision);
      const reason = text(context.body.decisionReason);
      return takeStep(context, (id) => decideReferral(context.app(), id, decision, reason), decision === 'accepted' ? 'accepted' : 'declined', { decision, decisionReason: reason });
    },
  },
  {
    method: 'POST',
    url: '/referrals/:referralId/close',
    access: 'person.write',
    purpose: 'Closing a referral with its outcome',
    handler: async (context) => {
      const outcome = text(context.body.outcome);
      const note = text(context.body.outcomeNote);
      return takeStep(context, (id) => closeReferral(context.app(), id, outcome, note), 'closed', { outcome, outcomeNote: note });
    },
  },
  {
    method: 'POST',
    url: '/referrals/:referralId/withdraw',
    access: 'person.write',
    purpose: 'Withdrawing a referral',
    handler: async (context) => {
      const reason = text(context.body.withdrawalReason);
      return takeStep(context, (id) => withdrawReferral(context.app(), id, reason), 'withdrawn', { withdrawalReason: reason });
    },
  },
];
