import type { AppointmentKind, AttendanceOutcome, ClosingReviewInput, CompletionInput, EngagementInput } from '../../domain/mhtr/supervision.ts';
import type { AssessmentInput, PreSentenceReportInput, ScreeningInput } from '../../domain/mhtr/assessment.ts';
import type { CommunityOrderInput, CourtDecisionInput, OrderInput } from '../../domain/mhtr/court.ts';
import type { PrivateConsentInput, ReportChecklistInput } from '../../domain/mhtr/report-checklist.ts';

// The community-sentence pathway (mental health treatment requirement) in the demo: Helen, AW and Mark of
// the MHTR integrated delivery guidance (source 001), each taken to a different stage, and community
// orders made without the requirement, so that uptake on the dashboard is not everything.
//   Helen: from a custody referral to liaison and diversion, through the report and the court, to
//     supervision and treatment she engages with well: in supervision now.
//   AW: a suspended sentence order with supervision, a requirement to attend the women's centre and the
//     requirement, every appointment kept; the court ended the order early for good progress ("stable at
//     the point of termination"), and the case is closed after a review with her community psychiatric
//     nurse.
//   Mark: supervision with the requirement and an alcohol treatment requirement; missed appointments at
//     first, a warning taken with the provider's view, then appointments near home or by phone and better
//     attendance: in supervision now.
// Each step is written as the member of staff whose role it is, on the story's days (see seed.ts), and
// each person's existing case-study events stay where they were: the pathway is built around them.
// Mark's record begins when probation starts supervising his order (day 28), so the screening, report and
// court steps that came before it are recorded that afternoon, each with the date it really happened.

export interface StoryDays {
  // The calendar day `day` days after the area was set up.
  date(day: number): Temporal.PlainDate;
}

// The people the pathway follows, by the names they were registered with (case-studies.ts).
export type PathwayPerson = 'Helen Ashby' | 'Anna Wójcik' | 'Mark Treadwell';

// A step of the pathway. Things made earlier in the story are named by a key (a referral, an appointment)
// and found again when a later step needs them; people, staff and agencies are named as in area.ts.
export type PathwayAction =
  | {
      kind: 'referral';
      key: string;
      purpose: string;
      urgency: string;
      asked: string;
      referrerWords: string;
      toAgency: string;
      toTeam: string | null;
    }
  | { kind: 'accept-referral'; referral: string }
  | { kind: 'close-referral'; referral: string; outcome: string; note: string }
  | { kind: 'open-case'; referral: string | null; screening: Omit<ScreeningInput, 'referralId'> }
  | { kind: 'pre-sentence-report'; input: PreSentenceReportInput }
  | { kind: 'assessment'; input: AssessmentInput }
  | { kind: 'report-checklist'; input: ReportChecklistInput }
  | { kind: 'private-consent'; input: PrivateConsentInput }
  | { kind: 'court-decision'; input: CourtDecisionInput }
  | { kind: 'order'; input: OrderInput }
  | { kind: 'allocation'; practitioner: string; riskLevel: string; practitionerGrade: string }
  | { kind: 'placement'; provider: string; startsOn: Temporal.PlainDate; keyWorker: string }
  | { kind: 'book'; key: string; appointmentKind: AppointmentKind; startsAt: { day: number; time: string }; place: string; withWhom: string }
  | { kind: 'attendance'; appointment: string; outcome: AttendanceOutcome; note: string }
  | { kind: 'engagement'; input: EngagementInput }
  | { kind: 'compliance-decision'; appointments: string[]; decidedOn: Temporal.PlainDate; decision: string; whatHappened: string; providerView: string; providerViewFrom: string; reason: string }
  | { kind: 'completion'; input: CompletionInput }
  | { kind: 'closing-review'; input: ClosingReviewInput };

export interface PathwayEvent {
  day: number;
  time: string;
  author: string;
  purpose: string;
  person: PathwayPerson;
  action: PathwayAction;
}

