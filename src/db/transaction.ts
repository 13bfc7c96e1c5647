import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

// Runs work in a transaction, or in the caller's transaction when there already is one, so that an
// application function can be used on its own or as one step of a larger all-or-nothing change (the
// demo seed, a later pathway that records several things at once).
export function inTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return db.transaction().execute(work);
}
