import { SeededRandom } from './seeded-random.util.js';
import { WeightedTable } from './weighted-table.util.js';

const draws = (random: SeededRandom, count: number): number[] =>
  Array.from({ length: count }, () => random.next());

describe('SeededRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    expect(draws(new SeededRandom(42), 50)).toEqual(draws(new SeededRandom(42), 50));
    expect(draws(new SeededRandom('intake-bench'), 50)).toEqual(draws(new SeededRandom('intake-bench'), 50));
    expect(draws(new SeededRandom(42), 50)).not.toEqual(draws(new SeededRandom(43), 50));
  });

  it('draws floats in [0, 1) that are roughly uniform', () => {
    const values = draws(new SeededRandom(1), 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
  });

  it('draws integers, picks and chances within their bounds', () => {
    const random = new SeededRandom(2);
    const ints = Array.from({ length: 10_000 }, () => random.int(3, 7));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5, 6, 7]));
    expect(['a', 'b']).toContain(random.pick(['a', 'b']));
    expect(() => random.pick([])).toThrow(RangeError);
    const hits = Array.from({ length: 10_000 }, () => random.chance(0.3)).filter(Boolean).length;
    expect(hits).toBeGreaterThan(2_800);
    expect(hits).toBeLessThan(3_200);
  });

  it('draws triangular values within [min, max] around the mode', () => {
    const random = new SeededRandom(3);
    const values = Array.from({ length: 10_000 }, () => random.triangular(18, 27, 44));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...values)).toBeLessThanOrEqual(44);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeCloseTo((18 + 27 + 44) / 3, 0);
  });

  it('writes digit strings with their leading zeros, nine digits per draw', () => {
    const random = new SeededRandom(4);
    for (const count of [1, 6, 9, 12]) expect(random.digits(count)).toMatch(new RegExp(`^\\d{${count}}$`));
    const firsts = new Set(Array.from({ length: 2_000 }, () => random.digits(6)[0]));
    expect(firsts.has('0')).toBe(true);
  });

  it('draws calendar days in an inclusive range', () => {
    const random = new SeededRandom(5);
    const days = new Set(Array.from({ length: 1_000 }, () => random.dateBetween('2024-02-28', '2024-03-01')));
    expect(days).toEqual(new Set(['2024-02-28', '2024-02-29', '2024-03-01']));
    expect(() => random.dateBetween('2025-01-02', '2025-01-01')).toThrow(RangeError);
  });
});

describe('WeightedTable', () => {
  it('draws values in proportion to their weights and skips zero weights', () => {
    const table = new WeightedTable<string>([
      ['Nguyễn', 38],
      ['Trần', 11],
      ['never', 0],
      ['Lê', 51],
    ]);
    const random = new SeededRandom(6);
    const counts = new Map<string, number>();
    for (let i = 0; i < 100_000; i += 1) {
      const name = table.pick(random);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    expect((counts.get('Nguyễn') ?? 0) / 100_000).toBeCloseTo(0.38, 2);
    expect((counts.get('Trần') ?? 0) / 100_000).toBeCloseTo(0.11, 2);
    expect(counts.has('never')).toBe(false);
    expect(table.share('Lê')).toBeCloseTo(0.51);
    expect(table.entries()).toEqual(['Nguyễn', 'Trần', 'Lê']);
  });

  it('refuses a table without a positive weight', () => {
    expect(() => new WeightedTable([['a', 0]])).toThrow(RangeError);
    expect(() => new WeightedTable([['a', -1]])).toThrow(RangeError);
  });
});
