import { recordSlices } from './raw-records.js';

/** Each slice must parse to exactly the record JSON.parse found in the same place. */
function expectSlicesMatch(text: string): Buffer[] {
  const body = Buffer.from(text);
  const parsed = JSON.parse(text) as { records: unknown[] };
  const slices = recordSlices(body, parsed.records.length);
  expect(slices).not.toBeNull();
  expect(slices!.map((s) => JSON.parse(s.toString('utf8')) as unknown)).toEqual(parsed.records);
  return slices!;
}

describe('recordSlices: the bytes of each record of a batch body', () => {
  const record = (i: number) => ({
    source: { sourceRecordId: `KS-${i}`, note: 'ngoặc ] và } và , trong chuỗi "trích" \\ \\"' },
    parties: [{ role: 'CHILD', person: { fullName: 'Nguyễn Thị Ánh', tags: [[], {}, [1, [2]]] } }],
    n: i * 1.5,
    ok: i % 2 === 0,
    nothing: null,
  });

  it('finds every record of a compact body, byte for byte', () => {
    const records = Array.from({ length: 50 }, (_, i) => record(i));
    const slices = expectSlicesMatch(JSON.stringify({ records }));
    expect(slices[7].toString('utf8')).toBe(JSON.stringify(records[7]));
  });

  it('keeps a pretty-printed record as written, without the whitespace around it', () => {
    const records = [record(1), record(2)];
    const text = `\r\n {\n\t"records" :\r\n [ \n${JSON.stringify(records[0], null, 2)} ,\n\t${JSON.stringify(records[1], null, '\t')}\n ] \n}\n`;
    const slices = expectSlicesMatch(text);
    expect(slices[0].toString('utf8')).toBe(JSON.stringify(records[0], null, 2));
    expect(slices[1].toString('utf8')).toBe(JSON.stringify(records[1], null, '\t'));
  });

  it('handles scalar elements, escapes and other keys beside records', () => {
    expectSlicesMatch(
      '{"before":{"records":[9]},"records":[1, "a\\"]b", true ,null,-2.5e3,[],{}],"after":"x"}',
    );
    expectSlicesMatch('{"records":[{"k":"\\\\"},{"k":"\\\\\\""},"\\u1ea0\\\\"]}');
  });

  it('takes the last of a repeated records key, as JSON.parse does', () => {
    const slices = expectSlicesMatch('{"records":[{"a":1}],"records":[{"b":2},{"c":3}]}');
    expect(slices).toHaveLength(2);
  });

  it('answers null where the bytes could not stand for the parsed records', () => {
    // The key spelt with an escape: the parser reads "records", the scanner does not try.
    expect(recordSlices(Buffer.from('{"rec\\u006frds":[{"a":1}]}'), 1)).toBeNull();
    // A count other than the parser's.
    expect(recordSlices(Buffer.from('{"records":[{"a":1},{"b":2}]}'), 3)).toBeNull();
    // Bytes that are not UTF-8 (the parser saw U+FFFD there).
    const bad = Buffer.concat([
      Buffer.from('{"records":[{"a":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}]}'),
    ]);
    expect(recordSlices(bad, 1)).toBeNull();
    expect(recordSlices(Buffer.from('{"records":{"a":1}}'), 1)).toBeNull();
    expect(recordSlices(Buffer.from('{"other":[1]}'), 1)).toBeNull();
  });

  it('agrees with JSON.parse on generated bodies of random shape', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['"', '\\', ']', '}', '[', '{', ',', ':', 'ễ', 'a', ' ', '\n', '\u0001', '𝄞'];
    const value = (depth: number): unknown => {
      switch (rand(depth > 3 ? 4 : 6)) {
        case 0:
          return Array.from({ length: 1 + rand(6) }, () => pieces[rand(pieces.length)]).join('');
        case 1:
          return rand(1000) - 500;
        case 2:
          return rand(2) === 0;
        case 3:
          return null;
        case 4:
          return Array.from({ length: rand(4) }, () => value(depth + 1));
        default:
          return Object.fromEntries(
            Array.from({ length: rand(4) }, (_, i) => [
              `k${i}${pieces[rand(pieces.length)]}`,
              value(depth + 1),
            ]),
          );
      }
    };
    for (let round = 0; round < 300; round++) {
      const records = Array.from({ length: 1 + rand(8) }, () => value(0));
      const indent = [undefined, 1, '\t'][rand(3)];
      expectSlicesMatch(JSON.stringify({ records }, null, indent));
    }
  });
});
