import { EventType } from './event-type.enum.js';

export enum RegistrationKind {
  FIRST = 'FIRST',
  /** Đăng ký lại: the earlier record and the register book were lost or destroyed. */
  RE_REGISTRATION = 'RE_REGISTRATION',
}

export const REGISTRATION_KIND_LABELS_VI: Readonly<Record<RegistrationKind, string>> = {
  [RegistrationKind.FIRST]: 'Đăng ký lần đầu',
  [RegistrationKind.RE_REGISTRATION]: 'Đăng ký lại',
};

/** Only births, marriages and deaths can be registered again (Nghị định 123/2015/NĐ-CP Art. 24). */
export const RE_REGISTRATION_EVENT_TYPES: readonly EventType[] = [
  EventType.BIRTH,
  EventType.MARRIAGE,
  EventType.DEATH,
];
