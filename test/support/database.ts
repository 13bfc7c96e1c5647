import { openDatabase, type AccordDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createScratchDatabase } from '../../src/db/scratch-database.ts';

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
  const scratch = await createScratchDatabase(serverUrl, 'test');
  const db = await openDatabase({ databaseUrl: scratch.url, dataDirectory: '' });
  await migrateToLatest(db);
  return {
    db,
    close: async () => {
      await db.destroy();
      await scratch.drop();
    },
  };
}
