import { defineContentScript } from 'wxt/utils/define-content-script';
import { createArticleOverlay } from './overlay-lifecycle';
import { benchMark } from './bench-marks';
import { ARTICLE_MATCHES } from '../../lib/article-url';
import { afterNextFrame, afterPageLoad } from '../../lib/after-page-load';

/** The latest the overlay waits, after the text is in, for the page to load or paint. */
const LATEST_MS = 200;

// Test URL: https://finance.eastmoney.com/a/202112302231813952.html
export default defineContentScript({
  matches: ARTICLE_MATCHES,
  // Loaded (parsed and compiled) while the page is still arriving; run once
  // its text is in (DOMContentLoaded) and the page has loaded or painted,
  // whichever comes first, in a task of its own: neither the page's own
  // DOMContentLoaded listeners nor its load event wait for the overlay, and in
  // a new tab the badges still come with or one frame after its first paint.
  runAt: 'document_start',
  main(ctx) {
    const start = () => {
      if (import.meta.env.MODE === 'bench') benchMark('start');
      const overlay = createArticleOverlay(ctx, {
        read: () => import.meta.env.MODE === 'bench' && benchMark('read'),
        shown: () => import.meta.env.MODE === 'bench' && benchMark('rendered'),
      });
      overlay.show(location.href);
      // Pages that navigate with the history API get the overlay of their new address.
      ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => overlay.show(newUrl.href));
    };
    // Injected into a page already loaded (a copy read from the toolbar): at once.
    const whenThePageIsFree = () => {
      let cancelFrame = () => {};
      const cancelLoad = afterPageLoad(window, () => {
        cancelFrame();
        start();
      }, {
        latestMs: LATEST_MS,
        signal: (run) => (cancelFrame = afterNextFrame(window, run, LATEST_MS)),
      });
      ctx.onInvalidated(() => {
        cancelLoad();
        cancelFrame();
      });
    };
    if (document.readyState === 'loading') ctx.addEventListener(document, 'DOMContentLoaded', whenThePageIsFree, { once: true });
    else start();
  },
});
