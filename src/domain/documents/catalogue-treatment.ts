import { choice, date, form, hospital, longText, part, patientName, signatory, text, yesNo } from './form-builders.ts';
import type { ConditionalApproval, FormDefinition, FormField } from './form-types.ts';

// Forms T1–T6: certificates under Part 4 (reg 27). None records a law-engine event; each authorises a
// treatment for a patient whose status the engine already knows.

const engineNote = 'No engine event: a treatment certificate authorises treatment but does not change the legal status or its dates. The engine says from when medication needs a certificate (medication-certificate-required, s58(1)(b)).';

const clinicianOrSoad = (): FormField =>
  choice('capacity', 'You are', [
    ['approved-clinician', 'The approved clinician in charge of the treatment'],
    ['soad', 'A second opinion appointed doctor'],
  ]);

const clinicianOrSoadApprovals: ConditionalApproval[] = [
  { field: 'capacity', value: 'approved-clinician', approval: 'approved-clinician', provision: 's145(1)' },
  { field: 'capacity', value: 'soad', approval: 'soad', provision: 's58(3)(b), s119' },
];

const consultees = (): FormField[] => [
  text('consultedNurse', 'Name of the nurse you consulted', { hint: 'Someone professionally concerned with the treatment.' }),
  text('consultedOther', 'Name and profession of the other person you consulted', { hint: 'Someone professionally concerned with the treatment who is neither a nurse nor a doctor.' }),
];

const soad = (signedField: string, id = 'soad') => signatory(id, 'Second opinion appointed doctor', signedField, 'soad', { nameField: 'soadName' });

const patientAndHospital = (): FormField[] => [patientName(), hospital('hospital', 'Name and address of the hospital (or the responsible hospital)')];

