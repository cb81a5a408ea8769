import type { TextProblem } from './source-text.util.js';

/** What an officer reads about a row that could not be mapped. Values are quoted, shortened. */
export function quote(value: string): string {
  return `'${value.length > 60 ? `${value.slice(0, 60)}…` : value}'`;
}

export const TEXT_PROBLEM_MESSAGES: Readonly<Record<TextProblem, (source: string) => string>> = {
  CONTROL_CHARACTER: (source) =>
    `Cột ${source} chứa ký tự điều khiển (ví dụ NUL) không thể có trong dữ liệu hộ tịch; hãy kiểm tra lại tệp xuất.`,
  INVALID_BYTES: (source) =>
    `Cột ${source} có byte không hợp lệ với bảng mã đã chọn; hãy xuất lại tệp hoặc sửa giá trị này.`,
  VALUE_TOO_LONG: (source) =>
    `Cột ${source} dài quá 4.000 ký tự; không trường nào của hồ sơ chứa được giá trị này.`,
};

export const MESSAGES = {
  missing: (source: string) => `Thiếu giá trị bắt buộc (cột ${source}).`,
  dateUnreadable: (value: string, formats: string) =>
    `Ngày ${quote(value)} không đọc được theo định dạng ${formats}.`,
  dateImpossible: (value: string) =>
    `Ngày ${quote(value)} không có thật (ví dụ 00/00/0000 hay 31/02); hãy đối chiếu với Sổ.`,
  datePartial: (value: string) =>
    `Trường này cần đủ ngày, tháng, năm; giá trị ${quote(value)} thiếu ngày hoặc tháng.`,
  codeUnknown: (value: string, table: string) =>
    `Giá trị ${quote(value)} không có trong bảng mã ${TABLE_VI[table] ?? table}.`,
  dateNeeded: (what: string, asOf: string) =>
    `Không xác định được ${what} vì chưa có ngày hợp lệ ở trường ${asOf}.`,
  unitUnknown: (code: string, on: string, level: string) =>
    `Mã đơn vị hành chính ${quote(code)} không phải là ${LEVEL_VI[level] ?? level} nào vào ngày ${on}.`,
  authorityUnknown: (code: string, on: string) =>
    `Cơ quan đăng ký ${quote(code)} không tồn tại vào ngày ${on}.`,
  notInteger: (value: string) => `Giá trị ${quote(value)} phải là một số nguyên.`,
  recordIdMissing: (fields: string) =>
    `Thiếu mã hồ sơ của nguồn (cột ${fields}); không thể nhận hồ sơ không có mã.`,
  recordIdTooLong: () => 'Mã hồ sơ của nguồn dài quá 200 ký tự.',
  noRecordMapping: (table: string) =>
    `Không có quy tắc chuyển đổi cho bảng ${quote(table)} trong mapping của nguồn.`,
  encodingReview: (encoding: string, confidence: number) =>
    `Không xác định chắc chắn bảng mã của dòng này (đoán ${encoding}, độ tin cậy ${confidence.toFixed(2)}); ` +
    'dòng được giữ lại để cán bộ xem xét, không đoán.',
  unexpected: () =>
    'Lỗi hệ thống khi chuyển đổi dòng này; các dòng khác không bị ảnh hưởng. Hãy báo bộ phận kỹ thuật.',
} as const;

const LEVEL_VI: Readonly<Record<string, string>> = {
  PROVINCE: 'tỉnh/thành phố',
  DISTRICT: 'quận/huyện',
  COMMUNE: 'xã/phường/thị trấn',
};

const TABLE_VI: Readonly<Record<string, string>> = { sex: 'giới tính', ethnicity: 'dân tộc' };
