import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppContext } from '../../src/app/context.ts';
import { csvCell, toCsv } from '../../src/app/deadlines/csv.ts';
import { deadlinesCsv } from '../../src/app/deadlines/deadlines-csv.ts';
import { exportDeadlines, listDeadlines } from '../../src/app/deadlines/list-deadlines.ts';
import { startTaskSweep } from '../../src/app/deadlines/sweep.ts';
import { closeTask, escalateOverdueTasks, listTasks } from '../../src/app/deadlines/tasks.ts';
import { InvalidInput, PolicyDenied } from '../../src/app/errors.ts';
import { refreshDueProjections } from '../../src/app/legal/legal-position.ts';
import { recordLegalEvent } from '../../src/app/legal/record-legal.ts';
import { deliverQueued } from '../../src/app/notifications/deliver.ts';
import { describeNotifyError, govukNotifyNotifier, inAppNotifier, notifierFromSettings, type EmailMessage, type Notifier } from '../../src/app/notifications/notifier.ts';
import { createTeam } from '../../src/app/organisation/organisation.ts';
import { registerPerson } from '../../src/app/people/register-person.ts';
import type { Placement } from '../../src/domain/legal/legal-entries.ts';
import type { Role } from '../../src/domain/organisation/roles.ts';
import { personAccessHistory } from '../../src/app/people/access-history.ts';
import { auditEntriesAbout } from '../support/audit.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { addStaff, involve, systemContext } from '../support/harness.ts';

