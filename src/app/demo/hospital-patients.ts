import { randomUUID } from 'node:crypto';
import type { AccordDatabase } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { EventType } from '../../domain/law/contract.ts';
import type { CertificateForm, Placement, RelativeRecordedData } from '../../domain/legal/legal-entries.ts';
import { entryKindLabels, type LegalEntryContent, type PersonDetails } from '../../domain/people/person.ts';
import type { Actor, AppContext } from '../context.ts';
import { refreshLegalProjection } from '../legal/legal-position.ts';
import { appendLegalEntry, recordLegalEvent } from '../legal/record-legal.ts';
import { registerPerson } from '../people/register-person.ts';
import { ensureAgencyInvolvement } from '../sharing/involvements.ts';
import { testNhsNumber } from './synthetic-identifiers.ts';

// A hospital's worth of patients for the demo: people detained, on community treatment orders, held at
// the place of safety, restricted, conditionally discharged or in guardianship, each at a different
// point of their legal history. Every history is set relative to the moment the demo is seeded, so the
// deadlines a newcomer sees on first start are live: an s2 ending in two days, a recall whose 72 hours
// end tomorrow, a place-of-safety period ending this afternoon, and one s2 that lapsed unnoticed.
//
// Each entry is written through the same use cases staff use (so every legal event passes the law
// engine), by the member of staff who would write it, shortly after it happened. History from before
// the demonstration area was set up is brought onto Accord by the Mental Health Act office on the day of
// set-up, from the paper record. Names are invented (surnames from Thomas Hardy's Wessex novels), NHS
// numbers are from the testing range and postcodes from the fictional WX area.

const timeZone = 'Europe/London';
const trustName = 'Wessex Partnership NHS Foundation Trust';
const localAuthorityName = 'Wessex County Council';
// Who brings the paper record onto Accord.
const mentalHealthActOffice = 'fiona.mcrae';
const paperRecordNote = 'Brought onto Accord from the paper record when the trust began to use it';

// Where a patient is placed, by the team that holds them.
const wards = {
  egdon: { agency: trustName, team: 'Egdon Ward (adult acute)' },
  froom: { agency: trustName, team: 'Froom Ward (adult acute)' },
  yalbury: { agency: trustName, team: 'Yalbury Ward (low secure)' },
  placeOfSafety: { agency: trustName, team: 'Section 136 Suite (place of safety)' },
  community: { agency: trustName, team: 'Casterbridge Community Mental Health Team' },
  guardianship: { agency: localAuthorityName, team: 'Adult Social Care – Casterbridge' },
} as const;
type Ward = keyof typeof wards;

// When something happened, counted back from the moment of seeding: a London day and time so many
// months and then days ago (negative days: that many days after the months back), or so many hours ago
// for the powers that are counted in hours.
type Ago = { months?: number; days?: number; time: string } | { hours: number };

type What =
  | { kind: 'event'; type: EventType; fields?: (at: Temporal.ZonedDateTime) => Record<string, unknown>; ward?: Ward; note?: string }
  | { kind: 'rights'; provision: 's132' | 's132A'; understood: boolean; note?: string }
  | { kind: 'certificate'; form: CertificateForm; treatment: string }
  | { kind: 'relative'; relative: Pick<RelativeRecordedData, 'name' | 'relationship'> & Partial<RelativeRecordedData> }
  | { kind: 'cto-conditions'; conditions: string }
  | { kind: 'leave'; hours: number; escorted: boolean; conditions: string | null };

interface Write {
  at: Ago;
  by: string;
  what: What;
  // How long after the thing happened it was written down; 20 minutes unless said.
  delayMinutes?: number;
}

export interface HospitalPatient {
  scenario: string;
  details: Pick<PersonDetails, 'givenNames' | 'familyName' | 'dateOfBirth' | 'address'> & Partial<PersonDetails>;
  writes: Write[];
}

// --- Builders, so that each history below reads as a list of what happened ---

const ago = (months: number, days: number, time: string): Ago => ({ months, days, time });
const daysAgo = (days: number, time: string): Ago => ({ days, time });
const hoursAgo = (hours: number): Ago => ({ hours });

function event(at: Ago, by: string, type: EventType, options: { fields?: (at: Temporal.ZonedDateTime) => Record<string, unknown>; ward?: Ward; note?: string; delayMinutes?: number } = {}): Write {
  const { delayMinutes, ...rest } = options;
  return { at, by, what: { kind: 'event', type, ...rest }, delayMinutes };
}
const rights = (at: Ago, by: string, understood = true, note?: string): Write => ({ at, by, what: { kind: 'rights', provision: 's132', understood, note } });
const rightsOnCto = (at: Ago, by: string): Write => ({ at, by, what: { kind: 'rights', provision: 's132A', understood: true } });
const certificate = (at: Ago, by: string, form: CertificateForm, treatment: string): Write => ({ at, by, what: { kind: 'certificate', form, treatment }, delayMinutes: 60 });
const relative = (at: Ago, by: string, relativeDetails: Pick<RelativeRecordedData, 'name' | 'relationship'> & Partial<RelativeRecordedData>): Write => ({ at, by, what: { kind: 'relative', relative: relativeDetails }, delayMinutes: 45 });
const ctoConditions = (at: Ago, by: string, conditions: string): Write => ({ at, by, what: { kind: 'cto-conditions', conditions }, delayMinutes: 30 });
const leave = (at: Ago, by: string, hours: number, escorted: boolean, conditions: string | null): Write => ({ at, by, what: { kind: 'leave', hours, escorted, conditions } });

