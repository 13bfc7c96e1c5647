import type { Role } from '../organisation/roles.ts';

// A restricted patient's conditional discharge: the conditions set by the Secretary of State (s42(2)) or
// the tribunal (s73), varied later by the Secretary of State (s42(2), s73(5)), the concerns and breaches
// those supervising the patient report, and recall to hospital by the Secretary of State's warrant
// (s42(3)). Whether the patient is conditionally discharged, and what falls due, is the law engine's answer;
// these are the rules about what is written beside it. Nothing here reads a clock or a database.

export const conditionKinds = {
  residence: { label: 'Residence', victimsByDefault: false },
  supervision: { label: 'Supervision', victimsByDefault: false },
  treatment: { label: 'Treatment', victimsByDefault: false },
  'exclusion-zone': { label: 'Exclusion zone', victimsByDefault: true },
  'no-contact': { label: 'No contact', victimsByDefault: true },
  other: { label: 'Other', victimsByDefault: false },
} as const;
export type ConditionKind = keyof typeof conditionKinds;
export const conditionKindKeys = Object.keys(conditionKinds) as [ConditionKind, ...ConditionKind[]];

// Who discharges conditionally, the provision, and the role that records it in Accord: the Ministry of
// Justice caseworker for the Secretary of State, the Mental Health Act administrator from the tribunal's
// decision.
export const dischargeBodies = {
  sos: { label: 'The Secretary of State for Justice', provision: 's42(2)', recordedBy: 'moj-caseworker' },
  tribunal: { label: 'The tribunal', provision: 's73', recordedBy: 'mha-administrator' },
} as const satisfies Record<string, { label: string; provision: string; recordedBy: Role }>;
export type DischargeBody = keyof typeof dischargeBodies;

export const concernKinds = {
  concern: 'Concern',
  breach: 'Breach of a condition',
} as const;
export type ConcernKind = keyof typeof concernKinds;

// Those supervising or working with a conditionally discharged patient who report how it is going.
export const concernRecorders: readonly Role[] = ['responsible-clinician', 'psychiatrist', 'social-worker', 'probation-practitioner', 'police-officer', 'moj-caseworker'];

export function mayRecordConcerns(role: Role | null): boolean {
  return role !== null && concernRecorders.includes(role);
}

export interface ConditionalDischargeProblem {
  field: string;
  message: string;
}

export interface ValidCondition {
  kind: ConditionKind;
  text: string;
  concernsVictims: boolean;
}

// One row of the conditions form, as submitted. `concernsVictims` is 'yes', 'no', or blank for the kind's
// default (yes for exclusion zones and no contact).
export interface ConditionRowInput {
  kind?: string;
  text?: string;
  concernsVictims?: string;
}

export const conditionRowsShown = 6;
const longestCondition = 2000;
const longestText = 4000;

export function conditionField(row: number, part: 'kind' | 'text' | 'concernsVictims'): string {
  return `condition${row + 1}-${part}`;
}

function isKey<T extends object>(options: T, value: string | undefined): value is Extract<keyof T, string> {
  return value !== undefined && Object.hasOwn(options, value);
}

