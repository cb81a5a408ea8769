import { HubException } from '../common/errors/hub.exception.js';
import { dryRunMapping, loadReferenceServices } from './mapping-dry-run.js';

export interface MapCommandOptions {
  mapping: string;
  input: string;
  /** With a province (2 digits), each mapped record also goes through the hub's validation. */
  province?: string;
}

/**
 * `npm run hub -- map --mapping <dir> --input <file> [--province <code>]`: a dry run, no database.
 * Prints one JSON line per row (its standard record, or its errors) and a summary on stderr.
 * Exit 0 when the file was mapped (rows may still have errors), 1 when the mapping or file is unusable.
 */
export async function runMapCommand(
  options: MapCommandOptions,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  try {
    const { references, validator } = await loadReferenceServices();
    const lines = await dryRunMapping({
      mappingDir: options.mapping,
      inputFile: options.input,
      references,
      ...(options.province ? { validation: { service: validator, provinceCode: options.province } } : {}),
    });
    for (const line of lines) out(`${JSON.stringify(line)}\n`);
    const mapped = lines.filter((l) => l.record !== undefined).length;
    const review = lines.filter((l) => l.needsReview).length;
    const invalid = lines.filter((l) => (l.validationErrors?.length ?? 0) > 0).length;
    err(
      `${lines.length} dòng: ${mapped} chuyển đổi được, ${lines.length - mapped} có lỗi` +
        `${review > 0 ? ` (${review} cần xem xét bảng mã)` : ''}` +
        `${options.province ? `, ${invalid} không qua kiểm tra` : ''}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof HubException) {
      err(`${error.code}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
