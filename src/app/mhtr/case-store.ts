import type { Selectable, Transaction } from 'kysely';
import type { Database, MhtrCaseTable, MhtrStepTable } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { todayInLondon } from '../../domain/london-time.ts';
import type { Checked } from '../../domain/mhtr/input-checks.ts';
import { caseState, roleMayTakeStep, stageAfter, stepRefusals, stepRules, type MhtrCaseState, type MhtrStep, type MhtrStepKind, type RecordedStep } from '../../domain/mhtr/pathway.ts';
import { mhtrStages, type MhtrStage } from '../../domain/mhtr/stages.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound, PolicyDenied } from '../errors.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';
import { roles } from '../../domain/organisation/roles.ts';

// Reading and writing a pathway case: its row (a projection of where it is now) and its append-only
// steps. Every step goes through takeStep, which checks the actor's relationship with the person for the
// step's category, their role, the step's own fields and the case's rules, then writes the step, the
// projection and the audit entry in one transaction.

export type Executor = Transaction<Database>;
export type CaseRow = Selectable<MhtrCaseTable>;
export type StepRow = Selectable<MhtrStepTable>;
// The projection's columns a step changes besides its stage.
export type CaseChanges = Partial<Omit<CaseRow, 'id' | 'person_id'>>;

// Step values keep days as Temporal.PlainDate and moments as Temporal.Instant; in the database they are
// JSON, so the fields holding them are named here and read back into Temporal values.
const dayFields = new Set([
  'screenedOn',
  'requestedOn',
  'hearingOn',
  'assessedOn',
  'availableFrom',
  'agreedOn',
  'decidedOn',
  'madeOn',
  'requirementStartsOn',
  'requirementEndsOn',
  'startsOn',
  'recordedOn',
  'startedOn',
  'completedOn',
  'reviewedOn',
]);

export function stepData(step: MhtrStep): string {
  return JSON.stringify(step.value);
}

export function stepFromRow(row: Pick<StepRow, 'kind' | 'data'>): MhtrStep {
  const raw = typeof row.data === 'string' ? row.data : JSON.stringify(row.data);
  const value: unknown = JSON.parse(raw, (key, item: unknown) => (dayFields.has(key) && typeof item === 'string' ? Temporal.PlainDate.from(item) : item));
  return { kind: row.kind as MhtrStepKind, value } as MhtrStep;
}

export function recordedSteps(rows: readonly StepRow[]): RecordedStep[] {
  return rows.map((row) => ({ step: stepFromRow(row), at: Temporal.Instant.from(row.recorded_at) }));
}

export async function loadCaseRow(db: AppContext['db'], caseId: string): Promise<CaseRow> {
  if (!isUuid(caseId)) throw new NotFound('The case');
  const row = await db.selectFrom('mhtr_cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!row) throw new NotFound('The case');
  return row;
}

export async function loadSteps(db: AppContext['db'], caseId: string): Promise<StepRow[]> {
  return db.selectFrom('mhtr_steps').selectAll().where('case_id', '=', caseId).orderBy('sequence').execute();
}

export async function loadCaseState(db: AppContext['db'], caseId: string): Promise<{ row: CaseRow; steps: StepRow[]; state: MhtrCaseState }> {
  const row = await loadCaseRow(db, caseId);
  const steps = await loadSteps(db, caseId);
  return { row, steps, state: caseState(recordedSteps(steps)) };
}

// The actor's role may take this step, or a refusal saying which roles do.
export function requireStepRole(context: AppContext, kind: MhtrStepKind): void {
  if (context.actor.kind === 'system') return;
  if (roleMayTakeStep(context.actor.role, kind)) return;
  const who = stepRules[kind].roles.map((role) => roles[role].toLowerCase());
  const list = who.length <= 1 ? who.join('') : `${who.slice(0, -1).join(', ')} or ${who.at(-1)}`;
  throw new PolicyDenied(`${stepRules[kind].label} is recorded by a ${list}`);
}

export function unwrap<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new InvalidInput(checked.problems);
  return checked.value;
}

// Writes one step onto a case already locked in `trx`, with the projection's stage and the audit entry.
// `project` adds the columns the step changes besides the stage.
export async function appendStep(
  trx: Executor,
  context: AppContext,
  row: CaseRow,
  state: MhtrCaseState,
  step: MhtrStep,
  what: string,
  project: CaseChanges = {},
): Promise<{ stepId: string; stage: MhtrStage }> {
  const refusals = stepRefusals(state, step);
  if (refusals.length > 0) throw new InvalidInput(refusals);
  const stage = stageAfter(state, step);
  const now = context.now().toString();
  const last = await trx.selectFrom('mhtr_steps').select('sequence').where('case_id', '=', row.id).orderBy('sequence', 'desc').limit(1).executeTakeFirst();
  const rule = stepRules[step.kind];
  const inserted = await trx
    .insertInto('mhtr_steps')
    .values({
      case_id: row.id,
      person_id: row.person_id,
      sequence: (last?.sequence ?? 0) + 1,
      kind: step.kind,
      category: rule.category,
      private: rule.private,
      stage_after: stage,
      data: stepData(step),
      recorded_by: context.actor.userId,
      recorded_by_label: context.actor.label,
      recorded_by_role: context.actor.role,
      recorded_by_agency_id: context.actor.agencyId,
      recorded_by_agency_name: context.actor.agencyName,
      recorded_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const changes: CaseChanges = { ...project };
  if (stage !== state.stage) {
    changes.stage = stage;
    changes.stage_since = now;
  }
  if (Object.keys(changes).length > 0) await trx.updateTable('mhtr_cases').set(changes).where('id', '=', row.id).execute();
  const moved = stage !== state.stage ? ` The case moved to the stage “${mhtrStages[stage].toLowerCase()}”.` : '';
  await appendAudit(trx, context, [{ personId: row.person_id, action: 'write', what: `Mental health treatment requirement pathway: ${what}.${moved}` }]);
  return { stepId: inserted.id, stage };
}

// The common shape of a step a member of staff records on an existing case: find the case, check the
// relationship for the step's category and the role, check the fields, then in one transaction lock the
// case, re-read its steps and append.
export async function takeStep(
  context: AppContext,
  caseId: string,
  kind: MhtrStepKind,
  check: (today: Temporal.PlainDate) => Checked<MhtrStep['value']> | Promise<Checked<MhtrStep['value']>>,
  describe: (step: MhtrStep, state: MhtrCaseState) => string,
  after: (trx: Executor, row: CaseRow, step: MhtrStep, state: MhtrCaseState) => Promise<CaseChanges> | CaseChanges = () => ({}),
): Promise<{ stepId: string; stage: MhtrStage }> {
  const found = await loadCaseRow(context.db, caseId);
  const rule = stepRules[kind];
  await requirePersonAccess(context, found.person_id, { category: rule.category, change: true });
  requireStepRole(context, kind);
  const value = unwrap(await check(todayInLondon(context.now())));
  const step = { kind, value } as MhtrStep;
  return inTransaction(context.db, async (trx) => {
    const row = await trx.selectFrom('mhtr_cases').selectAll().where('id', '=', caseId).forUpdate().executeTakeFirstOrThrow();
    const state = caseState(recordedSteps(await loadSteps(trx, caseId)));
    const project = await after(trx, row, step, state);
    return appendStep(trx, context, row, state, step, describe(step, state), project);
  });
}
