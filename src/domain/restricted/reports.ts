import type { Role } from '../organisation/roles.ts';

// Statutory reports on a restricted patient to the Secretary of State for Justice. While the patient is
// detained and admitted under a restriction order, the responsible clinician reports at intervals of not
// more than a year (s41(6)). After a conditional discharge (s42(2), s73) the clinical and the social
// supervisor each report 28 days after discharge and then every 3 months (the Ministry of Justice's
// guidance on conditional discharge). When each falls due is the law engine's answer, not worked out
// here: the engine gives the next due date as of a moment, and reportOccurrences walks it through the
// history to list every date that has fallen due and the next to come.
//
// Nothing here reads a clock or a database.

export const reportKinds = {
  annual: { label: 'Responsible clinician’s annual report', deadline: 'annual-report-due', author: 'the responsible clinician' },
  'clinical-supervisor': { label: 'Clinical supervisor’s report', deadline: 'supervisor-report-due', author: 'the named clinical supervisor' },
  'social-supervisor': { label: 'Social supervisor’s report', deadline: 'supervisor-report-due', author: 'the named social supervisor' },
} as const;
export type ReportKind = keyof typeof reportKinds;
export const reportKindKeys = Object.keys(reportKinds) as ReportKind[];

export function isReportKind(value: unknown): value is ReportKind {
  return typeof value === 'string' && Object.hasOwn(reportKinds, value);
}

// The two supervisors of a conditionally discharged patient, and the roles in Accord that may be named.
export const supervisions = {
  clinical: { label: 'Clinical supervisor', roles: ['responsible-clinician', 'psychiatrist'], reportKind: 'clinical-supervisor' },
  social: { label: 'Social supervisor', roles: ['social-worker', 'probation-practitioner'], reportKind: 'social-supervisor' },
} as const satisfies Record<string, { label: string; roles: readonly Role[]; reportKind: ReportKind }>;
export type Supervision = keyof typeof supervisions;

export function isSupervision(value: unknown): value is Supervision {
  return typeof value === 'string' && Object.hasOwn(supervisions, value);
}

export function supervisionOf(kind: ReportKind): Supervision | null {
  return kind === 'clinical-supervisor' ? 'clinical' : kind === 'social-supervisor' ? 'social' : null;
}

// Who may name the supervisors: the Ministry's caseworker (for the Secretary of State, whose warrant of
// discharge names them), the responsible clinician, and the hospital's Mental Health Act office.
export const rolesNamingSupervisors: readonly Role[] = ['moj-caseworker', 'responsible-clinician', 'mha-administrator'];

// What a report recommends. The responsible clinician's report is on continued detention and the steps
// that need the Secretary of State's consent (s41(3)(c)); the supervisors' on how the discharge is going.
export const annualRecommendations = {
  'continue-detention': 'Continue detention',
  leave: 'Leave of absence',
  transfer: 'Transfer to another hospital',
  'conditional-discharge': 'Conditional discharge',
  'absolute-discharge': 'Absolute discharge',
} as const;
export const supervisorRecommendations = {
  continue: 'Continue as now',
  'vary-conditions': 'Vary the conditions',
  'absolute-discharge': 'Absolute discharge',
  recall: 'Recall to hospital',
} as const;

export function recommendationsFor(kind: ReportKind): Record<string, string> {
  return kind === 'annual' ? annualRecommendations : supervisorRecommendations;
}

export function recommendationLabel(kind: ReportKind, recommendation: string): string {
  return recommendationsFor(kind)[recommendation] ?? recommendation;
}

// A deadline as the law engine gives it.
export interface EngineDeadline {
  kind: string;
  due: Temporal.Instant;
  provision: string;
}

// One date on which a report falls due. `current` is false for a date from a period that has ended (the
// patient discharged after the annual report fell due, or recalled after a supervisor's report did):
// such a report can no longer be made, so it is neither overdue nor offered.
export interface ReportOccurrence {
  kind: ReportKind;
  due: Temporal.Instant;
  provision: string;
  current: boolean;
}

const deadlineKinds: Record<string, ReportKind[]> = {
  'annual-report-due': ['annual'],
  'supervisor-report-due': ['clinical-supervisor', 'social-supervisor'],
};

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// An instant as the pages show it, in London ('7 July 2026 at 12:00am'), for messages the rules give.
export function londonDateTime(instant: Temporal.Instant): string {
  const local = instant.toZonedDateTimeISO('Europe/London');
  const hour12 = local.hour % 12 === 0 ? 12 : local.hour % 12;
  return `${local.day} ${months[local.month - 1]} ${local.year} at ${hour12}:${String(local.minute).padStart(2, '0')}${local.hour < 12 ? 'am' : 'pm'}`;
}

function earlier(a: Temporal.Instant, b: Temporal.Instant): boolean {
  return Temporal.Instant.compare(a, b) < 0;
}

