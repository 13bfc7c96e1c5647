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
