import { browser } from 'wxt/browser';
import type { ArchiveEvents } from '../../lib/archive/archive-events';
import { getListing } from '../../lib/archive/articles';
import { countsForSecids } from '../../lib/archive/facets';
import { readPrevious } from '../../lib/archive/previous-version';
import type { ArchiveDb } from '../../lib/archive/schema';
import { statusOfListing } from '../../lib/article-model';
import { parseArticleUrl } from '../../lib/article-url';
import { CodedError } from '../../lib/error-codes';
import { addressAllows } from '../../lib/page-record-result';
import { BACKGROUND_RULES } from '../../lib/protocol-background';
import type { TabArticles } from '../../lib/tab-articles';
import { nudgeFrame, receive } from '../../platform/messaging';
import { settings } from '../../platform/settings';

/** The messages this module answers. */
export const FRAME_MESSAGES = ['bg:show-article', 'bg:frame-article', 'bg:save-tab'] as const;

/** How long a frame that loaded first waits for its tab's content script to say what the page shows. */
const WAIT_FOR_TAB_MS = 10_000;

/**
 * The two halves of a tab's overlay meet here. The content script says what
 * the page shows (never told what the reader keeps of it); the archive frame,
 * the extension's own page that no page script can read or click, is
 * answered for that article alone: saved or not, tags, note, archive counts.
 */
export function setupArchiveFrames(
  archive: () => Promise<ArchiveDb>,
  { tabs, events, saveInTab }: { tabs: TabArticles; events: ArchiveEvents; saveInTab: (tabId: number) => Promise<boolean> },
): void {
  /** Articles auto-saved in each tab already: a page that grows tells again, and is not saved again for it. */
  const autoSaved = new Map<number, string>();
  browser.tabs.onRemoved.addListener((tabId) => autoSaved.delete(tabId));

  receive<(typeof FRAME_MESSAGES)[number]>(BACKGROUND_RULES, {
    async 'bg:show-article'({ id, committedUrl, securities }, sender) {
      // A page that moved its address to another article's (history API, a canonical link) is not bound to that one.
      const tabId = sender.tabId!;
      if (!addressAllows(id, committedUrl, parseArticleUrl)) {
        tabs.refuse(tabId, 'address-changed');
        nudgeFrame(tabId);
        throw new CodedError('address-changed', `the page was loaded from ${committedUrl ?? 'an unknown address'}, not article ${id}`);
      }
      tabs.show(tabId, { id, securities, frameId: sender.frameId ?? 0, address: committedUrl });
      const db = await archive();
      const saved = (await getListing(db, id)) !== undefined;
      events.emit({ type: 'article-shown', tabId, id, saved });
      nudgeFrame(tabId);
      if (!saved && autoSaved.get(tabId) !== id && (await settings.autoSave.getValue())) {
        autoSaved.set(tabId, id);
        void saveInTab(tabId);
      }
      return { shown: true };
    },
    async 'bg:save-tab'({ tabId }) {
      return { saved: await saveInTab(tabId) };
    },
    async 'bg:frame-article'(_, sender) {
      const tabId = sender.tabId!;
      const shown = await tabs.whenShown(tabId, WAIT_FOR_TAB_MS);
      const db = await archive();
      const likely = shown.securities.filter((security) => !security.doubtful).map((security) => security.secid);
      const doubtful = shown.securities.filter((security) => security.doubtful).map((security) => security.secid);
      // A doubtful badge counts every saved article that mentions it, as it opens them.
      const [listing, likelyCounts, allCounts, previous] = await Promise.all([
        getListing(db, shown.id),
        countsForSecids(db, likely),
        countsForSecids(db, doubtful, 'secid'),
        readPrevious(db, shown.id),
      ]);
      return {
        tabId,
        id: shown.id,
        securities: shown.securities,
        status: statusOfListing(listing),
        counts: { ...likelyCounts, ...allCounts },
        previous: listing && previous ? { title: previous.title, replacedAt: previous.replacedAt } : null,
        save: tabs.saveOf(tabId),
      };
    },
  });
}
