import type { LegalEntryContent } from '../../domain/people/person.ts';
import { certificateForms, documentOutcomes, nearestRelativeOrderKinds, tribunalReferrers } from '../../domain/legal/legal-entries.ts';
import { formatDate, formatDateTime } from '../core/dates.ts';

// One line, in plain words, for a legal entry in the person's chronology.
export function legalEntrySummary(content: LegalEntryContent): string {
  switch (content.kind) {
    case 'legal-event-recorded': {
      const placement = content.data.placement;
      const where = placement ? ` at ${placement.agencyName}${placement.teamName ? `, ${placement.teamName}` : ''}` : '';
      return `${legalEventLabel(content.data.event)} on ${formatDateTime(content.data.event.at)}${where}.${content.data.note ? ` ${content.data.note}` : ''}`;
    }
    case 'statutory-document-received':
      return `Form ${content.data.formCode} (${content.data.formTitle}) received on ${formatDateTime(content.data.receivedAt)}.`;
    case 'document-outcome-recorded':
      return `${documentOutcomes[content.data.outcome]}: ${content.data.action}`;
    case 'relative-recorded':
      return `${content.data.name}, ${content.data.relationship.replaceAll('-', ' ')}.`;
    case 'nearest-relative-order-recorded': {
      const kind = nearestRelativeOrderKinds[content.data.kind];
      return `${kind.label} (${kind.provision}): ${content.data.actingName} acts from ${formatDate(content.data.from)}${content.data.to ? ` to ${formatDate(content.data.to)}` : ''}.`;
    }
    case 'rights-information-given':
      return `Information about rights under ${content.data.provision} given on ${formatDateTime(content.data.at)}; ${content.data.understood ? 'the patient appeared to understand' : 'the patient did not appear to understand: to be given again'}.`;
    case 'certificate-recorded':
      return `${certificateForms[content.data.form]}, dated ${formatDateTime(content.data.at)}: ${content.data.treatment}.`;
    case 'leave-granted':
      return `Leave of absence (s17) from ${formatDateTime(content.data.from)} to ${formatDateTime(content.data.to)}${content.data.escorted ? ', escorted' : ''}.`;
    case 'cto-conditions-recorded':
      return `${content.data.variation ? 'Conditions varied (s17B(4))' : 'Conditions set (s17B)'} on ${formatDateTime(content.data.at)}: ${content.data.conditions}`;
    case 'legal-event-withdrawn':
      return `Withdrawn as entered in error: ${content.data.reason}`;
    case 'tribunal-reference-made':
      return `${tribunalReferrers[content.data.by]} referred the case to the tribunal under ${content.data.provision} on ${formatDateTime(content.data.at)}${content.data.met ? `, meeting the reference due under ${content.data.met.provision}` : ''}.${content.data.note ? ` ${content.data.note}` : ''}`;
    case 'hospital-transfer':
      return `Transferred (s19) to ${content.data.to.agencyName}${content.data.to.teamName ? `, ${content.data.to.teamName}` : ''} on ${formatDateTime(content.data.at)}.`;
  }
}

const eventLabels: Record<string, string> = {
  'informal-admission': 'Admitted informally',
  's5-4-recorded': 'Nurse\u2019s holding power, s5(4)',
  's5-2-report-furnished': 'Doctor\u2019s holding power, s5(2)',
  's4-admitted': 'Admitted for assessment in an emergency, s4',
  's4-second-recommendation-received': 'Second medical recommendation received: s4 becomes s2',
  's2-admitted': 'Admitted for assessment, s2',
  's3-admitted': 'Admitted for treatment, s3',
  'renewal-furnished': 'Renewal or extension report furnished, s20/s20A',
  'guardianship-accepted': 'Guardianship application accepted, s7',
  'cto-made': 'Community treatment order made, s17A',
  'cto-recalled': 'Recalled to hospital, s17E',
  'cto-recall-released': 'Released from recall, s17F(5)',
  'cto-revoked': 'Community treatment order revoked, s17F(4)',
  'place-of-safety-arrival': 'Arrived at a place of safety',
  'place-of-safety-extended': 'Place of safety detention extended, s136B',
  'place-of-safety-ended': 'Place of safety power ended',
  'court-order': 'Court order',
  'transfer-direction': 'Transfer direction',
  'hospital-admitted': 'Admitted to hospital under the order or direction',
  discharged: 'Discharged',
  recalled: 'Recalled by the Secretary of State, s42(3)',
  'medication-first-administered': 'First medication for mental disorder in this period',
  'tribunal-application': 'Application to the tribunal',
  'tribunal-application-withdrawn': 'Tribunal application withdrawn',
  'tribunal-hearing': 'Tribunal hearing',
  'awol-began': 'Absent without leave',
  'awol-returned': 'Returned or retaken',
  'nr-discharge-notice': 'Nearest relative\u2019s notice to discharge, s25',
  'barring-report-furnished': 'Barring report furnished, s25(1)',
};

const dischargers: Record<string, string> = { rc: 'the responsible clinician', managers: 'the hospital managers', nr: 'the nearest relative', tribunal: 'the tribunal', sos: 'the Secretary of State' };

export function legalEventLabel(event: { type: string } & Record<string, unknown>): string {
  const base = eventLabels[event.type] ?? event.type;
  if (event.type === 'place-of-safety-arrival') return `${base}, ${String(event.power)}`;
  if (event.type === 'place-of-safety-extended') return `${base} by ${String(event.hours)} hours`;
  if (event.type === 'court-order') return `${base}, ${String(event.order)}${event.restricted ? ' with restrictions (s41)' : ''}`;
  if (event.type === 'transfer-direction') return `${base}, ${String(event.direction)}${event.restricted ? ' with restrictions (s49)' : ''}`;
  if (event.type === 'discharged') return `${base} (${String(event.kind)}) by ${dischargers[String(event.by)] ?? String(event.by)}`;
  if (event.type === 'tribunal-application') return `${base} by ${event.applicant === 'nr' ? 'the nearest relative' : 'the patient'}`;
  return base;
}
