/**
 * Token buckets per key (a user, a source, a client address): `perMinute` requests a minute on
 * average, bursts up to the same number. Per process: with several hub processes behind a load
 * balancer each enforces its own share (a shared store would be needed for an exact global limit).
 * Time comes from the caller, so tests drive it with the hub's clock.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes one token; returns 0 when allowed, else the seconds until one is available. */
  take(key: string, nowMs: number): number {
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: nowMs };
    b.tokens = Math.min(this.perMinute, b.tokens + Math.max(0, nowMs - b.at) * rate);
    b.at = nowMs;
    this.buckets.delete(key);
    this.buckets.set(key, b); // most recently used last; the oldest is evicted first
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / rate / 1000);
  }
}
