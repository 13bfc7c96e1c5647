import {
  choice,
  date,
  dateTime,
  form,
  hospital,
  localAuthority,
  longText,
  notBefore,
  optional,
  part,
  patientAddress,
  patientName,
  s12If,
  signatory,
  text,
  yesNo,
} from './form-builders.ts';
import type { ApplicationSpec, FormDefinition, FormField, FormRule, RecommendationSpec } from './form-types.ts';

// Builders for the applications (A1, A2, A5, A6, A9, A10, G1, G2) and medical recommendations (A3, A4, A7,
// A8, A11, G3, G4), which share their shape: an application carries what the engine's `application` needs
// (when it was made, who made it, when the applicant last saw the patient); a recommendation carries, for
// each doctor, when they examined the patient, when they signed, whether they are approved under s12 and
// whether they knew the patient before.

export type Section = 's2' | 's3' | 's4' | 's7';

const sectionWords: Record<Section, { purpose: string; engineEvent: string | null }> = {
  s2: { purpose: 'admission for assessment', engineEvent: 's2-admitted' },
  s3: { purpose: 'admission for treatment', engineEvent: 's3-admitted' },
  s4: { purpose: 'emergency admission for assessment', engineEvent: 's4-admitted' },
  s7: { purpose: 'guardianship', engineEvent: null },
};

const recommendationsFor: Record<Section, { forms: string[]; needed: number; provision: string; regulation: string }> = {
  s2: { forms: ['A3', 'A4'], needed: 2, provision: 's2(3)', regulation: 'reg 4(1)(b)' },
  s3: { forms: ['A7', 'A8'], needed: 2, provision: 's3(3)', regulation: 'reg 4(1)(d)' },
  s4: { forms: ['A11'], needed: 1, provision: 's4(3)', regulation: 'reg 4(1)(f)' },
  s7: { forms: ['G3', 'G4'], needed: 2, provision: 's7(3)', regulation: 'reg 5(1)(c)' },
};

interface ApplicationInput {
  code: string;
  title: string;
  regulation: string;
  section: Section;
  applicant: 'amhp' | 'nr';
  summary: string;
}

function isEmergency(section: Section): boolean {
  return section === 's4';
}

// Where the application is sent: the hospital's managers, or for guardianship the local authority.
function addresseeFields(section: Section): FormField[] {
  if (section !== 's7') return [hospital('hospital', 'Name and address of the hospital the application is made to')];
  return [
    localAuthority('localAuthority', 'The local social services authority the application is made to'),
    optional(date('patientDateOfBirth', 'Date of birth of the patient', { hint: 'A guardianship application may be made only for a patient aged 16 or over (s7(1)).' })),
    choice('guardianKind', 'Who is to be the guardian', [
      ['local-authority', 'The local social services authority'],
      ['private', 'Another person (a private guardian)'],
    ]),
    optional(text('guardianName', 'Full name of the proposed private guardian', { requiredWhen: { field: 'guardianKind', value: 'private' } })),
    optional(text('guardianAddress', 'Address of the proposed private guardian', { long: true, requiredWhen: { field: 'guardianKind', value: 'private' } })),
  ];
}

function nearestRelativeApplicantFields(): FormField[] {
  return [
    text('applicantName', 'Your full name'),
    text('applicantAddress', 'Your address', { long: true }),
    choice('applicantStanding', 'Why you may apply', [
      ['nearest-relative', "I am the patient's nearest relative"],
      ['court-appointed', 'The county court has appointed me to act as the nearest relative'],
      ['authorised', 'The nearest relative has authorised me in writing to act for them'],
    ], { hint: 'The nearest relative is found under s26; the county court may appoint someone under s29; the nearest relative may authorise someone under reg 24.' }),
    text('applicantRelationship', 'Your relationship to the patient'),
  ];
}

