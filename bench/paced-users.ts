// Users who pause between pages, as people do: each opens the page, waits for it, then reads for a while
// (a pause drawn at random between `minimumPause` and `maximumPause` seconds) before opening it again.
// Runs in a worker thread of its own, so that it never shares the server's event loop, and reports every
// response time in milliseconds.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

export interface PacedUsersOptions {
  url: string;
  cookie: string;
  users: number;
  durationSeconds: number;
  // Seconds of the same load before measuring, so that what is measured is the service warmed up.
  warmUpSeconds: number;
  minimumPause: number;
  maximumPause: number;
}

export interface PacedUsersResult {
  latencies: number[];
  failures: number;
}

async function runUsers(options: PacedUsersOptions): Promise<PacedUsersResult> {
  const latencies: number[] = [];
  let failures = 0;
  const measureFrom = performance.now() + options.warmUpSeconds * 1000;
  const stopAt = measureFrom + options.durationSeconds * 1000;
  const pause = () => new Promise((resolve) => setTimeout(resolve, (options.minimumPause + Math.random() * (options.maximumPause - options.minimumPause)) * 1000));
  const user = async () => {
    // Users do not arrive in step: each starts within its first pause.
    await pause();
    while (performance.now() < stopAt) {
      const started = performance.now();
      const response = await fetch(options.url, { headers: { cookie: options.cookie }, redirect: 'manual' });
      await response.arrayBuffer();
      if (started >= measureFrom) latencies.push(performance.now() - started);
      if (response.status !== 200) failures += 1;
      await pause();
    }
  };
  await Promise.all(Array.from({ length: options.users }, user));
  return { latencies, failures };
}

export function runPacedUsers(options: PacedUsersOptions): Promise<PacedUsersResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: options });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

if (!isMainThread && parentPort !== null) {
  parentPort.postMessage(await runUsers(workerData as PacedUsersOptions));
}
