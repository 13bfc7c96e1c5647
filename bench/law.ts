// npm run bench:law — evaluates synthetic histories with the law engine and prints, last,
// `law: N histories/s`. Pure computation on one core: no database, no server.
import { parseArgs } from 'node:util';
import { cpus } from 'node:os';
import { parseEvaluateInput } from '../src/app/law/parse-law-input.ts';
import { evaluate } from '../src/domain/law/evaluate.ts';
import type { EvaluateInput } from '../src/domain/law/contract.ts';

const { values } = parseArgs({
  options: { histories: { type: 'string', default: '100000' }, seed: { type: 'string', default: '1' }, findings: { type: 'boolean', default: false } },
});
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

// Histories that follow the Act as a Mental Health Act office would record them: a way in (holding power,
// place of safety, s2, s4, s3, court order, transfer or guardianship), then what happens during a stay
// (medication, tribunal applications and hearings, absence and return, leave on a CTO and recall,
// renewals in their window, nearest relative notices), and sometimes discharge. The generator keeps its
// own rough account of the period in force so that events fall at plausible times; the engine decides
// what they mean.
interface Journey {
  events: { type: string; at: Temporal.Instant; extra: Record<string, unknown> }[];
  at: Temporal.Instant;
  power: 'holding' | 'place-of-safety' | 's4' | 's2' | 'renewable' | 'cto' | 'recalled' | 'restricted' | 'conditionally-discharged' | 'guardianship' | 'none';
  periodStart: Temporal.PlainDate;
  periodNumber: number;
  awol: boolean;
  medicated: boolean;
  // Patients apply to the tribunal about once in each period, not at every turn.
  appliedInPeriod: number;
}

function day(instant: Temporal.Instant): Temporal.PlainDate {
  return instant.toZonedDateTimeISO('Europe/London').toPlainDate();
}

function periodEnd(journey: Journey): Temporal.Instant {
  const months = journey.periodNumber === 1 || journey.periodNumber === 2 ? 6 : 12;
  return journey.periodStart.add({ months }).toZonedDateTime({ timeZone: 'Europe/London' }).toInstant();
}

function record(journey: Journey, type: string, afterMinutes: number, extra: Record<string, unknown> = {}): void {
  journey.at = journey.at.add({ minutes: Math.max(1, Math.round(afterMinutes)) });
  journey.events.push({ type, at: journey.at, extra });
}

const hour = 60;
const dayMinutes = 24 * hour;

function begin(journey: Journey): void {
  const start = (power: Journey['power']) => {
    journey.power = power;
    journey.periodStart = day(journey.at);
    journey.periodNumber = 1;
  };
  switch (Math.floor(random() * 9)) {
    case 0:
      record(journey, 'informal-admission', hour);
      record(journey, 's5-4-recorded', 3 * dayMinutes * random());
      record(journey, 's5-2-report-furnished', 3 * hour * random());
      record(journey, 's2-admitted', 40 * hour * random());
      start('s2');
      break;
    case 1:
      record(journey, 'place-of-safety-arrival', hour, { power: pick(['s135(1)', 's136']) });
      if (random() < 0.3) record(journey, 'place-of-safety-extended', 20 * hour, { hours: 1 + Math.floor(random() * 12) });
      record(journey, 's2-admitted', 3 * hour * random());
      start('s2');
      break;
    case 2:
      record(journey, 's4-admitted', hour);
      record(journey, 's4-second-recommendation-received', 60 * hour * random());
      start('s2');
      break;
    case 3:
    case 4:
      record(journey, 's2-admitted', hour, { application: { applicant: 'amhp' } });
      start('s2');
      break;
    case 5:
      record(journey, 's3-admitted', hour);
      start('renewable');
      break;
    case 6: {
      const restricted = random() < 0.5;
      record(journey, 'court-order', hour, { order: 's37', restricted });
      record(journey, 'hospital-admitted', 20 * dayMinutes * random());
      journey.periodStart = day(journey.events[journey.events.length - 2]!.at);
      journey.periodNumber = 1;
      journey.power = restricted ? 'restricted' : 'renewable';
      break;
    }
    case 7: {
      const restricted = random() < 0.7;
      record(journey, 'transfer-direction', hour, { direction: pick(['s47', 's48']), restricted });
      record(journey, 'hospital-admitted', 10 * dayMinutes * random());
      journey.periodStart = day(journey.events[journey.events.length - 2]!.at);
      journey.periodNumber = 1;
      journey.power = restricted ? 'restricted' : 'renewable';
      break;
    }
    default:
      record(journey, 'guardianship-accepted', hour);
      start('guardianship');
  }
}

