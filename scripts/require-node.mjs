// Refuses to go on under an older Node.js. Under Node 20 the test runner would find no TypeScript tests
// and exit 0, which must never pass for success; `npm start` and `npm test` run this first.
import { nodeVersionProblem } from './node-version.mjs';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(`${problem}\n(running ${process.execPath})\n`);
  process.exit(1);
}
