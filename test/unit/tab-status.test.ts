import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createArchiveEvents } from '../../lib/archive/archive-events';

const told: Array<{ tabId: number; type: string }> = [];
vi.mock('../../platform/messaging', () => ({
  sendToTab: (tabId: number) => async (type: string) => {
    told.push({ tabId, type });
    return { seen: true };
  },
}));
const { setupTabStatus } = await import('../../entrypoints/background/tab-status');

const badges = new Map<number, string>();
function browserWithTabs(ids: number[]) {
  fakeBrowser.tabs.query = (async () => ids.map((id) => ({ id }))) as unknown as typeof fakeBrowser.tabs.query;
  fakeBrowser.action.setBadgeText = (async ({ tabId, text }: { tabId: number; text: string }) => {
    badges.set(tabId, text);
  }) as unknown as typeof fakeBrowser.action.setBadgeText;
  fakeBrowser.action.setBadgeBackgroundColor = (async () => {}) as unknown as typeof fakeBrowser.action.setBadgeBackgroundColor;
  fakeBrowser.action.setTitle = (async () => {}) as unknown as typeof fakeBrowser.action.setTitle;
}

afterEach(() => {
  told.length = 0;
  badges.clear();
  fakeBrowser.reset();
});

const ID = '202112302231813952';
const STATUS = { saved: true, savedAt: 1, tags: [], note: '' };

describe('the tabs and the toolbar badge', () => {
  it('tell every other tab of a change, and mark the toolbar of the tab that saved without telling it again', async () => {
    browserWithTabs([1, 2, 3]);
    const events = createArchiveEvents();
    setupTabStatus(events);
    events.emit({ type: 'article-shown', tabId: 1, id: ID, saved: false });
    events.emit({ type: 'article-shown', tabId: 2, id: ID, saved: false });
    events.emit({ type: 'article-changed', id: ID, status: STATUS, tabId: 1 });
    await vi.waitFor(() => expect(told).toHaveLength(2));
    expect(told.map((message) => message.tabId)).toEqual([2, 3]);
    expect(told.every((message) => message.type === 'tab:article-changed')).toBe(true);
    expect(badges.get(1)).toBe('✓');
    expect(badges.get(2)).toBe('✓');
  });

  it('tell every tab when the change came from an extension page', async () => {
    browserWithTabs([1, 2]);
    const events = createArchiveEvents();
    setupTabStatus(events);
    events.emit({ type: 'article-shown', tabId: 1, id: ID, saved: true });
    events.emit({ type: 'article-changed', id: ID, status: { ...STATUS, saved: false, savedAt: null }, tabId: null });
    await vi.waitFor(() => expect(told).toHaveLength(2));
    expect(badges.get(1)).toBe('');
  });
});
