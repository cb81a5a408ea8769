/**
 * How the SQL adapter reads a source's legacy database: mappings/<source-id>/poll.yaml, beside the
 * source's mapping.yaml. The mapping starts at the row; this file says which rows and in what order.
 * Kept in its own file so the mapping format (and its strict loader) stays as it is.
 */

/**
 * The column(s) that order a table's rows and say which were already read.
 * - rowversion: SQL Server's rowversion/timestamp (binary(8), changes with every update);
 * - updatedAt: a last-modified datetime column, with the id as tie-breaker;
 * - id: an increasing id (new rows only; an update of an old row is not seen).
 */
export type Watermark =
  | { readonly kind: 'rowversion'; readonly column: string }
  | {
      readonly kind: 'updatedAt';
      readonly column: string;
      readonly id: string;
      /** The column's SQL Server type: datetime keeps 1/300 s, so the watermark is compared as one. */
      readonly sqlType: 'datetime' | 'datetime2';
    }
  | { readonly kind: 'id'; readonly column: string };

export interface TablePoll {
  /** A table mapped by a records[] entry of mapping.yaml (rows are handed to the mapper as that table). */
  readonly table: string;
  /** The rows to read, as a SELECT the adapter wraps (watermark condition, order, batch limit). */
  readonly query: string;
  readonly watermark: Watermark;
}

export interface PollPlan {
  readonly sourceId: string;
  readonly file: string;
  /** Name of the environment variable holding the connection URL (a secret: never in the mapping). */
  readonly connectionEnv: string;
  readonly intervalMs: number;
  readonly batchSize: number;
  readonly tables: readonly TablePoll[];
}

/** Where a table's reading stopped: the watermark of the last row whose batch intake committed. */
export type WatermarkValue =
  | { readonly kind: 'rowversion'; readonly hex: string }
  | { readonly kind: 'updatedAt'; readonly at: string; readonly id: string | number }
  | { readonly kind: 'id'; readonly id: string | number };