// One more event that fits the power in force.
function step(journey: Journey): void {
  if (journey.awol) {
    record(journey, 'awol-returned', 10 * dayMinutes * random());
    journey.awol = false;
    return;
  }
  const common = () => {
    const roll = random();
    if (!journey.medicated && roll < 0.25) {
      journey.medicated = true;
      record(journey, 'medication-first-administered', 5 * dayMinutes * random());
    } else if (roll < 0.45 && journey.appliedInPeriod !== journey.periodNumber) {
      journey.appliedInPeriod = journey.periodNumber;
      record(journey, 'tribunal-application', 10 * dayMinutes * random(), { applicant: random() < 0.9 ? 'patient' : 'nr' });
    } else if (roll < 0.6) {
      record(journey, 'tribunal-hearing', 20 * dayMinutes * random());
    } else if (roll < 0.7) {
      record(journey, 'awol-began', 15 * dayMinutes * random());
      journey.awol = true;
    } else if (roll < 0.75) {
      record(journey, 'tribunal-application-withdrawn', 5 * dayMinutes * random());
    } else return false;
    return true;
  };
  switch (journey.power) {
    case 's2':
      if (journey.events.length % 3 !== 0 && common()) return;
      record(journey, 's3-admitted', 20 * dayMinutes * random());
      journey.power = 'renewable';
      journey.periodStart = day(journey.at);
      journey.periodNumber = 1;
      return;
    case 'renewable':
    case 'guardianship': {
      const end = periodEnd(journey);
      const windowOpens = end.subtract({ hours: 24 * 55 });
      if (Temporal.Instant.compare(journey.at, windowOpens) >= 0 || random() < 0.2) {
        // Renew inside the two months ending with the expiry day.
        const gap = Math.max(1, Math.floor(windowOpens.since(journey.at).total('minutes')));
        record(journey, 'renewal-furnished', Temporal.Instant.compare(journey.at, windowOpens) >= 0 ? hour : gap + 10 * dayMinutes * random());
        journey.periodStart = day(end);
        journey.periodNumber += 1;
        return;
      }
      if (journey.power === 'renewable' && random() < 0.1) {
        record(journey, 'cto-made', 10 * dayMinutes * random());
        journey.power = 'cto';
        journey.periodStart = day(journey.at);
        journey.periodNumber = 1;
        return;
      }
      if (journey.power === 'renewable' && random() < 0.05) {
        record(journey, 'nr-discharge-notice', dayMinutes * random());
        record(journey, 'barring-report-furnished', 60 * hour * random());
        return;
      }
      if (!common()) record(journey, 'tribunal-hearing', 30 * dayMinutes * random());
      return;
    }
    case 'cto':
      if (random() < 0.4) {
        record(journey, 'cto-recalled', 30 * dayMinutes * random());
        journey.power = 'recalled';
      } else if (!common()) record(journey, 'tribunal-application', 20 * dayMinutes * random(), { applicant: 'patient' });
      return;
    case 'recalled':
      if (random() < 0.7) {
        record(journey, 'cto-recall-released', 60 * hour * random());
        journey.power = 'cto';
      } else {
        record(journey, 'cto-revoked', 60 * hour * random());
        journey.power = 'renewable';
        journey.periodStart = day(journey.at);
        journey.periodNumber = 1;
      }
      return;
    case 'restricted':
      if (random() < 0.1) {
        record(journey, 'discharged', 30 * dayMinutes * random(), { kind: 'conditional', by: pick(['tribunal', 'sos']) });
        journey.power = 'conditionally-discharged';
        return;
      }
      if (!common()) record(journey, 'tribunal-hearing', 60 * dayMinutes * random());
      return;
    case 'conditionally-discharged':
      if (random() < 0.3) {
        record(journey, 'recalled', 90 * dayMinutes * random());
        journey.power = 'restricted';
      } else record(journey, 'tribunal-application', 200 * dayMinutes * random(), { applicant: 'patient' });
      return;
    default:
      record(journey, 's2-admitted', 100 * dayMinutes * random());
      journey.power = 's2';
      journey.periodStart = day(journey.at);
      journey.periodNumber = 1;
  }
}

function history(): EvaluateInput {
  const length = 5 + Math.floor(random() * 56);
  const journey: Journey = {
    events: [],
    at: Temporal.Instant.from('2023-01-01T00:00:00Z').add({ hours: Math.floor(random() * 17_520) }),
    power: 'none',
    periodStart: Temporal.PlainDate.from('2023-01-01'),
    periodNumber: 1,
    awol: false,
    medicated: false,
    appliedInPeriod: 0,
  };
  begin(journey);
  while (journey.events.length < length - 1) step(journey);
  if (journey.events.length < length) {
    if (journey.power === 'renewable' || journey.power === 's2' || journey.power === 'cto' || journey.power === 'guardianship') {
      record(journey, 'discharged', 10 * dayMinutes * random(), { kind: 'absolute', by: pick(['rc', 'managers', 'tribunal']) });
    } else step(journey);
  }
  const events = journey.events.slice(0, length).map((event) => ({ type: event.type, at: event.at.toString(), ...event.extra }));
  const asOf = journey.at.add({ hours: 1 + Math.floor(random() * 2000) });
  const parsed = parseEvaluateInput({ asOf: asOf.toString(), person: { dateOfBirth: pick(['1970-05-01', '1990-02-14', '2009-11-30']) }, events });
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
if (values.findings) {
  // What the engine found in the synthetic histories, most common first: a check that they are plausible.
  const codes = new Map<string, number>();
  for (const item of histories) for (const finding of evaluate(item).findings) codes.set(finding.code, (codes.get(finding.code) ?? 0) + 1);
  for (const [code, total] of [...codes].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${String(total).padStart(8)}  ${code}\n`);
}
process.stdout.write(`law: ${Math.round(count / seconds)} histories/s\n`);
