export type AdminUnitLevel = 'PROVINCE' | 'DISTRICT' | 'COMMUNE';

export type AdminUnitKind =
  'Tỉnh' | 'Thành phố' | 'Quận' | 'Huyện' | 'Thị xã' | 'Phường' | 'Xã' | 'Thị trấn' | 'Đặc khu';

/**
 * One version of an administrative unit. A code means nothing without a date: codes were reused
 * after the 2025 merger, so every lookup goes through the validity period.
 */
export interface AdminUnit {
  readonly code: string;
  readonly level: AdminUnitLevel;
  /** NFC, e.g. 'Ba Đình'. */
  readonly name: string;
  /** Kind label and name, e.g. 'Phường Ba Đình'. */
  readonly fullName: string;
  readonly kind: AdminUnitKind;
  readonly provinceCode: string;
  /** Only before 1 July 2025, when communes sat under districts. */
  readonly districtCode?: string;
  /** YYYY-MM-DD; null: in force since before the data begins. */
  readonly validFrom: string | null;
  /** YYYY-MM-DD, inclusive; null: still in force. */
  readonly validTo: string | null;
}

export const KINDS_BY_LEVEL: Readonly<Record<AdminUnitLevel, readonly AdminUnitKind[]>> = {
  PROVINCE: ['Tỉnh', 'Thành phố'],
  DISTRICT: ['Quận', 'Huyện', 'Thị xã', 'Thành phố'],
  COMMUNE: ['Phường', 'Xã', 'Thị trấn', 'Đặc khu'],
};

/** Codes of different levels never collide because their lengths differ: 2, 3 and 5 digits. */
export function levelOfCode(code: string): AdminUnitLevel | undefined {
  if (/^\d{2}$/.test(code)) return 'PROVINCE';
  if (/^\d{3}$/.test(code)) return 'DISTRICT';
  if (/^\d{5}$/.test(code)) return 'COMMUNE';
  return undefined;
}

export function isValidOn(unit: { validFrom: string | null; validTo: string | null }, on: string): boolean {
  return (unit.validFrom === null || unit.validFrom <= on) && (unit.validTo === null || on <= unit.validTo);
}
