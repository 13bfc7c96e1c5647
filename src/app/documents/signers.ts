import { todayInLondon } from '../../domain/london-time.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { formatDay, parseFormMoment, requiredApprovals, type FormDefinition, type SignerApprovals, type Signatory } from '../../domain/documents/forms.ts';
import { isUuid } from '../../domain/identifiers.ts';
import type { DocumentSigner, SignerApprovalCheck } from '../../domain/legal/legal-entries.ts';
import { approvalHoldsOn, approvalKinds, type ApprovalKind } from '../../domain/organisation/approvals.ts';
import type { AppContext } from '../context.ts';
import type { FieldProblem } from '../errors.ts';
import { requirePermission } from '../policy.ts';

// Who signed each part of a statutory form, and the approvals they held on the day they signed.
//
// A signer who is a member of staff in Accord is checked against the approvals recorded for them (the
// approvals table): nothing the receiver says can add to those. A signer who is not in Accord (a doctor
// from another trust, a local authority's AMHP) has no approval records here; the person receiving the
// form may check the public register (for example, the s12 and approved clinician register) and say so,
// naming the register. That declaration is the only thing that stands in for an approval record, it is
// taken as covering the day of signing alone, and it is kept with the document, with who made it and
// when, so that scrutiny can see exactly what was checked and by whom. Without it, an approval the law
// requires is missing and the form is refused with the provision, as for a member of staff.

export interface SignerInput {
  signatoryId: string;
  // A member of staff in Accord, or null for someone who is not.
  userId: string | null;
  // For someone not in Accord: their name as it appears on the form. For staff, the account's name is used.
  name: string;
  // For someone not in Accord: the approvals the receiver checked on a register for the day of signing,
  // and the register they checked (required when any is given).
  checkedApprovals?: ApprovalKind[];
  checkedAgainst?: string;
}

export interface ResolvedSigners {
  // For the catalogue's checks.
  approvals: SignerApprovals[];
  // As kept with the document.
  signers: DocumentSigner[];
}

type Executor = Transaction<Database>;

// The approvals a signatory could be asked to hold, including those treated as equivalent (s12(2A)).
export function possibleApprovals(signatory: Signatory): ApprovalKind[] {
  const kinds: ApprovalKind[] = [];
  if (signatory.approval !== null) kinds.push(signatory.approval);
  for (const condition of signatory.approvalIf ?? []) {
    kinds.push(condition.approval);
    if (condition.deemed !== undefined) kinds.push(condition.deemed.approval);
  }
  return [...new Set(kinds)];
}

function signedDay(form: FormDefinition, signatory: Signatory, values: Record<string, string>): Temporal.PlainDate | null {
  const field = form.parts.flatMap((part) => part.fields).find((candidate) => candidate.id === signatory.signedField);
  const value = (values[signatory.signedField] ?? '').trim();
  if (field === undefined || value === '' || (field.type !== 'date' && field.type !== 'datetime')) return null;
  const parsed = parseFormMoment(field.type, value);
  return parsed.ok ? parsed.moment.day : null;
}

function londonToday(context: AppContext): Temporal.PlainDate {
  return todayInLondon(context.now());
}

