/**
 * The archive's search index: an inverted index of tokens (lib/search/tokenize)
 * kept in IndexedDB, so a query reads a few posting lists instead of every body.
 *
 * Postings live in two stores. `postings` holds one record per token and block
 * of BLOCK_SIZE doc numbers. The block still filling is kept in `segments`
 * instead: one record per shard of tokens (a token's shard follows from its
 * first character) and batch. IndexedDB charges mostly per record written and
 * little per byte, and a batch of articles has tens of thousands of distinct
 * tokens but only SHARDS shards, so a batch writes a few hundred records
 * instead of one per token. Once every doc number of a block is taken, its
 * segments are folded into the token records, a few shards at a time, so each
 * token record is written once per block. Queries read both stores; a doc
 * number found in both counts once.
 *
 * An article re-saved, annotated or deleted gets its old doc number marked
 * dead instead of rewriting every list it was in; queries drop dead numbers.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import { tokenMasks } from '../search/search-fields';
import { fingerprintOf, storePrints, type Fingerprint } from './index-fingerprint';
import type { QueryTerm } from '../search/tokenize';
import { joinMasks, joinNumbers, pushRange, toStoredMasks, toStoredNumbers } from './posting-arrays';
import type { ArchiveDb, ArchiveSchema, Posting, Segment } from './schema';
import type { ArticleListing } from '../article-model';

/** Doc numbers per token record (1024 in records written before segments existed). */
export const BLOCK_SIZE = 8192;

/** Segments per batch, at most; a token's shard is its first character's code modulo this. */
const SHARDS = 256;

/**
 * How much one indexing transaction takes on: at most this many articles, and
 * no more body text than this (characters; one article is always taken). A
 * save arriving meanwhile waits for the transaction, so it must stay short.
 */
const BATCH_ARTICLES = 100;
export const BATCH_CHARS = 400_000;

/**
 * A batch of fewer than SMALL_BATCH articles is added to the newest segments
 * while they hold fewer than SEGMENT_ARTICLES, so that saves indexed one at a
 * time do not leave a query thousands of small segments to read; a larger
 * batch writes segments of its own without reading any.
 */
const SMALL_BATCH = 32;
const SEGMENT_ARTICLES = 256;

/** A fold transaction takes whole shards until it has this many tokens to write. */
const FOLD_TOKENS = 200;

type MetaStore = IDBPObjectStore<ArchiveSchema, StoreNames<ArchiveSchema>[], 'meta', 'readwrite'>;

/** Meta: the newest segments (their first doc number and how many articles they hold). */
interface OpenSegments {
  start: number;
  articles: number;
}

function shardOf(token: string): number {
  return token.charCodeAt(0) % SHARDS;
}

export async function markDead(meta: MetaStore, docNos: number[]): Promise<void> {
  const dead = ((await meta.get('dead')) as number[] | undefined) ?? [];
  await meta.put(dead.concat(docNos), 'dead');
}

/** Doc numbers, ascending, with their field masks. */
interface DocList {
  docs: number[];
  masks: number[];
}

/**
 * Indexes up to `limit` articles waiting to be indexed (fewer when their
 * bodies exceed `maxChars` or their doc numbers would cross into the next
 * block), writing them all in one transaction: an interrupted pass leaves
 * whole articles indexed and the rest waiting, never half an index. First
 * folds any block whose doc numbers are all taken. Returns how many articles
 * it took off the queue; 0 when none was waiting.
 */
/** How many saved articles still wait to be indexed for search. */
export function countPending(db: ArchiveDb): Promise<number> {
  return db.countFromIndex('articles', 'by-pending', 1);
}

export async function indexPending(db: ArchiveDb, limit = BATCH_ARTICLES, maxChars = BATCH_CHARS): Promise<number> {
  await foldCompleteBlocks(db);
  // (IndexedDB reads a count of 0 as no limit at all.)
  return limit >= 1 ? indexBatch(db, limit, maxChars) : 0;
}

