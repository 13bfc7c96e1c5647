import { InvalidInput, NotFound, PolicyDenied } from '../../app/errors.ts';
import {
  administratorRole,
  administratorSeesNoRecords,
  approverRoles,
  categoriesFor,
  isAgencyKind,
  isRecordCategory,
  isRole,
  policyHistory,
  PolicyChangedMeanwhile,
  readApprovers,
  readCategoryPolicy,
  setApprover,
  setCategories,
  type Approvers,
  type CategoryPolicyMatrix,
  type PolicyHistoryEntry,
} from '../../app/sharing/policy-admin.ts';
import { agencyKindKeys, agencyKinds, type AgencyKind } from '../../domain/organisation/agency-kinds.ts';
import { roleKeys, roles, type Role } from '../../domain/organisation/roles.ts';
import { recordCategories, type RecordCategory } from '../../domain/record/categories.ts';
import { defaultCategoryPolicy } from '../../domain/sharing/category-policy.ts';
import { basisRequirement, defaultApprovers, isLawfulBasis, lawfulBases, lawfulBasisKeys, type LawfulBasis } from '../../domain/sharing/lawful-bases.ts';
import { formatDateTime } from '../core/dates.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { roleItems } from './form-options.ts';

// The sharing policy, read and changed by an administrator: for each kind of agency, what each role sees
// of a person's record, and who approves a disclosure on each lawful basis. The rules are applied in one
// place (src/app/sharing/person-access.ts); these pages only change the data they read.

const categoryKeys = Object.keys(recordCategories) as RecordCategory[];

const overviewPath = '/admin/sharing-policy';

function categoryRowPath(agencyKind: AgencyKind, role: Role): string {
  return `${overviewPath}/${agencyKind}/${role}`;
}

function approverPath(basis: LawfulBasis): string {
  return `/admin/disclosure-approvers/${basis}`;
}

function categoryList(categories: readonly RecordCategory[]): string {
  return categories.length === 0 ? 'Nothing' : categories.map((category) => recordCategories[category]).join(', ');
}

// The rows of the policy shown, in the order of the roles; the administrator's own role is left out,
// since it sees no one's record and cannot be changed.
const policyRoles = roleKeys.filter((role) => role !== administratorRole);

function tableAnchor(agencyKind: AgencyKind): string {
  return `policy-${agencyKind}`;
}

// The whole policy as tables: one per kind of agency, a row per role and a column per category, each
// cell saying Yes or No in words.
export function sharingPolicyPage(policy: CategoryPolicyMatrix, approvers: Approvers) {
  return {
    categoryLabels: categoryKeys.map((category) => recordCategories[category]),
    kinds: agencyKindKeys.map((agencyKind) => ({
      label: agencyKinds[agencyKind],
      anchor: tableAnchor(agencyKind),
      rows: policyRoles.map((role) => {
        const seen = new Set(policy[agencyKind][role]);
        return {
          role: roles[role],
          href: categoryRowPath(agencyKind, role),
          cells: categoryKeys.map((category) => (seen.has(category) ? 'Yes' : 'No')),
        };
      }),
    })),
    approverRows: lawfulBasisKeys.map((basis) => {
      const role = approvers[basis];
      return {
        key: { text: lawfulBases[basis] },
        value: { text: role === null ? 'No one: disclosures on this basis cannot be approved' : roles[role] },
        actions: { items: [{ href: approverPath(basis), text: 'Change', visuallyHiddenText: `who approves disclosures on the basis ‘${lawfulBases[basis]}’` }] },
      };
    }),
  };
}

function rowName(agencyKind: AgencyKind, role: Role): string {
  return `${roles[role]} (${agencyKinds[agencyKind]})`;
}

export function historyRows(history: PolicyHistoryEntry[]) {
  return history.map((entry) => [
    { text: formatDateTime(entry.at) },
    { text: [entry.by, entry.role && isRole(entry.role) ? roles[entry.role] : null, entry.agencyName].filter((part) => part).join(', ') },
    { text: entry.what },
  ]);
}

