import { partyName, referralFromRow, referralQuery } from '../referrals/referral-store.ts';
import { capacityStates, consentDecisions, consentWays } from '../../domain/sharing/consent.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isUuid } from '../../domain/identifiers.ts';
import { deriveLegalRecord } from '../../domain/legal/legal-record.ts';
import { derivePersonState, entryKindLabels, supersessions, type PersonDetails } from '../../domain/people/person.ts';
import { recordCategories } from '../../domain/record/categories.ts';
import { releaseChecksFor, wholeHistory, wordsForKey } from '../../domain/sharing/transparency.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { NotFound } from '../errors.ts';
import { evaluationJson } from '../law/law-output.ts';
import { legalPositionOf, UnevaluableRecord } from '../legal/legal-position.ts';
import { loadEntries } from '../people/record-store.ts';
import { readAccessReport, requireTransparencyPermission, type AccessReport } from './access-report.ts';
import { requirePersonAccess } from './person-access.ts';

// Subject access (UK GDPR Article 15): a copy of everything Accord holds about a person, as one plain,
// JSON-serialisable object that the page, the download and the command line all present. It holds every
// entry of the record whatever category it is in, because the right of access is to all of it: who may
// produce it is limited instead (the roles that oversee the use of records), and what the law allows to
// be withheld is listed for the person producing it to decide before it is given (releaseChecks). The
// originals of statutory documents are listed with their SHA-256, not included.

export const subjectAccessSchema = 'accord.subject-access/1';

export type ExportForm = 'json' | 'document';

const formWords: Record<ExportForm, string> = { json: 'as machine-readable JSON', document: 'as a readable document' };

function text(value: Temporal.Instant | null): string | null {
  return value === null ? null : value.toString();
}

function stamp(value: string | null): string | null {
  return value === null ? null : Temporal.Instant.from(value).toString();
}

function label(labels: Record<string, string>, key: string): string {
  return labels[key] ?? wordsForKey(key);
}

export function accessReportJson(report: AccessReport) {
  return {
    personName: report.personName,
    generatedAt: report.generatedAt.toString(),
    period: { from: text(report.period.from), to: text(report.period.to) },
    totals: report.totals,
    agencies: report.agencies.map((agency) => ({
      agency: agency.agency,
      counts: agency.counts,
      staff: agency.staff.map((member) => ({
        who: member.who,
        role: member.role,
        counts: member.counts,
        first: member.first.toString(),
        last: member.last.toString(),
        uses: member.uses.map((use) => ({
          at: use.at.toString(),
          happened: use.happened,
          action: use.action,
          what: use.what,
          purpose: use.purpose,
          inList: use.inList,
        })),
      })),
    })),
    disclosures: report.disclosures.map((disclosure) => ({
      ...disclosure,
      consentRecordedAt: text(disclosure.consentRecordedAt),
      items: disclosure.items.map((item) => ({ ...item, recordedAt: item.recordedAt.toString() })),
      proposedAt: disclosure.proposedAt.toString(),
      decidedAt: text(disclosure.decidedAt),
      expiresAt: disclosure.expiresAt.toString(),
      withdrawnAt: text(disclosure.withdrawnAt),
    })),
    emergencyAccess: report.emergencyAccess.map((access) => ({
      ...access,
      startsAt: access.startsAt.toString(),
      endsAt: access.endsAt.toString(),
      reviewedAt: text(access.reviewedAt),
    })),
    involvements: report.involvements.map((involvement) => ({
      ...involvement,
      startsAt: involvement.startsAt.toString(),
      endsAt: text(involvement.endsAt),
      recordedAt: involvement.recordedAt.toString(),
    })),
  };
}

type Executor = Transaction<Database>;

