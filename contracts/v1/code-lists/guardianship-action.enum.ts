export enum GuardianshipAction {
  ESTABLISH = 'ESTABLISH',
  END = 'END',
  CHANGE = 'CHANGE',
  SUPERVISION = 'SUPERVISION',
}

export const GUARDIANSHIP_ACTION_LABELS_VI: Readonly<Record<GuardianshipAction, string>> = {
  [GuardianshipAction.ESTABLISH]: 'Đăng ký giám hộ',
  [GuardianshipAction.END]: 'Chấm dứt giám hộ',
  [GuardianshipAction.CHANGE]: 'Thay đổi giám hộ',
  [GuardianshipAction.SUPERVISION]: 'Giám sát việc giám hộ',
};
