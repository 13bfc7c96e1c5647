import type { Route } from '../core/route-table.ts';

export const homeRoutes: Route[] = [
  {
    method: 'GET',
    url: '/',
    access: 'signed-in',
    purpose: 'Opening the home page',
    handler: async (context) => context.render('pages/home.njk', { title: 'Home' }),
  },
];
