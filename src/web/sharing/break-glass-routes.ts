import { breakGlass, breakGlassForReview, breakGlassSubject, recentReviews, reviewBreakGlass, unreviewedBreakGlass, type BreakGlassUse } from '../../app/sharing/break-glass.ts';
import { Conflict, InvalidInput } from '../../app/errors.ts';
import { breakGlassHourLabels, breakGlassHours, breakGlassOutcomes, maximumReasonLength, minimumReasonWords } from '../../domain/sharing/break-glass.ts';
import { formatDateTime } from '../core/dates.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { roleLabel } from '../people/person-presenter.ts';
import { personIdParam as personId } from '../people/record-params.ts';

// Emergency access (break-glass) to a person's record, and its review by the agency's information
// governance lead or Caldicott guardian. The request page shows nothing of the record: at most the
// person's name, and only when the user already knows it (see breakGlassSubject).

interface RequestValues {
  reason: string;
  hours: string;
}

const hourItems = (selected: string) => breakGlassHours.map((hours) => ({ value: String(hours), text: breakGlassHourLabels[hours], checked: String(hours) === selected }));

async function showRequest(context: RequestContext, values: RequestValues, extra: { errors?: FormErrors; refusal?: string } = {}, status = 200) {
  const id = personId(context);
  const subject = await breakGlassSubject(context.app(), id);
  const involved = subject.relationship === 'involved';
  return context.render(
    'pages/sharing/break-glass-request.njk',
    {
      title: subject.personName ? `Emergency access to ${subject.personName}’s record` : 'Emergency access to a person’s record',
      personId: id,
      personName: subject.personName,
      involved,
      currentEndsAt: subject.currentEndsAt ? formatDateTime(subject.currentEndsAt) : null,
      refusal: extra.refusal ?? null,
      values,
      hourItems: hourItems(values.hours),
      maximumReasonLength,
      minimumReasonWords,
      ...(extra.errors ?? noErrors),
      backLink: '/people',
    },
    status,
  );
}

function useRow(use: BreakGlassUse) {
  return {
    id: use.id,
    personName: use.personName,
    userLabel: use.userLabel,
    role: roleLabel(use.role),
    reason: use.reason,
    startsAt: formatDateTime(use.startsAt),
    endsAt: formatDateTime(use.endsAt),
    running: use.running,
    actionsDuring: use.actionsDuring,
    review: use.review && { by: use.review.by, at: formatDateTime(use.review.at), outcome: use.review.outcome, outcomeLabel: use.review.outcomeLabel, note: use.review.note },
  };
}

const outcomeItems = (selected: string) => Object.entries(breakGlassOutcomes).map(([value, label]) => ({ value, text: label, checked: value === selected }));

async function showReview(context: RequestContext, values: { outcome: string; note: string }, extra: { errors?: FormErrors; refusal?: string } = {}, status = 200) {
  const breakGlassId = context.params.breakGlassId ?? '';
  const { use, activity } = await breakGlassForReview(context.app(), breakGlassId);
  return context.render(
    'pages/sharing/break-glass-review.njk',
    {
      title: `Review emergency access by ${use.userLabel}`,
      use: useRow(use),
      ownUse: use.userId === context.actor?.userId,
      activity: activity.map((item) => [{ text: formatDateTime(item.at) }, { text: item.what }, { text: item.purpose }]),
      refusal: extra.refusal ?? null,
      values,
      outcomeItems: outcomeItems(values.outcome),
      ...(extra.errors ?? noErrors),
      backLink: '/break-glass/review',
    },
    status,
  );
}

export const breakGlassRoutes: Route[] = [
  {
    method: 'GET',
    url: '/people/:personId/break-glass',
    access: 'person.read',
    person: { category: 'identity', emergency: true },
    purpose: 'Asking for emergency access (break-glass) to a person’s record',
    handler: async (context) => showRequest(context, { reason: '', hours: '' }),
  },
  {
    method: 'POST',
    url: '/people/:personId/break-glass',
    access: 'person.read',
    person: { category: 'identity', emergency: true },
    purpose: 'Emergency access (break-glass) to a person’s record',
    handler: async (context) => {
      const id = personId(context);
      const values = { reason: text(context.body.reason), hours: text(context.body.hours) };
      try {
        await breakGlass(context.app(), id, values);
      } catch (error) {
        if (error instanceof InvalidInput) return showRequest(context, values, { errors: formErrors(error.problems, { hours: 'hours' }) }, 400);
        if (error instanceof Conflict) return showRequest(context, values, { refusal: error.message }, 409);
        throw error;
      }
      return context.redirect(`/people/${id}`);
    },
  },
  {
    method: 'GET',
    url: '/break-glass/review',
    access: 'break-glass.review',
    purpose: 'Reviewing emergency access (break-glass) to records',
    handler: async (context) => {
      const app = context.app();
      const awaiting = await unreviewedBreakGlass(app);
      const reviewed = await recentReviews(app);
      return context.render('pages/sharing/break-glass-queue.njk', {
        title: 'Emergency access to review',
        awaiting: awaiting.map(useRow),
        reviewed: reviewed.map(useRow),
        saved: text(context.query.saved) === 'review',
      });
    },
  },
  {
    method: 'GET',
    url: '/break-glass/:breakGlassId/review',
    access: 'break-glass.review',
    purpose: 'Reviewing emergency access (break-glass) to records',
    handler: async (context) => showReview(context, { outcome: '', note: '' }),
  },
  {
    method: 'POST',
    url: '/break-glass/:breakGlassId/review',
    access: 'break-glass.review',
    purpose: 'Reviewing emergency access (break-glass) to records',
    handler: async (context) => {
      const values = { outcome: text(context.body.outcome), note: text(context.body.note) };
      try {
        await reviewBreakGlass(context.app(), context.params.breakGlassId ?? '', values);
      } catch (error) {
        if (error instanceof InvalidInput) return showReview(context, values, { errors: formErrors(error.problems, { outcome: 'outcome' }) }, 400);
        if (error instanceof Conflict) return showReview(context, values, { refusal: error.message }, 409);
        throw error;
      }
      return context.redirect('/break-glass/review?saved=review');
    },
  },
];
