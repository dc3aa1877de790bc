/** Saving, reading, paging, annotating and deleting archived articles. */
import { HEAD_FIELDS, pickFields, statusOfListing, type Annotation, type ArchivedArticle, type ArticleListing, type ArticleRecord, type ArticleStatus } from '../article-model';
import type { QuoteSnapshot } from '../quotes/quote-snapshot';
import { likelySecids, type Corrections } from '../relevance/corrections';
import { readCorrections } from './corrections-meta';
import { writeStoresOf, type ArchiveDb, type Facet, type WriteTx } from './schema';
import { applyFacetDeltas, facetDeltas, sumFacetDeltas } from './facets';
import { markDead } from './search-index';
import { forgetPrevious, keepPrevious, readPrevious, replacesText } from './previous-version';
import { noteChanged } from './sync-journal';
import type { IDBPTransaction } from 'idb';
import type { ArchiveSchema } from './schema';

export type PageCursor = [savedAt: number, id: string];

export interface ArticlePage {
  items: ArticleListing[];
  /** Pass back as `after` for the next page; null on the last page. */
  next: PageCursor | null;
  total: number;
}

export interface SaveResult {
  savedAt: number;
  updatedAt: number;
  /** False when the article was already in the archive and was updated. */
  created: boolean;
  /** The update changed its title or text: the version it replaced is kept (previous-version.ts). */
  replaced: boolean;
  /** What the archive holds of it now, read in the save's own transaction: a second read would wait behind any import under way. */
  status: ArticleStatus;
}


/**
 * Runs the writes of one transaction so that they land together or not at all:
 * a write that throws (a value that cannot be stored, a full disk) aborts the
 * transaction, undoing the writes already made in it.
 */
export async function allOrNothing(tx: { abort(): void; done: Promise<void> }, writes: Array<() => Promise<unknown>>): Promise<void> {
  const pending: Promise<unknown>[] = [];
  try {
    for (const write of writes) pending.push(write());
    await Promise.all([...pending, tx.done]);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted: nothing left to undo.
    }
    await Promise.allSettled([...pending, tx.done]);
    throw error;
  }
}

function listingOf(
  record: ArticleRecord,
  fields: { savedAt: number; updatedAt: number; tags: string[]; note: string; quotesAtSave?: QuoteSnapshot | undefined },
  corrections: Corrections,
): ArticleListing {
  // Field by field, from the model's list: whatever else the object carries
  // (an old docNo, extra properties from an import file) stays out of the archive.
  return {
    ...pickFields(record, HEAD_FIELDS),
    savedAt: fields.savedAt,
    updatedAt: fields.updatedAt,
    tags: fields.tags,
    note: fields.note,
    ...(fields.quotesAtSave && { quotesAtSave: fields.quotesAtSave }),
    secids: record.mentions.map((mention) => mention.secid),
    likelySecids: likelySecids(record.mentions, record.id, corrections),
    kinds: [...new Set(record.mentions.map((mention) => mention.kind))],
    pending: 1,
  };
}

/** The listing of an article as the archive holds it: its own times, tags, note and save-time quotes kept. */
function listingOfArchived(article: ArchivedArticle, corrections: Corrections): ArticleListing {
  const { savedAt, updatedAt, tags, note, quotesAtSave } = article;
  return listingOf(article, { savedAt, updatedAt, tags, note, quotesAtSave }, corrections);
}

/**
 * Replaces (or creates) one article inside `tx`: listing, body, facet counts,
 * and its old search postings marked dead. The article then waits to be indexed.
 */
export async function writeArticle(tx: WriteTx, before: ArticleListing | undefined, after: ArticleListing, body: ArticleRecord | null) {
  await together([
    () => tx.objectStore('articles').put(after),
    () => noteChanged(tx, after.id),
    () => (body ? tx.objectStore('bodies').put({ id: after.id, bodyText: body.bodyText, bodyHtml: body.bodyHtml }) : null),
    () => applyFacetDeltas(tx.objectStore('facets'), facetDeltas(before, after)),
    () => (before?.docNo !== undefined ? markDead(tx.objectStore('meta'), [before.docNo]) : null),
  ]);
}

/**
 * Starts every request, then waits for all. A request that throws as it is
 * made (a value that cannot be cloned) becomes a rejection like any other, so
 * no request of the transaction is left without a handler when it aborts.
 */
