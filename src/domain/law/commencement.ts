import { dayNumber, type DayNumber } from './time.ts';

// When provisions of later Acts come into force, as far as the shared reference knows (section 11 and the
// note under section 4 of the reference). The input's `commencements` override these rows. A row whose
// date is null is not in force; the engine then applies the Mental Health Act 1983 as it stood.

export interface CommencementRow {
  key: string;
  date: Temporal.PlainDate | null;
  // What the provision changes, for a reader of the table.
  effect: string;
  // Why the engine believes the date (or that the provision is not yet in force).
  source: string;
}

const notCommenced = 'not commenced as at the reference\'s last check (shared reference section 11: only the February 2026 tranche is known to be in force)';
const februaryTranche = 'Mental Health Act 2025 commencement of 18 February 2026 (shared reference section 4, citing brownejacobson.com/insights/the-mental-health-act-2025-provisions-coming-into-force-in-february-2026)';

export const commencementTable: readonly CommencementRow[] = [
  { key: 'mha2025.s14', date: null, effect: 's58(1)(b) medication period 3 months becomes 2 months', source: notCommenced },
  { key: 'mha2025.s24', date: null, effect: 'nominated person replaces nearest relative', source: notCommenced },
  { key: 'mha2025.s25', date: null, effect: 'nominated person', source: notCommenced },
  { key: 'mha2025.s26', date: null, effect: 's25 barring: no further order for 3 months instead of 6', source: notCommenced },
  { key: 'mha2025.s27', date: null, effect: 'nominated person', source: notCommenced },
  { key: 'mha2025.s28', date: null, effect: 'nominated person', source: notCommenced },
  { key: 'mha2025.s29', date: null, effect: 's20 periods for s3: 3 months, 3 months, 6 months, then 12 months', source: notCommenced },
  { key: 'mha2025.s30', date: null, effect: 's66(2): s2 window 21 days; s3 first window 3 months', source: notCommenced },
  { key: 'mha2025.s31', date: null, effect: 's68 reference periods changed; s68(7) repealed', source: notCommenced },
  { key: 'mha2025.s30(2)', date: Temporal.PlainDate.from('2026-02-18'), effect: 'restricted patients (no change to the engine\'s clocks)', source: februaryTranche },
  { key: 'mha2025.s32', date: Temporal.PlainDate.from('2026-02-18'), effect: 'restricted patients\' references (no change to the engine\'s clocks)', source: februaryTranche },
  { key: 'mha2025.s35', date: Temporal.PlainDate.from('2026-02-18'), effect: 'conditional discharge with deprivation-of-liberty conditions', source: februaryTranche },
  { key: 'mha2025.s36', date: Temporal.PlainDate.from('2026-02-18'), effect: 'conditional discharge with deprivation-of-liberty conditions (s36(1),(3)(b))', source: februaryTranche },
  { key: 'mha2025.s38', date: Temporal.PlainDate.from('2026-02-18'), effect: 's48 changes', source: februaryTranche },
  { key: 'mha2025.s39', date: Temporal.PlainDate.from('2026-02-18'), effect: 'restricted patients', source: februaryTranche },
];

// The day a provision comes into force, with the input's overrides taking precedence over the table.
export function commencementDate(key: string, overrides: Readonly<Record<string, Temporal.PlainDate>>): Temporal.PlainDate | null {
  const override = overrides[key];
  if (override !== undefined) return override;
  return commencementTable.find((row) => row.key === key)?.date ?? null;
}

// Which events a commenced provision applies to: the engine applies a changed rule to a period, window or
// first dose that begins on or after the commencement day, and leaves the 1983 rule in place for one
// that began before it (no transitional provisions are recorded in the reference; this avoids changing a
// period's length part-way through it).
export function inForceFor(key: string, overrides: Readonly<Record<string, Temporal.PlainDate>>, day: DayNumber): boolean {
  const commenced = commencementDate(key, overrides);
  return commenced !== null && day >= dayNumber(commenced);
}