async function indexBatch(db: ArchiveDb, limit: number, maxChars: number): Promise<number> {
  // Read and tokenize before the write transaction opens: a save arriving
  // meanwhile then waits for the writes only.
  const read = db.transaction(['articles', 'bodies'], 'readonly');
  const waiting = await read.objectStore('articles').index('by-pending').getAll(1, limit);
  const bodies = await Promise.all(waiting.map((listing) => read.objectStore('bodies').get(listing.id)));
  await read.done;
  if (!waiting.length) return 0;

  // Whole articles up to the size budget; the rest wait for the next batch. A
  // listing without its body (no write leaves one) is indexed by its other
  // fields rather than left waiting for ever.
  const batch: Array<{ listing: ArticleListing; bodyText: string; masks: Map<string, number> }> = [];
  let chars = 0;
  for (const [i, listing] of waiting.entries()) {
    const bodyText = bodies[i]?.bodyText ?? '';
    chars += bodyText.length;
    if (batch.length > 0 && chars > maxChars) break;
    batch.push({ listing, bodyText, masks: tokenMasks({ ...listing, bodyText }) });
  }

  const tx = db.transaction(['articles', 'bodies', 'segments', 'meta'], 'readwrite');
  const articles = tx.objectStore('articles');
  const meta = tx.objectStore('meta');
  const segments = tx.objectStore('segments');
  const [listingsNow, bodiesNow, next, sealed, open] = await Promise.all([
    Promise.all(batch.map(({ listing }) => articles.get(listing.id))),
    Promise.all(batch.map(({ listing }) => tx.objectStore('bodies').get(listing.id))),
    meta.get('nextDocNo') as Promise<number | undefined>,
    meta.get('sealed') as Promise<number | undefined>,
    meta.get('openSegments') as Promise<OpenSegments | undefined>,
  ]);
  const firstDocNo = next ?? 1;
  const block = Math.floor(firstDocNo / BLOCK_SIZE);
  // Only articles as they were read: one saved, annotated or indexed since
  // waits for the next batch. And no doc number past the block's end.
  const unchanged = batch.filter(
    ({ listing, bodyText }, i) =>
      JSON.stringify(listingsNow[i]) === JSON.stringify(listing) && (bodiesNow[i]?.bodyText ?? '') === bodyText,
  );
  const taken = unchanged.slice(0, (block + 1) * BLOCK_SIZE - firstDocNo);
  if (!taken.length) {
    await tx.done;
    // Everything read was changed meanwhile: read again.
    return indexBatch(db, limit, maxChars);
  }

  // Consecutive doc numbers, and the batch's postings gathered per shard and token.
  const added = new Map<number, Map<string, DocList>>();
  const dead: number[] = [];
  const indexed: ArticleListing[] = [];
  const prints: Array<[number, Fingerprint]> = [];
  for (const [i, { listing, masks }] of taken.entries()) {
    const docNo = firstDocNo + i;
    prints.push([docNo, fingerprintOf(masks)]);
    for (const [token, mask] of masks) {
      const shard = shardOf(token);
      let tokens = added.get(shard);
      if (!tokens) added.set(shard, (tokens = new Map()));
      const list = tokens.get(token);
      if (list) {
        list.docs.push(docNo);
        list.masks.push(mask);
      } else tokens.set(token, { docs: [docNo], masks: [mask] });
    }
    if (listing.docNo !== undefined) dead.push(listing.docNo);
    const done = { ...listing, docNo };
    delete done.pending;
    indexed.push(done);
  }

  const joins =
    taken.length < SMALL_BATCH &&
    open !== undefined &&
    Math.floor(open.start / BLOCK_SIZE) === block &&
    open.articles < SEGMENT_ARTICLES;
  const start = joins ? open.start : firstDocNo;
  const writes: Array<Promise<unknown>> = [
    meta.put(firstDocNo + taken.length, 'nextDocNo'),
    meta.put({ start, articles: (joins ? open.articles : 0) + taken.length } satisfies OpenSegments, 'openSegments'),
    ...indexed.map((listing) => articles.put(listing)),
  ];
  // Blocks below this one are in the token records (for an archive indexed
  // before segments existed, the block in progress is partly there too).
  if (sealed === undefined) writes.push(meta.put(block, 'sealed'));
  if (dead.length) writes.push(markDead(meta, dead));
  // What the integrity check compares the index with, so it need not tokenize every article again.
  writes.push(storePrints(meta, prints));
  for (const [shard, tokens] of added) {
    writes.push(
      joins
        ? segments.get([shard, start]).then((stored) => segments.put(segmentOf(shard, start, stored ? withSegment(new Map(), stored) : new Map(), tokens)))
        : segments.put(segmentOf(shard, start, new Map(), tokens)),
    );
  }
  await Promise.all([...writes, tx.done]);
  return taken.length;
}

