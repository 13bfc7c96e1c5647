import { randomUUID } from 'node:crypto';
import { inTransaction } from '../../db/transaction.ts';
import {
  checkApplicationWithRecommendations,
  checkForm,
  fieldsOf,
  formByCode,
  FormValuesError,
  lawEventFromForm,
  recommendationFacts,
  type FormDefinition,
  type FormProblem,
} from '../../domain/documents/forms.ts';
import { isUuid } from '../../domain/identifiers.ts';
import type { Finding } from '../../domain/law/contract.ts';
import type { DocumentReceivedData, LegalEventJson, Placement } from '../../domain/legal/legal-entries.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../context.ts';
import { InvalidInput, NotFound, type FieldProblem } from '../errors.ts';
import { recordLegalEvent } from '../legal/record-legal.ts';
import { requirePermission } from '../policy.ts';
import { requirePersonAccess } from '../sharing/person-access.ts';
import { appendEntry, loadEntries } from '../people/record-store.ts';
import { checkAttachment, storeAttachment, type AttachmentInput } from './attachments.ts';
import { resolveSigners, type ResolvedSigners, type SignerInput } from './signers.ts';

// Receiving a statutory document: the hospital managers (or the local authority) receive a completed
// form, with its original, and scrutinise it. The form is checked as the catalogue defines it (every
// field, the approvals each signer held on the day of signing, the order and timing rules, and for an
// application the recommendations that found it); where it records a legal event, the law engine then
// checks that event against the person's history. Any problem is refused with the provision the law
// gives for it, and nothing is saved. Otherwise the original, the legal event and one entry per form
// are written in one transaction.

export interface FormInput {
  formCode: string;
  values: Record<string, string>;
  signers: SignerInput[];
}

export interface ReceiveDocumentInput extends FormInput {
  // For an application: the medical recommendation forms founding it (one joint form, or one or two
  // single forms), in the order given.
  recommendations?: FormInput[];
  // For an application for admission to hospital: Form H3 Part 1, the managers' record of admission,
  // whose time is the time of the admission event.
  admission?: { values: Record<string, string>; signers?: SignerInput[] };
  attachment?: AttachmentInput | null;
  // Where the person is after the event the document records.
  placement: Placement | null;
}

export interface ReceiveDocumentResult {
  // The main document (the application, for an application with its recommendations).
  documentId: string;
  // Every form received, the main one first.
  documentIds: string[];
  event: LegalEventJson | null;
  // What the law engine newly said when the event was added (warnings; errors are refused).
  findings: Finding[];
}

export const admissionFormCode = 'H3';
const admissionParts = ['admission'] as const;
const maximumValueLength = 10_000;

// Only the form's own fields are kept, as trimmed text; anything else a browser sends is dropped.
function formValues(form: FormDefinition, values: Record<string, string>, prefix: string, problems: FieldProblem[], partIds?: readonly string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const field of fieldsOf(form, partIds)) {
    const value = values[field.id];
    if (typeof value !== 'string' || value.trim() === '') continue;
    if (value.length > maximumValueLength) problems.push({ field: `${prefix}.${field.id}`, message: `${field.label}: the answer must be ${maximumValueLength} characters or fewer` });
    kept[field.id] = value.trim();
  }
  return kept;
}

function prefixed(prefix: string, problems: FormProblem[]): FieldProblem[] {
  return problems.map((problem) => ({ field: `${prefix}.${problem.field}`, message: problem.message }));
}

// checkApplicationWithRecommendations names the application's fields 'application.…'; every form's
// fields are named here by where they sit in the submission: 'document.…', 'recommendations[i].…',
// 'admission.…'.
function fromApplicationCheck(problems: FormProblem[]): FieldProblem[] {
  return problems.map((problem) => ({ field: problem.field.startsWith('application.') ? `document.${problem.field.slice('application.'.length)}` : problem.field, message: problem.message }));
}

interface ReceivedForm {
  documentId: string;
  form: FormDefinition;
  values: Record<string, string>;
  resolved: ResolvedSigners;
}

