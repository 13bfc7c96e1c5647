import { mhtrStageKeys, stageSpells, wholeDays, type MhtrStage, type StageEntry } from './stages.ts';
import { leavingReasons, type LeavingReason } from './supervision.ts';

// The pathway's figures: people at each stage, time spent in each, drop-outs and their reasons, and uptake
// (orders with the requirement among all community orders recorded). Counts only; no one is named.

export interface DashboardCase {
  personId: string;
  stage: MhtrStage;
  history: readonly StageEntry[];
  leavingReason: LeavingReason | null;
}

export interface StageFigure {
  stage: MhtrStage;
  // People whose case is at this stage now.
  people: number;
  // Time spent at the stage, over every case that has been there (a case still there counts up to now).
  spells: number;
  medianDays: number | null;
  longestDays: number | null;
}

export interface DropOutFigure {
  reason: LeavingReason;
  label: string;
  cases: number;
}

export interface PathwayFigures {
  stages: StageFigure[];
  dropOuts: DropOutFigure[];
  // Where cases were when they left the pathway.
  leftFrom: { stage: MhtrStage; cases: number }[];
  uptake: { ordersWithRequirement: number; allCommunityOrders: number; percent: number | null };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.floor((sorted[middle - 1]! + sorted[middle]!) / 2);
}

// `orders`: community orders made, with and without the requirement (an order with it is counted once,
// through its case).
export function pathwayFigures(cases: readonly DashboardCase[], orders: { withRequirement: number; all: number }, now: Temporal.Instant): PathwayFigures {
  const spellsByStage = new Map<MhtrStage, number[]>();
  for (const item of cases) {
    for (const spell of stageSpells(item.history, now)) {
      const days = spellsByStage.get(spell.stage) ?? [];
      days.push(wholeDays(spell.hours));
      spellsByStage.set(spell.stage, days);
    }
  }
  const stages = mhtrStageKeys.map((stage): StageFigure => {
    const days = spellsByStage.get(stage) ?? [];
    return {
      stage,
      people: new Set(cases.filter((item) => item.stage === stage).map((item) => item.personId)).size,
      spells: days.length,
      medianDays: median(days),
      longestDays: days.length === 0 ? null : Math.max(...days),
    };
  });
  const left = cases.filter((item) => item.leavingReason !== null);
  const dropOuts = (Object.keys(leavingReasons) as LeavingReason[])
    .map((reason) => ({ reason, label: leavingReasons[reason], cases: left.filter((item) => item.leavingReason === reason).length }))
    .filter((item) => item.cases > 0);
  const leftFromCounts = new Map<MhtrStage, number>();
  for (const item of left) {
    const index = item.history.findIndex((entry) => entry.stage === 'left-pathway');
    const from = index > 0 ? item.history[index - 1]!.stage : null;
    if (from !== null) leftFromCounts.set(from, (leftFromCounts.get(from) ?? 0) + 1);
  }
  return {
    stages,
    dropOuts,
    leftFrom: mhtrStageKeys.filter((stage) => leftFromCounts.has(stage)).map((stage) => ({ stage, cases: leftFromCounts.get(stage)! })),
    uptake: {
      ordersWithRequirement: orders.withRequirement,
      allCommunityOrders: orders.all,
      percent: orders.all === 0 ? null : Math.round((orders.withRequirement / orders.all) * 1000) / 10,
    },
  };
}
