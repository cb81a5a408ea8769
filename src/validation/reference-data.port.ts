/**
 * What validation needs from the reference data, as small ports: the admin-units module implements
 * them; unit tests give tables of their own.
 */
export interface UnitVersionView {
  code: string;
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
  name: string;
  provinceCode: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface UnitDirectory {
  resolve(code: string, on: string): UnitVersionView | undefined;
  versions(code: string): readonly UnitVersionView[];
  isProvinceCodeEverValid(twoDigitCode: string): boolean;
}

export interface AuthorityVersionView {
  id: string;
  code: string;
  kind: string;
  name: string;
  unitCode?: string | null;
  provinceCode?: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface AuthorityDirectory {
  resolve(code: string, on: string): AuthorityVersionView | undefined;
  versions(code: string): readonly AuthorityVersionView[];
  /** Today's province(s) that the authority's province, as of `on`, became. */
  currentProvincesOf(code: string, on: string): readonly string[];
}

export const UNIT_DIRECTORY = Symbol('UNIT_DIRECTORY');
export const AUTHORITY_DIRECTORY = Symbol('AUTHORITY_DIRECTORY');