// An application by an AMHP on two medical recommendations that meets s11 and s12: both doctors examined
// the patient the day before admission, one approved under s12, and the AMHP saw the patient that morning.
function amhpApplication(admitted: Temporal.ZonedDateTime): Record<string, unknown> {
  const instant = (zoned: Temporal.ZonedDateTime) => zoned.toString({ timeZoneName: 'never' });
  const dayBefore = admitted.subtract({ days: 1 }).with({ hour: 15, minute: 0 });
  return {
    application: {
      madeAt: instant(admitted.subtract({ hours: 2 })),
      applicant: 'amhp',
      applicantLastSawPatientAt: instant(admitted.subtract({ hours: 3 })),
      recommendations: [
        { examinedAt: instant(dayBefore), signedAt: instant(dayBefore.add({ minutes: 30 })), s12Approved: true, previousAcquaintance: false },
        { examinedAt: instant(dayBefore.add({ hours: 2 })), signedAt: instant(dayBefore.add({ hours: 2, minutes: 20 })), s12Approved: false, previousAcquaintance: true },
      ],
    },
  };
}
const withApplication = { fields: amhpApplication };

const rc = 'imogen.hale';
const doctor = 'kwame.asante';
const secondOpinion = 'yusuf.malik';
const nurse = 'tom.garland';
const office = mentalHealthActOffice;
const crisis = 'lucy.penrose';
const amhp = 'daniel.hollis';
const socialWorker = 'marcus.bell';
const casework = 'grace.adeyemi';

const antipsychotic = 'Antipsychotic medication (BNF 4.2.1 and 4.2.2) within BNF limits';
const moodStabiliser = 'Mood stabiliser (BNF 4.2.3) and antipsychotic medication (BNF 4.2.1) within BNF limits';

function person(givenNames: string, familyName: string, dateOfBirth: string, address: string, extra: Partial<PersonDetails> = {}) {
  return { givenNames, familyName, dateOfBirth, address, ...extra };
}

