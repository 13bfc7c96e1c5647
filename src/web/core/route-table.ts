import { randomBytes, timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type nunjucks from 'nunjucks';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { findSession, findTokenActor, secretToken, type SignedInSession } from '../../app/auth/sessions.ts';
import type { Actor, AppContext } from '../../app/context.ts';
import { Conflict, InvalidInput, NotFound, PolicyDenied, StaleRecord, type FieldProblem } from '../../app/errors.ts';
import { parseWith } from '../../app/people/person-input.ts';
import { actorMay } from '../../app/policy.ts';
import { requirePersonAccess } from '../../app/sharing/person-access.ts';
import { recordAudit } from '../../app/audit/audit-log.ts';
import { isUuid } from '../../domain/identifiers.ts';
import type { PersonNeed } from '../../domain/sharing/person-access.ts';
import type { AccordDatabase } from '../../db/database.ts';
import type { Permission } from '../../domain/access/permissions.ts';
import { roles } from '../../domain/organisation/roles.ts';
import { sendProblem } from './problem.ts';

// Who may call a route. Nothing is public unless it says so.
export type Access = 'public' | 'signed-in' | Permission;

export interface Services {
  db: AccordDatabase;
  now: () => Temporal.Instant;
  templates: nunjucks.Environment;
  logger: Logger;
  demo: boolean;
  secureCookies: boolean;
}

export interface RequestContext {
  request: FastifyRequest;
  reply: FastifyReply;
  services: Services;
  session: SignedInSession | null;
  actor: Actor | null;
  csrfToken: string;
  body: Record<string, unknown>;
  query: Record<string, unknown>;
  params: Record<string, string>;
  // The application context for the signed-in actor, carrying this route's audit purpose.
  app(): AppContext;
  render(template: string, model?: Record<string, unknown>, status?: number): FastifyReply;
  // Renders the page while `ready` is still under way (an audit entry being committed), and sends it
  // only once `ready` has succeeded: if it fails, the page is never shown and the error is handled as
  // any other.
  renderWhen(ready: Promise<unknown>, template: string, model?: Record<string, unknown>, status?: number): Promise<FastifyReply>;
  redirect(location: string): FastifyReply;
}

export interface Route {
  method: 'GET' | 'POST';
  url: string;
  access: Access;
  // Why a user calls this route, recorded with every audit entry it writes.
  purpose: string;
  // For API routes: the JSON body's schema, checked before the handler runs.
  body?: z.ZodType;
  // For a route about one person (its address has :personId): what it needs of the caller's relationship
  // with that person. Checked before the handler runs; a route with :personId cannot be registered
  // without it.
  person?: PersonNeed;
  handler(context: RequestContext): Promise<unknown>;
}

export const sessionCookie = 'accord_session';
export const anonymousCsrfCookie = 'accord_csrf';

export function isApiPath(url: string): boolean {
  return url.startsWith('/api/');
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}

declare module 'fastify' {
  interface FastifyRequest {
    cspNonce: string;
  }
}

export function cspNonce(): string {
  return randomBytes(16).toString('base64');
}

function baseModel(services: Services, request: FastifyRequest, session: SignedInSession | null, actor: Actor | null, csrfToken: string) {
  return {
    cspNonce: request.cspNonce,
    csrfToken,
    demo: services.demo,
    currentPath: request.url.split('?')[0],
    user: session
      ? {
          name: session.displayName,
          username: session.username,
          agency: session.actor.agencyName,
          role: session.actor.role ? roles[session.actor.role] : '',
        }
      : null,
    can: {
      readPeople: actor ? actorMay(actor, 'person.read') : false,
      writePeople: actor ? actorMay(actor, 'person.write') : false,
      administer: actor ? actorMay(actor, 'administer') : false,
      readDeadlines: actor ? actorMay(actor, 'deadlines.read') : false,
      readReports: actor ? actorMay(actor, 'reports.read') : false,
      reviewBreakGlass: actor ? actorMay(actor, 'break-glass.review') : false,
      // The Ministry of Justice's view of restricted patients across hospitals.
      overseeRestricted: actor ? actorMay(actor, 'restricted.oversee') : false,
    },
  };
}

function pageHtml(
  services: Services,
  request: FastifyRequest,
  template: string,
  model: Record<string, unknown>,
  identity: { session: SignedInSession | null; actor: Actor | null; csrfToken: string },
): string {
  return services.templates.render(template, { ...baseModel(services, request, identity.session, identity.actor, identity.csrfToken), ...model });
}

export function renderPage(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  template: string,
  model: Record<string, unknown>,
  status = 200,
  identity: { session: SignedInSession | null; actor: Actor | null; csrfToken: string } = { session: null, actor: null, csrfToken: '' },
): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(pageHtml(services, request, template, model, identity));
}

