/** What kind of failure a failed save or archive write was, so the UI can say it in the reader's language. */

const QUOTA = /QuotaExceeded|quota|disk is full|no space/i;
const RESTARTED = /no reply|Receiving end|Could not establish connection|Extension context invalidated/i;

const NO_BODY = /NoArticleBody/;

export type StorageFailure =
  | { kind: 'storage-full' }
  | { kind: 'restarted' }
  | { kind: 'no-body' }
  | { kind: 'other'; message: string };

export function classifyStorageError(error: unknown): StorageFailure {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  if (QUOTA.test(text)) return { kind: 'storage-full' };
  if (RESTARTED.test(text)) return { kind: 'restarted' };
  if (NO_BODY.test(text)) return { kind: 'no-body' };
  const message = error instanceof Error ? error.message : text;
  return { kind: 'other', message: message.replace(/^article:\w+( failed)?: /, '') };
}
