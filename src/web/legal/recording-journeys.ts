import type { EventType, Provision } from '../../domain/law/contract.ts';
import type { LegalEventData, LegalEventJson, Placement } from '../../domain/legal/legal-entries.ts';
import type { LegalEntryContent } from '../../domain/people/person.ts';

// What can be recorded about a person's position under the Mental Health Act, one short journey each.
// Each journey is a row of this table: the questions it asks beyond the common ones (when it happened,
// where, a note), and how the answers become entries in the record. The law engine, not this table,
// decides whether a step is lawful: a journey builds what the user says happened and the engine refuses
// it, citing the provision, if it cannot be.

export const journeyGroups = [
  { key: 'admission', heading: 'Admission and holding powers' },
  { key: 'place-of-safety', heading: 'Place of safety' },
  { key: 'hospital', heading: 'Stay in hospital' },
  { key: 'cto', heading: 'Community treatment order' },
  { key: 'guardianship', heading: 'Guardianship' },
  { key: 'courts', heading: 'Courts and the Secretary of State' },
  { key: 'tribunal', heading: 'Tribunal' },
  { key: 'nearest-relative', heading: 'Nearest relative' },
  { key: 'discharge', heading: 'Discharge' },
] as const;
export type JourneyGroup = (typeof journeyGroups)[number]['key'];

export interface Choice {
  value: string;
  text: string;
  hint?: string;
}

// A question on a journey's form. `missing` is the message when a required answer is not given; every
// message names the question so that the error summary reads on its own.
export type JourneyField =
  | { kind: 'date-time'; name: string; legend: string; label: string; hint?: string; optional?: true }
  | { kind: 'choice'; name: string; legend: string; hint?: string; choices: Choice[]; missing: string; optional?: true }
  | { kind: 'yes-no'; name: string; legend: string; hint?: string; missing: string; optional?: true }
  | { kind: 'whole-number'; name: string; label: string; hint?: string; min: number; max: number; missing: string; outOfRange: string }
  | { kind: 'text'; name: string; label: string; hint?: string; missing?: string; max: number };

export interface JourneySection {
  heading: string | null;
  hint?: string;
  fields: JourneyField[];
}

// The answers, read and checked: instants as offset date-time strings, choices as their values, yes/no
// as booleans, numbers as numbers; null where an optional question was not answered.
export type JourneyAnswers = Record<string, string | number | boolean | null>;

export interface JourneyInput {
  at: string;
  placement: Placement | null;
  note: string | null;
  answers: JourneyAnswers;
}

// One entry to append. A journey may write more than one, in order (a tribunal hearing and then the
// discharge it ordered).
export type JourneyWrite =
  | { kind: 'event'; data: LegalEventData; auditWhat: string; describe: string }
  | { kind: 'entry'; content: LegalEntryContent; auditWhat: string; describe: string };

export interface StatusSummary {
  provision: Provision;
  awol: boolean;
  restricted: boolean;
}

export interface Journey {
  slug: string;
  group: JourneyGroup;
  // Link text on the list, and the page heading.
  title: string;
  // The provision or form it comes from, shown beside the link.
  provision: string;
  // The "when" question: its legend, and how messages name it.
  when: { legend: string; label: string; hint?: string; futureAllowed?: true };
  // Where the person is: recorded with the event (defaulting to the recorder's own ward), the hospital
  // they are moving to (a transfer), or not asked.
  placement: 'event' | 'destination' | 'none';
  // The label of the free-text note, or null where the entry has no note.
  note: { label: string; hint?: string; required?: string } | null;
  sections: JourneySection[];
  likely(status: StatusSummary): boolean;
  // Problems between answers (one date before another) that the single questions cannot see.
  check?(input: JourneyInput): { field: string; message: string }[];
  build(input: JourneyInput): JourneyWrite[];
  // Things the person recording must be told before saving.
  prompts?(input: JourneyInput): string[];
}

