import { describe, expect, it } from '@jest/globals';
import { boundedLevenshtein, jaroWinkler } from './string-distance.js';

describe('string distances', () => {
  it('Jaro-Winkler reference values (Winkler 1990)', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('', '')).toBe(0);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });

  it('bounded Levenshtein', () => {
    expect(boundedLevenshtein('nguyen', 'nguyen', 1)).toBe(0);
    expect(boundedLevenshtein('nguyen', 'ngyuen', 2)).toBe(2);
    expect(boundedLevenshtein('lan', 'lam', 1)).toBe(1);
    expect(boundedLevenshtein('lan', 'hoang', 1)).toBe(2);
    expect(boundedLevenshtein('', 'ab', 3)).toBe(2);
  });
});

describe('string distances with reused scratch buffers', () => {
  /** The textbook full-matrix Levenshtein, for comparison. */
  function levenshtein(a: string, b: string): number {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        d[i][j] = Math.min(
          d[i - 1][j] + 1,
          d[i][j - 1] + 1,
          d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
    return d[a.length][b.length];
  }

  it('give the same answers whatever was compared before (long, short, long again)', () => {
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = (): string =>
      Array.from({ length: 1 + next(next(2) === 0 ? 8 : 150) }, () => 'anhgiuyt '[next(9)]).join('');
    const pairs = Array.from({ length: 400 }, () => [word(), word()] as const);
    const first = pairs.map(([a, b]) => [jaroWinkler(a, b), boundedLevenshtein(a, b, 2)]);
    for (const [i, [a, b]] of pairs.entries()) {
      const full = levenshtein(a, b);
      expect(boundedLevenshtein(a, b, 2)).toBe(full > 2 ? 3 : full);
      expect(jaroWinkler(a, b)).toBe(first[i][0]);
      expect(jaroWinkler(a, b)).toBeCloseTo(jaroWinkler(b, a), 10);
    }
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
  });
});
