import type { DeadlineKind, EvaluateOutput } from '../law/contract.ts';
import type { Role } from '../organisation/roles.ts';
import type { LegalRecord } from './legal-record.ts';
import { isReferenceDeadline, referenceMeeting } from './tribunal-references.ts';

// What falls due for one person: the law engine's deadlines, and the duties the hospital has beside them
// that the engine does not compute (s132 information at every change of section; a consent-to-treatment
// certificate or second opinion before the three-month point). Each item says whose task it is.

export type DueKind = DeadlineKind | 'rights-information' | 'certificate-or-second-opinion';

export interface DueItem {
  kind: DueKind;
  due: Temporal.Instant;
  provision: string;
  // The role whose task this is; null where the item is for information on the deadlines page only.
  role: Role | null;
  title: string;
}

const holdingPowers = new Set(['s5(2)', 's5(4)', 's4', 's135(1)', 's136']);

// The task each engine deadline makes, if any. Windows that open for the patient, and the Secretary of
// State's own references, are shown as deadlines but are not the hospital's tasks.
function deadlineTask(kind: DeadlineKind, provision: string, status: EvaluateOutput['status']): { role: Role | null; title: string } {
  switch (kind) {
    case 'authority-ends':
      if (holdingPowers.has(status.provision)) return { role: 'amhp', title: `The ${status.provision} power ends: assessment must be completed before then` };
      return { role: 'responsible-clinician', title: `The ${status.provision === 'cto' ? 'community treatment order' : status.provision} authority ends: renew, extend or discharge before then` };
    case 'renewal-window-opens':
      return { role: null, title: 'The renewal (or extension) examination can be made from' };
    case 'tribunal-window-opens':
      return { role: null, title: 'The patient may next apply to the tribunal from' };
    case 'tribunal-window-closes':
      return { role: 'mha-administrator', title: 'The patient\u2019s tribunal application window closes: make sure they know their right to apply' };
    case 'managers-reference-due':
      return { role: 'mha-administrator', title: 'Refer the case to the tribunal (managers\u2019 reference)' };
    case 'sos-reference-due':
      return { role: null, title: 'The Secretary of State must refer the case to the tribunal' };
    case 'medication-certificate-required':
      return { role: null, title: 'Medication needs a certificate from' };
    case 'recall-72h-ends':
      return { role: 'responsible-clinician', title: 'The 72 hours after recall end: revoke the order or release the patient' };
    case 'awol-retaking-ends':
      return { role: 'mha-administrator', title: 'The patient can no longer be taken and returned after this' };
    case 'annual-report-due':
      return { role: 'responsible-clinician', title: 'Send the annual report on the restricted patient to the Secretary of State' };
    case 'supervisor-report-due':
      return { role: 'responsible-clinician', title: 'Send the supervisor\u2019s report to the Secretary of State' };
    case 'admission-deadline':
      return { role: 'mha-administrator', title: `Admit under the ${provision.split('(')[0]} order or direction before it lapses` };
  }
}

const detainedOrCommunity = new Set(['s2', 's3', 's4', 's5(2)', 's5(4)', 's135(1)', 's136', 'cto', 's35', 's36', 's37', 's37/41', 's38', 's45A', 's47', 's47/49', 's48', 's48/49']);

// A reference to the tribunal the engine shows as due, which a reference recorded as made has met: no
// longer due, and its task closes saying so.
export interface MetReference {
  kind: DueKind;
  due: Temporal.Instant;
  provision: string;
  madeAt: string;
}

export function metReferences(record: LegalRecord, output: EvaluateOutput): MetReference[] {
  return output.deadlines.filter(isReferenceDeadline).flatMap((deadline) => {
    const made = referenceMeeting(deadline, record.tribunalReferences);
    return made === null ? [] : [{ kind: deadline.kind, due: deadline.due, provision: deadline.provision, madeAt: made.at }];
  });
}