// What the overview says after a change: the address names the row changed, or that nothing was, and
// the banner links to that part of the page.
function savedMessage(query: Record<string, unknown>): { text: string; href: string; linkText: string } | null {
  const subject = text(query.saved) || text(query.unchanged);
  if (subject === '') return null;
  const [first, second] = subject.split('/');
  let described: { what: string; href: string; linkText: string } | null = null;
  if (first === 'basis' && isLawfulBasis(second)) {
    described = { what: `who approves disclosures on the basis ‘${lawfulBases[second]}’`, href: '#disclosure-approvers', linkText: 'See who approves disclosures' };
  }
  if (isAgencyKind(first) && isRole(second)) {
    described = { what: `the sharing policy for ${rowName(first, second)}`, href: `#${tableAnchor(first)}`, linkText: `See the policy for ${agencyKinds[first]}` };
  }
  if (described === null) return null;
  return {
    text: text(query.saved) ? `You changed ${described.what}. The change and your reason are in the audit log.` : `Nothing was changed in ${described.what}: it was already as you saved it.`,
    href: described.href,
    linkText: described.linkText,
  };
}

function agencyKindParam(context: RequestContext): AgencyKind {
  const value = context.params.agencyKind;
  if (!isAgencyKind(value)) throw new NotFound('The kind of agency');
  return value;
}

function roleParam(context: RequestContext): Role {
  const value = context.params.role;
  if (!isRole(value)) throw new NotFound('The role');
  if (value === administratorRole) throw new PolicyDenied(administratorSeesNoRecords);
  return value;
}

function basisParam(context: RequestContext): LawfulBasis {
  const value = context.params.basis;
  if (!isLawfulBasis(value)) throw new NotFound('The lawful basis');
  return value;
}

// Ticked checkboxes arrive as one value or many.
function submittedList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

function startingCategories(agencyKind: AgencyKind, role: Role): RecordCategory[] {
  const granted = new Set(defaultCategoryPolicy().filter((grant) => grant.agencyKind === agencyKind && grant.role === role).map((grant) => grant.category));
  return categoryKeys.filter((category) => granted.has(category));
}

interface CategoryFormState {
  // What the policy was when the form was shown, sent back so a change made meanwhile is not undone.
  shown: readonly RecordCategory[];
  categories: readonly string[];
  reason: string;
}

async function showCategoryForm(context: RequestContext, agencyKind: AgencyKind, role: Role, state: CategoryFormState, errors: FormErrors = noErrors, status = 200) {
  const history = await policyHistory(context.app(), { agencyKind, role });
  const ticked = new Set(state.categories);
  return context.render(
    'pages/admin/sharing-policy-row.njk',
    {
      title: `Sharing policy for ${rowName(agencyKind, role)}`,
      backLink: `${overviewPath}#${tableAnchor(agencyKind)}`,
      action: categoryRowPath(agencyKind, role),
      cancelLink: `${overviewPath}#${tableAnchor(agencyKind)}`,
      agencyKindLabel: agencyKinds[agencyKind],
      roleLabel: roles[role],
      shown: state.shown.join(','),
      startingPolicy: categoryList(startingCategories(agencyKind, role)),
      categoryItems: categoryKeys.map((category) => ({ value: category, text: recordCategories[category], checked: ticked.has(category) })),
      values: { reason: state.reason },
      historyRows: historyRows(history),
      ...errors,
    },
    status,
  );
}

async function showApproverForm(context: RequestContext, basis: LawfulBasis, state: { shown: Role | null; role: string; reason: string }, errors: FormErrors = noErrors, status = 200) {
  const history = await policyHistory(context.app(), { basis });
  const requirement = basisRequirement[basis];
  return context.render(
    'pages/admin/disclosure-approver.njk',
    {
      title: `Who approves disclosures on the basis ‘${lawfulBases[basis]}’`,
      backLink: `${overviewPath}#disclosure-approvers`,
      cancelLink: `${overviewPath}#disclosure-approvers`,
      action: approverPath(basis),
      basisLabel: lawfulBases[basis],
      requirement: requirement.field === null ? null : requirement.label,
      currentApprover: state.shown === null ? 'No one' : roles[state.shown],
      startingApprover: roles[defaultApprovers[basis]],
      shown: state.shown ?? '',
      roleItems: roleItems(approverRoles),
      values: { role: state.role, reason: state.reason },
      historyRows: historyRows(history),
      ...errors,
    },
    status,
  );
}