export const hospitalPatients: HospitalPatient[] = [
  // --- Detained for assessment (s2) ---
  {
    scenario: 's2 admitted three days ago: information about rights not yet given',
    details: person('Jodie', 'Henchard', '1998-03-22', '7 Mixen Lane, Casterbridge WX1 4DR'),
    writes: [
      event(daysAgo(3, '16:40'), office, 's2-admitted', { ...withApplication, ward: 'egdon' }),
      relative(daysAgo(3, '17:00'), amhp, { name: 'Susan Henchard', relationship: 'mother', dateOfBirth: '1971-08-02', contact: '07700 900311' }),
    ],
  },
  {
    scenario: 's2 on day 27: the 28 days end in two days',
    details: person('Callum', 'Farfrae', '1989-11-05', '22 Corn Street, Casterbridge WX1 3PE'),
    writes: [
      event(daysAgo(26, '11:15'), office, 's2-admitted', { ...withApplication, ward: 'froom' }),
      rights(daysAgo(26, '15:00'), nurse),
      relative(daysAgo(26, '12:00'), amhp, { name: 'Elspeth Farfrae', relationship: 'wife', dateOfBirth: '1990-01-17', livesWithOrCaresForPatient: true }),
      event(daysAgo(24, '10:30'), office, 'tribunal-application', { fields: () => ({ applicant: 'patient' }) }),
      event(daysAgo(25, '09:00'), nurse, 'medication-first-administered'),
    ],
  },
  {
    scenario: 's2 admitted ten days ago, has applied to the tribunal',
    details: person('Priya', 'Everdene', '1994-06-30', 'Flat 3, Weatherbury Court, Budmouth WX4 2HG'),
    writes: [
      event(daysAgo(10, '20:05'), office, 's2-admitted', { ...withApplication, ward: 'egdon' }),
      rights(daysAgo(9, '10:00'), nurse),
      relative(daysAgo(9, '11:00'), office, { name: 'Rajesh Everdene', relationship: 'father', dateOfBirth: '1962-04-09', parentalResponsibility: true }),
      relative(daysAgo(9, '11:05'), office, { name: 'Meera Everdene', relationship: 'mother', dateOfBirth: '1965-12-01' }),
      event(daysAgo(8, '14:20'), office, 'tribunal-application', { fields: () => ({ applicant: 'patient' }) }),
    ],
  },
  {
    scenario: 's2 admitted five days ago: rights explained but not yet understood',
    details: person('Tomasz', 'Boldwood', '1979-02-14', '4 Lower Longways, Weatherbury WX6 1AA', { preferredLanguage: 'Polish', interpreterNeeded: true }),
    writes: [
      event(daysAgo(5, '13:30'), office, 's2-admitted', { ...withApplication, ward: 'froom' }),
      rights(daysAgo(5, '18:00'), nurse, false, 'Explained through a Polish interpreter by telephone; he was too distressed to take it in. To be repeated.'),
    ],
  },
  {
    scenario: 's4 emergency admission yesterday, converted to s2 by the second recommendation',
    details: person('Ellie', 'Troy', '2001-09-09', '18 High East Street, Casterbridge WX1 1JT'),
    writes: [
      event(hoursAgo(30), office, 's4-admitted', { ward: 'froom' }),
      event(hoursAgo(12), office, 's4-second-recommendation-received'),
      rights(hoursAgo(11), nurse),
    ],
  },
  {
    scenario: 's2 that lapsed two days ago without anyone noticing: the patient is still on the ward',
    details: person('Nathan', 'Wildeve', '1985-12-19', 'The Quiet Woman, Egdon WX3 9QW'),
    writes: [
      event(daysAgo(30, '22:10'), office, 's2-admitted', { ...withApplication, ward: 'froom' }),
      rights(daysAgo(29, '10:00'), nurse),
      event(daysAgo(29, '08:00'), nurse, 'medication-first-administered'),
    ],
  },
  {
    scenario: 's2 discharged by the responsible clinician; stays on as an informal patient',
    details: person('Grace', 'Melbury', '1992-07-04', 'Hintock House Cottages, Little Hintock WX7 3LH'),
    writes: [
      event(daysAgo(20, '12:00'), office, 's2-admitted', { ...withApplication, ward: 'egdon' }),
      rights(daysAgo(20, '16:00'), nurse),
      event(daysAgo(4, '11:00'), rc, 'discharged', { fields: () => ({ kind: 'absolute', by: 'rc' }) }),
      event(daysAgo(4, '11:30'), nurse, 'informal-admission', { ward: 'egdon', note: 'Agreed to stay on the ward informally while her discharge is planned.' }),
    ],
  },
  {
    scenario: 'held at the place of safety under s136, then admitted under s2',
    details: person('Kieran', 'Venn', '1996-05-27', 'No fixed abode (last address: Hamden Night Shelter, Hamden WX5 2HN)'),
    writes: [
      event(daysAgo(4, '01:30'), crisis, 'place-of-safety-arrival', { fields: () => ({ power: 's136' }), ward: 'placeOfSafety' }),
      event(daysAgo(4, '13:10'), crisis, 'place-of-safety-ended'),
      event(daysAgo(4, '13:15'), office, 's2-admitted', { ...withApplication, ward: 'egdon' }),
      rights(daysAgo(4, '17:30'), nurse),
    ],
  },

  // --- Detained for treatment (s3) ---
  {
    scenario: 's2 then s3: detained for treatment since three weeks ago',
    details: person('Lucy', 'Yeobright', '1987-10-12', 'Blooms-End Cottage, Egdon WX3 2BE'),
    writes: [
      event(daysAgo(45, '15:00'), office, 's2-admitted', { ...withApplication, ward: 'egdon' }),
      rights(daysAgo(45, '18:00'), nurse),
      event(daysAgo(44, '09:00'), nurse, 'medication-first-administered'),
      relative(daysAgo(44, '10:00'), amhp, { name: 'Clement Yeobright', relationship: 'brother', dateOfBirth: '1984-03-03' }),
      event(daysAgo(21, '16:00'), office, 's3-admitted', withApplication),
      rights(daysAgo(20, '11:00'), nurse),
    ],
  },
  {
    scenario: 's3 in its renewal window: the first six months end in under three weeks, no renewal yet',
    details: person('Marcus', 'Durbeyfield', '1983-04-01', '2 Rolliver’s Row, Marlott WX8 5TD'),
    writes: [
      event(ago(5, 12, '14:00'), office, 's3-admitted', { ...withApplication, ward: 'froom' }),
      rights(ago(5, 11, '10:00'), nurse),
      event(ago(5, 11, '09:00'), nurse, 'medication-first-administered'),
      certificate(ago(2, 20, '15:00'), rc, 'T2', antipsychotic),
      relative(ago(5, 10, '12:00'), office, { name: 'Joan Durbeyfield', relationship: 'mother', dateOfBirth: '1960-06-21' }),
      relative(ago(5, 10, '12:05'), office, { name: 'Eliza Durbeyfield', relationship: 'sister', dateOfBirth: '1986-02-11' }),
    ],
  },
  {
    scenario: 's3 whose renewal report was furnished in the window',
    details: person('Angela', 'Clare', '1976-08-15', '9 Emminster Road, Marlott WX8 2CL'),
    writes: [
      event(ago(5, 20, '11:00'), office, 's3-admitted', { ...withApplication, ward: 'egdon' }),
      rights(ago(5, 19, '10:00'), nurse),
      event(ago(5, 19, '18:00'), nurse, 'medication-first-administered'),
      certificate(ago(2, 25, '14:00'), secondOpinion, 'T3', moodStabiliser),
      event(daysAgo(12, '16:30'), rc, 'renewal-furnished', { note: 'H5 furnished to the hospital managers; managers’ hearing to follow.' }),
      rights(daysAgo(11, '10:00'), nurse, true, 'Told of the renewal and her right to apply to the tribunal in the new period.'),
    ],
  },
  {
    scenario: 's3: first dose of medication eleven weeks ago and no certificate yet',
    details: person('Samir', 'Fawley', '1990-01-29', '31 Beersheba Street, Christminster WX9 4JF'),
    writes: [
      event(ago(0, 80, '10:00'), office, 's3-admitted', { ...withApplication, ward: 'froom' }),
      rights(ago(0, 79, '12:00'), nurse),
      event(ago(0, 77, '09:00'), nurse, 'medication-first-administered'),
      relative(ago(0, 79, '15:00'), amhp, { name: 'Sue Bridehead', relationship: 'cohabitant', dateOfBirth: '1991-05-05', livesWithOrCaresForPatient: true, livingWithPatientSince: '2019-06-01' }),
    ],
  },
  {
    scenario: 's3 with a T2 certificate: consents to medication past the three months',
    details: person('Bathsheba', 'Oak', '1968-12-03', 'Norcombe Farm Cottage, Norcombe WX6 8NF'),
    writes: [
      event(ago(4, 3, '13:00'), office, 's3-admitted', { ...withApplication, ward: 'egdon' }),
      rights(ago(4, 2, '10:00'), nurse),
      event(ago(4, 2, '09:00'), nurse, 'medication-first-administered'),
      certificate(ago(1, 10, '11:00'), rc, 'T2', antipsychotic),
      relative(ago(4, 1, '14:00'), office, { name: 'Gabriel Oak', relationship: 'husband', dateOfBirth: '1966-02-20', livesWithOrCaresForPatient: true }),
    ],
  },
  {
    scenario: 's3 in the second period, renewed five months ago',
    details: person('Daniel', 'Winterborne', '1981-03-17', 'Little Hintock Lane, Little Hintock WX7 1GW'),
    writes: [
      event(ago(10, 5, '10:30'), office, 's3-admitted', { ...withApplication, ward: 'yalbury' }),
      rights(ago(10, 4, '10:00'), nurse),
      event(ago(10, 4, '09:00'), nurse, 'medication-first-administered'),
      certificate(ago(7, 8, '12:00'), secondOpinion, 'T3', antipsychotic),
      event(ago(5, 0, '15:00'), rc, 'renewal-furnished'),
      rights(ago(5, -2, '11:00'), nurse),
      event(ago(4, 20, '10:00'), office, 'tribunal-application', { fields: () => ({ applicant: 'patient' }) }),
      event(ago(3, 10, '10:00'), office, 'tribunal-hearing', { note: 'Tribunal did not discharge.' }),
    ],
  },
  {
    scenario: 's3 in the third period (twelve months), renewed twice',
    details: person('Felicity', 'Swancourt', '1974-09-24', 'Endelstow Vicarage Flat, Endelstow WX5 6ES'),
    writes: [
      event(ago(20, 0, '12:00'), office, 's3-admitted', { ...withApplication, ward: 'yalbury' }),
      rights(ago(20, -1, '10:00'), nurse),
      event(ago(20, -2, '09:00'), nurse, 'medication-first-administered'),
      certificate(ago(17, 5, '10:00'), rc, 'T2', moodStabiliser),
      event(ago(19, 0, '10:00'), office, 'tribunal-application', { fields: () => ({ applicant: 'patient' }) }),
      event(ago(18, 10, '14:00'), office, 'tribunal-hearing', { note: 'Tribunal did not discharge.' }),
      event(ago(15, 0, '14:00'), rc, 'renewal-furnished'),
      event(ago(9, 0, '14:00'), rc, 'renewal-furnished'),
      rights(ago(9, -2, '10:00'), nurse),
      relative(ago(20, -3, '12:00'), office, { name: 'Christopher Swancourt', relationship: 'son', dateOfBirth: '1996-10-10' }),
      relative(ago(20, -3, '12:05'), office, { name: 'Stephen Swancourt', relationship: 'husband', dateOfBirth: '1972-01-08', permanentlySeparated: true }),
    ],
  },
  {
    scenario: 's3, the managers’ six-month reference to the tribunal falls due in a few days',
    details: person('Owen', 'Graye', '1995-02-02', '5 Knapwater Terrace, Budmouth WX4 7OG'),
    writes: [
      event(ago(5, 26, '10:00'), office, 's3-admitted', { ...withApplication, ward: 'froom' }),
      rights(ago(5, 25, '11:00'), nurse),
      event(ago(5, 25, '09:00'), nurse, 'medication-first-administered'),
      certificate(ago(2, 28, '10:00'), secondOpinion, 'T3', antipsychotic),
    ],
  },
  {
    scenario: 's3 patient absent without leave since two days ago',
    details: person('Jake', 'Tranter', '1993-07-07', 'Room 4, Peter’s Finger Lodgings, Casterbridge WX1 4PF'),
    writes: [
      event(ago(3, 0, '15:00'), office, 's3-admitted', { ...withApplication, ward: 'froom' }),
      rights(ago(3, -1, '10:00'), nurse),
      event(ago(3, -1, '09:00'), nurse, 'medication-first-administered'),
      event(daysAgo(2, '19:40'), nurse, 'awol-began', { note: 'Did not return from an hour’s unescorted ground leave. Police informed.' }),
    ],
  },
  {
    scenario: 's3 patient on overnight leave under s17',
    details: person('Anne', 'Garland', '1988-05-13', 'Overcombe Mill House, Overcombe WX4 3AG'),
    writes: [
      event(ago(2, 3, '11:00'), office, 's3-admitted', { ...withApplication, ward: 'egdon' }),
      rights(ago(2, 2, '10:00'), nurse),
      event(ago(2, 2, '09:00'), nurse, 'medication-first-administered'),
      leave(daysAgo(1, '10:00'), rc, 30, false, 'To stay overnight with her mother at Overcombe.'),
    ],
  },
  {
    scenario: 's3 discharged by the tribunal: s117 after-care follows',
    details: person('Paula', 'Power', '1984-10-30', '12 Stancy Castle Mews, Markton WX2 8PP'),
    writes: [
      event(ago(4, 15, '10:00'), office, 's3-admitted', { ...withApplication, ward: 'egdon' }),
      rights(ago(4, 14, '10:00'), nurse),
      event(ago(4, 12, '10:00'), office, 'tribunal-application', { fields: () => ({ applicant: 'patient' }) }),
      event(daysAgo(6, '15:30'), office, 'tribunal-hearing'),
      event(daysAgo(6, '15:35'), office, 'discharged', { fields: () => ({ kind: 'absolute', by: 'tribunal' }), ward: 'community' }),
    ],
  },

  // --- Community treatment orders ---
  {
    scenario: 'CTO patient recalled 50 hours ago: the 72 hours end tomorrow',
    details: person('Reuben', 'Dewy', '1980-04-18', '3 Mellstock Lane, Mellstock WX3 5RD'),
    writes: [
      event(ago(9, 0, '11:00'), office, 's3-admitted', { ...withApplication, ward: 'egdon' }),
      event(ago(9, -1, '09:00'), nurse, 'medication-first-administered'),
      rights(ago(9, -1, '11:00'), nurse),
      event(ago(8, 10, '10:00'), office, 'tribunal-application', { fields: () => ({ applicant: 'patient' }) }),
      event(ago(7, 20, '14:00'), office, 'tribunal-hearing', { note: 'Tribunal did not discharge.' }),
      certificate(ago(6, 10, '11:00'), secondOpinion, 'T3', antipsychotic),
      event(ago(4, 0, '10:00'), rc, 'cto-made', { ward: 'community' }),
      ctoConditions(ago(4, 0, '10:00'), rc, 'Live at 3 Mellstock Lane; see the community team weekly; make himself available for examination on extension.'),
      rightsOnCto(ago(4, 0, '12:00'), 'kwame.asante'),
      event(hoursAgo(50), office, 'cto-recalled', { ward: 'egdon', note: 'Recall notice (CTO3) served by the responsible clinician; arrived on Egdon Ward.' }),
      rights(hoursAgo(48), nurse),
    ],
  },
  {
    scenario: 'CTO extended for a further six months',
    details: person('Fancy', 'Day', '1991-12-25', 'Keeper’s Cottage, Yalbury Wood WX3 7FD'),
    writes: [
      event(ago(14, 0, '10:00'), office, 's3-admitted', { ...withApplication, ward: 'egdon' }),
      event(ago(14, -1, '09:00'), nurse, 'medication-first-administered'),
      event(ago(13, 0, '10:00'), office, 'tribunal-application', { fields: () => ({ applicant: 'patient' }) }),
      event(ago(12, 10, '14:00'), office, 'tribunal-hearing', { note: 'Tribunal did not discharge.' }),
      event(ago(10, 0, '12:00'), rc, 'cto-made', { ward: 'community' }),
      ctoConditions(ago(10, 0, '12:00'), rc, 'Live where the community team approves; attend the depot clinic fortnightly.'),
      rightsOnCto(ago(10, 0, '14:00'), doctor),
      event(ago(5, 0, '11:00'), rc, 'renewal-furnished', { note: 'CTO7 furnished to the managers: order extended.' }),
      rightsOnCto(ago(5, -2, '11:00'), doctor),
      relative(ago(14, -2, '12:00'), office, { name: 'Geoffrey Day', relationship: 'father', dateOfBirth: '1958-09-01', parentalResponsibility: true }),
    ],
  },
  {
    scenario: 'CTO made two months ago, conditions set',
    details: person('Dick', 'Dewy', '1986-06-06', 'Flat 1, Tranter’s Yard, Mellstock WX3 5DD'),
    writes: [
      event(ago(5, 0, '14:00'), office, 's3-admitted', { ...withApplication, ward: 'froom' }),
      event(ago(5, -1, '09:00'), nurse, 'medication-first-administered'),
      rights(ago(5, -1, '10:00'), nurse),
      event(ago(2, 0, '11:00'), rc, 'cto-made', { ward: 'community' }),
      ctoConditions(ago(2, 0, '11:00'), rc, 'Live at his flat in Tranter’s Yard; see his care coordinator weekly; take medication as prescribed.'),
      rightsOnCto(ago(2, 0, '13:00'), doctor),
    ],
  },
  {
    scenario: 'CTO in its extension window: the first six months end in two weeks',
    details: person('Thomasin', 'Vye', '1978-11-11', 'Mistover Knap, Egdon WX3 1TV'),
    writes: [
      event(ago(9, 0, '12:00'), office, 's3-admitted', { ...withApplication, ward: 'egdon' }),
      event(ago(9, -1, '09:00'), nurse, 'medication-first-administered'),
      event(ago(8, 0, '10:00'), office, 'tribunal-application', { fields: () => ({ applicant: 'patient' }) }),
      event(ago(7, 15, '14:00'), office, 'tribunal-hearing', { note: 'Tribunal did not discharge.' }),
      event(ago(5, 16, '10:00'), rc, 'cto-made', { ward: 'community' }),
      ctoConditions(ago(5, 16, '10:00'), rc, 'Live at Mistover Knap; allow the community team to visit.'),
      rightsOnCto(ago(5, 16, '12:00'), doctor),
    ],
  },
  {
    scenario: 'CTO revoked after recall: detained again under s3, the managers must refer to the tribunal',
    details: person('Edred', 'Fitzpiers', '1972-02-28', '1 Sherton Abbas Row, Sherton WX7 9EF'),
    writes: [
      event(ago(8, 0, '10:00'), office, 's3-admitted', { ...withApplication, ward: 'egdon' }),
      event(ago(8, -1, '09:00'), nurse, 'medication-first-administered'),
      event(ago(7, 0, '10:00'), office, 'tribunal-application', { fields: () => ({ applicant: 'patient' }) }),
      event(ago(6, 10, '14:00'), office, 'tribunal-hearing', { note: 'Tribunal did not discharge.' }),
      certificate(ago(4, 20, '11:00'), secondOpinion, 'T3', antipsychotic),
      event(ago(4, 0, '10:00'), rc, 'cto-made', { ward: 'community' }),
      rightsOnCto(ago(4, 0, '12:00'), doctor),
      event(daysAgo(3, '10:00'), office, 'cto-recalled', { ward: 'froom' }),
      event(daysAgo(2, '15:00'), rc, 'cto-revoked', { note: 'CTO5: order revoked with the agreement of an AMHP.' }),
      rights(daysAgo(2, '17:00'), nurse),
    ],
  },

  // --- Holding powers and the place of safety ---
  {
    scenario: 's136: arrived at the place of safety 20 hours ago; the 24 hours end this afternoon or evening',
    details: person('Liddy', 'Smallbury', '2000-01-20', '6 Durnover Hill, Casterbridge WX1 7LS'),
    writes: [
      event(hoursAgo(20), crisis, 'place-of-safety-arrival', { fields: () => ({ power: 's136' }), ward: 'placeOfSafety', note: 'Brought by PC Rachel Tull from Grey’s Bridge.' }),
      rights(hoursAgo(19), crisis),
    ],
  },
  {
    scenario: 's136 with the 24 hours extended by 12 under s136B',
    details: person('Joseph', 'Poorgrass', '1982-08-08', 'Weatherbury Malthouse, Weatherbury WX6 2JP'),
    writes: [
      event(hoursAgo(23), crisis, 'place-of-safety-arrival', { fields: () => ({ power: 's136' }), ward: 'placeOfSafety' }),
      rights(hoursAgo(21), crisis, false, 'Too intoxicated to take in his rights; to be repeated.'),
      rights(hoursAgo(6), crisis),
      event(hoursAgo(2), doctor, 'place-of-safety-extended', { fields: () => ({ hours: 12 }), note: 'Extended: too intoxicated to be assessed until this evening.', delayMinutes: 10 }),
    ],
  },
  {
    scenario: 's5(2): the doctor’s holding power was reported 60 hours ago',
    details: person('Cainy', 'Ball', '1997-04-04', '14 Budmouth Road, Weatherbury WX6 3CB'),
    writes: [
      event(daysAgo(12, '14:00'), nurse, 'informal-admission', { ward: 'froom' }),
      event(hoursAgo(60), doctor, 's5-2-report-furnished', { note: 'H1 furnished after he tried to leave the ward at night; AMHP assessment requested.' }),
      rights(hoursAgo(58), nurse),
    ],
  },
  {
    scenario: 's5(4): the nurse’s holding power was recorded three hours ago',
    details: person('Matthew', 'Moon', '1999-10-10', '3 Long Ash Lane, Weatherbury WX6 4MM'),
    writes: [
      event(daysAgo(16, '11:00'), nurse, 'informal-admission', { ward: 'egdon' }),
      event(hoursAgo(3), nurse, 's5-4-recorded', { note: 'H2: tried to leave; a doctor has been called.', delayMinutes: 10 }),
      rights(hoursAgo(2), nurse),
    ],
  },

  // --- Informal patients ---
  {
    scenario: 'informal patient',
    details: person('Laban', 'Tall', '1964-03-09', '8 Warren’s Malthouse Lane, Weatherbury WX6 5LT'),
    writes: [event(daysAgo(12, '16:00'), nurse, 'informal-admission', { ward: 'egdon' })],
  },
  {
    scenario: 'informal patient on the acute ward',
    details: person('Charlotte', 'Troutham', '2002-02-18', 'Flat 9, Marygreen Court, Marygreen WX9 1CT'),
    writes: [event(daysAgo(30, '10:00'), nurse, 'informal-admission', { ward: 'froom' })],
  },

  // --- Patients concerned in criminal proceedings (Part 3) ---
  {
    scenario: 's37 hospital order: admitted five weeks ago',
    details: person('Abel', 'Whittle', '1990-09-15', 'c/o Yalbury Ward, Casterbridge WX1 9YW'),
    writes: [
      event(daysAgo(40, '12:00'), office, 'court-order', { fields: () => ({ order: 's37', restricted: false }), note: 'Hospital order made at Casterbridge Crown Court.' }),
      event(daysAgo(36, '15:00'), office, 'hospital-admitted', { ward: 'yalbury' }),
      rights(daysAgo(35, '11:00'), nurse),
      event(daysAgo(35, '09:00'), nurse, 'medication-first-administered'),
    ],
  },
  {
    scenario: 's37 hospital order in its renewal window',
    details: person('Christopher', 'Coney', '1987-01-03', 'c/o Yalbury Ward, Casterbridge WX1 9YW'),
    writes: [
      event(ago(5, 20, '11:00'), office, 'court-order', { fields: () => ({ order: 's37', restricted: false }) }),
      event(ago(5, 18, '14:00'), office, 'hospital-admitted', { ward: 'yalbury' }),
      rights(ago(5, 17, '11:00'), nurse),
      event(ago(5, 17, '09:00'), nurse, 'medication-first-administered'),
      certificate(ago(2, 20, '11:00'), rc, 'T2', antipsychotic),
    ],
  },
  {
    scenario: 's37/41 restricted patient: the annual report to the Secretary of State is due in two weeks',
    details: person('Michael', 'Newson', '1975-05-25', 'c/o Yalbury Ward, Casterbridge WX1 9YW'),
    writes: [
      event(ago(11, 20, '11:00'), office, 'court-order', { fields: () => ({ order: 's37', restricted: true }), note: 'Hospital order with restrictions (s41) made at Casterbridge Crown Court.' }),
      event(ago(11, 16, '14:00'), office, 'hospital-admitted', { ward: 'yalbury' }),
      rights(ago(11, 15, '11:00'), nurse),
      event(ago(11, 15, '09:00'), nurse, 'medication-first-administered'),
      certificate(ago(8, 20, '11:00'), secondOpinion, 'T3', antipsychotic),
      relative(ago(11, 10, '12:00'), office, { name: 'Mary Newson', relationship: 'sister', dateOfBirth: '1978-07-14' }),
    ],
  },
  {
    scenario: 's37/41 restricted patient detained for over three years',
    details: person('Jack', 'Durbeyfield', '1969-07-21', 'c/o Yalbury Ward, Casterbridge WX1 9YW'),
    writes: [
      event(ago(40, 0, '11:00'), office, 'court-order', { fields: () => ({ order: 's37', restricted: true }) }),
      event(ago(40, -3, '14:00'), office, 'hospital-admitted', { ward: 'yalbury' }),
      rights(ago(40, -4, '11:00'), nurse),
      event(ago(14, 0, '10:00'), office, 'tribunal-application', { fields: () => ({ applicant: 'patient' }) }),
      event(ago(11, 0, '14:00'), office, 'tribunal-hearing', { note: 'Tribunal did not discharge.' }),
    ],
  },
  {
    scenario: 's47/49 transfer from prison, restricted',
    details: person('Nicholas', 'Long', '1983-12-12', 'c/o Yalbury Ward, Casterbridge WX1 9YW'),
    writes: [
      event(ago(4, 5, '10:00'), office, 'transfer-direction', { fields: () => ({ direction: 's47', restricted: true }), note: 'Transfer direction from HMP Casterbridge with restriction direction (s49).' }),
      event(ago(4, 2, '16:00'), office, 'hospital-admitted', { ward: 'yalbury' }),
      rights(ago(4, 1, '10:00'), nurse),
    ],
  },
  {
    scenario: 's38 interim hospital order',
    details: person('Henery', 'Fray', '1994-11-30', 'c/o Yalbury Ward, Casterbridge WX1 9YW'),
    writes: [
      event(daysAgo(24, '12:00'), office, 'court-order', { fields: () => ({ order: 's38', restricted: false }), note: 'Interim hospital order made at Casterbridge Crown Court.' }),
      event(daysAgo(23, '15:00'), office, 'hospital-admitted', { ward: 'yalbury' }),
      rights(daysAgo(22, '11:00'), nurse),
    ],
  },
  {
    scenario: 'conditionally discharged restricted patient: the first supervisor’s report is due within a week',
    details: person('Solomon', 'Longways', '1977-06-16', '21 Durnover Lane, Casterbridge WX1 6SL'),
    writes: [
      event(ago(38, 0, '11:00'), office, 'court-order', { fields: () => ({ order: 's37', restricted: true }) }),
      event(ago(38, -2, '14:00'), office, 'hospital-admitted', { ward: 'yalbury' }),
      rights(ago(38, -3, '11:00'), nurse),
      event(ago(1, 10, '10:00'), office, 'tribunal-application', { fields: () => ({ applicant: 'patient' }) }),
      event(daysAgo(23, '15:00'), office, 'tribunal-hearing'),
      event(daysAgo(23, '15:10'), office, 'discharged', { fields: () => ({ kind: 'conditional', by: 'tribunal' }), ward: 'community', note: 'Conditions: live at Durnover Lane; accept supervision by Dr Asante and Marcus Bell.' }),
    ],
  },
  {
    scenario: 'conditionally discharged by the Secretary of State over a year ago, under supervision',
    details: person('Andrew', 'Randle', '1971-10-01', '4 Froom Terrace, Casterbridge WX1 5AR'),
    writes: [
      event(ago(44, 0, '11:00'), office, 'court-order', { fields: () => ({ order: 's37', restricted: true }) }),
      event(ago(44, -2, '14:00'), office, 'hospital-admitted', { ward: 'yalbury' }),
      event(ago(14, 0, '12:00'), casework, 'discharged', { fields: () => ({ kind: 'conditional', by: 'sos' }), ward: 'community', note: 'Warrant of conditional discharge issued by the Secretary of State.' }),
    ],
  },

  // --- Guardianship under the local authority ---
  {
    scenario: 'guardianship under Wessex County Council, accepted four months ago',
    details: person('Joan', 'Tall', '1958-02-02', 'Rosebank Care Home, Weatherbury WX6 9JT'),
    writes: [
      event(ago(4, 0, '14:00'), socialWorker, 'guardianship-accepted', { ward: 'guardianship', note: 'Application by Daniel Hollis (AMHP) accepted by the local authority as guardian.' }),
      relative(ago(4, 0, '15:00'), amhp, { name: 'Laban Tall', relationship: 'husband', dateOfBirth: '1964-03-09' }),
    ],
  },
  {
    scenario: 'guardianship in its renewal window',
    details: person('Martha', 'Crickett', '1949-09-19', 'Hintock Lodge, Great Hintock WX7 5MC'),
    writes: [
      event(ago(5, 10, '11:00'), socialWorker, 'guardianship-accepted', { ward: 'guardianship' }),
      relative(ago(5, 10, '12:00'), amhp, { name: 'Robert Crickett', relationship: 'son', dateOfBirth: '1975-04-04' }),
      relative(ago(5, 10, '12:05'), amhp, { name: 'Ann Crickett', relationship: 'daughter', dateOfBirth: '1978-08-08' }),
    ],
  },
];

