import type { EvaluateOutput, Finding, Provision } from '../../domain/law/contract.ts';
import type { DocumentOutcome, Placement } from '../../domain/legal/legal-entries.ts';
import { deriveLegalRecord, type LegalRecord } from '../../domain/legal/legal-record.ts';
import { referenceMeeting, referenceTimeliness, type ReferenceTimeliness } from '../../domain/legal/tribunal-references.ts';
import type { RecordEntry } from '../../domain/people/person.ts';
import { legalPositionOf } from '../legal/legal-position.ts';

// What one person's legal record contributes to an agency's Mental Health Act report for a period.
//
// The law engine answers "what holds at this instant, given these events"; it does not say when each
// finding arose. So the history is walked event by event: the engine is asked for the position just
// before each event and just after it (the events up to it, at its instant), and between events (the
// same events, at the next event's instant). What an event changed, and any authority that lapsed
// between two events, is read from the difference. Only the engine's public output is used.
//
// Each thing counted is attributed to the agency responsible for the person at the time it happened:
// the latest placement (from a legal event or a transfer) at or before that instant.

export interface ReportPeriod {
  from: Temporal.PlainDate;
  to: Temporal.PlainDate;
  // The first instant of `from` and of the day after `to`, in Europe/London: the period is [start, end).
  start: Temporal.Instant;
  end: Temporal.Instant;
  // The end, or now if the period has not finished: nothing after it has happened yet.
  observedUntil: Temporal.Instant;
}

export function reportPeriod(from: Temporal.PlainDate, to: Temporal.PlainDate, now: Temporal.Instant): ReportPeriod {
  const start = from.toZonedDateTime('Europe/London').toInstant();
  const end = to.add({ days: 1 }).toZonedDateTime('Europe/London').toInstant();
  return { from, to, start, end, observedUntil: Temporal.Instant.compare(now, end) < 0 ? now : end };
}

export interface PersonMeasures {
  // The section of each detention that began in the period.
  detentionsBegun: Provision[];
  // The sections the person was liable to be detained under at some moment of the period.
  detainedUnder: Set<Provision>;
  ctoMade: number;
  ctoInForce: boolean;
  ctoRecalled: number;
  ctoRevoked: number;
  renewalsOnTime: number;
  renewalsBeforeWindow: number;
  renewalsAfterLapse: number;
  // The section of each authority that lapsed in the period.
  lapses: Provision[];
  managersReferencesDue: number;
  // Of those, by whether and when a reference recorded as made met them (as the record stands now, so a
  // reference made after the period counts as made late).
  managersReferences: Record<ReferenceTimeliness, number>;
  documentOutcomes: Record<DocumentOutcome, number>;
}

function emptyMeasures(): PersonMeasures {
  return {
    detentionsBegun: [],
    detainedUnder: new Set(),
    ctoMade: 0,
    ctoInForce: false,
    ctoRecalled: 0,
    ctoRevoked: 0,
    renewalsOnTime: 0,
    renewalsBeforeWindow: 0,
    renewalsAfterLapse: 0,
    lapses: [],
    managersReferencesDue: 0,
    managersReferences: { 'on-time': 0, late: 0, 'as-soon-as-possible': 0, 'not-made': 0 },
    documentOutcomes: { valid: 0, rectified: 0, invalid: 0 },
  };
}

const isBefore = (a: Temporal.Instant, b: Temporal.Instant) => Temporal.Instant.compare(a, b) < 0;
const isOnOrBefore = (a: Temporal.Instant, b: Temporal.Instant) => Temporal.Instant.compare(a, b) <= 0;

function within(instant: Temporal.Instant, from: Temporal.Instant, until: Temporal.Instant): boolean {
  return isOnOrBefore(from, instant) && isBefore(instant, until);
}

// Instants in entries carry an offset; a plain date means the start of that day in London.
function instantOf(text: string): Temporal.Instant {
  return text.includes('T') ? Temporal.Instant.from(text) : Temporal.PlainDate.from(text).toZonedDateTime('Europe/London').toInstant();
}

