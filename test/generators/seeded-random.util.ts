import { fromDayNumber, toDayNumber } from './calendar-date.util.js';

/** A seed as tests write it: a number or a label such as 'intake-bench'. */
export type Seed = number | string;

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of state, passes PractRand,
 * and needs only 32-bit integer operations, so it is fast in JavaScript and gives the same sequence
 * on every platform. Math.random cannot be seeded, which is why it is never used here.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: Seed) {
    [this.a, this.b, this.c, this.d] = hashSeed(String(seed));
    // The first outputs of a freshly seeded sfc32 still correlate with the seed.
    for (let i = 0; i < 15; i += 1) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** A triangular draw in [min, max] peaking at mode: ages cluster without a long normal tail. */
  triangular(min: number, mode: number, max: number): number {
    const u = this.next();
    const split = (mode - min) / (max - min);
    return u < split
      ? min + Math.sqrt(u * (max - min) * (mode - min))
      : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
  }

  /** `count` decimal digits, leading zeros kept; nine at a time (a draw holds 32 bits). */
  digits(count: number): string {
    let out = '';
    for (let left = count; left > 0; left -= 9) {
      const width = Math.min(left, 9);
      out += String(Math.floor(this.next() * 10 ** width)).padStart(width, '0');
    }
    return out;
  }

  /** A calendar day in [from, to] (YYYY-MM-DD, both included). */
  dateBetween(from: string, to: string): string {
    const start = toDayNumber(from);
    const end = toDayNumber(to);
    if (end < start) throw new RangeError(`empty date range ${from} … ${to}`);
    return fromDayNumber(this.int(start, end));
  }
}

/** cyrb128: spreads any string over four 32-bit words, so seeds 1 and 2 give unrelated streams. */
function hashSeed(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i += 1) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
