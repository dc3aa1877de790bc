/**
 * Whether a write of a known size still fits in what the browser lets the
 * archive use. A write that does not fit fails part way with a
 * QuotaExceededError, after the reader has waited for it; asking first lets
 * the reader free room before anything is attempted.
 */

/** What navigator.storage.estimate() gives; either figure may be missing. */
export interface StorageEstimateLike {
  usage?: number | undefined;
  quota?: number | undefined;
  /** Chrome only: usage by kind of storage. */
  usageDetails?: { indexedDB?: number | undefined } | undefined;
}

/**
 * Bytes the archive takes per byte of an article's JSON, with its search
 * index and facets: 1.14 measured at 50,000 articles (bench/README.md,
 * "Disk per article"), rounded up, since IndexedDB's own overhead varies by browser.
 */
export const ARCHIVE_BYTES_PER_JSON_BYTE = 1.25;

/**
 * Room kept free after a write: the browser needs some for its own journal
 * and compaction, and a disk filled to the last byte fails every other program too.
 */
export const RESERVE_BYTES = 64 * 1024 * 1024;

export type Room =
  | { fits: true; free: number | null }
  /** `needed`: what the write takes with the reserve; `free`: what is left now. */
  | { fits: false; needed: number; free: number };

/** What an import of a JSON export of `jsonBytes` is expected to add to the archive. */
export function expectedImportBytes(jsonBytes: number): number {
  return Math.ceil(Math.max(0, jsonBytes) * ARCHIVE_BYTES_PER_JSON_BYTE);
}

/** What is left of the quota; null when the browser does not say. */
export function freeBytes(estimate: StorageEstimateLike | null | undefined): number | null {
  const { usage, quota } = estimate ?? {};
  if (typeof quota !== 'number' || !Number.isFinite(quota) || quota <= 0) return null;
  const used = typeof usage === 'number' && Number.isFinite(usage) && usage > 0 ? usage : 0;
  return Math.max(0, quota - used);
}

/**
 * Does a write of `bytes` fit? When the browser gives no estimate the write
 * is let through: the transaction still undoes itself if the disk is full.
 */
export function roomFor(estimate: StorageEstimateLike | null | undefined, bytes: number): Room {
  const free = freeBytes(estimate);
  if (free === null) return { fits: true, free: null };
  const needed = Math.ceil(Math.max(0, bytes)) + RESERVE_BYTES;
  return needed <= free ? { fits: true, free } : { fits: false, needed, free };
}

/** Below this much free, the settings page warns that saves and imports will soon stop. */
export const LOW_FREE_BYTES = 4 * RESERVE_BYTES;

/** What the settings page shows of the archive's storage. */
export interface StorageFacts {
  /** The archive's IndexedDB where the browser tells it apart, else everything the extension stores. */
  archiveBytes: number | null;
  free: number | null;
  low: boolean;
}

export function storageFacts(estimate: StorageEstimateLike | null | undefined): StorageFacts {
  const indexedDb = estimate?.usageDetails?.indexedDB;
  const usage = typeof indexedDb === 'number' ? indexedDb : estimate?.usage;
  const free = freeBytes(estimate);
  return {
    archiveBytes: typeof usage === 'number' && Number.isFinite(usage) ? Math.max(0, usage) : null,
    free,
    low: free !== null && free < LOW_FREE_BYTES,
  };
}
