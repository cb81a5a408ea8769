import { Injectable } from '@nestjs/common';
import type { AuthorityDirectory } from '../validation/reference-data.port.js';
import { isValidOn, type AdminUnit } from './admin-unit.model.js';
import { AdminUnitService } from './admin-unit.service.js';
import { ListedAuthorities } from './authorities-file.parser.js';
import {
  authorityVersionId,
  parseUnitAuthorityCode,
  unitAuthorityCode,
  type UnitAuthorityCode,
} from './authority-code.util.js';
import { assertIsoDate } from './iso-date.util.js';
import type { AuthorityVersion } from './registering-authority.model.js';

/**
 * Registering authorities by code and date. Those of administrative units follow the units'
 * versions: UBND-X-00004 is 'Ủy ban nhân dân phường Trúc Bạch' until 2025-06-30 and
 * 'Ủy ban nhân dân phường Ba Đình' from 2025-07-01, two different authorities under one code,
 * told apart by date and by version id. Records keep the name as registered (DOMAIN.md §2).
 */
@Injectable()
export class RegisteringAuthorityService implements AuthorityDirectory {
  // Filled on first use per code; bounded by the number of real unit codes.
  private readonly derived = new Map<string, readonly AuthorityVersion[]>();

  constructor(
    private readonly units: AdminUnitService,
    private readonly listed: ListedAuthorities,
  ) {}

  resolve(code: string, on: string): AuthorityVersion | undefined {
    assertIsoDate(on);
    return this.versions(code).find((version) => isValidOn(version, on));
  }

  /** Every version, oldest first; empty for an unknown code. */
  versions(code: string): readonly AuthorityVersion[] {
    const parsed = parseUnitAuthorityCode(code);
    if (parsed === undefined) return this.listed.versions(code);
    const cached = this.derived.get(code);
    if (cached !== undefined) return cached;
    const versions = this.units
      .versions(parsed.unitCode)
      .filter((unit) => unit.level === parsed.level)
      .map((unit) => toAuthority(code, parsed, unit));
    if (versions.length > 0) this.derived.set(code, Object.freeze(versions));
    return versions;
  }

  /** By the stable version id `code@validFrom` (`code@-` for a version in force since before the data). */
  byId(id: string): AuthorityVersion | undefined {
    const at = id.lastIndexOf('@');
    if (at < 0) return undefined;
    return this.versions(id.slice(0, at)).find((version) => version.id === id);
  }

  /** Whether the authority existed, and so could register, on that date (competence by event type is validation's). */
  isCompetentOn(code: string, on: string): boolean {
    return this.resolve(code, on) !== undefined;
  }

  /**
   * Today's province(s) that the authority's province on `on` rolled into: a source bound to
   * province P may submit records of authorities of P or, before 2025-07-01, of P's predecessors.
   * Empty for an unknown authority and for those without a province (embassies, the Ministry).
   */
  currentProvincesOf(code: string, on: string, today?: string): readonly string[] {
    const provinceCode = this.resolve(code, on)?.provinceCode;
    if (provinceCode === undefined) return [];
    return this.units.currentProvinceCodesFor(provinceCode, on, today);
  }

  /** Every authority version, for loading them into the register's reference table. */
  allVersions(): AuthorityVersion[] {
    const unitCodes = new Set(this.units.allVersions().map((u) => unitAuthorityCode(u.level, u.code)));
    return [...this.listed.all(), ...[...unitCodes].flatMap((code) => this.versions(code))];
  }
}

function toAuthority(code: string, parsed: UnitAuthorityCode, unit: AdminUnit): AuthorityVersion {
  return Object.freeze({
    id: authorityVersionId(code, unit.validFrom),
    code,
    kind: parsed.kind,
    // 'Ủy ban nhân dân' + 'phường Ba Đình': the kind label is lower case inside a name.
    name: `${parsed.title} ${unit.kind.toLocaleLowerCase('vi')} ${unit.name}`,
    unitCode: unit.code,
    provinceCode: unit.provinceCode,
    validFrom: unit.validFrom,
    validTo: unit.validTo,
  });
}