// A community order made without the requirement: it names no one.
export interface CommunityOrderEvent {
  day: number;
  time: string;
  author: string;
  input: CommunityOrderInput;
}

export const casterbridgeCourt = 'Casterbridge Magistrates’ Court';
const trust = 'Wessex Partnership NHS Foundation Trust';
const mhtrService = `Mental Health Treatment Requirement Service, ${trust}`;
const allConditions = ['requires-treatment', 'arrangements', 'willingness'];

interface Visit {
  day: number;
  time: string;
  // Undefined: still to come (booked, no outcome yet).
  outcome?: AttendanceOutcome;
  note?: string;
  place?: string;
}

interface Series {
  person: PathwayPerson;
  key: string;
  appointmentKind: AppointmentKind;
  // Who books the appointments and records what happened.
  author: string;
  withWhom: string;
  place: string;
  // When the first appointment is booked; each later one is booked at the end of the one before, as
  // people book the next appointment before they leave.
  firstBookedAt: { day: number; time: string };
}

function laterBy(time: string, minutes: number): string {
  return Temporal.PlainTime.from(time).add({ minutes }).toString({ smallestUnit: 'minute' });
}

// Books each visit and, once it has happened, records its outcome 45 minutes after it began.
function appointmentSeries(series: Series, visits: Visit[]): PathwayEvent[] {
  const events: PathwayEvent[] = [];
  const purpose = series.appointmentKind === 'supervision' ? 'Supervision of the order' : 'Treatment under the mental health treatment requirement';
  visits.forEach((visit, index) => {
    const key = `${series.key}-${index + 1}`;
    const previous = visits[index - 1];
    const bookedAt = previous === undefined ? series.firstBookedAt : { day: previous.day, time: laterBy(previous.time, 50) };
    events.push({
      ...bookedAt,
      author: series.author,
      purpose,
      person: series.person,
      action: { kind: 'book', key, appointmentKind: series.appointmentKind, startsAt: { day: visit.day, time: visit.time }, place: visit.place ?? series.place, withWhom: series.withWhom },
    });
    if (visit.outcome !== undefined) {
      events.push({ day: visit.day, time: laterBy(visit.time, 45), author: series.author, purpose, person: series.person, action: { kind: 'attendance', appointment: key, outcome: visit.outcome, note: visit.note ?? '' } });
    }
  });
  return events;
}

const attended = (day: number, time: string, place?: string): Visit => ({ day, time, outcome: 'attended', place });
const missed = (day: number, time: string, note: string, place?: string): Visit => ({ day, time, outcome: 'missed', note, place });
const toCome = (day: number, time: string, place?: string): Visit => ({ day, time, place });

