import type { AccordDatabase } from '../../db/database.ts';
import { reportKinds, type ReportKind } from '../../domain/restricted/reports.ts';
import type { Actor, AppContext } from '../context.ts';
import { loadEntries } from '../people/record-store.ts';
import { varyConditions, recordConcern } from '../restricted/conditional-discharge.ts';
import { recordArrangement, recordMeeting } from '../restricted/mappa.ts';
import { fileReport, nameSupervisor, reportOffers, reportScheduleOf, reportsOf } from '../restricted/reports.ts';
import { decideRequest, submitRequest } from '../restricted/requests.ts';
import { recordRepresentation, recordVictimContact, recordVictimTold } from '../restricted/victims.ts';
import { recordInvolvement } from '../sharing/involvements.ts';
import type { HospitalPatientsPlayer } from './hospital-patients.ts';

// The casework on the demo hospital's restricted patients (src/app/demo/hospital-patients.ts), so that the
// Ministry of Justice's view (/restricted) and each patient's casework pages show work under way rather than
// empty tables, and the first sweep escalates one report left overdue rather than every report since the
// patients were restricted:
//
// - Andrew Randle, conditionally discharged by the Secretary of State over a year ago: his clinical and
//   social supervisors named, their reports filed (those that fell due before the trust used Accord brought
//   on from the paper record on the day after set-up, and so recorded as filed late; the rest on time), all
//   but the social supervisor's latest, left overdue; his conditions varied when he moved into his own
//   tenancy, after the victim's representations; a concern about a missed appointment; a MAPPA arrangement
//   (category 2, level 2) with one meeting; and the victim liaison officer.
// - Jack Durbeyfield, detained under s37/41 for over three years: his annual reports filed (s41(6)), a
//   request for escorted ground leave consented to, and one for escorted community leave waiting on the
//   Secretary of State (s41(3)(c)(i)).
// - Solomon Longways, conditionally discharged by the tribunal three weeks ago: his annual reports filed
//   while he was detained, his supervisors named, their first reports not yet due.
//
// Everything is written through the same use cases staff use, by the member of staff who would do it, at a
// moment of the story counted back from the moment of seeding, interleaved with the hospital's own history
// so that the record and the audit log run forward in time.

const timeZone = 'Europe/London';

// Who does the casework (usernames from src/app/demo/area.ts).
const caseworker = 'grace.adeyemi';
const responsibleClinician = 'imogen.hale';
const clinicalSupervisor = 'kwame.asante';
const socialSupervisor = 'marcus.bell';
const mentalHealthActOffice = 'fiona.mcrae';
const localAuthorityName = 'Wessex County Council';

interface Patient {
  givenNames: string;
  familyName: string;
}
const randle: Patient = { givenNames: 'Andrew', familyName: 'Randle' };
const durbeyfield: Patient = { givenNames: 'Jack', familyName: 'Durbeyfield' };
const longways: Patient = { givenNames: 'Solomon', familyName: 'Longways' };

interface Step {
  at: Temporal.Instant;
  run(at: Temporal.Instant): Promise<void>;
}

// What each supervisor or clinician writes, so that a filed report reads as one: those brought onto Accord
// from the paper record, and those filed in Accord since.
interface ReportWords {
  recommendation: string;
  report: string;
  reasons: string;
}

const paperRecordNote = 'Brought onto Accord from the paper record: this report was sent to the Ministry of Justice when it fell due, before the trust began to use Accord.';

const supervisorsWords: Record<'clinical-supervisor' | 'social-supervisor', ReportWords> = {
  'clinical-supervisor': {
    recommendation: 'continue',
    report:
      'Seen monthly in the Casterbridge CMHT clinic and at home. Mental state stable: no psychotic symptoms elicited, sleeping and eating well. Takes oral antipsychotic medication as prescribed; plasma levels in range. No use of alcohol or drugs reported or suspected.',
    reasons: 'Complying with the conditions of discharge, with no sign of relapse. Continue as now.',
  },
  'social-supervisor': {
    recommendation: 'continue',
    report:
      'Visited at home fortnightly. He keeps his home in good order and pays his rent. He attends the day service three days a week and keeps in touch with his family. He has kept to the conditions of residence and the exclusion zone.',
    reasons: 'Settled in the community and keeping to his conditions. Continue as now.',
  },
};

