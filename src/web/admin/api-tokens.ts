import { apiTokenInputSchema, createApiToken, findApiToken, listApiTokens, revokeApiToken, rolesTokensMayHold, type ApiTokenSummary } from '../../app/auth/api-tokens.ts';
import { listAgencies } from '../../app/organisation/queries.ts';
import { parseWith } from '../../app/people/person-input.ts';
import { roles } from '../../domain/organisation/roles.ts';
import { formatDateTime } from '../core/dates.ts';
import { formErrors, noErrors, text, type FormErrors } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { agencyItems, roleItems } from './form-options.ts';
import { attempt } from './form-outcome.ts';
import { idParam } from './path-ids.ts';

// API tokens for other agencies' systems. The token is shown once, on the page that answers the form
// that created it; it is never stored, so no later page can show it again.

export function apiTokenRows(tokens: ApiTokenSummary[]) {
  return tokens.map((token) => ({
    id: token.id,
    name: token.name,
    agency: token.agencyName,
    role: roles[token.role] ?? token.role,
    created: `${formatDateTime(token.createdAt)} by ${token.createdByName}`,
    status: token.revokedAt === null ? 'Active' : `Revoked on ${formatDateTime(token.revokedAt)}`,
    active: token.revokedAt === null,
    revokeHref: `/admin/api-tokens/${token.id}/revoke`,
  }));
}

interface ApiTokenFormValues {
  name: string;
  agencyId: string;
  role: string;
}

async function showTokenForm(context: RequestContext, values: ApiTokenFormValues, errors: FormErrors = noErrors, status = 200) {
  const agencies = await listAgencies(context.app());
  return context.render(
    'pages/admin/api-token-form.njk',
    {
      title: 'Create an API token',
      backLink: '/admin/api-tokens',
      agencyItems: agencyItems(agencies),
      roleItems: roleItems(rolesTokensMayHold),
      values,
      ...errors,
    },
    status,
  );
}

export const apiTokenRoutes: Route[] = [
  {
    method: 'GET',
    url: '/admin/api-tokens',
    access: 'administer',
    purpose: 'Administering API tokens',
    handler: async (context) => {
      const tokens = await listApiTokens(context.app());
      return context.render('pages/admin/api-tokens.njk', { title: 'API tokens', adminSection: 'api-tokens', tokens: apiTokenRows(tokens) });
    },
  },
  {
    method: 'GET',
    url: '/admin/api-tokens/new',
    access: 'administer',
    purpose: 'Creating an API token',
    handler: async (context) => showTokenForm(context, { name: '', agencyId: '', role: '' }),
  },
  {
    method: 'POST',
    url: '/admin/api-tokens/new',
    access: 'administer',
    purpose: 'Creating an API token',
    handler: async (context) => {
      const values = { name: text(context.body.name), agencyId: text(context.body.agencyId), role: text(context.body.role) };
      const parsed = parseWith(apiTokenInputSchema, values);
      if (!parsed.ok) return showTokenForm(context, values, formErrors(parsed.problems), 400);
      const created = await attempt(() => createApiToken(context.app(), parsed.value));
      if (!created.ok) return showTokenForm(context, values, formErrors(created.problems), 400);
      const token = await findApiToken(context.app(), created.value.id);
      // The secret is in this response only: keep it out of every cache.
      context.reply.header('cache-control', 'no-store');
      return context.render('pages/admin/api-token-created.njk', {
        title: 'API token created',
        token: { ...apiTokenRows([token])[0], secret: created.value.token },
      });
    },
  },
  {
    method: 'GET',
    url: '/admin/api-tokens/:tokenId/revoke',
    access: 'administer',
    purpose: 'Revoking an API token',
    handler: async (context) => {
      const token = await findApiToken(context.app(), idParam(context, 'tokenId', 'The API token'));
      if (token.revokedAt !== null) return context.redirect('/admin/api-tokens');
      return context.render('pages/admin/api-token-revoke.njk', { title: `Revoke the API token “${token.name}”`, backLink: '/admin/api-tokens', token: apiTokenRows([token])[0] });
    },
  },
  {
    method: 'POST',
    url: '/admin/api-tokens/:tokenId/revoke',
    access: 'administer',
    purpose: 'Revoking an API token',
    handler: async (context) => {
      await revokeApiToken(context.app(), idParam(context, 'tokenId', 'The API token'));
      return context.redirect('/admin/api-tokens');
    },
  },
];