function helen(story: StoryDays): PathwayEvent[] {
  const person: PathwayPerson = 'Helen Ashby';
  const step = (day: number, time: string, author: string, purpose: string, action: PathwayAction): PathwayEvent => ({ day, time, author, purpose, person, action });
  return [
    // The guidance: arrested on a charge of assault, and assessed at court under the arrest referral scheme.
    step(30, '09:50', 'colin.marsh', 'Custody referral to liaison and diversion', {
      kind: 'referral',
      key: 'helen-custody',
      purpose: 'liaison-and-diversion-screening',
      urgency: 'urgent',
      asked: 'Please see her at court before her first appearance this morning.',
      referrerWords: 'Arrested last night on a charge of assault. Tearful and anxious in custody; said she cannot cope and has been drinking to get through the day.',
      toAgency: 'Wessex Liaison and Diversion Service',
      toTeam: 'Casterbridge Custody and Courts',
    }),
    step(30, '10:00', 'ravi.patel', 'Answering a custody referral', { kind: 'accept-referral', referral: 'helen-custody' }),
    step(30, '11:10', 'ravi.patel', 'Liaison and diversion screening at court', {
      kind: 'open-case',
      referral: 'helen-custody',
      screening: {
        screenedOn: story.date(30),
        place: `${casterbridgeCourt} (before the hearing)`,
        screeningTool: 'Liaison and diversion needs assessment (arrest referral scheme)',
        findings: 'Low mood and anxiety, and difficulty coping with trauma in her childhood that has never been addressed. Drinks to cope. Wary of services.',
        suggestsRequirement: 'yes',
      },
    }),
    step(30, '11:20', 'ravi.patel', 'Answering a custody referral', { kind: 'close-referral', referral: 'helen-custody', outcome: 'completed', note: 'Screened at court before her hearing; a community-sentence case is open.' }),
    step(30, '15:00', 'joanna.kaur', 'Preparing a pre-sentence report', {
      kind: 'pre-sentence-report',
      input: {
        requestedOn: story.date(30),
        court: casterbridgeCourt,
        hearingOn: story.date(41),
        author: 'Joanna Kaur',
        suggestedAssessor: `Beth Ingram, ${mhtrService}`,
        registeredWithGeneralPractitioner: 'yes',
      },
    }),
    step(33, '10:30', 'beth.ingram', 'Mental health assessment for the court', {
      kind: 'assessment',
      input: {
        assessedOn: story.date(33),
        assessorName: 'Beth Ingram',
        assessorQualification: 'Registered mental health nurse, Mental Health Treatment Requirement Service',
        assessorOrganisation: trust,
        findings:
          'Anxiety, low mood and self-harm in the past, rooted in childhood trauma never addressed; drinks to excess, and anger when drinking. No psychosis; does not need in-patient care. Suited to psychosocial sessions in the community.',
        recommendsRequirement: 'yes',
        courtAcceptance: 'not-yet-decided',
      },
    }),
    // Guidance, "Consent": agreed in private beforehand, so that the court can ratify it without details
    // being disclosed in open court.
    step(33, '11:15', 'beth.ingram', 'Agreeing consent in private before the hearing', {
      kind: 'private-consent',
      input: {
        agreedOn: story.date(33),
        toAssessment: true,
        toTreatment: true,
        howGiven: 'in-writing',
        whoWasPresent: 'Helen, Joanna Kaur (probation) and Beth Ingram (mental health nurse)',
        notes: 'Helen asked that nothing about her mental health is said in open court.',
      },
    }),
    step(34, '14:00', 'beth.ingram', 'Completing the report for the court', {
      kind: 'report-checklist',
      input: {
        presentingIssues: 'Anxiety, feeling overwhelmed, low mood; self-harm in the past; excessive drinking and poor anger management.',
        screeningResults: 'PHQ-9 score 16; GAD-7 score 14; AUDIT score 15.',
        treatmentPlan: { plan: 'Six to 12 sessions of psychosocial intervention, weekly at first: goal setting, managing anxiety and anger, drinking less.', provider: mhtrService },
        // The guidance: "a letter signed by the clinician was given to the court duty officer".
        clinicalSignOff: { by: 'Dr Kwame Asante', authority: 'Consultant psychiatrist, clinical lead for the Mental Health Treatment Requirement Service' },
      },
    }),
    step(35, '10:00', 'joanna.kaur', 'Completing the report for the court', {
      kind: 'report-checklist',
      input: { treatmentAvailable: { confirmedBy: `Beth Ingram, ${mhtrService}`, availableFrom: story.date(45) } },
    }),
    step(41, '12:30', 'peter.lamb', 'Recording the court’s decision', {
      kind: 'court-decision',
      input: { decidedOn: story.date(41), court: casterbridgeCourt, outcome: 'requirement-made', conditionsMet: allConditions, assessorAccepted: 'accepted', reason: '' },
    }),
    // "a 12 month supervision order with an MHTR order of six to 12 treatment sessions".
    step(41, '12:40', 'peter.lamb', 'Recording the order', {
      kind: 'order',
      input: {
        madeOn: story.date(41),
        orderKind: 'community-order',
        requirementStartsOn: story.date(41),
        requirementEndsOn: story.date(41).add({ months: 12 }),
        treatmentKind: 'institution-based-out-patient',
        placeOrPractitioner: mhtrService,
        otherRequirements: ['supervision'],
      },
    }),
    step(43, '10:00', 'anthony.reed', 'Allocating a new order', { kind: 'allocation', practitioner: 'chloe.winter', riskLevel: 'medium', practitionerGrade: 'probation-officer' }),
    step(43, '11:00', 'chloe.winter', 'Placing with the treatment provider', { kind: 'placement', provider: trust, startsOn: story.date(52), keyWorker: 'Beth Ingram' }),
    // Her communication needs: she prefers morning appointments.
    ...appointmentSeries(
      { person, key: 'helen-supervision', appointmentKind: 'supervision', author: 'chloe.winter', withWhom: 'Chloe Winter', place: 'Casterbridge probation office', firstBookedAt: { day: 43, time: '11:30' } },
      [
        attended(44, '13:20'),
        attended(58, '10:00'),
        attended(72, '10:00'),
        attended(93, '10:00'),
        attended(114, '10:00'),
        attended(140, '09:15'),
        attended(161, '10:00'),
        attended(182, '10:00'),
        attended(196, '10:00'),
        toCome(210, '10:00'),
      ],
    ),
    ...appointmentSeries(
      { person, key: 'helen-treatment', appointmentKind: 'treatment', author: 'beth.ingram', withWhom: 'Beth Ingram', place: 'Mental Health Treatment Requirement Service, Casterbridge probation office', firstBookedAt: { day: 45, time: '09:00' } },
      [52, 59, 66, 73, 80, 87, 94, 101, 115, 129].map((day) => attended(day, '10:00')),
    ),
    step(80, '12:00', 'beth.ingram', 'Reviewing progress on the mental health treatment requirement', {
      kind: 'engagement',
      input: { recordedOn: story.date(80), level: 'engaging', note: 'Comes to every session and practises goal setting between them; drinking less.' },
    }),
    step(120, '16:00', 'beth.ingram', 'Reviewing progress on the mental health treatment requirement', {
      kind: 'engagement',
      input: { recordedOn: story.date(120), level: 'engaging', note: 'Has given examples of how she would manage a similar situation now. Sessions ended after ten; supervision continues.' },
    }),
  ];
}

