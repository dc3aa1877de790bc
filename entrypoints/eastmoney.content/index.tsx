import { defineContentScript } from 'wxt/utils/define-content-script';
import { createArticleOverlay } from './overlay-lifecycle';
import { benchMark } from './bench-marks';
import { ARTICLE_MATCHES } from '../../lib/article-url';

// Test URL: https://finance.eastmoney.com/a/202112302231813952.html
export default defineContentScript({
  matches: ARTICLE_MATCHES,
  // Loaded before the page is parsed, run the moment its text is: document_end
  // scripts wait for a task of their own, behind the page's first layout
  // (70 ms on a long article), where a DOMContentLoaded listener does not.
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
    if (document.readyState === 'loading') ctx.addEventListener(document, 'DOMContentLoaded', start, { once: true });
    else start();
  },
});