async function identify(services: Services, request: FastifyRequest): Promise<{ session: SignedInSession | null; actor: Actor | null; viaToken: boolean }> {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) {
    const actor = await findTokenActor(services.db, authorization.slice('Bearer '.length).trim());
    return { session: null, actor, viaToken: true };
  }
  const token = request.cookies[sessionCookie];
  if (token) {
    const session = await findSession(services.db, token, services.now());
    if (session) return { session, actor: session.actor, viaToken: false };
  }
  return { session: null, actor: null, viaToken: false };
}

function anonymousCsrfToken(services: Services, request: FastifyRequest, reply: FastifyReply): string {
  const existing = request.cookies[anonymousCsrfCookie];
  if (existing && existing.length >= 32) return existing;
  const token = secretToken();
  reply.setCookie(anonymousCsrfCookie, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: services.secureCookies });
  return token;
}

function submittedCsrfToken(request: FastifyRequest): string | null {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as Record<string, unknown> | undefined;
  return body && typeof body._csrf === 'string' ? body._csrf : null;
}

export function errorPage(services: Services, request: FastifyRequest, reply: FastifyReply, status: number, title: string, message: string, identity?: Parameters<typeof renderPage>[6]) {
  return renderPage(services, request, reply, 'pages/error.njk', { title, message }, status, identity);
}

