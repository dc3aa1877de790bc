import { render } from 'preact';
import type { ScriptLifetime } from '../../platform/script-lifetime';
import { parseArticleUrl } from '../../lib/article-url';
import { byProminence } from '../../lib/mentions';
import { readArticleHead, type ArticleHead } from '../../lib/article-head';
import overlayCss from '../../components/overlay/overlay.css?inline';
import { OverlayApp } from './overlay-container';
import { mountOverlayHost, type OverlayHost } from './shadow-host';

const SETTLE_MS = 250;
const OUR_ELEMENTS = '[data-em-lens]';

function removeOrphans(): void {
  for (const element of document.querySelectorAll(OUR_ELEMENTS)) element.remove();
}
const WAIT_FOR_BODY_MS = 8_000;

function readHead(url: string): ArticleHead | null {
  try {
    const head = readArticleHead(document, url);
    return head && { ...head, mentions: [...head.mentions].sort(byProminence) };
  } catch (error) {
    // A page we cannot read gets no overlay, and one line in its console.
    console.warn('[EM Lens] could not read this page:', error);
    return null;
  }
}

/** What the badges depend on: an update with the same signature changes nothing. */
function signatureOf(head: ArticleHead): string {
  return `${head.id}|${head.mentions.map((m) => `${m.secid}:${m.count}`).join(',')}`;
}

/**
 * The overlay's life on one tab: shown for an article, updated once when
 * paragraphs arrive after load, replaced when the page navigates (history API)
 * to another article, removed for a non-article, and gone with no listener
 * left when the extension reloads or updates (its lifetime ends).
 */
export function createArticleOverlay(lifetime: ScriptLifetime, hooks: { read?: () => void; shown?: () => void } = {}) {
  let ui: OverlayHost | null = null;
  let stopWatching = () => {};

  const hide = () => {
    stopWatching();
    stopWatching = () => {};
    if (ui) render(null, ui.container);
    ui?.remove();
    ui = null;
  };

  /** Calls `check` after the DOM under `root` has been quiet for a moment; returns a stop function. */
  const whenSettled = (root: Node, check: () => void, options: MutationObserverInit) => {
    let timer: number | undefined;
    const observer = new MutationObserver(() => {
      clearTimeout(timer);
      timer = lifetime.setTimeout(check, SETTLE_MS);
    });
    observer.observe(root, options);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  };

  const show = (url: string): void => {
    hide();
    const head = readHead(url);
    hooks.read?.();
    if (!head) {
      if (!parseArticleUrl(url)) return;
      // The body may still be on its way (pages that render after load): look again as the DOM changes, for a while.
      const stop = whenSettled(document.body ?? document.documentElement, () => {
        if (readHead(url)) show(url);
      }, { childList: true, subtree: true });
      const timeout = lifetime.setTimeout(stop, WAIT_FOR_BODY_MS);
      stopWatching = () => {
        stop();
        clearTimeout(timeout);
      };
      return;
    }
    if (!lifetime.isValid) return;
    let shown = head;
    ui = mountOverlayHost(head.body, overlayCss);
    render(<OverlayApp article={shown} />, ui.container);
    hooks.shown?.();
    // Paragraphs added after load: badges follow, once, without duplicates.
    stopWatching = whenSettled(head.body, () => {
      const next = readHead(url);
      if (!next) return hide();
      if (signatureOf(next) === signatureOf(shown)) return;
      shown = next;
      if (ui) render(<OverlayApp article={shown} />, ui.container);
    }, { childList: true, subtree: true, characterData: true });
  };

  lifetime.onInvalidated(hide);
  // An extension reloaded or updated leaves its old content script without a
  // runtime; looking now and then lets it notice and take its overlay away.
  lifetime.setInterval(() => {}, 2_000);
  // Firefox unloads the old script outright, DOM left behind: this instance clears it.
  removeOrphans();
  return { show, hide };
}
