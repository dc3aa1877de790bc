import { defineContentScript } from 'wxt/utils/define-content-script';
import { createArticleOverlay } from './article-overlay';
import { benchMark } from './bench-marks';
import { ARTICLE_MATCHES } from './matches';

// Test URL: https://finance.eastmoney.com/a/202112302231813952.html
export default defineContentScript({
  matches: ARTICLE_MATCHES,
  // As soon as the article's text is parsed, before images and ads load: the badges come with the text.
  runAt: 'document_end',
  main(ctx) {
    if (import.meta.env.MODE === 'bench') benchMark('start');
    const overlay = createArticleOverlay(ctx, {
      read: () => import.meta.env.MODE === 'bench' && benchMark('read'),
      shown: () => import.meta.env.MODE === 'bench' && benchMark('rendered'),
    });
    overlay.show(location.href);
    // Pages that navigate with the history API get the overlay of their new address.
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => overlay.show(newUrl.href));
  },
});
