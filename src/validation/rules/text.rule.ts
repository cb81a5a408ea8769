import type { RecordError } from '../record-error.js';

/**
 * Text that went through a broken conversion: U+FFFD (what a decoder leaves for bytes it could not
 * read, and what intake stores for a NUL, which PostgreSQL cannot hold) and C0 control characters
 * other than tab and line breaks. Such a name would be printed wrongly on a certificate.
 */
// eslint-disable-next-line no-control-regex
const BROKEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/;

export function checkBrokenCharacters(value: unknown, path = '', depth = 0): RecordError[] {
  if (typeof value === 'string') {
    return BROKEN.test(value)
      ? [
          {
            path,
            code: 'RULE.BROKEN_CHARACTER',
            message:
              'Văn bản có ký tự điều khiển hoặc ký tự lỗi mã hóa (�); hãy kiểm tra lại bảng mã của dữ liệu nguồn.',
          },
        ]
      : [];
  }
  if (depth > 16 || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value))
    return value.flatMap((v, i) => checkBrokenCharacters(v, `${path}[${i}]`, depth + 1));
  return Object.entries(value).flatMap(([k, v]) =>
    checkBrokenCharacters(v, path ? `${path}.${k}` : k, depth + 1),
  );
}