function together(requests: Array<() => unknown>): Promise<unknown[]> {
  return Promise.all(requests.map((request) => (async () => request())()));
}

/**
 * Puts a record in the archive; the same id updates the one entry, keeping
 * when it was first saved, its tags and note. `quotesAtSave` is the market at
 * this save; without one, the last save's snapshot stays.
 */
export async function saveArticle(
  db: ArchiveDb,
  record: ArticleRecord,
  now = Date.now(),
  quotesAtSave?: QuoteSnapshot,
): Promise<SaveResult> {
  const tx = db.transaction(writeStoresOf(db), 'readwrite');
  let result: SaveResult | undefined;
  await allOrNothing(tx, [
    async () => {
      const existing = await tx.objectStore('articles').get(record.id);
      const corrections = await readCorrections(tx.objectStore('meta'));
      const body = existing && (await tx.objectStore('bodies').get(record.id));
      const replaced = existing !== undefined && body !== undefined && replacesText(existing, body, record);
      if (replaced) await keepPrevious(tx, existing, body, now);
      const savedAt = existing?.savedAt ?? now;
      const listing = listingOf(record, {
        savedAt,
        updatedAt: now,
        tags: existing?.tags ?? [],
        note: existing?.note ?? '',
        quotesAtSave: quotesAtSave ?? existing?.quotesAtSave,
      }, corrections);
      await writeArticle(tx, existing, listing, record);
      result = { savedAt, updatedAt: now, created: !existing, replaced, status: statusOfListing(listing) };
    },
  ]);
  return result!;
}

/**
 * Puts many already-checked records in one transaction (import, generated
 * archives): all of them land, or none. Existing entries keep their first
 * saved time; tags and notes merge; a title or text that changes keeps the
 * version it replaces, as a save does.
 *
 * Every article is read, merged in memory and written as writeArchivedAllInTx
 * writes sync's batches, each request made before any is waited for: one
 * article after another waited a handful of round trips each, and a save sent
 * meanwhile waited for all of them (bench/README.md, "Import and the
 * integrity check").
 */
export async function putArticles(
  db: ArchiveDb,
  records: Array<ArticleRecord & Partial<Pick<ArchivedArticle, 'savedAt' | 'updatedAt' | 'tags' | 'note' | 'quotesAtSave'>>>,
  now = Date.now(),
): Promise<{ created: number; updated: number }> {
  const tx = db.transaction(writeStoresOf(db), 'readwrite');
  let created = 0;
  let updated = 0;
  await allOrNothing(tx, [
    async () => {
      const ids = [...new Set(records.map((record) => record.id))];
      const [stored, bodies] = await Promise.all([
        Promise.all(ids.map((id) => tx.objectStore('articles').get(id))),
        Promise.all(ids.map((id) => tx.objectStore('bodies').get(id))),
      ]);
      const existingOf = new Map(ids.map((id, i) => [id, stored[i]]));
      // A record repeated in the batch merges into the first like any existing entry.
      const merged = new Map<string, ArchivedArticle>();
      for (const record of records) {
        const existing = merged.get(record.id) ?? existingOf.get(record.id);
        const { savedAt, updatedAt, tags, note, quotesAtSave, ...plain } = record;
        const keptAt = Math.min(existing?.savedAt ?? Infinity, savedAt ?? now);
        // The snapshot belongs to the save whose time is kept: the earlier one.
        const snapshot = (savedAt ?? now) <= (existing?.savedAt ?? Infinity)
          ? (quotesAtSave ?? existing?.quotesAtSave)
          : (existing?.quotesAtSave ?? quotesAtSave);
        merged.set(record.id, {
          // listingOf picks the model's fields: whatever else the record carries stays out.
          ...plain,
          savedAt: keptAt,
          updatedAt: Math.max(existing?.updatedAt ?? 0, updatedAt ?? now),
          tags: [...new Set([...(existing?.tags ?? []), ...(tags ?? [])])],
          note: mergeNotes(existing?.note ?? '', note ?? ''),
          ...(snapshot && { quotesAtSave: snapshot }),
        });
      }
      const writes: ArchivedWrite[] = ids.map((id, i) => ({ id, article: merged.get(id)!, existing: stored[i], body: bodies[i] }));
      for (const write of writes) {
        if (write.existing) updated += 1;
        else created += 1;
      }
      await Promise.all([
        writeArchivedAllInTx(tx as unknown as IDBPTransaction<ArchiveSchema, any, 'readwrite'>, writes),
        ...ids.map((id) => noteChanged(tx, id)),
      ]);
    },
  ]);
  return { created, updated };
}

