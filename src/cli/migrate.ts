import { z } from 'zod';
import { migrateToLatest } from '../db/migrate.ts';
import { defineCommand, exitCodes, writeLine } from './command.ts';
import { withDatabase } from './database.ts';

export const migrateCommand = defineCommand({
  words: ['migrate'],
  summary: 'Apply the database migrations that have not been applied yet',
  usage: 'accord migrate',
  description:
    'Brings the database up to date with this version of Accord and says which migrations were applied. ' +
    'The server does the same when it starts; run this before starting it if you want to see the outcome first.',
  options: {},
  input: z.object({}),
  run: (_input, io) =>
    withDatabase(io, { migrate: false }, async ({ db, description }) => {
      const outcome = await migrateToLatest(db);
      if (outcome.applied.length === 0) writeLine(io.stdout, `No migrations to apply: ${description} is up to date.`);
      else writeLine(io.stdout, `Applied ${outcome.applied.length} migration${outcome.applied.length === 1 ? '' : 's'} to ${description}: ${outcome.applied.join(', ')}`);
      return exitCodes.success;
    }),
});
