import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { preparingClient } from '../../src/db/database.ts';

// The server connection's statement naming: what reaches pg's own query for each call.
describe('statements kept prepared on a server connection', () => {
  function recordingClient() {
    const calls: unknown[][] = [];
    class Recording extends pg.Client {}
    Recording.prototype.query = function (...args: unknown[]) {
      calls.push(args);
      return Promise.resolve({ rows: [] });
    } as never;
    const Preparing = preparingClient(Recording);
    return { client: new Preparing(), calls };
  }

  it('names a statement with values from its second use, and keeps the name', async () => {
    const { client, calls } = recordingClient();
    const text = 'select * from people where id = $1';
    await client.query(text, ['a']);
    await client.query(text, ['b']);
    await client.query(text, ['c']);
    assert.deepEqual(calls[0], [text, ['a']]);
    assert.deepEqual(calls[1], [{ name: 'accord_1', text, values: ['b'] }]);
    assert.deepEqual(calls[2], [{ name: 'accord_1', text, values: ['c'] }]);
  });

  it('passes through statements without values (which may hold several commands) and every other form', async () => {
    const { client, calls } = recordingClient();
    await client.query('begin; select 1');
    await client.query('begin; select 1', []);
    await client.query('begin; select 1', []);
    const config = { text: 'select $1::int', values: [1] };
    await client.query(config);
    assert.deepEqual(calls, [['begin; select 1'], ['begin; select 1', []], ['begin; select 1', []], [config]]);
  });

  it('gives different statements different names, and stops naming at its limit', async () => {
    const { client, calls } = recordingClient();
    for (let index = 0; index < 205; index += 1) {
      const text = `select ${index} where $1`;
      await client.query(text, [true]);
      await client.query(text, [true]);
    }
    const names = calls.map((call) => (typeof call[0] === 'object' ? (call[0] as { name: string }).name : null)).filter((name) => name !== null);
    assert.equal(names.length, 200);
    assert.equal(new Set(names).size, 200);
  });
});