async function tasksAbout(trx: Executor, personId: string) {
  const tasks = await trx
    .selectFrom('tasks')
    .select(['id', 'kind', 'role', 'title', 'provision', 'due', 'created_at', 'closed_at', 'closed_by_label', 'closed_reason', 'escalated_at'])
    .where('person_id', '=', personId)
    .orderBy('due')
    .execute();
  const notifications =
    tasks.length === 0
      ? []
      : await trx
          .selectFrom('notifications')
          // The recipient's address is the member of staff's, not the person's: it is not theirs to receive.
          .select(['id', 'task_id', 'created_at', 'role', 'subject', 'body', 'channel', 'status', 'sent_at'])
          .where(
            'task_id',
            'in',
            tasks.map((task) => task.id),
          )
          .orderBy('created_at')
          .execute();
  return {
    tasks: tasks.map((task) => ({
      id: task.id,
      kind: task.kind,
      role: task.role,
      title: task.title,
      provision: task.provision,
      due: stamp(task.due)!,
      createdAt: stamp(task.created_at)!,
      closedAt: stamp(task.closed_at),
      closedBy: task.closed_by_label,
      closedReason: task.closed_reason,
      escalatedAt: stamp(task.escalated_at),
    })),
    notifications: notifications.map((notification) => ({
      id: notification.id,
      taskId: notification.task_id,
      createdAt: stamp(notification.created_at)!,
      forRole: notification.role,
      subject: notification.subject,
      body: notification.body,
      channel: notification.channel,
      status: notification.status,
      sentAt: stamp(notification.sent_at),
    })),
  };
}

async function attachmentsOf(trx: Executor, personId: string) {
  const rows = await trx
    .selectFrom('attachments')
    .leftJoin('users', 'users.id', 'attachments.uploaded_by')
    // Never the content: the export lists the originals, each with the hash that identifies it.
    .select(['attachments.id', 'attachments.filename', 'attachments.media_type', 'attachments.size', 'attachments.sha256', 'attachments.uploaded_at', 'users.display_name as uploaded_by_name'])
    .where('attachments.person_id', '=', personId)
    .orderBy('attachments.uploaded_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    filename: row.filename,
    mediaType: row.media_type,
    size: Number(row.size),
    sha256: row.sha256,
    uploadedAt: stamp(row.uploaded_at)!,
    uploadedBy: row.uploaded_by_name,
  }));
}

async function consentsOf(trx: Executor, personId: string) {
  const rows = await trx.selectFrom('consents').selectAll().where('person_id', '=', personId).orderBy('recorded_at').execute();
  const agencyIds = [...new Set(rows.flatMap((row) => row.agency_ids))];
  const agencies = agencyIds.length === 0 ? [] : await trx.selectFrom('agencies').select(['id', 'name']).where('id', 'in', agencyIds).execute();
  const agencyName = new Map(agencies.map((agency) => [agency.id, agency.name]));
  return rows.map((row) => ({
    id: row.id,
    decision: row.decision,
    decisionLabel: label(consentDecisions, row.decision),
    agencies: row.agency_ids.map((id) => agencyName.get(id) ?? id),
    categories: row.categories.map((category) => label(recordCategories, category)),
    purpose: row.purpose,
    howGiven: row.how_given,
    howGivenLabel: label(consentWays, row.how_given),
    capacity: row.capacity,
    capacityLabel: label(capacityStates, row.capacity),
    bestInterests: row.best_interests,
    validUntil: stamp(row.valid_until),
    recordedBy: row.recorded_by_label,
    recordedByAgency: row.recorded_by_agency,
    recordedAt: stamp(row.recorded_at)!,
    withdrawnAt: stamp(row.withdrawn_at),
    withdrawnBy: row.withdrawn_by_label,
    withdrawalNote: row.withdrawal_note,
  }));
}

// Every referral made about the person, with what the referrer wrote and how it ended.
async function referralsAbout(trx: Executor, personId: string) {
  const rows = await referralQuery(trx).where('referrals.person_id', '=', personId).orderBy('referrals.referred_at').execute();
  return rows.map(referralFromRow).map((referral) => ({
    id: referral.id,
    purpose: referral.purposeLabel,
    urgency: referral.urgency,
    from: partyName(referral.from),
    to: partyName(referral.to),
    asked: referral.asked,
    referrerWords: referral.referrerWords,
    referredBy: referral.referredByLabel,
    referredAt: referral.referredAt.toString(),
    status: referral.state.status,
    decision: referral.state.decision && { decision: referral.state.decision.decision, reason: referral.state.decision.reason, by: referral.state.decision.by, at: referral.state.decision.at.toString() },
    outcome: referral.state.closed && { outcome: referral.state.closed.outcome, note: referral.state.closed.note, by: referral.state.closed.by, at: referral.state.closed.at.toString() },
    withdrawn: referral.state.withdrawn && { reason: referral.state.withdrawn.reason, by: referral.state.withdrawn.by, at: referral.state.withdrawn.at.toString() },
  }));
}

