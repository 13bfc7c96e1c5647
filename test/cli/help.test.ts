import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runAccord, stackFrame } from './support.ts';

// Usage never touches a database, so these runs point at a folder that is never created.
const environment = { ACCORD_DATA_DIR: '/nonexistent/accord-help-test' };

describe('accord help and usage errors', () => {
  it('prints help listing every command and exits 0, for --help, -h and help', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const run = await runAccord(args, environment);
      assert.equal(run.code, 0, args.join(' '));
      for (const command of ['migrate', 'admin create', 'audit verify', 'demo seed', 'generate']) assert.match(run.stdout, new RegExp(`^  ${command} `, 'm'));
      assert.equal(run.stderr, '');
    }
  });

  it('prints a command’s own help with its options, from help COMMAND and COMMAND --help', async () => {
    const viaHelp = await runAccord(['help', 'admin', 'create'], environment);
    const viaFlag = await runAccord(['admin', 'create', '--help'], environment);
    assert.equal(viaHelp.code, 0);
    assert.equal(viaFlag.code, 0);
    assert.equal(viaHelp.stdout, viaFlag.stdout);
    assert.match(viaHelp.stdout, /--agency-kind KIND/);
    assert.match(viaHelp.stdout, /ACCORD_ADMIN_PASSWORD/);
  });

  it('refuses an unknown command with exit 2, naming it and pointing to --help', async () => {
    const run = await runAccord(['frobnicate'], environment);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Unknown command 'frobnicate'/);
    assert.match(run.stderr, /accord --help/);
    assert.doesNotMatch(run.stderr, stackFrame);
    assert.equal(run.stdout, '');
  });

  it('refuses an unknown subcommand of a group and names the ones there are', async () => {
    const run = await runAccord(['audit', 'repair'], environment);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Unknown command 'accord audit repair': the audit commands are verify/);
  });

  it('refuses no command at all with exit 2', async () => {
    const run = await runAccord([], environment);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Give a command/);
  });

  it('refuses an unknown option, a missing value and a bad value with exit 2 and the option’s name', async () => {
    const unknown = await runAccord(['generate', '--peeple', '5'], environment);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown option '--peeple'/);
    assert.match(unknown.stderr, /accord generate --help/);

    const missingValue = await runAccord(['generate', '--people'], environment);
    assert.equal(missingValue.code, 2);
    assert.match(missingValue.stderr, /--people/);

    const missingOption = await runAccord(['generate'], environment);
    assert.equal(missingOption.code, 2);
    assert.match(missingOption.stderr, /Give --people/);

    const badValue = await runAccord(['generate', '--people', 'lots'], environment);
    assert.equal(badValue.code, 2);
    assert.match(badValue.stderr, /--people must be a whole number/);

    const stray = await runAccord(['migrate', 'now'], environment);
    assert.equal(stray.code, 2);
    assert.match(stray.stderr, /Unexpected argument 'now'/);

    for (const run of [unknown, missingValue, missingOption, badValue, stray]) assert.doesNotMatch(run.stderr, stackFrame);
  });
});
