import { todayInLondon } from '../../domain/london-time.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { inTransaction } from '../../db/transaction.ts';
import { relationships, type NearestRelativeOutput, type Relationship, type Relative } from '../../domain/law/contract.ts';
import { findNearestRelative } from '../../domain/law/nearest-relative.ts';
import { nearestRelativeOrderKinds, type NearestRelativeOrderData, type RelativeRecordedData } from '../../domain/legal/legal-entries.ts';
import { derivePersonState, displayName } from '../../domain/people/person.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { NotFound } from '../errors.ts';
import { requirePermission } from '../policy.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';
import { loadEntries } from '../people/record-store.ts';
import { legalPositionOf, type LegalPosition } from './legal-position.ts';

// A person's position under the Mental Health Act as it stands now, for the status page: what the law
// engine computes from the legal events, and who the nearest relative is and who acts as one.

type RecordedRelative = LegalPosition['record']['relatives'][number];
type RecordedOrder = LegalPosition['record']['nearestRelativeOrders'][number];

export interface ActingNearestRelative {
  name: string;
  // Why this person acts: the s26 ranking, or the order or authority that put someone else in place.
  reason: string;
  provision: string;
}

export interface NearestRelativePosition {
  // The London date the question is answered for.
  asOf: string;
  // The record has no field for where the patient ordinarily resides, so s26(5)(a) is applied on the
  // footing that the patient resides in the United Kingdom; the page says so.
  patientResidesInUKAssumed: true;
  relatives: RecordedRelative[];
  // Relatives recorded with a relationship outside the contract's list, which s26 cannot rank.
  unrankable: RecordedRelative[];
  engine: NearestRelativeOutput;
  // The s26 nearest relative, before any order.
  nearestRelative: RecordedRelative | null;
  orders: RecordedOrder[];
  ordersInForce: RecordedOrder[];
  acting: ActingNearestRelative | null;
}

export interface LegalPositionView {
  personId: string;
  name: string;
  dateOfBirth: string | null;
  version: number;
  position: LegalPosition;
  nearestRelative: NearestRelativePosition;
}

const knownRelationships = new Set<string>(relationships);

function engineRelative(relative: RelativeRecordedData): Relative {
  return {
    id: relative.relativeId,
    relationship: relative.relationship as Relationship,
    dateOfBirth: relative.dateOfBirth ? Temporal.PlainDate.from(relative.dateOfBirth) : null,
    halfBlood: relative.halfBlood,
    residesInUK: relative.residesInUK,
    permanentlySeparated: relative.permanentlySeparated,
    deserted: relative.deserted,
    parentalResponsibility: relative.parentalResponsibility,
    livesWithOrCaresForPatient: relative.livesWithOrCaresForPatient,
    livingWithPatientSince: relative.livingWithPatientSince ? Temporal.PlainDate.from(relative.livingWithPatientSince) : null,
  };
}

// An order is in force from its first day to its last (`to`, when it has one), both included.
export function orderInForce(order: NearestRelativeOrderData, on: Temporal.PlainDate): boolean {
  return Temporal.PlainDate.compare(Temporal.PlainDate.from(order.from), on) <= 0 && (order.to === null || Temporal.PlainDate.compare(on, Temporal.PlainDate.from(order.to)) <= 0);
}

// The latest-starting order of a kind in force, which replaces any earlier one.
function latestOfKind(orders: RecordedOrder[], kind: NearestRelativeOrderData['kind']): RecordedOrder | null {
  const ofKind = orders.filter((order) => order.kind === kind);
  ofKind.sort((a, b) => Temporal.PlainDate.compare(Temporal.PlainDate.from(a.from), Temporal.PlainDate.from(b.from)));
  return ofKind.at(-1) ?? null;
}

export function nearestRelativePosition(
  relatives: RecordedRelative[],
  orders: RecordedOrder[],
  patientDateOfBirth: string | null,
  on: Temporal.PlainDate,
): NearestRelativePosition {
  const rankable = relatives.filter((relative) => knownRelationships.has(relative.relationship));
  const engine = findNearestRelative({
    asOf: on,
    patient: { dateOfBirth: patientDateOfBirth ? Temporal.PlainDate.from(patientDateOfBirth) : null, residesInUK: true },
    relatives: rankable.map(engineRelative),
  });
  const nearestRelative = rankable.find((relative) => relative.relativeId === engine.nearestRelative) ?? null;
  const ordersInForce = orders.filter((order) => orderInForce(order, on));

  // s29: an acting nearest relative appointed by the county court exercises the functions in place of
  // the s26 nearest relative, who can then no longer authorise anyone else; failing that, reg 24 lets
  // the nearest relative authorise someone to act for them.
  const displacement = latestOfKind(ordersInForce, 'displacement');
  const delegation = latestOfKind(ordersInForce, 'delegation');
  let acting: ActingNearestRelative | null = null;
  if (displacement) {
    acting = {
      name: displacement.actingName,
      reason: `Appointed by the county court to act as nearest relative from ${displacement.from}${displacement.to ? ` to ${displacement.to}` : ''}, displacing ${nearestRelative ? nearestRelative.name : 'the nearest relative'}`,
      provision: nearestRelativeOrderKinds.displacement.provision,
    };
  } else if (delegation) {
    acting = {
      name: delegation.actingName,
      reason: `Authorised by ${nearestRelative ? nearestRelative.name : 'the nearest relative'} to act for them from ${delegation.from}${delegation.to ? ` to ${delegation.to}` : ''}`,
      provision: nearestRelativeOrderKinds.delegation.provision,
    };
  } else if (nearestRelative) {
    acting = { name: nearestRelative.name, reason: 'Highest ranked of the relatives recorded', provision: 's26' };
  }

  return {
    asOf: on.toString(),
    patientResidesInUKAssumed: true,
    relatives,
    unrankable: relatives.filter((relative) => !knownRelationships.has(relative.relationship)),
    engine,
    nearestRelative,
    orders,
    ordersInForce,
    acting,
  };
}

// Reads the person's legal position and writes the read to the audit log in the same transaction.
export async function viewLegalPosition(context: AppContext, personId: string): Promise<LegalPositionView> {
  requirePermission(context.actor, 'person.read');
  await requirePersonAccess(context, personId, { category: 'legal-status' });
  if (!isUuid(personId)) throw new NotFound('The person');
  return inTransaction(context.db, async (trx) => {
    const entries = await loadEntries(trx, personId);
    if (entries.length === 0) throw new NotFound('The person');
    await appendAudit(trx, context, [{ personId, action: 'read', what: "Viewed the person's Mental Health Act status" }]);
    const now = context.now();
    const state = derivePersonState(entries);
    const position = legalPositionOf(entries, now);
    const today = todayInLondon(now);
    return {
      personId,
      name: displayName(state.details),
      dateOfBirth: state.details.dateOfBirth,
      version: state.version,
      position,
      nearestRelative: nearestRelativePosition(position.record.relatives, position.record.nearestRelativeOrders, state.details.dateOfBirth, today),
    };
  });
}
