// npm run bench:law — evaluates synthetic histories with the law engine and prints, last,
// `law: N histories/s`. Pure computation on one core: no database, no server.
import { parseArgs } from 'node:util';
import { cpus } from 'node:os';
import { parseEvaluateInput } from '../src/app/law/parse-law-input.ts';
import { evaluate } from '../src/domain/law/evaluate.ts';
import type { EvaluateInput } from '../src/domain/law/contract.ts';

const { values } = parseArgs({ options: { histories: { type: 'string', default: '100000' }, seed: { type: 'string', default: '1' } } });
const count = Number(values.histories);
if (!Number.isInteger(count) || count < 1) {
  process.stderr.write('bench:law: --histories must be a whole number of 1 or more\n');
  process.exit(2);
}

// A small deterministic generator, so every run evaluates the same histories.
let state = Number(values.seed) >>> 0 || 1;
function random(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 4_294_967_296;
}
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

// Plausible paths through the Act, followed by whatever else happens in a long stay; events the engine
// finds wrong in law still make valid input, and are part of the load.
const openings: string[][] = [
  ['s5-4-recorded', 's5-2-report-furnished', 's2-admitted', 's3-admitted'],
  ['s4-admitted', 's4-second-recommendation-received', 's3-admitted'],
  ['s2-admitted', 's3-admitted', 'medication-first-administered'],
  ['s3-admitted', 'medication-first-administered', 'tribunal-application'],
  ['informal-admission', 's5-2-report-furnished', 's2-admitted'],
  ['place-of-safety-arrival', 's2-admitted'],
  ['court-order', 'hospital-admitted', 'medication-first-administered'],
  ['transfer-direction', 'hospital-admitted'],
  ['guardianship-accepted'],
];
const later = [
  'renewal-furnished',
  'cto-made',
  'cto-recalled',
  'cto-recall-released',
  'cto-revoked',
  'tribunal-application',
  'tribunal-application-withdrawn',
  'tribunal-hearing',
  'awol-began',
  'awol-returned',
  'nr-discharge-notice',
  'barring-report-furnished',
  'medication-first-administered',
  'renewal-furnished',
];

function extraFields(type: string): Record<string, unknown> {
  switch (type) {
    case 'place-of-safety-arrival':
      return { power: pick(['s135(1)', 's136']) };
    case 'court-order':
      return { order: pick(['s35', 's36', 's37', 's38', 's45A']), restricted: random() < 0.4 };
    case 'transfer-direction':
      return { direction: pick(['s47', 's48']), restricted: random() < 0.6 };
    case 'tribunal-application':
      return { applicant: random() < 0.9 ? 'patient' : 'nr' };
    case 'discharged':
      return { kind: random() < 0.8 ? 'absolute' : 'conditional', by: pick(['rc', 'managers', 'nr', 'tribunal', 'sos']) };
    default:
      return {};
  }
}

function history(): EvaluateInput {
  const length = 5 + Math.floor(random() * 56);
  const types = [...pick(openings)];
  while (types.length < length - 1) types.push(pick(later));
  if (random() < 0.3) types.push('discharged');
  while (types.length < length) types.push(pick(later));
  let at = Temporal.Instant.from('2024-01-01T00:00:00Z').add({ hours: Math.floor(random() * 8760) });
  const events = types.map((type) => {
    at = at.add({ minutes: 30 + Math.floor(random() * 60 * 24 * 20) });
    return { type, at: at.toString(), ...extraFields(type) };
  });
  const parsed = parseEvaluateInput({ asOf: at.add({ hours: 1 }).toString(), person: { dateOfBirth: pick(['1970-05-01', '1990-02-14', '2009-11-30']) }, events });
  if (!parsed.ok) throw new Error(`bench:law made an invalid history: ${JSON.stringify(parsed.problems)}`);
  return parsed.value;
}

process.stdout.write(`Preparing ${count.toLocaleString('en-GB')} histories of 5 to 60 events\n`);
const histories = Array.from({ length: count }, history);
const events = histories.reduce((total, item) => total + item.events.length, 0);

// Warm up, then time the whole set.
for (let index = 0; index < Math.min(2000, count); index += 1) evaluate(histories[index]!);
const started = process.hrtime.bigint();
let findings = 0;
for (const item of histories) findings += evaluate(item).findings.length;
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

process.stdout.write(`Machine: ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores (one used); Node ${process.versions.node}\n`);
process.stdout.write(`Evaluated ${count.toLocaleString('en-GB')} histories (${events.toLocaleString('en-GB')} events, ${findings.toLocaleString('en-GB')} findings) in ${seconds.toFixed(2)} s\n`);
process.stdout.write(`law: ${Math.round(count / seconds)} histories/s\n`);
