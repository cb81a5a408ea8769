/** The four kinds of CIVIL_STATUS_CHANGE, always old value → new value (Luật Hộ tịch 2014 Art. 3.1). */
export enum ChangeKind {
  CHANGE = 'CHANGE',
  CORRECTION = 'CORRECTION',
  SUPPLEMENT = 'SUPPLEMENT',
  ETHNICITY_REDETERMINATION = 'ETHNICITY_REDETERMINATION',
}

export const CHANGE_KIND_LABELS_VI: Readonly<Record<ChangeKind, string>> = {
  [ChangeKind.CHANGE]: 'Thay đổi hộ tịch',
  [ChangeKind.CORRECTION]: 'Cải chính hộ tịch',
  [ChangeKind.SUPPLEMENT]: 'Bổ sung thông tin hộ tịch',
  [ChangeKind.ETHNICITY_REDETERMINATION]: 'Xác định lại dân tộc',
};
