import { applicationForm, recommendationForm } from './application-builders.ts';
import { choice, date, dateTime, form, furnishedMethod, hospital, longText, notBefore, optional, part, patientName, signatory, text } from './form-builders.ts';
import type { FormDefinition } from './form-types.ts';

// Forms A1–A11 (applications and medical recommendations for admission, reg 4(1)(a)–(f)), H1–H6 (records
// and reports the hospital managers receive) and M1–M2.

const managersOfficer = (signedField: string, nameField: string, id = 'managers-officer') => signatory(id, 'Officer authorised by the hospital managers', signedField, null, { nameField });
const responsibleClinician = (signedField: string, nameField: string, id = 'responsible-clinician') => signatory(id, 'Responsible clinician', signedField, 'responsible-clinician', { nameField });

export const admissionForms: FormDefinition[] = [
  applicationForm({ code: 'A1', title: 'Application by the nearest relative for admission for assessment', regulation: 'reg 4(1)(a)(i)', section: 's2', applicant: 'nr', summary: "The nearest relative's application to the hospital managers for the patient to be admitted and detained for assessment for up to 28 days." }),
  applicationForm({ code: 'A2', title: 'Application by an approved mental health professional for admission for assessment', regulation: 'reg 4(1)(a)(ii)', section: 's2', applicant: 'amhp', summary: "An approved mental health professional's application to the hospital managers for the patient to be admitted and detained for assessment for up to 28 days." }),
  recommendationForm({ code: 'A3', title: 'Joint medical recommendation for admission for assessment', regulation: 'reg 4(1)(b)(i)', section: 's2', joint: true, summary: 'Two doctors recommend, on one form, that the patient be admitted for assessment. It counts as both of the recommendations an A1 or A2 application needs.' }),
  recommendationForm({ code: 'A4', title: 'Medical recommendation for admission for assessment (one doctor)', regulation: 'reg 4(1)(b)(ii)', section: 's2', joint: false, summary: 'One doctor recommends that the patient be admitted for assessment. An A1 or A2 application needs two of these (or one A3).' }),
  applicationForm({ code: 'A5', title: 'Application by the nearest relative for admission for treatment', regulation: 'reg 4(1)(c)(i)', section: 's3', applicant: 'nr', summary: "The nearest relative's application to the hospital managers for the patient to be admitted and detained for treatment." }),
  applicationForm({ code: 'A6', title: 'Application by an approved mental health professional for admission for treatment', regulation: 'reg 4(1)(c)(ii)', section: 's3', applicant: 'amhp', summary: "An approved mental health professional's application to the hospital managers for the patient to be admitted and detained for treatment." }),
  recommendationForm({ code: 'A7', title: 'Joint medical recommendation for admission for treatment', regulation: 'reg 4(1)(d)(i)', section: 's3', joint: true, summary: 'Two doctors recommend, on one form, that the patient be admitted for treatment. It counts as both of the recommendations an A5 or A6 application needs.' }),
  recommendationForm({ code: 'A8', title: 'Medical recommendation for admission for treatment (one doctor)', regulation: 'reg 4(1)(d)(ii)', section: 's3', joint: false, summary: 'One doctor recommends that the patient be admitted for treatment. An A5 or A6 application needs two of these (or one A7).' }),
  applicationForm({ code: 'A9', title: 'Emergency application by the nearest relative for admission for assessment', regulation: 'reg 4(1)(e)(i)', section: 's4', applicant: 'nr', summary: "The nearest relative's emergency application, founded on one medical recommendation, for the patient to be admitted for assessment. Detention lapses after 72 hours unless a second recommendation is received (s4(4))." }),
  applicationForm({ code: 'A10', title: 'Emergency application by an approved mental health professional for admission for assessment', regulation: 'reg 4(1)(e)(ii)', section: 's4', applicant: 'amhp', summary: "An approved mental health professional's emergency application, founded on one medical recommendation, for the patient to be admitted for assessment. Detention lapses after 72 hours unless a second recommendation is received (s4(4))." }),
  recommendationForm({ code: 'A11', title: 'Medical recommendation for emergency admission for assessment', regulation: 'reg 4(1)(f)', section: 's4', joint: false, summary: 'The one medical recommendation that founds an emergency application (A9 or A10).' }),
];

