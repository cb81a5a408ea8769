import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import type { UnitDirectory } from '../validation/reference-data.port.js';
import { AdminUnitCatalogue } from './admin-unit.catalogue.js';
import { isValidOn, type AdminUnit, type AdminUnitLevel } from './admin-unit.model.js';
import { AdminUnitsException } from './admin-units.exception.js';
import { assertIsoDate } from './iso-date.util.js';
import { UnitLineage } from './unit-lineage.js';
import type { UnitLink, UnitRollUp } from './unit-lineage.model.js';

/**
 * Administrative units by code and date. Every date is YYYY-MM-DD (a Vietnamese calendar date);
 * a malformed one throws ADMIN_UNITS.INVALID_DATE. Unknown codes give `undefined` or empty lists.
 */
@Injectable()
export class AdminUnitService implements UnitDirectory {
  private readonly lineage: UnitLineage;
  private readonly collator = new Intl.Collator('vi', { numeric: true });

  constructor(
    private readonly catalogue: AdminUnitCatalogue,
    private readonly clock: Clock,
  ) {
    this.lineage = new UnitLineage(catalogue);
  }

  /**
   * The unit that the code meant on that date ('82' on 2020-01-01 is Tiền Giang, on 2025-08-01
   * Đồng Tháp). The code's length says its level: 2 digits province, 3 district, 5 commune.
   */
  resolve(code: string, on: string): AdminUnit | undefined {
    assertIsoDate(on);
    return this.catalogue.at(code, on);
  }

  /** As `resolve`, but only a unit of that level (for fields that must hold, say, a commune). */
  resolveAt(code: string, level: AdminUnitLevel, on: string): AdminUnit | undefined {
    const unit = this.resolve(code, on);
    return unit?.level === level ? unit : undefined;
  }

  /** Every version of every unit, in no particular order. */
  allVersions(): readonly AdminUnit[] {
    return this.catalogue.all();
  }

  /** Every version of the code, oldest first. */
  versions(code: string): readonly AdminUnit[] {
    return this.catalogue.versions(code);
  }

  /** What the unit in force on `on` was made from: old units (full or partial) or its own previous version. */
  predecessors(code: string, on: string): UnitLink[] {
    const unit = this.resolve(code, on);
    return unit === undefined ? [] : this.lineage.predecessorsOf(unit);
  }

  /** What the unit in force on `on` became at its next change; empty while it is in force. */
  successors(code: string, on: string): UnitLink[] {
    const unit = this.resolve(code, on);
    return unit === undefined ? [] : this.lineage.successorsOf(unit);
  }

  /**
   * The unit(s) in force on `today` that the unit of `on` became, through every change.
   * `exact` is false when a step was a split: keep the old unit and flag the record.
   */
  rollUp(code: string, on: string, today: string = this.clock.today()): UnitRollUp | undefined {
    assertIsoDate(today);
    const source = this.resolve(code, on);
    if (today < on) {
      throw new AdminUnitsException(
        'ADMIN_UNITS.INVALID_DATE',
        `Ngày quy đổi ${today} trước ngày ${on}: chỉ quy đổi được sang đơn vị hành chính của ngày sau.`,
      );
    }
    return source === undefined ? undefined : { source, ...this.lineage.rollUp(source, today) };
  }

  provinceOf(code: string, on: string): AdminUnit | undefined {
    const unit = this.resolve(code, on);
    if (unit === undefined || unit.level === 'PROVINCE') return unit;
    return this.catalogue.at(unit.provinceCode, on);
  }

  /** Jurisdiction: the province code(s) of `today` that a province code of `on` rolled into. */
  currentProvinceCodesFor(provinceCode: string, on: string, today: string = this.clock.today()): string[] {
    if (this.resolveAt(provinceCode, 'PROVINCE', on) === undefined) return [];
    return [...new Set(this.rollUp(provinceCode, on, today)?.current.map((unit) => unit.code))];
  }

  /** Personal ID numbers keep their prefix for life, so every province code ever used stays valid. */
  isProvinceCodeEverValid(code: string): boolean {
    return this.catalogue.provinceCodesEverValid.includes(code);
  }

  provinceCodesEverValid(): readonly string[] {
    return this.catalogue.provinceCodesEverValid;
  }

  listProvinces(on: string): AdminUnit[] {
    assertIsoDate(on);
    return this.sorted(this.catalogue.allProvinces(), on);
  }

  /** Empty from 1 July 2025: districts were abolished (Nghị định 120/2025/NĐ-CP). */
  listDistricts(provinceCode: string, on: string): AdminUnit[] {
    assertIsoDate(on);
    return this.sorted(this.catalogue.allInProvince(provinceCode, 'DISTRICT'), on);
  }

  listCommunes(provinceCode: string, on: string): AdminUnit[] {
    assertIsoDate(on);
    return this.sorted(this.catalogue.allInProvince(provinceCode, 'COMMUNE'), on);
  }

  /** Vietnamese order (An, Ánh, Bình, Dương, Đặng), and Phường 2 before Phường 10. */
  private sorted(units: readonly AdminUnit[], on: string): AdminUnit[] {
    return units
      .filter((unit) => isValidOn(unit, on))
      .sort((a, b) => this.collator.compare(a.name, b.name) || this.collator.compare(a.kind, b.kind));
  }
}
