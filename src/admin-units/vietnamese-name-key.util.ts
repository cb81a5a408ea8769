// Tone marks only: the vowel-shape marks (circumflex, breve, horn) change the letter and must stay.
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * A key under which names that differ only in tone placement or case are equal
 * ('Thanh Hoá' = 'Thanh Hóa', 'Thuỵ' = 'Thụy'), while 'Phó Bảng' and 'Phố Bảng' stay distinct.
 * Official lists disagree on tone placement (../shared/data/admin-units/README.md).
 */
export function vietnameseNameKey(name: string): string {
  return name
    .normalize('NFD')
    .toLowerCase()
    .split(/\s+/)
    .filter((syllable) => syllable.length > 0)
    .map((syllable) => syllable.replace(TONE_MARKS, '') + (syllable.match(TONE_MARKS) ?? []).join(''))
    .join(' ')
    .normalize('NFC');
}
