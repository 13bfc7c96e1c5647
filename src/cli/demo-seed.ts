import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { clockNow } from '../app/context.ts';
import { demoAdministratorUsername } from '../app/demo/area.ts';
import { seedDemo } from '../app/demo/seed.ts';
import { CommandFailure, defineCommand, exitCodes, writeLine } from './command.ts';
import { withDatabase } from './database.ts';

export const demoSeedCommand = defineCommand({
  words: ['demo', 'seed'],
  summary: 'Seed the fictional Wessex demonstration into an empty database',
  usage: 'accord demo seed',
  description:
    'Adds the demonstration area: agencies of every kind, their teams and staff with professional approvals, the ' +
    `administrator ${demoAdministratorUsername}, and people drawn from the case studies with records written by ` +
    'staff of several agencies. Refused on a database that already has agencies.\n\n' +
    'Every demo account gets the password in ACCORD_DEMO_PASSWORD, or a new random one that is printed. A server ' +
    'started with the demo on (ACCORD_DEMO=1, the default) sets the demo accounts to its own demo password at each start.',
  options: {},
  input: z.object({}),
  run: (_input, io) =>
    withDatabase(io, { migrate: true }, async ({ db, config, description }) => {
      const password = config.demoPassword ?? randomBytes(9).toString('base64url');
      const outcome = await seedDemo(db, clockNow, password);
      if (!outcome.seeded) {
        throw new CommandFailure(`Not seeded: ${description} already has agencies. The demo is only seeded into an empty database.`);
      }
      writeLine(io.stdout, `Seeded the Wessex demonstration: ${outcome.agencies} agencies, ${outcome.staff} staff accounts, ${outcome.people} people.`);
      writeLine(
        io.stdout,
        `Sign in as ${demoAdministratorUsername} (or any demo user) with the password: ${config.demoPassword ? '(the value of ACCORD_DEMO_PASSWORD)' : password}`,
      );
      return exitCodes.success;
    }),
});
