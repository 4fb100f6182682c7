import type { ErrorCode } from '../../../shared/src/protocol.ts';

/** A failure the caller caused; HTTP turns it into `{error, message}` with a matching status. */
export class BoardError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** More fields of the error body (the import's `problem`: a code the app translates). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'BoardError';
  }
}
