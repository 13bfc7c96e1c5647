import { applicationForm, recommendationForm } from './application-builders.ts';
import { choice, date, dateTime, form, hospital, localAuthority, longText, notBefore, optional, part, patientName, signatory, text } from './form-builders.ts';
import type { FormDefinition, FormField } from './form-types.ts';

// Forms G1–G10: guardianship applications and recommendations (reg 5), acceptance, transfers (regs 7, 8),
// renewal (reg 13) and return after absence (reg 14).

const authorityOfficer = (signedField: string, nameField: string, id = 'authority-officer') => signatory(id, 'Officer acting for the local social services authority', signedField, null, { nameField });

const guardianChoice = (id: string, label: string): FormField =>
  choice(id, label, [
    ['local-authority', 'The local social services authority'],
    ['private', 'Another person (a private guardian)'],
  ]);

function privateGuardianPart(kindField: string) {
  return part(
    'guardian-willing',
    "Part 2: proposed private guardian's statement that they are willing to act",
    [
      optional(text('guardianWillingName', 'Your full name', { requiredWhen: { field: kindField, value: 'private' } })),
      optional(text('guardianWillingAddress', 'Your address', { long: true, requiredWhen: { field: kindField, value: 'private' } })),
      optional(date('guardianWillingSignedOn', 'The day you signed this statement', { requiredWhen: { field: kindField, value: 'private' } })),
    ],
    signatory('private-guardian', 'Proposed private guardian', 'guardianWillingSignedOn', null, { nameField: 'guardianWillingName' }),
  );
}

const appropriatePractitionerCapacity = (): FormField =>
  choice('capacity', 'You are', [
    ['responsible-clinician', 'The responsible clinician'],
    ['nominated-medical-attendant', 'The nominated medical attendant appointed by the private guardian'],
  ]);

const appropriatePractitioner = (signedField: string) =>
  signatory('appropriate-practitioner', 'Responsible clinician or nominated medical attendant', signedField, null, {
    nameField: 'practitionerName',
    approvalIf: [{ field: 'capacity', value: 'responsible-clinician', approval: 'responsible-clinician', provision: 's34(1)' }],
  });

const receiptPart = () => part('receipt', "Part 2: local social services authority's record of receipt", [text('receivedByName', 'Full name of the officer receiving the report'), date('receivedOn', 'The day the report was received')], authorityOfficer('receivedOn', 'receivedByName'));

