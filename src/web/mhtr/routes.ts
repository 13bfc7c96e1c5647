import { toCsv } from '../../app/deadlines/csv.ts';
import { Conflict, InvalidInput, NotFound, type FieldProblem } from '../../app/errors.ts';
import { bookAppointment, recordAttendance } from '../../app/mhtr/appointments.ts';
import { loadCaseRow, requireStepRole } from '../../app/mhtr/case-store.ts';
import { casesOfPerson, courtSummaryFor, pathwayDashboard, personPlanFor, probationCaseload, treatmentProviderList, viewCase, type CaseView } from '../../app/mhtr/case-views.ts';
import { recordCommunityOrder } from '../../app/mhtr/community-orders.ts';
import { openCaseFromScreening } from '../../app/mhtr/pathway-steps.ts';
import { probationPractitionerChoices, treatmentProviderChoices } from '../../app/mhtr/step-choices.ts';
import { actorMay } from '../../app/policy.ts';
import { personAccess, requirePersonAccess } from '../../app/sharing/person-access.ts';
import { checkScreening } from '../../domain/mhtr/assessment.ts';
import { checkCommunityOrder, communityOrderRequirements, orderKinds } from '../../domain/mhtr/court.ts';
import { appointmentRoles, appointmentStages, roleMayTakeStep, stepRules, type MhtrStepKind } from '../../domain/mhtr/pathway.ts';
import { stageEnded } from '../../domain/mhtr/stages.ts';
import { displayName } from '../../domain/people/person.ts';
import { appointmentKinds, attendanceOutcomes, type AppointmentKind } from '../../domain/mhtr/supervision.ts';
import type { Role } from '../../domain/organisation/roles.ts';
import { recordCategories, type RecordCategory } from '../../domain/record/categories.ts';
import { idParam } from '../admin/path-ids.ts';
import { dateTimeValues, emptyDateTimeValues, isDateTimeProblem, readDateTime } from '../core/date-time-input.ts';
import { formatDate, formatDateTime, todayInLondon } from '../core/dates.ts';
import { text } from '../core/forms.ts';
import type { RequestContext, Route } from '../core/route-table.ts';
import { personIdParam } from '../people/record-params.ts';
import { reportChecklistItems } from '../../domain/mhtr/report-checklist.ts';
import {
  appointmentRows,
  attendanceLine,
  caseHistory,
  checklistRows,
  dashboardCsvHeader,
  dashboardCsvRows,
  dashboardSections,
  stageTimeRows,
  timeAtStage,
  uptakeLine,
} from './case-presenter.ts';
import { fieldViews, formProblems, FormReading, type FormField } from './form-reading.ts';
import { screeningFields, stepFormFor, type FormOptions, type StepForm } from './step-forms.ts';

// The community-sentence (mental health treatment requirement) pathway's pages: a person's cases and a
// case with its history, one form per step, appointments and attendance, the court summary, the person's
// own plan, the probation caseload, the treatment provider's list and the dashboard. The rules and the
// checks are in src/app/mhtr/*; these pages read forms and show what it returns.

const casePurpose = 'Working a community sentence with a mental health treatment requirement';
const caseBase = (personId: string, caseId: string) => `/people/${personId}/community-sentence/${caseId}`;

function roleOf(context: RequestContext): Role | null {
  return context.actor?.kind === 'user' ? context.actor.role : null;
}

// The case named in the address, if it is this person's: another person's case is not found here.
async function caseOfPerson(context: RequestContext): Promise<{ personId: string; caseId: string }> {
  const personId = personIdParam(context);
  const caseId = idParam(context, 'caseId', 'The case');
  const row = await loadCaseRow(context.services.db, caseId);
  if (row.person_id !== personId) throw new NotFound('The case');
  return { personId, caseId };
}

async function viewOfPerson(context: RequestContext): Promise<CaseView> {
  const { personId, caseId } = await caseOfPerson(context);
  const view = await viewCase(context.app(), caseId);
  if (view.personId !== personId) throw new NotFound('The case');
  return view;
}

async function writableCategories(context: RequestContext, personId: string): Promise<ReadonlySet<RecordCategory>> {
  const access = await personAccess(context.app(), personId);
  return access.system ? new Set(Object.keys(recordCategories) as RecordCategory[]) : access.categories;
}