function anna(story: StoryDays): PathwayEvent[] {
  const person: PathwayPerson = 'Anna Wójcik';
  const step = (day: number, time: string, author: string, purpose: string, action: PathwayAction): PathwayEvent => ({ day, time, author, purpose, person, action });
  const womensCentre = 'Ashgrove Women’s Centre, Casterbridge';
  return [
    step(22, '11:45', 'ravi.patel', 'Liaison and diversion screening at court', {
      kind: 'open-case',
      referral: null,
      screening: {
        screenedOn: story.date(22),
        place: casterbridgeCourt,
        screeningTool: 'Liaison and diversion needs assessment, with a Polish interpreter',
        findings: 'Diagnosed with paranoid schizophrenia. At the time of the offence she was hearing voices telling her to harm her children; on medication since, and the voices have eased.',
        suggestsRequirement: 'yes',
      },
    }),
    step(22, '14:30', 'joanna.kaur', 'Preparing a pre-sentence report', {
      kind: 'pre-sentence-report',
      input: {
        requestedOn: story.date(22),
        court: casterbridgeCourt,
        hearingOn: story.date(29),
        author: 'Joanna Kaur',
        suggestedAssessor: 'Dr Kwame Asante, Casterbridge Community Mental Health Team',
        registeredWithGeneralPractitioner: 'yes',
      },
    }),
    step(24, '10:00', 'kwame.asante', 'Mental health assessment for the court', {
      kind: 'assessment',
      input: {
        assessedOn: story.date(24),
        assessorName: 'Dr Kwame Asante',
        assessorQualification: 'Consultant psychiatrist, Casterbridge Community Mental Health Team',
        assessorOrganisation: trust,
        findings: 'Paranoid schizophrenia, responding to medication; no command hallucinations now. The risk to her children rises with relapse. Treatable in the community; does not need admission.',
        recommendsRequirement: 'yes',
        courtAcceptance: 'not-yet-decided',
      },
    }),
    step(24, '11:00', 'kwame.asante', 'Agreeing consent in private before the hearing', {
      kind: 'private-consent',
      input: {
        agreedOn: story.date(24),
        toAssessment: true,
        toTreatment: true,
        howGiven: 'in-writing',
        whoWasPresent: 'Anna, a Polish interpreter, Joanna Kaur (probation) and Dr Kwame Asante',
        notes: 'Agreed through the interpreter; she asked that her diagnosis is not read out in court.',
      },
    }),
    step(25, '09:30', 'kwame.asante', 'Completing the report for the court', {
      kind: 'report-checklist',
      input: {
        presentingIssues: 'Hallucinations and voices telling her to harm her children at the time of the offence; isolated; low confidence.',
        screeningResults: 'Brief Psychiatric Rating Scale score 38 at assessment, down from 61 on admission last year.',
        treatmentPlan: { plan: 'Sessions with a community psychiatric nurse every two weeks, at the women’s centre where possible; outpatient reviews; medication continued; a relapse plan shared with the family.', provider: mhtrService },
        clinicalSignOff: { by: 'Dr Kwame Asante', authority: 'Consultant psychiatrist' },
      },
    }),
    step(25, '11:00', 'joanna.kaur', 'Completing the report for the court', {
      kind: 'report-checklist',
      input: { treatmentAvailable: { confirmedBy: `Beth Ingram, ${mhtrService}`, availableFrom: story.date(29) } },
    }),
    step(29, '12:00', 'peter.lamb', 'Recording the court’s decision', {
      kind: 'court-decision',
      input: { decidedOn: story.date(29), court: casterbridgeCourt, outcome: 'requirement-made', conditionsMet: allConditions, assessorAccepted: 'accepted', reason: '' },
    }),
    // "a Suspended Sentence Order, with an Attendance Requirement, Supervision for a period of 12 months and
    // a Mental Health Treatment Requirement for a period of 12 months". Attending the women's centre is
    // recorded as the order's rehabilitation activity requirement, the requirement such attendance is now
    // made under.
    step(29, '12:10', 'peter.lamb', 'Recording the order', {
      kind: 'order',
      input: {
        madeOn: story.date(29),
        orderKind: 'suspended-sentence-order',
        requirementStartsOn: story.date(29),
        requirementEndsOn: story.date(29).add({ months: 12 }),
        treatmentKind: 'institution-based-out-patient',
        placeOrPractitioner: mhtrService,
        otherRequirements: ['supervision', 'rehabilitation-activity'],
      },
    }),
    step(30, '10:00', 'anthony.reed', 'Allocating a new order', { kind: 'allocation', practitioner: 'priya.nair', riskLevel: 'high', practitionerGrade: 'probation-officer' }),
    step(30, '11:00', 'priya.nair', 'Placing with the treatment provider', { kind: 'placement', provider: trust, startsOn: story.date(38), keyWorker: 'Beth Ingram (community psychiatric nurse)' }),
    // From day 36 she asked for appointments at the women's centre.
    ...appointmentSeries(
      { person, key: 'anna-supervision', appointmentKind: 'supervision', author: 'priya.nair', withWhom: 'Priya Nair', place: womensCentre, firstBookedAt: { day: 30, time: '11:30' } },
      [attended(31, '10:30', 'Casterbridge probation office'), ...[45, 59, 73, 87, 101, 115, 129, 143, 157, 171].map((day) => attended(day, '10:30'))],
    ),
    ...appointmentSeries(
      { person, key: 'anna-cpn', appointmentKind: 'treatment', author: 'beth.ingram', withWhom: 'Beth Ingram (community psychiatric nurse)', place: womensCentre, firstBookedAt: { day: 31, time: '15:00' } },
      [38, 52, 66, 80, 94, 108, 122, 136, 150, 164, 178].map((day) => attended(day, '14:00')),
    ),
    ...appointmentSeries(
      { person, key: 'anna-outpatients', appointmentKind: 'treatment', author: 'kwame.asante', withWhom: 'Dr Kwame Asante', place: 'Casterbridge Community Mental Health Team clinic', firstBookedAt: { day: 31, time: '16:00' } },
      [attended(64, '08:30'), attended(155, '09:30')],
    ),
    step(94, '15:00', 'beth.ingram', 'Reviewing progress on the mental health treatment requirement', {
      kind: 'engagement',
      input: { recordedOn: story.date(94), level: 'engaging', note: 'Attends every session; understands her early warning signs and takes her medication.' },
    }),
    step(164, '15:00', 'beth.ingram', 'Reviewing progress on the mental health treatment requirement', {
      kind: 'engagement',
      input: { recordedOn: story.date(164), level: 'engaging', note: 'Stable; good insight into how her mental health affected her offence. The children’s plan is now a child in need plan.' },
    }),
    step(182, '11:00', 'priya.nair', 'Recording the end of the order', {
      kind: 'completion',
      input: {
        completedOn: story.date(182),
        how: 'ended-early-for-good-progress',
        note: 'Every appointment kept and the women’s centre requirement completed; mental health stable. On probation’s application, supported by her nurse, the court ended the order early for good progress.',
      },
    }),
    // "At the end of the order, she undertook a review assessment with the CPN".
    step(188, '14:00', 'beth.ingram', 'Closing review at the end of the order', {
      kind: 'closing-review',
      input: {
        reviewedOn: story.date(188),
        outcomes: 'Mental health stable and no longer affecting her thinking or behaviour; no further offending; the children remain at home.',
        whatHelped: 'Groups and support at the women’s centre; regular sessions with her nurse; the nurse at the children’s plan meetings; an interpreter when it mattered.',
        whatGotInTheWay: 'Early on, isolation and worry about what the court would say about her illness in public.',
        onwardSupport: 'Stays with the community mental health team; will keep going to groups near home.',
      },
    }),
  ];
}

