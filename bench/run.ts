// The load benchmark (`npm run bench`; never part of `npm test`). It builds a fresh database, fills it
// with synthetic people, starts the server in this process on a free loopback port, signs in, and
// measures requests per second and p99 latency for a trivial route and two people pages, each compared
// with the trivial route measured in the same run on the same machine. Then the deadlines benchmark
// (bench/deadlines.ts): a hospital's deadlines page with 20 connections among 1,000,000 people.
//
//   npm run bench -- [--people N] [--duration SECONDS]
//
// With DATABASE_URL set, a new database is made on that PostgreSQL server and dropped afterwards;
// otherwise an embedded database is made in a temporary folder and removed afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pino from 'pino';
import { sql } from 'kysely';
import { clockNow, systemActor, type AppContext } from '../src/app/context.ts';
import { createStaff } from '../src/app/organisation/organisation.ts';
import { generatePeople } from '../src/app/people/generate-people.ts';
import { ProgressBar } from '../src/cli/progress-bar.ts';
import { createScratchDatabase } from '../src/db/scratch-database.ts';
import { openDatabase, type AccordDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildApp } from '../src/web/app.ts';
import { runDeadlinesBenchmark } from './deadlines.ts';

const connections = 10;

interface BenchOptions {
  people: number;
  durationSeconds: number;
}

function readOptions(): BenchOptions {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { people: { type: 'string' }, duration: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write('Usage: npm run bench -- [--people N (default 100000)] [--duration SECONDS per route (default 10)]\n');
    process.exit(0);
  }
  const people = Number(values.people ?? 100_000);
  const durationSeconds = Number(values.duration ?? 10);
  if (!Number.isInteger(people) || people < 1) throw new Error('--people must be a whole number of at least 1');
  if (!Number.isInteger(durationSeconds) || durationSeconds < 1) throw new Error('--duration must be a whole number of seconds, at least 1');
  return { people, durationSeconds };
}

interface BenchDatabase {
  db: AccordDatabase;
  description: string;
  remove(): Promise<void>;
}

async function freshBenchDatabase(): Promise<BenchDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const folder = mkdtempSync(path.join(tmpdir(), 'accord-bench-'));
    const db = await openDatabase({ databaseUrl: undefined, dataDirectory: folder });
    return {
      db,
      description: 'embedded PGlite in a temporary folder',
      remove: async () => {
        await db.destroy();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  }
  const scratch = await createScratchDatabase(serverUrl, 'bench');
  const db = await openDatabase({ databaseUrl: scratch.url, dataDirectory: '' });
  const url = new URL(scratch.url);
  return {
    db,
    description: `PostgreSQL server ${url.hostname}:${url.port || 5432}, fresh database ${scratch.name}`,
    remove: async () => {
      await db.destroy();
      await scratch.drop();
    },
  };
}

// Cookies from a response, added to those already held.
function keepCookies(response: Response, jar: Map<string, string>): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const index = pair!.indexOf('=');
    jar.set(pair!.slice(0, index).trim(), pair!.slice(index + 1).trim());
  }
}

function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

