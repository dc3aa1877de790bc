import { browser } from 'wxt/browser';
import { createNewestPageCopy, NEWEST_PAGE_KEY, readNewestPage, type NewestPageCopy } from '../../lib/archive/newest-page';
import type { ArchiveDb } from '../../lib/archive/schema';

/**
 * The copy of the archive's newest page the popup draws first
 * (lib/archive/newest-page.ts), in session storage: gone when the browser
 * quits, as the background's memory is, so a copy from before a crash is
 * never drawn.
 */
export function setupNewestPageCopy(archive: () => Promise<ArchiveDb>): NewestPageCopy {
  const copy = createNewestPageCopy(
    {
      get: async () => (await browser.storage.session.get(NEWEST_PAGE_KEY))[NEWEST_PAGE_KEY],
      set: (stored) => browser.storage.session.set({ [NEWEST_PAGE_KEY]: stored }),
      remove: () => browser.storage.session.remove(NEWEST_PAGE_KEY),
    },
    async () => readNewestPage(await archive()),
  );
  void copy.ensure();
  return copy;
}
