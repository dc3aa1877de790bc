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
  /** Checks and stores generated records in one transaction; `ms` is the putArticles time. */
  fill(records: unknown[]): Promise<{ created: number; updated: number; ms: number }>;
  clear(): Promise<void>;
  count(): Promise<number>;
  remove(id: string): Promise<boolean>;
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
    async clear() {
      const tx = (await archive()).transaction(['articles', 'bodies'], 'readwrite');
      await Promise.all([tx.objectStore('articles').clear(), tx.objectStore('bodies').clear(), tx.done]);
    },
    async count() {
      return (await archive()).count('articles');
    },
    async remove(id) {
      return deleteArticle(await archive(), id);
    },
  };
  (globalThis as { emLensBench?: BenchHooks }).emLensBench = hooks;
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