// Reads the signers of one form: each part that has been signed (its signing date is filled in) needs a
// signer. `prefix` names the form in problems (e.g. 'document', 'recommendations[0]').
export async function resolveSigners(trx: Executor, context: AppContext, form: FormDefinition, values: Record<string, string>, inputs: SignerInput[], prefix: string): Promise<{ resolved: ResolvedSigners; problems: FieldProblem[] }> {
  const problems: FieldProblem[] = [];
  const resolved: ResolvedSigners = { approvals: [], signers: [] };
  const known = new Set(form.parts.flatMap((part) => (part.signatory === null ? [] : [part.signatory.id])));
  for (const input of inputs) {
    if (!known.has(input.signatoryId)) problems.push({ field: `${prefix}.signer.${input.signatoryId}`, message: `Form ${form.code} has no signatory '${input.signatoryId}'` });
  }
  for (const part of form.parts) {
    const signatory = part.signatory;
    if (signatory === null) continue;
    const field = `${prefix}.signer.${signatory.id}`;
    const day = signedDay(form, signatory, values);
    const signedValue = (values[signatory.signedField] ?? '').trim();
    const input = inputs.find((candidate) => candidate.signatoryId === signatory.id);
    // A part nobody has signed (an optional part left blank) has no signer; the form's own checks say
    // whether it should have been signed.
    if (signedValue === '') continue;
    if (input === undefined) {
      problems.push({ field, message: `Say who signed as ${signatory.label.toLowerCase()}` });
      continue;
    }
    const required = requiredApprovals(signatory, values);
    if (input.userId !== null) {
      if ((input.checkedApprovals ?? []).length > 0) {
        problems.push({ field, message: `The ${signatory.label.toLowerCase()} is in Accord: their approvals are read from Accord's records. Leave the register checks empty, or choose someone not in Accord` });
        continue;
      }
      const user = isUuid(input.userId) ? await trx.selectFrom('users').select(['id', 'display_name']).where('id', '=', input.userId).executeTakeFirst() : undefined;
      if (user === undefined) {
        problems.push({ field, message: `The ${signatory.label.toLowerCase()} chosen is not a member of staff in Accord` });
        continue;
      }
      const rows = await trx.selectFrom('approvals').select(['kind', 'valid_from', 'valid_to', 'withdrawn_at', 'approving_body']).where('user_id', '=', user.id).execute();
      const approvals = rows.map((row) => ({
        kind: row.kind as ApprovalKind,
        validFrom: Temporal.PlainDate.from(row.valid_from),
        validTo: row.valid_to === null ? null : Temporal.PlainDate.from(row.valid_to),
        withdrawn: row.withdrawn_at !== null,
        approvingBody: row.approving_body,
      }));
      resolved.approvals.push({ signatoryId: signatory.id, approvals });
      const checks: SignerApprovalCheck[] = [];
      if (day !== null) {
        for (const need of required) {
          const kinds = need.deemed === undefined ? [need.approval] : [need.approval, need.deemed.approval];
          const holding = approvals.find((approval) => kinds.includes(approval.kind) && approvalHoldsOn(approval, day));
          if (holding === undefined) continue; // the catalogue's check refuses it, citing the provision
          checks.push({
            approval: holding.kind,
            provision: holding.kind === need.approval ? need.provision : (need.deemed?.provision ?? need.provision),
            basis: 'accord-record',
            detail: `${approvalKinds[holding.kind].label} recorded in Accord from ${formatDay(holding.validFrom)}${holding.validTo === null ? '' : ` to ${formatDay(holding.validTo)}`}${holding.approvingBody === null ? '' : ` (${holding.approvingBody})`}, held on ${formatDay(day)}, the day of signing`,
          });
        }
      }
      resolved.signers.push({ signatoryId: signatory.id, userId: user.id, name: user.display_name, approvalChecks: checks });
      continue;
    }

    const name = input.name.trim();
    if (name === '') {
      problems.push({ field, message: `Enter the name of the ${signatory.label.toLowerCase()}` });
      continue;
    }
    const possible = possibleApprovals(signatory);
    const declared = [...new Set(input.checkedApprovals ?? [])];
    const against = (input.checkedAgainst ?? '').trim();
    const foreign = declared.filter((kind) => !possible.includes(kind));
    if (foreign.length > 0) {
      problems.push({ field, message: `A ${signatory.label.toLowerCase()} signs without needing ${foreign.map((kind) => approvalKinds[kind].label.toLowerCase()).join(' or ')} approval: untick it` });
      continue;
    }
    if (declared.length > 0 && against === '') {
      problems.push({ field: `${field}.checkedAgainst`, message: 'Say which register you checked the approval against' });
      continue;
    }
    if (against.length > 300) {
      problems.push({ field: `${field}.checkedAgainst`, message: 'Where you checked must be 300 characters or fewer' });
      continue;
    }
    // A declaration stands for the day of signing only: it says nothing about any other day.
    const approvals = day === null ? [] : declared.map((kind) => ({ kind, validFrom: day, validTo: day, withdrawn: false }));
    resolved.approvals.push({ signatoryId: signatory.id, approvals });
    const checks: SignerApprovalCheck[] =
      day === null
        ? []
        : declared.map((kind) => ({
            approval: kind,
            provision: approvalKinds[kind].provision,
            basis: 'register-checked-by-receiver' as const,
            detail: `${approvalKinds[kind].label} on ${formatDay(day)}, the day of signing: checked against ${against} by ${context.actor.label} on ${formatDay(londonToday(context))}`,
          }));
    resolved.signers.push({ signatoryId: signatory.id, userId: null, name, approvalChecks: checks });
  }
  return { resolved, problems };
}

export interface StaffSigner {
  userId: string;
  name: string;
  // The approvals they hold today, to help the receiver choose.
  approvalsToday: ApprovalKind[];
}

// The staff of the receiver's own agency who may be named as signers. Organisation data, not anyone's
// record, so the read is not audited. A signer from another agency, or from outside Accord, is recorded
// as someone not in Accord, with any approval the receiver checked on a register.
export async function staffWhoMaySign(context: AppContext): Promise<StaffSigner[]> {
  requirePermission(context.actor, 'person.write');
  if (context.actor.agencyId === null) return [];
  const users = await context.db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('agency_id', '=', context.actor.agencyId)
    .where('disabled_at', 'is', null)
    .orderBy('display_name')
    .execute();
  if (users.length === 0) return [];
  const rows = await context.db
    .selectFrom('approvals')
    .select(['user_id', 'kind', 'valid_from', 'valid_to', 'withdrawn_at'])
    .where(
      'user_id',
      'in',
      users.map((user) => user.id),
    )
    .execute();
  const today = londonToday(context);
  return users.map((user) => ({
    userId: user.id,
    name: user.display_name,
    approvalsToday: [
      ...new Set(
        rows
          .filter((row) => row.user_id === user.id && approvalHoldsOn({ validFrom: Temporal.PlainDate.from(row.valid_from), validTo: row.valid_to === null ? null : Temporal.PlainDate.from(row.valid_to), withdrawn: row.withdrawn_at !== null }, today))
          .map((row) => row.kind as ApprovalKind),
      ),
    ],
  }));
}