export const hospitalRecordForms: FormDefinition[] = [
  form({
    code: 'H1',
    title: "Report holding a hospital in-patient for up to 72 hours",
    regulation: 'reg 4(1)(g)',
    provision: 's5(2)',
    receivedBy: 'hospital-managers',
    kind: 'report',
    summary: "The report of the doctor or approved clinician in charge of an in-patient's treatment (or their nominee) that an application for detention ought to be made. Furnishing it to the managers authorises holding the patient for up to 72 hours. The managers record its receipt in Part 2.",
    parts: [
      part(
        'report',
        'Part 1: report',
        [
          hospital(),
          patientName(),
          text('practitionerName', 'Your full name'),
          choice('capacity', 'You are', [
            ['rmp-in-charge', "The registered medical practitioner in charge of the patient's treatment"],
            ['ac-in-charge', "The approved clinician in charge of the patient's treatment"],
            ['nominee', 'Nominated to act for the practitioner or clinician in charge'],
          ], { hint: 'Who may make the report: s5(2), (3), (3A).' }),
          longText('reasons', 'Why an application for detention ought to be made, and why informal treatment is no longer appropriate'),
          furnishedMethod(),
          dateTime('furnishedAt', 'When the report was furnished', { hint: 'By hand: when it was delivered to the authorised officer. By internal mail: when it was put into the system (reg 3(5), (7)). The 72 hours run from this time.' }),
          dateTime('signedAt', 'When you signed the report'),
        ],
        signatory('practitioner', "Doctor or approved clinician in charge of the patient's treatment, or their nominee", 'signedAt', null, {
          nameField: 'practitionerName',
          approvalIf: [{ field: 'capacity', value: 'ac-in-charge', approval: 'approved-clinician', provision: 's145(1)' }],
        }),
      ),
      part('receipt', "Part 2: managers' record of receipt", [text('receivedByName', 'Full name of the officer receiving the report'), dateTime('receivedAt', 'When the report was received')], managersOfficer('receivedAt', 'receivedByName')),
    ],
    feeds: 's5-2-report-furnished',
    engineNote: 'Records the s5-2-report-furnished event at the time the report was furnished (Part 1), from which the 72 hours run.',
    eventAtField: 'furnishedAt',
    rules: [
      notBefore('furnishedAt', 'signedAt', null, 'A report cannot be furnished before it is signed.'),
      notBefore('receivedAt', 'signedAt', null, 'A report cannot be received before it is signed.'),
    ],
  }),
  form({
    code: 'H2',
    title: "Nurse's record holding a hospital in-patient for up to 6 hours",
    regulation: 'reg 4(1)(h)',
    provision: 's5(4)',
    receivedBy: 'hospital-managers',
    kind: 'record',
    summary: 'The record of a nurse of the prescribed class that an in-patient being treated for mental disorder must be stopped from leaving at once, and that no doctor or approved clinician who could make a report under s5(2) is immediately available. The patient may be held for up to 6 hours from the record.',
    parts: [
      part(
        'record',
        'Record',
        [
          hospital(),
          patientName(),
          text('nurseName', 'Your full name'),
          longText('reasons', 'Why the patient must be stopped from leaving at once, and why a doctor or approved clinician cannot be there immediately'),
          dateTime('recordedAt', 'When you made this record', { hint: 'The 6 hours run from this time (s5(4)).' }),
        ],
        signatory('nurse', 'Nurse of the prescribed class', 'recordedAt', null, { nameField: 'nurseName' }),
      ),
    ],
    feeds: 's5-4-recorded',
    engineNote: "Records the s5-4-recorded event at the time of the nurse's record.",
    eventAtField: 'recordedAt',
  }),
  form({
    code: 'H3',
    title: 'Record of detention in hospital (and of a second recommendation after an emergency admission)',
    regulation: 'reg 4(4) and (5)',
    provision: 's2, s3, s4',
    receivedBy: 'hospital-managers',
    kind: 'record',
    summary: "The managers' record, attached to the application, of when the patient was admitted under s2, s3 or s4 (or when the application was received for a patient already in hospital). Part 2 records when a second medical recommendation was received after an emergency (s4) admission.",
    parts: [
      part(
        'admission',
        'Part 1: record of admission',
        [
          hospital(),
          patientName(),
          choice('section', 'The section of the application', [
            ['s2', 'Section 2 (assessment)'],
            ['s3', 'Section 3 (treatment)'],
            ['s4', 'Section 4 (emergency assessment)'],
          ]),
          choice('admissionKind', 'How detention began', [
            ['admitted', 'The patient was admitted to the hospital under the application'],
            ['already-in-patient', 'The patient was already an in-patient when the application was received'],
          ]),
          dateTime('admittedAt', 'When the patient was admitted, or when the application was received if they were already an in-patient', { hint: 'For a patient already in hospital, detention begins when the managers receive the application (s5(1)).' }),
          text('recordedByName', 'Full name of the officer making this record'),
          dateTime('recordedAt', 'When you made this record'),
        ],
        managersOfficer('recordedAt', 'recordedByName'),
      ),
      part(
        'second-recommendation',
        'Part 2: receipt of a second medical recommendation (emergency admissions only)',
        [
          optional(dateTime('secondRecommendationReceivedAt', 'When the second medical recommendation was received', { hint: 'Only after an emergency (s4) admission. Detention continues only if it is received within 72 hours of admission (s4(4)).' })),
          optional(text('secondRecordedByName', 'Full name of the officer making this record')),
          optional(dateTime('secondRecordedAt', 'When you made this record')),
        ],
        managersOfficer('secondRecordedAt', 'secondRecordedByName', 'second-recommendation-officer'),
      ),
    ],
    feeds: 's4-second-recommendation-received',
    engineNote: "Part 2 records the s4-second-recommendation-received event at the time of receipt (only when Part 2 is completed). Part 1's admission time is the time of the admission event built from the application (A1, A2, A5, A6, A9 or A10): pass these values as `admission` to lawEventFromForm.",
    eventAtField: 'secondRecommendationReceivedAt',
    rules: [
      notBefore('recordedAt', 'admittedAt', null, 'The record cannot be made before the admission it records.'),
      { kind: 'within-hours-after', field: 'secondRecommendationReceivedAt', start: 'admittedAt', hours: 72, provision: 's4(4)', message: 'After an emergency admission, the second medical recommendation must be received within 72 hours of admission; otherwise the authority to detain has lapsed.' },
    ],
  }),
  form({
    code: 'H4',
    title: 'Authority to transfer a detained patient to a hospital under different managers',
    regulation: 'reg 7(2)(a) and (3)',
    provision: 's19',
    receivedBy: 'hospital-managers',
    kind: 'authority',
    summary: "The transferring managers' authority to move a detained patient to a hospital under different managers (Part 1), and the receiving managers' record of the patient's admission (Part 2). The patient keeps their original admission date (s19(2)(a)).",
    parts: [
      part(
        'authority',
        'Part 1: authority for transfer',
        [
          patientName(),
          hospital('fromHospital', 'The hospital the patient is leaving'),
          hospital('toHospital', 'The hospital the patient is being transferred to'),
          text('detainedUnder', 'The section the patient is detained under'),
          text('authorisedByName', 'Full name of the officer giving this authority'),
          date('authorisedOn', 'The day you gave this authority', { hint: 'The patient must be admitted within 28 days beginning with this day (reg 7(2)(b), reg 11(1)(a)).' }),
        ],
        signatory('transferring-managers', 'Officer authorised by the managers of the hospital the patient is leaving', 'authorisedOn', null, { nameField: 'authorisedByName' }),
      ),
      part(
        'admission',
        'Part 2: record of admission',
        [dateTime('admittedAt', 'When the patient was admitted to the receiving hospital'), text('recordedByName', 'Full name of the officer making this record'), dateTime('recordedAt', 'When you made this record')],
        signatory('receiving-managers', 'Officer authorised by the managers of the receiving hospital', 'recordedAt', null, { nameField: 'recordedByName' }),
      ),
    ],
    feeds: null,
    engineNote: 'No engine event: a transfer between hospitals keeps the original admission time and authority (s19(2)(a)), so the legal position does not change.',
    rules: [
      { kind: 'within-days-beginning-with', field: 'admittedAt', start: 'authorisedOn', days: 28, provision: 'reg 11(1)(a)', message: 'The patient must be admitted to the receiving hospital within 28 days beginning with the day of the authority for transfer.' },
      notBefore('recordedAt', 'admittedAt', null, 'The record cannot be made before the admission it records.'),
    ],
  }),
  form({
    code: 'H5',
    title: 'Report renewing the authority to detain',
    regulation: 'reg 13(1), (2) and (3)',
    provision: 's20',
    receivedBy: 'hospital-managers',
    kind: 'report',
    summary: "The responsible clinician's report that the conditions for continued detention are met (Parts 1 and 3), with the written agreement of another professional of a different profession (Part 2). Furnishing it renews the authority to detain (s20(8)); the managers record its receipt in Part 4.",
    parts: [
      part('report', 'Part 1: report', [
        hospital(),
        patientName(),
        text('rcName', 'Full name of the responsible clinician'),
        text('rcProfession', 'Profession of the responsible clinician', { hint: 'The professional agreeing in Part 2 must belong to another profession (s20(5A)).' }),
        date('examinedOn', 'The day the responsible clinician examined the patient', { hint: 'The examination must fall within the 2 months ending with the day the current authority expires (s20(3)).' }),
        text('consultedName', 'Full name of the other person consulted', { hint: 'The responsible clinician must consult one or more other people professionally concerned with the treatment (s20(5)).' }),
        text('consultedProfession', 'Profession of the person consulted'),
        longText('reasons', 'Why the conditions for continued detention are met'),
      ]),
      part(
        'agreement',
        "Part 2: another professional's agreement",
        [text('agreeingName', 'Your full name'), text('agreeingProfession', 'Your profession'), date('agreedOn', 'The day you signed your agreement')],
        signatory('agreeing-professional', 'Professional concerned with the treatment, of a different profession from the responsible clinician', 'agreedOn', null, { nameField: 'agreeingName' }),
      ),
      part('furnishing', 'Part 3: furnishing the report', [furnishedMethod(), date('rcSignedOn', 'The day the responsible clinician signed and furnished the report')], responsibleClinician('rcSignedOn', 'rcName')),
      part('receipt', "Part 4: managers' record of receipt", [text('receivedByName', 'Full name of the officer receiving the report'), date('receivedOn', 'The day the report was received')], managersOfficer('receivedOn', 'receivedByName')),
    ],
    feeds: 'renewal-furnished',
    engineNote: 'Records the renewal-furnished event on the day the managers received the report (Part 4), read as the start of that London day.',
    eventAtField: 'receivedOn',
    rules: [
      { kind: 'different', field: 'agreeingProfession', other: 'rcProfession', provision: 's20(5A)', message: "The professional agreeing to the renewal must belong to a profession other than the responsible clinician's." },
      notBefore('rcSignedOn', 'agreedOn', 's20(5A)', 'The report may be furnished only once the other professional has agreed in writing.'),
      notBefore('rcSignedOn', 'examinedOn', null, 'The report cannot be furnished before the examination it reports.'),
      notBefore('receivedOn', 'rcSignedOn', null, 'The report cannot be received before it is furnished.'),
    ],
  }),
  form({
    code: 'H6',
    title: 'Report confirming detention after more than 28 days absent without leave',
    regulation: 'reg 14(1)(a) and (b)',
    provision: 's21B',
    receivedBy: 'hospital-managers',
    kind: 'report',
    summary: "The responsible clinician's report, after examining a detained patient who returned (or was taken into custody) more than 28 days after going absent without leave, that the conditions for continued detention are met. The managers record its receipt in Part 2.",
    parts: [
      part(
        'report',
        'Part 1: report',
        [
          hospital(),
          patientName(),
          text('rcName', 'Your full name'),
          date('returnedOn', 'The day the patient returned to the hospital or was taken into custody'),
          date('examinedOn', 'The day you examined the patient', { hint: 'Within the week beginning with the day of return (s21B(2)).' }),
          longText('reasons', 'Why the conditions for continued detention are met'),
          furnishedMethod(),
          date('signedOn', 'The day you signed and furnished the report'),
        ],
        responsibleClinician('signedOn', 'rcName'),
      ),
      part('receipt', "Part 2: managers' record of receipt", [text('receivedByName', 'Full name of the officer receiving the report'), date('receivedOn', 'The day the report was received')], managersOfficer('receivedOn', 'receivedByName')),
    ],
    feeds: null,
    engineNote: "No engine event of its own: the engine follows the absence through awol-began and awol-returned, and the contract's renewal-furnished event covers s20 and s20A reports only.",
    rules: [
      { kind: 'within-days-beginning-with', field: 'examinedOn', start: 'returnedOn', days: 7, provision: 's21B(2)', message: 'The patient must be examined within the week beginning with the day they returned.' },
      notBefore('signedOn', 'examinedOn', null, 'The report cannot be signed before the examination it reports.'),
      notBefore('receivedOn', 'signedOn', null, 'The report cannot be received before it is signed.'),
    ],
  }),
];

