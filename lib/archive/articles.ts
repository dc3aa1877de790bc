/** Saving, reading, paging and deleting archived articles. */
import type { ArticleRecord } from '../article-record';
import type { ArchiveDb, ArticleListing } from './db';

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
}

/**
 * Runs the writes of one transaction so that they land together or not at all:
 * a write that throws (a value that cannot be stored, a full disk) aborts the
 * transaction, undoing the writes already made in it.
 */
async function allOrNothing(tx: { abort(): void; done: Promise<void> }, writes: Array<() => Promise<unknown>>): Promise<void> {
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

/** Puts a record in the archive; the same id updates the one entry, keeping when it was first saved. */
export async function saveArticle(db: ArchiveDb, record: ArticleRecord, now = Date.now()): Promise<SaveResult> {
  const tx = db.transaction(['articles', 'bodies'], 'readwrite');
  const articles = tx.objectStore('articles');
  const existing = await articles.get(record.id);
  const { bodyText, bodyHtml, ...listing } = record;
  const savedAt = existing?.savedAt ?? now;
  const stored: ArticleListing = {
    ...listing,
    savedAt,
    updatedAt: now,
    secids: record.mentions.map((mention) => mention.secid),
  };
  await allOrNothing(tx, [() => articles.put(stored), () => tx.objectStore('bodies').put({ id: record.id, bodyText, bodyHtml })]);
  return { savedAt, updatedAt: now, created: !existing };
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
  const tx = db.transaction(['articles', 'bodies'], 'readwrite');
  const existed = (await tx.objectStore('articles').getKey(id)) !== undefined;
  await allOrNothing(tx, [() => tx.objectStore('articles').delete(id), () => tx.objectStore('bodies').delete(id)]);
  return existed;
}

/** Puts back an article exactly as it was read from the archive (undo of a delete). */
export async function restoreArticle(db: ArchiveDb, article: ArticleListing & ArticleRecord): Promise<void> {
  const { bodyText, bodyHtml, ...listing } = article;
  const tx = db.transaction(['articles', 'bodies'], 'readwrite');
  await allOrNothing(tx, [
    () => tx.objectStore('articles').put(listing),
    () => tx.objectStore('bodies').put({ id: article.id, bodyText, bodyHtml }),
  ]);
}
