/** What the archive UI needs from the browser, in any extension page. */
import { browser } from 'wxt/browser';
import type { ArchiveServices } from '../components/archive/archive-app';
import { archiveConnection } from '../lib/archive/db';
import { send } from './messaging';
import { settings } from './settings';

export function archiveServices({ closeAfterOpening }: { closeAfterOpening: boolean }): ArchiveServices {
  const after = () => {
    if (closeAfterOpening) window.close();
  };
  return {
    archive: archiveConnection(),
    send,
    openUrl: (url) => void browser.tabs.create({ url }).then(after),
    openReader: (id) => void browser.tabs.create({ url: browser.runtime.getURL(`/reader.html?id=${encodeURIComponent(id)}`) }).then(after),
    ...(closeAfterOpening && {
      async activePage() {
        const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
        return tab?.id !== undefined && tab.url ? { tabId: tab.id, url: tab.url } : null;
      },
      async readPage(tabId: number) {
        await send('bg:show-overlay-in-tab', { tabId });
        window.close();
      },
    }),
    autoSave: { get: () => settings.autoSave.getValue(), set: (on) => settings.autoSave.setValue(on) },
    download(name, data) {
      const url = URL.createObjectURL(data);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  };
}
