// The stages of the mental health treatment requirement pathway, from the police station to the closing
// review, in the order of the national guidance's pathway (Mental Health Treatment Requirements: guidance
// on supporting integrated delivery, Annex A). A case is at exactly one stage; it leaves the pathway early
// (a drop-out, with its reason) from any stage before the requirement ends.

export const mhtrStages = {
  screening: 'Liaison and diversion screening',
  'pre-sentence-report': 'Pre-sentence report',
  assessment: 'Mental health assessment',
  report: 'Report to the court',
  'court-decision': 'Court’s decision',
  order: 'Order made',
  allocation: 'Allocated to a probation practitioner',
  placement: 'Placed with the treatment provider',
  supervision: 'Supervision and treatment',
  breach: 'Breach proceedings',
  completed: 'Completed',
  'left-pathway': 'Left the pathway',
  closed: 'Closed after review',
} as const;

export type MhtrStage = keyof typeof mhtrStages;
export const mhtrStageKeys = Object.keys(mhtrStages) as [MhtrStage, ...MhtrStage[]];

// The stages in the person's own words, for their plan.
export const mhtrStagesInPlainWords: Record<MhtrStage, string> = {
  screening: 'A liaison and diversion worker has talked with you about your mental health',
  'pre-sentence-report': 'Probation is writing a report for the court',
  assessment: 'A mental health worker is assessing what help would suit you',
  report: 'The report for the court is being finished',
  'court-decision': 'The court has decided',
  order: 'The court has made your order',
  allocation: 'You have a probation practitioner',
  placement: 'You have a place with your treatment service',
  supervision: 'You are going to your appointments',
  breach: 'Probation has taken your order back to court',
  completed: 'You have finished your order',
  'left-pathway': 'This plan has stopped',
  closed: 'Your order is finished and has been reviewed',
};

// Stages after which nothing more happens but the closing review (or nothing at all).
export const endedStages: readonly MhtrStage[] = ['completed', 'left-pathway', 'closed'];

export function stageEnded(stage: MhtrStage): boolean {
  return endedStages.includes(stage);
}

// Where the case has been: each stage it entered and when. The first entry is the case's opening.
export interface StageEntry {
  stage: MhtrStage;
  enteredAt: Temporal.Instant;
}

export interface StageSpell {
  stage: MhtrStage;
  enteredAt: Temporal.Instant;
  // Null while the case is still at this stage.
  leftAt: Temporal.Instant | null;
  // Elapsed time at the stage, up to `now` while it is still there; whole hours are enough to show.
  hours: number;
}

// Time at each stage, in order: from entering it to entering the next (or to now). Terminal stages
// (completed, left, closed) are spells too, so a page can show how long a completed case has waited for
// its closing review.
export function stageSpells(history: readonly StageEntry[], now: Temporal.Instant): StageSpell[] {
  return history.map((entry, index) => {
    const next = history[index + 1];
    const leftAt = next?.enteredAt ?? null;
    const until = leftAt ?? now;
    const hours = Math.max(0, Math.floor(entry.enteredAt.until(until, { largestUnit: 'hours' }).total('hours')));
    return { stage: entry.stage, enteredAt: entry.enteredAt, leftAt, hours };
  });
}

// Whole days in a number of hours, for figures and pages.
export function wholeDays(hours: number): number {
  return Math.floor(hours / 24);
}
