import type { MentalHealthActReport, SectionCount } from '../../app/reports/mental-health-act-report.ts';
import type { Provision } from '../../domain/law/contract.ts';
import { documentOutcomes } from '../../domain/legal/legal-entries.ts';

// The report as the page and the CSV show it: measures in sections, each with its rows, its chart and
// the definition of what is counted. The page and the CSV are built from the same rows, so they agree.

export interface ReportRow {
  label: string;
  count: number;
}

export interface BarChart {
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  barStart: number;
  barHeight: number;
  labelEnd: number;
  // Geometry in the chart's own units (its viewBox), worked out here so that the template only places.
  bars: { label: string; count: number; y: number; textY: number; width: number; valueX: number }[];
}

export interface ReportSection {
  id: string;
  heading: string;
  // The measure's name in the CSV.
  measure: string;
  caption: string;
  rows: ReportRow[];
  total: ReportRow | null;
  chart: BarChart | null;
  // What is counted, paragraph by paragraph, with the provisions.
  definition: string[];
  // Said instead of a chart when there is nothing to show.
  empty: string;
}

const sectionNames: Record<Provision, string> = {
  informal: 'Informal',
  none: 'None',
  's5(4)': 'Section 5(4)',
  's5(2)': 'Section 5(2)',
  s4: 'Section 4',
  s2: 'Section 2',
  s3: 'Section 3',
  's135(1)': 'Section 135(1)',
  s136: 'Section 136',
  cto: 'Community treatment order',
  guardianship: 'Guardianship (section 7)',
  s35: 'Section 35',
  s36: 'Section 36',
  s37: 'Section 37',
  's37/41': 'Sections 37 and 41',
  s38: 'Section 38',
  s45A: 'Section 45A',
  s47: 'Section 47',
  's47/49': 'Sections 47 and 49',
  s48: 'Section 48',
  's48/49': 'Sections 48 and 49',
  'conditionally-discharged': 'Conditionally discharged',
};

// A community patient is liable to be detained only while recalled (s17E), so that is what the
// community treatment order row of the detained measure means.
function sectionRows(counts: SectionCount[], ctoName = sectionNames.cto): ReportRow[] {
  return counts.map((count) => ({ label: count.provision === 'cto' ? ctoName : sectionNames[count.provision], count: count.count }));
}

// Chart geometry: labels on the left, bars from `barStart` up to `barSpace` long, the value after the bar.
const chartWidth = 760;
const barStart = 380;
const barSpace = 320;
const rowHeight = 36;
const barHeight = 24;

export function barChart(id: string, title: string, description: string, rows: ReportRow[]): BarChart | null {
  if (rows.length === 0) return null;
  const largest = Math.max(...rows.map((row) => row.count), 1);
  return {
    id,
    title,
    description,
    width: chartWidth,
    height: rows.length * rowHeight + 8,
    barStart,
    barHeight,
    labelEnd: barStart - 12,
    bars: rows.map((row, index) => {
      const width = Math.round((row.count / largest) * barSpace);
      const y = index * rowHeight + 4;
      return { label: row.label, count: row.count, y, textY: y + barHeight / 2, width, valueX: barStart + width + 8 };
    }),
  };
}

function describeRows(rows: ReportRow[]): string {
  return rows.map((row) => `${row.label}: ${row.count}`).join('; ');
}

function section(options: Omit<ReportSection, 'chart' | 'caption'> & { caption?: string; chartTitle: string }): ReportSection {
  const description = options.rows.length === 0 ? options.empty : `${describeRows(options.rows)}${options.total ? `. ${options.total.label}: ${options.total.count}` : ''}.`;
  return {
    ...options,
    caption: options.caption ?? options.heading,
    chart: barChart(`chart-${options.id}`, options.chartTitle, description, options.rows),
  };
}

