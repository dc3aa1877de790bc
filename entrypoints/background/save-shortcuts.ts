import { browser } from 'wxt/browser';
import { t } from '../../platform/i18n';
import { ARTICLE_MATCHES } from '../../lib/article-url';

const MENU_ID = 'em-lens-save-article';

/**
 * Saving without the overlay: the keyboard shortcut and the page's context
 * menu, both the reader's own hand (the page can press neither). A tab that
 * shows no article has nothing to save.
 */
export function setupSaveShortcuts(saveShown: (tabId: number) => Promise<boolean>): void {
  const saveInTab = (tabId: number | undefined) => {
    if (tabId !== undefined) void saveShown(tabId);
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
