import type { EntryCorrection, OwnWords, PersonDetails } from '../../domain/people/person.ts';
import { pncId, probationReference, testNhsNumber } from './synthetic-identifiers.ts';

// The demo's people, drawn from case studies in the source documents and given fictional detail: names,
// dates of birth, identifiers from testing ranges and addresses in the fictional Wessex.
//   Helen, Mark and AW: the mental health treatment requirement case studies in the MHTR integrated
//     delivery guidance (source 001).
//   Terry Pike: the hostel resident in the Hamden homelessness case study, assessed as needing long-term
//     care and waiting months for a care home place (source 004, chapter 9).
//   Kelly and Darren Brown: the Brown family of Box 12.2 in the same book (source 004). Their twins,
//     Jack and Sam, are babies and not themselves in contact with these services, so are not added.

// What happens to a person's record, in story order. `day` counts from the day the demo area was set up.
export type DemoAction =
  | { kind: 'register'; details: PersonDetails }
  | { kind: 'amend'; changes: Partial<PersonDetails>; reason: string }
  | { kind: 'own-words'; ownWords: OwnWords }
  // Corrects the entry made by the person's event at `eventIndex`.
  | { kind: 'correct'; eventIndex: number; correction: EntryCorrection; reason: string };

export interface DemoEvent {
  day: number;
  time: string;
  author: string;
  purpose: string;
  action: DemoAction;
}

export interface DemoPerson {
  caseStudy: string;
  events: DemoEvent[];
}

function demoNhsNumber(serial: number): string {
  const number = testNhsNumber(serial);
  if (number === null) throw new Error(`No NHS test number has serial ${serial}`);
  return number;
}

function details(values: Partial<PersonDetails> & Pick<PersonDetails, 'givenNames' | 'familyName'>): PersonDetails {
  return {
    preferredName: null,
    otherNames: null,
    dateOfBirth: null,
    nhsNumber: null,
    pncId: null,
    probationReference: null,
    address: null,
    preferredLanguage: 'English',
    interpreterNeeded: false,
    communicationNeeds: null,
    ...values,
  };
}

const markAsRegistered = details({
  givenNames: 'Mark',
  familyName: 'Treadwell',
  // Entered with day and month swapped; corrected by the GP practice (see his events).
  dateOfBirth: '1994-11-07',
  nhsNumber: demoNhsNumber(401_227),
  pncId: pncId(2016, 482_913),
  probationReference: probationReference('X', 318_472),
  address: 'Flat 2, 31 Shiremoor Road, Casterbridge WX2 6NB',
});