// --- Playing the histories ---

export interface HospitalPatientsPlayer {
  patients: number;
  // Writes everything recorded before the instant, in time order.
  playUntil(instant: Temporal.Instant): Promise<void>;
  // Writes the rest and brings every patient's derived status and deadlines to the moment of seeding.
  finish(): Promise<void>;
}

interface Step {
  at: Temporal.Instant;
  run(): Promise<void>;
}

function resolve(now: Temporal.Instant, at: Ago): Temporal.Instant {
  if ('hours' in at) return now.subtract({ hours: at.hours });
  // Months first, then days (negative days count forward), so that "a day after the admission nine
  // months ago" stays a day after it whatever the lengths of the months between.
  const day = now.toZonedDateTimeISO(timeZone).toPlainDate().subtract({ months: at.months ?? 0 }).subtract({ days: at.days ?? 0 });
  return day.toZonedDateTime({ timeZone, plainTime: Temporal.PlainTime.from(at.time) }).toInstant();
}

const londonString = (instant: Temporal.Instant) => instant.toZonedDateTimeISO(timeZone).toString({ timeZoneName: 'never' });

function auditWhat(content: LegalEntryContent): string {
  const label = entryKindLabels[content.kind];
  return content.kind === 'legal-event-recorded' ? `Recorded: ${label} (${content.data.event.type})` : `Recorded: ${label}`;
}

