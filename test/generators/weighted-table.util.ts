import type { SeededRandom } from './seeded-random.util.js';

/** [value, weight]; weights are relative (shares, counts, per-mille) and need not sum to anything. */
export type Weighted<T> = readonly [T, number];

/** Draws values in proportion to their weights: a cumulative table and a binary search, O(log n). */
export class WeightedTable<T> {
  private readonly values: T[] = [];
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(entries: readonly Weighted<T>[]) {
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    for (const [value, weight] of entries) {
      if (!(weight >= 0)) throw new RangeError(`negative or missing weight for ${String(value)}`);
      if (weight === 0) continue;
      sum += weight;
      this.cumulative[this.values.length] = sum;
      this.values.push(value);
    }
    if (sum === 0) throw new RangeError('a weighted table needs at least one positive weight');
    this.total = sum;
  }

  pick(random: SeededRandom): T {
    const target = random.next() * this.total;
    let low = 0;
    let high = this.values.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.cumulative[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    return this.values[low];
  }

  /** The values with a positive weight, in table order. */
  entries(): readonly T[] {
    return this.values;
  }

  share(value: T): number {
    const index = this.values.indexOf(value);
    if (index < 0) return 0;
    const previous = index === 0 ? 0 : (this.cumulative[index - 1] ?? 0);
    return ((this.cumulative[index] ?? 0) - previous) / this.total;
  }
}
