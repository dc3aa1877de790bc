import { browser } from 'wxt/browser';
import type { ArchiveEvents } from '../../lib/archive/archive-events';
import type { ArticleStatus } from '../../lib/article-model';
import { sendToTab } from '../../platform/messaging';
import { t } from '../../platform/i18n';

/**
 * Which tab shows which article, learnt from the content scripts' messages:
 * the toolbar icon of a tab whose article is archived carries a badge, and
 * tabs hear when their article is saved, changed or deleted elsewhere.
 */
export function setupTabStatus(events: ArchiveEvents): void {
  const articleOfTab = new Map<number, string>();

  const showBadge = (tabId: number, saved: boolean) => {
    void browser.action.setBadgeText({ tabId, text: saved ? '✓' : '' }).catch(() => {});
    // Green, not the icon's own blue, so the tick stands out on it.
    if (saved) void browser.action.setBadgeBackgroundColor({ tabId, color: '#12803f' }).catch(() => {});
    void browser.action
      .setTitle({ tabId, title: saved ? t('actionTitleSaved') : t('actionTitle') })
      .catch(() => {});
  };

  browser.tabs.onRemoved.addListener((tabId) => articleOfTab.delete(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A new page in the tab: its content script reports again if it is an article.
    if (change.status === 'loading' && change.url) {
      articleOfTab.delete(tabId);
      showBadge(tabId, false);
    }
  });

  /** A content script in `tabId` showed article `id`, saved or not. */
  const seen = (tabId: number, id: string, saved: boolean) => {
    articleOfTab.set(tabId, id);
    showBadge(tabId, saved);
  };

  /** Tell every tab showing `id` (and its toolbar badge) what became of it; `from` has its answer already. */
  const changed = async (id: string, status: ArticleStatus, from: number | null) => {
    if (from !== null) seen(from, id, status.saved);
    const tabs = await browser.tabs.query({});
    for (const tab of tabs) {
      if (tab.id === undefined || tab.id === from) continue;
      if (articleOfTab.get(tab.id) === id) showBadge(tab.id, status.saved);
      // Tabs without our content script refuse the message; that is fine.
      void sendToTab(tab.id)('tab:article-changed', { id, status }).catch(() => {});
    }
  };

  events.subscribe((event) => {
    if (event.type === 'article-shown') seen(event.tabId, event.id, event.saved);
    if (event.type === 'article-changed') void changed(event.id, event.status, event.tabId);
  });
}
