import { browser } from 'wxt/browser';
import { sendToTab } from '../../platform/messaging';
import { t } from '../../platform/i18n';
import { ARTICLE_MATCHES } from '../../lib/article-url';

const MENU_ID = 'em-lens-save-article';

/** Saving without the overlay: the keyboard shortcut and the page's context menu. */
export function setupSaveShortcuts(): void {
  const saveInTab = (tabId: number | undefined) => {
    if (tabId === undefined) return;
    void sendToTab(tabId)('tab:start-save', {}).catch(() => {
      // Not an article page (no content script): nothing to save.
    });
  };

  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'save-article') return;
    if (tab?.id !== undefined) saveInTab(tab.id);
    else void browser.tabs.query({ active: true, currentWindow: true }).then(([active]) => saveInTab(active?.id));
  });

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: MENU_ID,
      title: t('menuSave'),
      contexts: ['page', 'selection', 'link'],
      documentUrlPatterns: ARTICLE_MATCHES,
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_ID) saveInTab(tab?.id);
  });
}