function findingKey(finding: Finding): string {
  return `${finding.code}|${finding.provision}|${finding.message}`;
}

// The findings in `after` that were not in `before`, counting repeats.
function newFindings(before: EvaluateOutput, after: EvaluateOutput): Finding[] {
  const known = new Map<string, number>();
  for (const finding of before.findings) known.set(findingKey(finding), (known.get(findingKey(finding)) ?? 0) + 1);
  return after.findings.filter((finding) => {
    const left = known.get(findingKey(finding)) ?? 0;
    if (left === 0) return true;
    known.set(findingKey(finding), left - 1);
    return false;
  });
}

// The agency responsible for the person at an instant: the latest placement at or before it, from an
// event that placed the person or a transfer between hospitals (as deriveLegalRecord finds the current one).
export function placementAt(record: LegalRecord, instant: Temporal.Instant): Placement | null {
  let latest: { at: Temporal.Instant; placement: Placement } | null = null;
  const consider = (atText: string, placement: Placement | null) => {
    if (placement === null) return;
    const at = instantOf(atText);
    if (isBefore(instant, at)) return;
    if (latest === null || Temporal.Instant.compare(at, latest.at) >= 0) latest = { at, placement };
  };
  for (const event of record.events) consider(event.event.at, event.placement);
  for (const transfer of record.transfers) consider(transfer.at, transfer.to);
  return (latest as { placement: Placement } | null)?.placement ?? null;
}

// Events that put a community patient back in hospital or end the order are counted as such, not as
// detentions begun.
const communityTreatmentEvents = new Set(['cto-recalled', 'cto-revoked']);

export function personMeasures(entries: readonly RecordEntry[], agencyId: string, period: ReportPeriod): PersonMeasures {
  const measures = emptyMeasures();
  const record = deriveLegalRecord(entries);
  const events = record.events;
  const inAgency = (instant: Temporal.Instant) => placementAt(record, instant)?.agencyId === agencyId;
  const eventAt = events.map((event) => Temporal.Instant.from(event.event.at));

  // The engine's output with only the first `count` events (in time order) recorded, at `asOf`. Entries
  // other than legal events are kept: the engine reads the date of birth from them.
  const otherEntries = entries.filter((entry) => entry.content.kind !== 'legal-event-recorded');
  const evaluateWith = (count: number, asOf: Temporal.Instant): EvaluateOutput => {
    const kept = new Set(events.slice(0, count).map((event) => event.entryId));
    const prefix = [...otherEntries, ...entries.filter((entry) => kept.has(entry.id))];
    return legalPositionOf(prefix, asOf).output;
  };

  countDocuments(entries, record, agencyId, period, measures);
  if (events.length === 0) return measures;

  // Events before the period (`first` of them) and those in it, up to `last` (exclusive).
  let first = 0;
  while (first < events.length && isBefore(eventAt[first]!, period.start)) first += 1;
  let last = first;
  while (last < events.length && isBefore(eventAt[last]!, period.end)) last += 1;

  // Where the person stood when the period began.
  const atStart = evaluateWith(first, period.start);
  if (inAgency(period.start)) {
    if (atStart.status.liableToBeDetained) measures.detainedUnder.add(atStart.status.provision);
    if (atStart.status.provision === 'cto') measures.ctoInForce = true;
  }

  // A person transferred into the agency during the period (s19) is counted with the power they
  // arrived under, though no legal event marks the arrival.
  for (const transfer of record.transfers) {
    const at = instantOf(transfer.at);
    if (transfer.to.agencyId !== agencyId || !within(at, period.start, period.end) || !inAgency(at)) continue;
    const arrived = evaluateWith(eventAt.filter((eventInstant) => isOnOrBefore(eventInstant, at)).length, at);
    if (arrived.status.liableToBeDetained) measures.detainedUnder.add(arrived.status.provision);
    if (arrived.status.provision === 'cto') measures.ctoInForce = true;
  }

  // Between two events (or after the last one in the period) an authority may lapse and a managers'
  // reference may fall due; `previous` is the position just after the earlier event.
  const betweenEvents = (previous: EvaluateOutput, previousAt: Temporal.Instant, next: EvaluateOutput, nextAt: Temporal.Instant) => {
    const lapsed = newFindings(previous, next).filter((finding) => finding.code === 'authority-lapsed');
    if (lapsed.length > 0) {
      // After a lapse the engine's only deadline is the lapsed authority's end.
      const ended = next.deadlines.find((deadline) => deadline.kind === 'authority-ends' && deadline.passed);
      if (ended !== undefined && within(ended.due, period.start, period.end) && inAgency(ended.due)) measures.lapses.push(previous.status.provision);
    }
    for (const deadline of next.deadlines) {
      if (deadline.kind !== 'managers-reference-due') continue;
      if (!within(deadline.due, previousAt, nextAt) || !within(deadline.due, period.start, period.end) || !inAgency(deadline.due)) continue;
      measures.managersReferencesDue += 1;
      const made = referenceMeeting(deadline, record.tribunalReferences);
      measures.managersReferences[referenceTimeliness(deadline, made?.at ?? null)] += 1;
    }
  };

  let previousAt = first > 0 ? eventAt[first - 1]! : period.start;
  let previous = first > 0 ? evaluateWith(first, previousAt) : atStart;
  for (let index = first; index < last; index += 1) {
    const at = eventAt[index]!;
    const before = evaluateWith(index, at);
    betweenEvents(previous, previousAt, before, at);
    const after = evaluateWith(index + 1, at);
    // The engine gives an event that is wrong in law no effect, and says so with an error finding.
    const brought = newFindings(before, after);
    const effective = !brought.some((finding) => finding.severity === 'error');
    if (inAgency(at)) countEvent(events[index]!.event.type, before, after, brought, effective, measures);
    previous = after;
    previousAt = at;
  }
  // After the last event in the period, to its end (or now).
  const closingAt = isBefore(period.observedUntil, previousAt) ? previousAt : period.observedUntil;
  betweenEvents(previous, previousAt, evaluateWith(last, closingAt), closingAt);
  return measures;
}