function amhpApplicantFields(section: Section): FormField[] {
  const fields: FormField[] = [
    text('applicantName', 'Your full name'),
    text('applicantAddress', 'Your work address', { long: true }),
    localAuthority('actingFor', 'The local social services authority you are acting for'),
  ];
  if (section === 's2' || section === 's4') {
    // s11(3): inform the nearest relative of the application and of their power of discharge.
    fields.push(
      choice('nearestRelativeStep', 'What you have done about the nearest relative', [
        ['informed', 'I have told the person who appears to be the nearest relative (or someone authorised to act for them) about this application and their power to discharge the patient'],
        ['will-inform', 'I will tell them within a reasonable time after making this application'],
        ['not-known', 'I could not find out who the nearest relative is, or the patient has none'],
      ], { hint: 'An approved mental health professional must take practicable steps to tell the nearest relative (s11(3)).' }),
      optional(text('nearestRelativeName', 'Full name of the nearest relative', { requiredWhen: { field: 'nearestRelativeStep', value: 'informed' } })),
    );
  } else {
    // s11(4): consult the nearest relative; no application if they object.
    fields.push(
      choice('nearestRelativeConsultation', 'Consultation with the nearest relative', [
        ['consulted', 'I have consulted the person who appears to be the nearest relative and they do not object'],
        ['not-known', 'I could not find out who the nearest relative is, or the patient has none'],
        ['not-practicable', 'Consulting them was not reasonably practicable or would have caused unreasonable delay'],
        ['objects', 'The nearest relative has said that they object to this application'],
      ], { hint: 'An approved mental health professional must consult the nearest relative where practicable, and may not apply if they object (s11(4)).' }),
      optional(text('nearestRelativeName', 'Full name of the nearest relative', { requiredWhen: { field: 'nearestRelativeConsultation', value: 'consulted' } })),
      optional(longText('nearestRelativeNotConsultedReason', 'Why consulting the nearest relative was not reasonably practicable or would have caused unreasonable delay', { requiredWhen: { field: 'nearestRelativeConsultation', value: 'not-practicable' } })),
    );
  }
  return fields;
}

function timingFields(section: Section): FormField[] {
  const acquaintance = optional(
    longText('noPreviousAcquaintanceReason', isEmergency(section) ? 'If the doctor did not know the patient before, why a doctor who did could not give the recommendation' : 'If neither doctor knew the patient before, why a doctor who did could not give a recommendation', {
      hint: isEmergency(section) ? 'The recommendation should come from a doctor who knew the patient before, if practicable (s4(3)).' : 'One of the doctors should have known the patient before, if practicable (s12(2)).',
    }),
  );
  if (isEmergency(section)) {
    return [
      longText('urgentNecessity', 'Why the patient must be admitted urgently, and why waiting for a second medical recommendation would cause undesirable delay', { hint: 'An emergency application needs urgent necessity (s4(1), (2)).' }),
      dateTime('lastSawAt', 'When you last saw the patient', { hint: 'You must have seen the patient within the 24 hours before you sign (s4(5)).' }),
      acquaintance,
      dateTime('signedAt', 'When you signed the application'),
    ];
  }
  return [
    date('lastSawOn', 'The day you last saw the patient', { hint: 'You must have seen the patient within the 14 days ending with the day you sign (s11(5)).' }),
    acquaintance,
    date('signedOn', 'The day you signed the application'),
  ];
}

