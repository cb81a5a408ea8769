import { describe, expect, it } from '@jest/globals';

import { isVietnameseSyllable } from './vietnamese-syllable.validator.js';

describe('isVietnameseSyllable', () => {
  it.each([
    'Nguyễn',
    'Thị',
    'Hồng',
    'Nhung',
    'Trần',
    'Văn',
    'Đức',
    'Lê',
    'Thuỳ',
    'Thủy',
    'Dương',
    'Huỳnh',
    'Ngọc',
    'Ánh',
    'Phạm',
    'Quốc',
    'Khánh',
    'Ủy',
    'Uỷ',
    'xã',
    'Yên',
    'Thế',
    'Phường',
    'Đình',
    'giếng',
    'gì',
    'quyết',
    'nghiêng',
    'khuỷu',
    'thuở',
    'rượu',
    'xoong',
    'hoà',
    'hòa',
    'NGUYỄN',
    'Đắk',
    'Lắk',
    'Kạn',
    'Nguyen',
    'Van',
  ])('accepts %s', (word) => {
    expect(isVietnameseSyllable(word)).toBe(true);
  });

  it('accepts decomposed (NFD) input', () => {
    expect(isVietnameseSyllable('Nguyễn'.normalize('NFD'))).toBe(true);
  });

  it.each([
    ['two tones', 'Nguyễǹ'],
    ['tone on a consonant', 'Nguyeñ'],
    ['huyền on a stop final', 'các'.replace('á', 'à')],
    ['toneless stop final with a vowel mark', 'Băc'],
    ['not a rhyme', 'Nguyeãn'],
    ['gh before a', 'gha'],
    ['ng before e', 'nge'],
    ['c before i', 'ci'],
    ['foreign letters', 'Müller'],
    ['Windows-1258 read of TCVN3', '§øc'],
    ['mixed vowel letters', 'ăô'],
    ['no vowel', 'Th'],
    ['empty', ''],
  ])('rejects %s (%s)', (_why, word) => {
    expect(isVietnameseSyllable(word)).toBe(false);
  });
});
