/**
 * Exponential backoff with "equal jitter": half the exponential delay is fixed, half random, so
 * relays that failed together do not retry together, yet no retry comes sooner than half its step.
 * attempt is 1 for the first retry.
 */
export function retryDelayMs(
  attempt: number,
  { baseMs, capMs }: { baseMs: number; capMs: number },
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const step = Math.min(capMs, baseMs * 2 ** exponent);
  return Math.round(step / 2 + random() * (step / 2));
}
