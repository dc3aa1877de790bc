import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createArchiveEvents } from '../../lib/archive/archive-events';
import { createTabArticles } from '../../lib/tab-articles';

const nudged: number[] = [];
vi.mock('../../platform/messaging', () => ({
  nudgeFrame: (tabId: number) => nudged.push(tabId),
}));
const { setupTabStatus } = await import('../../entrypoints/background/tab-status');

const badges = new Map<number, string>();
function browserWithBadges() {
  fakeBrowser.action.setBadgeText = (async ({ tabId, text }: { tabId: number; text: string }) => {
    badges.set(tabId, text);
  }) as unknown as typeof fakeBrowser.action.setBadgeText;
  fakeBrowser.action.setBadgeBackgroundColor = (async () => {}) as unknown as typeof fakeBrowser.action.setBadgeBackgroundColor;
  fakeBrowser.action.setTitle = (async () => {}) as unknown as typeof fakeBrowser.action.setTitle;
}

afterEach(() => {
  nudged.length = 0;
  badges.clear();
  fakeBrowser.reset();
});

const ID = '202112302231813952';
const OTHER = '202601010000000001';
const STATUS = { saved: true, savedAt: 1, tags: [], note: '' };

describe('the archive frames and the toolbar badge', () => {
  it('nudge the frame, and mark the toolbar, of every tab showing a changed article, and of no other', async () => {
    browserWithBadges();
    const events = createArchiveEvents();
    const tabs = createTabArticles();
    setupTabStatus(events, tabs);
    for (const [tabId, id] of [[1, ID], [2, ID], [3, OTHER]] as const) {
      tabs.show(tabId, { id, securities: [], frameId: 0, address: null });
      events.emit({ type: 'article-shown', tabId, id, saved: false });
    }
    events.emit({ type: 'article-changed', id: ID, status: STATUS, tabId: 1 });
    expect(nudged).toEqual([1, 2]);
    expect([badges.get(1), badges.get(2), badges.get(3)]).toEqual(['✓', '✓', '']);
  });

  it('clear the badge when the article is deleted from an extension page', async () => {
    browserWithBadges();
    const events = createArchiveEvents();
    const tabs = createTabArticles();
    setupTabStatus(events, tabs);
    tabs.show(1, { id: ID, securities: [], frameId: 0, address: null });
    events.emit({ type: 'article-shown', tabId: 1, id: ID, saved: true });
    expect(badges.get(1)).toBe('✓');
    events.emit({ type: 'article-changed', id: ID, status: { ...STATUS, saved: false, savedAt: null }, tabId: null });
    await vi.waitFor(() => expect(badges.get(1)).toBe(''));
  });
});

describe('which tab shows which article', () => {
  it('answers a frame that asks before its tab has said, once it does, and gives up after a while', async () => {
    vi.useFakeTimers();
    try {
      const tabs = createTabArticles();
      const early = tabs.whenShown(4, 1000);
      tabs.show(4, { id: ID, securities: [], frameId: 0, address: null });
      await expect(early).resolves.toMatchObject({ id: ID });
      const never = tabs.whenShown(5, 1000);
      vi.advanceTimersByTime(1000);
      await expect(never).rejects.toMatchObject({ code: 'page-changed' });
      // A page refused for claiming another article's address: its frame hears why, without waiting.
      tabs.show(6, { id: ID, securities: [], frameId: 0, address: null });
      tabs.refuse(6, 'address-changed');
      await expect(tabs.whenShown(6, 1000)).rejects.toMatchObject({ code: 'address-changed' });
      expect(tabs.get(6)).toBeUndefined();
      // A load the browser reports late, after the new page has spoken, leaves the new page's article.
      tabs.show(4, { id: OTHER, securities: [], frameId: 0, address: 'https://finance.eastmoney.com/a/202601010000000001.html' });
      expect(tabs.forget(4, 'https://finance.eastmoney.com/a/202601010000000001.html')).toBe(false);
      expect(tabs.get(4)).toMatchObject({ id: OTHER });
      expect(tabs.forget(4, 'https://example.org/')).toBe(true);
      expect(tabs.get(4)).toBeUndefined();
      expect(tabs.tabsShowing(ID)).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
