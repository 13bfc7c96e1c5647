import { listApiTokens } from '../../app/auth/api-tokens.ts';
import { listAgencies, listStaff } from '../../app/organisation/queries.ts';
import type { Route } from '../core/route-table.ts';
import { agencyRoutes } from './agencies.ts';
import { apiTokenRoutes } from './api-tokens.ts';
import { approvalRoutes } from './approvals.ts';
import { staffRoutes } from './staff.ts';
import { whoamiRoutes } from './whoami.ts';

// Administration: agencies and teams, staff accounts and their approvals, and API tokens. Every page
// needs the 'administer' permission, which only the system administrator role holds.

const overviewRoutes: Route[] = [
  {
    method: 'GET',
    url: '/admin',
    access: 'administer',
    purpose: 'Administering Accord',
    handler: async (context) => {
      const app = context.app();
      const [agencies, staff, tokens] = await Promise.all([listAgencies(app), listStaff(app), listApiTokens(app)]);
      return context.render('pages/admin/overview.njk', {
        title: 'Administration',
        adminSection: 'overview',
        counts: { agencies: agencies.length, staff: staff.length, activeTokens: tokens.filter((token) => token.revokedAt === null).length },
      });
    },
  },
];

export const adminRoutes: Route[] = [...overviewRoutes, ...agencyRoutes, ...staffRoutes, ...approvalRoutes, ...apiTokenRoutes, ...whoamiRoutes];
