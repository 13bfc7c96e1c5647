import type { Readable, Writable } from 'node:stream';
import type { z } from 'zod';

// What a command reads and writes, passed in rather than taken from `process` so that a command's
// behaviour depends only on its arguments, its environment and its standard streams.
export interface CommandIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  environment: NodeJS.ProcessEnv;
}

export interface CommandOption {
  type: 'string' | 'boolean';
  // Shown in help after the option's name, e.g. `--people N`.
  valueName?: string;
  description: string;
}

// One `accord` subcommand. Commands live one to a file and are listed in commands.ts; the runner in
// run-cli.ts parses their options, validates them with the command's schema and maps errors to exit codes.
export interface CliCommand {
  // The words that name the command, e.g. ['audit', 'verify'].
  words: readonly string[];
  summary: string;
  usage: string;
  description: string;
  options: Readonly<Record<string, CommandOption>>;
  // Arguments that are not options (e.g. a file name), at most this many; given to the command as
  // `positionals`. None unless the command says so.
  positionals?: { name: string; most: number };
  execute(values: Record<string, unknown>, io: CommandIo): Promise<number>;
}

export interface CommandDefinition<Input> extends Omit<CliCommand, 'execute'> {
  // Validates the parsed option values; each message names the option it is about.
  input: z.ZodType<Input>;
  run(input: Input, io: CommandIo): Promise<number>;
}

export const exitCodes = { success: 0, failure: 1, usage: 2 } as const;

// Something wrong with how the command was called: exit code 2, a message and a pointer to --help.
export class UsageError extends Error {}

// The command was understood but could not be done: exit code 1 and the message, no stack trace.
export class CommandFailure extends Error {}

export function defineCommand<Input>(definition: CommandDefinition<Input>): CliCommand {
  return {
    words: definition.words,
    summary: definition.summary,
    usage: definition.usage,
    description: definition.description,
    options: definition.options,
    ...(definition.positionals ? { positionals: definition.positionals } : {}),
    async execute(values, io) {
      const parsed = definition.input.safeParse(values);
      if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => issue.message).join('; '));
      return definition.run(parsed.data, io);
    },
  };
}

export function commandName(command: Pick<CliCommand, 'words'>): string {
  return command.words.join(' ');
}

export function writeLine(stream: Writable, text = ''): void {
  stream.write(`${text}\n`);
}
