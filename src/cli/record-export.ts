import { personRecordJson } from '../app/people/record-json.ts';
import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { clockNow, type Actor, type AppContext } from '../app/context.ts';
import { usernamePattern } from '../app/organisation/organisation.ts';
import { viewPerson } from '../app/people/view-person.ts';
import { subjectAccessExport } from '../app/sharing/subject-access.ts';
import type { AccordDatabase } from '../db/database.ts';
import { isUuid } from '../domain/identifiers.ts';
import type { Role } from '../domain/organisation/roles.ts';
import { CommandFailure, defineCommand, exitCodes, writeLine, type CommandIo } from './command.ts';
import { withDatabase } from './database.ts';

// Exporting a person's record from the command line, as a named member of staff: the same application
// functions as the pages and the API, with an actor built from that member of staff's account, so an
// export shows exactly what they may see under the sharing policy, is refused where they would be
// refused, and is audited in their name. The audit purpose also names the operating-system account that
// ran the command, since it was not the member of staff signing in.

function operatingSystemUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'an unknown user';
  }
}

// The member of staff as an actor, as a signed-in session makes one (src/app/auth/sessions.ts).
async function staffActor(db: AccordDatabase, username: string): Promise<Actor> {
  const row = await db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.display_name', 'users.role', 'users.disabled_at', 'agencies.id as agency_id', 'agencies.name as agency_name'])
    .where('users.username', '=', username)
    .executeTakeFirst();
  if (!row) throw new CommandFailure(`There is no member of staff with the username ${username}: nothing was exported.`);
  if (row.disabled_at !== null) throw new CommandFailure(`The account ${username} is disabled: nothing was exported.`);
  return { kind: 'user', userId: row.id, label: row.display_name, role: row.role as Role, agencyId: row.agency_id, agencyName: row.agency_name };
}

function staffContext(db: AccordDatabase, actor: Actor, command: string, purpose: string): AppContext {
  return { db, now: clockNow, actor, purpose: `${purpose} (command line: accord ${command}, run by ${operatingSystemUser()})` };
}

// Writes the JSON to standard output, or to a new file (never over an existing one: an export is
// sensitive, and overwriting the wrong file would lose something). The file is readable by its owner only.
async function deliver(io: CommandIo, json: unknown, output: string | undefined, what: string): Promise<void> {
  const text = `${JSON.stringify(json, null, 2)}\n`;
  if (output === undefined) {
    io.stdout.write(text);
    return;
  }
  const file = path.resolve(output);
  try {
    await writeFile(file, text, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EEXIST') throw new CommandFailure(`${file} already exists: choose another file; nothing was written.`);
    throw new CommandFailure(`Could not write ${file}: ${(error as Error).message}`);
  }
  writeLine(io.stdout, `Wrote ${what} to ${file}.`);
}

const exportInput = z.object({
  positionals: z
    .array(z.string())
    .length(1, { error: 'Give the person’s id (PERSON_ID)' })
    .refine((values) => isUuid(values[0]), { error: 'PERSON_ID must be a person’s id, like 0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0' }),
  as: z
    .string({ error: 'Give the username of the member of staff to export as, with --as' })
    .trim()
    .toLowerCase()
    .regex(usernamePattern, { error: '--as must be a username: lower-case letters, digits, dots, hyphens or underscores' }),
  output: z.string().min(1, { error: '--output must name a file' }).optional(),
});

const sharedOptions = {
  as: { type: 'string', valueName: 'USERNAME', description: 'The member of staff whose view of the record to export; the export is audited in their name' },
  output: { type: 'string', valueName: 'FILE', description: 'Write the JSON to this new file (readable by you only) instead of standard output' },
} as const;

export const recordExportCommand = defineCommand({
  words: ['record', 'export'],
  summary: 'Print a person’s record as JSON, as a member of staff would see it',
  usage: 'accord record export PERSON_ID --as USERNAME [--output FILE]',
  description:
    'Prints the person’s record as JSON (the same as the API gives) exactly as the member of staff named by --as ' +
    'would see it: only while they or their team are involved with the person, or through a disclosure or break-glass, ' +
    'and only the categories the sharing policy gives their agency and role. Entries they may not see are left out and ' +
    'counted in hiddenEntries. Refused (exit 1) where they would be refused; the export and any refusal are audited in ' +
    'their name, with the operating-system account that ran the command.',
  options: sharedOptions,
  positionals: { name: 'PERSON_ID', most: 1 },
  input: exportInput,
  run: (input, io) =>
    withDatabase(io, { migrate: false, mustExist: true }, async ({ db }) => {
      const actor = await staffActor(db, input.as);
      const context = staffContext(db, actor, 'record export', 'Exporting a person’s record');
      const view = await viewPerson(context, input.positionals[0]!, 'Exported the person’s record as JSON from the command line');
      await deliver(io, personRecordJson(view), input.output, `the record as ${actor.label} sees it`);
      return exitCodes.success;
    }),
});

export const recordSubjectAccessCommand = defineCommand({
  words: ['record', 'subject-access'],
  summary: 'Print everything held about a person as JSON, for a subject access request',
  usage: 'accord record subject-access PERSON_ID --as USERNAME [--output FILE]',
  description:
    'Prints the subject access export (UK GDPR Article 15) of everything Accord holds about the person: their details, ' +
    'every entry of the record, legal status and deadlines, tasks, statutory documents (listed with their SHA-256, ' +
    'not the originals), involvements, consents, disclosures, emergency access and who used the record. The member of ' +
    'staff named by --as must have a role that oversees the use of records (Mental Health Act administrator, ' +
    'information governance lead or Caldicott guardian); the export is audited in their name. Check what the law ' +
    'allows to be withheld (listed under releaseChecks) before giving it to the person.',
  options: sharedOptions,
  positionals: { name: 'PERSON_ID', most: 1 },
  input: exportInput,
  run: (input, io) =>
    withDatabase(io, { migrate: false, mustExist: true }, async ({ db }) => {
      const actor = await staffActor(db, input.as);
      const context = staffContext(db, actor, 'record subject-access', 'Answering a subject access request');
      const held = await subjectAccessExport(context, input.positionals[0]!, 'json');
      await deliver(io, held, input.output, `everything held about ${held.person.name}`);
      return exitCodes.success;
    }),
});
