/**
 * Rewrites the search index records written before doc numbers and masks were
 * kept as typed arrays (lib/archive/posting-arrays.ts) into that form, a
 * chunk per transaction, so that an archive indexed by an earlier version
 * reads back as fast as a new one. The values are the same before and after,
 * so a pass stopped at any point leaves nothing to repair: the next one goes
 * on from where the last committed chunk ended (kept in meta). An archive
 * with no cursor yet starts from the beginning; a new one finds its few
 * records typed already and is done at once.
 */
import { isWholePosting, isWholeSegment } from './index-fingerprint';
import { isPlain, toStoredMasks, toStoredNumbers } from './posting-arrays';
import type { ArchiveDb, Posting, Segment } from './schema';

/** Records one transaction looks at. */
const CHUNK = 200;

const CURSOR_KEY = 'compactCursor';

/** Meta: how far the rewrite has gone; `done` once both stores are typed. */
type Cursor = { store: 'postings' | 'segments'; after: IDBValidKey | null } | { store: 'done' };

const isCursor = (value: unknown): value is Cursor => {
  const cursor = value as Partial<{ store: string; after: unknown }> | null;
  return typeof cursor === 'object' && cursor !== null && (cursor.store === 'done' || cursor.store === 'postings' || cursor.store === 'segments');
};

function typedPosting(posting: Posting): Posting | null {
  if (!isPlain(posting.docs) && !isPlain(posting.masks)) return null;
  return { ...posting, docs: toStoredNumbers(posting.docs), masks: toStoredMasks(posting.masks) };
}

function typedSegment(segment: Segment): Segment | null {
  if (!isPlain(segment.docs) && !isPlain(segment.masks) && !isPlain(segment.ends)) return null;
  return { ...segment, ends: toStoredNumbers(segment.ends), docs: toStoredNumbers(segment.docs), masks: toStoredMasks(segment.masks) };
}

/**
 * Rewrites one chunk of plain records. Returns how many records it looked at;
 * 0 once every record is typed. A record that cannot be read as the index
 * writes them is left for the integrity check.
 */
export async function compactIndex(db: ArchiveDb): Promise<number> {
  const tx = db.transaction(['postings', 'segments', 'meta'], 'readwrite');
  const meta = tx.objectStore('meta');
  const stored = await meta.get(CURSOR_KEY);
  const cursor: Cursor = isCursor(stored) ? stored : { store: 'postings', after: null };
  if (cursor.store === 'done') {
    await tx.done;
    return 0;
  }
  const range = cursor.after === null || cursor.after === undefined ? null : IDBKeyRange.lowerBound(cursor.after, true);
  const writes: Array<Promise<unknown>> = [];
  const rewrite = <R extends Posting | Segment>(
    store: { getAll(range: IDBKeyRange | null, count: number): Promise<R[]>; put(record: R): Promise<unknown> },
    typed: (record: R) => R | null,
    keyOf: (record: R) => IDBValidKey,
  ) =>
    store.getAll(range, CHUNK).then((records) => {
      for (const record of records) {
        const rewritten = typed(record);
        if (rewritten) writes.push(store.put(rewritten));
      }
      return { looked: records.length, last: records.length ? keyOf(records.at(-1)!) : undefined };
    });
  const { looked, last } =
    cursor.store === 'postings'
      ? await rewrite(tx.objectStore('postings'), (r) => (isWholePosting(r) ? typedPosting(r) : null), (r) => [r.token, r.block])
      : await rewrite(tx.objectStore('segments'), (r) => (isWholeSegment(r) ? typedSegment(r) : null), (r) => [r.shard, r.start]);
  const next: Cursor =
    looked === CHUNK ? { store: cursor.store, after: last! }
    : cursor.store === 'postings' ? { store: 'segments', after: null }
    : { store: 'done' };
  writes.push(meta.put(next, CURSOR_KEY));
  await Promise.all([...writes, tx.done]);
  // Moving on to the next store looked at nothing new yet, but there is more to do.
  return next.store === 'done' ? looked : Math.max(looked, 1);
}
