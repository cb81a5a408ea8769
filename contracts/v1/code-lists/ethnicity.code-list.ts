/** One of the 54 ethnic groups (dân tộc), with the statistics office's two-digit code. */
export interface Ethnicity {
  readonly code: string;
  readonly name: string;
  /** Spellings seen in legacy data, for mapping tables; the standard record carries only the code. */
  readonly variants: readonly string[];
}

/**
 * Codes 01–54 in the order of the national code list, which legacy software also uses. Copied from
 * shared/data/ethnic-groups.csv. Foreign nationals are not an ethnic group: legacy lists that append
 * "Người nước ngoài" map it to the person's nationality instead.
 */
export const ETHNICITIES: readonly Ethnicity[] = [
  { code: '01', name: 'Kinh', variants: ['Việt'] },
  { code: '02', name: 'Tày', variants: [] },
  { code: '03', name: 'Thái', variants: [] },
  { code: '04', name: 'Hoa', variants: [] },
  { code: '05', name: 'Khơ-me', variants: ['Khmer', 'Khơ Me'] },
  { code: '06', name: 'Mường', variants: [] },
  { code: '07', name: 'Nùng', variants: [] },
  { code: '08', name: 'Hmông', variants: ['HMông', "H'Mông", 'Mông', 'Mèo'] },
  { code: '09', name: 'Dao', variants: [] },
  { code: '10', name: 'Gia-rai', variants: ['Gia Rai', 'Jrai'] },
  { code: '11', name: 'Ngái', variants: [] },
  { code: '12', name: 'Ê-đê', variants: ['Ê Đê', 'Êđê'] },
  { code: '13', name: 'Ba-na', variants: ['Ba Na', 'Bahnar'] },
  { code: '14', name: 'Xơ-đăng', variants: ['Xơ Đăng'] },
  { code: '15', name: 'Sán Chay', variants: ['Cao Lan', 'Sán Chỉ'] },
  { code: '16', name: 'Cơ-ho', variants: ['Cơ Ho', "K'Ho"] },
  { code: '17', name: 'Chăm', variants: ['Chàm'] },
  { code: '18', name: 'Sán Dìu', variants: [] },
  { code: '19', name: 'Hrê', variants: [] },
  { code: '20', name: 'Mnông', variants: ["M'Nông"] },
  { code: '21', name: 'Ra-glai', variants: ['Raglai'] },
  { code: '22', name: 'Xtiêng', variants: ["X'Tiêng", 'Stiêng'] },
  { code: '23', name: 'Bru-Vân Kiều', variants: ['Bru Vân Kiều', 'Vân Kiều'] },
  { code: '24', name: 'Thổ', variants: [] },
  { code: '25', name: 'Giáy', variants: [] },
  { code: '26', name: 'Cơ-tu', variants: ['Cơ Tu'] },
  { code: '27', name: 'Gié-Triêng', variants: ['Gié Triêng'] },
  { code: '28', name: 'Mạ', variants: [] },
  { code: '29', name: 'Khơ-mú', variants: ['Khơ Mú', 'Khmu'] },
  { code: '30', name: 'Co', variants: [] },
  { code: '31', name: 'Ta-ôi', variants: ['Tà-ôi', 'Tà Ôi'] },
  { code: '32', name: 'Chơ-ro', variants: ['Chơ Ro'] },
  { code: '33', name: 'Kháng', variants: [] },
  { code: '34', name: 'Xinh-mun', variants: ['Xinh Mun'] },
  { code: '35', name: 'Hà Nhì', variants: [] },
  { code: '36', name: 'Chu-ru', variants: ['Chu ru', 'Chu Ru'] },
  { code: '37', name: 'Lào', variants: [] },
  { code: '38', name: 'La Chí', variants: ['La Chi'] },
  { code: '39', name: 'La Ha', variants: [] },
  { code: '40', name: 'Phù Lá', variants: [] },
  { code: '41', name: 'La Hủ', variants: [] },
  { code: '42', name: 'Lự', variants: [] },
  { code: '43', name: 'Lô Lô', variants: [] },
  { code: '44', name: 'Chứt', variants: [] },
  { code: '45', name: 'Mảng', variants: [] },
  { code: '46', name: 'Pà Thẻn', variants: ['Pà Hưng'] },
  { code: '47', name: 'Cơ Lao', variants: ['Co Lao'] },
  { code: '48', name: 'Cống', variants: [] },
  { code: '49', name: 'Bố Y', variants: [] },
  { code: '50', name: 'Si La', variants: [] },
  { code: '51', name: 'Pu Péo', variants: [] },
  { code: '52', name: 'Brâu', variants: [] },
  { code: '53', name: 'Ơ Đu', variants: ['Ơ-đu'] },
  { code: '54', name: 'Rơ-măm', variants: ['Rơ Măm'] },
];

export const ETHNICITY_CODES: readonly string[] = ETHNICITIES.map((ethnicity) => ethnicity.code);
