import { AdminUnitLevel } from '../../contracts/v1/code-lists/admin-unit-level.enum.js';
import type { AdminUnitRef } from '../../contracts/v1/common/admin-unit-ref.contract.js';
import type { Place } from '../../contracts/v1/common/place.contract.js';
import type { AdminUnit } from '../../src/admin-units/admin-unit.model.js';
import type { AdminUnitPicker } from './admin-unit.picker.js';
import { regionOf } from './minority-names.data.js';
import type { SeededRandom } from './seeded-random.util.js';

const STREETS = [
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Nguyễn Trãi',
  'Hai Bà Trưng',
  'Quang Trung',
  'Lý Thường Kiệt',
  'Phan Chu Trinh',
  'Hùng Vương',
  'Điện Biên Phủ',
  'Nguyễn Huệ',
  'Lê Duẩn',
  'Võ Thị Sáu',
  'Nguyễn Văn Cừ',
  'Trần Phú',
  'Lê Hồng Phong',
  'Ngô Quyền',
  'Bà Triệu',
  'Phạm Văn Đồng',
];
const HAMLETS = ['Đông', 'Tây', 'Nam', 'Bắc', 'Thượng', 'Hạ', 'Trung', 'Mới', 'Đình', 'Chùa'];
const SOUTHERN_HAMLETS = ['Tân Lợi', 'Phú Hòa', 'Long Bình', 'Mỹ Thạnh', 'An Phước', 'Bình Thới', 'Tân Phú'];
const MOUNTAIN_VILLAGES = [
  'Nà Lìu',
  'Pác Ngòi',
  'Nậm Cang',
  'Phiêng Luông',
  'Khuổi Khon',
  'Lũng Cú',
  'Hua Nà',
];
const FIRST_SOUTHERN_PROVINCE = 48;

const LOWER_CASE_KINDS = new Map<string, string>();

/** 'Phường' → 'phường' inside a name ('Ủy ban nhân dân phường Ba Đình'); cached, ICU case mapping is slow. */
export function lowerKind(kind: string): string {
  let lower = LOWER_CASE_KINDS.get(kind);
  if (lower === undefined) {
    lower = kind.toLocaleLowerCase('vi');
    LOWER_CASE_KINDS.set(kind, lower);
  }
  return lower;
}

/** Places as the standard format writes them: a unit valid on its asOf date, an address, a facility. */
export class PlaceFactory {
  constructor(
    private readonly random: SeededRandom,
    private readonly units: AdminUnitPicker,
  ) {}

  /** Named as the unit was on that date ('Phường Trúc Bạch' in 2020, 'Phường Ba Đình' in 2026). */
  unitRef(unit: AdminUnit, asOf: string): AdminUnitRef {
    return { code: unit.code, level: AdminUnitLevel[unit.level], name: unit.fullName, asOf };
  }

  residence(unit: AdminUnit, asOf: string, address = this.address(unit)): Place {
    return { unit: this.unitRef(unit, asOf), address };
  }

  /** House and street in a ward, hamlet (thôn, xóm, ấp, bản) in a commune. */
  address(unit: AdminUnit): string {
    const r = this.random;
    const province = Number(unit.provinceCode);
    if (unit.kind === 'Phường' || unit.kind === 'Thị trấn') {
      return r.chance(0.6)
        ? `Số ${r.int(1, 250)}${r.chance(0.3) ? `, ngõ ${r.int(2, 120)}` : ''}, đường ${r.pick(STREETS)}`
        : `Tổ dân phố ${r.int(1, 25)}`;
    }
    if (province >= FIRST_SOUTHERN_PROVINCE) return `Ấp ${r.pick(SOUTHERN_HAMLETS)}`;
    if (regionOf(unit.provinceCode) === 'NORTH_MOUNTAINS' && r.chance(0.6))
      return `Bản ${r.pick(MOUNTAIN_VILLAGES)}`;
    return r.chance(0.5) ? `Thôn ${r.int(1, 15)}` : `Xóm ${r.pick(HAMLETS)}`;
  }

  /** Where babies are born and people die in hospital: named after the commune or the province. */
  facility(unit: AdminUnit, kind: 'BIRTH' | 'DEATH'): string {
    const province = this.units.provinceOf(unit);
    const provinceName = `${lowerKind(province.kind)} ${province.name}`;
    const draw = this.random.next();
    if (draw < 0.35) return `Bệnh viện Đa khoa ${provinceName}`;
    if (draw < 0.55 && kind === 'BIRTH') return `Bệnh viện Phụ sản ${province.name}`;
    if (draw < 0.55)
      return `Bệnh viện ${this.random.pick(['Trung ương Quân đội 108', 'Bạch Mai', 'Chợ Rẫy', 'Ung bướu'])}`;
    if (draw < 0.8) return `Trung tâm Y tế khu vực ${unit.name}`;
    return `Trạm Y tế ${lowerKind(unit.kind)} ${unit.name}`;
  }

  /** Quê quán as free text, the way most sources send it. */
  hometown(unit: AdminUnit): Place {
    const province = this.units.provinceOf(unit);
    return { address: `${unit.fullName}, ${province.fullName}` };
  }
}