function mayBookAppointments(context: RequestContext, view: CaseView): boolean {
  const role = roleOf(context);
  return appointmentStages.includes(view.stage) && (role === null || appointmentRoles.treatment.includes(role));
}

function mayRecordAttendance(context: RequestContext, kind: AppointmentKind): boolean {
  const role = roleOf(context);
  return role === null || (appointmentRoles[kind] as readonly Role[]).includes(role);
}

// A generic form page: the pathway's steps, opening a case and recording a community order share it.
interface FormPage {
  title: string;
  heading: string;
  caption: string;
  intro?: string;
  action: string;
  button: string;
  fields: FormField[];
  hidden?: { name: string; value: string }[];
  backLink: string;
  // Said instead of the form when the member of staff cannot record it.
  refusal?: string | null;
}

function renderForm(context: RequestContext, page: FormPage, reading: FormReading | null, problems: FieldProblem[] = [], status = 200) {
  const { errors, fieldErrors } = formProblems(problems, page.fields, reading);
  return context.render(
    'pages/mhtr/form.njk',
    { ...page, fields: fieldViews(page.fields, reading, fieldErrors), errors, hidden: page.hidden ?? [], refusal: page.refusal ?? null },
    status,
  );
}

// Steps ----------------------------------------------------------------------------------------------

function stepKindParam(context: RequestContext): { kind: MhtrStepKind; form: StepForm } {
  const step = context.params.step ?? '';
  const form = stepFormFor(step);
  if (form === null) throw new NotFound('The step');
  return { kind: step as MhtrStepKind, form };
}

async function formOptions(context: RequestContext, form: StepForm, view: CaseView): Promise<FormOptions> {
  const app = context.app();
  const choices = (items: { id: string; label: string }[]) => Object.fromEntries(items.map((item) => [item.id, item.label]));
  return {
    practitioners: form.needs === 'practitioners' ? choices(await probationPractitionerChoices(app)) : {},
    providers: form.needs === 'providers' ? choices(await treatmentProviderChoices(app)) : {},
    missedAppointments: Object.fromEntries(
      view.appointments.filter((item) => item.awaitingDecision).map((item) => [item.id, `${appointmentKinds[item.kind]}, ${formatDateTime(item.startsAt)}, ${item.place}`]),
    ),
    categories: await writableCategories(context, view.personId),
  };
}

// The steps the member of staff may record now. The report checklist is clinical as a step, but probation
// completes its one item about the order (that treatment is available), so it is offered to anyone who
// may write either category; the application checks each item saved.
async function openSteps(context: RequestContext, view: CaseView): Promise<MhtrStepKind[]> {
  const steps = [...view.nextSteps];
  const role = roleOf(context);
  const checklist = stepRules['report-checklist'];
  if (!steps.includes('report-checklist') && checklist.from.includes(view.stage) && (role === null || roleMayTakeStep(role, 'report-checklist'))) {
    const categories = await writableCategories(context, view.personId);
    if (categories.has('offending')) steps.splice(steps.indexOf('private-consent') === -1 ? steps.length : steps.indexOf('private-consent'), 0, 'report-checklist');
  }
  return steps;
}

// Whether the member of staff may record the step on this case now, or why not.
async function requireStepOpen(context: RequestContext, view: CaseView, kind: MhtrStepKind): Promise<void> {
  if ((await openSteps(context, view)).includes(kind)) return;
  const app = context.app();
  await requirePersonAccess(app, view.personId, { category: stepRules[kind].category, change: true });
  requireStepRole(app, kind);
  throw new Conflict(`${stepRules[kind].label} cannot be recorded now: the case is at the stage “${view.stageLabel.toLowerCase()}”.`);
}

async function showStepForm(context: RequestContext, view: CaseView, kind: MhtrStepKind, form: StepForm, reading: FormReading | null, problems: FieldProblem[] = [], status = 200) {
  const options = await formOptions(context, form, view);
  const base = caseBase(view.personId, view.caseId);
  return renderForm(
    context,
    {
      title: `${stepRules[kind].label}: ${view.personName}`,
      heading: stepRules[kind].label,
      caption: view.personName,
      ...(form.intro ? { intro: form.intro } : {}),
      action: `${base}/steps/${kind}`,
      button: 'Save',
      fields: form.fields(options),
      backLink: base,
    },
    reading,
    problems,
    status,
  );
}

