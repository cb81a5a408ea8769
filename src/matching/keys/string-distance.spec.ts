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
