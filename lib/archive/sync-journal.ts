/**
 * Which articles the reader changed since sync last took them in: every
 * write of an article (save, annotation, delete, restore, import) notes its
 * id in the same transaction, and sync takes the note away in the
 * transaction that takes the change in. A sync with nothing new then reads
 * no article and no index: at 50,000 articles, walking the two indexes that
 * find changes without the journal took some 6 s (bench/README.md, Sync).
 *
 * Writes that bypass the journal (an integrity repair, a hand-written
 * archive) are found by the full walk sync still makes once a day
 * (lib/sync/archive-sync-store.ts).
 */
import type { WriteTx } from './schema';

export function noteChanged(tx: WriteTx, id: string): Promise<unknown> | null {
  // An archive before v7 has no journal (schema.ts, writeStoresOf).
  if (!tx.objectStoreNames.contains('syncChanged')) return null;
  return tx.objectStore('syncChanged').put(1, id);
}