export function reportSections(report: MentalHealthActReport): ReportSection[] {
  const cto = report.communityTreatmentOrders;
  return [
    section({
      id: 'detained',
      heading: 'People detained',
      measure: 'People detained at any point in the period',
      chartTitle: 'People detained at any point in the period, by section',
      rows: sectionRows(report.peopleDetained.bySection, 'Community treatment order (recalled)'),
      total: { label: 'People detained (each counted once)', count: report.peopleDetained.total },
      empty: 'No one was detained by this agency in the period.',
      definition: [
        'A person is counted if at any moment in the period the law engine shows them liable to be detained while this agency was responsible for them (their latest placement, from a legal event or a transfer between hospitals).',
        'A person held under more than one section in the period is counted under each, and once in the total. Holding powers (s5(2), s5(4)) and place-of-safety powers (s135(1), s136) are included. A community patient counts only while recalled to hospital (s17E).',
      ],
    }),
    section({
      id: 'begun',
      heading: 'Detentions begun',
      measure: 'Detentions begun in the period',
      chartTitle: 'Detentions begun in the period, by section',
      rows: sectionRows(report.detentionsBegun.bySection),
      total: { label: 'Detentions begun', count: report.detentionsBegun.total },
      empty: 'No detention began at this agency in the period.',
      definition: [
        'Each event in the period that made the person liable to be detained, or moved them to another section: admission under s2, s3 or s4; a holding power (s5(2), s5(4)); arrival at a place of safety (s135(1), s136); s4 becoming s2 on the second medical recommendation (s4(4)); s2 followed by s3; admission under a court order or transfer direction; or recall of a conditionally discharged patient (s42(3)).',
        'A person detained twice is counted twice. Recall and revocation of a community treatment order are counted under community treatment orders instead.',
      ],
    }),
    section({
      id: 'cto',
      heading: 'Community treatment orders',
      measure: 'Community treatment orders',
      chartTitle: 'Community treatment orders in the period',
      rows: [
        { label: 'Made', count: cto.made },
        { label: 'In force at some point', count: cto.inForce },
        { label: 'Recalled to hospital', count: cto.recalled },
        { label: 'Revoked', count: cto.revoked },
      ],
      total: null,
      empty: '',
      definition: [
        'Made: orders made in the period (s17A). In force at some point: people on an order at any moment of the period. Recalled to hospital: recalls in the period (s17E). Revoked: orders revoked in the period (s17F(4)).',
        'An event the law engine finds has no effect (for example a recall of someone not on an order) is not counted.',
      ],
    }),
    section({
      id: 'renewals',
      heading: 'Renewals',
      measure: 'Renewal and extension reports furnished in the period',
      chartTitle: 'Renewal and extension reports furnished in the period',
      rows: [
        { label: 'On time', count: report.renewals.onTime },
        { label: 'Before the window opened', count: report.renewals.beforeWindow },
        { label: 'After the authority lapsed', count: report.renewals.afterLapse },
      ],
      total: null,
      empty: '',
      definition: [
        'On time: a renewal or extension report furnished in the period within the renewal window and before the authority ended, so that it renewed the authority (s20(3), s20(4), s20(6), s20A(4)).',
        'Before the window opened: a report the law engine finds was furnished too early to renew the authority (s20(3)). After the authority lapsed: a report that came after the authority ended; a lapsed authority cannot be renewed (s20(1)).',
        'Accord refuses to record a report in either of the last two cases, so they appear only in records that reached Accord in another way. An authority that ran out because no report was furnished in time is counted under lapses.',
      ],
    }),
    section({
      id: 'lapses',
      heading: 'Lapses',
      measure: 'Authorities that lapsed in the period',
      chartTitle: 'Authorities that lapsed in the period, by section',
      rows: sectionRows(report.lapses.bySection),
      total: { label: 'Authorities that lapsed', count: report.lapses.total },
      empty: 'No authority lapsed at this agency in the period.',
      definition: [
        'An authority that reached its end in the period (the first moment it no longer held) with no renewal, extension, discharge or further application recorded: the law engine’s “authority lapsed” finding, counted for the agency responsible for the person at that moment.',
        'This includes holding powers and place-of-safety periods that ran out, s2 detentions that ended without an s3 application, s3 and guardianship authorities not renewed (s20(1)) and community treatment orders that expired without extension (s20B(1)).',
      ],
    }),
    section({
      id: 'references',
      heading: 'Managers’ references to the tribunal',
      measure: 'Managers’ references that fell due in the period',
      chartTitle: 'Managers’ references that fell due in the period, by when the reference was made',
      rows: [
        { label: 'Made on time', count: report.managersReferences['on-time'] },
        { label: 'Made late', count: report.managersReferences.late },
        { label: 'Made after a revocation (no fixed time)', count: report.managersReferences['as-soon-as-possible'] },
        { label: 'Not made', count: report.managersReferences['not-made'] },
      ],
      total: { label: 'Fell due', count: report.managersReferencesDue },
      empty: '',
      definition: [
        'Fell due: each duty of the managers to refer a case to the tribunal (s68) that fell due in the period while this agency was responsible for the person: six months from the start of detention with no application made (s68(1), s68(2)), on revocation of a community treatment order (s68(7)), or three years after the tribunal last considered the case (s68(6)).',
        'Made on time: a reference recorded as made that met the duty, made on or before the moment it fell due. Made late: made after that moment, including after the end of the period. A reference by the Secretary of State under s67(1), or under s68(7), made during the six months also meets the six-month duty (s68(3)).',
        'Made after a revocation: s68(7) asks for a reference as soon as possible after the order is revoked and sets no time, so these are counted as made, neither on time nor late. Not made: no reference is recorded as meeting the duty.',
      ],
    }),
    section({
      id: 'documents',
      heading: 'Statutory documents',
      measure: 'Statutory documents scrutinised in the period',
      chartTitle: 'Statutory documents scrutinised in the period, by outcome',
      rows: (['valid', 'rectified', 'invalid'] as const).map((outcome) => ({ label: documentOutcomes[outcome], count: report.documents[outcome] })),
      total: null,
      empty: '',
      definition: [
        'Statutory documents whose scrutiny outcome was decided in the period and recorded by this agency’s staff: valid as received, rectified under s15, or invalid (the detention cannot rest on the document).',
      ],
    }),
  ];
}

// One row per number, with the period and agency on each so that rows can be combined.
export function reportCsvRows(report: MentalHealthActReport): string[][] {
  const rows: string[][] = [];
  for (const reportSection of reportSections(report)) {
    for (const row of [...reportSection.rows, ...(reportSection.total ? [reportSection.total] : [])]) {
      rows.push([report.agencyName, report.from, report.to, reportSection.measure, row.label, String(row.count)]);
    }
  }
  if (report.notEvaluated > 0) rows.push([report.agencyName, report.from, report.to, 'Legal records left out: the law engine could not evaluate them', 'Records', String(report.notEvaluated)]);
  return rows;
}

export const reportCsvHeader = ['Agency', 'From', 'To', 'Measure', 'Category', 'Count'];