// Appointments ---------------------------------------------------------------------------------------

function showAppointmentForm(context: RequestContext, view: CaseView, values: Record<string, string>, startsAt: ReturnType<typeof dateTimeValues>, problems: FieldProblem[] = [], startsAtFocus: string | null = null, status = 200) {
  const fieldIds: Record<string, string> = { kind: 'kind', startsAt: startsAtFocus ?? 'startsAt-day', place: 'place', withWhom: 'withWhom' };
  return context.render(
    'pages/mhtr/appointment-new.njk',
    {
      title: `Book an appointment: ${view.personName}`,
      personName: view.personName,
      action: `${caseBase(view.personId, view.caseId)}/appointments/new`,
      values,
      startsAt,
      startsAtFocus,
      kindItems: Object.entries(appointmentKinds).map(([value, label]) => ({ value, text: label, checked: values.kind === value })),
      errors: problems.map((problem) => (fieldIds[problem.field] ? { text: problem.message, href: `#${fieldIds[problem.field]}` } : { text: problem.message })),
      fieldErrors: Object.fromEntries(problems.map((problem) => [problem.field, problem.message])),
      backLink: caseBase(view.personId, view.caseId),
    },
    status,
  );
}

function findAppointment(view: CaseView, context: RequestContext) {
  const appointmentId = idParam(context, 'appointmentId', 'The appointment');
  const appointment = view.appointments.find((item) => item.id === appointmentId);
  if (!appointment) throw new NotFound('The appointment');
  return appointment;
}

function showAttendanceForm(context: RequestContext, view: CaseView, appointment: CaseView['appointments'][number], values: { outcome: string; note: string }, problems: FieldProblem[] = [], status = 200) {
  return context.render(
    'pages/mhtr/attendance.njk',
    {
      title: `Record what happened at an appointment: ${view.personName}`,
      personName: view.personName,
      action: `${caseBase(view.personId, view.caseId)}/appointments/${appointment.id}/attendance`,
      appointment: {
        kind: appointmentKinds[appointment.kind],
        startsAt: formatDateTime(appointment.startsAt),
        place: appointment.place,
        withWhom: appointment.withWhom,
        outcome: appointment.outcome === null ? null : attendanceOutcomes[appointment.outcome],
        outcomeBy: appointment.outcomeRecordedBy,
      },
      values,
      outcomeItems: Object.entries(attendanceOutcomes).map(([value, label]) => ({ value, text: label, checked: values.outcome === value })),
      errors: problems.map((problem) => (problem.field === 'outcome' || problem.field === 'note' ? { text: problem.message, href: `#${problem.field}` } : { text: problem.message })),
      fieldErrors: Object.fromEntries(problems.map((problem) => [problem.field, problem.message])),
      backLink: caseBase(view.personId, view.caseId),
    },
    status,
  );
}

// Opening a case and recording a community order ------------------------------------------------------

function openCasePage(context: RequestContext, personId: string, personName: string, referralId: string, refusal: string | null): FormPage {
  return {
    title: `Open a community-sentence case: ${personName}`,
    heading: 'Open a community-sentence case',
    caption: personName,
    intro: 'A case on the mental health treatment requirement pathway opens with the liaison and diversion screening after arrest. A person has one open case at a time.',
    action: `/people/${personId}/community-sentence/open`,
    button: 'Open the case',
    fields: screeningFields,
    hidden: referralId === '' ? [] : [{ name: 'referralId', value: referralId }],
    backLink: `/people/${personId}/community-sentence`,
    refusal,
  };
}

async function screeningRefusal(context: RequestContext, personId: string): Promise<string | null> {
  const role = roleOf(context);
  if (role !== null && !roleMayTakeStep(role, 'screening')) return 'Screenings are recorded by a liaison and diversion practitioner, a mental health nurse or a psychiatrist. Ask them to open the case.';
  const categories = await writableCategories(context, personId);
  if (!categories.has(stepRules.screening.category)) return 'Your agency’s sharing policy does not include clinical information, which a screening is.';
  return null;
}

