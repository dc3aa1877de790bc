/**
 * Which tab shows which article, as its content script told the background:
 * what an archive frame in that tab is answered from, and what a save from
 * that frame is held to. A frame never names the article itself, so a page
 * that moves its address cannot point the reader's hand at another one.
 */
import { CodedError, type ErrorCode } from './error-codes';
import type { ShownSecurity, TabSave } from './protocol';

export interface TabArticle {
  id: string;
  securities: ShownSecurity[];
  /** The frame of the tab the article is in (the page itself, 0, but for copies read elsewhere). */
  frameId: number;
  /** The address its document was loaded from. */
  address: string | null;
}

export interface TabArticles {
  show(tabId: number, article: TabArticle): void;
  /** The tab's page claimed an article it may not be bound to: its frame is told why, at once. */
  refuse(tabId: number, code: ErrorCode): void;
  /**
   * The tab closed, or started loading `address`: what it showed is gone,
   * unless it is already the page at that address (a browser may tell of a
   * load after the new page's script has spoken). False when it kept it.
   */
  forget(tabId: number, address?: string): boolean;
  get(tabId: number): TabArticle | undefined;
  /** A save of the tab's article away from its frame: under way, failed, or over (null). */
  setSave(tabId: number, save: TabSave | null): void;
  saveOf(tabId: number): TabSave | null;
  /** Every tab showing article `id`. */
  tabsShowing(id: string): number[];
  /**
   * The tab's article once its content script has told it: a frame can load
   * before the script's message arrives. Throws the refusal's code for a
   * refused page, and `page-changed` after `waitMs` without an article.
   */
  whenShown(tabId: number, waitMs: number): Promise<TabArticle>;
}

export function createTabArticles(): TabArticles {
  const shown = new Map<number, TabArticle | { refused: ErrorCode }>();
  const saves = new Map<number, TabSave>();
  const waiting = new Map<number, Set<() => void>>();
  const settle = (tabId: number, state: TabArticle | { refused: ErrorCode }) => {
    shown.set(tabId, state);
    for (const wake of waiting.get(tabId) ?? []) wake();
    waiting.delete(tabId);
  };
  const articleIn = (tabId: number) => {
    const state = shown.get(tabId);
    return state && 'id' in state ? state : undefined;
  };
  const answer = (tabId: number): TabArticle | null => {
    const state = shown.get(tabId);
    if (state === undefined) return null;
    if ('refused' in state) throw new CodedError(state.refused, 'the page claims an article it was not loaded as');
    return state;
  };
  return {
    show(tabId, article) {
      if (articleIn(tabId)?.id !== article.id) saves.delete(tabId);
      settle(tabId, article);
    },
    refuse(tabId, code) {
      saves.delete(tabId);
      settle(tabId, { refused: code });
    },
    forget(tabId, address) {
      if (address !== undefined && articleIn(tabId)?.address === address) return false;
      shown.delete(tabId);
      saves.delete(tabId);
      return true;
    },
    setSave(tabId, save) {
      if (save) saves.set(tabId, save);
      else saves.delete(tabId);
    },
    saveOf: (tabId) => saves.get(tabId) ?? null,
    get: articleIn,
    tabsShowing: (id) => [...shown.keys()].filter((tabId) => articleIn(tabId)?.id === id),
    async whenShown(tabId, waitMs) {
      const known = answer(tabId);
      if (known) return known;
      await new Promise<void>((resolve) => {
        const set = waiting.get(tabId) ?? new Set();
        waiting.set(tabId, set);
        const wake = () => {
          clearTimeout(timer);
          set.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, waitMs);
        set.add(wake);
      });
      const article = answer(tabId);
      if (!article) throw new CodedError('page-changed', 'the tab shows no article');
      return article;
    },
  };
}
