import { commands } from './commands.ts';
import { runCli } from './run-cli.ts';

// The `accord` command (started by bin/accord.mjs). Exit codes: 0 done, 1 failed, 2 wrong usage.
process.exitCode = await runCli(commands, process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  environment: process.env,
});
