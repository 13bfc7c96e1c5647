import { ProblemList, type Checked } from './input-checks.ts';

// The screening after arrest and the mental health assessment the court relies on.
//
// The Legal Aid, Sentencing and Punishment of Offenders Act 2012 removed the requirement that the court's
// evidence come from a registered medical practitioner approved under section 12 of the Mental Health Act
// 1983. The assessment may now be made by any suitably qualified mental health practitioner whom the court
// accepts (for example a community psychiatric nurse, a psychologist or a social worker): so Accord records
// the assessor's qualification in their own words and whether the court accepted them, and never asks
// for section 12 approval. "An MHTR cannot be made without the legally required assessment" (guidance).

export interface ScreeningInput {
  screenedOn: Temporal.PlainDate | null;
  place: string;
  screeningTool: string;
  findings: string;
  // Whether the liaison and diversion practitioner thinks the pathway may suit the person.
  suggestsRequirement: string;
  // The custody referral the case came from, if any (a referral id).
  referralId: string | null;
}

export interface Screening {
  screenedOn: Temporal.PlainDate;
  place: string;
  screeningTool: string;
  findings: string;
  suggestsRequirement: boolean;
  referralId: string | null;
}

export const yesOrNo = { yes: 'Yes', no: 'No' } as const;

export function checkScreening(input: ScreeningInput, today: Temporal.PlainDate): Checked<Screening> {
  const problems = new ProblemList();
  const screenedOn = problems.pastDay('screenedOn', input.screenedOn, 'the date of the screening', today);
  const place = problems.text('place', input.place, 'where the screening took place (for example the custody suite)', 200);
  const screeningTool = problems.text('screeningTool', input.screeningTool, 'the screening tool used', 200);
  const findings = problems.text('findings', input.findings, 'what the screening found');
  const suggests = problems.choice('suggestsRequirement', input.suggestsRequirement, yesOrNo, 'whether a mental health treatment requirement may suit the person');
  const referralId = input.referralId === null || input.referralId.trim() === '' ? null : input.referralId.trim();
  return problems.result(() => ({ screenedOn: screenedOn!, place, screeningTool, findings, suggestsRequirement: suggests === 'yes', referralId }));
}

export interface PreSentenceReportInput {
  requestedOn: Temporal.PlainDate | null;
  court: string;
  hearingOn: Temporal.PlainDate | null;
  author: string;
  // The team or practitioner the report suggests to the court to make the mental health assessment.
  suggestedAssessor: string;
  registeredWithGeneralPractitioner: string;
}

export interface PreSentenceReport {
  requestedOn: Temporal.PlainDate;
  court: string;
  hearingOn: Temporal.PlainDate;
  author: string;
  suggestedAssessor: string;
  registeredWithGeneralPractitioner: boolean;
}

export function checkPreSentenceReport(input: PreSentenceReportInput, today: Temporal.PlainDate): Checked<PreSentenceReport> {
  const problems = new ProblemList();
  const requestedOn = problems.pastDay('requestedOn', input.requestedOn, 'the date the court asked for the report', today);
  const court = problems.text('court', input.court, 'the court', 200);
  const hearingOn = problems.day('hearingOn', input.hearingOn, 'the date of the sentencing hearing');
  if (requestedOn && hearingOn && Temporal.PlainDate.compare(hearingOn, requestedOn) < 0) problems.add('hearingOn', 'The hearing must be on or after the date the report was asked for');
  const author = problems.text('author', input.author, 'who is writing the report', 200);
  const suggestedAssessor = problems.text('suggestedAssessor', input.suggestedAssessor, 'the team or practitioner suggested to make the mental health assessment', 300);
  // Annex A: the report covers registration with a GP among the eligibility points.
  const gp = problems.choice('registeredWithGeneralPractitioner', input.registeredWithGeneralPractitioner, yesOrNo, 'whether the person is registered with a GP');
  return problems.result(() => ({ requestedOn: requestedOn!, court, hearingOn: hearingOn!, author, suggestedAssessor, registeredWithGeneralPractitioner: gp === 'yes' }));
}

// Whether the court has accepted the assessor as suitably qualified. It may not have decided yet when the
// assessment is recorded; the court's decision settles it.
export const courtAcceptances = {
  accepted: 'The court accepted the assessor',
  'not-accepted': 'The court did not accept the assessor',
  'not-yet-decided': 'The court has not decided yet',
} as const;

export type CourtAcceptance = keyof typeof courtAcceptances;

export interface AssessmentInput {
  assessedOn: Temporal.PlainDate | null;
  assessorName: string;
  // In the assessor's own words, for example "Registered mental health nurse, community forensic team".
  assessorQualification: string;
  assessorOrganisation: string;
  findings: string;
  recommendsRequirement: string;
  courtAcceptance: string;
}

export interface Assessment {
  assessedOn: Temporal.PlainDate;
  assessorName: string;
  assessorQualification: string;
  assessorOrganisation: string;
  findings: string;
  recommendsRequirement: boolean;
  courtAcceptance: CourtAcceptance;
}

export function checkAssessment(input: AssessmentInput, today: Temporal.PlainDate): Checked<Assessment> {
  const problems = new ProblemList();
  const assessedOn = problems.pastDay('assessedOn', input.assessedOn, 'the date of the assessment', today);
  const assessorName = problems.text('assessorName', input.assessorName, 'the assessor’s name', 200);
  const assessorQualification = problems.text('assessorQualification', input.assessorQualification, 'the assessor’s qualification (section 12 approval is not needed)', 300);
  const assessorOrganisation = problems.text('assessorOrganisation', input.assessorOrganisation, 'the assessor’s team or organisation', 200);
  const findings = problems.text('findings', input.findings, 'what the assessment found', 4000);
  const recommends = problems.choice('recommendsRequirement', input.recommendsRequirement, yesOrNo, 'whether the assessor recommends a mental health treatment requirement');
  const courtAcceptance = problems.choice('courtAcceptance', input.courtAcceptance, courtAcceptances, 'whether the court has accepted the assessor');
  return problems.result(() => ({
    assessedOn: assessedOn!,
    assessorName,
    assessorQualification,
    assessorOrganisation,
    findings,
    recommendsRequirement: recommends === 'yes',
    courtAcceptance: courtAcceptance!,
  }));
}
