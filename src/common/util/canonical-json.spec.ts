import { canonicalJson, sha256Hex } from './canonical-json.js';
import { isCertainlyNfc, normalizeStringsNfc } from './normalize-text.js';

describe('canonical JSON and NFC', () => {
  it('serialises objects with differently ordered keys identically', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 }),
    );
    expect(sha256Hex(canonicalJson({ x: 1 }))).not.toBe(sha256Hex(canonicalJson({ x: 2 })));
  });

  it('turns NFD names into NFC everywhere in a record', () => {
    const nfd = 'Nguyễn Thị Thủy'.normalize('NFD');
    const out = normalizeStringsNfc({ parties: [{ person: { fullName: nfd } }] });
    expect(out.parties[0].person.fullName).toBe('Nguyễn Thị Thủy'.normalize('NFC'));
    expect(out.parties[0].person.fullName).not.toBe(nfd);
  });
});

describe('NFC without needless copies', () => {
  it('returns the very same object when everything is already NFC', () => {
    const record = { parties: [{ person: { fullName: 'Nguyễn Thị Thủy' } }], n: 1 };
    expect(normalizeStringsNfc(record)).toBe(record);
  });

  it('copies only the branch that changed', () => {
    const same = { fullName: 'Trần An' };
    const record = { a: same, b: { fullName: 'Lê Thị Hồng'.normalize('NFD') } };
    const out = normalizeStringsNfc(record);
    expect(out).not.toBe(record);
    expect(out.a).toBe(same);
    expect(record.b.fullName).not.toBe(out.b.fullName);
  });
});

describe('the NFC fast path', () => {
  const ranges: Array<[number, number]> = [
    [0x0000, 0x02ff],
    [0x1ea0, 0x1ef9],
  ];
  const fast: string[] = [];
  for (const [from, to] of ranges) for (let c = from; c <= to; c++) fast.push(String.fromCharCode(c));

  it('is right for every character and every pair of characters it lets through', () => {
    let checked = 0;
    for (const a of fast) {
      expect(isCertainlyNfc(a)).toBe(true);
      expect(a.normalize('NFC')).toBe(a);
      for (const b of fast) {
        const pair = a + b;
        if (pair.normalize('NFC') !== pair)
          throw new Error(`not NFC: U+${a.charCodeAt(0).toString(16)} U+${b.charCodeAt(0).toString(16)}`);
        checked++;
      }
    }
    expect(checked).toBe(fast.length * fast.length);
  });

  it('leaves decomposed, combining and other scripts to normalize()', () => {
    expect(isCertainlyNfc('Nguyễn Thị Thủy'.normalize('NFD'))).toBe(false);
    expect(isCertainlyNfc('A\u0301')).toBe(false);
    // Just outside the two ranges, normalize() decides.
    for (const c of [0x0300, 0x1e9f, 0x1efa, 0xac00])
      expect(isCertainlyNfc(String.fromCharCode(c))).toBe(false);
    expect(isCertainlyNfc('\u212b')).toBe(false); // Ångström sign: NFC makes it U+00C5
    expect(isCertainlyNfc('Nguyễn Thị Thủy Đặng Ưng Ơn')).toBe(true);
    expect(normalizeStringsNfc({ s: 'x\u212b' }).s).toBe('x\u00c5');
    expect(normalizeStringsNfc({ s: 'Lê'.normalize('NFD') }).s).toBe('Lê');
  });
});

describe('canonical JSON is JSON', () => {
  it('parses back to the same value, with undefined members dropped as JSON.stringify does', () => {
    const value = { z: [1, 'a"b', null, { y: true, x: undefined }], a: 'Đắk Lắk', n: -0.5 };
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
    expect(canonicalJson(value)).toBe('{"a":"Đắk Lắk","n":-0.5,"z":[1,"a\\"b",null,{"y":true}]}');
  });
});
