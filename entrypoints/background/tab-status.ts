import { browser } from 'wxt/browser';
import type { ArchiveEvents } from '../../lib/archive/archive-events';
import type { ArticleStatus } from '../../lib/article-model';
import type { TabArticles } from '../../lib/tab-articles';
import { nudgeFrame } from '../../platform/messaging';
import { t } from '../../platform/i18n';

/**
 * The toolbar icon of a tab whose article is archived carries a badge, and
 * the archive frame of every tab showing an article hears when it is saved,
 * changed or deleted anywhere (the popup, the archive page, another tab).
 */
export function setupTabStatus(events: ArchiveEvents, tabs: TabArticles): void {
  const showBadge = (tabId: number, saved: boolean) => {
    void browser.action.setBadgeText({ tabId, text: saved ? '✓' : '' }).catch(() => {});
    // Green, not the icon's own blue, so the tick stands out on it.
    if (saved) void browser.action.setBadgeBackgroundColor({ tabId, color: '#12803f' }).catch(() => {});
    void browser.action
      .setTitle({ tabId, title: saved ? t('actionTitleSaved') : t('actionTitle') })
      .catch(() => {});
  };

  browser.tabs.onRemoved.addListener((tabId) => tabs.forget(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A new page in the tab: its content script reports again if it is an article.
    if (change.status === 'loading' && change.url && tabs.forget(tabId, change.url)) showBadge(tabId, false);
  });

  const changed = (id: string, status: ArticleStatus) => {
    for (const tabId of tabs.tabsShowing(id)) {
      showBadge(tabId, status.saved);
      nudgeFrame(tabId);
    }
  };

  events.subscribe((event) => {
    if (event.type === 'article-shown') showBadge(event.tabId, event.saved);
    if (event.type === 'article-changed') changed(event.id, event.status);
  });
}
