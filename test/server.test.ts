import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

// Starts Accord as `npm start` does (on an empty embedded database) and checks it comes up, answers
// /health, and on SIGTERM finishes a request that is still arriving before it exits.

function waitForOutput(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        child.stdout.off('data', onData);
        resolve(match);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before printing ${pattern}; output: ${seen}`)));
  });
}

describe('the server process', () => {
  const dataDirectory = mkdtempSync(path.join(tmpdir(), 'accord-server-'));
  after(() => rmSync(dataDirectory, { recursive: true, force: true }));

  it('creates its database on first start, serves /health, and drains in-flight requests on SIGTERM', async () => {
    const child = spawn(process.execPath, ['src/server.ts'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ACCORD_DATA_DIR: path.join(dataDirectory, 'data'), ACCORD_DEMO: '0', DATABASE_URL: '' },
    });
    const [, port] = await waitForOutput(child, /serving on http:\/\/localhost:(\d+)/);
    assert.ok(existsSync(path.join(dataDirectory, 'data')), 'the data directory was created');

    const health = await fetch(`http://127.0.0.1:${port}/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok', database: 'reachable' });

    // A form whose body is still arriving when the signal comes.
    const body = 'username=someone&password=something';
    const response = new Promise<number>((resolve, reject) => {
      const pending = request(
        { host: '127.0.0.1', port: Number(port), method: 'POST', path: '/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length } },
        (incoming) => {
          incoming.resume();
          incoming.on('end', () => resolve(incoming.statusCode ?? 0));
        },
      );
      pending.on('error', reject);
      // The server logs each request as it starts, once its headers are read.
      const started = waitForOutput(child, /"method":"POST","url":"\/sign-in"/);
      pending.write(body.slice(0, 10));
      pending.flushHeaders();
      setImmediate(async () => {
        await started;
        const logged = waitForOutput(child, /shutting down/);
        child.kill('SIGTERM');
        await logged;
        pending.end(body.slice(10));
      });
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    assert.equal(await response, 403, 'the in-flight request was answered (refused for its missing CSRF token), not cut off');
    assert.equal(await exited, 0, 'the process exits cleanly');
  });
});
