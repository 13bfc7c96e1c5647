import type { Writable } from 'node:stream';

const width = 30;
// On a terminal the bar is redrawn in place at most this often; elsewhere (a log file, CI) a line is
// written at every tenth of the way instead, so the output stays short.
const redrawEvery = Temporal.Duration.from({ milliseconds: 100 });

function formatCount(value: number): string {
  return value.toLocaleString('en-GB');
}

function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

export class ProgressBar {
  private readonly stream: Writable & { isTTY?: boolean };
  private readonly total: number;
  private readonly noun: string;
  private readonly started = Temporal.Now.instant();
  private lastDrawn: Temporal.Instant | null = null;
  private lastTenth = 0;

  constructor(stream: Writable & { isTTY?: boolean }, total: number, noun: string) {
    this.stream = stream;
    this.total = total;
    this.noun = noun;
  }

  private line(done: number): string {
    const fraction = this.total === 0 ? 1 : done / this.total;
    const filled = Math.round(fraction * width);
    const elapsedSeconds = this.started.until(Temporal.Now.instant()).total('seconds');
    const rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
    const remaining = rate > 0 ? (this.total - done) / rate : 0;
    return (
      `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${formatCount(done)}/${formatCount(this.total)} ${this.noun} ` +
      `${Math.floor(fraction * 100)}%  ${formatCount(Math.round(rate))}/s  ${done < this.total ? `about ${formatDuration(remaining)} left` : `in ${formatDuration(elapsedSeconds)}`}`
    );
  }

  update(done: number): void {
    if (this.stream.isTTY) {
      const now = Temporal.Now.instant();
      if (done < this.total && this.lastDrawn !== null && Temporal.Duration.compare(this.lastDrawn.until(now), redrawEvery) < 0) return;
      this.lastDrawn = now;
      this.stream.write(`\r${this.line(done)}\u001b[K`);
      if (done >= this.total) this.stream.write('\n');
      return;
    }
    const tenth = this.total === 0 ? 10 : Math.floor((done / this.total) * 10);
    if (tenth > this.lastTenth || done >= this.total) {
      this.lastTenth = tenth;
      this.stream.write(`${this.line(done)}\n`);
    }
  }
}
