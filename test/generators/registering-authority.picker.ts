import type { AdminUnit } from '../../src/admin-units/admin-unit.model.js';
import type { AdminUnitPicker } from './admin-unit.picker.js';
import type { GeneratorReferenceData } from './generator-reference.loader.js';
import type { SeededRandom } from './seeded-random.util.js';

export type AuthorityLevel = 'COMMUNE' | 'DISTRICT' | 'PROVINCE';

export interface AuthorityChoice {
  readonly code: string;
  /** Exactly as RegisteringAuthorityService names it on the registration date. */
  readonly name: string;
  readonly versionId: string;
  readonly level: AuthorityLevel;
  /** The unit the authority belongs to, as of the registration date. */
  readonly unit: AdminUnit;
  /** Today's province: the province a source must be bound to in order to submit the record. */
  readonly currentProvinceCode: string;
}

const PREFIX: Readonly<Record<AuthorityLevel, string>> = {
  COMMUNE: 'UBND-X-',
  DISTRICT: 'UBND-H-',
  PROVINCE: 'STP-',
};

/** Registering authorities of real units, valid on the registration date. */
export class RegisteringAuthorityPicker {
  constructor(
    private readonly reference: GeneratorReferenceData,
    private readonly units: AdminUnitPicker,
  ) {}

  /**
   * An authority of the level asked for. Districts exist only before 2025-07-01: after that date
   * the commune registers everything (Nghị định 120/2025/NĐ-CP), so DISTRICT falls back to COMMUNE.
   */
  pick(date: string, level: AuthorityLevel, random: SeededRandom): AuthorityChoice {
    if (level === 'PROVINCE') return this.of(this.units.province(date, random), date);
    if (level === 'DISTRICT') {
      const district = this.units.district(date, random);
      if (district !== undefined) return this.of(district, date);
    }
    return this.of(this.units.commune(date, random), date);
  }

  of(unit: AdminUnit, date: string): AuthorityChoice {
    const code = `${PREFIX[unit.level]}${unit.code}`;
    const version = this.reference.authorities.resolve(code, date);
    if (version === undefined) throw new RangeError(`no authority ${code} on ${date}`);
    return {
      code,
      name: version.name,
      versionId: version.id,
      level: unit.level,
      unit,
      currentProvinceCode: this.units.currentProvinceOf(unit),
    };
  }
}
