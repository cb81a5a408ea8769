/**
 * Toneless Vietnamese rhymes (vowel nucleus + optional final), lower case. Written out rather than
 * generated from nucleus x final rules because the exceptions (no "ăi", "ach" but no "ech", "oong"
 * in xoong) are the point. Final 'k' appears only in Central Highlands place names (Đắk Lắk, Krông
 * Búk) and is accepted wherever 'c' is.
 */
// prettier-ignore
export const VIETNAMESE_RHYMES: readonly string[] = [
  'a', 'ac', 'ach', 'ai', 'am', 'an', 'ang', 'anh', 'ao', 'ap', 'at', 'au', 'ay',
  'ăc', 'ăm', 'ăn', 'ăng', 'ăp', 'ăt',
  'âc', 'âm', 'ân', 'âng', 'âp', 'ât', 'âu', 'ây',
  'e', 'ec', 'em', 'en', 'eng', 'eo', 'ep', 'et',
  'ê', 'êch', 'êm', 'ên', 'ênh', 'êp', 'êt', 'êu',
  'i', 'ia', 'ich', 'im', 'in', 'inh', 'ip', 'it', 'iu',
  'iêc', 'iêm', 'iên', 'iêng', 'iêp', 'iêt', 'iêu',
  'o', 'oc', 'oi', 'om', 'on', 'ong', 'op', 'ot', 'ooc', 'oong',
  'oa', 'oac', 'oach', 'oai', 'oam', 'oan', 'oang', 'oanh', 'oao', 'oap', 'oat', 'oay',
  'oăc', 'oăm', 'oăn', 'oăng', 'oăt',
  'oe', 'oen', 'oeo', 'oet',
  'ô', 'ôc', 'ôi', 'ôm', 'ôn', 'ông', 'ôp', 'ôt',
  'ơ', 'ơi', 'ơm', 'ơn', 'ơp', 'ơt',
  'u', 'ua', 'uc', 'ui', 'um', 'un', 'ung', 'up', 'ut',
  'uân', 'uâng', 'uât', 'uây',
  'uê', 'uêch', 'uênh',
  'uôc', 'uôi', 'uôm', 'uôn', 'uông', 'uôt',
  'uơ',
  'uy', 'uya', 'uych', 'uynh', 'uyt', 'uyu', 'uyên', 'uyêt',
  'ư', 'ưa', 'ưc', 'ưi', 'ưm', 'ưn', 'ưng', 'ưt', 'ưu',
  'ươc', 'ươi', 'ươm', 'ươn', 'ương', 'ươp', 'ươt', 'ươu',
  'y', 'yêm', 'yên', 'yêt', 'yêu',
];

/** Initial consonants, longest first so that "ngh" is tried before "ng" and "n". */
// prettier-ignore
export const VIETNAMESE_INITIALS: readonly string[] = [
  'ngh', 'ch', 'gh', 'gi', 'kh', 'ng', 'nh', 'ph', 'qu', 'th', 'tr',
  'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x',
];