const detainedInHospital: readonly Provision[] = ['s2', 's3', 's35', 's36', 's37', 's37/41', 's38', 's45A', 's47', 's47/49', 's48', 's48/49'];
const shortPowers: readonly Provision[] = ['s5(4)', 's5(2)', 's135(1)', 's136'];
const notHeld: readonly Provision[] = ['none', 'informal'];
const tribunalEligible: readonly Provision[] = ['s2', 's3', 's4', 'cto', 'guardianship', 's37', 's37/41', 's45A', 's47', 's47/49', 's48', 's48/49', 'conditionally-discharged'];

const isOneOf = (provisions: readonly Provision[]) => (status: StatusSummary) => provisions.includes(status.provision);

function str(answers: JourneyAnswers, name: string): string | null {
  const value = answers[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

function event(input: JourneyInput, json: { type: EventType } & Record<string, unknown>, note: string | null = input.note): LegalEventData {
  return { event: { ...json, at: input.at } as LegalEventJson, placement: input.placement, documentId: null, note };
}

// A journey that records one engine event with no fields of its own.
function simpleEvent(
  slug: string,
  group: JourneyGroup,
  type: LegalEventJson['type'],
  title: string,
  provision: string,
  when: Journey['when'],
  likely: Journey['likely'],
): Journey {
  return {
    slug,
    group,
    title,
    provision,
    when,
    placement: 'event',
    note: { label: 'Note (optional)' },
    sections: [],
    likely,
    build: (input) => [{ kind: 'event', data: event(input, { type }), auditWhat: `Recorded: ${title}`, describe: title }],
  };
}

// The application on which a patient is admitted (s2, s3, s4), given so that the engine can scrutinise
// it (s6, s11, s12). It is optional: the admission can be recorded before the papers are to hand.
function applicationSections(recommendations: 1 | 2): JourneySection[] {
  const recommendation = (number: 1 | 2, heading: string): JourneySection => ({
    heading,
    fields: [
      { kind: 'date-time', name: `rec${number}ExaminedAt`, legend: 'When did the doctor examine the patient?', label: `Date and time of examination for ${heading.toLowerCase()}`, optional: true },
      { kind: 'date-time', name: `rec${number}SignedAt`, legend: 'When did the doctor sign the recommendation?', label: `Date and time ${heading.toLowerCase()} was signed`, optional: true },
      {
        kind: 'yes-no',
        name: `rec${number}S12Approved`,
        legend: 'Is the doctor approved under section 12?',
        missing: `Select whether the doctor giving the ${heading.toLowerCase()} is approved under section 12`,
        optional: true,
      },
      {
        kind: 'yes-no',
        name: `rec${number}PreviousAcquaintance`,
        legend: 'Did the doctor know the patient before?',
        hint: 'Previous acquaintance with the patient (s12(2))',
        missing: `Select whether the doctor giving the ${heading.toLowerCase()} had previous acquaintance with the patient`,
        optional: true,
      },
    ],
  });
  return [
    {
      heading: 'The application (optional)',
      hint: 'Give what the papers say and Accord checks them against the Act (s6, s11, s12). Leave these blank if the papers are not to hand yet.',
      fields: [
        { kind: 'date-time', name: 'applicationMadeAt', legend: 'When was the application made?', label: 'Date and time of the application', optional: true },
        {
          kind: 'choice',
          name: 'applicant',
          legend: 'Who made the application?',
          choices: [
            { value: 'amhp', text: 'An approved mental health professional' },
            { value: 'nr', text: 'The nearest relative' },
          ],
          missing: 'Select who made the application',
          optional: true,
        },
        { kind: 'date-time', name: 'applicantLastSawAt', legend: 'When did the applicant last see the patient?', label: 'Date and time the applicant last saw the patient', optional: true },
      ],
    },
    recommendation(1, recommendations === 1 ? 'Medical recommendation' : 'First medical recommendation'),
    ...(recommendations === 2 ? [recommendation(2, 'Second medical recommendation')] : []),
  ];
}

const applicationFieldNames = (recommendations: 1 | 2) => applicationSections(recommendations).flatMap((section) => section.fields.map((field) => field.name));

// A recommendation is recorded when either of its times is given; then both times and both answers are needed.
function recommendationProblems(input: JourneyInput, recommendations: 1 | 2) {
  const problems: { field: string; message: string }[] = [];
  for (let number = 1; number <= recommendations; number += 1) {
    const heading = recommendations === 1 ? 'medical recommendation' : number === 1 ? 'first medical recommendation' : 'second medical recommendation';
    const answers = input.answers;
    const given = [`rec${number}ExaminedAt`, `rec${number}SignedAt`, `rec${number}S12Approved`, `rec${number}PreviousAcquaintance`].some((name) => answers[name] !== null && answers[name] !== undefined);
    if (!given) continue;
    if (answers[`rec${number}ExaminedAt`] == null) problems.push({ field: `rec${number}ExaminedAt`, message: `Enter when the doctor examined the patient for the ${heading}` });
    if (answers[`rec${number}SignedAt`] == null) problems.push({ field: `rec${number}SignedAt`, message: `Enter when the ${heading} was signed` });
    if (answers[`rec${number}S12Approved`] == null) problems.push({ field: `rec${number}S12Approved`, message: `Select whether the doctor giving the ${heading} is approved under section 12` });
    if (answers[`rec${number}PreviousAcquaintance`] == null) problems.push({ field: `rec${number}PreviousAcquaintance`, message: `Select whether the doctor giving the ${heading} had previous acquaintance with the patient` });
  }
  return problems;
}

// The contract's `application`, or nothing when no part of it was given. Absent parts are left out, not
// sent as null, as the contract reads them as optional.
function applicationJson(answers: JourneyAnswers, recommendations: 1 | 2): Record<string, unknown> | null {
  if (applicationFieldNames(recommendations).every((name) => answers[name] === null || answers[name] === undefined)) return null;
  const application: Record<string, unknown> = {};
  const madeAt = str(answers, 'applicationMadeAt');
  if (madeAt) application.madeAt = madeAt;
  const applicant = str(answers, 'applicant');
  if (applicant) application.applicant = applicant;
  const lastSaw = str(answers, 'applicantLastSawAt');
  if (lastSaw) application.applicantLastSawPatientAt = lastSaw;
  const list: Record<string, unknown>[] = [];
  for (let number = 1; number <= recommendations; number += 1) {
    const examinedAt = str(answers, `rec${number}ExaminedAt`);
    const signedAt = str(answers, `rec${number}SignedAt`);
    if (examinedAt && signedAt) {
      list.push({ examinedAt, signedAt, s12Approved: answers[`rec${number}S12Approved`] === true, previousAcquaintance: answers[`rec${number}PreviousAcquaintance`] === true });
    }
  }
  application.recommendations = list;
  return application;
}

function admissionJourney(slug: string, type: 's4-admitted' | 's2-admitted' | 's3-admitted', title: string, provision: string, likely: readonly Provision[]): Journey {
  const recommendations = type === 's4-admitted' ? 1 : 2;
  return {
    slug,
    group: 'admission',
    title,
    provision,
    when: { legend: 'When was the patient admitted?', label: 'Date and time of admission' },
    placement: 'event',
    note: { label: 'Note (optional)' },
    sections: applicationSections(recommendations),
    likely: isOneOf(likely),
    check: (input) => recommendationProblems(input, recommendations),
    build: (input) => {
      const application = applicationJson(input.answers, recommendations);
      return [{ kind: 'event', data: event(input, { type, ...(application ? { application } : {}) }), auditWhat: `Recorded: ${title}`, describe: title }];
    },
  };
}

const yes = (answers: JourneyAnswers, name: string) => answers[name] === true;

const dischargedByChoices: Choice[] = [
  { value: 'rc', text: 'The responsible clinician' },
  { value: 'managers', text: 'The hospital managers' },
  { value: 'nr', text: 'The nearest relative' },
  { value: 'tribunal', text: 'The tribunal' },
  { value: 'sos', text: 'The Secretary of State' },
];

// s17(2A): before granting leave for more than 7 consecutive days, the responsible clinician must
// consider whether the patient should be dealt with under a community treatment order instead.
export const longLeaveDays = 7;
export const longLeavePrompt =
  'This leave is longer than 7 consecutive days. Before granting it, the responsible clinician must consider whether the patient should be made subject to a community treatment order instead (s17(2A)).';

function leaveIsLong(input: JourneyInput): boolean {
  const to = str(input.answers, 'leaveTo');
  if (to === null) return false;
  const hours = Temporal.Instant.from(input.at).until(Temporal.Instant.from(to), { largestUnit: 'hours' }).hours;
  return hours > longLeaveDays * 24;
}

export const journeys: readonly Journey[] = [
  // Admission and holding powers.
  simpleEvent('informal-admission', 'admission', 'informal-admission', 'Informal admission', 's131', { legend: 'When was the person admitted?', label: 'Date and time of admission' }, isOneOf(['none', ...shortPowers])),
  simpleEvent('s5-4', 'admission', 's5-4-recorded', 'Nurse\u2019s holding power', 's5(4), form H2', { legend: 'When was the holding power recorded?', label: 'Date and time the holding power was recorded' }, isOneOf(['informal'])),
  simpleEvent('s5-2', 'admission', 's5-2-report-furnished', 'Doctor\u2019s holding power report furnished', 's5(2), form H1', { legend: 'When was the report furnished to the managers?', label: 'Date and time the report was furnished' }, isOneOf(['informal', 's5(4)'])),
  admissionJourney('s4-admission', 's4-admitted', 'Emergency admission for assessment', 's4', ['none', 'informal', ...shortPowers]),
  simpleEvent('s4-second-recommendation', 'admission', 's4-second-recommendation-received', 'Second medical recommendation received', 's4(4)', { legend: 'When was the second recommendation received?', label: 'Date and time the second recommendation was received' }, isOneOf(['s4'])),
  admissionJourney('s2-admission', 's2-admitted', 'Admission for assessment', 's2', ['none', 'informal', ...shortPowers, 's4']),
  admissionJourney('s3-admission', 's3-admitted', 'Admission for treatment', 's3', ['none', 'informal', ...shortPowers, 's2']),

  // Place of safety.
  {
    slug: 'place-of-safety-arrival',
    group: 'place-of-safety',
    title: 'Arrival at a place of safety',
    provision: 's135(1), s136',
    when: { legend: 'When did the person arrive at the place of safety?', label: 'Date and time of arrival' },
    placement: 'event',
    note: { label: 'Note (optional)', hint: 'For example, the place of safety if it is not a hospital' },
    sections: [
      {
        heading: null,
        fields: [
          {
            kind: 'choice',
            name: 'power',
            legend: 'Under which power?',
            choices: [
              { value: 's136', text: 'Section 136', hint: 'Removed by a police officer from a public place or kept where they are' },
              { value: 's135(1)', text: 'Section 135(1)', hint: 'Removed from premises under a warrant' },
            ],
            missing: 'Select the power the person is held under',
          },
        ],
      },
    ],
    likely: isOneOf(notHeld),
    build: (input) => [{ kind: 'event', data: event(input, { type: 'place-of-safety-arrival', power: input.answers.power }), auditWhat: 'Recorded: arrival at a place of safety', describe: 'Arrival at a place of safety' }],
  },
  {
    slug: 'place-of-safety-extension',
    group: 'place-of-safety',
    title: 'Place of safety detention extended',
    provision: 's136B',
    when: { legend: 'When was the extension authorised?', label: 'Date and time the extension was authorised' },
    placement: 'event',
    note: { label: 'Note (optional)', hint: 'For example, who authorised it and why' },
    sections: [
      {
        heading: null,
        fields: [
          {
            kind: 'whole-number',
            name: 'hours',
            label: 'By how many hours?',
            hint: 'From 1 to 12. The extension runs from the end of the 24 hours.',
            min: 1,
            max: 12,
            missing: 'Enter the number of hours of the extension',
            outOfRange: 'The number of hours of the extension must be a whole number from 1 to 12 (s136B)',
          },
        ],
      },
    ],
    likely: isOneOf(['s135(1)', 's136']),
    build: (input) => [{ kind: 'event', data: event(input, { type: 'place-of-safety-extended', hours: input.answers.hours }), auditWhat: 'Recorded: place of safety extension', describe: 'Place of safety detention extended' }],
  },
  simpleEvent('place-of-safety-ended', 'place-of-safety', 'place-of-safety-ended', 'Place of safety power ended', 's135, s136', { legend: 'When did the power end?', label: 'Date and time the power ended' }, isOneOf(['s135(1)', 's136'])),

  // Stay in hospital.
  {
    slug: 'transfer',
    group: 'hospital',
    title: 'Transfer to another hospital',
    provision: 's19, form H4',
    when: { legend: 'When was the patient transferred?', label: 'Date and time of transfer' },
    placement: 'destination',
    note: null,
    sections: [],
    likely: isOneOf(detainedInHospital),
    build: (input) => [
      { kind: 'entry', content: { kind: 'hospital-transfer', data: { at: input.at, to: input.placement! } }, auditWhat: 'Recorded: transfer to another hospital (s19)', describe: 'Transfer to another hospital' },
    ],
  },
  {
    slug: 'leave',
    group: 'hospital',
    title: 'Leave of absence',
    provision: 's17',
    when: { legend: 'When does the leave start?', label: 'Date and time the leave starts', futureAllowed: true },
    placement: 'none',
    note: null,
    sections: [
      {
        heading: null,
        fields: [
          { kind: 'date-time', name: 'leaveTo', legend: 'When does the leave end?', label: 'Date and time the leave ends' },
          { kind: 'yes-no', name: 'escorted', legend: 'Is the leave escorted?', missing: 'Select whether the leave is escorted' },
          { kind: 'text', name: 'conditions', label: 'Conditions of the leave (optional)', hint: 'For example, where the patient must live, or who must accompany them', max: 2000 },
        ],
      },
    ],
    likely: isOneOf(detainedInHospital),
    check: (input) => {
      const to = str(input.answers, 'leaveTo');
      if (to !== null && Temporal.Instant.compare(Temporal.Instant.from(to), Temporal.Instant.from(input.at)) <= 0) {
        return [{ field: 'leaveTo', message: 'Date and time the leave ends must be after the leave starts' }];
      }
      return [];
    },
    prompts: (input) => (leaveIsLong(input) ? [longLeavePrompt] : []),
    build: (input) => [
      {
        kind: 'entry',
        content: { kind: 'leave-granted', data: { from: input.at, to: str(input.answers, 'leaveTo')!, escorted: yes(input.answers, 'escorted'), conditions: str(input.answers, 'conditions') } },
        auditWhat: 'Recorded: leave of absence (s17)',
        describe: 'Leave of absence',
      },
    ],
  },
  simpleEvent('awol-began', 'hospital', 'awol-began', 'Absent without leave', 's18', { legend: 'When did the absence begin?', label: 'Date and time the absence began' }, (status) => !status.awol && (detainedInHospital.includes(status.provision) || status.provision === 'cto')),
  simpleEvent('awol-returned', 'hospital', 'awol-returned', 'Returned or retaken', 's18', { legend: 'When did the patient return or was retaken?', label: 'Date and time of return' }, (status) => status.awol),
  simpleEvent('renewal', 'hospital', 'renewal-furnished', 'Renewal report furnished', 's20, form H5', { legend: 'When was the report furnished to the managers?', label: 'Date and time the report was furnished' }, isOneOf(['s3', 's37', 's47', 's48'])),
  simpleEvent('medication-first-administered', 'hospital', 'medication-first-administered', 'First medication for mental disorder in this period', 's58', { legend: 'When was the first dose given?', label: 'Date and time of the first dose' }, isOneOf(detainedInHospital.filter((provision) => provision !== 's35'))),

  // Community treatment order.
  {
    slug: 'cto-made',
    group: 'cto',
    title: 'Community treatment order made',
    provision: 's17A, form CTO1',
    when: { legend: 'When was the order made?', label: 'Date and time the order was made' },
    placement: 'event',
    note: { label: 'Note (optional)' },
    sections: [{ heading: null, fields: [{ kind: 'text', name: 'conditions', label: 'Conditions of the order', hint: 'As written on form CTO1 (s17B)', missing: 'Enter the conditions of the order', max: 5000 }] }],
    likely: (status) => !status.restricted && ['s3', 's37', 's47', 's48'].includes(status.provision),
    build: (input) => [
      { kind: 'event', data: event(input, { type: 'cto-made' }), auditWhat: 'Recorded: community treatment order made (s17A)', describe: 'Community treatment order made' },
      {
        kind: 'entry',
        content: { kind: 'cto-conditions-recorded', data: { at: input.at, conditions: str(input.answers, 'conditions')!, variation: false } },
        auditWhat: 'Recorded: conditions of a community treatment order (s17B)',
        describe: 'Conditions of the order',
      },
    ],
  },
  {
    slug: 'cto-conditions-varied',
    group: 'cto',
    title: 'Conditions of the order varied',
    provision: 's17B(4), form CTO2',
    when: { legend: 'When were the conditions varied?', label: 'Date and time the conditions were varied' },
    placement: 'none',
    note: null,
    sections: [{ heading: null, fields: [{ kind: 'text', name: 'conditions', label: 'The conditions as varied', missing: 'Enter the conditions as varied', max: 5000 }] }],
    likely: isOneOf(['cto']),
    build: (input) => [
      {
        kind: 'entry',
        content: { kind: 'cto-conditions-recorded', data: { at: input.at, conditions: str(input.answers, 'conditions')!, variation: true } },
        auditWhat: 'Recorded: conditions of a community treatment order varied (s17B(4))',
        describe: 'Conditions of the order varied',
      },
    ],
  },
  simpleEvent('cto-recalled', 'cto', 'cto-recalled', 'Recalled to hospital', 's17E, form CTO3/CTO4', { legend: 'When did detention under the recall begin?', label: 'Date and time detention under the recall began' }, isOneOf(['cto'])),
  simpleEvent('cto-recall-released', 'cto', 'cto-recall-released', 'Released from recall', 's17F(5)', { legend: 'When was the patient released?', label: 'Date and time of release' }, isOneOf(['cto'])),
  simpleEvent('cto-revoked', 'cto', 'cto-revoked', 'Community treatment order revoked', 's17F(4), form CTO5', { legend: 'When was the order revoked?', label: 'Date and time of revocation' }, isOneOf(['cto'])),
  simpleEvent('cto-extension', 'cto', 'renewal-furnished', 'Extension report furnished', 's20A, form CTO7', { legend: 'When was the report furnished to the managers?', label: 'Date and time the report was furnished' }, isOneOf(['cto'])),

  // Guardianship.
  simpleEvent('guardianship-accepted', 'guardianship', 'guardianship-accepted', 'Guardianship application accepted', 's7, form G5', { legend: 'When was the application accepted?', label: 'Date and time the application was accepted' }, isOneOf(notHeld)),
  simpleEvent('guardianship-renewal', 'guardianship', 'renewal-furnished', 'Guardianship renewal report furnished', 's20(6), form G9', { legend: 'When was the report furnished to the local authority?', label: 'Date and time the report was furnished' }, isOneOf(['guardianship'])),

  // Courts and the Secretary of State.
  {
    slug: 'court-order',
    group: 'courts',
    title: 'Court order',
    provision: 's35, s36, s37, s38, s45A',
    when: { legend: 'When did the court make the order?', label: 'Date and time of the order' },
    placement: 'event',
    note: { label: 'Note (optional)', hint: 'For example, the court and case number' },
    sections: [
      {
        heading: null,
        fields: [
          {
            kind: 'choice',
            name: 'order',
            legend: 'Which order?',
            choices: [
              { value: 's35', text: 'Remand to hospital for a report, s35' },
              { value: 's36', text: 'Remand to hospital for treatment, s36' },
              { value: 's37', text: 'Hospital order, s37' },
              { value: 's38', text: 'Interim hospital order, s38' },
              { value: 's45A', text: 'Hospital and limitation direction, s45A' },
            ],
            missing: 'Select the order the court made',
          },
          { kind: 'yes-no', name: 'restricted', legend: 'Did the court add a restriction order (s41)?', hint: 'Only with a hospital order under s37', missing: 'Select whether the court added a restriction order' },
        ],
      },
    ],
    likely: isOneOf(notHeld),
    check: (input) => (yes(input.answers, 'restricted') && input.answers.order !== 's37' ? [{ field: 'restricted', message: 'A restriction order (s41) can only be added to a hospital order under s37' }] : []),
    build: (input) => [
      { kind: 'event', data: event(input, { type: 'court-order', order: input.answers.order, restricted: yes(input.answers, 'restricted') }), auditWhat: 'Recorded: court order', describe: 'Court order' },
    ],
  },
  {
    slug: 'transfer-direction',
    group: 'courts',
    title: 'Transfer direction from prison',
    provision: 's47, s48',
    when: { legend: 'When was the direction given?', label: 'Date and time of the direction' },
    placement: 'event',
    note: { label: 'Note (optional)' },
    sections: [
      {
        heading: null,
        fields: [
          {
            kind: 'choice',
            name: 'direction',
            legend: 'Which direction?',
            choices: [
              { value: 's47', text: 'Sentenced prisoner, s47' },
              { value: 's48', text: 'Other prisoner, s48' },
            ],
            missing: 'Select the transfer direction',
          },
          { kind: 'yes-no', name: 'restricted', legend: 'Is there a restriction direction (s49)?', missing: 'Select whether there is a restriction direction' },
        ],
      },
    ],
    likely: isOneOf(notHeld),
    build: (input) => [
      { kind: 'event', data: event(input, { type: 'transfer-direction', direction: input.answers.direction, restricted: yes(input.answers, 'restricted') }), auditWhat: 'Recorded: transfer direction', describe: 'Transfer direction' },
    ],
  },
  simpleEvent('hospital-admitted', 'courts', 'hospital-admitted', 'Admitted to hospital under the order or direction', 'Part 3', { legend: 'When was the patient admitted?', label: 'Date and time of admission' }, isOneOf(['s35', 's36', 's37', 's37/41', 's38', 's45A', 's47', 's47/49', 's48', 's48/49'])),
  simpleEvent('recalled', 'courts', 'recalled', 'Recall of a conditionally discharged patient', 's42(3)', { legend: 'When was the patient returned to hospital?', label: 'Date and time of return to hospital' }, isOneOf(['conditionally-discharged'])),

  // Tribunal.
  {
    slug: 'tribunal-application',
    group: 'tribunal',
    title: 'Application to the tribunal',
    provision: 's66',
    when: { legend: 'When was the application made?', label: 'Date and time of the application' },
    placement: 'event',
    note: { label: 'Note (optional)' },
    sections: [
      {
        heading: null,
        fields: [
          {
            kind: 'choice',
            name: 'applicant',
            legend: 'Who applied?',
            choices: [
              { value: 'patient', text: 'The patient' },
              { value: 'nr', text: 'The nearest relative' },
            ],
            missing: 'Select who applied to the tribunal',
          },
        ],
      },
    ],
    likely: isOneOf(tribunalEligible),
    build: (input) => [{ kind: 'event', data: event(input, { type: 'tribunal-application', applicant: input.answers.applicant }), auditWhat: 'Recorded: application to the tribunal', describe: 'Application to the tribunal' }],
  },
  simpleEvent('tribunal-application-withdrawn', 'tribunal', 'tribunal-application-withdrawn', 'Tribunal application withdrawn', 's77(2)', { legend: 'When was the application withdrawn?', label: 'Date and time of withdrawal' }, isOneOf(tribunalEligible)),
  {
    slug: 'tribunal-hearing',
    group: 'tribunal',
    title: 'Tribunal hearing',
    provision: 's72, s73',
    when: { legend: 'When did the tribunal decide?', label: 'Date and time of the decision' },
    placement: 'event',
    note: { label: 'Outcome of the hearing', hint: 'The tribunal\u2019s decision in brief', required: 'Enter the outcome of the hearing' },
    sections: [
      {
        heading: null,
        fields: [
          {
            kind: 'choice',
            name: 'discharge',
            legend: 'Did the tribunal discharge the patient?',
            choices: [
              { value: 'no', text: 'No' },
              { value: 'absolute', text: 'Yes, absolutely' },
              { value: 'conditional', text: 'Yes, conditionally', hint: 'Restricted patients only (s73)' },
            ],
            missing: 'Select whether the tribunal discharged the patient',
          },
        ],
      },
    ],
    likely: isOneOf(tribunalEligible),
    build: (input) => {
      const writes: JourneyWrite[] = [{ kind: 'event', data: event(input, { type: 'tribunal-hearing' }), auditWhat: 'Recorded: tribunal hearing', describe: 'Tribunal hearing' }];
      const discharge = input.answers.discharge;
      if (discharge === 'absolute' || discharge === 'conditional') {
        writes.push({
          kind: 'event',
          data: event(input, { type: 'discharged', kind: discharge, by: 'tribunal' }, 'Discharged by the tribunal at the hearing.'),
          auditWhat: 'Recorded: discharge by the tribunal',
          describe: 'Discharge by the tribunal',
        });
      }
      return writes;
    },
  },

  // Nearest relative.
  simpleEvent('nr-discharge-notice', 'nearest-relative', 'nr-discharge-notice', 'Nearest relative\u2019s notice to discharge', 's25, s23', { legend: 'When was the notice given?', label: 'Date and time the notice was given' }, isOneOf(['s2', 's3', 'cto'])),
  simpleEvent('barring-report', 'nearest-relative', 'barring-report-furnished', 'Barring report furnished', 's25(1), form M2', { legend: 'When was the report furnished to the managers?', label: 'Date and time the report was furnished' }, isOneOf(['s2', 's3', 'cto'])),

  // Discharge.
  {
    slug: 'discharge',
    group: 'discharge',
    title: 'Discharge',
    provision: 's23, s42, s73',
    when: { legend: 'When was the patient discharged?', label: 'Date and time of discharge' },
    placement: 'event',
    note: { label: 'Note (optional)' },
    sections: [
      {
        heading: null,
        fields: [
          {
            kind: 'choice',
            name: 'kind',
            legend: 'What kind of discharge?',
            choices: [
              { value: 'absolute', text: 'Absolute discharge' },
              { value: 'conditional', text: 'Conditional discharge', hint: 'Restricted patients only, by the Secretary of State (s42(2)) or the tribunal (s73)' },
            ],
            missing: 'Select the kind of discharge',
          },
          { kind: 'choice', name: 'by', legend: 'Who discharged the patient?', choices: dischargedByChoices, missing: 'Select who discharged the patient' },
        ],
      },
    ],
    likely: (status) => !notHeld.includes(status.provision),
    build: (input) => [
      { kind: 'event', data: event(input, { type: 'discharged', kind: input.answers.kind, by: input.answers.by }), auditWhat: 'Recorded: discharge', describe: 'Discharge' },
    ],
  },
];

export function findJourney(slug: string): Journey | undefined {
  return journeys.find((journey) => journey.slug === slug);
}

// The banner shown on the legal status page after a journey is saved (/people/:id/legal?saved=<slug>).
export function recordingSavedMessage(saved: string): string | null {
  const journey = findJourney(saved);
  return journey ? `${journey.title} recorded` : null;
}
