/** What the foreign authority registered or decided (ghi chú, Luật Hộ tịch 2014 Art. 3.3). */
export enum ForeignEventKind {
  BIRTH = 'BIRTH',
  MARRIAGE = 'MARRIAGE',
  DIVORCE = 'DIVORCE',
  MARRIAGE_ANNULMENT = 'MARRIAGE_ANNULMENT',
  GUARDIANSHIP = 'GUARDIANSHIP',
  PARENTAGE = 'PARENTAGE',
  ADOPTION = 'ADOPTION',
  CIVIL_STATUS_CHANGE = 'CIVIL_STATUS_CHANGE',
  DEATH = 'DEATH',
}

export const FOREIGN_EVENT_KIND_LABELS_VI: Readonly<Record<ForeignEventKind, string>> = {
  [ForeignEventKind.BIRTH]: 'Khai sinh',
  [ForeignEventKind.MARRIAGE]: 'Kết hôn',
  [ForeignEventKind.DIVORCE]: 'Ly hôn',
  [ForeignEventKind.MARRIAGE_ANNULMENT]: 'Hủy việc kết hôn',
  [ForeignEventKind.GUARDIANSHIP]: 'Giám hộ',
  [ForeignEventKind.PARENTAGE]: 'Nhận cha, mẹ, con; xác định cha, mẹ, con',
  [ForeignEventKind.ADOPTION]: 'Nuôi con nuôi',
  [ForeignEventKind.CIVIL_STATUS_CHANGE]: 'Thay đổi hộ tịch',
  [ForeignEventKind.DEATH]: 'Khai tử',
};