function mark(story: StoryDays): PathwayEvent[] {
  const person: PathwayPerson = 'Mark Treadwell';
  const step = (day: number, time: string, author: string, purpose: string, action: PathwayAction): PathwayEvent => ({ day, time, author, purpose, person, action });
  const pastSteps = 'Recording the steps that led to his order';
  const nearHome = 'Durnover Green Surgery (quiet room near his home)';
  const afterMove = 'Anglebury Health Centre (near his home)';
  return [
    step(28, '13:00', 'ravi.patel', pastSteps, {
      kind: 'open-case',
      referral: null,
      screening: {
        screenedOn: story.date(14),
        place: 'Casterbridge police custody suite',
        screeningTool: 'Liaison and diversion needs assessment',
        findings: 'Autistic. Drinks every day to cope with anxiety and low mood; some cannabis, and recently tried heroin. Self-harms at times. Finds city-centre places frightening since he was attacked.',
        suggestsRequirement: 'yes',
      },
    }),
    step(28, '13:15', 'joanna.kaur', pastSteps, {
      kind: 'pre-sentence-report',
      input: { requestedOn: story.date(14), court: casterbridgeCourt, hearingOn: story.date(27), author: 'Joanna Kaur', suggestedAssessor: `Beth Ingram, ${mhtrService}`, registeredWithGeneralPractitioner: 'yes' },
    }),
    step(28, '13:30', 'beth.ingram', pastSteps, {
      kind: 'assessment',
      input: {
        assessedOn: story.date(20),
        assessorName: 'Beth Ingram',
        assessorQualification: 'Registered mental health nurse, Mental Health Treatment Requirement Service',
        assessorOrganisation: trust,
        findings: 'Asperger’s syndrome; low mood and anxiety every day, some paranoia; uses alcohol and self-harm to cope. Suited to emotion regulation sessions, with support to reach them.',
        recommendsRequirement: 'yes',
        courtAcceptance: 'not-yet-decided',
      },
    }),
    step(28, '13:40', 'beth.ingram', pastSteps, {
      kind: 'private-consent',
      input: {
        agreedOn: story.date(24),
        toAssessment: true,
        toTreatment: true,
        howGiven: 'verbally',
        whoWasPresent: 'Mark, Joanna Kaur (probation) and Beth Ingram (mental health nurse)',
        notes: 'Given time to think it over; agreed at a second meeting.',
      },
    }),
    step(28, '13:50', 'beth.ingram', pastSteps, {
      kind: 'report-checklist',
      input: {
        presentingIssues: 'Low mood and anxiety every day; paranoia; drinking and self-harm to cope; occasional drug use.',
        screeningResults: 'AUDIT score 24; PHQ-9 score 18; GAD-7 score 16.',
        treatmentPlan: { plan: 'Emotion regulation sessions weekly, then coping strategies in place of alcohol and self-harm; alcohol treatment alongside.', provider: mhtrService },
        clinicalSignOff: { by: 'Dr Kwame Asante', authority: 'Consultant psychiatrist, clinical lead for the Mental Health Treatment Requirement Service' },
      },
    }),
    step(28, '14:00', 'joanna.kaur', pastSteps, { kind: 'report-checklist', input: { treatmentAvailable: { confirmedBy: `Beth Ingram, ${mhtrService}`, availableFrom: story.date(27) } } }),
    step(28, '14:15', 'peter.lamb', pastSteps, {
      kind: 'court-decision',
      input: { decidedOn: story.date(27), court: casterbridgeCourt, outcome: 'requirement-made', conditionsMet: allConditions, assessorAccepted: 'accepted', reason: '' },
    }),
    // "A MHTR was granted alongside a supervision order for 12 months and an Alcohol Treatment Requirement".
    step(28, '14:20', 'peter.lamb', pastSteps, {
      kind: 'order',
      input: {
        madeOn: story.date(27),
        orderKind: 'community-order',
        requirementStartsOn: story.date(27),
        requirementEndsOn: story.date(27).add({ months: 12 }),
        treatmentKind: 'institution-based-out-patient',
        placeOrPractitioner: mhtrService,
        otherRequirements: ['supervision', 'alcohol-treatment'],
      },
    }),
    step(28, '15:00', 'anthony.reed', 'Allocating a new order', { kind: 'allocation', practitioner: 'chloe.winter', riskLevel: 'medium', practitionerGrade: 'probation-officer' }),
    step(28, '15:30', 'chloe.winter', 'Placing with the treatment provider', { kind: 'placement', provider: trust, startsOn: story.date(35), keyWorker: 'Beth Ingram' }),
    // "his attendance with probation historically has been very poor": two of each kind missed at first.
    ...appointmentSeries(
      { person, key: 'mark-supervision', appointmentKind: 'supervision', author: 'chloe.winter', withWhom: 'Chloe Winter', place: 'By telephone', firstBookedAt: { day: 28, time: '16:00' } },
      [
        missed(31, '10:00', 'Did not arrive; no answer on his phone.', 'Casterbridge probation office'),
        missed(45, '10:00', 'Did not arrive; said later he could not face the bus into the centre.', 'Casterbridge probation office'),
        attended(59, '10:00'),
        attended(73, '10:00', nearHome),
        attended(87, '10:00'),
        attended(101, '10:00', nearHome),
        attended(115, '10:00'),
        attended(129, '10:00', nearHome),
        attended(143, '10:00'),
        attended(157, '10:00', afterMove),
        attended(171, '10:00'),
        attended(185, '10:00', afterMove),
        toCome(213, '10:00', afterMove),
      ],
    ),
    ...appointmentSeries(
      { person, key: 'mark-treatment', appointmentKind: 'treatment', author: 'beth.ingram', withWhom: 'Beth Ingram', place: nearHome, firstBookedAt: { day: 29, time: '09:00' } },
      [
        missed(35, '14:00', 'Did not arrive at the clinic in Casterbridge centre.', 'Casterbridge Community Mental Health Team clinic'),
        attended(42, '14:00', 'Casterbridge Community Mental Health Team clinic'),
        missed(49, '14:00', 'Did not arrive; had been drinking, his sister said.', 'Casterbridge Community Mental Health Team clinic'),
        ...[63, 70, 77, 84].map((day) => attended(day, '14:00')),
        attended(90, '09:30'),
        ...[97, 104, 118, 132, 146].map((day) => attended(day, '14:00')),
        ...[160, 174, 188].map((day) => attended(day, '14:00', afterMove)),
        toCome(202, '14:00', afterMove),
      ],
    ),
    step(50, '16:00', 'beth.ingram', 'Reviewing progress on the mental health treatment requirement', {
      kind: 'engagement',
      input: { recordedOn: story.date(50), level: 'partly-engaging', note: 'Came to one of three sessions. Travelling into the centre makes him very anxious and he drinks to get through it.' },
    }),
    step(52, '11:00', 'chloe.winter', 'Deciding on missed appointments', {
      kind: 'compliance-decision',
      appointments: ['mark-supervision-1', 'mark-supervision-2', 'mark-treatment-1', 'mark-treatment-3'],
      decidedOn: story.date(52),
      decision: 'warning',
      whatHappened: 'Missed two supervision appointments and two treatment sessions in his first three weeks.',
      providerView: 'The missed sessions come from his fear of travelling into the centre, not from unwillingness. A warning, with sessions near home or by phone and someone with him at first, will help more than breach.',
      providerViewFrom: 'Beth Ingram, Mental Health Treatment Requirement Service',
      reason: 'First failures to comply, explained by anxiety about travel. A formal warning; appointments moved near his home or by phone, and his social worker to go with him at first.',
    }),
    step(100, '15:00', 'beth.ingram', 'Reviewing progress on the mental health treatment requirement', {
      kind: 'engagement',
      input: { recordedOn: story.date(100), level: 'engaging', note: 'Comes to every session near home and relates the emotion regulation work to his own experiences. Drinking less.' },
    }),
  ];
}

