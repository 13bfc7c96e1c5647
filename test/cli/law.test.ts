import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runAccord, stackFrame } from './support.ts';

// The law engine's commands as the public contract fixes them: JSON from a file or standard input, one
// JSON document out; input that breaks the contract exits 2 with nothing on standard output and the
// field named on standard error. No database is needed: the environment points at none.
const noDatabase = { ACCORD_DATA_DIR: '/nonexistent/accord-law-test', DATABASE_URL: '' };

describe('accord law', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'accord-law-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  const s2 = { asOf: '2026-04-21T09:00:00+01:00', events: [{ type: 's2-admitted', at: '2026-04-20T15:10:00+01:00' }] };

  it('evaluates a history from a file, with instants in Europe/London time', async () => {
    const file = path.join(folder, 's2.json');
    writeFileSync(file, JSON.stringify(s2));
    const run = await runAccord(['law', 'evaluate', file], noDatabase);
    assert.equal(run.code, 0, run.stderr);
    const output = JSON.parse(run.stdout);
    assert.equal(output.status.provision, 's2');
    assert.equal(output.asOf, '2026-04-21T09:00:00+01:00');
    const ends = output.deadlines.find((deadline: { kind: string }) => deadline.kind === 'authority-ends');
    assert.deepEqual({ due: ends.due, provision: ends.provision }, { due: '2026-05-18T00:00:00+01:00', provision: 's2(4)' });
  });

  it('reads standard input when no file is given', async () => {
    const run = await runAccord(['law', 'evaluate'], noDatabase, JSON.stringify(s2));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).status.provision, 's2');
  });

  it('names the field at fault, exits 2 and prints nothing on standard output', async () => {
    const bad = { asOf: '2026-04-21T09:00:00+01:00', events: [s2.events[0], { type: 's3-admitted', at: '2026-04-20 15:10' }, { type: 'no-such-event', at: '2026-04-20T15:10:00Z' }] };
    const run = await runAccord(['law', 'evaluate'], noDatabase, JSON.stringify(bad));
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^events\[1\]\.at: not an ISO 8601 instant/m);
    assert.match(run.stderr, /^events\[2\]\.type: unknown event type/m);
    assert.doesNotMatch(run.stderr, stackFrame);
  });

  it('refuses an event after asOf, and JSON that does not parse, with exit 2', async () => {
    const late = await runAccord(['law', 'evaluate'], noDatabase, JSON.stringify({ asOf: '2026-04-19T09:00:00Z', events: s2.events }));
    assert.equal(late.code, 2);
    assert.match(late.stderr, /^events\[0\]\.at: is after asOf/m);
    const broken = await runAccord(['law', 'evaluate'], noDatabase, '{"asOf": ');
    assert.equal(broken.code, 2);
    assert.equal(broken.stdout, '');
    assert.match(broken.stderr, /not valid JSON/);
  });

  it('says clearly when the file cannot be read', async () => {
    const run = await runAccord(['law', 'evaluate', path.join(folder, 'missing.json')], noDatabase);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /cannot read .*missing\.json: no such file/);
  });

  it('finds the nearest relative', async () => {
    const input = {
      asOf: '2026-05-01',
      patient: { dateOfBirth: '1980-01-01', residesInUK: true },
      relatives: [
        { id: 'w', relationship: 'wife', dateOfBirth: '1981-01-01', permanentlySeparated: true },
        { id: 's1', relationship: 'son', dateOfBirth: '2001-06-01' },
        { id: 's2', relationship: 'son', dateOfBirth: '2003-06-01' },
      ],
    };
    const run = await runAccord(['law', 'nearest-relative'], noDatabase, JSON.stringify(input));
    assert.equal(run.code, 0, run.stderr);
    const output = JSON.parse(run.stdout);
    assert.equal(output.nearestRelative, 's1');
    assert.deepEqual(output.ranking, ['s1', 's2']);
    assert.deepEqual(output.excluded.map((exclusion: { id: string; provision: string }) => [exclusion.id, exclusion.provision]), [['w', 's26(5)(b)']]);
  });

  it('refuses a relationship the contract does not know, naming the field', async () => {
    const run = await runAccord(['law', 'nearest-relative'], noDatabase, JSON.stringify({ asOf: '2026-05-01', patient: {}, relatives: [{ id: 'c', relationship: 'cousin' }] }));
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^relatives\[0\]\.relationship: must be one of/m);
  });

  it('refuses more than one file', async () => {
    const run = await runAccord(['law', 'evaluate', 'a.json', 'b.json'], noDatabase);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Too many arguments/);
  });
});
