import { checkBrokenCharacters } from './text.rule.js';

describe('broken characters', () => {
  it('finds a replacement character or a control character with its path', () => {
    const errors = checkBrokenCharacters({
      parties: [{ person: { fullName: 'Nguy\uFFFDn An' } }],
      notes: ['a\u0001'],
    });
    expect(errors.map((e) => e.path)).toEqual(['parties[0].person.fullName', 'notes[0]']);
    expect(errors[0]?.code).toBe('RULE.BROKEN_CHARACTER');
  });

  it('accepts Vietnamese text, tabs and line breaks', () => {
    expect(
      checkBrokenCharacters({ notes: ['Ghi chú:\tđã cải chính\nngày 01/02/2026'], name: 'Đặng Thị Ánh' }),
    ).toEqual([]);
  });
});