// Plans every patient's writes against the moment of seeding. `paperRecordFrom` is when the Mental
// Health Act office begins bringing the older paper records onto Accord, on the day the area was set up:
// anything that happened before then is written by them from then on.
export async function planHospitalPatients(
  db: AccordDatabase,
  now: Temporal.Instant,
  paperRecordFrom: Temporal.Instant,
  actors: ReadonlyMap<string, Actor>,
): Promise<HospitalPatientsPlayer> {
  const teams = await db
    .selectFrom('teams')
    .innerJoin('agencies', 'agencies.id', 'teams.agency_id')
    .select(['teams.id as teamId', 'teams.name as teamName', 'agencies.id as agencyId', 'agencies.name as agencyName'])
    .execute();
  const placementOf = (ward: Ward): Placement => {
    const { agency, team } = wards[ward];
    const found = teams.find((row) => row.agencyName === agency && row.teamName === team);
    if (!found) throw new Error(`The demo area has no team ${team} in ${agency}`);
    return found;
  };
  const actorNamed = (username: string): Actor => {
    const actor = actors.get(username);
    if (!actor) throw new Error(`Demo hospital history by unknown staff ${username}`);
    return actor;
  };

  const steps: Step[] = [];
  const personIds: string[] = [];
  let paperRecordCursor = paperRecordFrom;

  hospitalPatients.forEach((patient, index) => {
    const nhsNumber = testNhsNumber(hospitalNhsSerials[index]!);
    const details: PersonDetails = {
      preferredName: null,
      otherNames: null,
      nhsNumber,
      pncId: null,
      probationReference: null,
      preferredLanguage: 'English',
      interpreterNeeded: false,
      communicationNeeds: null,
      ...patient.details,
    };
    const progress = { personId: '', version: 0 };
    let previous: Temporal.Instant | null = null;

    // When each write is made: shortly after it happened, after the patient's write before it, and for
    // what happened before the area was set up, in the office's session with the paper records.
    const writeTime = (happened: Temporal.Instant, delayMinutes: number): { at: Temporal.Instant; fromPaper: boolean } => {
      let at = happened.add({ minutes: delayMinutes });
      if (previous !== null && Temporal.Instant.compare(at, previous) <= 0) at = previous.add({ minutes: 1 });
      let fromPaper = false;
      if (Temporal.Instant.compare(at, paperRecordFrom) < 0) {
        fromPaper = true;
        if (previous !== null && Temporal.Instant.compare(paperRecordCursor, previous) <= 0) paperRecordCursor = previous.add({ minutes: 1 });
        at = paperRecordCursor;
        paperRecordCursor = paperRecordCursor.add({ minutes: 1 });
      }
      if (Temporal.Instant.compare(at, now) >= 0) throw new Error(`Demo hospital history for ${details.familyName} would be written after the moment of seeding`);
      previous = at;
      return { at, fromPaper };
    };

    // Written in the order things happened, whatever order the history above lists them in.
    const writes = patient.writes
      .map((write) => ({ write, happened: resolve(now, write.at) }))
      .sort((a, b) => Temporal.Instant.compare(a.happened, b.happened));
    const first = writes[0]!;
    const registration = writeTime(first.happened, (first.write.delayMinutes ?? 20) - 1);
    const registrar = registration.fromPaper ? mentalHealthActOffice : first.write.by;
    steps.push({
      at: registration.at,
      run: async () => {
        const context: AppContext = { db, now: () => registration.at, actor: actorNamed(registrar), purpose: 'Adding a patient to the hospital’s Mental Health Act record' };
        const outcome = await registerPerson(context, details, { confirmedNewPerson: true, isDemo: true });
        if (outcome.kind !== 'registered') throw new Error('Demo patient was not registered');
        progress.personId = outcome.personId;
        progress.version = 1;
        personIds.push(outcome.personId);
        // Everyone who writes to the patient's record works for an agency involved in their care.
        const writers = new Set(writes.map(({ write }) => actorNamed(write.by).agencyId).filter((agencyId): agencyId is string => agencyId !== null));
        await inTransaction(db, async (trx) => {
          for (const agencyId of writers) await ensureAgencyInvolvement(trx, context, outcome.personId, agencyId, 'Part of their care under the Mental Health Act');
        });
      },
    });

    for (const { write, happened } of writes) {
      const { at, fromPaper } = writeTime(happened, write.delayMinutes ?? 20);
      const by = fromPaper ? mentalHealthActOffice : write.by;
      const content = entryContent(write.what, happened, fromPaper, placementOf);
      steps.push({
        at,
        run: async () => {
          const context: AppContext = { db, now: () => at, actor: actorNamed(by), purpose: 'Keeping a patient’s Mental Health Act record' };
          if (content.kind === 'legal-event-recorded') await recordLegalEvent(context, progress.personId, progress.version, content.data, auditWhat(content));
          else await appendLegalEntry(context, progress.personId, progress.version, content, auditWhat(content));
          progress.version += 1;
        },
      });
    }
  });

  // Stable: writes made at the same instant keep the order they were planned in.
  steps.sort((a, b) => Temporal.Instant.compare(a.at, b.at));
  let next = 0;
  const playUntil = async (instant: Temporal.Instant) => {
    while (next < steps.length && Temporal.Instant.compare(steps[next]!.at, instant) < 0) {
      await steps[next]!.run();
      next += 1;
    }
  };
  return {
    patients: hospitalPatients.length,
    playUntil,
    finish: async () => {
      await playUntil(now.add({ nanoseconds: 1 }));
      // Deadlines have passed since some histories were last written (the s2 that lapsed unnoticed):
      // those patients' derived status and deadlines are brought to the moment of seeding, as the
      // deadlines page would on first reading.
      const context: AppContext = { db, now: () => now, actor: actorNamed(mentalHealthActOffice), purpose: 'Bringing the demo hospital’s deadlines up to date' };
      await inTransaction(db, async (trx) => {
        const stale = await trx.selectFrom('legal_status').select('person_id').where('person_id', 'in', personIds).where('refresh_after', '<=', now.toString()).execute();
        for (const { person_id } of stale) await refreshLegalProjection(trx, context, person_id);
      });
    },
  };
}

