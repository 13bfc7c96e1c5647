import type { LawEvent } from './contract.ts';
import type { Context } from './evaluation-state.ts';
import type { Moment } from './time.ts';
import { onRenewal } from './renewable-authority.ts';
import { onAdmission, onGuardianshipAccepted, onHoldingPower, onInformalAdmission, onSecondRecommendation } from './part-two-events.ts';
import { onCommunityTreatmentOrderMade, onRecallToHospital, onReleaseFromRecall, onRevocation } from './community-treatment-events.ts';
import { onPlaceOfSafetyArrival, onPlaceOfSafetyEnded, onPlaceOfSafetyExtended } from './place-of-safety.ts';
import { onHospitalAdmission, onOrderOrDirection, onRecallOfConditionallyDischarged } from './part-three-events.ts';
import { discharge, onBarringReport, onNearestRelativeNotice } from './discharge-events.ts';
import { onFirstMedication } from './consent-to-treatment.ts';
import { onAbsenceBegan, onAbsenceEnded } from './absence.ts';
import { onTribunalApplication, onTribunalApplicationWithdrawn, onTribunalHearing } from './tribunal.ts';

// One event applied to the state: each type goes to the handler for its part of the Act, with the
// event's instant as the engine reads it.

export function applyEvent(context: Context, event: LawEvent, at: Moment): void {
  switch (event.type) {
    case 'informal-admission':
      onInformalAdmission(context, event, at);
      return;
    case 's5-4-recorded':
    case 's5-2-report-furnished':
      onHoldingPower(context, event, at);
      return;
    case 's4-admitted':
    case 's2-admitted':
    case 's3-admitted':
      onAdmission(context, event, at);
      return;
    case 's4-second-recommendation-received':
      onSecondRecommendation(context, event, at);
      return;
    case 'renewal-furnished':
      onRenewal(context, event, at);
      return;
    case 'guardianship-accepted':
      onGuardianshipAccepted(context, event, at);
      return;
    case 'cto-made':
      onCommunityTreatmentOrderMade(context, event, at);
      return;
    case 'cto-recalled':
      onRecallToHospital(context, event, at);
      return;
    case 'cto-recall-released':
      onReleaseFromRecall(context, event, at);
      return;
    case 'cto-revoked':
      onRevocation(context, event, at);
      return;
    case 'place-of-safety-arrival':
      onPlaceOfSafetyArrival(context, event, at);
      return;
    case 'place-of-safety-extended':
      onPlaceOfSafetyExtended(context, event, at);
      return;
    case 'place-of-safety-ended':
      onPlaceOfSafetyEnded(context, event, at);
      return;
    case 'court-order':
    case 'transfer-direction':
      onOrderOrDirection(context, event, at);
      return;
    case 'hospital-admitted':
      onHospitalAdmission(context, event, at);
      return;
    case 'recalled':
      onRecallOfConditionallyDischarged(context, event, at);
      return;
    case 'discharged':
      discharge(context, event, at);
      return;
    case 'medication-first-administered':
      onFirstMedication(context, event, at);
      return;
    case 'tribunal-application':
      onTribunalApplication(context, event, at);
      return;
    case 'tribunal-application-withdrawn':
      onTribunalApplicationWithdrawn(context, event, at);
      return;
    case 'tribunal-hearing':
      onTribunalHearing(context, event, at);
      return;
    case 'awol-began':
      onAbsenceBegan(context, event, at);
      return;
    case 'awol-returned':
      onAbsenceEnded(context, event, at);
      return;
    case 'nr-discharge-notice':
      onNearestRelativeNotice(context, event, at);
      return;
    case 'barring-report-furnished':
      onBarringReport(context, event, at);
      return;
  }
}
