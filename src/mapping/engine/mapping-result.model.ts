/** One row or record of a source, as a reader hands it to the mapper. */
export interface SourceRow {
  /** 1-based: the data row in a CSV (header not counted), the record element, or the table row. */
  readonly rowNumber: number;
  /** rows input: the table the row comes from. */
  readonly table?: string;
  readonly values: Readonly<Record<string, unknown>>;
  /**
   * True for CSV: each string holds the file's bytes one per character (read as latin1), so that the
   * file's or a field's encoding decides the text, not the reader.
   */
  readonly rawBytes: boolean;
}

/** A reason a row could not be mapped: where (row, record id, field) and a Vietnamese message. */
export interface MappingIssue {
  readonly row: number;
  readonly recordId?: string;
  /** Standard-record path (parties addressed by role) or '' for the whole row. */
  readonly field: string;
  readonly sourcePath?: string;
  readonly code: string;
  readonly message: string;
}

export interface MappedRow {
  readonly row: number;
  readonly table?: string;
  readonly recordId?: string;
  /** The standard record (plain object, contracts/v1 shape) when the row mapped without issues. */
  readonly record?: Record<string, unknown>;
  readonly issues: readonly MappingIssue[];
  /** The row's text could not be decoded with confidence: hold it for an officer, do not guess. */
  readonly needsReview: boolean;
}

/** Administrative units and authorities as the mapping needs them (src/admin-units implements it). */
export interface MappingReferences {
  unit(code: string, on: string): { code: string; level: string; fullName: string } | undefined;
  authority(code: string, on: string): { code: string; name: string } | undefined;
}
