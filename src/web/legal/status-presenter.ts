import type { LegalPositionView } from '../../app/legal/view-legal.ts';
import type { Finding, Provision, Relationship } from '../../domain/law/contract.ts';
import { dueKindLabels } from '../../domain/legal/due-items.ts';
import { certificateForms, nearestRelativeOrderKinds, tribunalReferrers } from '../../domain/legal/legal-entries.ts';
import { referenceMeeting, referenceTimeliness, type ReferenceTimeliness } from '../../domain/legal/tribunal-references.ts';
import { formatDate, formatDateTime, formatTime, londonTimeZone } from '../core/dates.ts';
import { legalEventLabel } from './legal-presenter.ts';

// The status page's view model: the law engine's answer put into plain words, exactly. Deadlines are
// exclusive ends ("the first instant after the period"), so a deadline at 00:00 London time is shown as
// midnight at the end of the day before, which is how the last day of a period is read in practice.

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function dayWithWeekday(date: Temporal.PlainDate): string {
  return `${weekdays[date.dayOfWeek - 1]} ${formatDate(date)}`;
}

// "midnight at the end of Sunday 17 May 2026", or "Monday 18 May 2026 at 3:10pm".
export function formatDueMoment(due: Temporal.Instant | string): string {
  const zoned = (typeof due === 'string' ? Temporal.Instant.from(due) : due).toZonedDateTimeISO(londonTimeZone);
  if (zoned.hour === 0 && zoned.minute === 0 && zoned.second === 0) return `midnight at the end of ${dayWithWeekday(zoned.toPlainDate().subtract({ days: 1 }))}`;
  return `${dayWithWeekday(zoned.toPlainDate())} at ${formatTime(zoned.toPlainTime())}`;
}

// The same with its preposition, to follow a verb: "at midnight at the end of …", "on Monday … at 3:10pm".
export function dueMomentPhrase(due: Temporal.Instant | string): string {
  const moment = formatDueMoment(due);
  return moment.startsWith('midnight') ? `at ${moment}` : `on ${moment}`;
}

function days(count: number): string {
  return count === 1 ? '1 day' : `${count} days`;
}

// How far away a deadline is, counted in London days: "today", "tomorrow", "in 27 days", or once it has
// passed "earlier today", "yesterday", "3 days ago". A deadline at midnight belongs to the day it ends.
export function dueFromNow(due: Temporal.Instant | string, now: Temporal.Instant): { passed: boolean; text: string } {
  const instant = typeof due === 'string' ? Temporal.Instant.from(due) : due;
  const today = now.toZonedDateTimeISO(londonTimeZone).toPlainDate();
  const zoned = instant.toZonedDateTimeISO(londonTimeZone);
  if (Temporal.Instant.compare(instant, now) <= 0) {
    const ago = zoned.toPlainDate().until(today).days;
    return { passed: true, text: ago === 0 ? 'earlier today' : ago === 1 ? 'yesterday' : `${days(ago)} ago` };
  }
  const atMidnight = zoned.hour === 0 && zoned.minute === 0 && zoned.second === 0;
  const lastDay = atMidnight ? zoned.toPlainDate().subtract({ days: 1 }) : zoned.toPlainDate();
  const ahead = today.until(lastDay).days;
  return { passed: false, text: ahead <= 0 ? 'today' : ahead === 1 ? 'tomorrow' : `in ${days(ahead)}` };
}