// Blank rows are ignored; a row with anything in it needs a kind and the wording; at least one condition.
export function validateConditions(rows: readonly ConditionRowInput[]): { ok: true; conditions: ValidCondition[] } | { ok: false; problems: ConditionalDischargeProblem[] } {
  const problems: ConditionalDischargeProblem[] = [];
  const conditions: ValidCondition[] = [];
  rows.forEach((row, index) => {
    const kind = (row.kind ?? '').trim();
    const text = (row.text ?? '').trim();
    if (kind === '' && text === '') return;
    const victims = (row.concernsVictims ?? '').trim();
    if (!isKey(conditionKinds, kind)) problems.push({ field: conditionField(index, 'kind'), message: `Condition ${index + 1}: select the kind of condition` });
    if (text === '') problems.push({ field: conditionField(index, 'text'), message: `Condition ${index + 1}: enter the wording of the condition` });
    else if (text.length > longestCondition) problems.push({ field: conditionField(index, 'text'), message: `Condition ${index + 1}: shorten the wording to ${longestCondition} characters or fewer` });
    if (victims !== '' && victims !== 'yes' && victims !== 'no') problems.push({ field: conditionField(index, 'concernsVictims'), message: `Condition ${index + 1}: select whether it concerns victims` });
    if (isKey(conditionKinds, kind)) {
      conditions.push({ kind, text, concernsVictims: victims === '' ? conditionKinds[kind].victimsByDefault : victims === 'yes' });
    }
  });
  if (problems.length === 0 && conditions.length === 0) problems.push({ field: conditionField(0, 'kind'), message: 'Enter at least one condition: a conditional discharge is on conditions' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, conditions };
}

function requiredText(problems: ConditionalDischargeProblem[], field: string, value: string | undefined, missing: string): string {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') problems.push({ field, message: missing });
  else if (trimmed.length > longestText) problems.push({ field, message: `${missing.replace(/^Enter /, 'Shorten ')}: ${longestText} characters or fewer` });
  return trimmed;
}

export function validateDischargeBody(by: string | undefined): { ok: true; by: DischargeBody } | { ok: false; problems: ConditionalDischargeProblem[] } {
  if (!isKey(dischargeBodies, by)) return { ok: false, problems: [{ field: 'by', message: 'Select who discharged the patient: the Secretary of State or the tribunal' }] };
  return { ok: true, by };
}

// Who may record a conditional discharge by this body: its decision is recorded by the role that acts for it.
export function dischargeRecorderRefusal(by: DischargeBody, role: Role | null): string | null {
  const body = dischargeBodies[by];
  if (role === body.recordedBy) return null;
  return by === 'sos'
    ? `Only a Ministry of Justice caseworker can record a conditional discharge by the Secretary of State (${body.provision})`
    : `Only a Mental Health Act administrator can record a conditional discharge by the tribunal (${body.provision})`;
}

export function validateVariationReason(reason: string | undefined): { ok: true; reason: string } | { ok: false; problems: ConditionalDischargeProblem[] } {
  const problems: ConditionalDischargeProblem[] = [];
  const trimmed = requiredText(problems, 'reason', reason, 'Enter why the conditions are being varied');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, reason: trimmed };
}

export interface ConcernInput {
  kind?: string;
  conditionId?: string;
  whatHappened?: string;
  actionTaken?: string;
}

export interface ValidConcern {
  kind: ConcernKind;
  conditionId: string | null;
  whatHappened: string;
  actionTaken: string;
}

// A breach is of a condition, so it names which; a concern may or may not. The condition must be one in
// force (`conditionIds`).
export function validateConcern(input: ConcernInput, conditionIds: readonly string[]): { ok: true; concern: ValidConcern } | { ok: false; problems: ConditionalDischargeProblem[] } {
  const problems: ConditionalDischargeProblem[] = [];
  const kind = (input.kind ?? '').trim();
  if (!isKey(concernKinds, kind)) problems.push({ field: 'kind', message: 'Select whether this is a concern or a breach of a condition' });
  const conditionId = (input.conditionId ?? '').trim();
  if (conditionId === '' || conditionId === 'none') {
    if (kind === 'breach') problems.push({ field: 'conditionId', message: 'Select the condition that was breached' });
  } else if (!conditionIds.includes(conditionId)) {
    problems.push({ field: 'conditionId', message: 'Select a condition in force now' });
  }
  const whatHappened = requiredText(problems, 'whatHappened', input.whatHappened, 'Enter what happened');
  const actionTaken = requiredText(problems, 'actionTaken', input.actionTaken, 'Enter the action taken, or say none was');
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, concern: { kind: kind as ConcernKind, conditionId: conditionId === '' || conditionId === 'none' ? null : conditionId, whatHappened, actionTaken } };
}

export function validateWarrantReasons(reasons: string | undefined): { ok: true; reasons: string } | { ok: false; problems: ConditionalDischargeProblem[] } {
  const problems: ConditionalDischargeProblem[] = [];
  const trimmed = requiredText(problems, 'reasons', reasons, 'Enter the reasons for recall');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, reasons: trimmed };
}

// The notice of a breach to the Ministry of Justice's casework team. It may leave Accord by email, so it
// does not name the patient: the caseworker signs in to read who and what.
export function breachNotice(condition: { kind: ConditionKind }, reportedBy: { agencyName: string }): { subject: string; body: string } {
  return {
    subject: 'A conditionally discharged patient has breached a condition',
    body: `${reportedBy.agencyName} has recorded a breach of a condition (${conditionKinds[condition.kind].label.toLowerCase()}) by a conditionally discharged restricted patient your team is involved with. The Secretary of State may recall the patient to hospital (section 42(3)). Sign in to Accord to read it.`,
  };
}

// The message when something needs the patient to be conditionally discharged and they are not.
export function notConditionallyDischargedMessage(what: string, provision: string): string {
  return `${what} only for a patient who is conditionally discharged, and the law engine does not show this patient as conditionally discharged now (${provision})`;
}
