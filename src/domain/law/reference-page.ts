import { commencementTable } from './commencement.ts';
import { nearestRelativeRules } from './nearest-relative.ts';
import { lawRules, type Measure } from './rules.ts';

// Renders the engine's own reference page (docs/law-reference.md) from its rule tables, so the page can
// never say something the engine does not do. `npm run docs:law` writes it; a test fails when the
// committed page differs from what the tables give.

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function measureText(measure: Measure | undefined): string {
  if (measure === undefined) return '';
  if (measure.unit === 'month-sequence') return `${measure.counts.join(', ')} months`;
  return `${measure.count} ${measure.count === 1 ? measure.unit.replace(/s$/, '') : measure.unit}`;
}

export function renderLawReference(): string {
  const lines: string[] = [
    '# The law engine’s rules',
    '',
    '<!-- Generated from the rule tables in src/domain/law by `npm run docs:law`. Do not edit by hand. -->',
    '',
    'Every rule the law engine applies, with the provision it comes from and, where the law leaves a question',
    'open, the reading the engine takes. The statute governs where guidance differs. Periods are counted as the',
    'Act counts them: days and calendar months in Europe/London, hours as elapsed time; the end of a period is',
    'the first instant at which it no longer runs.',
    '',
    '## Rules of `evaluate`',
    '',
    '| rule | provision | what the law says | measure | the engine’s reading |',
    '|---|---|---|---|---|',
    ...lawRules.map((entry) => `| ${entry.id} | ${cell(entry.provision)} | ${cell(entry.statement)} | ${measureText(entry.measure)} | ${cell(entry.reading ?? '')} |`),
    '',
    '## Rules of `nearest-relative`',
    '',
    '| rule | provision | what the law says | applied | the engine’s reading |',
    '|---|---|---|---|---|',
    ...nearestRelativeRules.map(
      (entry) => `| ${entry.id} | ${cell(entry.provision)} | ${cell(entry.statement)} | ${entry.applied ? 'yes' : 'no: the contract has no field for it'} | ${cell(entry.reading ?? '')} |`,
    ),
    '',
    '## Commencement of later Acts',
    '',
    'The engine applies a changed rule only where its row says it is in force; the input’s `commencements`',
    'overrides a row. A commencement order therefore changes one row here and nothing else.',
    '',
    '| provision | in force from | what it changes | source |',
    '|---|---|---|---|',
    ...commencementTable.map((row) => `| ${row.key} | ${row.date ? row.date.toString() : 'not in force'} | ${cell(row.effect)} | ${cell(row.source)} |`),
    '',
  ];
  return lines.join('\n');
}
