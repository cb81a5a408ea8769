/** One reason a record was refused: where (field path), what (stable code) and a Vietnamese message. */
export interface RecordError {
  path: string;
  code: string;
  message: string;
  /** For a clash with the register: the registration that is already there. */
  existingEventId?: string;
  /** For a duplicate found by matching: the match weight and the field-by-field comparison levels. */
  evidence?: { score: number; fields: ReadonlyArray<{ field: string; level: string; weight: number }> };
}