function mergeNotes(a: string, b: string): string {
  if (!a || a === b) return b || a;
  if (!b || a.includes(b)) return a;
  return b.includes(a) ? b : `${a}\n\n${b}`;
}

/** Changes an article's tags and note. */
export async function annotateArticle(
  db: ArchiveDb,
  id: string,
  annotation: Annotation,
  now = Date.now(),
): Promise<ArticleListing> {
  return (await annotateArticleOver(db, id, annotation, null, now)).listing;
}

const sameAnnotation = (a: Annotation, b: Annotation) => a.note === b.note && a.tags.join('\u0000') === b.tags.join('\u0000');

/**
 * Sets an article's tags and note, as an editor that opened on `was` (null:
 * not known) asks. When another hand changed them after the editor opened,
 * this write still wins (the last writer's), and what it replaced comes back
 * as `replaced`, for the reader to see and take back.
 */
export async function annotateArticleOver(
  db: ArchiveDb,
  id: string,
  { tags, note }: Annotation,
  was: Annotation | null,
  now = Date.now(),
): Promise<{ listing: ArticleListing; replaced: Annotation | null }> {
  const tx = db.transaction(writeStoresOf(db), 'readwrite');
  let annotated: ArticleListing | undefined;
  let replaced: Annotation | null = null;
  await allOrNothing(tx, [
    async () => {
      const existing = await tx.objectStore('articles').get(id);
      if (!existing) throw new Error('this article is not in the archive');
      const before = { tags: existing.tags ?? [], note: existing.note ?? '' };
      if (was && !sameAnnotation(before, was) && !sameAnnotation(before, { tags, note })) replaced = before;
      annotated = { ...existing, tags, note, updatedAt: now, pending: 1 };
      delete annotated.docNo;
      await writeArticle(tx, existing, annotated, null);
    },
  ]);
  return { listing: annotated!, replaced };
}

export async function getListing(db: ArchiveDb, id: string): Promise<ArticleListing | undefined> {
  return db.get('articles', id);
}

export async function getArticle(db: ArchiveDb, id: string): Promise<(ArticleListing & ArticleRecord) | undefined> {
  const tx = db.transaction(['articles', 'bodies'], 'readonly');
  const [listing, body] = await Promise.all([tx.objectStore('articles').get(id), tx.objectStore('bodies').get(id)]);
  await tx.done;
  if (!listing || !body) return undefined;
  return { ...listing, bodyText: body.bodyText, bodyHtml: body.bodyHtml };
}

/** One page, newest saved first, read through the by-saved index: the cost does not grow with the archive. */
export async function listArticles(
  db: ArchiveDb,
  { limit, after = null }: { limit: number; after?: PageCursor | null },
): Promise<ArticlePage> {
  const tx = db.transaction('articles', 'readonly');
  const index = tx.store.index('by-saved');
  const range = after ? IDBKeyRange.upperBound(after, true) : null;
  const items: ArticleListing[] = [];
  let hasMore = false;
  let cursor = await index.openCursor(range, 'prev');
  while (cursor) {
    if (items.length === limit) {
      hasMore = true;
      break;
    }
    items.push(cursor.value);
    cursor = await cursor.continue();
  }
  const total = await tx.store.count();
  await tx.done;
  const last = items[items.length - 1];
  return { items, next: hasMore && last ? [last.savedAt, last.id] : null, total };
}

export async function deleteArticle(db: ArchiveDb, id: string): Promise<boolean> {
  const tx = db.transaction(writeStoresOf(db), 'readwrite');
  let existed = false;
  await allOrNothing(tx, [
    async () => {
      const existing = await tx.objectStore('articles').get(id);
      existed = existing !== undefined;
      await together([
        () => tx.objectStore('articles').delete(id),
        () => tx.objectStore('bodies').delete(id),
        () => applyFacetDeltas(tx.objectStore('facets'), facetDeltas(existing, undefined)),
        () => (existing?.docNo !== undefined ? markDead(tx.objectStore('meta'), [existing.docNo]) : null),
        () => forgetPrevious(tx, id),
        () => (existed ? noteChanged(tx, id) : null),
      ]);
    },
  ]);
  return existed;
}