function entryContent(what: What, happened: Temporal.Instant, fromPaper: boolean, placementOf: (ward: Ward) => Placement): LegalEntryContent {
  const at = londonString(happened);
  switch (what.kind) {
    case 'event': {
      const fields = what.fields?.(happened.toZonedDateTimeISO(timeZone)) ?? {};
      const note = [what.note, fromPaper ? paperRecordNote : null].filter(Boolean).join(' ') || null;
      return {
        kind: 'legal-event-recorded',
        data: { event: { type: what.type, at, ...fields }, placement: what.ward ? placementOf(what.ward) : null, documentId: null, note },
      };
    }
    case 'rights':
      return { kind: 'rights-information-given', data: { provision: what.provision, at, understood: what.understood, note: what.note ?? null } };
    case 'certificate':
      return { kind: 'certificate-recorded', data: { form: what.form, at, treatment: what.treatment } };
    case 'relative':
      return {
        kind: 'relative-recorded',
        data: {
          relativeId: randomUUID(),
          dateOfBirth: null,
          halfBlood: false,
          residesInUK: true,
          permanentlySeparated: false,
          deserted: false,
          parentalResponsibility: false,
          livesWithOrCaresForPatient: false,
          livingWithPatientSince: null,
          contact: null,
          ...what.relative,
        },
      };
    case 'cto-conditions':
      return { kind: 'cto-conditions-recorded', data: { at, conditions: what.conditions, variation: false } };
    case 'leave':
      return { kind: 'leave-granted', data: { from: at, to: londonString(happened.add({ hours: what.hours })), escorted: what.escorted, conditions: what.conditions } };
  }
}

// Serials in the NHS testing range that give valid numbers, clear of those the case studies use.
const hospitalNhsSerials: number[] = (() => {
  const serials: number[] = [];
  for (let serial = 800_000; serials.length < hospitalPatients.length; serial += 1) {
    if (testNhsNumber(serial) !== null) serials.push(serial);
  }
  return serials;
})();
