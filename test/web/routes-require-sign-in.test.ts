import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/harness.ts';

// The only routes an anonymous visitor may reach. Anything else must send them to sign in (pages) or
// refuse them with 401 (the API). The list of routes comes from the server, so a new route is covered
// the moment it is added.
const publicRoutes = new Set(['GET /health', 'GET /sign-in', 'POST /sign-in', 'GET /assets/*', 'HEAD /health', 'HEAD /sign-in', 'HEAD /assets/*']);

function concretePath(url: string): string {
  return url.replace(/:[A-Za-z]+/g, () => randomUUID()).replace('*', 'anything');
}

describe('deny by default', () => {
  let test: TestApp;
  before(async () => {
    test = await startTestApp();
  });
  after(() => test.close());

  it('has the routes it should, so this test is not vacuous', () => {
    const routes = test.app.accordRoutes.map((route) => `${route.method} ${route.url}`);
    for (const expected of ['GET /people', 'POST /people', 'GET /people/:personId', 'GET /admin', 'GET /api/v1/people']) {
      assert.ok(routes.includes(expected), `${expected} is registered`);
    }
    assert.ok(routes.length > 20);
  });

  it('sends an anonymous visitor to sign-in from every route that is not public', async () => {
    const checked: string[] = [];
    for (const route of test.app.accordRoutes) {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        const key = `${method} ${route.url}`;
        if (publicRoutes.has(key)) continue;
        const url = concretePath(route.url);
        const response = await test.app.inject({
          method: method as 'GET',
          url,
          headers: method === 'GET' || method === 'HEAD' ? {} : { 'content-type': 'application/x-www-form-urlencoded' },
          payload: method === 'GET' || method === 'HEAD' ? undefined : 'anything=1',
        });
        if (url.startsWith('/api/')) {
          assert.equal(response.statusCode, 401, `${key} refuses an anonymous client`);
          assert.match(String(response.headers['content-type']), /application\/problem\+json/);
        } else {
          assert.equal(response.statusCode, 303, `${key} redirects an anonymous visitor (got ${response.statusCode})`);
          assert.match(String(response.headers.location), /^\/sign-in/, `${key} redirects to sign-in`);
        }
        checked.push(key);
      }
    }
    assert.ok(checked.length > 15, `checked ${checked.length} routes`);
  });

  it('lets anyone reach the public routes', async () => {
    assert.equal((await test.app.inject({ method: 'GET', url: '/health' })).statusCode, 200);
    assert.equal((await test.app.inject({ method: 'GET', url: '/sign-in' })).statusCode, 200);
    assert.equal((await test.app.inject({ method: 'GET', url: '/assets/accord.css' })).statusCode, 200);
  });

  it('sends security headers on every response, public or not', async () => {
    for (const url of ['/health', '/sign-in', '/people', '/assets/accord.css', '/no-such-page']) {
      const response = await test.app.inject({ method: 'GET', url });
      assert.match(String(response.headers['content-security-policy']), /default-src 'self'/, url);
      assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/, url);
      assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(response.headers['x-frame-options'], 'DENY', url);
      assert.equal(response.headers['referrer-policy'], 'same-origin', url);
    }
  });

  it('serves GOV.UK Frontend styles without the GDS Transport typeface', async () => {
    const css = (await test.app.inject({ method: 'GET', url: '/assets/accord.css' })).body;
    assert.ok(css.includes('.govuk-button'));
    assert.ok(css.includes('.moj-timeline'));
    assert.equal(css.includes('GDS Transport'), false);
    const page = (await test.app.inject({ method: 'GET', url: '/sign-in' })).body;
    assert.equal(/govuk-header__logotype|govuk-logo|crown/i.test(page), false, 'no crown or GOV.UK logotype');
    assert.match(page, /<a href="\/" class="accord-header__service">Accord<\/a>/);
  });
});
