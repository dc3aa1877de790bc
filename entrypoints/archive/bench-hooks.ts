/**
 * Hooks for bench builds only (`wxt build --mode bench`, see bench/README.md),
 * installed by main.tsx behind `import.meta.env.MODE === 'bench'`, so
 * production bundles drop this module.
 *
 * The archive page carries the popup's hooks (fill, index, count…) so that a
 * bench can fill the archive from this page, plus what the security view's
 * timeline bench needs: storing records with the price saved beside them,
 * and marks for when the view's first rows and its timeline were drawn.
 */
import { putArticles } from '../../lib/archive/articles';
import type { ArchiveDb } from '../../lib/archive/schema';
import { checkArticleRecord } from '../../lib/article-record';
import type { QuoteSnapshot } from '../../lib/quotes/quote-snapshot';
import { installBenchHooks } from '../popup/bench-hooks';

export interface TimelineBenchHooks {
  /** Stores generated records with their quotesAtSave, as a save with quotes on keeps them; they then wait to be indexed. */
  fillQuoted(records: unknown[]): Promise<{ created: number; updated: number; ms: number }>;
}

export function installTimelineBenchHooks(archive: () => Promise<ArchiveDb>): void {
  // The popup's hooks, and its mark of the first rows (em-lens:popup-rows): the same list draws them here.
  installBenchHooks(archive);
  markTimelineDrawn();
  const hooks: TimelineBenchHooks = {
    async fillQuoted(records) {
      const checked = records.map((raw) => {
        const result = checkArticleRecord(raw);
        if (!result.ok) throw new Error(`generated record rejected: ${result.error}`);
        const { savedAt, quotesAtSave } = raw as { savedAt?: number; quotesAtSave?: QuoteSnapshot };
        return { ...result.value, savedAt, quotesAtSave };
      });
      const db = await archive();
      const start = performance.now();
      const counts = await putArticles(db, checked);
      return { ...counts, ms: performance.now() - start };
    },
  };
  (globalThis as { emLensTimelineBench?: TimelineBenchHooks }).emLensTimelineBench = hooks;
}

/** Marks when the timeline has been drawn on its canvas, and the frame after, which painted it. */
function markTimelineDrawn(): void {
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[data-role="timeline"][data-drawn="true"]')) return;
    observer.disconnect();
    performance.mark('em-lens:timeline-drawn');
    requestAnimationFrame(() => setTimeout(() => performance.mark('em-lens:timeline-painted')));
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-drawn'], childList: true, subtree: true });
}
