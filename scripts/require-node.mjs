// Refuses to go on under an older Node.js. Accord needs Node 26 (built-in Temporal, TypeScript type
// stripping, crypto.argon2). Under Node 20 the test runner would find no TypeScript tests and exit 0,
// which must never pass for success.
const required = 26;
const major = Number(process.versions.node.split('.')[0]);
if (!(major >= required)) {
  process.stderr.write(
    `Accord needs Node.js ${required} or later; this is Node.js ${process.versions.node} (${process.execPath}).\n` +
      `Run 'npm ci' so the pinned Node.js in node_modules/.bin is installed, then run the command through npm.\n`,
  );
  process.exit(1);
}
