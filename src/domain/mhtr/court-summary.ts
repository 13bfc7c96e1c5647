import { courtAcceptances } from './assessment.ts';
import { courtOutcomes, orderKinds, otherRequirements, treatmentConditionKeys, treatmentConditions, treatmentKinds, conditionsProvision } from './court.ts';
import { consentCoversAssessmentAndTreatment, type MhtrCaseState } from './pathway.ts';
import { missingFromReport, reportChecklistItems, type ReportChecklistItem } from './report-checklist.ts';
import { mhtrStages } from './stages.ts';
import { complianceDecisions, type AppointmentTally } from './supervision.ts';

// What the court needs, and only that: fit to be read in open court. Nothing marked private is in it —
// not the consent agreed in private, not the presenting issues, screening results or treatment plan —
// and no clinical findings, so that a person is not deterred from the requirement by having their mental
// health discussed in public (guidance, "Consent"). The court ratifies the agreement without its details.

export interface CourtSummary {
  stage: string;
  preSentenceReport: { court: string; hearingOn: Temporal.PlainDate; author: string } | null;
  assessor: { name: string; qualification: string; organisation: string; courtAcceptance: string; recommendsRequirement: boolean } | null;
  // The checklist's open items only, each done or not.
  openItems: { item: ReportChecklistItem; label: string; done: boolean }[];
  // Whether the whole report is complete, private items included, without saying which is missing.
  reportComplete: boolean;
  treatmentProvider: string | null;
  treatmentAvailable: { confirmedBy: string; availableFrom: Temporal.PlainDate } | null;
  clinicalSignOff: { by: string; authority: string } | null;
  conditions: { label: string; met: boolean }[] | null;
  conditionsProvision: string;
  decision: { decidedOn: Temporal.PlainDate; court: string; outcome: string } | null;
  order: {
    madeOn: Temporal.PlainDate;
    orderKind: string;
    requirementStartsOn: Temporal.PlainDate;
    requirementEndsOn: Temporal.PlainDate;
    treatmentKind: string;
    placeOrPractitioner: string;
    otherRequirements: string[];
  } | null;
  // For breach proceedings: attendance and the probation practitioner's decisions (not the provider's
  // clinical view).
  attendance: AppointmentTally | null;
  decisions: { decidedOn: Temporal.PlainDate; decision: string }[];
  breach: { startedOn: Temporal.PlainDate; court: string; grounds: string } | null;
}

export function courtSummary(state: MhtrCaseState, attendance: AppointmentTally | null): CourtSummary {
  const missing = new Set(
    missingFromReport({ entries: state.checklist, assessment: state.assessment, consentToAssessmentAndTreatment: consentCoversAssessmentAndTreatment(state.consent) }).map((item) => item.item),
  );
  const openItems = (Object.keys(reportChecklistItems) as ReportChecklistItem[])
    .filter((item) => !reportChecklistItems[item].private)
    .map((item) => ({ item, label: reportChecklistItems[item].label, done: !missing.has(item) }));
  const { preSentenceReport, assessment, decision, order } = state;
  return {
    stage: mhtrStages[state.stage],
    preSentenceReport: preSentenceReport === null ? null : { court: preSentenceReport.court, hearingOn: preSentenceReport.hearingOn, author: preSentenceReport.author },
    assessor:
      assessment === null
        ? null
        : {
            name: assessment.assessorName,
            qualification: assessment.assessorQualification,
            organisation: assessment.assessorOrganisation,
            courtAcceptance: courtAcceptances[assessment.courtAcceptance],
            recommendsRequirement: assessment.recommendsRequirement,
          },
    openItems,
    reportComplete: missing.size === 0,
    // The provider the plan names is open (the order must name the place or practitioner); the plan is not.
    treatmentProvider: state.checklist.treatmentPlan?.provider ?? null,
    treatmentAvailable: state.checklist.treatmentAvailable ?? null,
    clinicalSignOff: state.checklist.clinicalSignOff ?? null,
    conditions: decision === null ? null : treatmentConditionKeys.map((condition) => ({ label: treatmentConditions[condition], met: decision.conditionsMet.includes(condition) })),
    conditionsProvision,
    decision: decision === null ? null : { decidedOn: decision.decidedOn, court: decision.court, outcome: courtOutcomes[decision.outcome] },
    order:
      order === null
        ? null
        : {
            madeOn: order.madeOn,
            orderKind: orderKinds[order.orderKind],
            requirementStartsOn: order.requirementStartsOn,
            requirementEndsOn: order.requirementEndsOn,
            treatmentKind: treatmentKinds[order.treatmentKind].label,
            placeOrPractitioner: order.placeOrPractitioner,
            otherRequirements: order.otherRequirements.map((item) => otherRequirements[item]),
          },
    attendance,
    decisions: state.decisions.map((item) => ({ decidedOn: item.decidedOn, decision: complianceDecisions[item.decision] })),
    breach: state.breach,
  };
}
