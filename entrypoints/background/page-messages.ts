import { browser } from 'wxt/browser';
import { BACKGROUND_RULES } from '../../lib/protocol-background';
import { receive } from '../../platform/messaging';
import { ARTICLE_OVERLAY_SCRIPT } from '../../lib/article-url';

/** The messages this module answers. */
export const PAGE_MESSAGES = ['bg:show-overlay-in-tab', 'bg:open-archive'] as const;

/** Opening the extension's pages, and the overlay on a page the person chose. */
export function setupPages(): void {
  receive<(typeof PAGE_MESSAGES)[number]>(BACKGROUND_RULES, {
    async 'bg:show-overlay-in-tab'({ tabId }) {
      // The same content script, on a page of another site the person chose (activeTab).
      await browser.scripting.executeScript({ target: { tabId }, files: [ARTICLE_OVERLAY_SCRIPT] });
      return { injected: true };
    },
    async 'bg:open-archive'({ secid, doubtful }) {
      const url = browser.runtime.getURL('/archive.html');
      const filter = secid ? `?secid=${encodeURIComponent(secid)}${doubtful ? '&doubtful=include' : ''}` : '';
      await browser.tabs.create({ url: url + filter });
      return { opened: true };
    },
  });
}