export function dueItems(record: LegalRecord, output: EvaluateOutput): DueItem[] {
  const items: DueItem[] = [];
  // The engine keeps showing a reference as due until the tribunal hears the case (s68(6) then counts
  // from the hearing); once one is recorded as made it is no longer due.
  const met = metReferences(record, output);
  for (const deadline of output.deadlines) {
    if (met.some((reference) => reference.kind === deadline.kind && reference.due.equals(deadline.due))) continue;
    const task = deadlineTask(deadline.kind, deadline.provision, output.status);
    items.push({ kind: deadline.kind, due: deadline.due, provision: deadline.provision, ...task });
  }
  // s132 (s132A for a community patient): information about rights as soon as practicable after each
  // change of section, until it is recorded as given.
  const { status } = output;
  if (status.since !== null && detainedOrCommunity.has(status.provision)) {
    const since = status.since;
    const given = record.rightsInformation.some((information) => Temporal.Instant.compare(Temporal.Instant.from(information.at), since) >= 0);
    if (!given) {
      const provision = status.provision === 'cto' ? 's132A' : 's132';
      items.push({ kind: 'rights-information', due: since, provision, role: 'mha-administrator', title: `Give the patient information about their rights under ${provision} (${status.provision})` });
    }
  }
  // s58: from the three-month point medication needs a T2 (consent) or a T3 (second opinion).
  const certificatePoint = output.deadlines.find((deadline) => deadline.kind === 'medication-certificate-required');
  if (certificatePoint !== undefined) {
    const firstDose = [...record.events].reverse().find((event) => event.event.type === 'medication-first-administered');
    const held = firstDose !== undefined && record.certificates.some((certificate) => (certificate.form === 'T2' || certificate.form === 'T3') && Temporal.Instant.compare(Temporal.Instant.from(certificate.at), Temporal.Instant.from(firstDose.event.at)) > 0);
    if (!held) {
      items.push({ kind: 'certificate-or-second-opinion', due: certificatePoint.due, provision: certificatePoint.provision, role: 'responsible-clinician', title: 'Certify consent (T2) or request a second opinion (T3) before medication needs a certificate' });
    }
  }
  return items;
}

export const dueKindLabels: Record<DueKind, string> = {
  'authority-ends': 'Authority ends',
  'renewal-window-opens': 'Renewal window opens',
  'tribunal-window-opens': 'Tribunal window opens',
  'tribunal-window-closes': 'Tribunal window closes',
  'managers-reference-due': 'Managers\u2019 reference due',
  'sos-reference-due': 'Secretary of State\u2019s reference due',
  'medication-certificate-required': 'Medication certificate needed',
  'recall-72h-ends': 'Recall 72 hours end',
  'awol-retaking-ends': 'Retaking period ends',
  'annual-report-due': 'Annual report due',
  'supervisor-report-due': 'Supervisor\u2019s report due',
  'admission-deadline': 'Admission deadline',
  'rights-information': 'Rights information to give',
  'certificate-or-second-opinion': 'Certificate or second opinion',
};

// What a deadline that has passed means. Most are missed duties (overdue). A window that opens is not
// missed: from then on something may be done. The medication point is a standing rule from then on (the
// duty to get a certificate is its own item, 'certificate-or-second-opinion'). A tribunal window that
// closes has closed.
export type DeadlineState = 'overdue' | 'open' | 'applies' | 'closed' | 'upcoming';

const passedStates: Partial<Record<DueKind, DeadlineState>> = {
  'renewal-window-opens': 'open',
  'tribunal-window-opens': 'open',
  'medication-certificate-required': 'applies',
  'tribunal-window-closes': 'closed',
};

// The kinds whose passing makes a standing state, not a missed duty.
export const standingKinds = Object.keys(passedStates) as DueKind[];

export const deadlineStateLabels: Record<DeadlineState, string> = { overdue: 'Overdue', open: 'Open now', applies: 'Applies now', closed: 'Closed', upcoming: '' };

export function deadlineState(kind: DueKind, due: Temporal.Instant, now: Temporal.Instant): DeadlineState {
  if (Temporal.Instant.compare(due, now) > 0) return 'upcoming';
  return passedStates[kind] ?? 'overdue';
}