const continuedDetention: ReportWords = {
  recommendation: 'continue-detention',
  report: 'Summary of the paper report: mental state improving on medication; engaging with the ward programme; no leave yet.',
  reasons: 'The risk to others if discharged had not yet been reduced by treatment. Continued detention was recommended.',
};

const annualWords: Record<string, { paper: ReportWords; filed: ReportWords }> = {
  Durbeyfield: {
    paper: continuedDetention,
    filed: {
      recommendation: 'continue-detention',
      report:
        'Mr Durbeyfield remains on Yalbury Ward. His mental state has been stable on depot antipsychotic medication, with no seclusion or restraint this year. He attends the ward’s psychology group and the occupational therapy workshop, and has begun work on his index offence with the forensic psychologist.',
      reasons:
        'Insight into the link between his illness and the index offence is still partial, and the offence-focused work is not complete. Continued detention is recommended, with escorted ground leave as the next step, for which the Secretary of State’s consent will be asked.',
    },
  },
  Longways: {
    paper: continuedDetention,
    filed: {
      recommendation: 'conditional-discharge',
      report:
        'Mr Longways has been well for over two years on oral medication, which he takes without prompting. He has completed the offence-focused work, and there have been no incidents on the ward in that time. His application to the tribunal is to be heard shortly.',
      reasons:
        'The risk to others is now manageable in the community with conditions. Conditional discharge is recommended, to live at 21 Durnover Lane, with Dr Kwame Asante as clinical supervisor and Marcus Bell as social supervisor.',
    },
  },
};

function wordsFor(patient: Patient, kind: ReportKind, fromPaper: boolean): ReportWords {
  const words = kind === 'annual' ? annualWords[patient.familyName]![fromPaper ? 'paper' : 'filed'] : supervisorsWords[kind];
  return fromPaper ? { ...words, report: `${paperRecordNote}\n\n${words.report}` } : words;
}

