/** Optional on Person: legacy books often lack it. A BIRTH's CHILD needs it (a domain rule). */
export enum Sex {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

export const SEX_LABELS_VI: Readonly<Record<Sex, string>> = {
  [Sex.MALE]: 'Nam',
  [Sex.FEMALE]: 'Nữ',
};
