/**
 * The archive's search index: an inverted index of tokens (lib/search/tokenize)
 * kept in IndexedDB, so a query reads a few posting lists instead of every body.
 *
 * Postings are stored in blocks of BLOCK_SIZE doc numbers per token, so adding
 * an article rewrites small records only. An article re-saved, annotated or
 * deleted gets its old doc number marked dead instead of rewriting every list
 * it was in; queries drop dead numbers.
 */
import type { IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import { tokenMasks } from '../search/search-fields';
import type { QueryTerm } from '../search/tokenize';
import type { ArchiveDb, ArchiveSchema, Posting } from './db';

export const BLOCK_SIZE = 1024;

type MetaStore = IDBPObjectStore<ArchiveSchema, StoreNames<ArchiveSchema>[], 'meta', 'readwrite'>;

export async function markDead(meta: MetaStore, docNos: number[]): Promise<void> {
  const dead = ((await meta.get('dead')) as number[] | undefined) ?? [];
  await meta.put([...dead, ...docNos], 'dead');
}

async function takeDocNo(meta: MetaStore): Promise<number> {
  const next = ((await meta.get('nextDocNo')) as number | undefined) ?? 1;
  await meta.put(next + 1, 'nextDocNo');
  return next;
}

/**
 * Indexes up to `limit` articles waiting to be indexed. Each article is one
 * transaction: an interrupted pass leaves the rest waiting, never half an index.
 * Returns how many were indexed.
 */
export async function indexPending(db: ArchiveDb, limit = 50): Promise<number> {
  const ids = await db.getAllKeysFromIndex('articles', 'by-pending', 1, limit);
  for (const id of ids) await indexOne(db, id);
  return ids.length;
}

async function indexOne(db: ArchiveDb, id: string): Promise<void> {
  const tx = db.transaction(['articles', 'bodies', 'postings', 'meta'], 'readwrite');
  const listing = await tx.objectStore('articles').get(id);
  const body = await tx.objectStore('bodies').get(id);
  if (!listing || listing.pending !== 1 || !body) {
    await tx.done;
    return;
  }
  const meta = tx.objectStore('meta');
  const docNo = await takeDocNo(meta);
  const masks = tokenMasks({ ...listing, bodyText: body.bodyText });
  await Promise.all([
    addPostings(tx, docNo, masks),
    listing.docNo !== undefined ? markDead(meta, [listing.docNo]) : null,
  ]);
  const indexed = { ...listing, docNo };
  delete indexed.pending;
  await tx.objectStore('articles').put(indexed);
  await tx.done;
}

async function addPostings(
  tx: IDBPTransaction<ArchiveSchema, ('articles' | 'bodies' | 'postings' | 'meta')[], 'readwrite'>,
  docNo: number,
  masks: Map<string, number>,
): Promise<void> {
  const postings = tx.objectStore('postings');
  const block = Math.floor(docNo / BLOCK_SIZE);
  await Promise.all(
    [...masks].map(async ([token, mask]) => {
      const posting: Posting = (await postings.get([token, block])) ?? { token, block, docs: [], masks: [] };
      // Doc numbers only grow, so this is almost always an append.
      let at = posting.docs.length;
      while (at > 0 && posting.docs[at - 1]! > docNo) at -= 1;
      if (posting.docs[at - 1] === docNo) return;
      posting.docs.splice(at, 0, docNo);
      posting.masks.splice(at, 0, mask);
      await postings.put(posting);
    }),
  );
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
