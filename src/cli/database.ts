import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { ConfigurationError, readConfig, type Config } from '../config.ts';
import { openDatabase, type AccordDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { CommandFailure, UsageError, writeLine, type CommandIo } from './command.ts';

// The database a command works on: the server's, from the same configuration (DATABASE_URL, or the
// embedded database in ACCORD_DATA_DIR).
export function describeDatabase(config: Config): string {
  if (!config.databaseUrl) return `the embedded database in ${config.dataDirectory}`;
  const url = new URL(config.databaseUrl);
  // The URL may carry a password: name the server and database only.
  return `the PostgreSQL database ${url.pathname.replace(/^\//, '') || '(default)'} on ${url.hostname}${url.port ? `:${url.port}` : ''}`;
}

function readCommandConfig(io: CommandIo): Config {
  try {
    return readConfig(io.environment);
  } catch (error) {
    if (error instanceof ConfigurationError) throw new UsageError(error.message);
    throw error;
  }
}

const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', '28P01', '28000', '3D000']);

function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && unreachableCodes.has(code)) return true;
  // pg reports a refused connection to several addresses as an AggregateError of refusals.
  return error instanceof AggregateError && error.errors.some(isUnreachable);
}

function errorMessage(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return errorMessage(error.errors[0]);
  return error instanceof Error ? error.message : String(error);
}

export interface DatabaseSession {
  db: AccordDatabase;
  config: Config;
  description: string;
}

// Opens the configured database, runs the work and always closes it, so the process can exit. A
// database that cannot be reached becomes a CommandFailure that names it. With `migrate`, pending
// migrations are applied first (as the server does at start) and reported on standard error.
// With `mustExist`, an embedded database folder that is not there is reported rather than created.
export async function withDatabase<T>(io: CommandIo, options: { migrate: boolean; mustExist?: boolean }, work: (session: DatabaseSession) => Promise<T>): Promise<T> {
  const config = readCommandConfig(io);
  const description = describeDatabase(config);
  if (options.mustExist && !config.databaseUrl && !existsSync(config.dataDirectory)) {
    throw new CommandFailure(`There is no embedded database in ${config.dataDirectory}. Check ACCORD_DATA_DIR, or run 'accord migrate' to create one.`);
  }
  let db: AccordDatabase;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDirectory: config.dataDirectory });
  } catch (error) {
    throw new CommandFailure(`Could not open ${description}: ${errorMessage(error)}`);
  }
  try {
    // Reach the database before anything else, so that an unreachable one is reported as such rather
    // than as the failure of whatever step first needed it.
    await sql`select 1`.execute(db);
    if (options.migrate) {
      const outcome = await migrateToLatest(db);
      if (outcome.applied.length > 0) writeLine(io.stderr, `Applied migrations to ${description}: ${outcome.applied.join(', ')}`);
    }
    return await work({ db, config, description });
  } catch (error) {
    if (isUnreachable(error)) throw new CommandFailure(`Could not reach ${description}: ${errorMessage(error)}`);
    // 42P01: a table is missing, so the database has not been set up.
    if ((error as { code?: unknown }).code === '42P01') {
      throw new CommandFailure(`${description.charAt(0).toUpperCase()}${description.slice(1)} has not been set up (${errorMessage(error)}). Run 'accord migrate' first.`);
    }
    throw error;
  } finally {
    await db.destroy().catch(() => undefined);
  }
}
