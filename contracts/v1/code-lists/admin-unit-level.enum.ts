/** DISTRICT exists only in codes used before 1 July 2025 (Nghị định 120/2025/NĐ-CP). */
export enum AdminUnitLevel {
  PROVINCE = 'PROVINCE',
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
}

export const ADMIN_UNIT_LEVEL_LABELS_VI: Readonly<Record<AdminUnitLevel, string>> = {
  [AdminUnitLevel.PROVINCE]: 'Cấp tỉnh',
  [AdminUnitLevel.DISTRICT]: 'Cấp huyện',
  [AdminUnitLevel.COMMUNE]: 'Cấp xã',
};

/** Statistics-office codes: 2 digits for a province, 3 for a district, 5 for a commune. */
export const ADMIN_UNIT_CODE_LENGTH: Readonly<Record<AdminUnitLevel, number>> = {
  [AdminUnitLevel.PROVINCE]: 2,
  [AdminUnitLevel.DISTRICT]: 3,
  [AdminUnitLevel.COMMUNE]: 5,
};