// All the pathway's steps for the three people, in no particular order (the seed plays them by time).
export function demoPathwayEvents(story: StoryDays): PathwayEvent[] {
  return [...helen(story), ...anna(story), ...mark(story)];
}

// Community orders Casterbridge Magistrates' Court made without the requirement over the same months.
export function demoCommunityOrders(story: StoryDays): CommunityOrderEvent[] {
  const orders: [number, string, string[]][] = [
    [12, 'community-order', ['unpaid-work']],
    [19, 'community-order', ['curfew', 'electronic-monitoring']],
    [33, 'suspended-sentence-order', ['unpaid-work', 'rehabilitation-activity']],
    [48, 'community-order', ['rehabilitation-activity', 'programme']],
    [66, 'community-order', ['unpaid-work']],
    [81, 'community-order', ['drug-rehabilitation', 'rehabilitation-activity']],
    [105, 'suspended-sentence-order', ['curfew', 'electronic-monitoring']],
    [133, 'community-order', ['alcohol-abstinence-and-monitoring']],
    [160, 'community-order', ['unpaid-work', 'exclusion']],
  ];
  return orders.map(([day, orderKind, requirements]) => ({ day, time: '16:30', author: 'peter.lamb', input: { madeOn: story.date(day), orderKind, requirements } }));
}
