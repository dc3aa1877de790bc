import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createArchiveEvents, type ArchiveEvent } from '../../lib/archive/archive-events';
import { saveArticle } from '../../lib/archive/articles';
import { openArchive } from '../../lib/archive/db';
import type { Handlers, SenderContext } from '../../lib/protocol';
import { createTabArticles } from '../../lib/tab-articles';
import { saveSetting, settings } from '../../platform/settings';
import { fakeRecord, SEED_URL } from './fixtures';

let handlers: Partial<Handlers> = {};
const nudged: number[] = [];
vi.mock('../../platform/messaging', () => ({
  receive: (_rules: unknown, given: Partial<Handlers>) => {
    handlers = { ...handlers, ...given };
    return () => {};
  },
  nudgeFrame: (tabId: number) => nudged.push(tabId),
}));
const { setupArchiveFrames } = await import('../../entrypoints/background/archive-frames');

const SEED = '202112302231813952';
const PAGE: SenderContext = { kind: 'content-script', tabId: 3, frameId: 0 };
const FRAME: SenderContext = { kind: 'overlay-frame', tabId: 3, frameId: 9 };
const securities = [
  { secid: '0.000931', name: '中关村', doubtful: true },
  { secid: '90.BK0473', name: '证券', doubtful: false },
];
let n = 0;

async function setup() {
  const db = await openArchive(`archive-frames-${(n += 1)}`);
  const tabs = createTabArticles();
  const events = createArchiveEvents();
  const seen: ArchiveEvent[] = [];
  events.subscribe((event) => seen.push(event));
  const saveInTab = vi.fn(async () => true);
  setupArchiveFrames(async () => db, { tabs, events, saveInTab });
  return { db, tabs, seen, saveInTab };
}

afterEach(() => {
  handlers = {};
  nudged.length = 0;
  fakeBrowser.reset();
});

describe('the two halves of a tab’s overlay', () => {
  it('binds the tab to the article its page shows, and answers the tab’s frame with the reader’s archive of it', async () => {
    const { db, tabs, seen } = await setup();
    await saveArticle(db, fakeRecord(SEED, { url: SEED_URL, mentions: [] }), 1);
    await saveArticle(db, fakeRecord('202601010000000001', {
      mentions: [{ secid: '0.000931', market: 0, code: '000931', kind: 'stock', name: '中关村', count: 1, order: 0 }],
    }), 2);
    // The frame may ask first: it is answered once the content script has said what the page shows.
    const asked = handlers['bg:frame-article']!({}, FRAME);
    await handlers['bg:show-article']!({ id: SEED, committedUrl: SEED_URL, securities }, PAGE);
    const answer = await asked;
    expect(answer).toMatchObject({ tabId: 3, id: SEED, securities, status: { saved: true }, previous: null, save: null });
    // 中关村 is doubtful here: it counts every saved article that mentions it (the other one).
    expect(answer.counts).toEqual({ '0.000931': 1, '90.BK0473': 0 });
    expect(tabs.get(3)).toMatchObject({ id: SEED, frameId: 0 });
    expect(seen).toContainEqual({ type: 'article-shown', tabId: 3, id: SEED, saved: true });
    expect(nudged).toContain(3);
  });

  it('refuses a page that claims another article’s address, and its frame hears why', async () => {
    const { tabs } = await setup();
    const claimed = handlers['bg:show-article']!({ id: '202601010000000001', committedUrl: SEED_URL, securities: [] }, PAGE);
    await expect(claimed).rejects.toMatchObject({ code: 'address-changed' });
    expect(tabs.get(3)).toBeUndefined();
    await expect(handlers['bg:frame-article']!({}, FRAME)).rejects.toMatchObject({ code: 'address-changed' });
    expect(nudged).toEqual([3]);
  });

  it('saves an unsaved article once when auto-save is on, however often the page tells it', async () => {
    const { saveInTab } = await setup();
    await saveSetting('autoSave', true);
    for (let i = 0; i < 3; i += 1) await handlers['bg:show-article']!({ id: SEED, committedUrl: SEED_URL, securities }, PAGE);
    expect(saveInTab).toHaveBeenCalledTimes(1);
    expect(saveInTab).toHaveBeenCalledWith(3);
  });

  it('saves nothing by itself when auto-save is off', async () => {
    const { saveInTab } = await setup();
    await handlers['bg:show-article']!({ id: SEED, committedUrl: SEED_URL, securities }, PAGE);
    expect(saveInTab).not.toHaveBeenCalled();
  });
});
