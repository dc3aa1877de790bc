/** What the archive UI needs from the browser, in any extension page. */
import { browser } from 'wxt/browser';
import type { ArchiveServices } from '../components/archive/archive-app';
import { archiveConnection } from '../lib/archive/db';
import { NEWEST_PAGE_KEY, pageOfCopy } from '../lib/archive/newest-page';
import { askPersistence, readEstimate } from '../lib/storage/persistence';
import { roomFor } from '../lib/storage/storage-room';
import { send } from './messaging';
import { saveSetting, settings } from './settings';

export function archiveServices({ closeAfterOpening }: { closeAfterOpening: boolean }): ArchiveServices {
  const after = () => {
    if (closeAfterOpening) window.close();
  };
  // The archive's own pages ask the browser to keep it (a worker cannot ask).
  void askPersistence(navigator.storage);
  // Opening the connection is IndexedDB's slowest step in a large archive
  // (136 ms at 50,000 in Chromium, bench/README.md): it starts now, beside the
  // page's first render, not when the list first asks. A failure here is the
  // list's to report: its own call opens again.
  const archive = archiveConnection();
  void archive().catch(() => {});
  // The copy of the newest page is read from the start too: it is what the first rows are drawn from.
  const readCopy = async () => pageOfCopy((await browser.storage.session.get(NEWEST_PAGE_KEY))[NEWEST_PAGE_KEY]);
  let firstCopy: ReturnType<typeof readCopy> | null = readCopy();
  firstCopy.catch(() => {});
  return {
    archive,
    newestPage() {
      const copy = firstCopy ?? readCopy();
      firstCopy = null;
      return copy;
    },
    room: async (bytes) => roomFor(await readEstimate(navigator.storage), bytes),
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
    autoSave: { get: () => settings.autoSave.getValue(), set: (on) => saveSetting('autoSave', on) },
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
