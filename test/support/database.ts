import { randomBytes } from 'node:crypto';
import { openDatabase, type AccordDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

export interface TestDatabase {
  db: AccordDatabase;
  close(): Promise<void>;
}

// A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on the
// PostgreSQL server named by DATABASE_URL (created here and dropped afterwards, so a test never touches
// the database the URL names).
export async function freshDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const db = await openDatabase({ databaseUrl: undefined, dataDirectory: 'memory://' });
    await migrateToLatest(db);
    return { db, close: () => db.destroy() };
  }
  const pg = (await import('pg')).default;
  const name = `accord_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDirectory: '' });
  await migrateToLatest(db);
  return {
    db,
    close: async () => {
      await db.destroy();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
