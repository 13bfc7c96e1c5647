import { InvalidInput, type FieldProblem } from '../../app/errors.ts';
import { actorMay } from '../../app/policy.ts';
import {
  awaitingMyApproval,
  decideDisclosure,
  disclosedToMyAgency,
  disclosureChoices,
  disclosuresAbout,
  proposeDisclosure,
  viewDisclosure,
  withdrawDisclosure,
  type DisclosureChoices,
} from '../../app/sharing/disclosures.ts';
import { approverLabel, latestLastDay } from '../../domain/sharing/disclosure.ts';
import { basisRequirement, lawfulBases, lawfulBasisKeys, type LawfulBasis } from '../../domain/sharing/lawful-bases.ts';
import { idParam } from '../admin/path-ids.ts';
import { dateInputFocus, dateInputItems, emptyDateInput, readDateInput, type DateInputReading } from '../admin/date-input.ts';
import { formatDate, formatDateTime } from '../core/dates.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { escapeHtml } from '../people/person-presenter.ts';
import { personIdParam as personId } from '../people/record-params.ts';
import { disclosureRows, entryHeading, entrySummary, entryText, itemsLine, lastDayOf, recipientLine, statusSentence, statusTag } from './disclosure-presenter.ts';

// Disclosures: proposing one from a person's record, the person's disclosures, the approver's queue and
// the recipient's list, one disclosure with its decision and withdrawal. The rules and the checks are in
// src/app/sharing/disclosures.ts; these pages read forms and show what it returns.

export interface ProposalFormValues {
  basis: string;
  justification: string;
  items: string[];
  recipientAgencyId: string;
  recipientTeamId: string;
  purpose: string;
}

const identityItem = 'identity';

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

export function proposalFormValues(body: Record<string, unknown>): ProposalFormValues {
  return {
    basis: text(body.basis),
    justification: text(body.justification),
    items: listOf(body.items),
    recipientAgencyId: text(body.recipientAgencyId),
    recipientTeamId: text(body.recipientTeamId),
    purpose: text(body.purpose),
  };
}

const emptyProposal: ProposalFormValues = { basis: '', justification: '', items: [], recipientAgencyId: '', recipientTeamId: '', purpose: '' };

function proposalFieldIds(expiresOn: Pick<DateInputReading, 'partsInError'>): Record<string, string> {
  return {
    basis: 'basis',
    justification: 'justification',
    items: 'items',
    recipientAgencyId: 'recipientAgencyId',
    recipientTeamId: 'recipientTeamId',
    purpose: 'purpose',
    expiresOn: dateInputFocus('expiresOn', expiresOn),
  };
}

function basisNeeds(basis: LawfulBasis): string | null {
  const requirement = basisRequirement[basis];
  if (requirement.field === 'consent') return 'the person’s current consent on record, covering the recipient and every item';
  if (requirement.field === null) return null;
  return requirement.label.charAt(0).toLowerCase() + requirement.label.slice(1);
}

async function showProposalForm(
  context: RequestContext,
  id: string,
  values: ProposalFormValues,
  expiresOn: Pick<DateInputReading, 'values' | 'partsInError'>,
  errors: FormErrors = noErrors,
  status = 200,
) {
  const choices: DisclosureChoices = await disclosureChoices(context.app(), id);
  const now = context.services.now();
  return context.render(
    'pages/sharing/disclosure-new.njk',
    {
      title: `Propose a disclosure: ${choices.personName}`,
      personId: id,
      personName: choices.personName,
      values,
      // What each basis needs is said in its hint, and the one justification box follows the choice. A box
      // revealed by each choice (GOV.UK's conditional reveal) marks the radios with aria-expanded, which
      // ARIA does not allow on a radio (WCAG 2.2 4.1.2), so it is not used.
      basisItems: lawfulBasisKeys.map((basis) => {
        const approver = choices.approvers[basis];
        const needs = basisNeeds(basis);
        return {
          value: basis,
          text: lawfulBases[basis],
          checked: values.basis === basis,
          hint: { text: `${approver ? `Approved by the ${approverLabel(approver)}.` : 'No role is set to approve disclosures on this basis, so one cannot be saved.'}${needs ? ` Needs: ${needs}.` : ''}` },
        };
      }),
      entryItems: choices.entries.map((entry) => ({
        value: entry.id,
        text: entryHeading(entry),
        hint: { html: `${escapeHtml(entrySummary(entry.content))}<br>Recorded by ${escapeHtml(entry.author.agencyName)}` },
        checked: values.items.includes(entry.id),
      })),
      identityChecked: values.items.includes(identityItem),
      agencyItems: [{ value: '', text: 'Select an agency' }, ...choices.agencies.map((agency) => ({ value: agency.id, text: agency.name, selected: agency.id === values.recipientAgencyId }))],
      teamItems: [
        { value: '', text: 'No team: the whole agency' },
        ...choices.teams.map((team) => ({ value: team.id, text: `${team.name} (${team.agencyName})`, selected: team.id === values.recipientTeamId })),
      ],
      expiresOnItems: dateInputItems(expiresOn),
      latestLastDay: formatDate(latestLastDay(now)),
      ...errors,
      backLink: `/people/${id}/disclosures`,
    },
    status,
  );
}

