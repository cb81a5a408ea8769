import { canonicalJson, sha256Hex } from './canonical-json.js';
import { normalizeStringsNfc } from './normalize-text.js';

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

describe('canonical JSON is JSON', () => {
  it('parses back to the same value, with undefined members dropped as JSON.stringify does', () => {
    const value = { z: [1, 'a"b', null, { y: true, x: undefined }], a: 'Đắk Lắk', n: -0.5 };
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
    expect(canonicalJson(value)).toBe('{"a":"Đắk Lắk","n":-0.5,"z":[1,"a\\"b",null,{"y":true}]}');
  });
});