function countEvent(type: string, before: EvaluateOutput, after: EvaluateOutput, brought: Finding[], effective: boolean, measures: PersonMeasures): void {
  const status = after.status;
  if (status.liableToBeDetained) measures.detainedUnder.add(status.provision);
  if (status.provision === 'cto') measures.ctoInForce = true;
  const detentionBegan = status.liableToBeDetained && (!before.status.liableToBeDetained || before.status.provision !== status.provision);
  if (detentionBegan && !communityTreatmentEvents.has(type)) measures.detentionsBegun.push(status.provision);
  switch (type) {
    case 'renewal-furnished':
      if (effective) measures.renewalsOnTime += 1;
      else if (brought.some((finding) => finding.code === 'renewal-outside-window')) measures.renewalsBeforeWindow += 1;
      else if (brought.some((finding) => finding.code === 'renewal-after-lapse')) measures.renewalsAfterLapse += 1;
      break;
    case 'cto-made':
      if (effective) measures.ctoMade += 1;
      break;
    case 'cto-recalled':
      if (effective) measures.ctoRecalled += 1;
      break;
    case 'cto-revoked':
      if (effective) measures.ctoRevoked += 1;
      break;
    default:
      break;
  }
}

// Scrutiny outcomes decided in the period, for the agency whose staff recorded them (the hospital's
// Mental Health Act office); where Accord itself recorded one, the agency the person was placed with then.
function countDocuments(entries: readonly RecordEntry[], record: LegalRecord, agencyId: string, period: ReportPeriod, measures: PersonMeasures): void {
  const authorAgency = new Map(entries.map((entry) => [entry.id, entry.author.agencyId]));
  for (const document of record.documents) {
    const outcome = document.outcome;
    if (outcome === null) continue;
    const at = instantOf(outcome.at);
    if (!within(at, period.start, period.end)) continue;
    const agency = authorAgency.get(outcome.entryId) ?? placementAt(record, at)?.agencyId ?? null;
    if (agency === agencyId) measures.documentOutcomes[outcome.outcome] += 1;
  }
}
