import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import type { Logger } from 'pino';
import { maximumAttachmentBytes } from '../app/documents/attachments.ts';
import type { AccordDatabase } from '../db/database.ts';
import { loadAssets } from './core/assets.ts';
import { createTemplateEnvironment } from './core/render.ts';
import { cspNonce, errorPage, isApiPath, registerRoutes, type Route, type Services } from './core/route-table.ts';
import { sendProblem } from './core/problem.ts';
import { securityHeaders } from './core/security-headers.ts';
import { signInRoutes } from './sign-in/routes.ts';
import { homeRoutes } from './home/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { peopleRoutes } from './people/routes.ts';
import { adminRoutes } from './admin/routes.ts';
import { apiRoutes } from './api/routes.ts';
import { lawRoutes } from './law/routes.ts';
import { legalStatusRoutes } from './legal/status-routes.ts';
import { legalRecordingRoutes } from './legal/recording-routes.ts';
import { documentRoutes } from './documents/routes.ts';
import { deadlineRoutes } from './deadlines/routes.ts';
import { reportRoutes } from './reports/routes.ts';
import { sharingPolicyRoutes } from './admin/sharing-policy.ts';
import { breakGlassRoutes } from './sharing/break-glass-routes.ts';
import { consentRoutes } from './sharing/consent-routes.ts';
import { disclosureRoutes } from './sharing/disclosure-routes.ts';
import { involvementRoutes } from './sharing/involvement-routes.ts';
import { transparencyRoutes } from './sharing/transparency-routes.ts';
import { referralRoutes } from './referrals/routes.ts';
import { mhtrRoutes } from './mhtr/routes.ts';
import { crisisRoutes } from './crisis/routes.ts';
import { crisisGapRoutes } from './crisis/gap-routes.ts';
import { placeOfSafetyRoutes } from './place-of-safety/routes.ts';
import { awolRoutes } from './awol/routes.ts';
import { restrictedRoutes } from './restricted/routes.ts';
import { restrictedReportRoutes } from './restricted/report-routes.ts';
import { conditionalDischargeRoutes } from './restricted/conditional-discharge-routes.ts';
import { mappaVictimRoutes } from './restricted/mappa-victim-routes.ts';

export interface AppOptions {
  db: AccordDatabase;
  logger: Logger;
  now: () => Temporal.Instant;
  demo: boolean;
  secureCookies?: boolean;
  // Extra route tables from later capabilities.
  routes?: Route[];
}

export interface AccordApp extends FastifyInstance {
  accordRoutes: RouteOptions[];
}

export async function buildApp(options: AppOptions): Promise<AccordApp> {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: 1_048_576,
    trustProxy: false,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  }) as unknown as AccordApp;

  const registered: RouteOptions[] = [];
  app.decorate('accordRoutes', registered);
  app.addHook('onRoute', (route) => {
    registered.push(route);
  });

  const services: Services = {
    db: options.db,
    now: options.now,
    templates: createTemplateEnvironment(),
    logger: options.logger,
    demo: options.demo,
    secureCookies: options.secureCookies ?? false,
  };

  app.decorateRequest('cspNonce', '');
  app.addHook('onRequest', async (request) => {
    request.cspNonce = cspNonce();
  });
  app.addHook('onSend', async (request, reply, payload) => {
    securityHeaders(request, reply, services.secureCookies);
    return payload;
  });

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 1_048_576 });
  // Forms that carry a file (the original of a statutory document) are multipart. Their fields are put
  // on the body as plain strings, like any other form's, so the route chain reads the CSRF token the
  // same way; the one file becomes { filename, mimetype, content }. Field values longer than fieldSize
  // would be cut short silently, so it is set well above the longest answer any form accepts.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: maximumAttachmentBytes, files: 1, fields: 1000, parts: 1001, fieldSize: 100_000 },
    async onFile(part) {
      part.value = { filename: part.filename, mimetype: part.mimetype, content: await part.toBuffer() };
    },
  });

  const assets = loadAssets();
  app.route({
    method: 'GET',
    url: '/assets/*',
    config: { access: 'public' },
    handler: async (request, reply) => {
      const asset = assets.get(request.url.split('?')[0]!);
      if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
      return reply.header('cache-control', 'public, max-age=3600').header('etag', asset.etag).type(asset.contentType).send(asset.body);
    },
  });

  registerRoutes(app, services, [
    ...healthRoutes,
    ...signInRoutes,
    ...homeRoutes,
    ...peopleRoutes,
    ...adminRoutes,
    ...apiRoutes,
    ...lawRoutes,
    ...legalStatusRoutes,
    ...legalRecordingRoutes,
    ...documentRoutes,
    ...deadlineRoutes,
    ...reportRoutes,
    ...sharingPolicyRoutes,
    ...involvementRoutes,
    ...consentRoutes,
    ...disclosureRoutes,
    ...breakGlassRoutes,
    ...transparencyRoutes,
    ...referralRoutes,
    ...mhtrRoutes,
    ...crisisRoutes,
    ...crisisGapRoutes,
    ...placeOfSafetyRoutes,
    ...awolRoutes,
    ...restrictedRoutes,
    ...restrictedReportRoutes,
    ...conditionalDischargeRoutes,
    ...mappaVictimRoutes,
    ...(options.routes ?? []),
  ]);

  app.setNotFoundHandler((request, reply) => {
    if (isApiPath(request.url)) return sendProblem(reply, 404, 'Not found', `No route ${request.method} ${request.url.split('?')[0]}`);
    return errorPage(services, request, reply, 404, 'Page not found', 'If you typed the web address, check it is correct.');
  });

  // Malformed bodies and other request errors: a clear message, never a stack trace.
  app.setErrorHandler((error: { statusCode?: number; message: string; code?: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'request failed');
    const title = status === 500 ? 'Sorry, there is a problem with Accord' : 'The request could not be read';
    const detail =
      status === 500
        ? 'Try again later. Nothing you were entering was saved.'
        : error.code === 'FST_REQ_FILE_TOO_LARGE'
          ? 'The file you chose is larger than 10 MB, so nothing was saved. Go back and choose a smaller file.'
          : error.message;
    if (isApiPath(request.url) || request.headers['content-type']?.includes('json')) return sendProblem(reply, status, title, detail);
    return errorPage(services, request, reply, status, title, detail);
  });

  return app;
}