// The casework, played with the hospital's history: whoever plays the story calls this player instead of the
// hospital's, and the hospital's writes before each step of the casework are made first.
export function withRestrictedCasework(
  hospital: HospitalPatientsPlayer,
  db: AccordDatabase,
  now: Temporal.Instant,
  // When the casework from before the trust used Accord is brought onto it: after the hospital's paper records.
  broughtOnAt: Temporal.Instant,
  actors: ReadonlyMap<string, Actor>,
): HospitalPatientsPlayer {
  const actorNamed = (username: string): Actor => {
    const actor = actors.get(username);
    if (!actor) throw new Error(`Demo casework by unknown staff ${username}`);
    return actor;
  };
  const contextOf = (username: string, purpose: string, at: Temporal.Instant): AppContext => ({ db, now: () => at, actor: actorNamed(username), purpose });
  const daysAgo = (days: number, time: string): Temporal.Instant =>
    now.toZonedDateTimeISO(timeZone).toPlainDate().subtract({ days }).toZonedDateTime({ timeZone, plainTime: Temporal.PlainTime.from(time) }).toInstant();
  const londonDate = (at: Temporal.Instant) => at.toZonedDateTimeISO(timeZone).toPlainDate().toString();
  const londonDateTime = (at: Temporal.Instant) => at.toZonedDateTimeISO(timeZone).toString({ timeZoneName: 'never' });
  const personIdOf = async (patient: Patient): Promise<string> => {
    const row = await db.selectFrom('people').select('id').where('given_names', '=', patient.givenNames).where('family_name', '=', patient.familyName).where('is_demo', '=', true).executeTakeFirst();
    if (!row) throw new Error(`Demo casework for ${patient.givenNames} ${patient.familyName} before they were added`);
    return row.id;
  };
  const agencyIdNamed = async (name: string): Promise<string> => (await db.selectFrom('agencies').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const agencyOf = (username: string): string => actorNamed(username).agencyId!;

  // Steps in time order; a step may add later ones (the next report of a kind, once the engine says when).
  const steps: Step[] = [];
  const add = (at: Temporal.Instant, run: (at: Temporal.Instant) => Promise<void>) => {
    if (Temporal.Instant.compare(at, now) >= 0) throw new Error('Demo casework would be written after the moment of seeding');
    steps.push({ at, run });
    steps.sort((a, b) => Temporal.Instant.compare(a.at, b.at));
  };

  // Files the reports of a kind that fell due before the trust used Accord, from the paper record.
  const fileFromPaper = async (patient: Patient, kind: ReportKind, author: string, at: Temporal.Instant) => {
    const context = contextOf(author, 'Bringing statutory reports on a restricted patient onto Accord from the paper record', at);
    const personId = await personIdOf(patient);
    for (;;) {
      const offer = (await reportOffers(context, personId)).find((item) => item.kind === kind);
      if (!offer?.occurrence || !offer.late) break;
      await fileReport(context, personId, { kind, ...wordsFor(patient, kind, true) });
    }
  };

  // Plans the filing of the next report of a kind to fall due before the moment of seeding, a few days
  // before it is due; each filing plans the one after. With `leaveLastOverdue`, the last one before the
  // moment of seeding is not filed, so the demo has one report overdue to show its escalation.
  const planNextReport = async (patient: Patient, kind: ReportKind, author: string, from: Temporal.Instant, leaveLastOverdue: boolean) => {
    const personId = await personIdOf(patient);
    const schedule = reportScheduleOf(await loadEntries(db, personId), from);
    const filed = await reportsOf(db, personId);
    const ahead = schedule.occurrences.filter(
      (occurrence) => occurrence.kind === kind && occurrence.current && Temporal.Instant.compare(occurrence.due, from) > 0 && !filed.some((report) => report.kind === kind && report.due.equals(occurrence.due)),
    );
    const next = ahead[0];
    if (next === undefined || Temporal.Instant.compare(next.due, now) >= 0) return;
    const following = ahead[1];
    if (leaveLastOverdue && (following === undefined || Temporal.Instant.compare(following.due, now) >= 0)) return;
    const fiveDaysBefore = next.due.toZonedDateTimeISO(timeZone).toPlainDate().subtract({ days: 5 }).toZonedDateTime({ timeZone, plainTime: Temporal.PlainTime.from('11:00') }).toInstant();
    const at = Temporal.Instant.compare(fiveDaysBefore, from) > 0 ? fiveDaysBefore : from.add({ hours: 1 });
    add(at, async (when) => {
      await fileReport(contextOf(author, `Filing the ${reportKinds[kind].label.toLowerCase()} to the Secretary of State`, when), personId, { kind, ...wordsFor(patient, kind, false) });
      await planNextReport(patient, kind, author, when, leaveLastOverdue);
    });
  };

  // Names the clinical and the social supervisor, the local authority being brought in for the social one.
  const nameSupervisors = (patient: Patient, at: Temporal.Instant) => {
    add(at, async (when) => {
      const context = contextOf(caseworker, 'Naming the supervisors of a conditionally discharged restricted patient', when);
      const personId = await personIdOf(patient);
      await recordInvolvement(context, personId, {
        agencyId: await agencyIdNamed(localAuthorityName),
        teamId: null,
        userId: null,
        reason: 'Social supervision of a conditionally discharged restricted patient (s42(2))',
        startsAt: when,
        endsAt: null,
      });
      await nameSupervisor(context, personId, { supervision: 'clinical', userId: actorNamed(clinicalSupervisor).userId! });
      await nameSupervisor(context, personId, { supervision: 'social', userId: actorNamed(socialSupervisor).userId! });
    });
  };

  // --- Andrew Randle: conditionally discharged by the Secretary of State over a year ago ---

  // The supervisors named in the Secretary of State's warrant.
  nameSupervisors(randle, broughtOnAt);
  add(broughtOnAt.add({ hours: 1 }), async (when) => {
    await fileFromPaper(randle, 'clinical-supervisor', clinicalSupervisor, when);
    await planNextReport(randle, 'clinical-supervisor', clinicalSupervisor, when, false);
  });
  add(broughtOnAt.add({ hours: 2 }), async (when) => {
    await fileFromPaper(randle, 'social-supervisor', socialSupervisor, when);
    await planNextReport(randle, 'social-supervisor', socialSupervisor, when, true);
  });

  add(daysAgo(160, '10:30'), async (when) => {
    await recordVictimContact(contextOf(caseworker, 'Recording the victim liaison officer for a restricted patient', when), await personIdOf(randle), {
      officerName: 'Helen Marsh',
      officerAgency: 'Probation Service – Wessex, Victim Liaison Unit',
      officerPhone: '01632 960 482',
      officerEmail: 'victim.liaison@wessex-probation.example.org',
      optedIn: 'yes',
    });
  });
  add(daysAgo(140, '14:00'), async (when) => {
    await recordRepresentation(contextOf(caseworker, 'Recording a victim’s representations about conditions of discharge', when), await personIdOf(randle), {
      madeOn: londonDate(daysAgo(143, '12:00')),
      representation:
        'Through the victim liaison officer, the victim asked that the exclusion zone around Budmouth stay in place if Mr Randle moves out of the hostel, and that he continue to have no contact with her or her family.',
    });
  });
  add(daysAgo(126, '11:00'), async (when) => {
    await varyConditions(contextOf(caseworker, 'Varying the conditions of a conditional discharge for the Secretary of State', when), await personIdOf(randle), {
      reason:
        'Residence moved from the supported hostel named in the warrant to his own tenancy at 4 Froom Terrace, on the supervisors’ recommendation. The exclusion zone and no-contact conditions are kept, as the victim asked.',
      conditions: [
        { kind: 'residence', text: 'To reside at 4 Froom Terrace, Casterbridge, or as approved by the social supervisor.' },
        { kind: 'supervision', text: 'To accept supervision by Dr Kwame Asante (clinical supervisor) and Marcus Bell (social supervisor), and to keep the appointments they make.' },
        { kind: 'treatment', text: 'To comply with the medication prescribed by the clinical supervisor.' },
        { kind: 'exclusion-zone', text: 'Not to enter the town of Budmouth without the prior agreement of the clinical and social supervisors.' },
        { kind: 'no-contact', text: 'Not to contact the victim or any member of her family, directly or indirectly.' },
      ],
    });
  });
  add(daysAgo(119, '15:00'), async (when) => {
    await recordVictimTold(contextOf(caseworker, 'Recording what a victim was told', when), await personIdOf(randle), {
      toldOn: londonDate(daysAgo(120, '12:00')),
      what: 'That the conditions of discharge were varied: he now lives in Casterbridge, and the exclusion zone around Budmouth and the no-contact condition remain in force.',
      toldBy: 'Helen Marsh, victim liaison officer',
    });
  });

  add(daysAgo(96, '16:00'), async (when) => {
    await recordArrangement(contextOf(mentalHealthActOffice, 'Recording the MAPPA arrangement for a restricted patient', when), await personIdOf(randle), {
      category: '2',
      level: '2',
      leadAgencyId: agencyOf(mentalHealthActOffice),
      reason: 'Conditionally discharged restricted patient (hospital order with restrictions for a violent offence). Referred to level 2 when he moved into his own tenancy, for active multi-agency management of the risk to the victim.',
    });
  });
  add(daysAgo(88, '16:30'), async (when) => {
    const attending = [mentalHealthActOffice, socialSupervisor, caseworker, 'rachel.tull', 'chloe.winter'].map(agencyOf);
    await recordMeeting(contextOf(mentalHealthActOffice, 'Recording the minutes of a MAPP meeting', when), await personIdOf(randle), {
      heldOn: londonDate(daysAgo(88, '10:00')),
      level: '2',
      attendingAgencyIds: attending,
      minutes:
        'Level 2 MAPP meeting, chaired by the trust. Present: the clinical supervisor and the Mental Health Act office (trust), the social supervisor (Wessex County Council), the Ministry of Justice caseworker, the neighbourhood police team and probation (victim liaison).\n\nMr Randle has settled in his tenancy; no concerns about his mental state. The exclusion zone around Budmouth has been kept. The victim remains anxious about chance meetings in Casterbridge town centre. Risk of serious harm to the victim assessed as medium while the current conditions hold.',
      actions: [
        { action: 'Flag 4 Froom Terrace for the neighbourhood team, with the exclusion zone and no-contact conditions.', owner: 'Wessex Police, Casterbridge Neighbourhood Team' },
        { action: 'Tell the victim, through the victim liaison officer, of the outcome of the meeting.', owner: 'Probation Service – Wessex' },
        { action: 'Review at level 2 in six months, or sooner if a condition is breached.', owner: 'Wessex Partnership NHS Foundation Trust' },
      ],
    });
  });
  add(daysAgo(40, '17:00'), async (when) => {
    await recordConcern(contextOf(socialSupervisor, 'Recording a concern about a conditionally discharged patient', when), await personIdOf(randle), {
      kind: 'concern',
      occurredAt: londonDateTime(daysAgo(41, '10:00')),
      whatHappened: 'Missed his appointment at the CMHT clinic and did not answer the phone that afternoon.',
      actionTaken: 'Visited at home the next morning: well, had mixed up the date. Appointment re-booked; clinical supervisor told.',
    });
  });

  // --- Jack Durbeyfield: detained under s37/41 for over three years ---

  add(broughtOnAt.add({ hours: 3 }), async (when) => {
    await fileFromPaper(durbeyfield, 'annual', responsibleClinician, when);
    await planNextReport(durbeyfield, 'annual', responsibleClinician, when, false);
  });
  let groundLeave = '';
  add(daysAgo(75, '14:00'), async (when) => {
    groundLeave = await submitRequest(contextOf(responsibleClinician, 'Asking the Secretary of State for consent to leave', when), await personIdOf(durbeyfield), {
      kind: 'leave',
      leave: 'ground',
      escorted: 'escorted',
      riskAssessment: 'No violence on the ward for over two years; settled on depot medication. Low risk of absconding within the grounds with two staff. The victim lives outside Wessex.',
      plan: 'Up to one hour a day in the hospital grounds, escorted by two members of ward staff, in daylight; building to two hours after a month without incident.',
    });
  });
  add(daysAgo(64, '11:30'), async (when) => {
    await decideRequest(contextOf(caseworker, 'Recording the Secretary of State’s decision on a request for leave', when), await personIdOf(durbeyfield), groundLeave, {
      decision: 'consented',
      conditions: 'Escorted by two members of staff at all times; within the hospital grounds only; daylight hours. The responsible clinician to report any incident to the Ministry within 24 hours.',
      reasons: 'The risk assessment shows a settled period of over two years, and the plan is graded and escorted.',
    });
  });
  add(daysAgo(6, '15:00'), async (when) => {
    await submitRequest(contextOf(responsibleClinician, 'Asking the Secretary of State for consent to leave', when), await personIdOf(durbeyfield), {
      kind: 'leave',
      leave: 'community',
      escorted: 'escorted',
      riskAssessment: 'Two months of escorted ground leave without incident. Mental state stable; engaging in offence-focused work. Risk to others in the community with two escorts assessed as low.',
      plan: 'Escorted community leave to Casterbridge town centre for up to three hours, twice a week, escorted by two members of staff; not to enter Budmouth.',
    });
  });

  // --- Solomon Longways: conditionally discharged by the tribunal three weeks ago ---

  // His annual reports while he was detained, the last before the tribunal discharged him.
  add(broughtOnAt.add({ hours: 4 }), async (when) => {
    await fileFromPaper(longways, 'annual', responsibleClinician, when);
    await planNextReport(longways, 'annual', responsibleClinician, when, false);
  });
  // The supervisors the tribunal's conditions name.
  nameSupervisors(longways, daysAgo(22, '10:00'));

  return {
    patients: hospital.patients,
    playUntil: async (instant) => {
      while (steps.length > 0 && Temporal.Instant.compare(steps[0]!.at, instant) < 0) {
        const step = steps.shift()!;
        await hospital.playUntil(step.at);
        await step.run(step.at);
      }
      await hospital.playUntil(instant);
    },
    finish: async () => {
      while (steps.length > 0) {
        const step = steps.shift()!;
        await hospital.playUntil(step.at);
        await step.run(step.at);
      }
      await hospital.finish();
    },
  };
}
