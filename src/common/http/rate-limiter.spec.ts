import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows a burst up to the limit, then refills at the rate', () => {
    const l = new RateLimiter(60);
    const t0 = 1_000_000;
    for (let i = 0; i < 60; i++) expect(l.take('u1', t0)).toBe(0);
    expect(l.take('u1', t0)).toBe(1);
    expect(l.take('u2', t0)).toBe(0); // keys are independent
    expect(l.take('u1', t0 + 1000)).toBe(0);
    expect(l.take('u1', t0 + 1000)).toBeGreaterThan(0);
  });

  it('says how long to wait', () => {
    const l = new RateLimiter(6);
    for (let i = 0; i < 6; i++) l.take('k', 0);
    expect(l.take('k', 0)).toBe(10);
    expect(l.take('k', 10_000)).toBe(0);
  });

  it('forgets the least recently used keys beyond its bound', () => {
    const l = new RateLimiter(1, 2);
    l.take('a', 0);
    l.take('b', 0);
    l.take('c', 0); // evicts a
    expect(l.take('a', 0)).toBe(0);
    expect(l.take('c', 0)).toBeGreaterThan(0);
  });
});