export const demoPeople: DemoPerson[] = [
  {
    caseStudy: 'Helen (MHTR guidance): assessed at court, community order with a mental health treatment requirement',
    events: [
      {
        day: 30,
        time: '09:40',
        author: 'ravi.patel',
        purpose: 'Assessing at court before a hearing',
        action: {
          kind: 'register',
          details: details({
            givenNames: 'Helen',
            familyName: 'Ashby',
            dateOfBirth: '1991-06-14',
            nhsNumber: demoNhsNumber(214_650),
            pncId: pncId(2021, 1_093_344),
            address: '14 Fordington Row, Casterbridge WX1 2LP',
          }),
        },
      },
      {
        day: 44,
        time: '14:10',
        author: 'chloe.winter',
        purpose: 'Starting supervision of a community order',
        action: {
          kind: 'amend',
          changes: { probationReference: probationReference('X', 204_519) },
          reason: 'Community order with a mental health treatment requirement made at Casterbridge Magistrates’ Court; case allocated',
        },
      },
      {
        day: 52,
        time: '11:00',
        author: 'beth.ingram',
        purpose: 'First session of the mental health treatment requirement',
        action: {
          kind: 'amend',
          changes: {
            communicationNeeds:
              'Wary of services after earlier experiences: say who you are and why you are asking, and tell her in advance who will be at a meeting. Prefers morning appointments.',
          },
          reason: 'Agreed with Helen at her first session',
        },
      },
      {
        day: 120,
        time: '15:30',
        author: 'beth.ingram',
        purpose: 'Reviewing progress on the mental health treatment requirement',
        action: {
          kind: 'own-words',
          ownWords: {
            words: 'I have never had goal setting explained so that I understand how to use it in my daily life. Now I know what I would do if things got like that again.',
            source: 'said-to-staff',
          },
        },
      },
      {
        day: 140,
        time: '10:05',
        author: 'chloe.winter',
        purpose: 'Supervision appointment',
        action: { kind: 'amend', changes: { address: 'Flat 6, Cornhill Court, Casterbridge WX1 1AQ' }, reason: 'Moved into a one-bedroom flat; confirmed at supervision' },
      },
    ],
  },
  {
    caseStudy: 'AW (MHTR guidance): suspended sentence order with attendance at a women’s centre and a mental health treatment requirement',
    events: [
      {
        day: 22,
        time: '10:15',
        author: 'joanna.kaur',
        purpose: 'Preparing a pre-sentence report',
        action: {
          kind: 'register',
          details: details({
            givenNames: 'Anna',
            familyName: 'Wójcik',
            otherNames: 'Anna Wojcik',
            dateOfBirth: '1986-02-03',
            nhsNumber: demoNhsNumber(388_105),
            pncId: pncId(2023, 77_215),
            probationReference: probationReference('X', 512_093),
            address: '7 Durnover Lane, Casterbridge WX1 4QT',
            preferredLanguage: 'Polish',
            interpreterNeeded: true,
            communicationNeeds: 'Speaks English day to day. Book a Polish interpreter for court, child protection and clinical review meetings; written information in Polish.',
          }),
        },
      },
      {
        day: 36,
        time: '13:00',
        author: 'zainab.hussain',
        purpose: 'Starting the attendance requirement at the women’s centre',
        action: {
          kind: 'amend',
          changes: {
            communicationNeeds:
              'Speaks English day to day. Book a Polish interpreter for court, child protection and clinical review meetings; written information in Polish. Attends Ashgrove Women’s Centre on Tuesdays and Thursdays: appointments can be held there.',
          },
          reason: 'She asked for appointments to be at the centre where possible',
        },
      },
      {
        day: 64,
        time: '09:30',
        author: 'kwame.asante',
        purpose: 'Outpatient review under the mental health treatment requirement',
        action: { kind: 'amend', changes: { preferredName: 'Ania' }, reason: 'The name she asked to be called' },
      },
      {
        day: 170,
        time: '14:45',
        author: 'zainab.hussain',
        purpose: 'Planning for the end of the order',
        action: {
          kind: 'own-words',
          ownWords: {
            words: 'Coming to the centre gave me my confidence back. When the order ends I want to keep going to groups near home, and I want my children to stay at home with us.',
            source: 'said-to-staff',
          },
        },
      },
    ],
  },
  {
    caseStudy: 'Mark (MHTR guidance): autistic, alcohol use, supervision with mental health and alcohol treatment requirements',
    events: [
      {
        day: 28,
        time: '11:20',
        author: 'chloe.winter',
        purpose: 'Starting supervision of a community order',
        action: { kind: 'register', details: markAsRegistered },
      },
      {
        day: 35,
        time: '09:05',
        author: 'alan.frost',
        purpose: 'Checking registration details against the GP record',
        action: {
          kind: 'correct',
          eventIndex: 0,
          correction: { correctedKind: 'person-registered', replacement: { ...markAsRegistered, dateOfBirth: '1994-07-11' } },
          reason: 'Date of birth was entered with the day and month swapped; checked against the GP record',
        },
      },
      {
        day: 47,
        time: '16:00',
        author: 'ruth.sandford',
        purpose: 'First meeting with the autism team',
        action: {
          kind: 'amend',
          changes: {
            communicationNeeds:
              'Autistic (Asperger’s syndrome). After being attacked in public he finds city-centre venues and busy waiting rooms very hard: offer appointments near home or by phone, say in advance who he will meet, give him time to answer, and confirm appointments in writing. He may want someone with him at first meetings.',
          },
          reason: 'Agreed with Mark at our first meeting; he asked for this to be shared with the agencies he sees',
        },
      },
      {
        day: 90,
        time: '10:30',
        author: 'beth.ingram',
        purpose: 'Session of the mental health treatment requirement',
        action: {
          kind: 'own-words',
          ownWords: { words: 'I want to know more about how my Asperger’s affects me, and how I can cope without drinking.', source: 'said-to-staff' },
        },
      },
      {
        day: 150,
        time: '12:15',
        author: 'ruth.sandford',
        purpose: 'Review with the autism team',
        action: { kind: 'amend', changes: { address: '3 Heath Cottages, Anglebury WX4 2RS' }, reason: 'Moved nearer his family; no longer needs to travel through Casterbridge centre' },
      },
    ],
  },
  {
    caseStudy: 'Hamden hostel resident (partnership book): long-term drinker assessed as needing long-term care, waiting for a care home place',
    events: [
      {
        day: 20,
        time: '08:30',
        author: 'maria.santos',
        purpose: 'Admitting to the night shelter',
        action: {
          kind: 'register',
          details: details({
            givenNames: 'Terence',
            familyName: 'Pike',
            preferredName: 'Terry',
            dateOfBirth: '1961-09-22',
            nhsNumber: demoNhsNumber(120_583),
            address: 'No fixed address; staying at Hamden Night Shelter, Chapel Row, Hamden WX7 1QP',
            communicationNeeds: 'Reads very little: explain letters to him in person.',
          }),
        },
      },
      {
        day: 41,
        time: '15:20',
        author: 'leon.fisher',
        purpose: 'Moving into a hostel',
        action: { kind: 'amend', changes: { address: 'Room 9, Mellstock House hostel, 40 Station Road, Hamden WX7 2HD' }, reason: 'Moved from the night shelter into a hostel room' },
      },
      {
        day: 75,
        time: '23:10',
        author: 'nadia.rahman',
        purpose: 'Attendance at the emergency department',
        action: {
          kind: 'amend',
          changes: { communicationNeeds: 'Reads very little: explain letters to him in person. Hard of hearing in his left ear: speak to him on his right side, somewhere quiet.' },
          reason: 'Noticed during his attendance at the emergency department',
        },
      },
      {
        day: 96,
        time: '11:40',
        author: 'marcus.bell',
        purpose: 'Care needs assessment',
        action: {
          kind: 'own-words',
          ownWords: { words: 'I know I can’t manage on my own any more. I want somewhere I can stay put, near Hamden, where people know me.', source: 'said-to-staff' },
        },
      },
    ],
  },
  {
    caseStudy: 'Mrs Brown (partnership book, Box 12.2): mother of baby twins; the health visitor saw bruises she did not want to discuss',
    events: [
      {
        day: 100,
        time: '10:50',
        author: 'alan.frost',
        purpose: 'GP review of low mood after the birth of twins',
        action: {
          kind: 'register',
          details: details({
            givenNames: 'Kelly',
            familyName: 'Brown',
            dateOfBirth: '1995-04-18',
            nhsNumber: demoNhsNumber(655_019),
            address: '12 Sandbourne Close, Budmouth WX5 8EL',
          }),
        },
      },
      {
        day: 112,
        time: '14:00',
        author: 'marcus.bell',
        purpose: 'Safeguarding enquiry',
        action: {
          kind: 'amend',
          changes: { communicationNeeds: 'Contact her by text on her own mobile and see her on her own. Do not leave voicemails or send letters that mention safeguarding.' },
          reason: 'Agreed with Kelly so that contact is safe for her',
        },
      },
    ],
  },
  {
    caseStudy: 'Mr Brown (partnership book, Box 12.2): father of the twins, seen to be aggressive towards his wife',
    events: [
      {
        day: 108,
        time: '21:35',
        author: 'rachel.tull',
        purpose: 'Attending a report of a domestic incident',
        action: {
          kind: 'register',
          details: details({
            givenNames: 'Darren',
            familyName: 'Brown',
            dateOfBirth: '1992-01-30',
            nhsNumber: demoNhsNumber(730_266),
            pncId: pncId(2012, 3_381_950),
            address: '12 Sandbourne Close, Budmouth WX5 8EL',
          }),
        },
      },
      {
        day: 109,
        time: '09:15',
        author: 'ravi.patel',
        purpose: 'Assessment in police custody',
        action: {
          kind: 'amend',
          changes: { communicationNeeds: 'Dyslexic: read documents through with him and check he has understood before he signs.' },
          reason: 'Found at assessment in custody',
        },
      },
    ],
  },
];
