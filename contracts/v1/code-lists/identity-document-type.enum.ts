export enum IdentityDocumentType {
  /** Căn cước công dân, and since 1 July 2024 thẻ căn cước: 12 digits, the personal ID number. */
  CCCD = 'CCCD',
  /** Chứng minh nhân dân: 9 digits, or 12 on the last cards issued before the CCCD. */
  CMND = 'CMND',
  PASSPORT = 'PASSPORT',
  FOREIGN_ID = 'FOREIGN_ID',
  OTHER = 'OTHER',
}

export const IDENTITY_DOCUMENT_TYPE_LABELS_VI: Readonly<Record<IdentityDocumentType, string>> = {
  [IdentityDocumentType.CCCD]: 'Căn cước công dân / thẻ căn cước',
  [IdentityDocumentType.CMND]: 'Chứng minh nhân dân',
  [IdentityDocumentType.PASSPORT]: 'Hộ chiếu',
  [IdentityDocumentType.FOREIGN_ID]: 'Giấy tờ tùy thân do nước ngoài cấp',
  [IdentityDocumentType.OTHER]: 'Giấy tờ khác',
};
