/**
 * Base of every capability's exception. The string `code` (e.g. `INTAKE.BATCH_TOO_LARGE`) is what
 * survives queues and process boundaries; class instances do not (../shared/CONVENTIONS.md, Errors).
 */
export class HubException extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 400,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
