import { sql } from 'kysely';
import { clockNow, type AppContext } from '../../src/app/context.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import { recordInvolvement } from '../../src/app/sharing/involvements.ts';
import type { AccordDatabase } from '../../src/db/database.ts';
import type { AgencyKind } from '../../src/domain/organisation/agency-kinds.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import type { PersonDetails } from '../../src/domain/people/person.ts';
import { addStaff } from './harness.ts';

// A person's record used by others, for the transparency tests: a trust that registered them, a police
// force involved with them, a housing association that is not (and is refused), a clinical note, a
// disclosure of that note to probation and an emergency access, each written as the capabilities that own them write
// their rows.

export const helen: PersonDetails = {
  givenNames: 'Helen',
  familyName: 'Marsh',
  preferredName: null,
  otherNames: null,
  dateOfBirth: '1979-06-02',
  nhsNumber: '9434765919',
  pncId: null,
  probationReference: null,
  address: '4 Quay Street',
  preferredLanguage: 'English',
  interpreterNeeded: false,
  communicationNeeds: null,
};

export const clinicalNoteText = 'Hears voices at night; started on a new antipsychotic.';
export const breakGlassReason = 'Found collapsed at the station; needed her medication history urgently.';
export const riskStated = 'Threats made to a named neighbour on 3 March.';

export interface StaffMember {
  userId: string;
  agencyId: string;
  agencyName: string;
  username: string;
  context: AppContext;
}

export async function staffMember(db: AccordDatabase, username: string, role: Role, agencyKind: AgencyKind, agencyName: string): Promise<StaffMember> {
  const staff = await addStaff(db, { username, role, agencyKind, agencyName });
  return {
    ...staff,
    context: { db, now: clockNow, purpose: 'Testing', actor: { kind: 'user', userId: staff.userId, label: `Test ${username}`, role, agencyId: staff.agencyId, agencyName } },
  };
}

// A clinical note, written straight into the record (with the record's version moved on), so the tests
// do not depend on how notes are written through the pages.
export async function addClinicalNote(db: AccordDatabase, personId: string, author: StaffMember, text = clinicalNoteText): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom('people').select('version').where('id', '=', personId).forUpdate().executeTakeFirstOrThrow();
    const sequence = person.version + 1;
    const row = await trx
      .insertInto('record_entries')
      .values({
        person_id: personId,
        sequence,
        kind: 'note-recorded',
        category: 'clinical',
        data: JSON.stringify({ category: 'clinical', text }),
        reason: null,
        supersedes: null,
        author_user_id: author.userId,
        author_name: `Test ${author.username}`,
        author_role: author.context.actor.role!,
        author_agency_id: author.agencyId,
        author_agency_name: author.agencyName,
        recorded_at: clockNow().toString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('people').set({ version: sequence }).where('id', '=', personId).execute();
    return row.id;
  });
}

export interface SharedRecord {
  personId: string;
  noteId: string;
  trust: StaffMember;
  police: StaffMember;
  probation: StaffMember;
  housing: StaffMember;
  caldicott: StaffMember;
  paramedic: StaffMember;
}

// The trust's Mental Health Act administrator registers Helen and brings the police in; a clinical note is
// written; the Caldicott guardian approves a public-interest disclosure of the note to probation; a
// paramedic broke the glass an hour ago for an hour, and the information governance lead reviewed it.
export async function sharedRecord(db: AccordDatabase, prefix: string): Promise<SharedRecord> {
  const trust = await staffMember(db, `${prefix}.admin`, 'mha-administrator', 'mental-health-trust', 'Wessex Partnership NHS Trust');
  const police = await staffMember(db, `${prefix}.police`, 'police-officer', 'police-force', 'Wessex Police');
  const probation = await staffMember(db, `${prefix}.probation`, 'probation-practitioner', 'probation-service', 'Wessex Probation Service');
  const housing = await staffMember(db, `${prefix}.housing`, 'housing-officer', 'housing', 'Portsea Housing Association');
  const caldicott = await staffMember(db, `${prefix}.caldicott`, 'caldicott-guardian', 'mental-health-trust', 'Wessex Partnership NHS Trust');
  const paramedic = await staffMember(db, `${prefix}.paramedic`, 'paramedic', 'ambulance-service', 'South Western Ambulance Service');
  const outcome = await registerPerson(trust.context, helen, { confirmedNewPerson: true });
  if (outcome.kind !== 'registered') throw new Error('Helen was not registered');
  const personId = outcome.personId;
  await recordInvolvement(trust.context, personId, { agencyId: police.agencyId, teamId: null, userId: null, reason: 'Street triage after a call to the control room', startsAt: clockNow(), endsAt: null });
  const noteId = await addClinicalNote(db, personId, trust);
  const now = clockNow();
  await db
    .insertInto('disclosures')
    .values({
      person_id: personId,
      basis: 'public-interest',
      justification: riskStated,
      consent_id: null,
      purpose: 'Risk management by the offender manager',
      from_agency_id: trust.agencyId,
      from_agency_name: trust.agencyName,
      recipient_agency_id: probation.agencyId,
      recipient_team_id: null,
      entry_ids: sql<string[]>`array[${noteId}]::uuid[]`,
      identity: true,
      expires_at: now.add({ hours: 24 * 30 }).toString(),
      approver_role: 'caldicott-guardian',
      proposed_by: trust.userId,
      proposed_by_label: `Test ${trust.username}`,
      proposed_at: now.toString(),
      decision: 'approved',
      decided_by: caldicott.userId,
      decided_by_label: `Test ${caldicott.username}`,
      decided_at: now.toString(),
      decision_note: 'Serious harm to others outweighs confidence',
    })
    .execute();
  await db
    .insertInto('break_glass')
    .values({
      person_id: personId,
      user_id: paramedic.userId,
      user_label: `Test ${paramedic.username}`,
      role: 'paramedic',
      agency_id: paramedic.agencyId,
      reason: breakGlassReason,
      starts_at: now.subtract({ hours: 2 }).toString(),
      ends_at: now.subtract({ hours: 1 }).toString(),
      reviewed_by: caldicott.userId,
      reviewed_by_label: `Test ${caldicott.username}`,
      reviewed_at: now.toString(),
      review_outcome: 'appropriate',
      review_note: 'Emergency care',
    })
    .execute();
  return { personId, noteId, trust, police, probation, housing, caldicott, paramedic };
}
