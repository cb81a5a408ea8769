import { retryDelayMs } from './retry-backoff.js';

describe('retry backoff', () => {
  const policy = { baseMs: 1000, capMs: 60_000 };

  it('doubles the step per attempt, between half and all of it', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 1)).toBe(1000);
    expect(retryDelayMs(3, policy, () => 0)).toBe(2000);
    expect(retryDelayMs(3, policy, () => 1)).toBe(4000);
  });

  it('never exceeds the cap, even after very many attempts', () => {
    expect(retryDelayMs(50, policy, () => 1)).toBe(60_000);
    expect(retryDelayMs(1000, policy, () => 0)).toBe(30_000);
  });

  it('spreads concurrent retries (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(4, policy)));
    expect(delays.size).toBeGreaterThan(10);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(4000);
    for (const d of delays) expect(d).toBeLessThanOrEqual(8000);
  });
});
