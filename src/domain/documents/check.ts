import { approvalHoldsOn, approvalKinds, type ApprovalKind } from '../organisation/approvals.ts';
import { formatDay, formatMoment, londonDayOf, parseFormMoment, type FormMoment } from './form-time.ts';
import type { FormDefinition, FormField, FormProblem, FormRule, RecommendationSpec, Signatory, SignerApprovals } from './form-types.ts';

// Checks a completed statutory form as a browser posts it, and an application with the medical
// recommendations that found it. Every problem names the field at fault and, where the law is the
// reason, the provision. Nothing here reads a clock: the moment of checking is passed in.

export interface CheckOptions {
  // Check only these parts (by id), for a form completed in stages: e.g. ['authority'] before the
  // receiving hospital has filled in its record of admission. Rules that compare a field outside these
  // parts are not applied.
  parts?: readonly string[];
}

export function valueOf(values: Record<string, string>, id: string): string {
  const value = values[id];
  return typeof value === 'string' ? value.trim() : '';
}

export function fieldsOf(form: FormDefinition, partIds?: readonly string[]): FormField[] {
  return form.parts.filter((part) => partIds === undefined || partIds.includes(part.id)).flatMap((part) => part.fields);
}

export function fieldById(form: FormDefinition, id: string): FormField | undefined {
  return fieldsOf(form).find((field) => field.id === id);
}

