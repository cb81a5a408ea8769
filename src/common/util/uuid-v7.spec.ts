import { ParseUUIDPipe } from '@nestjs/common';
import { uuidV7, uuidV7Time } from './uuid-v7.js';

describe('time-ordered ids (UUID version 7)', () => {
  it('has the version 7 and RFC 9562 variant bits, and carries its millisecond', () => {
    const at = Date.now() + 86_400_000; // ahead of any id made so far in this process
    const id = uuidV7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidV7Time(id)).toBe(at);
  });

  it('sorts in the order made, also within one millisecond and past 4,096 ids in it', () => {
    const at = Date.now() + 2 * 86_400_000; // ahead of every id made so far in this process
    const ids = Array.from({ length: 10_000 }, () => uuidV7(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // The 4,097th id of a millisecond borrows the next one instead of wrapping the counter.
    expect(uuidV7Time(ids[4095])).toBe(at);
    expect(uuidV7Time(ids[4096])).toBe(at + 1);
  });

  it('keeps its order when the clock steps back', () => {
    const first = uuidV7(Date.now() + 3 * 86_400_000);
    const after = uuidV7(Date.now());
    expect(after > first).toBe(true);
  });

  it('differs in its random part between ids of the same moment', () => {
    const a = uuidV7(1).replaceAll('-', '').slice(16);
    const b = uuidV7(1).replaceAll('-', '').slice(16);
    expect(a).not.toBe(b);
  });

  it('is accepted where the API takes an id (ParseUUIDPipe)', async () => {
    const id = uuidV7();
    await expect(new ParseUUIDPipe().transform(id, { type: 'param' })).resolves.toBe(id);
  });
});