export function applicationForm(input: ApplicationInput): FormDefinition {
  const { section, applicant } = input;
  const words = sectionWords[section];
  const recommendations = recommendationsFor[section];
  const emergency = isEmergency(section);
  const madeField = emergency ? 'signedAt' : 'signedOn';
  const lastSawField = emergency ? 'lastSawAt' : 'lastSawOn';
  const applicationSpec: ApplicationSpec = {
    section,
    applicant,
    madeField,
    lastSawField,
    recommendationForms: recommendations.forms,
    recommendationsNeeded: recommendations.needed,
    recommendationsProvision: recommendations.provision,
    recommendationRegulation: recommendations.regulation,
  };
  const applicantSignatory =
    applicant === 'amhp'
      ? signatory('applicant', 'Approved mental health professional', madeField, 'amhp', { nameField: 'applicantName' })
      : signatory('applicant', 'Nearest relative (or person acting as nearest relative)', madeField, null, { nameField: 'applicantName' });
  const parts = [
    part('application', 'Application', [...addresseeFields(section), ...(applicant === 'amhp' ? amhpApplicantFields(section) : nearestRelativeApplicantFields()), patientName(), patientAddress(), ...timingFields(section)], applicantSignatory),
  ];
  if (section === 's7') {
    parts.push(
      part(
        'guardian-willing',
        "Proposed private guardian's statement that they are willing to act",
        [optional(text('guardianWillingName', 'Full name of the proposed private guardian', { requiredWhen: { field: 'guardianKind', value: 'private' } })), optional(date('guardianWillingSignedOn', 'The day you signed this statement', { requiredWhen: { field: 'guardianKind', value: 'private' } }))],
        signatory('private-guardian', 'Proposed private guardian', 'guardianWillingSignedOn', null, { nameField: 'guardianWillingName' }),
      ),
    );
  }
  const rules: FormRule[] = [];
  if (emergency) {
    rules.push({ kind: 'within-hours-after', field: madeField, start: lastSawField, hours: 24, provision: 's4(5)', message: 'The applicant must have seen the patient within the 24 hours before making an emergency application.' });
  } else {
    rules.push({ kind: 'within-days-ending-with', field: lastSawField, end: madeField, days: 14, provision: 's11(5)', message: 'The applicant must have seen the patient within the 14 days ending with the day of the application.' });
  }
  if (applicant === 'amhp' && (section === 's3' || section === 's7')) {
    rules.push({ kind: 'not-value', field: 'nearestRelativeConsultation', value: 'objects', provision: 's11(4)', message: 'An approved mental health professional may not make this application when the nearest relative has said that they object.' });
  }
  if (section === 's7') {
    rules.push({ kind: 'age-at-least', birth: 'patientDateOfBirth', on: madeField, years: 16, provision: 's7(1)', message: 'A guardianship application may be made only for a patient aged 16 or over.' });
  }
  const engineEvent = words.engineEvent;
  return form({
    code: input.code,
    title: input.title,
    regulation: input.regulation,
    provision: section,
    receivedBy: section === 's7' ? 'local-authority' : 'hospital-managers',
    kind: 'application',
    summary: input.summary,
    parts,
    feeds: engineEvent,
    engineNote:
      engineEvent === null
        ? 'Guardianship begins when the local social services authority accepts the application, recorded on Form G5, which feeds the engine.'
        : `Records the ${engineEvent} event with its application (when made, by whom, when the applicant last saw the patient) and the medical recommendations founding it (${recommendations.forms.join(' or ')}). The event's time is the admission, or the receipt of the application for a patient already in hospital, as the managers record it on Form H3 Part 1.`,
    rules,
    application: applicationSpec,
  });
}

interface RecommendationInput {
  code: string;
  title: string;
  regulation: string;
  section: Section;
  joint: boolean;
  summary: string;
}

function reasonsFields(section: Section): FormField[] {
  const fields: FormField[] = [];
  if (section === 's7') {
    fields.push(longText('reasons', 'Your reasons: the nature and degree of the mental disorder, and why guardianship is needed for the welfare of the patient or to protect others'));
  } else if (section === 's3') {
    fields.push(
      longText('reasons', 'Your reasons: the nature and degree of the mental disorder, and why treatment in hospital is needed for the health or safety of the patient or to protect others'),
      longText('otherMethodsInappropriate', 'Why the treatment cannot be provided unless the patient is detained, and why other ways of providing care are not appropriate', { hint: 'The recommendations must give these reasons (s3(3)).' }),
      text('treatmentAvailableAt', 'The hospital (or unit) where appropriate medical treatment is available'),
    );
  } else if (section === 's4') {
    fields.push(longText('reasons', 'Your reasons: the nature and degree of the mental disorder, why detention for assessment is needed, and why it is urgent'));
  } else {
    fields.push(longText('reasons', 'Your reasons: the nature and degree of the mental disorder, and why detention for assessment is needed for the health or safety of the patient or to protect others'));
  }
  return fields;
}