const changedMeanwhileProblem = (field: string) => ({
  field,
  message: 'Someone changed this policy since you opened it, so your change was not saved. It is shown below as it is now: check it, then save again.',
});

export const sharingPolicyRoutes: Route[] = [
  {
    method: 'GET',
    url: overviewPath,
    access: 'administer',
    purpose: 'Reading the sharing policy',
    handler: async (context) => {
      const app = context.app();
      const [policy, approvers] = await Promise.all([readCategoryPolicy(app), readApprovers(app)]);
      return context.render('pages/admin/sharing-policy.njk', {
        title: 'Sharing policy',
        adminSection: 'sharing-policy',
        saved: savedMessage(context.query),
        ...sharingPolicyPage(policy, approvers),
      });
    },
  },
  {
    method: 'GET',
    url: `${overviewPath}/:agencyKind/:role`,
    access: 'administer',
    purpose: 'Changing the sharing policy',
    handler: async (context) => {
      const agencyKind = agencyKindParam(context);
      const role = roleParam(context);
      const current = await categoriesFor(context.app(), agencyKind, role);
      return showCategoryForm(context, agencyKind, role, { shown: current, categories: current, reason: '' });
    },
  },
  {
    method: 'POST',
    url: `${overviewPath}/:agencyKind/:role`,
    access: 'administer',
    purpose: 'Changing the sharing policy',
    handler: async (context) => {
      const agencyKind = agencyKindParam(context);
      const role = roleParam(context);
      const categories = submittedList(context.body.categories);
      const reason = text(context.body.reason);
      const shownField = context.body.shown;
      const shown = typeof shownField === 'string' ? shownField.split(',').filter((item) => item !== '') : undefined;
      try {
        const change = await setCategories(context.app(), agencyKind, role, categories, reason, { expected: shown });
        const outcome = change.added.length + change.removed.length > 0 ? 'saved' : 'unchanged';
        return context.redirect(`${overviewPath}?${outcome}=${agencyKind}/${role}`);
      } catch (error) {
        const current = (): Promise<RecordCategory[]> => categoriesFor(context.app(), agencyKind, role);
        if (error instanceof InvalidInput) {
          // The policy as first shown stays the one checked against, so a change made meanwhile is still caught.
          return showCategoryForm(context, agencyKind, role, { shown: shown?.filter(isRecordCategory) ?? (await current()), categories, reason }, formErrors(error.problems), 400);
        }
        if (error instanceof PolicyChangedMeanwhile) {
          const now = await current();
          return showCategoryForm(context, agencyKind, role, { shown: now, categories: now, reason }, formErrors([changedMeanwhileProblem('categories')]), 409);
        }
        throw error;
      }
    },
  },
  {
    method: 'GET',
    url: '/admin/disclosure-approvers/:basis',
    access: 'administer',
    purpose: 'Changing who approves disclosures',
    handler: async (context) => {
      const basis = basisParam(context);
      const approver = (await readApprovers(context.app()))[basis];
      return showApproverForm(context, basis, { shown: approver, role: approver ?? '', reason: '' });
    },
  },
  {
    method: 'POST',
    url: '/admin/disclosure-approvers/:basis',
    access: 'administer',
    purpose: 'Changing who approves disclosures',
    handler: async (context) => {
      const basis = basisParam(context);
      const role = text(context.body.role);
      const reason = text(context.body.reason);
      const shownField = context.body.shown;
      const shown = typeof shownField === 'string' ? (shownField === '' ? null : shownField) : undefined;
      try {
        const change = await setApprover(context.app(), basis, role, reason, { expected: shown });
        const outcome = change.previous === change.role ? 'unchanged' : 'saved';
        return context.redirect(`${overviewPath}?${outcome}=basis/${basis}`);
      } catch (error) {
        const current = async (): Promise<Role | null> => (await readApprovers(context.app()))[basis];
        if (error instanceof InvalidInput) {
          return showApproverForm(context, basis, { shown: shown === undefined ? await current() : shown !== null && isRole(shown) ? shown : null, role, reason }, formErrors(error.problems), 400);
        }
        if (error instanceof PolicyChangedMeanwhile) {
          const now = await current();
          return showApproverForm(context, basis, { shown: now, role: now ?? '', reason }, formErrors([changedMeanwhileProblem('role')]), 409);
        }
        throw error;
      }
    },
  },
];
