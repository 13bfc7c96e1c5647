import type { LawEvent } from './contract.ts';
import type { Context } from './evaluation-state.ts';
import { onRenewal } from './renewable-authority.ts';
import { onAdmission, onGuardianshipAccepted, onHoldingPower, onInformalAdmission, onSecondRecommendation } from './part-two-events.ts';
import { onCommunityTreatmentOrderMade, onRecallToHospital, onReleaseFromRecall, onRevocation } from './community-treatment-events.ts';
import { onPlaceOfSafetyArrival, onPlaceOfSafetyEnded, onPlaceOfSafetyExtended } from './place-of-safety.ts';
import { onHospitalAdmission, onOrderOrDirection, onRecallOfConditionallyDischarged } from './part-three-events.ts';
import { discharge, onBarringReport, onNearestRelativeNotice } from './discharge-events.ts';
import { onFirstMedication } from './consent-to-treatment.ts';
import { onAbsenceBegan, onAbsenceEnded } from './absence.ts';
import { onTribunalApplication, onTribunalApplicationWithdrawn, onTribunalHearing } from './tribunal.ts';

// One event applied to the state: each type goes to the handler for its part of the Act.

export function applyEvent(context: Context, event: LawEvent): void {
  switch (event.type) {
    case 'informal-admission':
      onInformalAdmission(context, event);
      return;
    case 's5-4-recorded':
    case 's5-2-report-furnished':
      onHoldingPower(context, event);
      return;
    case 's4-admitted':
    case 's2-admitted':
    case 's3-admitted':
      onAdmission(context, event);
      return;
    case 's4-second-recommendation-received':
      onSecondRecommendation(context, event);
      return;
    case 'renewal-furnished':
      onRenewal(context, event);
      return;
    case 'guardianship-accepted':
      onGuardianshipAccepted(context, event);
      return;
    case 'cto-made':
      onCommunityTreatmentOrderMade(context, event);
      return;
    case 'cto-recalled':
      onRecallToHospital(context, event);
      return;
    case 'cto-recall-released':
      onReleaseFromRecall(context, event);
      return;
    case 'cto-revoked':
      onRevocation(context, event);
      return;
    case 'place-of-safety-arrival':
      onPlaceOfSafetyArrival(context, event);
      return;
    case 'place-of-safety-extended':
      onPlaceOfSafetyExtended(context, event);
      return;
    case 'place-of-safety-ended':
      onPlaceOfSafetyEnded(context, event);
      return;
    case 'court-order':
    case 'transfer-direction':
      onOrderOrDirection(context, event);
      return;
    case 'hospital-admitted':
      onHospitalAdmission(context, event);
      return;
    case 'recalled':
      onRecallOfConditionallyDischarged(context, event);
      return;
    case 'discharged':
      discharge(context, event);
      return;
    case 'medication-first-administered':
      onFirstMedication(context, event);
      return;
    case 'tribunal-application':
      onTribunalApplication(context, event);
      return;
    case 'tribunal-application-withdrawn':
      onTribunalApplicationWithdrawn(context, event);
      return;
    case 'tribunal-hearing':
      onTribunalHearing(context, event);
      return;
    case 'awol-began':
      onAbsenceBegan(context, event);
      return;
    case 'awol-returned':
      onAbsenceEnded(context, event);
      return;
    case 'nr-discharge-notice':
      onNearestRelativeNotice(context, event);
      return;
    case 'barring-report-furnished':
      onBarringReport(context, event);
      return;
  }
}
