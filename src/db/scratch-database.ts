import { randomBytes } from 'node:crypto';

export interface ScratchDatabase {
  // The new database's URL, on the same server.
  url: string;
  name: string;
  drop(): Promise<void>;
}

// Creates a new, empty database on the PostgreSQL server that serverUrl points at, for tests and
// benchmarks that must not touch the database the URL names. The name says what it is for.
export async function createScratchDatabase(serverUrl: string, purpose: string): Promise<ScratchDatabase> {
  const pg = (await import('pg')).default;
  const name = `accord_${purpose}_${randomBytes(6).toString('hex')}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Not a safe database name: ${name}`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