async function personNameFor(context: RequestContext, personId: string): Promise<string> {
  const person = await context.services.db.selectFrom('people').select(['given_names', 'family_name', 'preferred_name']).where('id', '=', personId).executeTakeFirst();
  if (!person) throw new NotFound('The person');
  return displayName({ givenNames: person.given_names, familyName: person.family_name, preferredName: person.preferred_name });
}

const communityOrderChoices = Object.fromEntries(Object.entries(communityOrderRequirements).filter(([key]) => key !== 'mental-health-treatment'));
const communityOrderFields: FormField[] = [
  { name: 'madeOn', kind: 'date', label: 'Date the order was made', hint: 'For example, 27 3 2026' },
  { name: 'orderKind', kind: 'radios', label: 'Kind of order', choices: orderKinds },
  { name: 'requirements', kind: 'checkboxes', label: 'Requirements of the order', choices: communityOrderChoices, hint: 'An order with a mental health treatment requirement is recorded on the person’s pathway case instead' },
];

function communityOrderPage(context: RequestContext): FormPage {
  const role = roleOf(context);
  return {
    title: 'Record a community order without the requirement',
    heading: 'Record a community order without the requirement',
    caption: 'Community sentences',
    intro: 'Uptake is the share of community orders that carry a mental health treatment requirement. Record here each community order or suspended sentence order made without one; no one is named.',
    action: '/community-sentences/community-orders/new',
    button: 'Record the order',
    fields: communityOrderFields,
    backLink: '/community-sentences',
    refusal: role === null || role === 'court-officer' ? null : 'Community orders are recorded by a court officer.',
  };
}