// Signs in as a browser would: the sign-in page sets the anonymous CSRF cookie and carries the token in
// the form, which is then posted with the username and password.
async function signIn(origin: string, username: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const page = await fetch(`${origin}/sign-in`);
  keepCookies(page, jar);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf || !jar.has('accord_csrf')) throw new Error('The sign-in page gave no CSRF token');
  const response = await fetch(`${origin}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    body: new URLSearchParams({ username, password, _csrf: csrf }).toString(),
  });
  keepCookies(response, jar);
  if (response.status !== 303 || !jar.has('accord_session')) throw new Error(`Sign-in failed with status ${response.status}`);
  return `accord_session=${jar.get('accord_session')}`;
}

interface RouteResult {
  label: string;
  requestsPerSecond: number;
  p99Milliseconds: number;
}

async function measure(origin: string, label: string, pathAndQuery: string, cookie: string, durationSeconds: number): Promise<RouteResult> {
  // One request first, so a missing page or a failed sign-in is reported rather than measured.
  const check = await fetch(`${origin}${pathAndQuery}`, { headers: { cookie }, redirect: 'manual' });
  if (check.status !== 200) throw new Error(`${label}: GET ${pathAndQuery} answered ${check.status}, not 200`);
  await check.arrayBuffer();
  const result = await autocannon({ url: `${origin}${pathAndQuery}`, connections, duration: durationSeconds, headers: { cookie }, title: label });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${label}: ${result.non2xx} responses were not 2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return { label, requestsPerSecond: result.requests.average, p99Milliseconds: result.latency.p99 };
}

async function main(): Promise<void> {
  const options = readOptions();
  const command = `npm run bench -- --people ${options.people} --duration ${options.durationSeconds}`;
  const database = await freshBenchDatabase();
  const logger = pino({ level: 'silent' });
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    await migrateToLatest(database.db);
    const context: AppContext = { db: database.db, now: clockNow, actor: systemActor('Benchmark set-up'), purpose: 'Preparing a load benchmark' };

    process.stderr.write(`Generating ${options.people.toLocaleString('en-GB')} people in ${database.description}\n`);
    const progress = new ProgressBar(process.stderr, options.people, 'people');
    const generated = await generatePeople(context, { count: options.people, seed: 20_260_101, onProgress: (done) => progress.update(done) });

    const password = randomBytes(18).toString('base64url');
    // The nurse works at the generated trust, so they see the people it is involved with, as staff would.
    const { id: agencyId } = await database.db.selectFrom('agencies').select('id').where('name', '=', 'Synthetic Mental Health Trust (generated)').executeTakeFirstOrThrow();
    await createStaff(context, { username: 'bench.nurse', displayName: 'Benchmark Nurse', email: null, agencyId, teamId: null, role: 'mental-health-nurse' }, password);

    const common = await database.db
      .selectFrom('people')
      .select(['family_name', sql<number>`count(*)`.as('people')])
      .groupBy('family_name')
      .orderBy(sql`count(*)`, 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const person = await database.db
      .selectFrom('people')
      .innerJoin('involvements', 'involvements.person_id', 'people.id')
      .select('people.id')
      .where('people.family_name', '=', common.family_name)
      .where('involvements.agency_id', '=', agencyId)
      .orderBy('people.id')
      .limit(1)
      .executeTakeFirstOrThrow();

    app = await buildApp({ db: database.db, logger, now: clockNow, demo: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('The server has no TCP address');
    const origin = `http://127.0.0.1:${address.port}`;
    const cookie = await signIn(origin, 'bench.nurse', password);

    process.stderr.write(`Measuring each route for ${options.durationSeconds} s with ${connections} connections\n`);
    const results: RouteResult[] = [];
    results.push(await measure(origin, 'GET /health', '/health', '', options.durationSeconds));
    results.push(await measure(origin, `GET /people?q=${common.family_name}`, `/people?q=${encodeURIComponent(common.family_name)}`, cookie, options.durationSeconds));
    results.push(await measure(origin, 'GET /people/:id', `/people/${person.id}`, cookie, options.durationSeconds));

    const trivial = results[0]!.requestsPerSecond;
    const cpuList = cpus();
    const lines = [
      '',
      `Accord load benchmark: ${generated.people.toLocaleString('en-GB')} people, ${generated.entries.toLocaleString('en-GB')} record entries; ${database.description}`,
      `Search term "${common.family_name}" is held by ${Number(common.people).toLocaleString('en-GB')} people`,
      `Machine: ${cpuList[0]?.model.trim() ?? 'unknown CPU'}, ${cpuList.length} cores; Node ${process.versions.node}`,
      `Command: ${command}`,
      '',
      `${'route'.padEnd(34)} ${'requests/s'.padStart(11)} ${'p99 ms'.padStart(8)} ${'vs /health'.padStart(11)}`,
      ...results.map(
        (result) =>
          `${result.label.padEnd(34)} ${result.requestsPerSecond.toFixed(0).padStart(11)} ${result.p99Milliseconds.toFixed(0).padStart(8)} ${(result.requestsPerSecond / trivial).toFixed(3).padStart(11)}`,
      ),
      '',
    ];
    process.stdout.write(lines.join('\n'));
  } finally {
    await app?.close();
    await database.remove();
  }
}

try {
  await main();
  // Then a hospital's deadlines page among 1,000,000 people (fewer on PGlite), in a database of its own.
  const deadlines = await runDeadlinesBenchmark({ durationSeconds: readOptions().durationSeconds });
  process.stdout.write(deadlines.lines.join('\n'));
} catch (error) {
  process.stderr.write(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
