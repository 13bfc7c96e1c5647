import { z } from 'zod';
import type { FieldProblem } from '../../app/errors.ts';
import { addApproval, approvalInputSchema, withdrawApproval } from '../../app/organisation/organisation.ts';
import { findApproval, findStaff, type StaffDetails } from '../../app/organisation/queries.ts';
import { parseWith } from '../../app/people/person-input.ts';
import { approvalKinds } from '../../domain/organisation/approvals.ts';
import { formatDate } from '../core/dates.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { dateInputFocus, dateInputItems, emptyDateInput, readDateInput, type DateInputReading } from './date-input.ts';
import { approvalKindItems } from './form-options.ts';
import { attempt } from './form-outcome.ts';
import { idParam } from './path-ids.ts';

// Recording and withdrawing a member of staff's professional approvals.

const approvalFields = ['kind', 'validFrom', 'validTo', 'approvingBody'] as const;

type DateBoxes = Pick<DateInputReading, 'values' | 'partsInError'>;

interface ApprovalFormState {
  kind: string;
  approvingBody: string;
  validFrom: DateBoxes;
  validTo: DateBoxes;
}

export type ApprovalFormReading = { ok: true; value: z.infer<typeof approvalInputSchema> } | { ok: false; problems: FieldProblem[]; fieldIds: Record<string, string> };

// Reads the approval form: the two dates from their day, month and year boxes first, then the whole
// through the application's schema (which also checks that the approval does not end before it starts).
export function readApprovalForm(body: Record<string, unknown>): { state: ApprovalFormState; reading: ApprovalFormReading } {
  const validFrom = readDateInput(body, { field: 'validFrom', label: 'Date the approval starts', required: true });
  const validTo = readDateInput(body, { field: 'validTo', label: 'Date the approval ends', required: false });
  const state: ApprovalFormState = { kind: text(body.kind), approvingBody: text(body.approvingBody), validFrom, validTo };
  const parsed = parseWith(approvalInputSchema, {
    kind: state.kind,
    validFrom: validFrom.isoDate ?? '',
    validTo: validTo.isoDate ?? '',
    approvingBody: state.approvingBody,
  });
  const dateProblems = [validFrom.problem, validTo.problem].filter((problem) => problem !== null);
  if (parsed.ok && dateProblems.length === 0) return { state, reading: { ok: true, value: parsed.value } };
  // A date's own problem (a missing month, 31 February) says more than the schema's, so it wins.
  const byField = new Map<string, FieldProblem>();
  for (const problem of dateProblems) byField.set(problem.field, problem);
  for (const problem of parsed.ok ? [] : parsed.problems) if (!byField.has(problem.field)) byField.set(problem.field, problem);
  const problems = approvalFields.flatMap((field) => byField.get(field) ?? []);
  return {
    state,
    reading: { ok: false, problems, fieldIds: { validFrom: dateInputFocus('validFrom', validFrom), validTo: dateInputFocus('validTo', validTo) } },
  };
}

function showApprovalForm(context: RequestContext, member: StaffDetails, state: ApprovalFormState, errors: FormErrors = noErrors, status = 200) {
  return context.render(
    'pages/admin/approval-form.njk',
    {
      title: `Add an approval for ${member.displayName}`,
      member,
      backLink: `/admin/staff/${member.id}`,
      kindItems: approvalKindItems(),
      values: { kind: state.kind, approvingBody: state.approvingBody },
      validFromItems: dateInputItems(state.validFrom),
      validToItems: dateInputItems(state.validTo),
      ...errors,
    },
    status,
  );
}

const withdrawSchema = z.object({
  reason: z
    .string({ error: 'Enter why the approval is withdrawn' })
    .trim()
    .min(1, { error: 'Enter why the approval is withdrawn' })
    .max(1000, { error: 'Reason must be 1000 characters or fewer' }),
});

async function findWithdrawable(context: RequestContext) {
  const app = context.app();
  const userId = idParam(context, 'userId', 'The staff account');
  const approvalId = idParam(context, 'approvalId', 'The approval');
  const [member, approval] = await Promise.all([findStaff(app, userId), findApproval(app, userId, approvalId)]);
  return { member, approval };
}

function showWithdrawForm(
  context: RequestContext,
  found: Awaited<ReturnType<typeof findWithdrawable>>,
  values: { reason: string },
  errors: FormErrors = noErrors,
  status = 200,
) {
  const { member, approval } = found;
  return context.render(
    'pages/admin/approval-withdraw.njk',
    {
      title: `Withdraw an approval from ${member.displayName}`,
      member,
      approval: {
        id: approval.id,
        kind: approvalKinds[approval.kind]?.label ?? approval.kind,
        validFrom: formatDate(approval.validFrom),
        validTo: approval.validTo === null ? 'No end date' : formatDate(approval.validTo),
        approvingBody: approval.approvingBody ?? 'Not recorded',
      },
      backLink: `/admin/staff/${member.id}`,
      values,
      ...errors,
    },
    status,
  );
}

export const approvalRoutes: Route[] = [
  {
    method: 'GET',
    url: '/admin/staff/:userId/approvals/new',
    access: 'administer',
    purpose: 'Recording a professional approval',
    handler: async (context) => {
      const member = await findStaff(context.app(), idParam(context, 'userId', 'The staff account'));
      return showApprovalForm(context, member, { kind: '', approvingBody: '', validFrom: emptyDateInput(), validTo: emptyDateInput() });
    },
  },
  {
    method: 'POST',
    url: '/admin/staff/:userId/approvals/new',
    access: 'administer',
    purpose: 'Recording a professional approval',
    handler: async (context) => {
      const member = await findStaff(context.app(), idParam(context, 'userId', 'The staff account'));
      const { state, reading } = readApprovalForm(context.body);
      if (!reading.ok) return showApprovalForm(context, member, state, formErrors(reading.problems, reading.fieldIds), 400);
      await addApproval(context.app(), member.id, reading.value);
      return context.redirect(`/admin/staff/${member.id}`);
    },
  },
  {
    method: 'GET',
    url: '/admin/staff/:userId/approvals/:approvalId/withdraw',
    access: 'administer',
    purpose: 'Withdrawing a professional approval',
    handler: async (context) => {
      const found = await findWithdrawable(context);
      // Already withdrawn: the account's page shows when and why.
      if (found.approval.withdrawnAt !== null) return context.redirect(`/admin/staff/${found.member.id}`);
      return showWithdrawForm(context, found, { reason: '' });
    },
  },
  {
    method: 'POST',
    url: '/admin/staff/:userId/approvals/:approvalId/withdraw',
    access: 'administer',
    purpose: 'Withdrawing a professional approval',
    handler: async (context) => {
      const found = await findWithdrawable(context);
      if (found.approval.withdrawnAt !== null) return context.redirect(`/admin/staff/${found.member.id}`);
      const values = { reason: text(context.body.reason) };
      const parsed = parseWith(withdrawSchema, values);
      if (!parsed.ok) return showWithdrawForm(context, found, values, formErrors(parsed.problems), 400);
      const withdrawn = await attempt(() => withdrawApproval(context.app(), found.approval.id, parsed.value.reason));
      if (!withdrawn.ok) return showWithdrawForm(context, found, values, formErrors(withdrawn.problems), 400);
      return context.redirect(`/admin/staff/${found.member.id}`);
    },
  },
];