export const treatmentForms: FormDefinition[] = [
  form({
    code: 'T1',
    title: 'Certificate of consent and second opinion for neurosurgery or hormone implants',
    regulation: 'reg 27(1)(b)',
    provision: 's57',
    receivedBy: 'hospital-managers',
    kind: 'certificate',
    summary: 'For surgery destroying brain tissue or its functioning, or surgical implantation of hormones to reduce male sex drive (reg 27(1)(a)): a second opinion appointed doctor and two other appointed people, not doctors, certify that the patient understands and has consented (Parts 1 to 3); the doctor also certifies that the treatment is appropriate, after consulting two people concerned with the treatment (Part 4).',
    parts: [
      part('consent-doctor', "Part 1: second opinion doctor's certificate of understanding and consent", [...patientAndHospital(), longText('treatment', 'The treatment the patient consents to'), text('soadName', 'Your full name'), date('soadConsentSignedOn', 'The day you signed')], soad('soadConsentSignedOn', 'soad-consent')),
      part('consent-second', 'Part 2: second appointed person', [text('secondPersonName', 'Your full name'), date('secondPersonSignedOn', 'The day you signed')], signatory('second-person', 'Person appointed to certify consent (not a doctor)', 'secondPersonSignedOn', null, { nameField: 'secondPersonName' })),
      part('consent-third', 'Part 3: third appointed person', [text('thirdPersonName', 'Your full name'), date('thirdPersonSignedOn', 'The day you signed')], signatory('third-person', 'Person appointed to certify consent (not a doctor)', 'thirdPersonSignedOn', null, { nameField: 'thirdPersonName' })),
      part('appropriateness', "Part 4: second opinion doctor's certificate that the treatment is appropriate", [...consultees(), date('appropriatenessSignedOn', 'The day you signed')], soad('appropriatenessSignedOn', 'soad-appropriateness')),
    ],
    feeds: null,
    engineNote,
  }),
  form({
    code: 'T2',
    title: 'Certificate that the patient can consent, and does consent, to medication',
    regulation: 'reg 27(2)',
    provision: 's58(3)(a)',
    receivedBy: 'hospital-managers',
    kind: 'certificate',
    summary: 'The certificate of the approved clinician in charge of the treatment (or a second opinion appointed doctor) that the patient is capable of understanding the medication described and has consented to it. Needed once 3 months have passed since medication was first given in the period of detention.',
    parts: [
      part('certificate', 'Certificate', [...patientAndHospital(), text('signerName', 'Your full name'), clinicianOrSoad(), longText('treatment', 'The medication the patient consents to (by name or class, with the most that may be given and how)'), date('certifiedOn', 'The day you signed the certificate')], signatory('certifier', 'Approved clinician in charge of the treatment, or second opinion appointed doctor', 'certifiedOn', null, { nameField: 'signerName', approvalIf: clinicianOrSoadApprovals })),
    ],
    feeds: null,
    engineNote,
  }),
  form({
    code: 'T3',
    title: 'Second opinion certificate for medication',
    regulation: 'reg 27(2)',
    provision: 's58(3)(b)',
    receivedBy: 'hospital-managers',
    kind: 'certificate',
    summary: 'A second opinion appointed doctor certifies that the medication described is appropriate for a patient who cannot consent, or who can but has not, after consulting two people professionally concerned with the treatment.',
    parts: [
      part(
        'certificate',
        'Certificate',
        [
          ...patientAndHospital(),
          text('soadName', 'Your full name'),
          choice('consentPosition', 'The patient', [
            ['not-capable', 'Is not capable of understanding the nature, purpose and likely effects of the treatment'],
            ['not-consenting', 'Is capable of understanding it but has not consented'],
          ]),
          longText('treatment', 'The medication you certify as appropriate (by name or class, with the most that may be given and how)'),
          ...consultees(),
          date('certifiedOn', 'The day you signed the certificate'),
        ],
        soad('certifiedOn'),
      ),
    ],
    feeds: null,
    engineNote,
  }),
  form({
    code: 'T4',
    title: 'Certificate that an adult patient can consent, and does consent, to electroconvulsive therapy',
    regulation: 'reg 27(3)(b)',
    provision: 's58A(3)',
    receivedBy: 'hospital-managers',
    kind: 'certificate',
    summary: 'The certificate of the approved clinician in charge of the treatment (or a second opinion appointed doctor) that a patient aged 18 or over is capable of understanding electroconvulsive therapy (with any medicine given as part of it) and has consented.',
    parts: [
      part('certificate', 'Certificate', [...patientAndHospital(), text('signerName', 'Your full name'), clinicianOrSoad(), longText('treatment', 'The treatment the patient consents to (the number of treatments, and any medicine given as part of it)'), date('certifiedOn', 'The day you signed the certificate')], signatory('certifier', 'Approved clinician in charge of the treatment, or second opinion appointed doctor', 'certifiedOn', null, { nameField: 'signerName', approvalIf: clinicianOrSoadApprovals })),
    ],
    feeds: null,
    engineNote,
  }),
  form({
    code: 'T5',
    title: 'Certificate of consent and second opinion for electroconvulsive therapy for a patient under 18',
    regulation: 'reg 27(3)(b)',
    provision: 's58A(4)',
    receivedBy: 'hospital-managers',
    kind: 'certificate',
    summary: 'A second opinion appointed doctor certifies that a patient under 18 is capable of understanding electroconvulsive therapy (with any medicine given as part of it), has consented, and that the treatment is appropriate.',
    parts: [
      part('certificate', 'Certificate', [...patientAndHospital(), text('soadName', 'Your full name'), longText('treatment', 'The treatment the patient consents to and you certify as appropriate (the number of treatments, and any medicine given as part of it)'), date('certifiedOn', 'The day you signed the certificate')], soad('certifiedOn')),
    ],
    feeds: null,
    engineNote,
  }),
  form({
    code: 'T6',
    title: 'Second opinion certificate for electroconvulsive therapy for a patient who cannot consent',
    regulation: 'reg 27(3)(b)',
    provision: 's58A(5)',
    receivedBy: 'hospital-managers',
    kind: 'certificate',
    summary: 'A second opinion appointed doctor certifies that a patient who cannot understand the nature, purpose and likely effects of electroconvulsive therapy should have it, and that it does not conflict with a valid and applicable advance decision or a decision of an attorney, a deputy or the Court of Protection.',
    parts: [
      part(
        'certificate',
        'Certificate',
        [
          ...patientAndHospital(),
          text('soadName', 'Your full name'),
          longText('treatment', 'The treatment you certify as appropriate (the number of treatments, and any medicine given as part of it)'),
          yesNo('noConflictingDecision', 'Is the treatment free of conflict with any valid and applicable advance decision, and with any decision of an attorney, a deputy or the Court of Protection?'),
          ...consultees(),
          date('certifiedOn', 'The day you signed the certificate'),
        ],
        soad('certifiedOn'),
      ),
    ],
    feeds: null,
    engineNote,
    rules: [{ kind: 'not-value', field: 'noConflictingDecision', value: 'no', provision: 's58A(5)', message: 'The certificate cannot be given for treatment that conflicts with a valid and applicable advance decision, or with a decision of an attorney, a deputy or the Court of Protection.' }],
  }),
];