// "s2(4)" -> "Section 2(4)"; "reg 24" -> "Regulation 24"; "Sch 1 Pt 1 para 2" -> "Schedule 1, Part 1, paragraph 2".
export function provisionName(provision: string): string {
  const words = provision
    .replace(/\bs(\d)/g, 'section $1')
    .replace(/\breg (\d)/g, 'regulation $1')
    .replace(/\bSch (\d+) Pt (\d+) para (\d+)/g, 'schedule $1, part $2, paragraph $3')
    .replace(/^cto$/, 'community treatment order');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// The power itself, in plain words, and how to say someone is under it.
const powers: Record<Provision, { name: string; under: string }> = {
  informal: { name: 'Informal patient', under: 'In hospital informally, not detained' },
  none: { name: 'Not subject to the Mental Health Act', under: 'Not subject to the Mental Health Act' },
  's5(4)': { name: 'Nurse\u2019s holding power', under: 'Held under section 5(4)' },
  's5(2)': { name: 'Doctor\u2019s holding power', under: 'Held under section 5(2)' },
  s4: { name: 'Emergency admission for assessment', under: 'Detained under section 4' },
  s2: { name: 'Admission for assessment', under: 'Detained under section 2' },
  s3: { name: 'Admission for treatment', under: 'Detained under section 3' },
  's135(1)': { name: 'Place of safety under a warrant', under: 'Held in a place of safety under section 135(1)' },
  s136: { name: 'Place of safety (police power)', under: 'Held in a place of safety under section 136' },
  cto: { name: 'Community treatment order', under: 'On a community treatment order (section 17A)' },
  guardianship: { name: 'Guardianship', under: 'Under guardianship (section 7)' },
  s35: { name: 'Remand to hospital for a report', under: 'Remanded to hospital under section 35' },
  s36: { name: 'Remand to hospital for treatment', under: 'Remanded to hospital under section 36' },
  s37: { name: 'Hospital order', under: 'Detained under a hospital order, section 37' },
  's37/41': { name: 'Hospital order with restrictions', under: 'Detained under a hospital order with restrictions, sections 37 and 41' },
  s38: { name: 'Interim hospital order', under: 'Detained under an interim hospital order, section 38' },
  s45A: { name: 'Hospital and limitation direction', under: 'Detained under a hospital and limitation direction, section 45A' },
  s47: { name: 'Transfer of a sentenced prisoner', under: 'Detained under a transfer direction, section 47' },
  's47/49': { name: 'Transfer of a sentenced prisoner with restrictions', under: 'Detained under a restricted transfer direction, sections 47 and 49' },
  s48: { name: 'Transfer of an unsentenced prisoner', under: 'Detained under a transfer direction, section 48' },
  's48/49': { name: 'Transfer of an unsentenced prisoner with restrictions', under: 'Detained under a restricted transfer direction, sections 48 and 49' },
  'conditionally-discharged': { name: 'Conditionally discharged restricted patient', under: 'Conditionally discharged (section 42(2))' },
};

export function powerName(provision: Provision): string {
  return powers[provision]?.name ?? provision;
}

export const relationshipLabels: Record<Relationship, string> = {
  husband: 'Husband',
  wife: 'Wife',
  'civil-partner': 'Civil partner',
  cohabitant: 'Living with the patient as a spouse or civil partner (6 months or more)',
  son: 'Son',
  daughter: 'Daughter',
  father: 'Father',
  mother: 'Mother',
  brother: 'Brother',
  sister: 'Sister',
  grandfather: 'Grandfather',
  grandmother: 'Grandmother',
  grandson: 'Grandson',
  granddaughter: 'Granddaughter',
  uncle: 'Uncle',
  aunt: 'Aunt',
  nephew: 'Nephew',
  niece: 'Niece',
  'non-relative-co-resident': 'Not a relative, living with the patient (5 years or more)',
};

export function relationshipLabel(relationship: string): string {
  return relationshipLabels[relationship as Relationship] ?? relationship.replaceAll('-', ' ');
}

const severityOrder: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };
const severityLabels: Record<Finding['severity'], string> = { error: 'Error', warning: 'Warning', info: 'For information' };

function placementText(placement: { agencyName: string; teamName: string | null } | null): string {
  if (!placement) return '';
  return placement.teamName ? `${placement.agencyName}, ${placement.teamName}` : placement.agencyName;
}

function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No';
}

function isoDateText(value: string | null): string {
  return value ? formatDate(value) : '';
}

const referenceTimelinessLabels: Record<ReferenceTimeliness, string> = {
  'on-time': 'on time',
  late: 'late',
  // s68(7): "as soon as possible" after revocation, with no time set.
  'as-soon-as-possible': 'after the revocation',
  'not-made': 'not made',
};