export const movementAndBarringForms: FormDefinition[] = [
  form({
    code: 'M1',
    title: 'Record of the day a patient removed to England was received',
    regulation: 'reg 15(2), (4)(a) and 16(2)',
    provision: 'Part 6',
    receivedBy: 'hospital-managers',
    kind: 'record',
    summary: 'Records the day a patient removed to England from Scotland, Northern Ireland, the Channel Islands or the Isle of Man was admitted to hospital, arrived where they are to live under guardianship, or (for a community patient) arrived where they are to live. The guardian keeps it for a guardianship patient.',
    parts: [
      part(
        'record',
        'Record',
        [
          patientName(),
          choice('removedFrom', 'Where the patient was removed from', [
            ['scotland', 'Scotland'],
            ['northern-ireland', 'Northern Ireland'],
            ['channel-islands', 'One of the Channel Islands'],
            ['isle-of-man', 'The Isle of Man'],
          ]),
          choice('receivedInto', 'What the patient is received into', [
            ['hospital', 'Detention in hospital'],
            ['guardianship', 'Guardianship'],
            ['community', 'Community treatment (a community patient)'],
          ]),
          text('receivedWhere', 'The hospital, or the guardian and the place where the patient is to live', { long: true }),
          date('receivedOn', 'The day the patient was admitted to hospital, or arrived where they are to live'),
          text('recordedByName', 'Full name of the person making this record'),
          date('recordedOn', 'The day you made this record'),
        ],
        signatory('recorder', 'Officer authorised by the hospital managers, or the guardian', 'recordedOn', null, { nameField: 'recordedByName' }),
      ),
    ],
    feeds: null,
    engineNote: "No engine event: the contract has no event for a patient received from outside England; record the patient's status under the provision that now applies.",
    rules: [notBefore('recordedOn', 'receivedOn', null, 'The record cannot be made before the day it records.')],
  }),
  form({
    code: 'M2',
    title: "Responsible clinician's report barring discharge by the nearest relative",
    regulation: 'reg 25(1)(a) and (b)',
    provision: 's25',
    receivedBy: 'hospital-managers',
    kind: 'report',
    summary: "After the nearest relative gives notice that they intend to discharge a detained or community patient, the responsible clinician's report that the patient, if discharged, would be likely to act in a manner dangerous to themselves or others. Furnished within 72 hours of the notice, it stops the discharge. The managers record its receipt in Part 2.",
    parts: [
      part(
        'report',
        'Part 1: report',
        [
          hospital(),
          patientName(),
          text('nearestRelativeName', 'Full name of the nearest relative who gave notice'),
          dateTime('noticeReceivedAt', "When the managers received the nearest relative's notice of intention to discharge"),
          text('rcName', 'Your full name'),
          longText('reasons', 'Why the patient, if discharged, would be likely to act in a manner dangerous to themselves or to others'),
          furnishedMethod(),
          dateTime('furnishedAt', 'When the report was furnished', { hint: 'By hand: when delivered to the authorised officer. By internal mail: when put into the system (reg 3(7)). It must be within 72 hours of the notice (s25(1)).' }),
          dateTime('signedAt', 'When you signed the report'),
        ],
        responsibleClinician('signedAt', 'rcName'),
      ),
      part('receipt', "Part 2: managers' record of receipt", [text('receivedByName', 'Full name of the officer receiving the report'), dateTime('receivedAt', 'When the report was received')], managersOfficer('receivedAt', 'receivedByName')),
    ],
    feeds: 'barring-report-furnished',
    engineNote: "Records the barring-report-furnished event at the time the report was furnished. The nearest relative's notice (nr-discharge-notice) is a separate event, at the time in noticeReceivedAt.",
    eventAtField: 'furnishedAt',
    rules: [
      { kind: 'within-hours-after', field: 'furnishedAt', start: 'noticeReceivedAt', hours: 72, provision: 's25(1)', message: "The report must be furnished within 72 hours after the nearest relative's notice." },
      notBefore('furnishedAt', 'signedAt', null, 'A report cannot be furnished before it is signed.'),
      notBefore('receivedAt', 'signedAt', null, 'A report cannot be received before it is signed.'),
    ],
  }),
];
