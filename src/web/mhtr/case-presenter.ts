import type { CaseView } from '../../app/mhtr/case-views.ts';
import type { PathwayFigures } from '../../domain/mhtr/dashboard.ts';
import { courtAcceptances } from '../../domain/mhtr/assessment.ts';
import type { MhtrStep } from '../../domain/mhtr/pathway.ts';
import { reportChecklistItems, type ReportChecklistItem } from '../../domain/mhtr/report-checklist.ts';
import { mhtrStages, wholeDays } from '../../domain/mhtr/stages.ts';
import { appointmentKinds, attendanceOutcomes, type AppointmentTally } from '../../domain/mhtr/supervision.ts';
import { recordCategories, type RecordCategory } from '../../domain/record/categories.ts';
import { barChart, type BarChart, type ReportRow } from '../reports/report-presenter.ts';
import { formatDate, formatDateTime } from '../core/dates.ts';
import type { FormField } from './form-reading.ts';
import { screeningFields, stepForms } from './step-forms.ts';

// Plain view models for the pathway's pages, built from what src/app/mhtr/case-views.ts returns.

// Time at a stage, in words: days once it is a day or more.
export function timeAtStage(hours: number): string {
  const days = wholeDays(hours);
  if (days >= 1) return `${days} ${days === 1 ? 'day' : 'days'}`;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

export function attendanceLine(tally: AppointmentTally): string {
  const parts = [`${tally.attended} attended`, `${tally.missed} missed`];
  if (tally.rearranged > 0) parts.push(`${tally.rearranged} rearranged`);
  if (tally.acceptableAbsence > 0) parts.push(`${tally.acceptableAbsence} absent with an accepted reason`);
  if (tally.awaitingOutcome > 0) parts.push(`${tally.awaitingOutcome} awaiting an outcome`);
  return `${parts.join(', ')} of ${tally.booked} booked`;
}

// Labels for the values a step holds, taken from the questions of the forms that record them, with the
// few values the forms do not ask for directly.
const everyCategory = new Set(Object.keys(recordCategories) as RecordCategory[]);
const formFields: FormField[] = [
  ...screeningFields,
  ...Object.values(stepForms).flatMap((form) => form.fields({ practitioners: {}, providers: {}, missedAppointments: {}, categories: everyCategory })),
];
const fieldByName = new Map(formFields.map((field) => [field.name, field]));
const extraLabels: Record<string, string> = {
  'treatmentPlan.plan': 'Treatment plan',
  'treatmentPlan.provider': 'Treatment provider the plan names',
  'treatmentAvailable.confirmedBy': 'Treatment confirmed available by',
  'treatmentAvailable.availableFrom': 'Treatment available from',
  'clinicalSignOff.by': 'Clinical sign-off given by',
  'clinicalSignOff.authority': 'Their role or clinical authority',
  toAssessment: 'Agreed to assessment',
  toTreatment: 'Agreed to treatment',
  practitionerName: 'Probation practitioner',
  providerName: 'Treatment provider',
  firstAppointmentAt: 'First appointment',
};
// Identifiers stand for names shown elsewhere in the same step.
const hiddenKeys = new Set(['practitionerUserId', 'providerAgencyId', 'referralId']);

function valueText(key: string, value: unknown): string {
  if (value instanceof Temporal.PlainDate) return formatDate(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (key === 'firstAppointmentAt' && typeof value === 'string') return formatDateTime(value);
  if (key === 'assessorAcceptance' || key === 'courtAcceptance') return courtAcceptances[value as keyof typeof courtAcceptances] ?? String(value);
  const choices = fieldByName.get(key)?.choices;
  if (Array.isArray(value)) return value.length === 0 ? 'None' : value.map((item) => choices?.[item as string] ?? String(item)).join('; ');
  if (typeof value === 'string' && choices && Object.hasOwn(choices, value)) return choices[value]!;
  return value === null || value === undefined || value === '' ? 'None given' : String(value);
}

export function stepSummaryRows(step: MhtrStep): { key: { text: string }; value: { text: string } }[] {
  const rows: { key: { text: string }; value: { text: string } }[] = [];
  const add = (path: string, key: string, value: unknown) => {
    if (hiddenKeys.has(key)) return;
    if (key === 'appointmentIds') {
      rows.push({ key: { text: 'Missed appointments covered' }, value: { text: String((value as string[]).length) } });
      return;
    }
    const label = extraLabels[path] ?? (key === 'assessorAcceptance' ? 'Did the court accept the mental health assessor?' : fieldByName.get(key)?.label ?? key);
    rows.push({ key: { text: label }, value: { text: valueText(key, value) } });
  };
  for (const [key, value] of Object.entries(step.value)) {
    if (value !== null && typeof value === 'object' && !(value instanceof Temporal.PlainDate) && !Array.isArray(value)) {
      for (const [inner, innerValue] of Object.entries(value)) add(`${key}.${inner}`, inner, innerValue);
    } else add(key, key, value);
  }
  return rows;
}

export function caseHistory(view: CaseView) {
  return [...view.steps].reverse().map((step) => ({
    label: step.label,
    recordedAt: formatDateTime(step.recordedAt),
    recordedBy: `${step.recordedBy}, ${step.recordedByAgency}`,
    private: step.private,
    stage: mhtrStages[step.stageAfter],
    rows: step.step === null ? null : stepSummaryRows(step.step),
    hiddenReason: step.step === null ? `Not shown: your agency’s sharing policy does not include ${recordCategories[step.category].toLowerCase()} information.` : null,
  }));
}

export function checklistRows(view: CaseView) {
  const missing = new Map(view.missingFromReport.map((item) => [item.item, item.message]));
  return (Object.keys(reportChecklistItems) as ReportChecklistItem[]).map((item) => ({
    label: reportChecklistItems[item].label,
    private: reportChecklistItems[item].private,
    done: !missing.has(item),
    todo: missing.get(item) ?? null,
  }));
}

export function appointmentRows(view: CaseView) {
  return view.appointments.map((appointment) => ({
    id: appointment.id,
    kind: appointmentKinds[appointment.kind],
    kindKey: appointment.kind,
    startsAt: formatDateTime(appointment.startsAt),
    place: appointment.place,
    withWhom: appointment.withWhom,
    outcome: appointment.outcome === null ? null : attendanceOutcomes[appointment.outcome],
    outcomeBy: appointment.outcomeRecordedBy,
    outcomeNote: appointment.outcomeNote,
    awaitingDecision: appointment.awaitingDecision,
  }));
}

// The dashboard's figures as sections with charts (drawn as the reports page draws them) and tables;
// the CSV is built from the same rows.
export interface DashboardSection {
  id: string;
  heading: string;
  measure: string;
  caption: string;
  rows: ReportRow[];
  chart: BarChart | null;
  empty: string;
  definition: string;
}

function section(id: string, heading: string, measure: string, rows: ReportRow[], empty: string, definition: string): DashboardSection {
  const description = rows.length === 0 ? empty : `${rows.map((row) => `${row.label}: ${row.count}`).join('; ')}.`;
  return { id, heading, measure, caption: heading, rows, chart: barChart(`chart-${id}`, heading, description, rows), empty, definition };
}

export function dashboardSections(figures: PathwayFigures): DashboardSection[] {
  return [
    section(
      'stages',
      'People at each stage now',
      'People at each stage now',
      figures.stages.map((item) => ({ label: mhtrStages[item.stage], count: item.people })),
      '',
      'Each person is counted at the stage their case is at now. Completed, left and closed cases stay counted at those stages.',
    ),
    section(
      'time',
      'Median days at each stage',
      'Median whole days at each stage',
      figures.stages.filter((item) => item.medianDays !== null).map((item) => ({ label: mhtrStages[item.stage], count: item.medianDays! })),
      'No case has been at any stage yet.',
      'Whole days from entering a stage to entering the next, over every case that has been at the stage; a case still at a stage counts up to now.',
    ),
    section(
      'drop-outs',
      'Drop-outs by reason',
      'Cases that left the pathway early, by reason',
      figures.dropOuts.map((item) => ({ label: item.label, count: item.cases })),
      'No case has left the pathway early.',
      'Cases that left the pathway before the requirement ended, including those the court did not make the requirement for and orders revoked on breach.',
    ),
    section(
      'left-from',
      'Where drop-outs left from',
      'Cases that left the pathway early, by the stage they left from',
      figures.leftFrom.map((item) => ({ label: mhtrStages[item.stage], count: item.cases })),
      'No case has left the pathway early.',
      'The stage each case was at when it left the pathway.',
    ),
  ];
}

export function stageTimeRows(figures: PathwayFigures) {
  return figures.stages.map((item) => ({
    stage: mhtrStages[item.stage],
    spells: item.spells,
    median: item.medianDays === null ? 'None yet' : `${item.medianDays}`,
    longest: item.longestDays === null ? 'None yet' : `${item.longestDays}`,
  }));
}

export function uptakeLine(figures: PathwayFigures): string {
  const { ordersWithRequirement, allCommunityOrders, percent } = figures.uptake;
  if (percent === null) return 'No community orders are recorded yet.';
  return `${ordersWithRequirement} of ${allCommunityOrders} community orders recorded carry a mental health treatment requirement (${percent}%).`;
}

export const dashboardCsvHeader = ['Measure', 'Category', 'Count'];

export function dashboardCsvRows(figures: PathwayFigures): string[][] {
  const rows = dashboardSections(figures).flatMap((item) => item.rows.map((row) => [item.measure, row.label, String(row.count)]));
  for (const item of figures.stages) rows.push(['Longest whole days at each stage', mhtrStages[item.stage], item.longestDays === null ? '' : String(item.longestDays)]);
  rows.push(['Uptake', 'Community orders with a mental health treatment requirement', String(figures.uptake.ordersWithRequirement)]);
  rows.push(['Uptake', 'All community orders recorded', String(figures.uptake.allCommunityOrders)]);
  rows.push(['Uptake', 'Per cent with the requirement', figures.uptake.percent === null ? '' : String(figures.uptake.percent)]);
  return rows;
}
