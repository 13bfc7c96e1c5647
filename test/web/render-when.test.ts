import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { clockNow } from '../../src/app/context.ts';
import { buildApp, type AccordApp } from '../../src/web/app.ts';
import type { Route } from '../../src/web/core/route-table.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';

// A page prepared while its audit entry is being written is sent only once the entry is saved: if the
// write fails, the page is never shown.
describe('rendering a page while its audit entry is written', () => {
  let database: TestDatabase;
  let app: AccordApp;
  const routes: Route[] = [
    { method: 'GET', url: '/test/ready', access: 'public', purpose: 'Testing', handler: (context) => context.renderWhen(Promise.resolve(), 'pages/error.njk', { title: 'Prepared page', message: 'secret list' }) },
    { method: 'GET', url: '/test/failed', access: 'public', purpose: 'Testing', handler: (context) => context.renderWhen(Promise.reject(new Error('audit write failed')), 'pages/error.njk', { title: 'Prepared page', message: 'secret list' }) },
  ];

  before(async () => {
    database = await freshDatabase();
    app = await buildApp({ db: database.db, logger: pino({ level: 'silent' }), now: clockNow, demo: false, routes });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('sends the page once the work it waits for has succeeded', async () => {
    const response = await app.inject({ method: 'GET', url: '/test/ready' });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Prepared page/);
  });

  it('never sends the page when that work fails', async () => {
    const response = await app.inject({ method: 'GET', url: '/test/failed' });
    assert.equal(response.statusCode, 500);
    assert.doesNotMatch(response.body, /Prepared page/);
  });
});