// Every route passes through this chain: identify the caller, refuse anonymous callers unless the
// route is public, check the CSRF token on every form, check the route's permission, validate API
// bodies, then run the handler and turn the application's errors into clear pages or problems.
async function runRoute(services: Services, route: Route, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const api = isApiPath(route.url);
  const { session, actor, viaToken } = await identify(services, request);
  const csrfToken = session ? session.csrfToken : anonymousCsrfToken(services, request, reply);
  const identity = { session, actor, csrfToken };

  if (route.access !== 'public' && actor === null) {
    if (api) return sendProblem(reply, 401, 'Sign-in required', 'Send a valid API token as a Bearer token, or sign in.');
    const returnTo = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : '';
    return reply.redirect(`/sign-in${returnTo}`, 303);
  }

  if (request.method === 'POST' && !viaToken) {
    const submitted = submittedCsrfToken(request);
    if (submitted === null || !sameToken(submitted, csrfToken)) {
      if (api) return sendProblem(reply, 403, 'CSRF token missing or wrong', 'Send the x-csrf-token header with the session’s token.');
      return errorPage(services, request, reply, 403, 'Your form could not be sent', 'The form had expired or did not come from Accord, so nothing was saved. Go back, reload the page and try again.', identity);
    }
  }

  // A refusal is itself recorded: who asked for what, and why it was refused.
  const auditRefusal = async (reason: string) => {
    if (actor === null) return;
    const personId = isUuid((request.params as Record<string, string> | undefined)?.personId) ? (request.params as Record<string, string>).personId! : null;
    await recordAudit({ db: services.db, now: services.now, actor: actor!, purpose: route.purpose }, [{ personId, action: 'refused', what: `Refused: ${route.purpose} (${request.method} ${route.url}). ${reason}` }]);
  };

  if (route.access !== 'public' && route.access !== 'signed-in' && !actorMay(actor!, route.access)) {
    await auditRefusal('Their role does not allow it.');
    if (api) return sendProblem(reply, 403, 'Not permitted', 'Your role does not allow this.');
    return errorPage(services, request, reply, 403, 'You do not have permission to see this page', 'Your role does not allow it. If you think it should, ask your administrator.', identity);
  }

  const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
  if (route.body) {
    const parsed = parseWith(route.body, request.body);
    if (!parsed.ok) {
      if (api) return sendProblem(reply, 400, 'The request is not valid', describeProblems(parsed.problems), parsed.problems);
      return errorPage(services, request, reply, 400, 'The request is not valid', describeProblems(parsed.problems), identity);
    }
  }

  let appContext: AppContext | null = null;
  const app = (): AppContext => {
    if (!actor) throw new PolicyDenied('Sign in first');
    appContext ??= { db: services.db, now: services.now, actor, purpose: route.purpose };
    return appContext;
  };

  const context: RequestContext = {
    request,
    reply,
    services,
    session,
    actor,
    csrfToken,
    body,
    query: (request.query ?? {}) as Record<string, unknown>,
    params: (request.params ?? {}) as Record<string, string>,
    app,
    render: (template, model = {}, status = 200) => renderPage(services, request, reply, template, model, status, identity),
    renderWhen: async (ready, template, model = {}, status = 200) => {
      // A failure of `ready` must not go unobserved while the page renders.
      const settled = ready.then(() => null, (error: unknown) => ({ error }));
      const html = pageHtml(services, request, template, model, identity);
      const outcome = await settled;
      if (outcome !== null) throw outcome.error;
      return reply.code(status).type('text/html; charset=utf-8').send(html);
    },
    redirect: (location) => reply.redirect(location, 303),
  };

  try {
    // What the caller may see of this person is decided in one place (src/app/sharing/person-access.ts);
    // a refusal is audited there.
    if (route.person) await requirePersonAccess(app(), context.params.personId ?? '', route.person);
    return await route.handler(context);
  } catch (error) {
    if (error instanceof PolicyDenied) {
      if (!error.audited) await auditRefusal(error.message);
      if (api) return sendProblem(reply, 403, 'Not permitted', error.message);
      const breakGlass = error.breakGlassPersonId ? { href: `/people/${error.breakGlassPersonId}/break-glass`, text: 'Use emergency access (break-glass)' } : null;
      return renderPage(services, request, reply, 'pages/error.njk', { title: 'You do not have permission to do that', message: error.message, breakGlass }, 403, identity);
    }
    if (error instanceof Conflict) {
      if (api) return sendProblem(reply, 409, 'Conflict', error.message);
      return errorPage(services, request, reply, 409, 'This cannot be done now', error.message, identity);
    }
    if (error instanceof NotFound) {
      if (api) return sendProblem(reply, 404, 'Not found', error.message);
      return errorPage(services, request, reply, 404, 'Page not found', `${error.message}. Check the address, or find the person again.`, identity);
    }
    if (error instanceof InvalidInput) {
      if (api) return sendProblem(reply, 400, 'The request is not valid', describeProblems(error.problems), error.problems);
      return errorPage(services, request, reply, 400, 'The request is not valid', describeProblems(error.problems), identity);
    }
    if (error instanceof StaleRecord) {
      if (api) return sendProblem(reply, 409, 'This record changed since you read it', `Expected version ${error.expectedVersion}; it is now ${error.currentVersion}. Read it again and resend.`);
      return errorPage(services, request, reply, 409, 'This record changed since you opened it', 'Nothing was saved. Open the record again to see the change, then try again.', identity);
    }
    throw error;
  }
}

export function describeProblems(problems: FieldProblem[]): string {
  return problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ');
}

export function registerRoutes(app: FastifyInstance, services: Services, routes: Route[]): void {
  for (const route of routes) {
    if (route.url.includes(':personId') && !route.person) {
      throw new Error(`${route.method} ${route.url} is about one person but does not say what it needs of the caller's relationship with them`);
    }
    app.route({
      method: route.method,
      url: route.url,
      config: { access: route.access, person: route.person ?? null },
      handler: (request, reply) => runRoute(services, route, request, reply),
    });
  }
}
