import { EventType } from '../../contracts/v1/code-lists/event-type.enum.js';

// Sizes and shares from DOMAIN.md §8 (2024) where it gives them; the rest are estimates, marked so,
// small enough not to matter for sizing and large enough that every type appears in a few thousand.

/** Events a year. Births: 1.4 M first registrations + 434,902 re-registrations. */
export const DEFAULT_EVENT_MIX: Readonly<Record<EventType, number>> = {
  [EventType.BIRTH]: 1_834_902,
  [EventType.DEATH]: 654_031,
  [EventType.MARRIAGE]: 616_475,
  [EventType.MARITAL_STATUS_CERTIFICATE]: 600_000, // estimate
  [EventType.CIVIL_STATUS_CHANGE]: 150_000, // estimate
  [EventType.PARENTAGE_RECOGNITION]: 40_000, // estimate
  [EventType.DIVORCE]: 30_000, // estimate: judgments recorded in the register
  [EventType.FOREIGN_RECORDING]: 20_000, // estimate
  [EventType.GUARDIANSHIP]: 10_000, // estimate
  [EventType.ADOPTION]: 3_000, // estimate
  [EventType.NATIONALITY_CHANGE]: 3_000, // estimate
  [EventType.PARENTAGE_DETERMINATION]: 2_000, // estimate
  [EventType.DECLARATION_DEAD]: 1_500, // estimate
  [EventType.DECLARATION_MISSING]: 1_500, // estimate
  [EventType.DECLARATION_LEGAL_CAPACITY]: 1_000, // estimate
  [EventType.MARRIAGE_ANNULMENT]: 800, // estimate
  [EventType.MARRIAGE_RECOGNITION]: 800, // estimate
  [EventType.ADOPTION_TERMINATION]: 500, // estimate
  [EventType.GUARDIANSHIP_RECOGNITION]: 500, // estimate
  [EventType.DECLARATION_CANCELLATION]: 500, // estimate
  [EventType.SEX_REDETERMINATION]: 300, // estimate
};

/** 434,902 of 1,834,902 birth registrations in 2024 were re-registrations; marriage and death: estimates. */
export const DEFAULT_RE_REGISTRATION_SHARE = { BIRTH: 0.237, MARRIAGE: 0.02, DEATH: 0.01 } as const;

/** Registered within the deadline (60 days for births, 15 for deaths), 2024. */
export const BIRTH_ON_TIME_SHARE = 0.849;
export const DEATH_ON_TIME_SHARE = 0.693;

/** 25,408 of 616,475 marriages in 2024 had a foreign element. */
export const MARRIAGE_FOREIGN_SHARE = 25_408 / 616_475;

/** Sex ratio at birth in Việt Nam, about 112 boys per 100 girls. */
export const MALE_BIRTH_SHARE = 112 / 212;

export const BIRTH_DEADLINE_DAYS = 60;
export const DEATH_DEADLINE_DAYS = 15;
