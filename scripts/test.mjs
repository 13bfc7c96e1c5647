import './require-node.mjs';

// Runs every test file under test/ with node's own test runner, prints the spec report, and fails
// when any test fails or when no test ran at all.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import fs from 'node:fs';
import process from 'node:process';

const only = process.argv.slice(2);
const files = (only.length > 0 ? only : fs.globSync('test/**/*.test.ts')).sort();
if (files.length === 0) {
  process.stderr.write('No test files found under test/.\n');
  process.exit(1);
}

let passed = 0;
let failed = 0;
const stream = run({ files, concurrency: 1, isolation: 'process' });
stream.on('test:pass', (event) => {
  if (event.details?.type !== 'suite') passed += 1;
});
stream.on('test:fail', (event) => {
  if (event.details?.type !== 'suite') failed += 1;
});
stream.compose(spec).pipe(process.stdout);
stream.on('end', () => {
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  if (passed === 0) {
    process.stderr.write('No test ran: this counts as a failure.\n');
    process.exitCode = 1;
  } else if (failed > 0) {
    process.exitCode = 1;
  }
});