/** Adds a segment's lists to `lists`, after the doc numbers already there. */
function withSegment(lists: Map<string, DocList>, segment: Segment): Map<string, DocList> {
  let from = 0;
  segment.tokens.forEach((token, i) => {
    const to = segment.ends[i]!;
    let list = lists.get(token);
    if (!list) lists.set(token, (list = { docs: [], masks: [] }));
    pushRange(list.docs, segment.docs, from, to);
    pushRange(list.masks, segment.masks, from, to);
    from = to;
  });
  return lists;
}

/** One segment record of `before`'s lists followed by `after`'s (higher doc numbers). */
function segmentOf(shard: number, start: number, before: Map<string, DocList>, after: Map<string, DocList>): Segment {
  const tokens: string[] = [];
  const ends: number[] = [];
  const docs: number[] = [];
  const masks: number[] = [];
  const add = (list: DocList) => {
    pushRange(docs, list.docs);
    pushRange(masks, list.masks);
  };
  for (const [token, list] of before) {
    tokens.push(token);
    add(list);
    const more = after.get(token);
    if (more) add(more);
    ends.push(docs.length);
  }
  for (const [token, list] of after) {
    if (before.has(token)) continue;
    tokens.push(token);
    add(list);
    ends.push(docs.length);
  }
  return { shard, start, tokens, ends: toStoredNumbers(ends), docs: toStoredNumbers(docs), masks: toStoredMasks(masks) };
}

/** Folds the segments of every block whose doc numbers are all taken into the token records. */
async function foldCompleteBlocks(db: ArchiveDb): Promise<void> {
  for (;;) {
    const tx = db.transaction('meta', 'readonly');
    const [next, sealed] = (await Promise.all([tx.store.get('nextDocNo'), tx.store.get('sealed')])) as Array<number | undefined>;
    if (next === undefined || sealed === undefined || next < (sealed + 1) * BLOCK_SIZE) return;
    await foldBlock(db, sealed);
  }
}

/**
 * Folds one block's segments into the token records, in transactions of a
 * few shards each: a shard's segments are deleted in the transaction that
 * wrote its tokens' records, so an interrupted fold loses nothing, and
 * queries meanwhile find every doc number in one store or the other.
 */
async function foldBlock(db: ArchiveDb, block: number): Promise<void> {
  let shard = 0;
  while (shard < SHARDS) {
    const tx = db.transaction(['segments', 'postings'], 'readwrite');
    const segments = tx.objectStore('segments');
    const postings = tx.objectStore('postings');
    const lists = new Map<string, DocList>();
    const ranges: IDBKeyRange[] = [];
    while (shard < SHARDS && lists.size < FOLD_TOKENS) {
      const range = IDBKeyRange.bound([shard, block * BLOCK_SIZE], [shard, (block + 1) * BLOCK_SIZE - 1]);
      for (const segment of await segments.getAll(range)) withSegment(lists, segment);
      ranges.push(range);
      shard += 1;
    }
    await Promise.all([
      ...[...lists].map(([token, list]) =>
        postings.get([token, block]).then((stored) => postings.put(mergePostings(token, block, stored, list))),
      ),
      ...ranges.map((range) => segments.delete(range)),
      tx.done,
    ]);
  }
  const tx = db.transaction('meta', 'readwrite');
  const sealed = (await tx.store.get('sealed')) as number | undefined;
  await Promise.all([tx.store.put(Math.max(sealed ?? 0, block + 1), 'sealed'), tx.done]);
}

