// npm run docs:law — writes docs/law-reference.md from the law engine's rule tables.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderLawReference } from '../src/domain/law/reference-page.ts';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/law-reference.md');
writeFileSync(target, renderLawReference());
process.stdout.write(`Wrote ${path.relative(process.cwd(), target)}\n`);
