/** The status a marital-status certificate states (Giấy xác nhận tình trạng hôn nhân). */
export enum MaritalStatus {
  NEVER_MARRIED = 'NEVER_MARRIED',
  MARRIED = 'MARRIED',
  DIVORCED = 'DIVORCED',
  WIDOWED = 'WIDOWED',
  MARRIAGE_ANNULLED = 'MARRIAGE_ANNULLED',
}

export const MARITAL_STATUS_LABELS_VI: Readonly<Record<MaritalStatus, string>> = {
  [MaritalStatus.NEVER_MARRIED]: 'Chưa đăng ký kết hôn với ai',
  [MaritalStatus.MARRIED]: 'Đang có vợ/chồng',
  [MaritalStatus.DIVORCED]: 'Đã đăng ký kết hôn, nhưng đã ly hôn',
  [MaritalStatus.WIDOWED]: 'Đã đăng ký kết hôn, nhưng vợ/chồng đã chết',
  [MaritalStatus.MARRIAGE_ANNULLED]: 'Đã đăng ký kết hôn, nhưng việc kết hôn đã bị hủy',
};
