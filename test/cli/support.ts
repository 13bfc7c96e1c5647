import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type AccordDatabase } from '../../src/db/database.ts';
import { createScratchDatabase } from '../../src/db/scratch-database.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Runs `accord` as an operator would, in a child process, with the given environment added to a clean
// one (no DATABASE_URL or ACCORD_DATA_DIR of the caller's). Standard input is the given text, or empty.
export function runAccord(args: string[], environment: NodeJS.ProcessEnv, input = ''): Promise<CliRun> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('ACCORD_') && name !== 'DATABASE_URL'));
  const child = spawn(process.execPath, [path.join(root, 'bin/accord.mjs'), ...args], {
    cwd: root,
    env: { ...inherited, ...environment },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// A database for the command under test: a fresh database on the PostgreSQL server when DATABASE_URL is
// set (as test/support/database.ts does), otherwise an embedded database in a new temporary folder.
// The embedded database may be open in one process at a time, so tests open it only between runs.
export interface CliDatabase {
  environment: NodeJS.ProcessEnv;
  use<T>(work: (db: AccordDatabase) => Promise<T>): Promise<T>;
  remove(): Promise<void>;
}

export async function cliDatabase(): Promise<CliDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const folder = mkdtempSync(path.join(tmpdir(), 'accord-cli-'));
    const dataDirectory = path.join(folder, 'data');
    return {
      environment: { ACCORD_DATA_DIR: dataDirectory },
      use: async (work) => {
        const db = await openDatabase({ databaseUrl: undefined, dataDirectory });
        try {
          return await work(db);
        } finally {
          await db.destroy();
        }
      },
      remove: async () => rmSync(folder, { recursive: true, force: true }),
    };
  }
  const scratch = await createScratchDatabase(serverUrl, 'cli_test');
  const url = new URL(scratch.url);
  return {
    environment: { DATABASE_URL: url.toString() },
    use: async (work) => {
      const db = await openDatabase({ databaseUrl: url.toString(), dataDirectory: '' });
      try {
        return await work(db);
      } finally {
        await db.destroy();
      }
    },
    remove: () => scratch.drop(),
  };
}

// A stack trace's frames look like "    at functionName (file:line:column)".
export const stackFrame = /^\s+at .+:\d+:\d+\)?$/m;
