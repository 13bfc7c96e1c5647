import type { AccordDatabase } from '../../db/database.ts';
import type { AppContext } from '../context.ts';
import { bookAppointment, recordAttendance } from '../mhtr/appointments.ts';
import { recordCommunityOrder } from '../mhtr/community-orders.ts';
import {
  allocateCase,
  completeRequirement,
  openCaseFromScreening,
  placeWithProvider,
  recordAssessment,
  recordClosingReview,
  recordComplianceDecision,
  recordCourtDecision,
  recordEngagement,
  recordOrder,
  recordPreSentenceReport,
  recordPrivateConsent,
  recordReportChecklist,
} from '../mhtr/pathway-steps.ts';
import { makeReferral } from '../referrals/make-referral.ts';
import { closeReferral, decideReferral } from '../referrals/referral-steps.ts';
import type { CommunityOrderEvent, PathwayAction } from './pathway-stories.ts';

// Plays the pathway's steps (pathway-stories.ts) through the same application functions staff use, so
// every rule of the pathway, the sharing policy and the audit applies to the demo as to anyone. What a
// step makes (a referral, a case, an appointment) is remembered under its key for the steps after it.
export class PathwayPlayer {
  private readonly referrals = new Map<string, string>();
  private readonly appointments = new Map<string, string>();
  private readonly cases = new Map<string, string>();
  private agencies: { id: string; name: string }[] | null = null;

  private readonly db: AccordDatabase;
  private readonly userIdOf: (username: string) => string;
  private readonly at: (day: number, time: string) => Temporal.Instant;

  constructor(db: AccordDatabase, userIdOf: (username: string) => string, at: (day: number, time: string) => Temporal.Instant) {
    this.db = db;
    this.userIdOf = userIdOf;
    this.at = at;
  }

  async play(context: AppContext, personId: string, action: PathwayAction): Promise<void> {
    switch (action.kind) {
      case 'referral': {
        const toAgencyId = await this.agencyId(action.toAgency);
        const toTeamId = action.toTeam === null ? null : await this.teamId(toAgencyId, action.toTeam);
        const { key, kind: _kind, toAgency: _agency, toTeam: _team, ...input } = action;
        this.referrals.set(key, await makeReferral(context, personId, { ...input, toAgencyId, toTeamId }));
        return;
      }
      case 'accept-referral':
        return decideReferral(context, found(this.referrals, action.referral, 'referral'), 'accepted', '');
      case 'close-referral':
        return closeReferral(context, found(this.referrals, action.referral, 'referral'), action.outcome, action.note);
      case 'open-case': {
        const referralId = action.referral === null ? null : found(this.referrals, action.referral, 'referral');
        const { caseId } = await openCaseFromScreening(context, personId, { ...action.screening, referralId });
        this.cases.set(personId, caseId);
        return;
      }
      case 'pre-sentence-report':
        await recordPreSentenceReport(context, this.caseOf(personId), action.input);
        return;
      case 'assessment':
        await recordAssessment(context, this.caseOf(personId), action.input);
        return;
      case 'report-checklist':
        await recordReportChecklist(context, this.caseOf(personId), action.input);
        return;
      case 'private-consent':
        await recordPrivateConsent(context, this.caseOf(personId), action.input);
        return;
      case 'court-decision':
        await recordCourtDecision(context, this.caseOf(personId), action.input);
        return;
      case 'order':
        await recordOrder(context, this.caseOf(personId), action.input);
        return;
      case 'allocation':
        await allocateCase(context, this.caseOf(personId), { riskLevel: action.riskLevel, practitionerUserId: this.userIdOf(action.practitioner), practitionerGrade: action.practitionerGrade });
        return;
      case 'placement':
        await placeWithProvider(context, this.caseOf(personId), { providerAgencyId: await this.agencyId(action.provider), startsOn: action.startsOn, keyWorker: action.keyWorker });
        return;
      case 'book': {
        const startsAt = this.at(action.startsAt.day, action.startsAt.time);
        const { appointmentId } = await bookAppointment(context, this.caseOf(personId), { kind: action.appointmentKind, startsAt, place: action.place, withWhom: action.withWhom });
        this.appointments.set(action.key, appointmentId);
        return;
      }
      case 'attendance':
        return recordAttendance(context, found(this.appointments, action.appointment, 'appointment'), { outcome: action.outcome, note: action.note });
      case 'engagement':
        await recordEngagement(context, this.caseOf(personId), action.input);
        return;
      case 'compliance-decision': {
        const { kind: _kind, appointments, ...input } = action;
        await recordComplianceDecision(context, this.caseOf(personId), { ...input, appointmentIds: appointments.map((key) => found(this.appointments, key, 'appointment')) });
        return;
      }
      case 'completion':
        await completeRequirement(context, this.caseOf(personId), action.input);
        return;
      case 'closing-review':
        await recordClosingReview(context, this.caseOf(personId), action.input);
        return;
    }
  }

  async playCommunityOrder(context: AppContext, order: CommunityOrderEvent): Promise<void> {
    await recordCommunityOrder(context, order.input);
  }

  private caseOf(personId: string): string {
    return found(this.cases, personId, 'pathway case for person');
  }

  private async agencyId(name: string): Promise<string> {
    this.agencies ??= await this.db.selectFrom('agencies').select(['id', 'name']).execute();
    const agency = this.agencies.find((item) => item.name === name);
    if (!agency) throw new Error(`The demo has no agency named ${name}`);
    return agency.id;
  }

  private async teamId(agencyId: string, name: string): Promise<string> {
    const team = await this.db.selectFrom('teams').select('id').where('agency_id', '=', agencyId).where('name', '=', name).executeTakeFirst();
    if (!team) throw new Error(`The demo has no team named ${name}`);
    return team.id;
  }
}

function found(map: Map<string, string>, key: string, what: string): string {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Demo step names a ${what} not made earlier in the story: ${key}`);
  return value;
}
