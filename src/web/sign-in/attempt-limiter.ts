// Limits sign-in attempts from one network address: at most `limit` in any `window`. This is on top of
// the per-account lockout, so that one address cannot try many accounts.
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();
  private readonly limit: number;
  private readonly windowMilliseconds: number;

  constructor(limit: number, window: Temporal.Duration) {
    this.limit = limit;
    this.windowMilliseconds = window.total('milliseconds');
  }

  // Records an attempt and says whether it may go ahead.
  allow(source: string, now: Temporal.Instant): boolean {
    const cutoff = now.epochMilliseconds - this.windowMilliseconds;
    const recent = (this.attempts.get(source) ?? []).filter((at) => at > cutoff);
    if (recent.length >= this.limit) {
      this.attempts.set(source, recent);
      return false;
    }
    recent.push(now.epochMilliseconds);
    this.attempts.set(source, recent);
    if (this.attempts.size > 10_000) this.forgetOlderThan(cutoff);
    return true;
  }

  private forgetOlderThan(cutoff: number): void {
    for (const [source, times] of this.attempts) {
      if (times.every((at) => at <= cutoff)) this.attempts.delete(source);
    }
  }
}