export async function receiveDocument(context: AppContext, personId: string, expectedVersion: number, input: ReceiveDocumentInput): Promise<ReceiveDocumentResult> {
  requirePermission(context.actor, 'person.write');
  await requirePersonAccess(context, personId, { category: 'legal-status', change: true });
  if (!isUuid(personId)) throw new NotFound('The person');
  const form = formByCode(input.formCode);
  if (form === undefined) throw new InvalidInput([{ field: 'formCode', message: `There is no statutory form ${input.formCode}` }]);
  const now = context.now();

  return inTransaction(context.db, async (trx) => {
    const inTrx: AppContext = { ...context, db: trx };
    if ((await loadEntries(trx, personId)).length === 0) throw new NotFound('The person');

    const problems: FieldProblem[] = [];
    const main: ReceivedForm = { documentId: randomUUID(), form, values: formValues(form, input.values, 'document', problems), resolved: { approvals: [], signers: [] } };
    const mainSigners = await resolveSigners(trx, inTrx, form, main.values, input.signers, 'document');
    main.resolved = mainSigners.resolved;
    problems.push(...mainSigners.problems);

    const spec = form.application;
    const recommendations: ReceivedForm[] = [];
    let admission: ReceivedForm | null = null;
    if (spec === null) {
      if ((input.recommendations ?? []).length > 0) problems.push({ field: 'recommendations', message: `Form ${form.code} is not an application: medical recommendations are received with the application they found` });
      if (input.admission !== undefined) problems.push({ field: 'admission', message: `Form ${form.code} is not an application for admission: receive Form H3 on its own` });
      problems.push(...prefixed('document', checkForm(form, main.values, main.resolved.approvals, now)));
    } else {
      const given = input.recommendations ?? [];
      if (given.length > 2) problems.push({ field: 'recommendations', message: 'An application is founded on at most two medical recommendation forms' });
      for (const [index, recommendation] of given.slice(0, 2).entries()) {
        const prefix = `recommendations[${index}]`;
        const recommendationForm = formByCode(recommendation.formCode);
        if (recommendationForm === undefined) {
          problems.push({ field: prefix, message: `There is no statutory form ${recommendation.formCode}` });
          continue;
        }
        const values = formValues(recommendationForm, recommendation.values, prefix, problems);
        const signers = await resolveSigners(trx, inTrx, recommendationForm, values, recommendation.signers, prefix);
        problems.push(...signers.problems);
        recommendations.push({ documentId: randomUUID(), form: recommendationForm, values, resolved: signers.resolved });
      }
      problems.push(
        ...fromApplicationCheck(
          checkApplicationWithRecommendations(
            { form, values: main.values, signers: main.resolved.approvals },
            recommendations.map((recommendation) => ({ form: recommendation.form, values: recommendation.values, signers: recommendation.resolved.approvals })),
            now,
          ),
        ),
      );
      if (form.feeds !== null) {
        const admissionForm = formByCode(admissionFormCode)!;
        if (input.admission === undefined) {
          problems.push({ field: 'admission', message: `Complete Form ${admissionFormCode} Part 1, the record of admission: its time is when detention began` });
        } else {
          const values = formValues(admissionForm, input.admission.values, 'admission', problems, admissionParts);
          const signers = await resolveSigners(trx, inTrx, admissionForm, values, input.admission.signers ?? [], 'admission');
          problems.push(...signers.problems);
          problems.push(...prefixed('admission', checkForm(admissionForm, values, signers.resolved.approvals, now, { parts: admissionParts })));
          const section = values.section;
          if (section !== undefined && section !== spec.section) {
            problems.push({ field: 'admission.section', message: `Form ${admissionFormCode} records an admission under ${section}, but Form ${form.code} is an application under ${spec.section}` });
          }
          admission = { documentId: randomUUID(), form: admissionForm, values, resolved: signers.resolved };
        }
      } else if (input.admission !== undefined) {
        problems.push({ field: 'admission', message: `Form ${form.code} is not an application for admission to hospital: there is no record of admission` });
      }
    }

    const attachment = input.attachment ? checkAttachment(input.attachment) : null;
    if (attachment !== null && 'problem' in attachment) problems.push(attachment.problem);
    if (problems.length > 0) throw new InvalidInput(problems);

    let event: LegalEventJson | null;
    try {
      event = lawEventFromForm(form, main.values, {
        recommendations: recommendations.map((recommendation) => recommendation.values),
        signerS12Approved: recommendations.flatMap((recommendation) => recommendationFacts(recommendation.form, recommendation.values, recommendation.resolved.approvals).map((facts) => facts.s12Approved)),
        ...(admission === null ? {} : { admission: admission.values }),
      }) as LegalEventJson | null;
    } catch (error) {
      if (error instanceof FormValuesError) throw new InvalidInput([{ field: error.field === 'admittedAt' ? 'admission.admittedAt' : `document.${error.field}`, message: error.message }]);
      throw error;
    }

    // The engine checks the event against everything recorded before; a step the law does not allow
    // is refused with its provision, and the transaction (with anything written so far) is abandoned.
    let version = expectedVersion;
    let findings: Finding[] = [];
    if (event !== null) {
      try {
        const written = await recordLegalEvent(inTrx, personId, version, { event, placement: input.placement, documentId: main.documentId, note: null }, `Recorded ${event.type} from Form ${form.code}`);
        findings = written.newFindings;
      } catch (error) {
        if (error instanceof InvalidInput) {
          const atField = spec !== null ? 'admission.admittedAt' : `document.${form.eventAtField ?? ''}`;
          throw new InvalidInput(error.problems.map((problem) => ({ field: problem.field === 'at' ? atField : 'document', message: problem.message })));
        }
        throw error;
      }
      version += 1;
    }

    const stored = attachment !== null && 'attachment' in attachment ? await storeAttachment(trx, inTrx, personId, attachment.attachment) : null;
    const receivedAt = now.toString();
    const received = [main, ...recommendations, ...(admission === null ? [] : [admission])];
    for (const document of received) {
      const data: DocumentReceivedData = {
        documentId: document.documentId,
        formCode: document.form.code,
        formTitle: document.form.title,
        values: document.values,
        signers: document.resolved.signers,
        attachment: stored,
        findings: document === main ? findings : [],
        receivedAt,
        receivedWith: document === main ? null : main.documentId,
      };
      await appendEntry(trx, inTrx, personId, version, { content: { kind: 'statutory-document-received', data } });
      version += 1;
    }
    const others = received.slice(1).map((document) => `Form ${document.form.code}`);
    await appendAudit(trx, inTrx, [{ personId, action: 'write', what: `Received Form ${form.code}${others.length > 0 ? ` with ${others.join(', ')}` : ''}${stored === null ? '' : ' and its original'}` }]);
    return { documentId: main.documentId, documentIds: received.map((document) => document.documentId), event, findings };
  });
}