export const guardianshipForms: FormDefinition[] = [
  applicationForm({ code: 'G1', title: 'Guardianship application by the nearest relative', regulation: 'reg 5(1)(a)(i) and (1)(b)', section: 's7', applicant: 'nr', summary: "The nearest relative's application to the local social services authority for the patient to be received into guardianship, with (in Part 2) a proposed private guardian's statement that they are willing to act." }),
  applicationForm({ code: 'G2', title: 'Guardianship application by an approved mental health professional', regulation: 'reg 5(1)(a)(ii) and (1)(b)', section: 's7', applicant: 'amhp', summary: "An approved mental health professional's application to the local social services authority for the patient to be received into guardianship, with (in Part 2) a proposed private guardian's statement that they are willing to act." }),
  recommendationForm({ code: 'G3', title: 'Joint medical recommendation for guardianship', regulation: 'reg 5(1)(c)(i)', section: 's7', joint: true, summary: 'Two doctors recommend, on one form, that the patient be received into guardianship. It counts as both of the recommendations a G1 or G2 application needs.' }),
  recommendationForm({ code: 'G4', title: 'Medical recommendation for guardianship (one doctor)', regulation: 'reg 5(1)(c)(ii)', section: 's7', joint: false, summary: 'One doctor recommends that the patient be received into guardianship. A G1 or G2 application needs two of these (or one G3).' }),
  form({
    code: 'G5',
    title: "Local authority's record accepting a guardianship application",
    regulation: 'reg 5(2)',
    provision: 's7',
    receivedBy: 'local-authority',
    kind: 'record',
    summary: "The responsible local social services authority's record, attached to the application, that it accepted the guardianship application. Guardianship runs from the day of acceptance.",
    parts: [
      part('acceptance', 'Record of acceptance', [patientName(), localAuthority(), text('acceptedByName', 'Full name of the officer accepting the application'), date('acceptedOn', 'The day the authority accepted the application')], authorityOfficer('acceptedOn', 'acceptedByName')),
    ],
    feeds: 'guardianship-accepted',
    engineNote: 'Records the guardianship-accepted event on the day of acceptance, read as the start of that London day.',
    eventAtField: 'acceptedOn',
  }),
  form({
    code: 'G6',
    title: 'Authority to transfer a detained patient into guardianship',
    regulation: 'reg 7(4)(a), (d) and (e)',
    provision: 's19',
    receivedBy: 'local-authority',
    kind: 'authority',
    summary: "The hospital managers' authority to transfer a detained patient into guardianship, recording the receiving local social services authority's agreement and the day it set for the transfer (Part 1), with a proposed private guardian's statement that they are willing to act (Part 2).",
    parts: [
      part(
        'authority',
        'Part 1: authority for transfer',
        [
          patientName(),
          hospital('hospital', 'The hospital where the patient is detained'),
          localAuthority('localAuthority', 'The local social services authority that will be responsible'),
          guardianChoice('guardianKind', 'Who is to be the guardian'),
          optional(text('guardianName', 'Full name of the proposed private guardian', { requiredWhen: { field: 'guardianKind', value: 'private' } })),
          date('authorityAgreedOn', 'The day the local social services authority agreed to the transfer'),
          date('transferOn', 'The day the local social services authority set for the transfer', { allowFuture: true }),
          text('authorisedByName', 'Full name of the officer giving this authority'),
          date('authorisedOn', 'The day you gave this authority'),
        ],
        signatory('managers-officer', 'Officer authorised by the hospital managers', 'authorisedOn', null, { nameField: 'authorisedByName' }),
      ),
      privateGuardianPart('guardianKind'),
    ],
    feeds: null,
    engineNote: 'No engine event: the contract has no event for a transfer from hospital into guardianship (s19), which keeps the original authority and its dates.',
  }),
  form({
    code: 'G7',
    title: 'Authority to transfer a patient from one guardian to another',
    regulation: 'reg 8(1)(a), (d) and (e)',
    provision: 's19',
    receivedBy: 'local-authority',
    kind: 'authority',
    summary: "The guardian's authority to transfer the patient into the guardianship of another authority or person, recording the receiving authority's agreement and the day it set for the transfer (Part 1), with a proposed private guardian's statement that they are willing to act (Part 2).",
    parts: [
      part(
        'authority',
        'Part 1: authority for transfer',
        [
          patientName(),
          text('currentGuardian', 'The present guardian'),
          localAuthority('localAuthority', 'The local social services authority that will be responsible'),
          guardianChoice('guardianKind', 'Who is to be the new guardian'),
          optional(text('guardianName', 'Full name of the proposed private guardian', { requiredWhen: { field: 'guardianKind', value: 'private' } })),
          date('authorityAgreedOn', 'The day the receiving authority agreed to the transfer'),
          date('transferOn', 'The day the receiving authority set for the transfer', { allowFuture: true }),
          text('authorisedByName', 'Full name of the person giving this authority'),
          date('authorisedOn', 'The day you gave this authority'),
        ],
        signatory('guardian', 'The present guardian (or an officer acting for a guardian authority)', 'authorisedOn', null, { nameField: 'authorisedByName' }),
      ),
      privateGuardianPart('guardianKind'),
    ],
    feeds: null,
    engineNote: 'No engine event: a change of guardian keeps the guardianship and its dates.',
  }),
  form({
    code: 'G8',
    title: 'Authority to transfer a patient from guardianship to hospital',
    regulation: 'reg 8(2) and (4)',
    provision: 's19',
    receivedBy: 'hospital-managers',
    kind: 'authority',
    summary: "The responsible local social services authority's authority to transfer a guardianship patient to hospital, founded on an approved mental health professional's application (A6) and two medical recommendations (A7, or two A8s) (Part 1), and the hospital managers' record of admission (Part 2).",
    parts: [
      part(
        'authority',
        'Part 1: authority for transfer',
        [
          patientName(),
          localAuthority('localAuthority', 'The responsible local social services authority'),
          hospital('hospital', 'The hospital the patient is being transferred to'),
          date('lastExaminedOn', 'The day a doctor last examined the patient for the medical recommendations', { hint: 'The transfer must be effected within 14 days beginning with this day, or the patient stays under guardianship (reg 8(5), reg 11(1)(b)).' }),
          text('authorisedByName', 'Full name of the officer giving this authority'),
          date('authorisedOn', 'The day you gave this authority'),
        ],
        authorityOfficer('authorisedOn', 'authorisedByName'),
      ),
      part(
        'admission',
        "Part 2: hospital managers' record of admission",
        [dateTime('admittedAt', 'When the patient was admitted to the hospital'), text('recordedByName', 'Full name of the officer making this record'), dateTime('recordedAt', 'When you made this record')],
        signatory('managers-officer', 'Officer authorised by the hospital managers', 'recordedAt', null, { nameField: 'recordedByName' }),
      ),
    ],
    feeds: null,
    engineNote: 'No engine event: the contract has no event for a transfer from guardianship to hospital, after which the patient is treated as detained for treatment from the original acceptance of the guardianship (s19(2)(d)).',
    rules: [
      { kind: 'within-days-beginning-with', field: 'admittedAt', start: 'lastExaminedOn', days: 14, provision: 'reg 11(1)(b)', message: 'The patient must be taken to hospital within 14 days beginning with the day they were last examined for the medical recommendations; otherwise they remain under guardianship (reg 8(5)).' },
      notBefore('recordedAt', 'admittedAt', null, 'The record cannot be made before the admission it records.'),
    ],
  }),
  form({
    code: 'G9',
    title: 'Report renewing guardianship',
    regulation: 'reg 13(4) and (5)',
    provision: 's20',
    receivedBy: 'local-authority',
    kind: 'report',
    summary: "The report of the appropriate practitioner (the responsible clinician, or for a private guardian the nominated medical attendant) that the conditions for continued guardianship are met. Furnishing it renews the guardianship; the authority records its receipt in Part 2.",
    parts: [
      part(
        'report',
        'Part 1: report',
        [
          patientName(),
          localAuthority('localAuthority', 'The responsible local social services authority'),
          text('practitionerName', 'Your full name'),
          appropriatePractitionerCapacity(),
          date('examinedOn', 'The day you examined the patient', { hint: 'Within the 2 months ending with the day the current guardianship expires (s20(6)).' }),
          longText('reasons', 'Why the conditions for continued guardianship are met'),
          date('signedOn', 'The day you signed and furnished the report'),
        ],
        appropriatePractitioner('signedOn'),
      ),
      receiptPart(),
    ],
    feeds: 'renewal-furnished',
    engineNote: 'Records the renewal-furnished event on the day the authority received the report (Part 2), read as the start of that London day.',
    eventAtField: 'receivedOn',
    rules: [notBefore('signedOn', 'examinedOn', null, 'The report cannot be signed before the examination it reports.'), notBefore('receivedOn', 'signedOn', null, 'The report cannot be received before it is signed.')],
  }),
  form({
    code: 'G10',
    title: 'Report confirming guardianship after more than 28 days absent without leave',
    regulation: 'reg 14(2)(a) and (b)',
    provision: 's21B',
    receivedBy: 'local-authority',
    kind: 'report',
    summary: "The appropriate practitioner's report, after examining a guardianship patient who returned (or was taken into custody) more than 28 days after going absent without leave, that the conditions for guardianship are met. The authority records its receipt in Part 2.",
    parts: [
      part(
        'report',
        'Part 1: report',
        [
          patientName(),
          localAuthority('localAuthority', 'The responsible local social services authority'),
          text('practitionerName', 'Your full name'),
          appropriatePractitionerCapacity(),
          date('returnedOn', 'The day the patient returned or was taken into custody'),
          date('examinedOn', 'The day you examined the patient', { hint: 'Within the week beginning with the day of return (s21B(2)).' }),
          longText('reasons', 'Why the conditions for guardianship are met'),
          date('signedOn', 'The day you signed and furnished the report'),
        ],
        appropriatePractitioner('signedOn'),
      ),
      receiptPart(),
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
