/**
 * How the SOAP pull adapter asks a province's own SOAP service for records:
 * mappings/<source-id>/pull.yaml, beside the mapping (which starts at one record element).
 */
export interface PullPlan {
  readonly sourceId: string;
  readonly file: string;
  /** Environment variables: the service URL, and optionally a WS-Security UsernameToken. */
  readonly endpointEnv: string;
  readonly usernameEnv?: string;
  readonly passwordEnv?: string;
  readonly intervalMs: number;
  readonly request: {
    readonly soapAction: string;
    readonly namespace: string;
    /** The request element (document/literal): <ns:operation>…</ns:operation>. */
    readonly operation: string;
    /** Child element carrying the cursor; left out of the first request. */
    readonly cursorElement: string;
    readonly pageSizeElement: string;
    readonly pageSize: number;
  };
  readonly response: {
    /** Dot path (local names) to the repeated record element in the response envelope. */
    readonly recordPath: string;
    /** Dot path to the cursor to send next; a page without one, or short of pageSize, is the last. */
    readonly nextCursorPath: string;
  };
}