/** A stored posting record with more doc numbers added, kept ascending. */
function mergePostings(token: string, block: number, stored: Posting | undefined, fresh: DocList): Posting {
  if (!stored || stored.docs.length === 0) return { token, block, docs: toStoredNumbers(fresh.docs), masks: toStoredMasks(fresh.masks) };
  // Doc numbers only grow, so this is almost always an append.
  if (stored.docs[stored.docs.length - 1]! < fresh.docs[0]!) {
    return { token, block, docs: joinNumbers(stored.docs, fresh.docs), masks: joinMasks(stored.masks, fresh.masks) };
  }
  const docs: number[] = [];
  const masks: number[] = [];
  let a = 0;
  let b = 0;
  while (a < stored.docs.length || b < fresh.docs.length) {
    const fromStored = b >= fresh.docs.length || (a < stored.docs.length && stored.docs[a]! <= fresh.docs[b]!);
    if (fromStored) {
      // A doc number already present keeps its stored mask.
      if (stored.docs[a] === fresh.docs[b]) b += 1;
      docs.push(stored.docs[a]!);
      masks.push(stored.masks[a]!);
      a += 1;
    } else {
      docs.push(fresh.docs[b]!);
      masks.push(fresh.masks[b]!);
      b += 1;
    }
  }
  return { token, block, docs: toStoredNumbers(docs), masks: toStoredMasks(masks) };
}

/** Doc numbers matching every term, each with the fields all its tokens share, per term. */
export async function matchTerms(db: ArchiveDb, terms: QueryTerm[]): Promise<Map<number, number[]>> {
  const tx = db.transaction(['postings', 'segments', 'meta'], 'readonly');
  const postings = tx.objectStore('postings');
  const segments = tx.objectStore('segments');
  // Every read at once: IndexedDB answers them in one pass.
  const shards = new Map<number, Promise<Segment[]>>();
  const segmentsOf = (shard: number) => {
    let read = shards.get(shard);
    if (!read) shards.set(shard, (read = segments.getAll(IDBKeyRange.bound([shard, -Infinity], [shard, Infinity]))));
    return read;
  };
  const reads = terms.map((term) =>
    term.tokens.map((token) => {
      const range = term.prefix
        ? IDBKeyRange.bound([token, -Infinity], [`${token}\uffff`, Infinity])
        : IDBKeyRange.bound([token, -Infinity], [token, Infinity]);
      return Promise.all([postings.getAll(range), segmentsOf(shardOf(token))]);
    }),
  );
  const [deadList] = await Promise.all([tx.objectStore('meta').get('dead') as Promise<number[] | undefined>, tx.done]);
  const dead = new Set(deadList);

  let matched: Map<number, number[]> | null = null;
  for (const [termIndex, term] of terms.entries()) {
    let termDocs: Map<number, number> | null = null;
    for (const [tokenIndex, token] of term.tokens.entries()) {
      const [records, shardSegments] = await reads[termIndex]![tokenIndex]!;
      const tokenDocs = new Map<number, number>();
      const add = (docs: ArrayLike<number>, masks: ArrayLike<number>, from: number, to: number) => {
        for (let i = from; i < to; i += 1) {
          const doc = docs[i]!;
          tokenDocs.set(doc, (tokenDocs.get(doc) ?? 0) | masks[i]!);
        }
      };
      for (const posting of records) add(posting.docs, posting.masks, 0, posting.docs.length);
      for (const segment of shardSegments) {
        segment.tokens.forEach((candidate, i) => {
          if (term.prefix ? candidate.startsWith(token) : candidate === token) {
            add(segment.docs, segment.masks, i === 0 ? 0 : segment.ends[i - 1]!, segment.ends[i]!);
          }
        });
      }
      termDocs = termDocs === null ? tokenDocs : intersectMasks(termDocs, tokenDocs);
      if (termDocs.size === 0) break;
    }
    const next = new Map<number, number[]>();
    for (const [doc, mask] of termDocs ?? []) {
      if (dead.has(doc)) continue;
      if (termIndex === 0) next.set(doc, [mask]);
      else {
        const previous = matched!.get(doc);
        if (previous) {
          previous.push(mask);
          next.set(doc, previous);
        }
      }
    }
    matched = next;
    if (matched.size === 0) break;
  }
  return matched ?? new Map();
}

function intersectMasks(a: Map<number, number>, b: Map<number, number>): Map<number, number> {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const both = new Map<number, number>();
  for (const [doc, mask] of small) {
    const other = large.get(doc);
    if (other !== undefined) both.set(doc, mask & other);
  }
  return both;
}
