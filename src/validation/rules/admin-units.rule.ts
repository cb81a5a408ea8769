import type { RecordError } from '../record-error.js';
import type { UnitDirectory, UnitVersionView } from '../reference-data.port.js';
import { pathText, type RecordScan } from './record-scan.js';

function period(v: UnitVersionView): string {
  return `${v.validFrom ?? 'trước 2025'} – ${v.validTo ?? 'nay'}`;
}

/**
 * Codes were reused after the 1 July 2025 merger, so a unit code is checked against the date it is
 * meant on (its asOf): 00004 was Phường Trúc Bạch until 2025-06-30 and is Phường Ba Đình since.
 */
export function checkUnitCodes(scan: RecordScan, units: UnitDirectory): RecordError[] {
  const errors: RecordError[] = [];
  for (const [path, ref] of scan.unitRefs) {
    const unit = units.resolve(ref.code, ref.asOf);
    if (unit && (!ref.level || ref.level === unit.level)) continue;
    const versions = units.versions(ref.code);
    const message =
      versions.length === 0
        ? `Mã đơn vị hành chính ${ref.code} không tồn tại.`
        : unit
          ? `Mã ${ref.code} vào ngày ${ref.asOf} là cấp ${unit.level}, không phải ${ref.level ?? ''}.`
          : `Mã đơn vị hành chính ${ref.code} không có hiệu lực vào ngày ${ref.asOf}; mã này có hiệu lực: ${versions
              .map((v) => `${v.name} (${period(v)})`)
              .join('; ')}.`;
    errors.push({ path: `${pathText(path)}.code`, code: 'RULE.UNIT_NOT_VALID_ON_DATE', message });
  }
  return errors;
}