async function readExport(trx: Executor, context: AppContext, personId: string) {
  const entries = await loadEntries(trx, personId);
  if (entries.length === 0) throw new NotFound('The person');
  const state = derivePersonState(entries);
  const supersededBy = supersessions(entries);
  const legalRecord = deriveLegalRecord(entries);

  let legal: { status: ReturnType<typeof evaluationJson>; due: { kind: string; due: string; provision: string; title: string; role: string | null }[] } | null = null;
  let legalProblem: string | null = null;
  if (legalRecord.events.length > 0) {
    try {
      const position = legalPositionOf(entries, context.now());
      legal = {
        status: evaluationJson(position.output),
        due: position.due.map((item) => ({ kind: item.kind, due: item.due.toString(), provision: item.provision, title: item.title, role: item.role })),
      };
    } catch (error) {
      // The export must still be given: the entries hold the legal record as written.
      if (!(error instanceof UnevaluableRecord)) throw error;
      legalProblem = 'The legal position could not be worked out from the legal entries; every legal entry is listed among the entries.';
    }
  }

  const { tasks, notifications } = await tasksAbout(trx, personId);
  const report = accessReportJson(await readAccessReport(trx, context, personId, wholeHistory));
  const details: PersonDetails = state.details;
  return {
    schema: subjectAccessSchema,
    generatedAt: context.now().toString(),
    generatedBy: { name: context.actor.label, role: context.actor.role, agency: context.actor.agencyName },
    person: {
      id: personId,
      name: report.personName,
      details,
      ownWords: state.ownWords && { words: state.ownWords.words, source: state.ownWords.source, recordedAt: state.ownWords.recordedAt.toString(), recordedBy: state.ownWords.recordedBy },
      version: state.version,
    },
    entries: entries.map((entry) => ({
      id: entry.id,
      sequence: entry.sequence,
      kind: entry.content.kind,
      kindLabel: label(entryKindLabels, entry.content.kind),
      category: entry.category,
      categoryLabel: label(recordCategories, entry.category),
      data: entry.content.data as unknown,
      reason: entry.reason,
      recordedAt: entry.recordedAt.toString(),
      author: { name: entry.author.name, role: entry.author.role, agency: entry.author.agencyName },
      supersedes: entry.supersedes,
      supersededBy: supersededBy.get(entry.id)?.id ?? null,
    })),
    legal,
    legalProblem,
    tasks,
    notifications,
    documents: legalRecord.documents.map((document) => ({
      documentId: document.documentId,
      formCode: document.formCode,
      formTitle: document.formTitle,
      receivedAt: document.receivedAt,
      recordedAt: document.recordedAt.toString(),
      recordedBy: document.recordedBy,
      receivedWith: document.receivedWith ?? null,
      outcome: document.outcome && { outcome: document.outcome.outcome, action: document.outcome.action, at: document.outcome.at, recordedBy: document.outcome.recordedBy },
      original: document.attachment,
    })),
    originals: await attachmentsOf(trx, personId),
    involvements: report.involvements,
    consents: await consentsOf(trx, personId),
    referrals: await referralsAbout(trx, personId),
    disclosures: report.disclosures,
    emergencyAccess: report.emergencyAccess,
    // Who looked at, changed, listed or was refused the record: the access report's uses (its
    // involvements, disclosures and emergency access are above).
    accessReport: { period: report.period, totals: report.totals, agencies: report.agencies },
    releaseChecks: releaseChecksFor(entries.map((entry) => entry.category)).map((check) => ({
      id: check.id,
      title: check.title,
      provision: check.provision,
      explanation: check.explanation,
      entries: check.entries,
      categories: check.categoryLabels,
    })),
  };
}

export type SubjectAccessExport = Awaited<ReturnType<typeof readExport>>;

// Everything held about the person, read in one transaction with the audit entry that records the export.
export async function subjectAccessExport(context: AppContext, personId: string, form: ExportForm = 'json'): Promise<SubjectAccessExport> {
  requireTransparencyPermission(context, 'a subject access export');
  if (!isUuid(personId)) throw new NotFound('The person');
  await requirePersonAccess(context, personId, { category: 'identity', oversight: true });
  return inTransaction(context.db, async (trx) => {
    await appendAudit(trx, context, [{ personId, action: 'read', what: `Exported everything held about the person for subject access (UK GDPR Article 15), ${formWords[form]}` }]);
    return readExport(trx, context, personId);
  });
}