/** One article for writeArchivedAllInTx: what to put (null: take it out), and what the transaction has read of it. */
export interface ArchivedWrite {
  id: string;
  article: ArchivedArticle | null;
  existing: ArticleListing | undefined;
  body: { bodyText: string; bodyHtml: string } | undefined;
}

/**
 * For a part that writes the archive inside a transaction of its own (sync,
 * which keeps its records in the same transaction): puts each article exactly
 * as given, or deletes it when it is null. `tx` spans at least articles,
 * bodies, facets and meta; `existing` and `body` must be what `tx` holds (one
 * entry per id). As with a save, a title or text that changes keeps the
 * version it replaces, here on this device.
 *
 * Every request is made before any is waited for, and the facet counts and
 * dead doc numbers the articles share are summed and written once: sync
 * writes batches of some hundreds of articles, and one article at a time
 * waited a handful of round trips each (bench/README.md, Sync).
 */
export async function writeArchivedAllInTx(tx: IDBPTransaction<ArchiveSchema, any, 'readwrite'>, writes: ArchivedWrite[]): Promise<void> {
  if (!writes.length) return;
  const writeTx = tx as unknown as WriteTx;
  const corrections = writes.some((write) => write.article) ? await readCorrections(writeTx.objectStore('meta')) : {};
  const facets: Facet[] = [];
  const dead: number[] = [];
  const requests: Array<() => unknown> = [];
  for (const { id, article, existing, body } of writes) {
    if (existing?.docNo !== undefined) dead.push(existing.docNo);
    if (!article) {
      if (!existing) continue;
      facets.push(...facetDeltas(existing, undefined));
      requests.push(
        () => writeTx.objectStore('articles').delete(id),
        () => writeTx.objectStore('bodies').delete(id),
        () => forgetPrevious(writeTx, id),
      );
      continue;
    }
    if (existing && body && replacesText(existing, body, article)) requests.push(() => keepPrevious(writeTx, existing, body, article.updatedAt));
    const listing = listingOfArchived(article, corrections);
    facets.push(...facetDeltas(existing, listing));
    requests.push(
      () => writeTx.objectStore('articles').put(listing),
      () => writeTx.objectStore('bodies').put({ id, bodyText: article.bodyText, bodyHtml: article.bodyHtml }),
    );
  }
  requests.push(() => applyFacetDeltas(writeTx.objectStore('facets'), sumFacetDeltas(facets)));
  if (dead.length) requests.push(() => markDead(writeTx.objectStore('meta'), dead));
  await together(requests);
}

/** Puts back an article exactly as it was read from the archive (undo of a delete). */
export async function restoreArticle(db: ArchiveDb, article: ArchivedArticle): Promise<void> {
  const tx = db.transaction(writeStoresOf(db), 'readwrite');
  await allOrNothing(tx, [
    async () => {
      const existing = await tx.objectStore('articles').get(article.id);
      const corrections = await readCorrections(tx.objectStore('meta'));
      const listing = listingOfArchived(article, corrections);
      await writeArticle(tx, existing, listing, article);
    },
  ]);
}

/**
 * Puts back the version a save replaced (its title, summary and text); the
 * version it replaces is kept in its place, so putting back is itself undone
 * the same way. False when there is none.
 */
export async function restorePrevious(db: ArchiveDb, id: string, now = Date.now()): Promise<boolean> {
  const tx = db.transaction(writeStoresOf(db), 'readwrite');
  let restored = false;
  await allOrNothing(tx, [
    async () => {
      const [existing, body, previous] = await Promise.all([tx.objectStore('articles').get(id), tx.objectStore('bodies').get(id), readPrevious(tx, id)]);
      if (!existing || !body || !previous) return;
      await keepPrevious(tx, existing, body, now);
      const listing: ArticleListing = { ...existing, title: previous.title, summary: previous.summary, updatedAt: now, pending: 1 };
      await writeArticle(tx, existing, listing, { ...existing, bodyText: previous.bodyText, bodyHtml: previous.bodyHtml });
      restored = true;
    },
  ]);
  return restored;
}