async function showDisclosure(context: RequestContext, disclosureId: string, extra: { problems?: FieldProblem[]; decision?: string; decisionNote?: string; withdrawalNote?: string } = {}, status = 200) {
  const view = await viewDisclosure(context.app(), disclosureId);
  const { disclosure } = view;
  // A problem with a form no longer shown (the proposal was decided or withdrawn meanwhile) links to the status.
  const errors = extra.problems
    ? formErrors(extra.problems, {
        decision: view.canDecide ? 'decision' : 'disclosure-status',
        decisionNote: view.canDecide ? 'decisionNote' : 'disclosure-status',
        withdrawalNote: view.canWithdraw ? 'withdrawalNote' : 'disclosure-status',
      })
    : noErrors;
  const seesRecord = view.readerIs === 'record-reader' || view.readerIs === 'system' || (view.readerIs === 'recipient' && disclosure.status === 'approved');
  return context.render(
    'pages/sharing/disclosure-view.njk',
    {
      title: `Disclosure to ${recipientLine(disclosure)}`,
      disclosure: { id: disclosure.id, personId: disclosure.personId, personName: disclosure.personName, identity: disclosure.identity },
      personHref: seesRecord ? `/people/${disclosure.personId}` : null,
      statusTag: statusTag(disclosure.status),
      rows: disclosureRows(disclosure),
      items: view.items.map((item) => ({
        heading: entryHeading(item),
        author: item.authorAgencyName,
        text: item.entry ? entryText(item.entry.content) : null,
      })),
      shownToDecide: view.shownToDecide > 0,
      canDecide: view.canDecide,
      canWithdraw: view.canWithdraw,
      decisionItems: [
        { value: 'approved', text: 'Approve the disclosure', checked: extra.decision === 'approved' },
        { value: 'refused', text: 'Refuse the disclosure', checked: extra.decision === 'refused' },
      ],
      decisionNote: extra.decisionNote ?? '',
      withdrawalNote: extra.withdrawalNote ?? '',
      saved: text(context.query.saved),
      ...errors,
      backLink: view.readerIs === 'record-reader' ? `/people/${disclosure.personId}/disclosures` : '/disclosures',
    },
    status,
  );
}

// Runs a decision or withdrawal; a problem with the form shows the disclosure again with it beside the field.
async function changeDisclosure(context: RequestContext, change: (id: string) => Promise<void>, saved: string, extra: { decision?: string; decisionNote?: string; withdrawalNote?: string }) {
  const id = idParam(context, 'disclosureId', 'The disclosure');
  try {
    await change(id);
  } catch (error) {
    if (error instanceof InvalidInput) {
      return showDisclosure(context, id, { ...extra, problems: error.problems }, 400);
    }
    throw error;
  }
  return context.redirect(`/disclosures/${id}?saved=${saved}`);
}

