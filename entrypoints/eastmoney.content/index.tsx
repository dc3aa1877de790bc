import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { render } from 'preact';
import { readArticleHead } from '../../lib/read-article';
import { byProminence } from '../../lib/mentions';
import overlayCss from '../../components/overlay/overlay.css?inline';
import { OverlayApp } from './overlay-app';
import { ARTICLE_MATCHES } from './matches';
import { benchMark } from './bench-marks';

// Test URL: https://finance.eastmoney.com/a/202112302231813952.html
export default defineContentScript({
  matches: ARTICLE_MATCHES,
  runAt: 'document_idle',
  async main(ctx) {
    if (import.meta.env.MODE === 'bench') benchMark('start');
    let head;
    try {
      head = readArticleHead(document, location.href);
    } catch (error) {
      // A page we cannot read gets no overlay, and the page's own console stays quiet but for one line.
      console.warn('[EM Lens] could not read this page:', error);
      return;
    }
    if (import.meta.env.MODE === 'bench') benchMark('read');
    if (!head) return;
    const article = { ...head, mentions: [...head.mentions].sort(byProminence) };
    const ui = await createShadowRootUi(ctx, {
      name: 'em-lens-overlay',
      mode: 'open',
      position: 'inline',
      anchor: head.body,
      append: 'before',
      css: overlayCss,
      isolateEvents: true,
      onMount(container) {
        render(<OverlayApp article={article} onCleanup={(cleanup) => ctx.onInvalidated(cleanup)} />, container);
        return container;
      },
      onRemove(container) {
        if (container) render(null, container);
      },
    });
    ui.mount();
    if (import.meta.env.MODE === 'bench') benchMark('rendered');
  },
});
