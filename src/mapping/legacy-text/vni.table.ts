/**
 * VNI-Windows (VNI-Times fonts): a Windows-1252 font whose accented Latin-1 glyphs were redrawn as
 * Vietnamese marks. Most vowels are the base letter followed by one modifier byte that carries the
 * vowel mark and tone together: "Nguyeãn" is 4E 67 75 79 65 E3 6E, 'e' + 0xE3 = 'ễ'. A few letters are
 * a single byte: 'ô' (0xF4) = 'ơ', 'ö' (0xF6) = 'ư', 'ñ' (0xF1) = 'đ', and the i tones.
 * Strings below are the Windows-1252 reading of the bytes. Capitals are the Latin-1 capitals of the same
 * glyphs: 'aù' (61 F9) = 'á', 'AÙ' (41 D9) = 'Á', 'ö' (F6) = 'ư', 'Ö' (D6) = 'Ư'.
 */
// prettier-ignore
export const VNI_LOWER: ReadonlyArray<readonly [string, string]> = [
  ['à', 'aø'], ['á', 'aù'], ['ả', 'aû'], ['ã', 'aõ'], ['ạ', 'aï'],
  ['ă', 'aê'], ['ằ', 'aè'], ['ắ', 'aé'], ['ẳ', 'aú'], ['ẵ', 'aü'], ['ặ', 'aë'],
  ['â', 'aâ'], ['ầ', 'aà'], ['ấ', 'aá'], ['ẩ', 'aå'], ['ẫ', 'aã'], ['ậ', 'aä'],
  ['è', 'eø'], ['é', 'eù'], ['ẻ', 'eû'], ['ẽ', 'eõ'], ['ẹ', 'eï'],
  ['ê', 'eâ'], ['ề', 'eà'], ['ế', 'eá'], ['ể', 'eå'], ['ễ', 'eã'], ['ệ', 'eä'],
  ['ì', 'ì'], ['í', 'í'], ['ỉ', 'æ'], ['ĩ', 'ó'], ['ị', 'ò'],
  ['ò', 'oø'], ['ó', 'où'], ['ỏ', 'oû'], ['õ', 'oõ'], ['ọ', 'oï'],
  ['ô', 'oâ'], ['ồ', 'oà'], ['ố', 'oá'], ['ổ', 'oå'], ['ỗ', 'oã'], ['ộ', 'oä'],
  ['ơ', 'ô'], ['ờ', 'ôø'], ['ớ', 'ôù'], ['ở', 'ôû'], ['ỡ', 'ôõ'], ['ợ', 'ôï'],
  ['ù', 'uø'], ['ú', 'uù'], ['ủ', 'uû'], ['ũ', 'uõ'], ['ụ', 'uï'],
  ['ư', 'ö'], ['ừ', 'öø'], ['ứ', 'öù'], ['ử', 'öû'], ['ữ', 'öõ'], ['ự', 'öï'],
  ['ỳ', 'yø'], ['ý', 'yù'], ['ỷ', 'yû'], ['ỹ', 'yõ'], ['ỵ', 'î'],
  ['đ', 'ñ'],
];
