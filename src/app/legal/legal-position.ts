import type { FieldProblem } from '../errors.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { EvaluateOutput } from '../../domain/law/contract.ts';
import { evaluate } from '../../domain/law/evaluate.ts';
import { dueItems, metReferences, type DueItem, type MetReference } from '../../domain/legal/due-items.ts';
import { deriveLegalRecord, engineInput, type LegalRecord } from '../../domain/legal/legal-record.ts';
import { derivePersonState, type RecordEntry } from '../../domain/people/person.ts';
import { evaluationJson } from '../law/law-output.ts';
import { parseEvaluateInput } from '../law/parse-law-input.ts';
import type { AppContext } from '../context.ts';
import { loadEntries } from '../people/record-store.ts';

// A person's legal position at an instant: their legal record, what the law engine says of it, and what
// falls due. Computed from the record every time; the legal_status and legal_deadlines tables keep the
// latest answer so that lists across a hospital are quick.

export interface LegalPosition {
  record: LegalRecord;
  output: EvaluateOutput;
  due: DueItem[];
  // References the engine shows as due that have been recorded as made.
  met: MetReference[];
}

// A legal record the engine's contract does not accept, with the problems in the contract's notation
// (`events[3].hours`).
export class UnevaluableRecord extends Error {
  readonly problems: FieldProblem[];
  constructor(problems: FieldProblem[]) {
    super(`The legal record cannot be evaluated: ${problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')}`);
    this.problems = problems;
  }
}

export function legalPositionOf(entries: readonly RecordEntry[], asOf: Temporal.Instant): LegalPosition {
  const record = deriveLegalRecord(entries);
  const dateOfBirth = derivePersonState(entries).details.dateOfBirth;
  const parsed = parseEvaluateInput(engineInput(record, dateOfBirth, asOf));
  // Every event was checked against the contract when it was written, and none is after `asOf` unless
  // the clock went backwards; either would be a fault to fix, not something to show as a position.
  if (!parsed.ok) throw new UnevaluableRecord(parsed.problems);
  const output = evaluate(parsed.value);
  return { record, output, due: dueItems(record, output), met: metReferences(record, output) };
}

type Executor = Transaction<Database>;

// The earliest instant after `asOf` at which the position may read differently without anything new
// being recorded: the next deadline to fall due.
function nextChange(position: LegalPosition, asOf: Temporal.Instant): Temporal.Instant | null {
  let next: Temporal.Instant | null = null;
  for (const item of position.due) {
    if (Temporal.Instant.compare(item.due, asOf) > 0 && (next === null || Temporal.Instant.compare(item.due, next) < 0)) next = item.due;
  }
  return next;
}

// Rewrites the derived rows for one person in the caller's transaction, and brings their tasks into line.
export async function refreshLegalProjection(trx: Executor, context: AppContext, personId: string, entries?: readonly RecordEntry[]): Promise<LegalPosition> {
  const asOf = context.now();
  const position = legalPositionOf(entries ?? (await loadEntries(trx, personId)), asOf);
  const { output, record } = position;
  const placement = record.placement;
  const hasLegalHistory = record.events.length > 0;
  await trx.deleteFrom('legal_deadlines').where('person_id', '=', personId).execute();
  if (!hasLegalHistory) {
    await trx.deleteFrom('legal_status').where('person_id', '=', personId).execute();
  } else {
    const row = {
      agency_id: placement?.agencyId ?? null,
      team_id: placement?.teamId ?? null,
      provision: output.status.provision,
      since: output.status.since?.toString() ?? null,
      liable_to_be_detained: output.status.liableToBeDetained,
      restricted: output.status.restricted,
      awol: output.status.awol,
      evaluated_at: asOf.toString(),
      refresh_after: nextChange(position, asOf)?.toString() ?? null,
      output: JSON.stringify(evaluationJson(output)),
    };
    await trx
      .insertInto('legal_status')
      .values({ person_id: personId, ...row })
      .onConflict((conflict) => conflict.column('person_id').doUpdateSet(row))
      .execute();
    const deadlineRows = position.due.map((item) => ({
      person_id: personId,
      agency_id: row.agency_id,
      team_id: row.team_id,
      kind: item.kind,
      due: item.due.toString(),
      provision: item.provision,
    }));
    // The same kind can fall due at the same instant only once.
    const unique = [...new Map(deadlineRows.map((deadline) => [`${deadline.kind} ${deadline.due}`, deadline])).values()];
    if (unique.length > 0) await trx.insertInto('legal_deadlines').values(unique).execute();
  }
  await syncTasks(trx, context, personId, hasLegalHistory ? position : null);
  return position;
}

export function taskSourceKey(personId: string, item: Pick<DueItem, 'kind' | 'due'>): string {
  return `${personId}:${item.kind}:${item.due.toString()}`;
}

// Each due item with a role is a task. A task whose item is no longer due (the renewal was furnished,
// the patient discharged, the reference to the tribunal made) closes, saying why; a task is never deleted.
async function syncTasks(trx: Executor, context: AppContext, personId: string, position: LegalPosition | null): Promise<void> {
  const now = context.now().toString();
  const wanted = (position?.due ?? []).filter((item) => item.role !== null);
  const wantedKeys = new Set(wanted.map((item) => taskSourceKey(personId, item)));
  const madeKeys = new Set((position?.met ?? []).map((item) => taskSourceKey(personId, item)));
  const open = await trx.selectFrom('tasks').select(['id', 'source_key']).where('person_id', '=', personId).where('closed_at', 'is', null).execute();
  const stale = open.filter((task) => !wantedKeys.has(task.source_key));
  const closings = [
    { ids: stale.filter((task) => madeKeys.has(task.source_key)).map((task) => task.id), reason: 'Done: the reference to the tribunal is recorded as made' },
    { ids: stale.filter((task) => !madeKeys.has(task.source_key)).map((task) => task.id), reason: 'No longer due: the legal record changed' },
  ];
  for (const closing of closings) {
    if (closing.ids.length === 0) continue;
    await trx
      .updateTable('tasks')
      .set({ closed_at: now, closed_by: context.actor.userId, closed_by_label: context.actor.label, closed_reason: closing.reason })
      .where('id', 'in', closing.ids)
      .execute();
  }
  if (wanted.length === 0 || position === null) return;
  const placement = position.record.placement;
  await trx
    .insertInto('tasks')
    .values(
      wanted.map((item) => ({
        source_key: taskSourceKey(personId, item),
        person_id: personId,
        agency_id: placement?.agencyId ?? null,
        team_id: placement?.teamId ?? null,
        kind: item.kind,
        role: item.role as string,
        title: item.title,
        provision: item.provision,
        due: item.due.toString(),
        created_at: now,
      })),
    )
    .onConflict((conflict) => conflict.column('source_key').doNothing())
    .execute();
}

// Brings up to date every person in an agency whose position may have changed since it was last
// computed because a deadline has passed. Run before the agency's lists are read.
export async function refreshDueProjections(context: AppContext, agencyId: string): Promise<number> {
  const now = context.now().toString();
  const stale = await context.db
    .selectFrom('legal_status')
    .select('person_id')
    .where('agency_id', '=', agencyId)
    .where('refresh_after', '<=', now)
    .execute();
  for (const { person_id } of stale) {
    await context.db.transaction().execute(async (trx) => {
      await trx.selectFrom('people').select('id').where('id', '=', person_id).forUpdate().executeTakeFirst();
      await refreshLegalProjection(trx, context, person_id);
    });
  }
  return stale.length;
}
