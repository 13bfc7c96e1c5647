import type { Deadline, Provision } from '../law/contract.ts';
import { tribunalReferenceProvisions, type DueReference, type TribunalReferenceData, type TribunalReferenceProvision } from './legal-entries.ts';

// References of a patient's case to the tribunal: which due reference a reference made meets, and whether
// it was made on time. The law engine computes when a reference falls due (deadline kinds
// 'managers-reference-due' and 'sos-reference-due'); it has no event for a reference being made, so that
// is a legal entry beside the engine's events and these rules join the two.
//
// A reference may be recorded at any time: s67(1) and s71(1) let the Secretary of State refer at any
// time, and a reference made early still puts the case before the tribunal. The entry says whether it met
// a reference that was due.

export type ReferenceDeadlineKind = DueReference['kind'];

const referenceKinds = new Set<string>(['managers-reference-due', 'sos-reference-due']);

export function isReferenceDeadline<T extends Pick<Deadline, 'kind'>>(deadline: T): deadline is T & { kind: ReferenceDeadlineKind } {
  return referenceKinds.has(deadline.kind);
}

// The deadline kind a reference under each provision answers: the managers' duties under s68, the
// Secretary of State's under s71(2) and s75(1). Discretionary references (s67(1), s71(1)) answer none
// directly.
const answers: Record<TribunalReferenceProvision, ReferenceDeadlineKind | null> = {
  's68(2)': 'managers-reference-due',
  's68(6)': 'managers-reference-due',
  's68(7)': 'managers-reference-due',
  's67(1)': null,
  's71(1)': null,
  's71(2)': 'sos-reference-due',
  's75(1)': 'sos-reference-due',
};

// The engine names the provision of a deadline as the rule it came from, sometimes with more after a
// comma ("s68(6), Sch 1 Pt 1 para 1" for an unrestricted Part 3 patient).
function sameProvision(deadlineProvision: string, provision: TribunalReferenceProvision): boolean {
  return deadlineProvision === provision || deadlineProvision.startsWith(`${provision},`);
}

// The provision a reference would be made under to answer a deadline the engine shows, for the form to
// start from.
export function referenceProvisionFor(deadlineProvision: string): TribunalReferenceProvision | null {
  return (Object.keys(tribunalReferenceProvisions) as TribunalReferenceProvision[]).find((provision) => answers[provision] !== null && sameProvision(deadlineProvision, provision)) ?? null;
}

function sameDue(a: { kind: string; due: Temporal.Instant | string }, b: { kind: string; due: Temporal.Instant | string }): boolean {
  return a.kind === b.kind && Temporal.Instant.from(a.due).equals(Temporal.Instant.from(b.due));
}

// s68(3)(b): a reference by the Secretary of State under s67(1) during the six months means the managers
// need not refer under s68(2), unless it was made while the patient was detained on an application for
// admission for assessment (s2, or s4 which is one made in an emergency). s68(3)(c): so does a reference
// under s68(7) during the six months.
const assessment = new Set<Provision>(['s2', 's4']);

function dispensesWithSixMonthReference(provision: TribunalReferenceProvision, statusAtReference: Provision): boolean {
  if (provision === 's68(7)') return true;
  return provision === 's67(1)' && !assessment.has(statusAtReference);
}

export interface PositionAtReference {
  // The power in force when the reference was made.
  provision: Provision;
  // The law engine's deadlines for the legal record as it stood when the reference was made.
  deadlines: readonly Deadline[];
}

// The due reference that a reference made at `at` under `provision` meets, or null. `alreadyMet` are the
// due references met by references made before it: each is met once, by the first.
//
// A reference meets the earliest reference of its own provision that the engine showed at the time (one
// that has passed and not been met yet, or the one coming). Failing that, a reference the Act says makes
// the six-month reference unnecessary (s68(3)) meets an s68(2) reference still to come.
export function dueReferenceMet(
  reference: { at: Temporal.Instant; provision: TribunalReferenceProvision },
  position: PositionAtReference,
  alreadyMet: readonly DueReference[],
): DueReference | null {
  const open = position.deadlines
    .filter(isReferenceDeadline)
    .filter((deadline) => !alreadyMet.some((met) => sameDue(met, deadline)))
    .sort((a, b) => Temporal.Instant.compare(a.due, b.due));
  const kind = answers[reference.provision];
  const direct = open.find((deadline) => deadline.kind === kind && sameProvision(deadline.provision, reference.provision));
  const dispensed =
    direct ??
    (dispensesWithSixMonthReference(reference.provision, position.provision)
      ? open.find((deadline) => deadline.kind === 'managers-reference-due' && sameProvision(deadline.provision, 's68(2)') && Temporal.Instant.compare(reference.at, deadline.due) < 0)
      : undefined);
  return dispensed === undefined ? null : { kind: dispensed.kind, due: dispensed.due.toString(), provision: dispensed.provision };
}

// The reference recorded as meeting a due reference: the first made, if more than one says so.
export function referenceMeeting<T extends Pick<TribunalReferenceData, 'at' | 'met'>>(due: { kind: string; due: Temporal.Instant | string }, references: readonly T[]): T | null {
  let first: T | null = null;
  for (const reference of references) {
    if (reference.met === null || !sameDue(reference.met, due)) continue;
    if (first === null || Temporal.Instant.compare(Temporal.Instant.from(reference.at), Temporal.Instant.from(first.at)) < 0) first = reference;
  }
  return first;
}

// Whether a due reference was made on time: on or before the instant it fell due. s68(7) asks for a
// reference "as soon as possible" after revocation and sets no time, so a reference under it is counted as
// made, neither on time nor late (the engine shows it due from the moment of revocation).
export const referenceTimelinessKinds = ['on-time', 'late', 'as-soon-as-possible', 'not-made'] as const;
export type ReferenceTimeliness = (typeof referenceTimelinessKinds)[number];

export function referenceTimeliness(due: { due: Temporal.Instant | string; provision: string }, madeAt: Temporal.Instant | string | null): ReferenceTimeliness {
  if (madeAt === null) return 'not-made';
  if (sameProvision(due.provision, 's68(7)')) return 'as-soon-as-possible';
  return Temporal.Instant.compare(Temporal.Instant.from(madeAt), Temporal.Instant.from(due.due)) <= 0 ? 'on-time' : 'late';
}

export function referrerOf(provision: TribunalReferenceProvision) {
  return tribunalReferenceProvisions[provision].by;
}
