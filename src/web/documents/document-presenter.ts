import type { DocumentView } from '../../app/documents/view-document.ts';
import { forms, formatDay, parseFormMoment, type FormDefinition, type FormField } from '../../domain/documents/forms.ts';
import { documentOutcomes } from '../../domain/legal/legal-entries.ts';
import type { ReceivedDocument } from '../../domain/legal/legal-record.ts';
import { formatDateTime } from '../core/dates.ts';
import { legalEventLabel } from '../legal/legal-presenter.ts';

// What the pages about statutory documents show, as plain view models.

// The catalogue grouped by family, in the order of Schedule 1 to the 2008 Regulations.
const families: { prefix: string; heading: string }[] = [
  { prefix: 'A', heading: 'Applications and medical recommendations for admission (A1 to A11)' },
  { prefix: 'H', heading: 'Holding powers, records of admission, transfers and renewals (H1 to H6)' },
  { prefix: 'G', heading: 'Guardianship (G1 to G10)' },
  { prefix: 'CTO', heading: 'Community treatment orders (CTO1 to CTO12)' },
  { prefix: 'T', heading: 'Consent to treatment (T1 to T6)' },
  { prefix: 'M', heading: 'Discharge by the nearest relative (M1 and M2)' },
];

function familyOf(form: FormDefinition): string {
  return /^[A-Z]+/.exec(form.code)?.[0] ?? '';
}

// The first radio's id is the group's own ('form'), so that the error summary can link to it.
export function formFamilies(selected: string) {
  const first = forms[0]?.code;
  return families.map((family) => ({
    heading: family.heading,
    items: forms
      .filter((form) => familyOf(form) === family.prefix)
      .map((form) => ({ id: form.code === first ? 'form' : `form-${form.code}`, value: form.code, text: `Form ${form.code}: ${form.title}`, hint: form.summary, checked: form.code === selected })),
  }));
}

function displayValue(field: FormField, value: string): string {
  switch (field.type) {
    case 'date':
    case 'datetime': {
      const parsed = parseFormMoment(field.type, value);
      if (!parsed.ok) return value;
      return field.type === 'date' ? formatDay(parsed.moment.day) : formatDateTime(parsed.moment.instant);
    }
    case 'yes-no':
      return value === 'yes' ? 'Yes' : value === 'no' ? 'No' : value;
    case 'choice':
      return field.options?.find((option) => option.value === value)?.label ?? value;
    case 'text':
      return value;
  }
}

function partRows(form: FormDefinition, document: ReceivedDocument) {
  return form.parts
    .map((part) => ({
      title: part.title,
      rows: part.fields.filter((field) => (document.values[field.id] ?? '') !== '').map((field) => ({ key: { text: field.label }, value: { text: displayValue(field, document.values[field.id]!) } })),
    }))
    .map((part) => ({ ...part, completed: part.rows.length > 0 }));
}

function signerRows(form: FormDefinition | undefined, document: ReceivedDocument) {
  return document.signers.map((signer) => {
    const signatory = form?.parts.find((part) => part.signatory?.id === signer.signatoryId)?.signatory;
    const checks = signer.approvalChecks ?? [];
    return {
      role: signatory?.label ?? signer.signatoryId,
      name: signer.name,
      inAccord: signer.userId !== null,
      checks: checks.map((check) => ({ text: check.detail, provision: check.provision, basis: check.basis === 'accord-record' ? 'From Accord’s record of approvals' : 'Checked on a register by the person receiving the form' })),
    };
  });
}

function documentLink(personId: string, document: ReceivedDocument) {
  return { href: `/people/${personId}/documents/${document.documentId}`, text: `Form ${document.formCode}: ${document.formTitle}` };
}

function formatBytes(size: number): string {
  if (size < 1024) return `${size} bytes`;
  if (size < 1024 * 1024) return `${Math.round(size / 1024)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

export function documentPage(view: DocumentView, now: Temporal.Instant) {
  const { document, form, personId } = view;
  const window = view.rectification;
  let rectification: { applies: boolean; open: boolean; text: string };
  if (!window.applies) rectification = { applies: false, open: false, text: window.reason };
  else if (Temporal.Instant.compare(now, window.endsAt) < 0) rectification = { applies: true, open: true, text: `Rectification possible until midnight at the end of ${formatDay(window.lastDay)} (14 days beginning with ${formatDay(window.admittedOn)}, the day of admission, s15(1)).` };
  else rectification = { applies: true, open: false, text: `The 14 days for rectification under s15(1) ended at midnight at the end of ${formatDay(window.lastDay)}. A defect found now cannot be put right by amendment: record the document as invalid, with what was done.` };
  const attachment = document.attachment;
  return {
    personId,
    personName: view.name,
    version: view.version,
    documentId: document.documentId,
    code: document.formCode,
    title: document.formTitle,
    regulation: form?.regulation ?? '',
    provision: form?.provision ?? '',
    receivedAt: formatDateTime(document.receivedAt),
    receivedBy: document.recordedBy,
    parts: form === undefined ? [] : partRows(form, document),
    signers: signerRows(form, document),
    findings: document.findings.map((finding) => ({ severity: finding.severity, message: finding.message, provision: finding.provision })),
    event: view.event === null ? null : { label: legalEventLabel(view.event.event), at: formatDateTime(view.event.event.at), withdrawn: view.event.withdrawn },
    engineNote: form?.engineNote ?? '',
    outcome: document.outcome === null ? null : { label: documentOutcomes[document.outcome.outcome], action: document.outcome.action, at: formatDateTime(document.outcome.at), by: document.outcome.recordedBy },
    rectification,
    receivedWith: view.receivedWith === null ? null : documentLink(personId, view.receivedWith),
    receivedAlongside: view.receivedAlongside.map((other) => documentLink(personId, other)),
    original:
      attachment === null
        ? null
        : { href: `/people/${personId}/documents/${document.documentId}/original`, filename: attachment.filename, size: formatBytes(attachment.size), mediaType: attachment.mediaType, sha256: attachment.sha256 },
    outcomeItems: (Object.keys(documentOutcomes) as (keyof typeof documentOutcomes)[])
      .filter((outcome) => outcome !== 'rectified' || (rectification.applies && rectification.open))
      .map((outcome) => ({ value: outcome, text: documentOutcomes[outcome] })),
  };
}

export function documentListRows(personId: string, documents: ReceivedDocument[]) {
  return documents.map((document) => ({
    href: `/people/${personId}/documents/${document.documentId}`,
    code: document.formCode,
    title: document.formTitle,
    receivedAt: formatDateTime(document.receivedAt),
    receivedWith: document.receivedWith ? documents.find((other) => other.documentId === document.receivedWith)?.formCode ?? null : null,
    outcome: document.outcome === null ? 'Not yet recorded' : documentOutcomes[document.outcome.outcome],
  }));
}
