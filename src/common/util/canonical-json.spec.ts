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
