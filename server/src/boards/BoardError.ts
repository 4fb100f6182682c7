import type { ErrorCode } from '../../../shared/src/protocol.ts';

/** A failure the caller caused; HTTP turns it into `{error, message}` with a matching status. */
export class BoardError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BoardError';
  }
}
