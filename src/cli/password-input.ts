import { createInterface } from 'node:readline';
import { CommandFailure, UsageError, type CommandIo } from './command.ts';

// Reads the first line of standard input (a password piped in by a script), without waiting for the
// rest of the stream.
async function readFirstLine(io: CommandIo): Promise<string | null> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
  try {
    for await (const line of lines) return line;
    return null;
  } finally {
    lines.close();
    io.stdin.pause();
  }
}

const enter = new Set(['\r', '\n', '\u0004']);
const interrupt = '\u0003';
const erase = new Set(['\u007f', '\b']);

// Prompts on standard error and reads one line from a terminal without echoing what is typed.
function promptHidden(io: CommandIo, prompt: string): Promise<string> {
  const stdin = io.stdin;
  return new Promise((resolve, reject) => {
    io.stderr.write(prompt);
    let typed = '';
    const finish = (outcome: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write('\n');
      outcome();
    };
    const onData = (chunk: Buffer | string) => {
      for (const character of chunk.toString('utf8')) {
        if (enter.has(character)) return finish(() => resolve(typed));
        if (character === interrupt) return finish(() => reject(new CommandFailure('Cancelled: no administrator was created.')));
        if (erase.has(character)) typed = typed.slice(0, -1);
        else typed += character;
      }
    };
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

// A new password for an account: from the named environment variable; otherwise the first line of
// standard input when it is not a terminal (for scripts); otherwise typed twice at a prompt, unseen.
export async function readNewPassword(io: CommandIo, environmentVariable: string, whose: string): Promise<string> {
  const fromEnvironment = io.environment[environmentVariable];
  if (fromEnvironment !== undefined && fromEnvironment !== '') return fromEnvironment;
  if (!io.stdin.isTTY) {
    const line = await readFirstLine(io);
    if (line === null || line === '') {
      throw new UsageError(`No password given: set ${environmentVariable}, or send the password as the first line of standard input`);
    }
    return line;
  }
  const first = await promptHidden(io, `Password for ${whose}: `);
  const second = await promptHidden(io, 'Type the password again: ');
  if (first !== second) throw new CommandFailure('The two passwords were not the same: nothing was created. Run the command again.');
  return first;
}
