import type { Route } from '../core/route-table.ts';

// Tells a machine client (or a person) which identity Accord sees, so that whoever installs an API
// token can check it works and acts for the agency and role they expect.
export const whoamiRoutes: Route[] = [
  {
    method: 'GET',
    url: '/api/v1/whoami',
    access: 'signed-in',
    purpose: 'Checking which identity a client is using',
    handler: async (context) => {
      const actor = context.actor!;
      return context.reply.header('cache-control', 'no-store').send({ label: actor.label, role: actor.role, agency: actor.agencyName });
    },
  },
];