export const mhtrRoutes: Route[] = [
  {
    method: 'GET',
    url: '/community-sentences',
    access: 'person.read',
    purpose: 'Opening the community sentences pages',
    handler: async (context) =>
      context.render('pages/mhtr/hub.njk', {
        title: 'Community sentences',
        role: roleOf(context),
        canReadReports: actorMay(context.actor!, 'reports.read'),
      }),
  },
  {
    method: 'GET',
    url: '/people/:personId/community-sentence',
    access: 'person.read',
    person: { category: 'offending' },
    purpose: 'Reading a person’s community-sentence cases',
    handler: async (context) => {
      const personId = personIdParam(context);
      const cases = await casesOfPerson(context.app(), personId);
      const open = cases.some((item) => !stageEnded(item.stage));
      const personName = await personNameFor(context, personId);
      return context.render('pages/mhtr/cases.njk', {
        title: `Community sentence: ${personName}`,
        personId,
        personName,
        cases: cases.map((item) => ({ href: caseBase(personId, item.caseId), stage: item.stageLabel, openedAt: formatDateTime(item.openedAt), ended: stageEnded(item.stage) })),
        canOpen: !open && actorMay(context.actor!, 'person.write') && (await screeningRefusal(context, personId)) === null,
        backLink: `/people/${personId}`,
      });
    },
  },
  {
    method: 'GET',
    url: '/people/:personId/community-sentence/open',
    access: 'person.write',
    person: { category: 'clinical', change: true },
    purpose: 'Opening a community-sentence case from a liaison and diversion screening',
    handler: async (context) => {
      const personId = personIdParam(context);
      const page = openCasePage(context, personId, await personNameFor(context, personId), text(context.query.referralId), await screeningRefusal(context, personId));
      return renderForm(context, page, null);
    },
  },
  {
    method: 'POST',
    url: '/people/:personId/community-sentence/open',
    access: 'person.write',
    person: { category: 'clinical', change: true },
    purpose: 'Opening a community-sentence case from a liaison and diversion screening',
    handler: async (context) => {
      const personId = personIdParam(context);
      const reading = new FormReading(context.body, screeningFields);
      const input = {
        screenedOn: reading.day('screenedOn'),
        place: reading.text('place'),
        screeningTool: reading.text('screeningTool'),
        findings: reading.text('findings'),
        suggestsRequirement: reading.text('suggestsRequirement'),
        referralId: reading.text('referralId') === '' ? null : reading.text('referralId'),
      };
      const page = openCasePage(context, personId, await personNameFor(context, personId), reading.text('referralId'), null);
      // The form is read and checked here first, as every form is; the application checks it again with
      // the role and the relationship.
      const checked = checkScreening(input, todayInLondon(context.services.now()));
      if (!checked.ok) return renderForm(context, page, reading, reading.withBoxProblems(checked.problems), 400);
      try {
        const { caseId } = await openCaseFromScreening(context.app(), personId, input);
        return context.redirect(`${caseBase(personId, caseId)}?saved=screening`);
      } catch (error) {
        if (error instanceof InvalidInput) return renderForm(context, page, reading, reading.withBoxProblems(error.problems), 400);
        throw error;
      }
    },
  },
  {
    method: 'GET',
    url: '/people/:personId/community-sentence/:caseId',
    access: 'person.read',
    person: { category: 'offending' },
    purpose: 'Reading a community-sentence case',
    handler: async (context) => {
      const view = await viewOfPerson(context);
      const base = caseBase(view.personId, view.caseId);
      const saved = text(context.query.saved);
      return context.render('pages/mhtr/case.njk', {
        title: `Community sentence: ${view.personName}`,
        view,
        base,
        saved: saved === 'appointment' ? 'The appointment was booked' : saved === 'attendance' ? 'What happened at the appointment was recorded' : Object.hasOwn(stepRules, saved) ? `${stepRules[saved as MhtrStepKind].label} was recorded` : null,
        stageSince: formatDateTime(view.stageSince),
        spells: view.spells.map((spell) => ({ label: spell.label, enteredAt: formatDateTime(spell.enteredAt), leftAt: spell.leftAt ? formatDateTime(spell.leftAt) : 'Still at this stage', time: timeAtStage(spell.hours) })),
        nextSteps: (await openSteps(context, view)).filter((kind) => stepFormFor(kind) !== null).map((kind) => ({ href: `${base}/steps/${kind}`, text: stepRules[kind].label, private: stepRules[kind].private })),
        canBook: mayBookAppointments(context, view),
        checklist: checklistRows(view),
        showChecklist: ['assessment', 'report', 'pre-sentence-report', 'court-decision'].includes(view.stage) || view.missingFromReport.length < Object.keys(reportChecklistItems).length,
        appointments: appointmentRows(view).map((row) => ({ ...row, attendanceHref: row.outcome === null && mayRecordAttendance(context, row.kindKey) ? `${base}/appointments/${row.id}/attendance` : null })),
        attendance: attendanceLine(view.attendance),
        history: caseHistory(view),
        backLink: `/people/${view.personId}/community-sentence`,
      });
    },
  },
  {
    method: 'GET',
    url: '/people/:personId/community-sentence/:caseId/steps/:step',
    access: 'person.write',
    person: { category: 'offending', change: true },
    purpose: casePurpose,
    handler: async (context) => {
      const view = await viewOfPerson(context);
      const { kind, form } = stepKindParam(context);
      await requireStepOpen(context, view, kind);
      return showStepForm(context, view, kind, form, null);
    },
  },
  {
    method: 'POST',
    url: '/people/:personId/community-sentence/:caseId/steps/:step',
    access: 'person.write',
    person: { category: 'offending', change: true },
    purpose: casePurpose,
    handler: async (context) => {
      const { personId, caseId } = await caseOfPerson(context);
      const { kind, form } = stepKindParam(context);
      const app = context.app();
      // The fields as the member of staff saw them, to read the answers back.
      const fields = form.fields({ practitioners: {}, providers: {}, missedAppointments: {}, categories: await writableCategories(context, personId) });
      const reading = new FormReading(context.body, fields);
      try {
        await form.record(app, caseId, reading);
        return context.redirect(`${caseBase(personId, caseId)}?saved=${kind}`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        const view = await viewCase(app, caseId);
        return showStepForm(context, view, kind, form, reading, reading.withBoxProblems(error.problems), 400);
      }
    },
  },
  {
    method: 'GET',
    url: '/people/:personId/community-sentence/:caseId/appointments/new',
    access: 'person.write',
    person: { category: 'offending', change: true },
    purpose: casePurpose,
    handler: async (context) => showAppointmentForm(context, await viewOfPerson(context), { kind: '', place: '', withWhom: '' }, emptyDateTimeValues),
  },
  {
    method: 'POST',
    url: '/people/:personId/community-sentence/:caseId/appointments/new',
    access: 'person.write',
    person: { category: 'offending', change: true },
    purpose: casePurpose,
    handler: async (context) => {
      const { personId, caseId } = await caseOfPerson(context);
      const values = { kind: text(context.body.kind), place: text(context.body.place), withWhom: text(context.body.withWhom) };
      const startsAt = readDateTime(context.body, 'startsAt', 'Date and time of the appointment');
      try {
        await bookAppointment(context.app(), caseId, { ...values, startsAt: isDateTimeProblem(startsAt) ? null : Temporal.Instant.from(startsAt.value) });
        return context.redirect(`${caseBase(personId, caseId)}?saved=appointment`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        const problems = error.problems.map((problem) => (problem.field === 'startsAt' && isDateTimeProblem(startsAt) ? startsAt.problem : problem));
        const view = await viewCase(context.app(), caseId);
        return showAppointmentForm(context, view, values, dateTimeValues(context.body, 'startsAt'), problems, isDateTimeProblem(startsAt) ? startsAt.focusId : null, 400);
      }
    },
  },
  {
    method: 'GET',
    url: '/people/:personId/community-sentence/:caseId/appointments/:appointmentId/attendance',
    access: 'person.write',
    person: { category: 'offending', change: true },
    purpose: casePurpose,
    handler: async (context) => {
      const view = await viewOfPerson(context);
      return showAttendanceForm(context, view, findAppointment(view, context), { outcome: '', note: '' });
    },
  },
  {
    method: 'POST',
    url: '/people/:personId/community-sentence/:caseId/appointments/:appointmentId/attendance',
    access: 'person.write',
    person: { category: 'offending', change: true },
    purpose: casePurpose,
    handler: async (context) => {
      const view = await viewOfPerson(context);
      const appointment = findAppointment(view, context);
      const values = { outcome: text(context.body.outcome), note: text(context.body.note) };
      try {
        await recordAttendance(context.app(), appointment.id, values);
        return context.redirect(`${caseBase(view.personId, view.caseId)}?saved=attendance`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        return showAttendanceForm(context, await viewCase(context.app(), view.caseId), appointment, values, error.problems, 400);
      }
    },
  },
  {
    method: 'GET',
    url: '/people/:personId/community-sentence/:caseId/court-summary',
    access: 'person.read',
    person: { category: 'offending' },
    purpose: 'Producing the court summary of a community-sentence case',
    handler: async (context) => {
      const { personId, caseId } = await caseOfPerson(context);
      const summary = await courtSummaryFor(context.app(), caseId);
      return context.render('pages/mhtr/court-summary.njk', {
        title: `Court summary: ${summary.personName}`,
        summary,
        attendance: summary.attendance ? attendanceLine(summary.attendance) : null,
        backLink: caseBase(personId, caseId),
      });
    },
  },
  {
    method: 'GET',
    url: '/people/:personId/community-sentence/:caseId/plan',
    access: 'person.read',
    person: { category: 'offending' },
    purpose: 'Producing the person’s own plan for their community sentence',
    handler: async (context) => {
      const { personId, caseId } = await caseOfPerson(context);
      const plan = await personPlanFor(context.app(), caseId);
      return context.render('pages/mhtr/plan.njk', {
        title: `Your plan: ${plan.personName}`,
        plan,
        orderRuns: plan.orderRuns ? `${formatDate(plan.orderRuns.from)} to ${formatDate(plan.orderRuns.to)}` : null,
        comingUp: plan.comingUp.map((item) => ({ ...item, when: formatDateTime(item.startsAt) })),
        past: plan.past.map((item) => ({ ...item, when: formatDateTime(item.startsAt) })),
        backLink: caseBase(personId, caseId),
      });
    },
  },
  {
    method: 'GET',
    url: '/probation/caseload',
    access: 'person.read',
    purpose: 'Reading a probation caseload of mental health treatment requirements',
    handler: async (context) => {
      const rows = await probationCaseload(context.app());
      return context.render('pages/mhtr/caseload.njk', {
        title: 'Your caseload: mental health treatment requirements',
        rows: rows.map((row) => ({
          href: caseBase(row.personId, row.caseId),
          personName: row.personName,
          stage: row.stageLabel,
          risk: row.riskLevel ?? 'Not assessed',
          treatment: row.treatment ?? 'No order yet',
          provider: row.provider ?? 'Not placed',
          attendance: attendanceLine(row.attendance),
          missedAwaitingDecision: row.missedAwaitingDecision,
          lastDecision: row.lastDecision ? `${row.lastDecision.decision}, ${formatDate(row.lastDecision.decidedOn)}` : 'None',
          nextAppointment: row.nextAppointment ? `${formatDateTime(row.nextAppointment.startsAt)} (${appointmentKinds[row.nextAppointment.kind].toLowerCase()})` : 'None booked',
          endsOn: row.requirementEndsOn ? formatDate(row.requirementEndsOn) : 'No order yet',
        })),
      });
    },
  },
  {
    method: 'GET',
    url: '/treatment-provider/cases',
    access: 'person.read',
    purpose: 'Reading the treatment provider’s list of mental health treatment requirements',
    handler: async (context) => {
      const rows = await treatmentProviderList(context.app());
      return context.render('pages/mhtr/provider-list.njk', {
        title: 'Treatment provider’s list: mental health treatment requirements',
        rows: rows.map((row) => ({
          href: caseBase(row.personId, row.caseId),
          personName: row.personName,
          stage: row.stageLabel,
          keyWorker: row.keyWorker ?? 'None named',
          placeOrPractitioner: row.placeOrPractitioner ?? 'No order yet',
          attendance: attendanceLine(row.attendance),
          lastEngagement: row.lastEngagement ? `${row.lastEngagement.level}, ${formatDate(row.lastEngagement.recordedOn)}` : 'None recorded',
          nextAppointment: row.nextAppointment ? `${formatDateTime(row.nextAppointment.startsAt)} (${appointmentKinds[row.nextAppointment.kind].toLowerCase()})` : 'None booked',
          endsOn: row.requirementEndsOn ? formatDate(row.requirementEndsOn) : 'No order yet',
        })),
      });
    },
  },
  {
    method: 'GET',
    url: '/community-sentences/dashboard',
    access: 'reports.read',
    purpose: 'Viewed the mental health treatment requirement pathway dashboard',
    handler: async (context) => {
      const figures = await pathwayDashboard(context.app());
      return context.render('pages/mhtr/dashboard.njk', {
        title: 'Community sentences with a mental health treatment requirement: dashboard',
        sections: dashboardSections(figures),
        stageTimes: stageTimeRows(figures),
        uptake: figures.uptake,
        uptakeLine: uptakeLine(figures),
      });
    },
  },
  {
    method: 'GET',
    url: '/community-sentences/dashboard.csv',
    access: 'reports.read',
    purpose: 'Downloaded the mental health treatment requirement pathway dashboard as CSV',
    handler: async (context) => {
      const figures = await pathwayDashboard(context.app());
      return context.reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="community-sentences-dashboard.csv"')
        .send(toCsv(dashboardCsvHeader, dashboardCsvRows(figures)));
    },
  },
  {
    method: 'GET',
    url: '/community-sentences/community-orders/new',
    access: 'person.write',
    purpose: 'Recording a community order made without a mental health treatment requirement',
    handler: async (context) => {
      const page = communityOrderPage(context);
      return renderForm(context, { ...page, intro: text(context.query.saved) === '1' ? `The order was recorded. ${page.intro}` : page.intro! }, null);
    },
  },
  {
    method: 'POST',
    url: '/community-sentences/community-orders/new',
    access: 'person.write',
    purpose: 'Recording a community order made without a mental health treatment requirement',
    handler: async (context) => {
      const page = communityOrderPage(context);
      const reading = new FormReading(context.body, communityOrderFields);
      const input = { madeOn: reading.day('madeOn'), orderKind: reading.text('orderKind'), requirements: reading.list('requirements') };
      // Read and checked here first, as every form is; the application checks it again with the role.
      const checked = checkCommunityOrder(input, todayInLondon(context.services.now()));
      if (!checked.ok) return renderForm(context, page, reading, reading.withBoxProblems(checked.problems), 400);
      try {
        await recordCommunityOrder(context.app(), input);
        return context.redirect('/community-sentences/community-orders/new?saved=1');
      } catch (error) {
        if (error instanceof InvalidInput) return renderForm(context, page, reading, reading.withBoxProblems(error.problems), 400);
        throw error;
      }
    },
  },
];
