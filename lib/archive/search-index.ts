/**
 * The archive's search index: an inverted index of tokens (lib/search/tokenize)
 * kept in IndexedDB, so a query reads a few posting lists instead of every body.
 *
 * Postings are stored in blocks of BLOCK_SIZE doc numbers per token, so adding
 * articles rewrites small records only. An article re-saved, annotated or
 * deleted gets its old doc number marked dead instead of rewriting every list
 * it was in; queries drop dead numbers.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import { tokenMasks } from '../search/search-fields';
import type { QueryTerm } from '../search/tokenize';
import type { ArchiveDb, ArchiveSchema, ArticleListing, Posting } from './db';

export const BLOCK_SIZE = 1024;

/**
 * How much one indexing transaction takes on: at most this many articles, and
 * no more body text than this (characters; one article is always taken). A
 * save arriving meanwhile waits for the transaction, so it must stay short.
 */
export const BATCH_ARTICLES = 200;
export const BATCH_CHARS = 500_000;

type MetaStore = IDBPObjectStore<ArchiveSchema, StoreNames<ArchiveSchema>[], 'meta', 'readwrite'>;

export async function markDead(meta: MetaStore, docNos: number[]): Promise<void> {
  const dead = ((await meta.get('dead')) as number[] | undefined) ?? [];
  await meta.put(dead.concat(docNos), 'dead');
}

/** The doc numbers and field masks one batch adds to one posting record. */
interface NewPostings {
  docs: number[];
  masks: number[];
}

/**
 * Indexes up to `limit` articles waiting to be indexed (fewer when their
 * bodies exceed `maxChars`), all in one transaction: an interrupted pass
 * leaves whole articles indexed and the rest waiting, never half an index.
 * Returns how many articles it took off the queue; 0 when none was waiting.
 */
export async function indexPending(db: ArchiveDb, limit = BATCH_ARTICLES, maxChars = BATCH_CHARS): Promise<number> {
  const tx = db.transaction(['articles', 'bodies', 'postings', 'meta'], 'readwrite');
  const articles = tx.objectStore('articles');
  const meta = tx.objectStore('meta');
  const postings = tx.objectStore('postings');
  const waiting = await articles.index('by-pending').getAll(1, limit);
  if (!waiting.length) {
    await tx.done;
    return 0;
  }
  const [bodies, next] = await Promise.all([
    Promise.all(waiting.map((listing) => tx.objectStore('bodies').get(listing.id))),
    meta.get('nextDocNo') as Promise<number | undefined>,
  ]);

  // Whole articles up to the size budget; the rest wait for the next batch. A
  // listing without its body (no write leaves one) is indexed by its other
  // fields rather than left waiting for ever.
  const batch: Array<{ listing: ArticleListing; bodyText: string }> = [];
  let chars = 0;
  for (const [i, listing] of waiting.entries()) {
    const bodyText = bodies[i]?.bodyText ?? '';
    chars += bodyText.length;
    if (batch.length > 0 && chars > maxChars) break;
    batch.push({ listing, bodyText });
  }

  // Consecutive doc numbers, and each (token, block)'s new postings gathered
  // in memory, so every posting record is read and written once per batch.
  const firstDocNo = next ?? 1;
  const added = new Map<number, Map<string, NewPostings>>();
  const dead: number[] = [];
  const indexed: ArticleListing[] = [];
  for (const [i, { listing, bodyText }] of batch.entries()) {
    const docNo = firstDocNo + i;
    const block = Math.floor(docNo / BLOCK_SIZE);
    let tokens = added.get(block);
    if (!tokens) added.set(block, (tokens = new Map()));
    for (const [token, mask] of tokenMasks({ ...listing, bodyText })) {
      const entry = tokens.get(token);
      if (entry) {
        entry.docs.push(docNo);
        entry.masks.push(mask);
      } else tokens.set(token, { docs: [docNo], masks: [mask] });
    }
    if (listing.docNo !== undefined) dead.push(listing.docNo);
    const done = { ...listing, docNo };
    delete done.pending;
    indexed.push(done);
  }

  const writes: Array<Promise<unknown>> = [
    meta.put(firstDocNo + batch.length, 'nextDocNo'),
    ...indexed.map((listing) => articles.put(listing)),
  ];
  if (dead.length) writes.push(markDead(meta, dead));
  for (const [block, tokens] of added) {
    for (const [token, fresh] of tokens) {
      writes.push(
        postings.get([token, block]).then((stored) => postings.put(mergePostings(token, block, stored, fresh))),
      );
    }
  }
  await Promise.all([...writes, tx.done]);
  return batch.length;
}

/** A stored posting record with a batch's new doc numbers added, kept ascending. */
function mergePostings(token: string, block: number, stored: Posting | undefined, fresh: NewPostings): Posting {
  if (!stored || stored.docs.length === 0) return { token, block, docs: fresh.docs, masks: fresh.masks };
  // Doc numbers only grow, so this is almost always an append.
  if (stored.docs[stored.docs.length - 1]! < fresh.docs[0]!) {
    return { token, block, docs: stored.docs.concat(fresh.docs), masks: stored.masks.concat(fresh.masks) };
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
  return { token, block, docs, masks };
}

/** Doc numbers matching every term, each with the fields all its tokens share, per term. */
export async function matchTerms(db: ArchiveDb, terms: QueryTerm[]): Promise<Map<number, number[]>> {
  const tx = db.transaction(['postings', 'meta'], 'readonly');
  const postings = tx.objectStore('postings');
  const dead = new Set(((await tx.objectStore('meta').get('dead')) as number[] | undefined) ?? []);
  let matched: Map<number, number[]> | null = null;
  for (const [termIndex, term] of terms.entries()) {
    let termDocs: Map<number, number> | null = null;
    for (const token of term.tokens) {
      const range = term.prefix
        ? IDBKeyRange.bound([token, -Infinity], [`${token}\uffff`, Infinity])
        : IDBKeyRange.bound([token, -Infinity], [token, Infinity]);
      const tokenDocs = new Map<number, number>();
      for (const posting of await postings.getAll(range)) {
        posting.docs.forEach((doc, i) => tokenDocs.set(doc, (tokenDocs.get(doc) ?? 0) | posting.masks[i]!));
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
        if (previous) next.set(doc, [...previous, mask]);
      }
    }
    matched = next;
    if (matched.size === 0) break;
  }
  await tx.done;
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
