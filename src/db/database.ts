import { mkdirSync } from 'node:fs';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';

export type AccordDatabase = Kysely<Database>;

export interface DatabaseTarget {
  databaseUrl: string | undefined;
  // The embedded database's folder; 'memory://' for a throwaway in-memory database.
  dataDirectory: string;
  // Told when an idle server connection fails (the server restarted, or dropped the connection).
  onConnectionError?: (error: Error) => void;
}

// Type OIDs whose text form Accord keeps as text: dates and timestamps become Temporal values in the
// data layer, never JavaScript Dates; bigint sequences are small enough to be numbers.
const DATE = 1082;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const INT8 = 20;

// Statements that a connection has run before are kept prepared on it under a name, so the server parses
// and plans them once rather than on every request (for a list page, planning cost more than running).
// Only statements with parameters are named (a statement without them may hold several commands, which
// a prepared statement cannot); a statement is named from its second use, and each connection keeps at
// most `preparedPerConnection`, so the one-off statements of a set-up or an import are not kept.
const preparedPerConnection = 200;
const preparedTextLimit = 10_000;

type QueryMethod = (this: unknown, ...args: unknown[]) => unknown;

export function preparingClient(Base: typeof import('pg').Client): typeof import('pg').Client {
  const query = Base.prototype.query as unknown as QueryMethod;
  class PreparingClient extends Base {
    names = new Map<string, string>();
    seen = new Set<string>();

    nameFor(text: string): string | null {
      const known = this.names.get(text);
      if (known !== undefined) return known;
      if (text.length > preparedTextLimit || this.names.size >= preparedPerConnection) return null;
      if (!this.seen.has(text)) {
        if (this.seen.size >= preparedPerConnection * 4) this.seen.clear();
        this.seen.add(text);
        return null;
      }
      this.seen.delete(text);
      const name = `accord_${this.names.size + 1}`;
      this.names.set(text, name);
      return name;
    }
  }
  // pg's query has many forms; a text with values and no callback is what Kysely sends, and is named.
  PreparingClient.prototype.query = function (this: PreparingClient, ...args: unknown[]): unknown {
    const [text, values] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && args.length === 2) {
      const name = this.nameFor(text);
      if (name !== null) return query.call(this, { name, text, values });
    }
    return query.apply(this, args);
  } as unknown as PreparingClient['query'];
  return PreparingClient;
}

export async function openDatabase(target: DatabaseTarget): Promise<AccordDatabase> {
  if (target.databaseUrl) {
    const pg = (await import('pg')).default;
    const types = {
      getTypeParser: (oid: number, format?: 'text' | 'binary') => {
        if (oid === DATE || oid === TIMESTAMP || oid === TIMESTAMPTZ) return (value: string) => value;
        if (oid === INT8) return (value: string) => Number(value);
        return pg.types.getTypeParser(oid, format as 'text');
      },
    };
    const pool = new pg.Pool({
      Client: preparingClient(pg.Client),
      connectionString: target.databaseUrl,
      max: 10,
      options: '-c TimeZone=UTC',
      types: types as never,
    });
    // An idle connection that the server closes (a restart, a terminated session) must not take the
    // process down: the pool replaces it on the next query. Without a listener, pg would throw.
    pool.on('error', (error) => target.onConnectionError?.(error));
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const inMemory = target.dataDirectory.startsWith('memory://');
  if (!inMemory) mkdirSync(target.dataDirectory, { recursive: true });
  const pglite = new PGlite({
    ...(inMemory ? {} : { dataDir: target.dataDirectory }),
    parsers: {
      [DATE]: (value: string) => value,
      [TIMESTAMP]: (value: string) => value,
      [TIMESTAMPTZ]: (value: string) => value,
      [INT8]: (value: string) => Number(value),
    },
  });
  await pglite.waitReady;
  await pglite.exec(`set time zone 'UTC'`);
  return new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
}

export function instantFromDatabase(value: string): Temporal.Instant {
  return Temporal.Instant.from(value);
}

export function instantToDatabase(instant: Temporal.Instant): string {
  return instant.toString();
}
