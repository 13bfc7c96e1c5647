import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { clockNow } from '../../src/app/context.ts';
import type { AccordDatabase } from '../../src/db/database.ts';
import { buildApp } from '../../src/web/app.ts';
import { freshDatabase } from './database.ts';

// Debian's chromium; CI installs it with apt.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The test machine has no outside network: without these, Chromium keeps trying to reach Google's
// services and fills the logs with refused connections.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ServedApp {
  baseUrl: string;
  db: AccordDatabase;
  close(): Promise<void>;
}

// The whole app on a real port, with a fresh database, for a browser to talk to.
export async function serveApp(options: { now?: () => Temporal.Instant } = {}): Promise<ServedApp> {
  const { db, close } = await freshDatabase();
  const app = await buildApp({ db, logger: pino({ level: 'silent' }), now: options.now ?? clockNow, demo: false });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    baseUrl: address,
    db,
    close: async () => {
      await app.close();
      await close();
    },
  };
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

// Headless Chromium with its own throw-away profile, so nothing carries over between runs.
export async function openBrowser(baseUrl: string): Promise<BrowserSession> {
  const profile = await mkdtemp(path.join(tmpdir(), 'accord-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      env: { ...process.env, TZ: 'Europe/London' },
      timezoneId: 'Europe/London',
      locale: 'en-GB',
      baseURL: baseUrl,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

const axeSourcePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | undefined;

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes.map((node) => `    ${JSON.stringify(node.target)}${node.failureSummary ? `: ${node.failureSummary.replaceAll('\n', ' ')}` : ''}`);
      return `  ${violation.id} (${violation.impact ?? 'no impact given'}): ${violation.help}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

// Runs axe-core against the page as it is now and fails with every WCAG 2.0, 2.1 and 2.2 (A and AA)
// violation found. axe is evaluated through the debugging protocol rather than a script tag, so the
// page's content security policy stays exactly as users get it.
export async function assertAccessible(page: Page): Promise<void> {
  axeSource ??= await readFile(axeSourcePath, 'utf8');
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags: string[]) => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const results = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
    }));
  }, wcagTags);
  assert.equal(violations.length, 0, `Accessibility violations on ${page.url()} ("${await page.title()}"):\n${describeViolations(violations)}`);
}

// Keeps a list of every page (every document) the browser is sent, so a journey can prove it checked
// each one. Same-document moves, such as following a link to a field, are not new pages.
export class VisitedPages {
  private readonly visits: { url: string; checked: boolean }[] = [];

  constructor(page: Page) {
    page.on('response', (response) => {
      const request = response.request();
      if (request.isNavigationRequest() && request.frame() === page.mainFrame() && !(response.status() >= 300 && response.status() < 400)) {
        this.visits.push({ url: response.url(), checked: false });
      }
    });
  }

  // Checks the page now shown for accessibility and marks it as checked.
  async check(page: Page): Promise<void> {
    await page.waitForLoadState('load');
    await assertAccessible(page);
    const current = this.visits.at(-1);
    assert.ok(current, 'no page has been visited yet');
    assert.equal(withoutFragment(current.url), withoutFragment(page.url()), 'the page checked is the last one the browser was sent');
    current.checked = true;
  }

  assertEveryPageChecked(): void {
    const unchecked = this.visits.filter((visit) => !visit.checked).map((visit) => visit.url);
    assert.deepEqual(unchecked, [], `pages visited without an accessibility check: ${unchecked.join(', ')}`);
  }

  get urls(): string[] {
    return this.visits.map((visit) => visit.url);
  }
}

function withoutFragment(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.toString();
}