// Deadlines across a hospital, the tasks that follow, their escalation and the notifications it sends.
describe('deadlines, tasks and notifications', () => {
  let database: TestDatabase;
  let now = Temporal.Instant.from('2026-04-20T14:00:00Z');
  let office: AppContext;
  let clinician: AppContext;
  let elsewhere: AppContext;
  let hospitalId: string;
  let wardId: string;
  const hospital = 'Wessex Partnership NHS Trust';
  const people = { s2: '', s136: '', other: '' };

  async function staffContext(username: string, role: Role, agencyName: string, email: string | null = null): Promise<AppContext> {
    const staff = await addStaff(database.db, { username, role, agencyName });
    if (email) await database.db.updateTable('users').set({ email }).where('id', '=', staff.userId).execute();
    return { db: database.db, now: () => now, purpose: 'Testing', actor: { kind: 'user', userId: staff.userId, label: `Test ${username}`, role, agencyId: staff.agencyId, agencyName } };
  }

  async function addPerson(givenNames: string, familyName: string): Promise<string> {
    const outcome = await registerPerson(office, { givenNames, familyName, preferredName: null, otherNames: null, dateOfBirth: '1990-02-14', nhsNumber: null, pncId: null, probationReference: null, address: null, preferredLanguage: null, interpreterNeeded: false, communicationNeeds: null }, { confirmedNewPerson: true });
    assert.equal(outcome.kind, 'registered');
    return outcome.kind === 'registered' ? outcome.personId : '';
  }

  async function listAudit(personId: string) {
    return auditEntriesAbout(database.db, personId).where('action', '=', 'list').execute();
  }

  before(async () => {
    database = await freshDatabase();
    office = await staffContext('office', 'mha-administrator', hospital, 'mha.office@wessex.example');
    clinician = await staffContext('rc', 'responsible-clinician', hospital, 'rc@wessex.example');
    await staffContext('nurse', 'mental-health-nurse', hospital, 'nurse@wessex.example');
    elsewhere = await staffContext('other-office', 'mha-administrator', 'Mercia Health NHS Trust');
    hospitalId = office.actor.agencyId!;
    wardId = await createTeam(systemContext(database.db), hospitalId, { name: 'Willow Ward' });
    const onWard: Placement = { agencyId: hospitalId, agencyName: hospital, teamId: wardId, teamName: 'Willow Ward' };
    const noWard: Placement = { agencyId: hospitalId, agencyName: hospital, teamId: null, teamName: null };

    // An s2 admission: authority ends after 28 days, the tribunal window closes after 14, and s132
    // information is due at once.
    now = Temporal.Instant.from('2026-04-20T15:00:00Z');
    people.s2 = await addPerson('Sam', 'Admitted');
    await recordLegalEvent(office, people.s2, 1, { event: { type: 's2-admitted', at: '2026-04-20T15:10:00+01:00' }, placement: onWard, documentId: null, note: null }, 'Recorded an s2 admission');
    // A place of safety from the evening before: its 24 hours end first of the future deadlines.
    // Their name, as typed in, would run as a formula in a spreadsheet.
    people.s136 = await addPerson('=HYPERLINK("http://x")', 'Alex');
    await recordLegalEvent(office, people.s136, 1, { event: { type: 'place-of-safety-arrival', at: '2026-04-20T10:00:00+01:00', power: 's136' }, placement: noWard, documentId: null, note: null }, 'Recorded arrival at a place of safety');
    // Someone at the other hospital, who must never appear in this one's lists.
    people.other = await addPerson('Jo', 'Elsewhere');
    await involve(database.db, people.other, elsewhere.actor.agencyId!, 'Admitted to Mercia');
    await recordLegalEvent(elsewhere, people.other, 1, { event: { type: 's2-admitted', at: '2026-04-20T12:00:00+01:00' }, placement: { agencyId: elsewhere.actor.agencyId!, agencyName: 'Mercia Health NHS Trust', teamId: null, teamName: null }, documentId: null, note: null }, 'Recorded an s2 admission');
  });
  after(() => database.close());

  it('lists what falls due most urgent first: passed deadlines, then the soonest', async () => {
    now = Temporal.Instant.from('2026-04-20T16:00:00Z');
    const page = await listDeadlines(office, { agencyId: hospitalId, page: 1 });
    assert.ok(page.rows.length >= 5);
    assert.equal(page.total, page.rows.length);
    const dues = page.rows.map((row) => row.due.epochMilliseconds);
    assert.deepEqual(dues, [...dues].sort((a, b) => a - b));
    assert.ok(Temporal.Instant.compare(page.rows[0]!.due, now) <= 0, 'a passed deadline comes first');
    const firstFuture = page.rows.find((row) => Temporal.Instant.compare(row.due, now) > 0)!;
    assert.equal(firstFuture.personId, people.s136);
    assert.equal(firstFuture.kind, 'authority-ends');
    assert.ok(page.rows.every((row) => row.personId !== people.other), 'another agency’s people are not listed');
    const s2 = page.rows.find((row) => row.personId === people.s2)!;
    assert.equal(s2.personName, 'Sam Admitted');
    assert.equal(s2.teamName, 'Willow Ward');
  });

  it('writes one audit entry for the page, naming everyone shown, found in each one’s access history', async () => {
    const before = (await listAudit(people.s2)).length;
    const entriesBefore = await database.db.selectFrom('audit_log').select((builder) => builder.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    const page = await listDeadlines(office, { agencyId: hospitalId, page: 1 });
    const entriesAfter = await database.db.selectFrom('audit_log').select((builder) => builder.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    assert.equal(Number(entriesAfter.count), Number(entriesBefore.count) + 1, 'one entry for the whole page');
    const entries = await listAudit(people.s2);
    assert.equal(entries.length, before + 1, 'one entry for the person, though they have several deadlines');
    const latest = entries.at(-1)!;
    assert.match(latest.what, /deadlines/);
    assert.deepEqual([...(latest.person_ids ?? [])].sort(), [...new Set(page.rows.map((row) => row.personId))].sort());
    assert.equal((await listAudit(people.other)).length, 0);
    const history = await personAccessHistory(office, people.s2);
    assert.ok(history.entries.some((entry) => entry.sequence === Number(latest.sequence)), 'the person’s access history shows the list');
  });

  it('filters by ward, by what is due and by how soon', async () => {
    const ward = await listDeadlines(office, { agencyId: hospitalId, teamId: wardId, page: 1 });
    assert.ok(ward.rows.length > 0 && ward.rows.every((row) => row.personId === people.s2));
    const expiries = await listDeadlines(office, { agencyId: hospitalId, kind: 'authority-ends', page: 1 });
    assert.deepEqual(expiries.rows.map((row) => row.personId), [people.s136, people.s2]);
    const soon = await listDeadlines(office, { agencyId: hospitalId, within: 2, page: 1 });
    assert.ok(soon.rows.length > 0);
    assert.ok(soon.rows.every((row) => Temporal.Instant.compare(row.due, now.add({ hours: 48 })) <= 0));
    assert.ok(!soon.rows.some((row) => row.personId === people.s2 && row.kind === 'authority-ends'));
  });

  it('refuses another agency’s list, and a role without deadlines', async () => {
    await assert.rejects(listDeadlines(elsewhere, { agencyId: hospitalId, page: 1 }), PolicyDenied);
    await assert.rejects(listTasks(elsewhere, { agencyId: hospitalId, status: 'open', page: 1 }), PolicyDenied);
    await assert.rejects(escalateOverdueTasks(elsewhere, hospitalId), PolicyDenied);
    const police = await staffContext('constable', 'police-officer', hospital);
    await assert.rejects(listDeadlines(police, { agencyId: hospitalId, page: 1 }), PolicyDenied);
    const theirs = await listDeadlines(elsewhere, { agencyId: elsewhere.actor.agencyId!, page: 1 });
    assert.ok(theirs.rows.length > 0 && theirs.rows.every((row) => row.personId === people.other));
  });

  it('exports every row of the same filter as CSV, audited, with formulas made harmless', async () => {
    const rows = await exportDeadlines(office, { agencyId: hospitalId, kind: 'authority-ends' });
    const csv = deadlinesCsv(rows, now);
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines[0], '"Person","Ward or team","What is due","Due (London time)","Provision","Status"');
    assert.equal(lines.length, 3);
    assert.equal(lines[1], `"'=HYPERLINK(""http://x"") Alex","","Authority ends","2026-04-21 10:00","s136(2A)",""`);
    assert.match(lines[2]!, /^"Sam Admitted","Willow Ward","Authority ends","2026-05-18 00:00",/);
    const exported = await auditEntriesAbout(database.db, people.s2).where('what', 'like', '%export%').execute();
    assert.equal(exported.length, 1);
  });

  it('quotes every cell and prefixes cells that would start a formula', () => {
    assert.equal(csvCell('=1+2'), `"'=1+2"`);
    assert.equal(csvCell('+44 20'), `"'+44 20"`);
    assert.equal(csvCell('-5'), `"'-5"`);
    assert.equal(csvCell('@SUM(A1)'), `"'@SUM(A1)"`);
    assert.equal(csvCell('O"Neil, Pat'), '"O""Neil, Pat"');
    assert.equal(csvCell('a=b'), '"a=b"');
    assert.equal(toCsv(['A'], [['line one\nline two']]), '"A"\r\n"line one\nline two"\r\n');
  });

  it('lists tasks by role and status, and closes one with a note, once', async () => {
    const mine = await listTasks(office, { agencyId: hospitalId, role: 'mha-administrator', status: 'open', page: 1 });
    const rights = mine.rows.find((task) => task.personId === people.s2 && task.kind === 'rights-information')!;
    assert.ok(rights, 'the s132 task is the administrator’s');
    assert.ok(mine.rows.every((task) => task.role === 'mha-administrator'));
    assert.equal(rights.overdue, true);
    const clinicians = await listTasks(office, { agencyId: hospitalId, role: 'responsible-clinician', status: 'open', page: 1 });
    assert.ok(clinicians.rows.some((task) => task.personId === people.s2 && task.kind === 'authority-ends'));

    await assert.rejects(closeTask(clinician, rights.id, 'Done'), PolicyDenied, 'a task for another role');
    await assert.rejects(closeTask(elsewhere, rights.id, 'Done'), PolicyDenied, 'another agency');
    await assert.rejects(closeTask(office, rights.id, '   '), (error: unknown) => error instanceof InvalidInput && error.problems[0]!.field === 'note');

    await closeTask(office, rights.id, 'Leaflet given and explained on the ward; recorded on paper');
    const row = await database.db.selectFrom('tasks').selectAll().where('id', '=', rights.id).executeTakeFirstOrThrow();
    assert.equal(row.closed_reason, 'Leaflet given and explained on the ward; recorded on paper');
    assert.equal(row.closed_by, office.actor.userId);
    const audit = await database.db.selectFrom('audit_log').select('what').where('person_id', '=', people.s2).where('action', '=', 'write').where('what', 'like', 'Closed the task%').execute();
    assert.equal(audit.length, 1);

    await assert.rejects(closeTask(office, rights.id, 'Again'), (error: unknown) => error instanceof InvalidInput && /already closed/.test(error.problems[0]!.message));
    const closed = await listTasks(office, { agencyId: hospitalId, status: 'closed', page: 1 });
    assert.ok(closed.rows.some((task) => task.id === rights.id));
    const open = await listTasks(office, { agencyId: hospitalId, status: 'open', page: 1 });
    assert.ok(!open.rows.some((task) => task.id === rights.id));
  });

  it('escalates an overdue task once, with one notification, however often it runs', async () => {
    // The tribunal window for the s2 patient closes after 14 days.
    now = Temporal.Instant.from('2026-05-05T09:00:00Z');
    await refreshDueProjections(office, hospitalId);
    const overdue = await listTasks(office, { agencyId: hospitalId, status: 'overdue', page: 1 });
    const windowTask = overdue.rows.find((task) => task.personId === people.s2 && task.kind === 'tribunal-window-closes');
    assert.ok(windowTask, 'the tribunal window task is overdue');
    const before = await database.db.selectFrom('notifications').selectAll().execute();

    const first = await escalateOverdueTasks(office, hospitalId);
    assert.ok(first >= 1);
    const [again, concurrently] = await Promise.all([escalateOverdueTasks(office, hospitalId), escalateOverdueTasks(clinician, hospitalId)]);
    assert.equal(again + concurrently, 0);

    const after = await database.db.selectFrom('notifications').selectAll().execute();
    assert.equal(after.length - before.length, first);
    const forWindow = after.filter((notification) => notification.task_id === windowTask.id);
    assert.equal(forWindow.length, 1);
    assert.equal(forWindow[0]!.role, 'mha-administrator');
    assert.equal(forWindow[0]!.status, 'queued');
    assert.equal(forWindow[0]!.agency_id, hospitalId);
    assert.doesNotMatch(forWindow[0]!.body, /Admitted/, 'the notification does not name the person');
    const task = await database.db.selectFrom('tasks').select('escalated_at').where('id', '=', windowTask.id).executeTakeFirstOrThrow();
    assert.ok(task.escalated_at);
    const otherAgency = await database.db.selectFrom('notifications').selectAll().where('agency_id', '=', elsewhere.actor.agencyId!).execute();
    assert.equal(otherAgency.length, 0, 'only the agency swept is escalated');
  });

  async function queue(role: string): Promise<string> {
    const row = await database.db
      .insertInto('notifications')
      .values({ created_at: now.toString(), agency_id: hospitalId, role, task_id: null, subject: 'Overdue task', body: 'A task is overdue', channel: 'app', recipient: null, status: 'queued' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function notification(id: string) {
    return database.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  it('keeps notifications in the in-app outbox when email is not set up', async () => {
    await database.db.updateTable('notifications').set({ status: 'in-app' }).where('status', '=', 'queued').execute();
    const id = await queue('responsible-clinician');
    const outcome = await deliverQueued(office, inAppNotifier);
    assert.deepEqual(outcome, { sent: 0, failed: 0, inApp: 1 });
    assert.equal((await notification(id)).status, 'in-app');
    assert.deepEqual(await deliverQueued(office, inAppNotifier), { sent: 0, failed: 0, inApp: 0 }, 'nothing is delivered twice');
  });

  it('emails the role and the Mental Health Act office, and records a failure without throwing', async () => {
    const sent: EmailMessage[] = [];
    const working: Notifier = { channel: 'email', sendEmail: async (message) => void sent.push(message) };
    const id = await queue('responsible-clinician');
    assert.deepEqual(await deliverQueued(office, working), { sent: 1, failed: 0, inApp: 0 });
    assert.deepEqual(sent.map((message) => message.to).sort(), ['mha.office@wessex.example', 'rc@wessex.example']);
    assert.equal(sent[0]!.reference, id);
    const row = await notification(id);
    assert.equal(row.status, 'sent');
    assert.equal(row.channel, 'email');
    assert.ok(row.sent_at);

    const warnings: string[] = [];
    const failing: Notifier = { channel: 'email', sendEmail: async () => { throw new Error('GOV.UK Notify refused the email (400): BadRequestError: Can’t send to this recipient using a team-only API key'); } };
    const failed = await queue('amhp');
    assert.deepEqual(await deliverQueued(office, failing, { warn: (_details, message) => void warnings.push(message) }), { sent: 0, failed: 1, inApp: 0 });
    const failedRow = await notification(failed);
    assert.equal(failedRow.status, 'failed');
    assert.match(failedRow.failure ?? '', /team-only API key/);
    assert.equal(failedRow.recipient, 'mha.office@wessex.example', 'no AMHP here has an email address; the office does');
    assert.equal(warnings.length, 1);
  });

  it('builds the GOV.UK Notify notifier only when both settings are given, and reads its errors', async () => {
    assert.equal(notifierFromSettings({ notifyApiKey: undefined, notifyTemplateId: undefined }).channel, 'app');
    const warned: string[] = [];
    assert.equal(notifierFromSettings({ notifyApiKey: 'key', notifyTemplateId: undefined }, (message) => void warned.push(message)).channel, 'app');
    assert.equal(warned.length, 1);

    const calls: unknown[][] = [];
    const notifier = govukNotifyNotifier({ sendEmail: async (...args) => void calls.push(args) }, 'template-id');
    assert.equal(notifier.channel, 'email');
    if (notifier.channel === 'email') await notifier.sendEmail({ to: 'a@example.org', subject: 'S', body: 'B', reference: 'r1' });
    assert.deepEqual(calls, [['template-id', 'a@example.org', { personalisation: { subject: 'S', body: 'B' }, reference: 'r1' }]]);

    const refusal = { response: { status: 403, data: { errors: [{ error: 'AuthError', message: 'Invalid token: API key not found' }] } } };
    assert.equal(describeNotifyError(refusal), 'GOV.UK Notify refused the email (403): AuthError: Invalid token: API key not found');
    assert.match(describeNotifyError(new Error('getaddrinfo ENOTFOUND api.notifications.service.gov.uk')), /could not be reached/);
  });

  it('sweeps on a timer in the server, delivering what is queued, and stops cleanly', async () => {
    const id = await queue('responsible-clinician');
    const sent: EmailMessage[] = [];
    const sweep = startTaskSweep({ db: database.db, notifier: { channel: 'email', sendEmail: async (message) => void sent.push(message) }, log: { warn: () => undefined, error: () => undefined }, intervalMilliseconds: 20 });
    try {
      for (let waited = 0; waited < 5000 && (await notification(id)).status === 'queued'; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      await sweep.stop();
    }
    assert.equal((await notification(id)).status, 'sent');
    assert.ok(sent.some((message) => message.reference === id));
  });

  it('puts passed standing states (a window open) after duties still to come', async () => {
    now = Temporal.Instant.from('2026-04-20T16:00:00Z');
    const s3 = await addPerson('Robin', 'Renewable');
    await recordLegalEvent(office, s3, 1, { event: { type: 's3-admitted', at: '2025-12-01T10:00:00Z' }, placement: { agencyId: hospitalId, agencyName: hospital, teamId: null, teamName: null }, documentId: null, note: null }, 'Recorded an s3 admission');
    const page = await listDeadlines(office, { agencyId: hospitalId, page: 1 });
    const windowRow = page.rows.findIndex((row) => row.personId === s3 && row.kind === 'renewal-window-opens');
    const endRow = page.rows.findIndex((row) => row.personId === s3 && row.kind === 'authority-ends');
    assert.ok(windowRow > endRow && endRow >= 0, 'the open renewal window comes after the authority’s end, though it passed first');
    assert.ok(page.rows.slice(windowRow).every((row) => Temporal.Instant.compare(row.due, now) <= 0), 'only standing states follow it');
  });

  it('pages through the same order as the whole list, with the total on every page and past the last', async () => {
    now = Temporal.Instant.from('2026-04-20T17:00:00Z');
    const placement: Placement = { agencyId: hospitalId, agencyName: hospital, teamId: null, teamName: null };
    // Enough people, with passed and future deadlines of both kinds, for three pages.
    for (let index = 0; index < 24; index += 1) {
      const person = await addPerson(`Paged ${index}`, 'Patient');
      const admitted = Temporal.Instant.from('2026-04-20T12:00:00Z').subtract({ hours: 24 * (3 + index * 7) });
      await recordLegalEvent(office, person, 1, { event: { type: index % 3 === 0 ? 's2-admitted' : 's3-admitted', at: index % 3 === 0 ? now.subtract({ hours: index + 1 }).toString() : admitted.toString() }, placement, documentId: null, note: null }, 'Recorded an admission');
    }
    const everything = await exportDeadlines(office, { agencyId: hospitalId });
    assert.ok(everything.length > 100, `three pages of deadlines (${everything.length})`);
    const key = (row: { personId: string; kind: string; due: Temporal.Instant }) => `${row.personId} ${row.kind} ${row.due.toString()}`;
    const paged = [];
    for (let number = 1; number <= Math.ceil(everything.length / 50); number += 1) {
      const page = await listDeadlines(office, { agencyId: hospitalId, page: number });
      assert.equal(page.total, everything.length, `the total on page ${number}`);
      assert.equal(page.page, number);
      paged.push(...page.rows);
    }
    assert.deepEqual(paged.map(key), everything.map(key));
    const beyond = await listDeadlines(office, { agencyId: hospitalId, page: 99 });
    assert.deepEqual(beyond.rows, []);
    assert.equal(beyond.total, everything.length);
    const filtered = await listDeadlines(office, { agencyId: hospitalId, kind: 'renewal-window-opens', page: 1 });
    assert.equal(filtered.total, everything.filter((row) => row.kind === 'renewal-window-opens').length);
  });
});
