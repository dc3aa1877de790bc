/**
 * Which tab shows which article, as its content script told the background:
 * what an archive frame in that tab is answered from, and what a save from
 * that frame is held to. A frame never names the article itself, so a page
 * that moves its address cannot point the reader's hand at another one.
 */
import type { ShownSecurity } from './protocol';

export interface TabArticle {
  id: string;
  securities: ShownSecurity[];
  /** The frame of the tab the article is in (the page itself, 0, but for copies read elsewhere). */
  frameId: number;
}

export interface TabArticles {
  show(tabId: number, article: TabArticle): void;
  /** The tab closed or loaded another page. */
  forget(tabId: number): void;
  get(tabId: number): TabArticle | undefined;
  /** Every tab showing article `id`. */
  tabsShowing(id: string): number[];
  /**
   * The tab's article once its content script has told it: a frame can load
   * before the script's message arrives. Undefined after `waitMs` without one.
   */
  whenShown(tabId: number, waitMs: number): Promise<TabArticle | undefined>;
}

export function createTabArticles(): TabArticles {
  const shown = new Map<number, TabArticle>();
  const waiting = new Map<number, Set<(article: TabArticle) => void>>();
  return {
    show(tabId, article) {
      shown.set(tabId, article);
      for (const resolve of waiting.get(tabId) ?? []) resolve(article);
      waiting.delete(tabId);
    },
    forget(tabId) {
      shown.delete(tabId);
    },
    get: (tabId) => shown.get(tabId),
    tabsShowing: (id) => [...shown].filter(([, article]) => article.id === id).map(([tabId]) => tabId),
    whenShown(tabId, waitMs) {
      const known = shown.get(tabId);
      if (known) return Promise.resolve(known);
      return new Promise((resolve) => {
        const set = waiting.get(tabId) ?? new Set();
        waiting.set(tabId, set);
        const done = (article: TabArticle | undefined) => {
          clearTimeout(timer);
          set.delete(done);
          resolve(article);
        };
        const timer = setTimeout(() => done(undefined), waitMs);
        set.add(done);
      });
    },
  };
}