// Every report that has fallen due up to `now`, and the next `future` dates of each kind still running
// (two by default: the next, and the one after it for when the next is met early), from the law engine. `deadlinesAt` is the engine's deadlines as of a moment (reading only the events up to it);
// `changes` are the instants of the legal events. The walk goes from event to event and from due date to
// due date: asked as of a due date, the engine gives the one after it. A due date stands only if no event
// comes before it that could move it; when one does, the engine is asked again as of that event.
export function reportOccurrences(deadlinesAt: (asOf: Temporal.Instant) => readonly EngineDeadline[], changes: readonly Temporal.Instant[], now: Temporal.Instant, future = 2): ReportOccurrence[] {
  const events = [...changes].filter((at) => !earlier(now, at)).sort(Temporal.Instant.compare);
  const first = events[0];
  if (first === undefined) return [];
  const occurrences: ReportOccurrence[] = [];
  // The run each kind is in: a run ends when the engine stops giving the kind's deadline.
  const run = new Map<ReportKind, number>();
  const runOf: number[] = [];
  const active = new Set<ReportKind>();
  // How many dates after now each kind has been given.
  const ahead = new Map<ReportKind, number>();
  let at = first;
  for (let steps = 0; steps < 10_000; steps += 1) {
    const pending = deadlinesAt(at).flatMap((deadline) => (deadlineKinds[deadline.kind] ?? []).map((kind) => ({ kind, due: deadline.due, provision: deadline.provision })));
    const present = new Set(pending.map((item) => item.kind));
    for (const kind of active) if (!present.has(kind)) active.delete(kind);
    for (const kind of present) {
      if (!active.has(kind)) {
        active.add(kind);
        run.set(kind, (run.get(kind) ?? 0) + 1);
      }
    }
    const nextEvent = events.find((event) => earlier(at, event));
    const soonest = pending.reduce<Temporal.Instant | null>((best, item) => (best === null || earlier(item.due, best) ? item.due : best), null);
    if (soonest === null) {
      if (nextEvent === undefined) break;
      at = nextEvent;
      continue;
    }
    if (nextEvent !== undefined && earlier(nextEvent, soonest)) {
      at = nextEvent;
      continue;
    }
    for (const item of pending) {
      if (Temporal.Instant.compare(item.due, soonest) !== 0) continue;
      occurrences.push({ ...item, current: true });
      runOf.push(run.get(item.kind)!);
      if (earlier(now, item.due)) ahead.set(item.kind, (ahead.get(item.kind) ?? 0) + 1);
    }
    if ([...present].every((kind) => (ahead.get(kind) ?? 0) >= future)) break;
    at = soonest;
  }
  return occurrences.map((occurrence, index) => ({ ...occurrence, current: active.has(occurrence.kind) && runOf[index] === run.get(occurrence.kind) }));
}

// A report as the rules need it: the due date it met, and when it was filed.
export interface FiledReportFacts {
  kind: ReportKind;
  due: Temporal.Instant;
  filedAt: Temporal.Instant;
}

export type OccurrenceStatus = 'due' | 'overdue' | 'escalated' | 'filed-on-time' | 'filed-late' | 'lapsed';

export const occurrenceStatusLabels: Record<OccurrenceStatus, string> = {
  due: 'Due',
  overdue: 'Overdue',
  escalated: 'Overdue and escalated',
  'filed-on-time': 'Filed on time',
  'filed-late': 'Filed late',
  lapsed: 'Not filed; no longer due',
};

export function sameOccurrence(a: { kind: ReportKind; due: Temporal.Instant }, b: { kind: ReportKind; due: Temporal.Instant }): boolean {
  return a.kind === b.kind && a.due.equals(b.due);
}

// A report filed after its due date is late. The due date is the end of the period (the engine's
// instants are exclusive ends), so a report filed at that instant is already late.
export function filedLate(due: Temporal.Instant, filedAt: Temporal.Instant): boolean {
  return Temporal.Instant.compare(filedAt, due) >= 0;
}

export function occurrenceStatus(occurrence: ReportOccurrence, report: FiledReportFacts | null, escalated: boolean, now: Temporal.Instant): OccurrenceStatus {
  if (report !== null) return filedLate(occurrence.due, report.filedAt) ? 'filed-late' : 'filed-on-time';
  if (!occurrence.current) return escalated ? 'escalated' : 'lapsed';
  if (earlier(now, occurrence.due)) return 'due';
  return escalated ? 'escalated' : 'overdue';
}

// The dates a schedule shows: all that have fallen due, and of those to come, any already met and the
// first not yet met.
export function shownOccurrences(occurrences: readonly ReportOccurrence[], reports: readonly FiledReportFacts[], now: Temporal.Instant): ReportOccurrence[] {
  const waiting = new Set<ReportKind>();
  return occurrences.filter((occurrence) => {
    if (!earlier(now, occurrence.due)) return true;
    if (reports.some((report) => sameOccurrence(report, occurrence))) return true;
    if (waiting.has(occurrence.kind)) return false;
    waiting.add(occurrence.kind);
    return true;
  });
}