export function legalStatusPage(view: LegalPositionView, now: Temporal.Instant, canWrite: boolean) {
  const { position, personId } = view;
  const { output, record } = position;
  const status = output.status;
  const deadlineOf = (kind: string) => output.deadlines.find((deadline) => deadline.kind === kind) ?? null;
  const due = (instant: Temporal.Instant) => ({ moment: formatDueMoment(instant), phrase: dueMomentPhrase(instant), ...dueFromNow(instant, now), iso: instant.toString() });

  // The headline: the power in force, since when, and when it ends.
  const power = powers[status.provision];
  const authorityEnds = deadlineOf('authority-ends');
  const headline = {
    power: status.since ? `${power.under} since ${formatDateTime(status.since)}.` : `${power.under}.`,
    ends: authorityEnds
      ? (() => {
          const end = due(authorityEnds.due);
          return end.passed ? `The authority ended ${end.text}, ${end.phrase} (${provisionName(authorityEnds.provision)}).` : `Ends ${end.phrase} \u2014 ${end.text} (${provisionName(authorityEnds.provision)}).`;
        })()
      : null,
    passed: authorityEnds ? Temporal.Instant.compare(authorityEnds.due, now) <= 0 : false,
  };

  const summaryRows = [
    { key: { text: 'Power in force' }, value: { text: `${power.name} (${provisionName(status.provision)})` } },
    { key: { text: 'Since' }, value: { text: status.since ? formatDateTime(status.since) : 'Not applicable' } },
    { key: { text: 'Liable to be detained' }, value: { text: yesNo(status.liableToBeDetained) } },
    { key: { text: 'Restricted (Ministry of Justice)' }, value: { text: yesNo(status.restricted) } },
    { key: { text: 'Absent without leave' }, value: { text: yesNo(status.awol) } },
    { key: { text: 'Legal status code (MHSDS)' }, value: { text: status.legalStatusCode ?? 'None' } },
    { key: { text: 'Responsible hospital or authority' }, value: { text: placementText(record.placement) || 'Not recorded' } },
  ];

  const deadlines = [...position.due]
    .sort((a, b) => Temporal.Instant.compare(a.due, b.due))
    .map((item) => ({ label: dueKindLabels[item.kind], title: item.title, provision: provisionName(item.provision), ...due(item.due) }));

  // s20(3), s20A(4): the examination for renewal may be made in the two months ending with expiry.
  const renewalOpens = deadlineOf('renewal-window-opens');
  const renewal = renewalOpens
    ? {
        opens: due(renewalOpens.due),
        closes: authorityEnds ? due(authorityEnds.due) : null,
        openNow: Temporal.Instant.compare(renewalOpens.due, now) <= 0 && (authorityEnds === null || Temporal.Instant.compare(now, authorityEnds.due) < 0),
        provision: provisionName(renewalOpens.provision),
      }
    : null;

  const tribunalCloses = deadlineOf('tribunal-window-closes');
  const tribunalOpens = deadlineOf('tribunal-window-opens');
  // Each reference the engine shows as due, and the reference recorded as meeting it, if any.
  const references = output.deadlines
    .filter((deadline) => deadline.kind === 'managers-reference-due' || deadline.kind === 'sos-reference-due')
    .map((deadline) => {
      const made = referenceMeeting(deadline, record.tribunalReferences);
      return {
        label: dueKindLabels[deadline.kind],
        provision: provisionName(deadline.provision),
        ...due(deadline.due),
        made: made ? { at: formatDateTime(made.at), timeliness: referenceTimelinessLabels[referenceTimeliness(deadline, made.at)] } : null,
      };
    });
  const last = record.tribunalReferences.at(-1);
  const lastReference = last
    ? {
        text: `${tribunalReferrers[last.by]} referred the case to the tribunal on ${formatDateTime(last.at)} under ${provisionName(last.provision).toLowerCase()}.`,
        met: last.met ? `It met the ${last.met.kind === 'managers-reference-due' ? 'managers\u2019' : 'Secretary of State\u2019s'} reference due ${dueMomentPhrase(last.met.due)} (${provisionName(last.met.provision)}).` : 'It met no reference that was due.',
        note: last.note,
        recordedBy: last.recordedBy,
      }
    : null;
  const tribunal = {
    openNow: output.entitlements.tribunalApplicationNow,
    closes: tribunalCloses && Temporal.Instant.compare(tribunalCloses.due, now) > 0 ? { ...due(tribunalCloses.due), provision: provisionName(tribunalCloses.provision) } : null,
    nextOpens: tribunalOpens && Temporal.Instant.compare(tribunalOpens.due, now) > 0 ? { ...due(tribunalOpens.due), provision: provisionName(tribunalOpens.provision) } : null,
    references,
    lastReference,
    applications: record.events
      .filter((event) => event.event.type.startsWith('tribunal-'))
      .map((event) => ({ label: legalEventLabel(event.event), at: formatDateTime(event.event.at) })),
  };

  const firstMedication = [...record.events].reverse().find((event) => event.event.type === 'medication-first-administered') ?? null;
  const certificateNeeded = deadlineOf('medication-certificate-required');
  const consent = {
    firstMedication: firstMedication ? formatDateTime(firstMedication.event.at) : null,
    certificateNeeded: certificateNeeded ? { ...due(certificateNeeded.due), provision: provisionName(certificateNeeded.provision) } : null,
    certificates: record.certificates.map((certificate) => ({
      form: certificate.form,
      description: certificateForms[certificate.form],
      at: formatDateTime(certificate.at),
      treatment: certificate.treatment,
      recordedBy: certificate.recordedBy,
    })),
  };

  const findings = [...output.findings]
    .sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity])
    .map((finding) => ({ severity: finding.severity, severityLabel: severityLabels[finding.severity], message: finding.message, provision: provisionName(finding.provision) }));

  const timeline = record.events.map((event) => ({
    label: legalEventLabel(event.event),
    at: formatDateTime(event.event.at),
    iso: event.event.at,
    placement: placementText(event.placement),
    recordedBy: event.recordedBy,
    recordedAt: formatDateTime(event.recordedAt),
    note: event.note,
    documentHref: event.documentId ? `/people/${personId}/documents/${event.documentId}` : null,
    documentTitle: event.documentId ? (record.documents.find((document) => document.documentId === event.documentId)?.formCode ?? 'the document') : null,
  }));
  const withdrawn = record.withdrawnEvents.map((event) => ({
    label: legalEventLabel(event.event),
    at: formatDateTime(event.event.at),
    reason: event.withdrawal.reason,
    withdrawnBy: event.withdrawal.recordedBy,
  }));

  const rights = record.rightsInformation.map((given) => ({
    provision: provisionName(given.provision),
    at: formatDateTime(given.at),
    understood: given.understood ? 'Appeared to understand' : 'Did not appear to understand: to be given again',
    note: given.note,
    recordedBy: given.recordedBy,
  }));
  const leave = record.leave.map((granted) => ({
    from: formatDateTime(granted.from),
    to: formatDateTime(granted.to),
    escorted: granted.escorted ? 'Escorted' : 'Unescorted',
    conditions: granted.conditions,
  }));
  const ctoConditions = record.ctoConditions.map((set) => ({
    at: formatDateTime(set.at),
    kind: set.variation ? 'Varied (section 17B(4))' : 'Set (section 17B)',
    conditions: set.conditions,
  }));

  const nr = view.nearestRelative;
  const nameOf = (id: string) => nr.relatives.find((relative) => relative.relativeId === id)?.name ?? id;
  const nearestRelative = {
    asOf: formatDate(nr.asOf),
    acting: nr.acting ? { ...nr.acting, provision: provisionName(nr.acting.provision) } : null,
    nearest: nr.nearestRelative ? { name: nr.nearestRelative.name, relationship: relationshipLabel(nr.nearestRelative.relationship) } : null,
    displaced: nr.acting !== null && nr.nearestRelative !== null && nr.acting.name !== nr.nearestRelative.name,
    ranking: nr.engine.ranking.map((id, index) => {
      const relative = nr.relatives.find((candidate) => candidate.relativeId === id);
      return { position: index + 1, name: nameOf(id), relationship: relative ? relationshipLabel(relative.relationship) : '' };
    }),
    excluded: nr.engine.excluded.map((exclusion) => ({ name: nameOf(exclusion.id), reason: exclusion.reason, provision: provisionName(exclusion.provision) })),
    unrankable: nr.unrankable.map((relative) => relative.name),
    relatives: nr.relatives.map((relative) => ({
      name: relative.name,
      relationship: relationshipLabel(relative.relationship) + (relative.halfBlood ? ' (half blood)' : ''),
      dateOfBirth: isoDateText(relative.dateOfBirth) || 'Not known',
      livesWith: relative.livesWithOrCaresForPatient ? `Yes${relative.livingWithPatientSince ? `, since ${formatDate(relative.livingWithPatientSince)}` : ''}` : 'No',
      contact: relative.contact,
      recordedBy: relative.recordedBy,
    })),
    orders: nr.orders.map((order) => ({
      kind: nearestRelativeOrderKinds[order.kind].label,
      provision: provisionName(nearestRelativeOrderKinds[order.kind].provision),
      actingName: order.actingName,
      from: formatDate(order.from),
      to: order.to ? formatDate(order.to) : 'Until further order',
      inForce: nr.ordersInForce.includes(order),
      detail: order.detail,
    })),
  };

  return {
    title: `Mental Health Act status: ${view.name}`,
    personId,
    personName: view.name,
    dateOfBirth: view.dateOfBirth ? formatDate(view.dateOfBirth) : null,
    asOf: formatDateTime(now),
    hasLegalHistory: record.events.length > 0,
    headline,
    summaryRows,
    deadlines,
    renewal,
    tribunal,
    consent,
    entitlements: { imha: output.entitlements.imha, section117: output.entitlements.section117 },
    findings,
    errorCount: findings.filter((finding) => finding.severity === 'error').length,
    timeline,
    withdrawn,
    rights,
    leave,
    ctoConditions,
    nearestRelative,
    canWrite,
    backLink: `/people/${personId}`,
  };
}
