import { describe, expect, it } from '@jest/globals';
import { compareNames, givenNamesDiffer } from '../scoring/comparison-levels.js';
import { foldText, nameKeys } from './name-keys.js';

describe('nameKeys', () => {
  it('folds diacritics and đ, lower-cases, keeps the tones in the toned key', () => {
    const k = nameKeys('Đặng Thị Thuỷ');
    expect(k.folded).toBe('dang thi thuy');
    expect(k.toned).toBe(nameKeys('đặng thị thủy').toned);
    expect(k.toned).not.toBe(nameKeys('Đặng Thị Thùy').toned);
  });

  it.each([
    ['Nguyễn Thị Lan', 'Nguyen Thi Lan', 'FOLDED'],
    ['Nguyễn Thị Lan', 'Nguyễn Lan', 'FOLDED'],
    ['Nguyễn Văn Hùng', 'Nguyễn Hùng', 'FOLDED'],
    ['Hoàng Văn Nam', 'Huỳnh Văn Nam', 'FOLDED'],
    ['Vũ Thị Mai', 'Võ Thị Mai', 'FOLDED'],
    ['Lê Thị Hoà', 'Lê Thị Hòa', 'EXACT'],
    ['Trần Thị Thuý', 'Trần Thị Thúy', 'EXACT'],
    ['Phạm Thị Vy', 'Phạm Thị Vi', 'FOLDED'],
    ['Đỗ Văn Quý', 'Đỗ Văn Quí', 'FOLDED'],
    ['Lý Thị Mỹ', 'Lí Thị Mĩ', 'FOLDED'],
    ['Nguyễn Văn A', 'nguyễn văn a', 'EXACT'],
    ['Hờ A Páo', 'Páo Hờ A', 'REORDERED'],
    ['Nguyễn Thị Lan', 'Nguyễn Thị Lân', 'FOLDED'],
    ['Nguyễn Văn Thành', 'Nguyễn Văn Thàn', 'TYPO'],
    ['Nguyễn Văn Thành', 'Ngyuễn Văn Thành', 'TYPO'],
    ['Nguyễn Văn Thành', 'Lê Văn Thành', 'PARTIAL'],
    ['Nguyễn Văn Thành', 'Trần Thị Mai', 'DIFFERENT'],
    ['', 'Trần Thị Mai', 'MISSING'],
  ])('%s ~ %s is %s', (a, b, level) => {
    expect(compareNames(nameKeys(a), nameKeys(b))).toBe(level);
  });

  it('treats NFD input (macOS) as the NFC name', () => {
    const nfd = 'Nguyễn Thị Ánh'.normalize('NFD');
    expect(nameKeys(nfd)).toEqual(nameKeys('Nguyễn Thị Ánh'));
  });

  it('keeps uy and ay rhymes apart from i (Thúy is not Thúi, Hay is not Hai)', () => {
    expect(nameKeys('Thúy').canonical).toBe('thuy');
    expect(nameKeys('Hay').canonical).not.toBe(nameKeys('Hai').canonical);
  });

  it('does not drop Thị or Văn when it is the given or family name', () => {
    expect(nameKeys('Lê Văn').canonical).toBe('le van');
    expect(nameKeys('Văn Thị Lan').canonical).toBe('van lan');
  });

  describe('plain names taken syllable by syllable', () => {
    // A trailing zero-width space is removed by nameTokens but sends the name down the whole-string
    // path (it is outside the plain-letter ranges): both paths must give the same keys.
    const wholeString = (name: string): ReturnType<typeof nameKeys> => nameKeys(`${name}\u200b`);
    const SYLLABLES = [
      'Nguyễn',
      'NGUYỄN',
      'nguyễn',
      'Thị',
      'Văn',
      'Đặng',
      'Ánh',
      'Thuỷ',
      'Thủy',
      'Hoà',
      'Quý',
      'Vy',
      'Huỳnh',
      'Võ',
      'Ơn',
      'Ưng',
      'Ỷ',
      'Ỹ',
      "H'Lan",
      'Y-Moan',
      'Lan2',
      'Ksor',
      'İnci',
      'Æsa',
      'Øre',
      'Ÿ',
      'ß',
      'ǅ',
      'a\u00adb',
      'Zô\u00a0Ra',
      // Control characters, which nameTokens removes, inside and at the edge of a syllable.
      'Văn\tAn',
      'x\u0007y',
      'Lan\n',
      '\u0085',
      '\u007f',
      'x'.repeat(30),
      'đ',
      'Đ',
      'Ð',
      'ð',
      '-',
      "'",
      '',
    ];
    it('gives the keys of the whole-string path', () => {
      let seed = 7;
      const next = (n: number): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const names = ['  Nguyễn   Văn  An ', 'Một Hai Ba Bốn Năm Sáu Bảy Tám Chín Mười', 'A', ' '];
      for (let i = 0; i < 3000; i++) {
        const count = 1 + next(9);
        names.push(
          Array.from({ length: count }, () => SYLLABLES[next(SYLLABLES.length)]).join(
            ' '.repeat(1 + next(2)),
          ),
        );
      }
      const differing = names.filter((n) => JSON.stringify(nameKeys(n)) !== JSON.stringify(wholeString(n)));
      expect(differing).toEqual([]);
    });
  });

  describe('hostile input', () => {
    it.each([
      [''],
      ['   '],
      [null],
      [undefined],
      [42],
      ['😀😀'],
      ['\u200b\u200d\ufeff'],
      ['12345'],
      ['\u0000\u0007'],
    ])('%p gives empty keys', (raw) => {
      const k = nameKeys(raw);
      expect(k.canonical).toBe('');
      expect(compareNames(k, nameKeys('Nguyễn Văn A'))).toBe('MISSING');
    });

    it('one-letter names are names', () => {
      expect(nameKeys('A').canonical).toBe('a');
      expect(compareNames(nameKeys('A'), nameKeys('B'))).toBe('DIFFERENT');
    });

    it('removes zero-width, control characters and emoji inside a name', () => {
      expect(nameKeys('Ngu\u200byễn\u0007 Văn 😀An').folded).toBe('nguyen van an');
      expect(nameKeys('Nguyễn \u202eVăn An').folded).toBe('nguyen van an');
    });

    it('bounds a 2,000-character name', () => {
      // CPU time of this process, with a wide margin: it catches a quadratic (or worse) pass over
      // the input, not a slow machine. A linear pass takes about a millisecond.
      const cpuBefore = process.cpuUsage();
      const k = nameKeys('Nguyễn '.repeat(300) + 'x'.repeat(2000));
      const cpu = process.cpuUsage(cpuBefore);
      expect(k.canonical.split(' ').length).toBeLessThanOrEqual(8);
      expect(k.canonical.length).toBeLessThan(8 * 25);
      expect((cpu.user + cpu.system) / 1000).toBeLessThan(500);
      const long = nameKeys('A'.repeat(2000));
      expect(long.canonical.length).toBe(24);
    });

    it('a lone combining mark does not become a letter', () => {
      expect(nameKeys('\u0301\u0323 An').canonical).toBe('an');
    });
  });

  it('twins: given names far apart differ, a typo does not', () => {
    expect(givenNamesDiffer(nameKeys('Nguyễn Văn Phúc'), nameKeys('Nguyễn Văn Lộc'))).toBe(true);
    expect(givenNamesDiffer(nameKeys('Nguyễn Thị Lan'), nameKeys('Nguyễn Thị Lam'))).toBe(false);
  });

  it('foldText folds free text the same way', () => {
    expect(foldText('Xã Tân Lập, Huyện Đan Phượng')).toBe('xa tan lap huyen dan phuong');
  });
});