// Occurrences past their due date with no report, in a period still running: those the sweep escalates.
export function overdueOccurrences(occurrences: readonly ReportOccurrence[], reports: readonly FiledReportFacts[], now: Temporal.Instant): ReportOccurrence[] {
  return occurrences.filter((occurrence) => occurrence.current && !earlier(now, occurrence.due) && !reports.some((report) => sameOccurrence(report, occurrence)));
}

// What the rules need to know of the patient's position now, to say why a report is not due.
export interface ReportPosition {
  restricted: boolean;
  provision: string;
}

export type ReportTarget = { ok: true; occurrence: ReportOccurrence; late: boolean } | { ok: false; message: string };

// The due date a report of this kind would meet if filed now: the earliest of its kind not yet met,
// provided it is overdue or is the next one due. Otherwise the refusal says why, with the provision.
export function occurrenceToMeet(
  kind: ReportKind,
  occurrences: readonly ReportOccurrence[],
  reports: readonly FiledReportFacts[],
  position: ReportPosition,
  now: Temporal.Instant,
  describe: (instant: Temporal.Instant) => string,
): ReportTarget {
  const ofKind = occurrences.filter((occurrence) => occurrence.kind === kind && occurrence.current);
  if (ofKind.length === 0) {
    if (!position.restricted) return { ok: false, message: 'This patient is not restricted (no restriction order under s41 is in force), so no report to the Secretary of State is due (s41(6))' };
    if (kind === 'annual') {
      return { ok: false, message: position.provision === 'conditionally-discharged' ? 'The patient is conditionally discharged, so no responsible clinician’s annual report is due: it is due while the patient is detained in hospital (s41(6)); the supervisors report instead' : 'The patient is not detained in hospital under a restriction order, so no responsible clinician’s annual report is due (s41(6))' };
    }
    return { ok: false, message: 'The patient is not conditionally discharged, so no supervisor’s report is due (s42(2); the supervisors report under guidance (MoJ conditional discharge))' };
  }
  const unmet = ofKind.find((occurrence) => !reports.some((report) => sameOccurrence(report, occurrence)));
  const next = ofKind.find((occurrence) => earlier(now, occurrence.due));
  if (unmet !== undefined && (!earlier(now, unmet.due) || (next !== undefined && sameOccurrence(unmet, next)))) {
    return { ok: true, occurrence: unmet, late: filedLate(unmet.due, now) };
  }
  const label = reportKinds[kind].label;
  const lastMet = [...ofKind].reverse().find((occurrence) => reports.some((report) => sameOccurrence(report, occurrence)));
  const filed = lastMet && reports.find((report) => sameOccurrence(report, lastMet));
  const following = unmet ?? next;
  if (lastMet && filed) {
    return { ok: false, message: `No ${label.toLowerCase()} is due now: the report due on ${describe(lastMet.due)} was filed on ${describe(filed.filedAt)}${following ? `, and the next is due on ${describe(following.due)} (${following.provision})` : ''}` };
  }
  return { ok: false, message: `No ${label.toLowerCase()} is due now${following ? `: the next is due on ${describe(following.due)} (${following.provision})` : ''}` };
}

export interface ReportInput {
  kind?: string;
  recommendation?: string;
  report?: string;
  reasons?: string;
}

export interface ReportProblem {
  field: string;
  message: string;
}

export interface ValidReport {
  kind: ReportKind;
  recommendation: string;
  report: string;
  reasons: string;
}

const longestReport = 20_000;
const longestReasons = 4000;

function text(problems: ReportProblem[], field: string, value: string | undefined, missing: string, longest: number): string {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') problems.push({ field, message: missing });
  else if (trimmed.length > longest) problems.push({ field, message: `${missing.replace(/^Enter /, 'Shorten ')}: ${longest} characters or fewer` });
  return trimmed;
}

export function validateReport(input: ReportInput): { ok: true; report: ValidReport } | { ok: false; problems: ReportProblem[] } {
  if (!isReportKind(input.kind)) return { ok: false, problems: [{ field: 'kind', message: 'Select which report you are filing' }] };
  const kind = input.kind;
  const problems: ReportProblem[] = [];
  const options = recommendationsFor(kind);
  if (input.recommendation === undefined || !Object.hasOwn(options, input.recommendation)) {
    problems.push({ field: 'recommendation', message: `Select the recommendation: ${Object.values(options).map((label) => label.toLowerCase()).join(', ')}` });
  }
  const report = text(problems, 'report', input.report, 'Enter the report', longestReport);
  const reasons = text(problems, 'reasons', input.reasons, 'Enter the reasons for the recommendation', longestReasons);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, report: { kind, recommendation: input.recommendation!, report, reasons } };
}
