/** A sync failure: its code (lib/error-codes.ts), and for a rate limit when to try again. */
import { CodedError, type ErrorCode } from '../error-codes';

export class SyncError extends CodedError {
  constructor(
    code: ErrorCode,
    detail: string,
    /** ms since the epoch: the earliest time the next attempt can succeed. */
    readonly retryAt: number | null = null,
  ) {
    super(code, detail);
    this.name = 'SyncError';
  }
}
