import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createArticleOverlay } from './overlay-lifecycle';
import { benchMark } from './bench-marks';
import { afterNextFrame, afterPageLoad } from '../../lib/after-page-load';
import { startScriptLifetime } from '../../platform/script-lifetime';

/** The latest the overlay waits, after the text is in, for the page to load or paint. */
const LATEST_MS = 200;

// Test URL: https://finance.eastmoney.com/a/202112302231813952.html
//
// The content script on article pages. The manifest declares it
// (`wxt.config.ts`, at `document_start` on ARTICLE_MATCHES) rather than WXT's
// content-script entrypoint, whose context object every page would compile.
// Loaded (parsed and compiled) while the page is still arriving; run once its
// text is in (DOMContentLoaded) and the page has loaded or painted, whichever
// comes first, in a task of its own: neither the page's own DOMContentLoaded
// listeners nor its load event wait for the overlay, and in a new tab the
// badges still come with or one frame after its first paint.
export default defineUnlistedScript(() => {
  const lifetime = startScriptLifetime('article-overlay');
  const start = () => {
    if (import.meta.env.MODE === 'bench') benchMark('start');
    const overlay = createArticleOverlay(lifetime, {
      read: () => import.meta.env.MODE === 'bench' && benchMark('read'),
      shown: () => import.meta.env.MODE === 'bench' && benchMark('rendered'),
    });
    overlay.show(location.href);
    // Pages that navigate with the history API get the overlay of their new address.
    lifetime.onLocationChange((url) => overlay.show(url.href));
  };
  const whenThePageIsFree = () => {
    let cancelFrame = () => {};
    const cancelLoad = afterPageLoad(window, () => {
      cancelFrame();
      start();
    }, {
      latestMs: LATEST_MS,
      signal: (run) => (cancelFrame = afterNextFrame(window, run, LATEST_MS)),
    });
    lifetime.onInvalidated(() => {
      cancelLoad();
      cancelFrame();
    });
  };
  // Injected into a page already loaded (a copy read from the toolbar): at once.
  if (document.readyState === 'loading') lifetime.addEventListener(document, 'DOMContentLoaded', whenThePageIsFree, { once: true });
  else start();
});
