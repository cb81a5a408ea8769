import { EventType } from '../../v1/code-lists/event-type.enum.js';

/**
 * What the hub asks the national population database (Cơ sở dữ liệu quốc gia về dân cư) to do.
 * One request kind per civil-status matter that changes a person's entry there (DOMAIN.md §9).
 */
export enum PopulationMessageType {
  /** Khai sinh: issue the child's personal ID number (số định danh cá nhân). */
  BIRTH_ISSUE_ID = 'BIRTH_ISSUE_ID',
  /** Khai tử (or a court's declaration of death): mark the person deceased. */
  DEATH_MARK_DECEASED = 'DEATH_MARK_DECEASED',
  MARRIAGE_RECORD = 'MARRIAGE_RECORD',
  DIVORCE_RECORD = 'DIVORCE_RECORD',
  ANNULMENT_RECORD = 'ANNULMENT_RECORD',
  /** Thay đổi, cải chính, bổ sung hộ tịch, xác định lại dân tộc; also a later version of any event. */
  CIVIL_STATUS_CHANGE_RECORD = 'CIVIL_STATUS_CHANGE_RECORD',
  NATIONALITY_CHANGE_RECORD = 'NATIONALITY_CHANGE_RECORD',
  SEX_REDETERMINATION_RECORD = 'SEX_REDETERMINATION_RECORD',
  ADOPTION_RECORD = 'ADOPTION_RECORD',
  PARENTAGE_RECORD = 'PARENTAGE_RECORD',
  /** A registration revoked by the province (thu hồi, hủy bỏ): undo what it did centrally. */
  REGISTRATION_VOID = 'REGISTRATION_VOID',
}

/**
 * The request for a newly registered event. Event types absent here (guardianship, declarations of
 * missing persons or legal capacity, marital-status certificates) do not change the population entry
 * and are not forwarded.
 */
export const POPULATION_MESSAGE_TYPE_BY_EVENT: Readonly<Partial<Record<EventType, PopulationMessageType>>> = {
  [EventType.BIRTH]: PopulationMessageType.BIRTH_ISSUE_ID,
  [EventType.DEATH]: PopulationMessageType.DEATH_MARK_DECEASED,
  [EventType.DECLARATION_DEAD]: PopulationMessageType.DEATH_MARK_DECEASED,
  [EventType.MARRIAGE]: PopulationMessageType.MARRIAGE_RECORD,
  [EventType.MARRIAGE_RECOGNITION]: PopulationMessageType.MARRIAGE_RECORD,
  [EventType.DIVORCE]: PopulationMessageType.DIVORCE_RECORD,
  [EventType.MARRIAGE_ANNULMENT]: PopulationMessageType.ANNULMENT_RECORD,
  [EventType.CIVIL_STATUS_CHANGE]: PopulationMessageType.CIVIL_STATUS_CHANGE_RECORD,
  [EventType.NATIONALITY_CHANGE]: PopulationMessageType.NATIONALITY_CHANGE_RECORD,
  [EventType.SEX_REDETERMINATION]: PopulationMessageType.SEX_REDETERMINATION_RECORD,
  [EventType.ADOPTION]: PopulationMessageType.ADOPTION_RECORD,
  [EventType.ADOPTION_TERMINATION]: PopulationMessageType.ADOPTION_RECORD,
  [EventType.PARENTAGE_RECOGNITION]: PopulationMessageType.PARENTAGE_RECORD,
  [EventType.PARENTAGE_DETERMINATION]: PopulationMessageType.PARENTAGE_RECORD,
};

/** Why the population database refused a request. Stable codes; the reason text is Vietnamese. */
export enum PopulationRejectionCode {
  /** A second number for a birth that already has one (same register reference or same child). */
  ALREADY_ISSUED = 'ALREADY_ISSUED',
  /** The person named by the personal ID number is not in the population database. */
  UNKNOWN_PERSON = 'UNKNOWN_PERSON',
  ALREADY_DECEASED = 'ALREADY_DECEASED',
  /** The registration to void was never recorded centrally. */
  UNKNOWN_REGISTRATION = 'UNKNOWN_REGISTRATION',
  /** The request is structurally valid but lacks what this kind needs (e.g. a child's sex). */
  INCOMPLETE_REQUEST = 'INCOMPLETE_REQUEST',
  INVALID_REQUEST = 'INVALID_REQUEST',
  UNSUPPORTED_SCHEMA_VERSION = 'UNSUPPORTED_SCHEMA_VERSION',
}

export enum PopulationOutcome {
  CONFIRMED = 'CONFIRMED',
  REJECTED = 'REJECTED',
}

/** The schema version of the messages defined here; a change is a new version, v1 stays readable. */
export const POPULATION_SCHEMA_VERSION = '1';

/**
 * The AMQP topology both sides declare (durable queues on the default exchange): requests go to
 * `<prefix>.requests`, replies to `<prefix>.replies`. A prefix lets test runs share one broker.
 */
export function populationQueues(prefix: string): { requests: string; replies: string } {
  return { requests: `${prefix}.requests`, replies: `${prefix}.replies` };
}

/**
 * How both sides declare the two queues: durable classic queues in the version-2 storage format
 * (RabbitMQ 3.10+), which stores persistent messages at a fraction of the version-1 index's CPU (the
 * larger part of the broker's share of forwarding). Quorum queues (DESIGN.md §9, for a cluster)
 * cost more still on one node. A queue declared earlier without the argument keeps its format: the
 * broker refuses the new argument on it (406), and the sides then use it as it is (see README).
 */
export const POPULATION_QUEUE_ARGUMENTS: Readonly<Record<string, unknown>> = { 'x-queue-version': 2 };
