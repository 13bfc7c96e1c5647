import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { commencementTable } from '../../../src/domain/law/commencement.ts';
import { nearestRelativeRules } from '../../../src/domain/law/nearest-relative.ts';
import { renderLawReference } from '../../../src/domain/law/reference-page.ts';
import { lawRules } from '../../../src/domain/law/rules.ts';

describe('the law engine’s reference page', () => {
  it('is up to date with the rule tables (run npm run docs:law after changing a rule)', () => {
    const committed = readFileSync(new URL('../../../docs/law-reference.md', import.meta.url), 'utf8');
    assert.equal(committed, renderLawReference());
  });

  it('lists every rule of both commands and every commencement row with its provision', () => {
    const page = renderLawReference();
    for (const entry of [...lawRules, ...nearestRelativeRules]) assert.ok(page.includes(`| ${entry.id} | ${entry.provision.replace(/\|/g, '\\|')} |`), entry.id);
    for (const row of commencementTable) assert.ok(page.includes(`| ${row.key} |`), row.key);
  });
});
