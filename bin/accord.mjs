#!/usr/bin/env node
// The `accord` command. Written in plain JavaScript so that it starts under any Node.js; if this is not
// Node.js 26 or later it hands over to the pinned Node.js installed in node_modules by `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);
if (major >= 26) {
  await import(path.join(root, 'src/cli/main.ts'));
} else {
  const pinned = path.join(root, 'node_modules/node/bin/node');
  if (!existsSync(pinned)) {
    process.stderr.write(`accord: needs Node.js 26 or later (this is ${process.versions.node}); run 'npm ci' first.\n`);
    process.exit(1);
  }
  const result = spawnSync(pinned, [path.join(root, 'src/cli/main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
