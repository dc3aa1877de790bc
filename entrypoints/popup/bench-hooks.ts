/**
 * Hooks for bench builds only (`wxt build --mode bench`, see bench/README.md).
 * main.tsx installs them behind `import.meta.env.MODE === 'bench'`, a
 * build-time constant, so production bundles drop this module.
 *
 * The bench needs the extension's own origin for three things: filling the
 * archive (through putArticles, the path an import takes, after the same
 * record check every stored record passes) and indexing it (through
 * indexPending, the background indexer's own function); timing searches the
 * way the archive list runs them; and knowing when the popup's first rows
 * appeared, which it reads back as performance marks.
 */
import { deleteArticle, putArticles } from '../../lib/archive/articles';
import type { ArchiveDb } from '../../lib/archive/schema';
import { LIST_PAGE_SIZE, queryArchive } from '../../lib/archive/query';
import { indexPending, matchTerms } from '../../lib/archive/search-index';
import { checkArticleRecord } from '../../lib/article-record';
import { parseQuery } from '../../lib/search/tokenize';


export interface BenchHooks {
  /** Checks and stores generated records in one putArticles transaction (`ms`); they then wait to be indexed. */
  fill(records: unknown[]): Promise<{ created: number; updated: number; ms: number }>;
  /**
   * Indexes every article waiting to be indexed, one indexPending call after
   * another as the background indexer does, timing each call (`calls`) and
   * each read-write transaction from its creation to its end (`writeMs`):
   * how long a save arriving meanwhile could wait.
   */
  index(options?: { limit?: number; maxChars?: number }): Promise<{
    articles: number;
    ms: number;
    calls: Array<{ articles: number; ms: number }>;
    writeMs: number[];
  }>;
  /**
   * The first page of results for `text`, as the archive list asks for it;
   * `ms` is the whole query, `matchMs` the posting lists alone.
   */
  search(text: string): Promise<{ ms: number; matchMs: number; matched: number; shown: number; total: number | null }>;
  /** Every stored body read with a cursor and tested with includes(text): the search without an index. */
  scan(text: string): Promise<{ ms: number; matched: number }>;
  /** Empties every store of the archive. */
  clear(): Promise<void>;
  count(): Promise<number>;
  remove(id: string): Promise<boolean>;
  /** Articles saved but not yet indexed for search. */
  pending(): Promise<number>;
}

export function installBenchHooks(archive: () => Promise<ArchiveDb>): void {
  markFirstContent();
  const hooks: BenchHooks = {
    async fill(records) {
      const checked = records.map((raw) => {
        const result = checkArticleRecord(raw);
        if (!result.ok) throw new Error(`generated record rejected: ${result.error}`);
        return { ...result.value, savedAt: (raw as { savedAt?: number }).savedAt };
      });
      const db = await archive();
      const start = performance.now();
      const counts = await putArticles(db, checked);
      return { ...counts, ms: performance.now() - start };
    },
    async index({ limit, maxChars } = {}) {
      const db = await archive();
      const calls: Array<{ articles: number; ms: number }> = [];
      const writeMs: number[] = [];
      const stopTiming = timeWriteTransactions(writeMs);
      const start = performance.now();
      try {
        for (;;) {
          const callStart = performance.now();
          const articles = await indexPending(db, limit, maxChars);
          calls.push({ articles, ms: performance.now() - callStart });
          if (articles === 0) break;
        }
      } finally {
        stopTiming();
      }
      return { articles: calls.reduce((sum, call) => sum + call.articles, 0), ms: performance.now() - start, calls, writeMs };
    },
    async search(text) {
      const db = await archive();
      const start = performance.now();
      const page = await queryArchive(db, { text }, { limit: LIST_PAGE_SIZE, withTotal: false });
      const ms = performance.now() - start;
      const matchStart = performance.now();
      const matched = await matchTerms(db, parseQuery(text));
      const matchMs = performance.now() - matchStart;
      return { ms, matchMs, matched: matched.size, shown: page.items.length, total: page.total };
    },
    async scan(text) {
      const db = await archive();
      const start = performance.now();
      const tx = db.transaction('bodies', 'readonly');
      let matched = 0;
      for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
        if (cursor.value.bodyText.includes(text)) matched += 1;
      }
      await tx.done;
      return { ms: performance.now() - start, matched };
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
 * Times every read-write transaction opened until the returned function is
 * called, from its creation (when a later save would start waiting for it)
 * to its end.
 */
function timeWriteTransactions(into: number[]): () => void {
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof transaction>) {
    const tx = transaction.apply(this, args);
    if (tx.mode === 'readwrite') {
      const opened = performance.now();
      const ended = () => into.push(performance.now() - opened);
      tx.addEventListener('complete', ended);
      tx.addEventListener('abort', ended);
    }
    return tx;
  } as typeof transaction;
  return () => {
    IDBDatabase.prototype.transaction = transaction;
  };
}

/** Marks when the first rows (or the empty-archive note) enter the DOM, and the frame after, which painted them. */
function markFirstContent(): void {
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[data-article-id], [data-role="empty-archive"]')) return;
    observer.disconnect();
    // Whether the rows were the background's copy of the newest page or the archive's own read.
    performance.mark('em-lens:popup-rows', { detail: document.querySelector('ol.articles')?.getAttribute('data-rows') ?? 'none' });
    requestAnimationFrame(() => setTimeout(() => performance.mark('em-lens:popup-painted')));
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}
