import pino from 'pino';
import { clockNow, systemActor, type AppContext } from '../../src/app/context.ts';
import { createAgency, createStaff } from '../../src/app/organisation/organisation.ts';
import type { AccordDatabase } from '../../src/db/database.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { buildApp, type AccordApp } from '../../src/web/app.ts';
import { freshDatabase } from './database.ts';

export const testPassword = 'correct horse battery staple';

export function systemContext(db: AccordDatabase, purpose = 'Test set-up'): AppContext {
  return { db, now: clockNow, actor: systemActor('Test set-up'), purpose };
}

let agencyCounter = 0;

// Adds an agency (of the given kind) and a staff account with the given role; returns the account.
export async function addStaff(db: AccordDatabase, options: { username: string; role: Role; agencyKind?: AgencyKind; agencyName?: string; displayName?: string }) {
  const context = systemContext(db);
  agencyCounter += 1;
  const agencyName = options.agencyName ?? `Test agency ${agencyCounter} ${options.username}`;
  const existing = await db.selectFrom('agencies').select('id').where('name', '=', agencyName).executeTakeFirst();
  const agencyId = existing?.id ?? (await createAgency(context, { name: agencyName, kind: options.agencyKind ?? 'mental-health-trust' }));
  const userId = await createStaff(
    context,
    { username: options.username, displayName: options.displayName ?? `Test ${options.username}`, email: null, agencyId, teamId: null, role: options.role },
    testPassword,
  );
  return { userId, agencyId, agencyName, username: options.username };
}

export interface TestApp {
  app: AccordApp;
  db: AccordDatabase;
  close(): Promise<void>;
}

export async function startTestApp(options: { demo?: boolean } = {}): Promise<TestApp> {
  const { db, close } = await freshDatabase();
  const app = await buildApp({ db, logger: pino({ level: 'silent' }), now: clockNow, demo: options.demo ?? false });
  await app.ready();
  return {
    app,
    db,
    close: async () => {
      await app.close();
      await close();
    },
  };
}

// Cookies from a response's set-cookie headers, as a cookie header value and a map.
export function cookiesFrom(setCookie: string | string[] | undefined, jar: Map<string, string> = new Map()): Map<string, string> {
  const headers = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  for (const header of headers) {
    const [pair] = header.split(';');
    const index = pair!.indexOf('=');
    const name = pair!.slice(0, index).trim();
    const value = pair!.slice(index + 1).trim();
    if (value === '') jar.delete(name);
    else jar.set(name, value);
  }
  return jar;
}

export function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

// A signed-in browser-like client for fastify.inject: keeps cookies and reads the CSRF token from pages.
export class TestClient {
  readonly jar = new Map<string, string>();
  csrfToken = '';
  private readonly app: AccordApp;

  constructor(app: AccordApp) {
    this.app = app;
  }

  async get(url: string) {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(this.jar) } });
    cookiesFrom(response.headers['set-cookie'], this.jar);
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (token) this.csrfToken = token[1]!;
    return response;
  }

  async post(url: string, form: Record<string, string>, options: { csrf?: string | null } = {}) {
    const payload = new URLSearchParams(form);
    const csrf = options.csrf === undefined ? this.csrfToken : options.csrf;
    if (csrf !== null) payload.set('_csrf', csrf);
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: cookieHeader(this.jar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: payload.toString(),
    });
    cookiesFrom(response.headers['set-cookie'], this.jar);
    return response;
  }

  async signIn(username: string, password = testPassword) {
    await this.get('/sign-in');
    const response = await this.post('/sign-in', { username, password });
    if (response.statusCode !== 303) throw new Error(`sign-in as ${username} failed with ${response.statusCode}`);
    await this.get('/');
    return response;
  }
}

// Makes an agency involved with a person (as a referral or an allocation would), from long before any
// test's clock, so that its staff see the record as their policy allows.
export async function involve(db: AccordDatabase, personId: string, agencyId: string, reason = 'Involved for the test'): Promise<void> {
  const since = '2000-01-01T00:00:00Z';
  await db.insertInto('involvements').values({ person_id: personId, agency_id: agencyId, team_id: null, user_id: null, reason, starts_at: since, ends_at: null, recorded_by: null, recorded_by_label: 'Test set-up', recorded_at: since }).execute();
}
