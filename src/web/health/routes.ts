import { sql } from 'kysely';
import type { Route } from '../core/route-table.ts';

export const healthRoutes: Route[] = [
  {
    method: 'GET',
    url: '/health',
    access: 'public',
    purpose: 'Checking the service is up',
    handler: async (context) => {
      try {
        await sql`select 1`.execute(context.services.db);
        return context.reply.send({ status: 'ok', database: 'reachable' });
      } catch (error) {
        context.request.log.error({ err: error }, 'health check: database unreachable');
        return context.reply.code(503).send({ status: 'unavailable', database: 'unreachable' });
      }
    },
  },
];
