import { randomFillSync } from 'node:crypto';

/**
 * Time-ordered UUIDs (RFC 9562, version 7) for the ids of rows written in bulk: intake batches and
 * items, events, outbox messages. A random (version 4) id puts each new row at a random place in
 * every index keyed by it (the primary keys, and every foreign key that points at it: parties,
 * versions, payloads, outbox, match tables), so with a register of millions each insert touches a
 * cold index page and, after each checkpoint, writes that whole page to the WAL again. Version 7
 * ids of the same moment are neighbours: new rows go to the right-hand edge of those indexes.
 *
 * Layout: 48 bits of Unix milliseconds, the version, 12 bits of counter (RFC 9562 method 1: ids
 * made in the same millisecond by this process still sort in the order they were made), the
 * variant, 62 random bits (ids of other processes never collide).
 */
export function uuidV7(nowMs: number = Date.now()): string {
  if (nowMs > lastMs) {
    lastMs = nowMs;
    counter = 0;
  } else if (++counter > 0xfff) {
    // 4,096 ids in one millisecond: borrow the next millisecond rather than break the order.
    lastMs += 1;
    counter = 0;
  }
  const random = randomBytes(8);
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  random.copy(bytes, 8);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The milliseconds since the Unix epoch an id of uuidV7() carries. */
export function uuidV7Time(id: string): number {
  return Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
}

let lastMs = 0;
let counter = 0;

/** Random bytes from a pool refilled 4 KiB at a time: one system call per 512 ids, not per id. */
const pool = Buffer.allocUnsafe(4096);
let poolAt = pool.length;

function randomBytes(n: number): Buffer {
  if (poolAt + n > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const out = pool.subarray(poolAt, poolAt + n);
  poolAt += n;
  return out;
}
