/**
 * Failures as they cross a message: a code from this list and a detail for
 * the log. The code is what the reader is told, in their language (each has a
 * message `error_<code>` in public/_locales); the detail is never parsed.
 */
import type { MessageKey } from './message-keys';

export const ERROR_CODES = [
  /** Not a message of ours: no type, an unknown type, not an object. */
  'not-a-message',
  /** A message from a part that may not send it (an extension page saving, a page script). */
  'wrong-sender',
  /** The payload failed its check; nothing was written. */
  'invalid-request',
  /** The page has no article text left to save. */
  'no-article-text',
  /** What the page gave could not be read as an article record. */
  'unreadable-page',
  /** The page moved on to another article between the click and the save. */
  'page-changed',
  /** The page changed its own address (history API) to another article's since it was loaded: it is not saved under that one. */
  'address-changed',
  /** The article asked for is not in the archive. */
  'not-in-archive',
  /** The browser's storage is full; the write was undone. */
  'storage-full',
  /** The write would not fit in the room the browser has left; nothing was tried. */
  'storage-low',
  /** The extension was updated or restarted under a page that still shows its old overlay. */
  'extension-restarted',
  /** Sync: the server refused the user name or app password (401, 403). */
  'sync-unauthorized',
  /** Sync: the server address or folder does not exist, or refuses writes there (a WebDAV root). */
  'sync-folder-missing',
  /** Sync: the server's storage is full (507); nothing was lost. */
  'sync-server-full',
  /** Sync: the server asked for fewer requests (503 BlockedTemporarily, 429), or our own budget is spent. */
  'sync-rate-limited',
  /** Sync: the server failed (5xx) or answered what WebDAV does not. */
  'sync-server-error',
  /** Sync: the server could not be reached, or took too long. */
  'sync-offline',
  /** Sync: the folder holds files of another program, or of a newer EM Lens. */
  'sync-not-our-folder',
  /** Sync: another browser writes under this browser's device name (a copied profile). */
  'sync-device-clash',
  /** Sync: the run would delete more than a tenth of the archive; it waits to be confirmed. */
  'sync-mass-delete',
  /** Sync: no server access was granted for the server's address. */
  'sync-no-permission',
  /** Sync: the passphrase does not open the encrypted folder; nothing was written. */
  'sync-wrong-passphrase',
  /** Sync: the folder is encrypted and no passphrase was given. */
  'sync-passphrase-needed',
  /** Sync: a passphrase was given for a folder that is not encrypted. */
  'sync-not-encrypted',
  /** Anything else; the detail says what. */
  'failed',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Thrown by a handler (or by a sender, for a failed reply) to say which failure it was. */
export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'CodedError';
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

// The browser's own words when the other end of a message is gone: the only
// error text matched, since it is not ours to give a code.
const GONE = /Receiving end does not exist|Could not establish connection|Extension context invalidated|message channel closed/i;

/** The code of any error: a CodedError's own, a full disk's, a vanished extension's, else `failed`. */
export function codeOf(error: unknown): ErrorCode {
  if (error instanceof CodedError) return error.code;
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String((error as Error).name) : '';
  if (name === 'QuotaExceededError') return 'storage-full';
  const message = error instanceof Error ? error.message : String(error);
  return GONE.test(message) ? 'extension-restarted' : 'failed';
}

/** For the log: what exactly went wrong, with the error's kind (AbortError, DataCloneError…). */
export function detailOf(error: unknown): string {
  if (error instanceof CodedError) return error.detail;
  if (!(error instanceof Error)) return String(error);
  return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
}

/** The message a person reads for a code. */
export function errorMessageKey(code: ErrorCode): MessageKey {
  return `error_${code.replace(/-/g, '_')}` as MessageKey;
}
