import type { RecordError } from '../record-error.js';
import { pathText, type RecordScan } from './record-scan.js';

/**
 * Text that went through a broken conversion: U+FFFD (what a decoder leaves for bytes it could not
 * read, and what intake stores for a NUL, which PostgreSQL cannot hold) and C0 control characters
 * other than tab and line breaks. Such a name would be printed wrongly on a certificate.
 */
export function checkBrokenCharacters(scan: RecordScan): RecordError[] {
  return scan.brokenText.map((path) => ({
    path: pathText(path),
    code: 'RULE.BROKEN_CHARACTER',
    message:
      'Văn bản có ký tự điều khiển hoặc ký tự lỗi mã hóa (�); hãy kiểm tra lại bảng mã của dữ liệu nguồn.',
  }));
}
