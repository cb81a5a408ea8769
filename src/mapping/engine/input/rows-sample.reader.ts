import { MappingException } from '../mapping.exception.js';
import type { SourceRow } from '../mapping-result.model.js';

/**
 * Rows read from a legacy database, as JSON: { "KhaiSinh": [ {column: value, ...}, ... ], ... }.
 * The SQL Server adapter hands rows in the same shape; the fixtures keep them as files.
 */
export function readRowsSample(bytes: Uint8Array): SourceRow[] {
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (cause) {
    throw new MappingException('MAPPING.INPUT_INVALID', 'Tệp dòng dữ liệu không phải JSON hợp lệ.', {
      cause,
    });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new MappingException(
      'MAPPING.INPUT_INVALID',
      'Tệp dòng dữ liệu phải là { "TênBảng": [ {cột: giá trị} ] }.',
    );
  }
  return Object.entries(doc).flatMap(([table, list]) => {
    if (!Array.isArray(list)) {
      throw new MappingException('MAPPING.INPUT_INVALID', `Bảng ${table}: phải là một danh sách dòng.`);
    }
    return list.map((values: unknown, index) => {
      if (typeof values !== 'object' || values === null || Array.isArray(values)) {
        throw new MappingException(
          'MAPPING.INPUT_INVALID',
          `Bảng ${table}, dòng ${index + 1}: phải là một đối tượng {cột: giá trị}.`,
        );
      }
      return { rowNumber: index + 1, table, values: values as Record<string, unknown>, rawBytes: false };
    });
  });
}
