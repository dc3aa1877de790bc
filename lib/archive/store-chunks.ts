/**
 * Reads a whole store in key order, a chunk per short read-only transaction
 * (a save waits for one chunk at most), with the next chunk already asked for
 * while the caller works on this one: the database reads on its own thread
 * while the caller's thread turns the last chunk's records into values, so
 * neither waits for the other (bench/README.md, "Import and the integrity
 * check": a check at 50,000 waited 22 s for IndexedDB this way, 31 s before).
 *
 * Where the browser has `getAllRecords` (keys and values in one request), one
 * request reads a chunk; elsewhere `getAllKeys` and `getAll` over the same
 * range do.
 */
import { unwrap, wrap } from 'idb';
import type { ArchiveDb, ArchiveSchema } from './schema';
import type { StoreNames } from 'idb';

export interface StoreChunk<V> {
  keys: IDBValidKey[];
  values: V[];
}

/** What `IDBObjectStore.getAllRecords` gives (not yet in TypeScript's DOM types). */
interface IDBRecordLike {
  primaryKey: IDBValidKey;
  value: unknown;
}
type WithRecords = IDBObjectStore & { getAllRecords?: (options: { query: IDBKeyRange | null; count: number }) => IDBRequest<IDBRecordLike[]> };

async function readChunk(db: ArchiveDb, store: StoreNames<ArchiveSchema>, range: IDBKeyRange | null, count: number): Promise<StoreChunk<unknown>> {
  const tx = db.transaction(store, 'readonly');
  const raw = unwrap(tx.store) as WithRecords;
  if (typeof raw.getAllRecords === 'function') {
    const [records] = await Promise.all([wrap(raw.getAllRecords({ query: range, count })), tx.done]);
    return { keys: records.map((record) => record.primaryKey), values: records.map((record) => record.value) };
  }
  const [keys, values] = await Promise.all([tx.store.getAllKeys(range, count), tx.store.getAll(range, count), tx.done]);
  return { keys, values };
}

/**
 * Every record of `store` within `range` (all of them by default), `count`
 * at a time. The values are as stored: a damaged record comes as it is, for
 * the caller to judge.
 */
export async function* storeChunks(
  db: ArchiveDb,
  store: StoreNames<ArchiveSchema>,
  { count = 500, range = null }: { count?: number; range?: { lower?: IDBValidKey; upper?: IDBValidKey } | null } = {},
): AsyncGenerator<StoreChunk<unknown>> {
  const between = (after: IDBValidKey | null): IDBKeyRange | null => {
    const lower = after ?? range?.lower;
    const upper = range?.upper;
    if (lower === undefined) return upper === undefined ? null : IDBKeyRange.upperBound(upper);
    const open = after !== null;
    return upper === undefined ? IDBKeyRange.lowerBound(lower, open) : IDBKeyRange.bound(lower, upper, open, false);
  };
  let next = readChunk(db, store, between(null), count);
  try {
    for (;;) {
      const chunk = await next;
      const full = chunk.keys.length === count;
      // Asked for before this chunk is handed over: read while the caller works.
      if (full) next = readChunk(db, store, between(chunk.keys.at(-1)!), count);
      if (chunk.keys.length) yield chunk;
      if (!full) return;
    }
  } finally {
    // A caller that stopped early leaves the read ahead unwanted, not unhandled.
    next.catch(() => {});
  }
}

/**
 * Every key of `store`, `count` at a time, each in its own read-only
 * transaction. Reading the keys walks the records themselves: one read of
 * the keys of 50,000 bodies (1.5 GB) held the database for over a second,
 * and a save with it; a chunk holds it for a few milliseconds.
 */
export async function storeKeys(db: ArchiveDb, store: StoreNames<ArchiveSchema>, count = 2000): Promise<IDBValidKey[]> {
  const keys: IDBValidKey[] = [];
  for (let after: IDBValidKey | null = null; ; ) {
    const range: IDBKeyRange | null = after === null ? null : IDBKeyRange.lowerBound(after, true);
    const tx = db.transaction(store, 'readonly');
    const [chunk]: [IDBValidKey[], void] = await Promise.all([tx.store.getAllKeys(range, count), tx.done]);
    for (const key of chunk) keys.push(key);
    if (chunk.length < count) return keys;
    after = chunk[chunk.length - 1]!;
  }
}

