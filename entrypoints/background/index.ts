import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { archiveConnection } from '../../lib/archive/db';
import { BACKGROUND_RULES } from '../../lib/protocol-background';
import { receive } from '../../platform/messaging';
import { archiveHandlers } from './archive-handlers';
import { setupSaveShortcuts } from './save-shortcuts';
import { setupSearchIndexer } from './search-indexer';
import { readSenderPage } from './page-record-injection';
import { setupTabStatus } from './tab-status';
import { setupQuotes } from './quote-service';

export default defineBackground(() => {
  const archive = archiveConnection();
  const indexSoon = setupSearchIndexer(archive);
  const tabs = setupTabStatus();
  const quotes = setupQuotes();
  const handlers = archiveHandlers(archive, {
    readPage: readSenderPage,
    quotesNow: (secids) => quotes.snapshot(secids),
    changed(id, status) {
      indexSoon();
      void tabs.changed(id, status);
    },
    imported: indexSoon,
  });
  receive(BACKGROUND_RULES, {
    ...handlers,
    // Content scripts report their article on load and on save: that is how
    // the toolbar badge knows which tab shows an archived article.
    async 'article:status'(request, sender) {
      const status = await handlers['article:status'](request, sender);
      if (sender.tabId !== null) tabs.seen(sender.tabId, request.id, status.saved);
      return status;
    },
    async 'article:save'(request, sender) {
      const saved = await handlers['article:save'](request, sender);
      if (sender.tabId !== null) tabs.seen(sender.tabId, request.id, true);
      return saved;
    },
    async 'quotes:get'({ secids }) {
      return quotes.get(secids);
    },
    async 'page:read'({ tabId }) {
      // The same content script, on a page of another site the person chose (activeTab).
      await browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/eastmoney.js'] });
      return { injected: true };
    },
    async 'archive:open'({ secid }) {
      const url = browser.runtime.getURL('/archive.html');
      await browser.tabs.create({ url: secid ? `${url}?secid=${encodeURIComponent(secid)}` : url });
      return { opened: true };
    },
  });
  setupSaveShortcuts();
});
