/**
 * Hooks for bench builds only (`wxt build --mode bench`, see bench/README.md).
 * main.tsx installs them behind `import.meta.env.MODE === 'bench'`, a
 * build-time constant, so production bundles drop this module.
 *
 * The bench needs the extension's own origin for two things: filling the
 * archive (through putArticles, the path an import takes, after the same
 * record check every stored record passes) and knowing when the popup's first
 * rows appeared, which it reads back as performance marks.
 */
import { deleteArticle, putArticles } from '../../lib/archive/articles';
import type { ArchiveDb } from '../../lib/archive/db';
import { checkArticleRecord } from '../../lib/article-record';

export interface BenchHooks {
  /**
   * Checks and stores generated records in one putArticles transaction (`ms`),
   * then, unless `park` is false, takes them off the search indexer's queue
   * (`parkMs`); see parkArticles.
   */
  fill(records: unknown[], options?: { park?: boolean }): Promise<{ created: number; updated: number; ms: number; parkMs: number }>;
  /** Empties every store of the archive. */
  clear(): Promise<void>;
  count(): Promise<number>;
  remove(id: string): Promise<boolean>;
  /** Articles saved but not yet indexed for search by the background. */
  pending(): Promise<number>;
}

export function installBenchHooks(archive: () => Promise<ArchiveDb>): void {
  markFirstContent();
  const hooks: BenchHooks = {
    async fill(records, { park = true } = {}) {
      const checked = records.map((raw) => {
        const result = checkArticleRecord(raw);
        if (!result.ok) throw new Error(`generated record rejected: ${result.error}`);
        return { ...result.value, savedAt: (raw as { savedAt?: number }).savedAt };
      });
      const db = await archive();
      const start = performance.now();
      const counts = await putArticles(db, checked);
      const stored = performance.now();
      if (park) await parkArticles(db, checked.map((record) => record.id));
      return { ...counts, ms: stored - start, parkMs: performance.now() - stored };
    },
    async clear() {
      const db = await archive();
      const names = [...db.objectStoreNames];
      const tx = db.transaction(names, 'readwrite');
      await Promise.all([...names.map((name) => tx.objectStore(name).clear()), tx.done]);
    },
    async count() {
      return (await archive()).count('articles');
    },
    async remove(id) {
      return deleteArticle(await archive(), id);
    },
    async pending() {
      return (await archive()).countFromIndex('articles', 'by-pending', 1);
    },
  };
  (globalThis as { emLensBench?: BenchHooks }).emLensBench = hooks;
}

/**
 * Drops the "waiting to be indexed" flag of these articles. The background
 * indexes a few articles a second, so a generated archive of tens of
 * thousands would keep it busy through every measurement after the first
 * save (and for hours); parked, the archive is at rest, as a user's is once
 * indexing is done, though without search postings for the generated articles.
 */
async function parkArticles(db: ArchiveDb, ids: string[]): Promise<void> {
  const tx = db.transaction('articles', 'readwrite');
  await Promise.all([
    ...ids.map(async (id) => {
      const listing = await tx.store.get(id);
      if (listing?.pending === undefined) return;
      delete listing.pending;
      await tx.store.put(listing);
    }),
    tx.done,
  ]);
}

/** Marks when the first rows (or the empty-archive note) enter the DOM, and the frame after, which painted them. */
function markFirstContent(): void {
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[data-article-id], [data-role="empty-archive"]')) return;
    observer.disconnect();
    performance.mark('em-lens:popup-rows');
    requestAnimationFrame(() => setTimeout(() => performance.mark('em-lens:popup-painted')));
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}
