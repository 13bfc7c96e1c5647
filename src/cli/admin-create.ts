import { z } from 'zod';
import { Conflict, InvalidInput } from '../app/errors.ts';
import { createAgency, createStaff, passwordSchema, usernamePattern } from '../app/organisation/organisation.ts';
import { agencyKindKeys, agencyKinds, type AgencyKind } from '../domain/organisation/agency-kinds.ts';
import { CommandFailure, defineCommand, exitCodes, UsageError, writeLine } from './command.ts';
import { withDatabase } from './database.ts';
import { commandLineContext } from './operator.ts';
import { readNewPassword } from './password-input.ts';

export const adminPasswordVariable = 'ACCORD_ADMIN_PASSWORD';

const input = z.object({
  username: z
    .string({ error: 'Give the administrator’s username with --username' })
    .trim()
    .toLowerCase()
    .regex(usernamePattern, { error: '--username must be 2 to 63 lower-case letters, digits, dots, hyphens or underscores, starting with a letter or digit' }),
  name: z.string({ error: 'Give the administrator’s full name with --name' }).trim().min(1, { error: 'Give the administrator’s full name with --name' }).max(200, { error: '--name must be 200 characters or fewer' }),
  email: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : null))
    .pipe(z.email({ error: '--email must be an email address, like name@example.org' }).nullable()),
  agency: z.string({ error: 'Give the administrator’s agency with --agency' }).trim().min(1, { error: 'Give the administrator’s agency with --agency' }).max(200, { error: '--agency must be 200 characters or fewer' }),
  'agency-kind': z.enum(agencyKindKeys, { error: `--agency-kind must be one of: ${agencyKindKeys.join(', ')}` }).optional(),
});

export const adminCreateCommand = defineCommand({
  words: ['admin', 'create'],
  summary: 'Create an administrator (the first one, on a new installation)',
  usage: 'accord admin create --username NAME --name "FULL NAME" --agency "AGENCY" [--agency-kind KIND] [--email ADDRESS]',
  description:
    'Creates a staff account with the system-administrator role, who can then sign in and set up agencies, ' +
    'teams and staff. The agency is found by name; if there is none by that name it is created, and then ' +
    `--agency-kind is needed (one of: ${agencyKindKeys.join(', ')}).\n\n` +
    `The password is taken from the ${adminPasswordVariable} environment variable; otherwise from the first line ` +
    'of standard input when that is not a terminal; otherwise it is asked for twice, without showing what is typed. ' +
    'It must be at least 12 characters.',
  options: {
    username: { type: 'string', valueName: 'NAME', description: 'The username they sign in with (lower-case letters, digits, . - _)' },
    name: { type: 'string', valueName: '"FULL NAME"', description: 'Their full name, as shown to others and in the audit log' },
    agency: { type: 'string', valueName: '"AGENCY"', description: 'The agency they work for, by name' },
    'agency-kind': { type: 'string', valueName: 'KIND', description: 'The kind of agency, needed when the agency does not exist yet' },
    email: { type: 'string', valueName: 'ADDRESS', description: 'Their email address (optional)' },
  },
  input,
  run: (values, io) =>
    withDatabase(io, { migrate: true }, async ({ db }) => {
      const context = commandLineContext(db, 'admin create', 'Creating an administrator from the command line');
      const taken = await db.selectFrom('users').select('id').where('username', '=', values.username).executeTakeFirst();
      if (taken) throw new CommandFailure(`The username ${values.username} is already taken: nothing was created.`);

      const agency = await db.selectFrom('agencies').select(['id', 'name', 'kind']).where('name', '=', values.agency).executeTakeFirst();
      const kind = values['agency-kind'];
      if (!agency && kind === undefined) {
        throw new UsageError(`There is no agency called “${values.agency}” yet: give --agency-kind to create it (one of: ${agencyKindKeys.join(', ')})`);
      }
      if (agency && kind !== undefined && agency.kind !== kind) {
        throw new UsageError(`The agency “${agency.name}” already exists as ${agencyKinds[agency.kind as AgencyKind] ?? agency.kind}: leave out --agency-kind, or give ${agency.kind}`);
      }

      const password = passwordSchema.safeParse(await readNewPassword(io, adminPasswordVariable, `the new administrator ${values.username}`));
      if (!password.success) throw new UsageError(password.error.issues[0]!.message);

      try {
        const agencyId = agency?.id ?? (await createAgency(context, { name: values.agency, kind: kind! }));
        await createStaff(
          context,
          { username: values.username, displayName: values.name, email: values.email, agencyId, teamId: null, role: 'system-administrator' },
          password.data,
        );
      } catch (error) {
        if (error instanceof Conflict) throw new CommandFailure(`${error.message}: nothing was created.`);
        if (error instanceof InvalidInput) throw new CommandFailure(error.problems.map((problem) => problem.message).join('; '));
        throw error;
      }
      writeLine(io.stdout, `Created administrator ${values.username} (${values.name}) at ${agency?.name ?? values.agency}${agency ? '' : ', a new agency'}. They can now sign in.`);
      return exitCodes.success;
    }),
});
