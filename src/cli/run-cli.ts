import { parseArgs } from 'node:util';
import { commandName, CommandFailure, exitCodes, UsageError, writeLine, type CliCommand, type CommandIo } from './command.ts';
import { InvalidInput, NotFound, PolicyDenied, Conflict } from '../app/errors.ts';

const helpFlags = new Set(['--help', '-h']);

function generalHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((command) => commandName(command).length));
  return [
    'Accord: one place for the agencies around a person with mental health needs.',
    '',
    'Usage: accord COMMAND [OPTIONS]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${commandName(command).padEnd(width)}  ${command.summary}`),
    `  ${'help'.padEnd(width)}  Show this help, or a command's: accord help COMMAND`,
    '',
    'Every command works on the database the server uses: DATABASE_URL (a PostgreSQL server) if set, otherwise the',
    'embedded database in ACCORD_DATA_DIR (default ./data). Stop the server first when using the embedded database.',
    '',
    'Exit codes: 0 done, 1 failed (for example a broken audit log or an unreachable database), 2 wrong usage.',
    "Run 'accord COMMAND --help' for a command's options.",
  ].join('\n');
}

function wrap(text: string, width = 100): string {
  return text
    .split('\n')
    .map((paragraph) => {
      const lines: string[] = [];
      let line = '';
      for (const word of paragraph.split(' ')) {
        if (line !== '' && line.length + 1 + word.length > width) {
          lines.push(line);
          line = word;
        } else line = line === '' ? word : `${line} ${word}`;
      }
      lines.push(line);
      return lines.join('\n');
    })
    .join('\n');
}

function commandHelp(command: CliCommand): string {
  const options = Object.entries(command.options).map(([name, option]) => ({ label: `--${name}${option.valueName ? ` ${option.valueName}` : ''}`, description: option.description }));
  options.push({ label: '--help, -h', description: 'Show this help' });
  const width = Math.max(...options.map((option) => option.label.length));
  return [
    `Usage: ${command.usage}`,
    '',
    wrap(command.description),
    '',
    'Options:',
    ...options.map((option) => `  ${option.label.padEnd(width)}  ${option.description}`),
  ].join('\n');
}

// The command named by the leading words of the arguments, and the arguments after them.
function findCommand(commands: readonly CliCommand[], args: readonly string[]): { command: CliCommand; rest: string[] } | null {
  const matches = commands.filter((command) => command.words.every((word, index) => args[index] === word));
  const longest = matches.sort((a, b) => b.words.length - a.words.length)[0];
  return longest ? { command: longest, rest: args.slice(longest.words.length) } : null;
}

function unknownCommand(commands: readonly CliCommand[], args: readonly string[]): UsageError {
  const group = commands.filter((command) => command.words.length > 1 && command.words[0] === args[0]);
  if (group.length > 0) {
    const known = group.map((command) => command.words.slice(1).join(' ')).join(', ');
    if (args[1] === undefined || args[1].startsWith('-')) return new UsageError(`'accord ${args[0]}' needs a command: ${known}`);
    return new UsageError(`Unknown command 'accord ${args[0]} ${args[1]}': the ${args[0]} commands are ${known}`);
  }
  if (args[0]!.startsWith('-')) return new UsageError(`Unknown option '${args[0]}': give a command first`);
  return new UsageError(`Unknown command '${args[0]}'`);
}

function parseOptions(command: CliCommand, args: string[]): { values: Record<string, unknown>; help: boolean } {
  const options = Object.fromEntries(Object.entries(command.options).map(([name, option]) => [name, { type: option.type }]));
  try {
    const allowed = command.positionals;
    const { values, positionals } = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: allowed !== undefined });
    if (allowed && positionals.length > allowed.most) throw new UsageError(`Too many arguments: give at most ${allowed.most} ${allowed.name}`);
    const { help, ...rest } = values as Record<string, unknown>;
    return { values: allowed ? { ...rest, positionals } : rest, help: help === true };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      // Node's first sentence names the option or argument; the rest of its advice is about quoting.
      throw new UsageError((error as Error).message.split('\n')[0]!.replace(/\.\s.*$/, '').replace(/\.$/, ''));
    }
    throw error;
  }
}

function failureMessage(error: unknown): string | null {
  if (error instanceof CommandFailure) return error.message;
  if (error instanceof InvalidInput) return error.problems.map((problem) => problem.message).join('; ');
  if (error instanceof NotFound || error instanceof PolicyDenied || error instanceof Conflict) return error.message;
  return null;
}

// Runs one `accord` invocation and returns its exit code. Usage errors and failures are reported as a
// message on standard error, never a stack trace.
export async function runCli(commands: readonly CliCommand[], args: readonly string[], io: CommandIo): Promise<number> {
  let current: CliCommand | null = null;
  try {
    if (args.length === 0) throw new UsageError('Give a command');
    if (helpFlags.has(args[0]!) || args[0] === 'help') {
      const about = args.slice(1);
      if (about.length === 0) {
        writeLine(io.stdout, generalHelp(commands));
        return exitCodes.success;
      }
      const found = findCommand(commands, about);
      if (!found || found.rest.length > 0) throw unknownCommand(commands, about);
      writeLine(io.stdout, commandHelp(found.command));
      return exitCodes.success;
    }
    const found = findCommand(commands, args);
    if (!found) throw unknownCommand(commands, args);
    current = found.command;
    const { values, help } = parseOptions(found.command, found.rest);
    if (help) {
      writeLine(io.stdout, commandHelp(found.command));
      return exitCodes.success;
    }
    return await found.command.execute(values, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const name = current ? `accord ${commandName(current)}` : 'accord';
      writeLine(io.stderr, `${name}: ${error.message}.`.replace(/\.\.$/, '.'));
      writeLine(io.stderr, `Run '${name} --help' for usage.`);
      return exitCodes.usage;
    }
    const message = failureMessage(error);
    const name = current ? `accord ${commandName(current)}` : 'accord';
    if (message !== null) {
      writeLine(io.stderr, `${name}: ${message}`);
      return exitCodes.failure;
    }
    // Something unforeseen: the message, and the details only when asked for, since a stack trace
    // helps a developer but not an operator.
    writeLine(io.stderr, `${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    if (io.environment.ACCORD_LOG_LEVEL === 'debug' && error instanceof Error && error.stack) writeLine(io.stderr, error.stack);
    return exitCodes.failure;
  }
}
