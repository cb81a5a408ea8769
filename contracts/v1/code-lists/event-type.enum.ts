/** Civil-status events. Identifiers are English; labels keep the legal Vietnamese terms. */
export enum EventType {
  // Registered in their own book of the register (Luật Hộ tịch 2014 Art. 3.1).
  BIRTH = 'BIRTH',
  MARRIAGE = 'MARRIAGE',
  GUARDIANSHIP = 'GUARDIANSHIP',
  PARENTAGE_RECOGNITION = 'PARENTAGE_RECOGNITION',
  CIVIL_STATUS_CHANGE = 'CIVIL_STATUS_CHANGE',
  DEATH = 'DEATH',

  // Written into the register from a court judgment or an authority's decision (ghi vào Sổ, Art. 3.2).
  NATIONALITY_CHANGE = 'NATIONALITY_CHANGE',
  PARENTAGE_DETERMINATION = 'PARENTAGE_DETERMINATION',
  SEX_REDETERMINATION = 'SEX_REDETERMINATION',
  ADOPTION = 'ADOPTION',
  ADOPTION_TERMINATION = 'ADOPTION_TERMINATION',
  DIVORCE = 'DIVORCE',
  MARRIAGE_ANNULMENT = 'MARRIAGE_ANNULMENT',
  MARRIAGE_RECOGNITION = 'MARRIAGE_RECOGNITION',
  GUARDIANSHIP_RECOGNITION = 'GUARDIANSHIP_RECOGNITION',
  DECLARATION_MISSING = 'DECLARATION_MISSING',
  DECLARATION_DEAD = 'DECLARATION_DEAD',
  DECLARATION_LEGAL_CAPACITY = 'DECLARATION_LEGAL_CAPACITY',
  DECLARATION_CANCELLATION = 'DECLARATION_CANCELLATION',

  // A Vietnamese citizen's event already registered by a foreign authority (ghi chú, Art. 3.3):
  // one type, the foreign event's kind is in ForeignRecordingDetails.
  FOREIGN_RECORDING = 'FOREIGN_RECORDING',

  MARITAL_STATUS_CERTIFICATE = 'MARITAL_STATUS_CERTIFICATE',
}

export const EVENT_TYPE_LABELS_VI: Readonly<Record<EventType, string>> = {
  [EventType.BIRTH]: 'Khai sinh',
  [EventType.MARRIAGE]: 'Kết hôn',
  [EventType.GUARDIANSHIP]: 'Giám hộ',
  [EventType.PARENTAGE_RECOGNITION]: 'Nhận cha, mẹ, con',
  [EventType.CIVIL_STATUS_CHANGE]: 'Thay đổi, cải chính, bổ sung hộ tịch, xác định lại dân tộc',
  [EventType.DEATH]: 'Khai tử',
  [EventType.NATIONALITY_CHANGE]: 'Thay đổi quốc tịch',
  [EventType.PARENTAGE_DETERMINATION]: 'Xác định cha, mẹ, con',
  [EventType.SEX_REDETERMINATION]: 'Xác định lại giới tính',
  [EventType.ADOPTION]: 'Nuôi con nuôi',
  [EventType.ADOPTION_TERMINATION]: 'Chấm dứt việc nuôi con nuôi',
  [EventType.DIVORCE]: 'Ly hôn',
  [EventType.MARRIAGE_ANNULMENT]: 'Hủy việc kết hôn trái pháp luật',
  [EventType.MARRIAGE_RECOGNITION]: 'Công nhận việc kết hôn',
  [EventType.GUARDIANSHIP_RECOGNITION]: 'Công nhận giám hộ',
  [EventType.DECLARATION_MISSING]: 'Tuyên bố mất tích',
  [EventType.DECLARATION_DEAD]: 'Tuyên bố đã chết',
  [EventType.DECLARATION_LEGAL_CAPACITY]: 'Tuyên bố mất hoặc hạn chế năng lực hành vi dân sự',
  [EventType.DECLARATION_CANCELLATION]:
    'Hủy tuyên bố mất tích, đã chết, mất hoặc hạn chế năng lực hành vi dân sự',
  [EventType.FOREIGN_RECORDING]: 'Ghi chú việc hộ tịch đã giải quyết ở nước ngoài',
  [EventType.MARITAL_STATUS_CERTIFICATE]: 'Xác nhận tình trạng hôn nhân',
};

export enum EventCategory {
  REGISTERED = 'REGISTERED',
  RECORDED_DECISION = 'RECORDED_DECISION',
  FOREIGN_RECORDING = 'FOREIGN_RECORDING',
  OTHER = 'OTHER',
}

export const EVENT_CATEGORY: Readonly<Record<EventType, EventCategory>> = {
  [EventType.BIRTH]: EventCategory.REGISTERED,
  [EventType.MARRIAGE]: EventCategory.REGISTERED,
  [EventType.GUARDIANSHIP]: EventCategory.REGISTERED,
  [EventType.PARENTAGE_RECOGNITION]: EventCategory.REGISTERED,
  [EventType.CIVIL_STATUS_CHANGE]: EventCategory.REGISTERED,
  [EventType.DEATH]: EventCategory.REGISTERED,
  [EventType.NATIONALITY_CHANGE]: EventCategory.RECORDED_DECISION,
  [EventType.PARENTAGE_DETERMINATION]: EventCategory.RECORDED_DECISION,
  [EventType.SEX_REDETERMINATION]: EventCategory.RECORDED_DECISION,
  [EventType.ADOPTION]: EventCategory.RECORDED_DECISION,
  [EventType.ADOPTION_TERMINATION]: EventCategory.RECORDED_DECISION,
  [EventType.DIVORCE]: EventCategory.RECORDED_DECISION,
  [EventType.MARRIAGE_ANNULMENT]: EventCategory.RECORDED_DECISION,
  [EventType.MARRIAGE_RECOGNITION]: EventCategory.RECORDED_DECISION,
  [EventType.GUARDIANSHIP_RECOGNITION]: EventCategory.RECORDED_DECISION,
  [EventType.DECLARATION_MISSING]: EventCategory.RECORDED_DECISION,
  [EventType.DECLARATION_DEAD]: EventCategory.RECORDED_DECISION,
  [EventType.DECLARATION_LEGAL_CAPACITY]: EventCategory.RECORDED_DECISION,
  [EventType.DECLARATION_CANCELLATION]: EventCategory.RECORDED_DECISION,
  [EventType.FOREIGN_RECORDING]: EventCategory.FOREIGN_RECORDING,
  [EventType.MARITAL_STATUS_CERTIFICATE]: EventCategory.OTHER,
};

/**
 * Days after the event within which registration is on time; later is "quá hạn" (late registration),
 * reported separately. Luật Hộ tịch 2014 Art. 15 (birth: 60 days) and Art. 33 (death: 15 days).
 */
export const STATUTORY_DEADLINE_DAYS: Readonly<Partial<Record<EventType, number>>> = {
  [EventType.BIRTH]: 60,
  [EventType.DEATH]: 15,
};
