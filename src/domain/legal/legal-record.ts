import type { RecordEntry } from '../people/person.ts';
import type {
  CertificateData,
  CtoConditionsData,
  DocumentOutcomeData,
  DocumentReceivedData,
  LeaveData,
  LegalEventData,
  LegalEventJson,
  NearestRelativeOrderData,
  Placement,
  RelativeRecordedData,
  RightsInformationData,
  TransferData,
  TribunalReferenceData,
} from './legal-entries.ts';

// A person's legal record, read from their entries: the legal events in the order they happened (not the
// order they were written down), and beside them the documents, relatives, orders, rights information,
// certificates and leave. Entries are never changed; where the same relative is recorded again, the
// later entry is what is now known.

interface Written {
  entryId: string;
  recordedAt: Temporal.Instant;
  recordedBy: string;
}

export interface RecordedLegalEvent extends LegalEventData, Written {}
export interface WithdrawnLegalEvent extends RecordedLegalEvent {
  withdrawal: { reason: string } & Written;
}
export interface ReceivedDocument extends DocumentReceivedData, Written {
  outcome: (DocumentOutcomeData & Written) | null;
}

export interface LegalRecord {
  events: RecordedLegalEvent[];
  // Events entered in error: shown, marked, and not read by the law engine.
  withdrawnEvents: WithdrawnLegalEvent[];
  placement: Placement | null;
  documents: ReceivedDocument[];
  relatives: (RelativeRecordedData & Written)[];
  nearestRelativeOrders: (NearestRelativeOrderData & Written)[];
  rightsInformation: (RightsInformationData & Written)[];
  certificates: (CertificateData & Written)[];
  leave: (LeaveData & Written)[];
  transfers: (TransferData & Written)[];
  ctoConditions: (CtoConditionsData & Written)[];
  // References of the case to the tribunal, in the order they were made.
  tribunalReferences: (TribunalReferenceData & Written)[];
}

function byInstant<T>(at: (item: T) => string) {
  return (a: T, b: T) => Temporal.Instant.compare(Temporal.Instant.from(at(a)), Temporal.Instant.from(at(b)));
}

export function deriveLegalRecord(entries: readonly RecordEntry[]): LegalRecord {
  const record: LegalRecord = { events: [], withdrawnEvents: [], placement: null, documents: [], relatives: [], nearestRelativeOrders: [], rightsInformation: [], certificates: [], leave: [], transfers: [], ctoConditions: [], tribunalReferences: [] };
  const relatives = new Map<string, RelativeRecordedData & Written>();
  const outcomes = new Map<string, DocumentOutcomeData & Written>();
  const withdrawals = new Map<string, { reason: string } & Written>();
  for (const entry of [...entries].sort((a, b) => a.sequence - b.sequence)) {
    const written: Written = { entryId: entry.id, recordedAt: entry.recordedAt, recordedBy: entry.author.name };
    const content = entry.content;
    switch (content.kind) {
      case 'legal-event-recorded':
        record.events.push({ ...content.data, ...written });
        break;
      case 'statutory-document-received':
        record.documents.push({ ...content.data, ...written, outcome: null });
        break;
      case 'document-outcome-recorded':
        outcomes.set(content.data.documentId, { ...content.data, ...written });
        break;
      case 'relative-recorded':
        relatives.set(content.data.relativeId, { ...content.data, ...written });
        break;
      case 'nearest-relative-order-recorded':
        record.nearestRelativeOrders.push({ ...content.data, ...written });
        break;
      case 'rights-information-given':
        record.rightsInformation.push({ ...content.data, ...written });
        break;
      case 'certificate-recorded':
        record.certificates.push({ ...content.data, ...written });
        break;
      case 'leave-granted':
        record.leave.push({ ...content.data, ...written });
        break;
      case 'hospital-transfer':
        record.transfers.push({ ...content.data, ...written });
        break;
      case 'legal-event-withdrawn':
        withdrawals.set(content.data.entryId, { reason: content.data.reason, ...written });
        break;
      case 'cto-conditions-recorded':
        record.ctoConditions.push({ ...content.data, ...written });
        break;
      case 'tribunal-reference-made':
        record.tribunalReferences.push({ ...content.data, ...written });
        break;
      default:
        break;
    }
  }
  record.withdrawnEvents = record.events.flatMap((event) => {
    const withdrawal = withdrawals.get(event.entryId);
    return withdrawal === undefined ? [] : [{ ...event, withdrawal }];
  });
  record.events = record.events.filter((event) => !withdrawals.has(event.entryId));
  // Events recorded at the same instant keep the order they were written in (the sort is stable).
  record.events.sort(byInstant((event) => event.event.at));
  record.transfers.sort(byInstant((transfer) => transfer.at));
  record.rightsInformation.sort(byInstant((given) => given.at));
  record.certificates.sort(byInstant((certificate) => certificate.at));
  record.tribunalReferences.sort(byInstant((reference) => reference.at));
  record.relatives = [...relatives.values()];
  record.documents = record.documents.map((document) => ({ ...document, outcome: outcomes.get(document.documentId) ?? null }));
  record.placement = currentPlacement(record);
  return record;
}

// The latest placement in time: from an event that placed the person, or a transfer between hospitals.
function currentPlacement(record: LegalRecord): Placement | null {
  let latest: { at: Temporal.Instant; placement: Placement } | null = null;
  const consider = (at: string, placement: Placement | null) => {
    if (placement === null) return;
    const instant = Temporal.Instant.from(at);
    if (latest === null || Temporal.Instant.compare(instant, latest.at) >= 0) latest = { at: instant, placement };
  };
  for (const event of record.events) consider(event.event.at, event.placement);
  for (const transfer of record.transfers) consider(transfer.at, transfer.to);
  return (latest as { placement: Placement } | null)?.placement ?? null;
}

// The law engine's input for this record, in the contract's JSON shape.
export function engineInput(record: LegalRecord, dateOfBirth: string | null, asOf: Temporal.Instant): { asOf: string; person: { dateOfBirth?: string }; events: LegalEventJson[] } {
  return {
    asOf: asOf.toString(),
    person: dateOfBirth === null ? {} : { dateOfBirth },
    events: record.events.map((recorded) => recorded.event),
  };
}