export function isRequired(field: FormField, values: Record<string, string>): boolean {
  if (field.required) return true;
  return field.requiredWhen !== undefined && valueOf(values, field.requiredWhen.field) === field.requiredWhen.value;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function withProvision(provision: string | null, message: string): string {
  return provision === null ? message : `${provision}: ${message}`;
}

function missingMessage(field: FormField): string {
  if (field.type === 'yes-no') return `${field.label} Answer yes or no.`;
  if (field.type === 'choice') return `${field.label}: choose one of the answers.`;
  return `Enter ${lowerFirst(field.label)}.`;
}

// Reads every field's value: missing, malformed and future values become problems; valid dates and times
// are returned for the rules.
function readFields(fields: FormField[], values: Record<string, string>, now: Temporal.Instant, problems: FormProblem[]): Map<string, FormMoment> {
  const moments = new Map<string, FormMoment>();
  const today = londonDayOf(now);
  for (const field of fields) {
    const value = valueOf(values, field.id);
    if (value === '') {
      if (isRequired(field, values)) problems.push({ field: field.id, message: missingMessage(field), provision: null });
      continue;
    }
    if (field.type === 'date' || field.type === 'datetime') {
      const parsed = parseFormMoment(field.type, value);
      if (!parsed.ok) {
        problems.push({ field: field.id, message: `${field.label}: ${parsed.message}.`, provision: null });
        continue;
      }
      const moment = parsed.moment;
      if (field.allowFuture !== true) {
        const future = moment.hasTime ? Temporal.Instant.compare(moment.instant, now) > 0 : Temporal.PlainDate.compare(moment.day, today) > 0;
        if (future) {
          problems.push({ field: field.id, message: `${field.label}: this is ${moment.hasTime ? 'a time' : 'a date'} in the future (${formatMoment(moment)}).`, provision: null });
          continue;
        }
      }
      moments.set(field.id, moment);
    } else if (field.type === 'yes-no') {
      if (value !== 'yes' && value !== 'no') problems.push({ field: field.id, message: `${field.label} The answer must be yes or no.`, provision: null });
    } else if (field.type === 'choice') {
      if (!(field.options ?? []).some((option) => option.value === value)) problems.push({ field: field.id, message: `${field.label}: "${value}" is not one of the answers.`, provision: null });
    }
  }
  return moments;
}

function withArticle(label: string): string {
  const lower = lowerFirst(label);
  return /^[aeiou]/.test(lower) ? `an ${lower}` : `a ${lower}`;
}

export interface RequiredApproval {
  approval: ApprovalKind;
  provision: string;
  deemed?: { approval: ApprovalKind; provision: string };
}

// The approvals a signatory must hold, given what the form says (e.g. a doctor who states they are s12 approved).
export function requiredApprovals(signatory: Signatory, values: Record<string, string>): RequiredApproval[] {
  const required: RequiredApproval[] = [];
  if (signatory.approval !== null) required.push({ approval: signatory.approval, provision: signatory.approvalProvision ?? approvalKinds[signatory.approval].provision });
  for (const condition of signatory.approvalIf ?? []) {
    if (valueOf(values, condition.field) !== condition.value) continue;
    const entry: RequiredApproval = { approval: condition.approval, provision: condition.provision };
    if (condition.deemed !== undefined) entry.deemed = condition.deemed;
    required.push(entry);
  }
  return required;
}

export function holdsApproval(signer: SignerApprovals | undefined, kind: ApprovalKind, day: Temporal.PlainDate): boolean {
  return signer !== undefined && signer.approvals.some((approval) => approval.kind === kind && approvalHoldsOn(approval, day));
}

function signerDescription(signatory: Signatory, values: Record<string, string>): string {
  const name = signatory.nameField === undefined ? '' : valueOf(values, signatory.nameField);
  const role = lowerFirst(signatory.label);
  return name === '' ? `the ${role}` : `${name} (${role})`;
}

function approvalProblems(form: FormDefinition, partIds: readonly string[] | undefined, values: Record<string, string>, signers: SignerApprovals[], moments: Map<string, FormMoment>): FormProblem[] {
  const problems: FormProblem[] = [];
  for (const part of form.parts) {
    if (part.signatory === null || (partIds !== undefined && !partIds.includes(part.id))) continue;
    const signatory = part.signatory;
    const signed = moments.get(signatory.signedField);
    if (signed === undefined) continue;
    const signer = signers.find((candidate) => candidate.signatoryId === signatory.id);
    for (const required of requiredApprovals(signatory, values)) {
      const holds = holdsApproval(signer, required.approval, signed.day) || (required.deemed !== undefined && holdsApproval(signer, required.deemed.approval, signed.day));
      if (holds) continue;
      const deemedNote = required.deemed === undefined ? '' : ` or ${withArticle(approvalKinds[required.deemed.approval].label)} (treated as approved by ${required.deemed.provision})`;
      const noRecord = signer === undefined || signer.approvals.length === 0 ? ' No approvals are recorded for this signer.' : '';
      problems.push({
        field: signatory.signedField,
        message: `${required.provision}: ${signerDescription(signatory, values)} was not ${withArticle(approvalKinds[required.approval].label)}${deemedNote} on ${formatDay(signed.day)}, the day of signing.${noRecord}`,
        provision: required.provision,
      });
    }
  }
  return problems;
}

function compareMoments(a: FormMoment, b: FormMoment): number {
  if (a.hasTime && b.hasTime) return Temporal.Instant.compare(a.instant, b.instant);
  return Temporal.PlainDate.compare(a.day, b.day);
}

function daysFromTo(from: Temporal.PlainDate, to: Temporal.PlainDate): number {
  return from.until(to, { largestUnit: 'days' }).days;
}

function elapsed(from: Temporal.Instant, to: Temporal.Instant): string {
  const duration = from.until(to, { largestUnit: 'hours', smallestUnit: 'minutes' }).abs();
  const hours = `${duration.hours} hour${duration.hours === 1 ? '' : 's'}`;
  return duration.minutes === 0 ? hours : `${hours} ${duration.minutes} minute${duration.minutes === 1 ? '' : 's'}`;
}

function ruleFields(rule: FormRule): string[] {
  switch (rule.kind) {
    case 'not-before':
      return [rule.field, rule.earlier];
    case 'clear-days-apart':
      return [rule.first, rule.second];
    case 'within-days-ending-with':
      return [rule.field, rule.end];
    case 'within-days-beginning-with':
      return [rule.field, rule.start];
    case 'within-hours-after':
      return [rule.field, rule.start];
    case 'different':
      return [rule.field, rule.other];
    case 'not-value':
      return [rule.field];
    case 'age-at-least':
      return [rule.birth, rule.on];
  }
}

export function ruleFieldIds(rule: FormRule): string[] {
  return ruleFields(rule);
}

function applyRule(rule: FormRule, labels: Map<string, string>, values: Record<string, string>, moments: Map<string, FormMoment>): FormProblem | null {
  const label = (id: string): string => lowerFirst(labels.get(id) ?? id);
  switch (rule.kind) {
    case 'not-before': {
      const later = moments.get(rule.field);
      const earlier = moments.get(rule.earlier);
      if (later === undefined || earlier === undefined || compareMoments(later, earlier) >= 0) return null;
      return { field: rule.field, provision: rule.provision, message: withProvision(rule.provision, `${rule.message} Here ${label(rule.field)} is ${formatMoment(later)}, before ${label(rule.earlier)}, ${formatMoment(earlier)}.`) };
    }
    case 'clear-days-apart': {
      const first = moments.get(rule.first);
      const second = moments.get(rule.second);
      if (first === undefined || second === undefined) return null;
      const clearDays = Math.max(0, Math.abs(daysFromTo(first.day, second.day)) - 1);
      if (clearDays <= rule.maxClearDays) return null;
      return { field: rule.second, provision: rule.provision, message: withProvision(rule.provision, `${rule.message} The examinations on ${formatDay(first.day)} and ${formatDay(second.day)} were ${clearDays} clear days apart; the limit is ${rule.maxClearDays}.`) };
    }
    case 'within-days-ending-with': {
      const moment = moments.get(rule.field);
      const end = moments.get(rule.end);
      if (moment === undefined || end === undefined) return null;
      const start = end.day.subtract({ days: rule.days - 1 });
      if (Temporal.PlainDate.compare(moment.day, start) >= 0 && Temporal.PlainDate.compare(moment.day, end.day) <= 0) return null;
      return { field: rule.field, provision: rule.provision, message: withProvision(rule.provision, `${rule.message} Here ${label(rule.field)} is ${formatDay(moment.day)}; the ${rule.days} days ending with ${formatDay(end.day)} run from ${formatDay(start)}.`) };
    }
    case 'within-days-beginning-with': {
      const moment = moments.get(rule.field);
      const start = moments.get(rule.start);
      if (moment === undefined || start === undefined) return null;
      const last = start.day.add({ days: rule.days - 1 });
      if (Temporal.PlainDate.compare(moment.day, start.day) >= 0 && Temporal.PlainDate.compare(moment.day, last) <= 0) return null;
      return { field: rule.field, provision: rule.provision, message: withProvision(rule.provision, `${rule.message} Here ${label(rule.field)} is ${formatDay(moment.day)}; the ${rule.days} days beginning with ${formatDay(start.day)} run to the end of ${formatDay(last)}.`) };
    }
    case 'within-hours-after': {
      const moment = moments.get(rule.field);
      const start = moments.get(rule.start);
      if (moment === undefined || start === undefined) return null;
      const limit = start.instant.add({ hours: rule.hours });
      const order = Temporal.Instant.compare(moment.instant, start.instant);
      if (order >= 0 && Temporal.Instant.compare(moment.instant, limit) < 0) return null;
      const relation = order < 0 ? 'before' : 'after';
      return { field: rule.field, provision: rule.provision, message: withProvision(rule.provision, `${rule.message} Here ${label(rule.field)} (${formatMoment(moment)}) is ${elapsed(start.instant, moment.instant)} ${relation} ${label(rule.start)} (${formatMoment(start)}).`) };
    }
    case 'different': {
      const a = valueOf(values, rule.field).toLowerCase();
      const b = valueOf(values, rule.other).toLowerCase();
      if (a === '' || b === '' || a !== b) return null;
      return { field: rule.field, provision: rule.provision, message: withProvision(rule.provision, rule.message) };
    }
    case 'not-value': {
      if (valueOf(values, rule.field) !== rule.value) return null;
      return { field: rule.field, provision: rule.provision, message: withProvision(rule.provision, rule.message) };
    }
    case 'age-at-least': {
      const birth = moments.get(rule.birth);
      const on = moments.get(rule.on);
      if (birth === undefined || on === undefined) return null;
      // A birthday on 29 February falls on 28 February in other years here: the reading that flags fewest patients.
      const birthday = birth.day.add({ years: rule.years });
      if (Temporal.PlainDate.compare(birthday, on.day) <= 0) return null;
      return { field: rule.birth, provision: rule.provision, message: withProvision(rule.provision, `${rule.message} The patient is ${rule.years} only on ${formatDay(birthday)}, after ${formatDay(on.day)}.`) };
    }
  }
}

// Checks submitted string values against a form's definition and returns every problem: required fields
// missing, malformed dates and times (including a London local time skipped when the clocks went forward),
// dates and times after `now`, signatories without the approval the law requires on the London day they
// signed, and the order and timing rules the form makes plain.
export function checkForm(form: FormDefinition, values: Record<string, string>, signers: SignerApprovals[], now: Temporal.Instant, options: CheckOptions = {}): FormProblem[] {
  const problems: FormProblem[] = [];
  const fields = fieldsOf(form, options.parts);
  const moments = readFields(fields, values, now, problems);
  problems.push(...approvalProblems(form, options.parts, values, signers, moments));
  const labels = new Map(fields.map((field) => [field.id, field.label]));
  for (const rule of form.rules) {
    if (!ruleFields(rule).every((id) => labels.has(id))) continue;
    const problem = applyRule(rule, labels, values, moments);
    if (problem !== null) problems.push(problem);
  }
  return problems;
}

// One recommending doctor's answers, read from a recommendation form.
export interface RecommendationFacts {
  spec: RecommendationSpec;
  examined: FormMoment | null;
  signed: FormMoment | null;
  // From the doctor's approvals on the day of signing where any are supplied for them; otherwise from their
  // statement on the form. An approved clinician counts (s12(2A)).
  s12Approved: boolean;
  previousAcquaintance: boolean;
  name: string;
}

export function recommendationFacts(form: FormDefinition, values: Record<string, string>, signers: SignerApprovals[] = []): RecommendationFacts[] {
  return form.recommendations.map((spec) => {
    const examinedField = fieldById(form, spec.examinedField);
    const signedField = fieldById(form, spec.signedField);
    const read = (field: FormField | undefined): FormMoment | null => {
      if (field === undefined || (field.type !== 'date' && field.type !== 'datetime')) return null;
      const parsed = parseFormMoment(field.type, valueOf(values, field.id));
      return parsed.ok ? parsed.moment : null;
    };
    const examined = read(examinedField);
    const signed = read(signedField);
    const signer = signers.find((candidate) => candidate.signatoryId === spec.signatoryId);
    const signatory = form.parts.find((part) => part.signatory?.id === spec.signatoryId)?.signatory ?? null;
    const stated = valueOf(values, spec.s12Field) === 'yes';
    const s12Approved = signer !== undefined && signed !== null ? holdsApproval(signer, 'section-12-doctor', signed.day) || holdsApproval(signer, 'approved-clinician', signed.day) : stated;
    const name = signatory?.nameField === undefined ? '' : valueOf(values, signatory.nameField);
    return { spec, examined, signed, s12Approved, previousAcquaintance: valueOf(values, spec.previousAcquaintanceField) === 'yes', name };
  });
}

export interface FormSubmission {
  form: FormDefinition;
  values: Record<string, string>;
  signers?: SignerApprovals[];
}

function prefixed(prefix: string, problems: FormProblem[]): FormProblem[] {
  return problems.map((problem) => ({ ...problem, field: `${prefix}.${problem.field}` }));
}

// Checks an application (A1, A2, A5, A6, A9, A10, G1, G2) together with the medical recommendations that
// found it, as the managers (or the local authority) scrutinise them on receipt: each form on its own (fields
// prefixed 'application.' and 'recommendations[i].'), then what only the set shows: the right recommendation
// forms, the right number of recommendations (s2(3), s3(3), s4(3), s7(3)), each signed on or before the day
// of the application (s12(1)), separate examinations not more than 5 clear days apart (s12(1)), and at least
// one doctor approved under s12 where two are needed (s12(2), an approved clinician counting by s12(2A)).
export function checkApplicationWithRecommendations(application: FormSubmission, recommendations: FormSubmission[], now: Temporal.Instant): FormProblem[] {
  const spec = application.form.application;
  if (spec === null) throw new TypeError(`Form ${application.form.code} is not an application.`);
  const problems: FormProblem[] = prefixed('application', checkForm(application.form, application.values, application.signers ?? [], now));
  recommendations.forEach((recommendation, index) => problems.push(...prefixed(`recommendations[${index}]`, checkForm(recommendation.form, recommendation.values, recommendation.signers ?? [], now))));

  const usable: { index: number; facts: RecommendationFacts }[] = [];
  recommendations.forEach((recommendation, index) => {
    if (!spec.recommendationForms.includes(recommendation.form.code)) {
      problems.push({
        field: `recommendations[${index}]`,
        provision: spec.recommendationRegulation,
        message: `${spec.recommendationRegulation}: Form ${recommendation.form.code} is not a medical recommendation for an application under ${spec.section}; use Form ${spec.recommendationForms.join(' or Form ')}.`,
      });
      return;
    }
    for (const facts of recommendationFacts(recommendation.form, recommendation.values, recommendation.signers ?? [])) usable.push({ index, facts });
  });

  const joint = spec.recommendationForms.length > 1 ? ` (a joint recommendation, Form ${spec.recommendationForms[0] ?? ''}, counts as two)` : '';
  if (usable.length !== spec.recommendationsNeeded) {
    problems.push({
      field: 'recommendations',
      provision: spec.recommendationsProvision,
      message: `${spec.recommendationsProvision}: an application under ${spec.section} is founded on ${spec.recommendationsNeeded === 1 ? 'one medical recommendation' : `${spec.recommendationsNeeded} medical recommendations`}${joint}; ${usable.length} ${usable.length === 1 ? 'was' : 'were'} given.`,
    });
  }

  const madeField = fieldById(application.form, spec.madeField);
  const madeParsed = madeField === undefined || (madeField.type !== 'date' && madeField.type !== 'datetime') ? null : parseFormMoment(madeField.type, valueOf(application.values, spec.madeField));
  const made = madeParsed !== null && madeParsed.ok ? madeParsed.moment : null;
  if (made !== null) {
    for (const { index, facts } of usable) {
      if (facts.signed === null || Temporal.PlainDate.compare(facts.signed.day, made.day) <= 0) continue;
      const who = facts.name === '' ? 'The doctor' : facts.name;
      problems.push({
        field: `recommendations[${index}].${facts.spec.signedField}`,
        provision: 's12(1)',
        message: `s12(1): a medical recommendation must be signed on or before the day of the application. ${who} signed on ${formatDay(facts.signed.day)}, after the application of ${formatDay(made.day)}.`,
      });
    }
  }

  // Separate examinations on separate forms (a joint form's own pair is checked with that form).
  const [first, second] = usable;
  if (usable.length === 2 && first !== undefined && second !== undefined && first.index !== second.index && first.facts.examined !== null && second.facts.examined !== null) {
    const clearDays = Math.max(0, Math.abs(daysFromTo(first.facts.examined.day, second.facts.examined.day)) - 1);
    if (clearDays > 5) {
      const later = Temporal.PlainDate.compare(first.facts.examined.day, second.facts.examined.day) > 0 ? first : second;
      problems.push({
        field: `recommendations[${later.index}].${later.facts.spec.examinedField}`,
        provision: 's12(1)',
        message: `s12(1): where the doctors examined the patient separately, not more than 5 clear days may separate the days of the two examinations. The examinations on ${formatDay(first.facts.examined.day)} and ${formatDay(second.facts.examined.day)} were ${clearDays} clear days apart.`,
      });
    }
  }

  if (spec.recommendationsNeeded >= 2 && usable.length >= 2 && !usable.some(({ facts }) => facts.s12Approved)) {
    problems.push({
      field: 'recommendations',
      provision: 's12(2)',
      message: 's12(2): one of the doctors must be approved under s12 (an approved clinician is treated as approved, s12(2A)); none of them was on the day they signed.',
    });
  }
  return problems;
}