export const disclosureRoutes: Route[] = [
  {
    method: 'GET',
    url: '/people/:personId/disclosures',
    access: 'person.read',
    person: { category: 'identity' },
    purpose: 'Reading the disclosures about a person',
    handler: async (context) => {
      const id = personId(context);
      const { personName, disclosures } = await disclosuresAbout(context.app(), id);
      return context.render('pages/sharing/disclosure-list.njk', {
        title: `Disclosures: ${personName}`,
        personId: id,
        personName,
        canPropose: actorMay(context.actor!, 'person.write'),
        rows: disclosures.map((disclosure) => ({
          href: `/disclosures/${disclosure.id}`,
          recipient: recipientLine(disclosure),
          from: disclosure.fromAgencyName,
          basis: disclosure.basisLabel,
          items: itemsLine(disclosure),
          proposedAt: formatDateTime(disclosure.proposedAt),
          lastDay: lastDayOf(disclosure.expiresAt),
          status: statusTag(disclosure.status),
        })),
        backLink: `/people/${id}`,
      });
    },
  },
  {
    method: 'GET',
    url: '/people/:personId/disclosures/new',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: 'Proposing a disclosure',
    handler: async (context) => showProposalForm(context, personId(context), emptyProposal, emptyDateInput()),
  },
  {
    method: 'POST',
    url: '/people/:personId/disclosures/new',
    access: 'person.write',
    person: { category: 'identity', change: true },
    purpose: 'Proposing a disclosure',
    handler: async (context) => {
      const id = personId(context);
      const values = proposalFormValues(context.body);
      const expiresOn = readDateInput(context.body, { field: 'expiresOn', label: 'Last day the disclosure holds', required: true });
      try {
        const disclosureId = await proposeDisclosure(context.app(), id, {
          basis: values.basis,
          justification: values.justification,
          purpose: values.purpose,
          recipientAgencyId: values.recipientAgencyId,
          recipientTeamId: values.recipientTeamId === '' ? null : values.recipientTeamId,
          entryIds: values.items.filter((item) => item !== identityItem),
          identity: values.items.includes(identityItem),
          lastDay: expiresOn.isoDate === null ? null : Temporal.PlainDate.from(expiresOn.isoDate),
        });
        return context.redirect(`/disclosures/${disclosureId}?saved=proposed`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        // The date boxes' own problem (a missing part, an impossible date) says more than "enter the date".
        const problems: FieldProblem[] = error.problems.map((problem) => (problem.field === 'expiresOn' && expiresOn.problem ? expiresOn.problem : problem));
        return showProposalForm(context, id, values, expiresOn, formErrors(problems, proposalFieldIds(expiresOn)), 400);
      }
    },
  },
  {
    method: 'GET',
    url: '/disclosures',
    access: 'signed-in',
    purpose: 'Reading disclosures awaiting approval and disclosures to the agency',
    handler: async (context) => {
      const app = context.app();
      const awaiting = await awaitingMyApproval(app);
      const disclosed = actorMay(app.actor, 'person.read') ? await disclosedToMyAgency(app) : [];
      return context.render('pages/sharing/disclosure-mine.njk', {
        title: 'Disclosures',
        agencyName: app.actor.agencyName,
        readsRecords: actorMay(app.actor, 'person.read'),
        awaiting: awaiting.map((disclosure) => ({
          href: `/disclosures/${disclosure.id}`,
          personName: disclosure.personName,
          recipient: recipientLine(disclosure),
          basis: disclosure.basisLabel,
          proposed: `${formatDateTime(disclosure.proposedAt)} by ${disclosure.proposedByLabel}`,
          lastDay: lastDayOf(disclosure.expiresAt),
        })),
        disclosed: disclosed.map((disclosure) => ({
          href: `/disclosures/${disclosure.id}`,
          personHref: `/people/${disclosure.personId}`,
          personName: disclosure.personName,
          from: disclosure.fromAgencyName,
          basis: disclosure.basisLabel,
          purpose: disclosure.purpose,
          status: statusSentence(disclosure),
          lastDay: lastDayOf(disclosure.expiresAt),
        })),
      });
    },
  },
  {
    method: 'GET',
    url: '/disclosures/:disclosureId',
    access: 'signed-in',
    purpose: 'Reading a disclosure',
    handler: async (context) => showDisclosure(context, idParam(context, 'disclosureId', 'The disclosure')),
  },
  {
    method: 'POST',
    url: '/disclosures/:disclosureId/decision',
    access: 'signed-in',
    purpose: 'Deciding on a proposed disclosure',
    handler: async (context) => {
      const decision = text(context.body.decision);
      const note = text(context.body.decisionNote);
      return changeDisclosure(context, (id) => decideDisclosure(context.app(), id, decision, note), decision === 'approved' ? 'approved' : 'refused', { decision, decisionNote: note });
    },
  },
  {
    method: 'POST',
    url: '/disclosures/:disclosureId/withdraw',
    access: 'signed-in',
    purpose: 'Withdrawing a disclosure',
    handler: async (context) => {
      const note = text(context.body.withdrawalNote);
      return changeDisclosure(context, (id) => withdrawDisclosure(context.app(), id, note), 'withdrawn', { withdrawalNote: note });
    },
  },
];