function practitionerFields(prefix: string, section: Section): { fields: FormField[]; spec: Omit<RecommendationSpec, 'signatoryId'> } {
  const id = (name: string): string => (prefix === '' ? name : `${prefix}${name.charAt(0).toUpperCase()}${name.slice(1)}`);
  const emergency = isEmergency(section);
  const examinedField = id(emergency ? 'examinedAt' : 'examinedOn');
  const signedField = id(emergency ? 'signedAt' : 'signedOn');
  const fields: FormField[] = [
    text(id('practitionerName'), 'Full name of the doctor'),
    text(id('practitionerAddress'), 'Work address of the doctor', { long: true }),
    yesNo(id('s12Approved'), 'Is the doctor approved under section 12, or an approved clinician?', {
      hint: emergency ? 'An approved clinician is treated as approved under s12 (s12(2A)).' : 'An approved clinician is treated as approved under s12 (s12(2A)). At least one of the two doctors must be approved (s12(2)).',
    }),
    yesNo(id('previousAcquaintance'), 'Did the doctor know the patient before examining them?', { hint: emergency ? 'If practicable, the doctor should have known the patient before (s4(3)).' : 'If practicable, one of the two doctors should have known the patient before (s12(2)).' }),
    emergency ? dateTime(examinedField, 'When the doctor examined the patient') : date(examinedField, 'The day the doctor examined the patient', prefix === '' ? {} : { hint: 'If the doctors examined the patient together, give the same day for both.' }),
    emergency ? dateTime(signedField, 'When the doctor signed') : date(signedField, 'The day the doctor signed'),
  ];
  return { fields, spec: { examinedField, signedField, s12Field: id('s12Approved'), previousAcquaintanceField: id('previousAcquaintance') } };
}

export function recommendationForm(input: RecommendationInput): FormDefinition {
  const { section } = input;
  const common = [patientName(), patientAddress(), ...reasonsFields(section)];
  const examinedRule = (spec: Omit<RecommendationSpec, 'signatoryId'>): FormRule =>
    notBefore(spec.signedField, spec.examinedField, 's12(1)', 'A doctor may sign a recommendation only after personally examining the patient.');
  const engineNote = `Read with the application it founds: lawEventFromForm on the application puts each doctor's examination, signature, s12 approval and previous acquaintance into the event's application.recommendations.`;
  if (!input.joint) {
    const practitioner = practitionerFields('', section);
    const signatoryId = 'practitioner';
    return form({
      code: input.code,
      title: input.title,
      regulation: input.regulation,
      provision: section,
      receivedBy: section === 's7' ? 'local-authority' : 'hospital-managers',
      kind: 'recommendation',
      summary: input.summary,
      parts: [
        part('recommendation', 'Medical recommendation', [...practitioner.fields.slice(0, 4), ...common, ...practitioner.fields.slice(4)], signatory(signatoryId, 'Registered medical practitioner', practitioner.spec.signedField, null, { nameField: 'practitionerName', approvalIf: [s12If(practitioner.spec.s12Field)], approvalProvision: 's12(2)' })),
      ],
      feeds: null,
      engineNote,
      rules: [examinedRule(practitioner.spec)],
      recommendations: [{ signatoryId, ...practitioner.spec }],
    });
  }
  const first = practitionerFields('first', section);
  const second = practitionerFields('second', section);
  return form({
    code: input.code,
    title: input.title,
    regulation: input.regulation,
    provision: section,
    receivedBy: section === 's7' ? 'local-authority' : 'hospital-managers',
    kind: 'recommendation',
    summary: input.summary,
    parts: [
      part('recommendation', 'Joint medical recommendation', common),
      part('first-practitioner', 'First doctor', first.fields, signatory('first-practitioner', 'First registered medical practitioner', first.spec.signedField, null, { nameField: 'firstPractitionerName', approvalIf: [s12If(first.spec.s12Field)], approvalProvision: 's12(2)' })),
      part('second-practitioner', 'Second doctor', second.fields, signatory('second-practitioner', 'Second registered medical practitioner', second.spec.signedField, null, { nameField: 'secondPractitionerName', approvalIf: [s12If(second.spec.s12Field)], approvalProvision: 's12(2)' })),
    ],
    feeds: null,
    engineNote,
    rules: [
      examinedRule(first.spec),
      examinedRule(second.spec),
      { kind: 'clear-days-apart', first: first.spec.examinedField, second: second.spec.examinedField, maxClearDays: 5, provision: 's12(1)', message: 'Where the doctors examined the patient separately, not more than 5 clear days may separate the days of the two examinations.' },
    ],
    recommendations: [
      { signatoryId: 'first-practitioner', ...first.spec },
      { signatoryId: 'second-practitioner', ...second.spec },
    ],
  });
}
