// A background stopped for want of events (both browsers do it after 30 s,
// whatever IndexedDB work is left) must not leave an import half indexed:
// the indexer holds a wake while it has work and lets it go when none is left.
import { describe, expect, it, vi } from 'vitest';
import { putArticles } from '../../lib/archive/articles';
import { createArchiveEvents } from '../../lib/archive/archive-events';
import { openArchive } from '../../lib/archive/db';
import { createWriteMarker } from '../../lib/archive/write-marker';
import { setupSearchIndexer } from '../../entrypoints/background/search-indexer';
import { fakeRecord } from './fixtures';

let n = 0;
const records = (count: number) => Array.from({ length: count }, (_, i) => fakeRecord(`2026${String(i).padStart(14, '0')}`, { bodyText: `第${i}篇 回购` }));

async function indexerOver(count: number) {
  const db = await openArchive(`indexing-wake-${(n += 1)}`);
  await putArticles(db, records(count), 1000);
  const events = createArchiveEvents();
  const marker = createWriteMarker({ get: async () => false, set: async () => {} });
  const calls: string[] = [];
  const wake = { hold: () => calls.push('hold'), release: () => calls.push('release') };
  const indexer = setupSearchIndexer(async () => db, events, marker, { wake });
  const pending = () => db.countFromIndex('articles', 'by-pending', 1);
  return { db, events, indexer, calls, pending };
}

describe('the indexer’s wake', () => {
  it('is held while articles wait to be indexed, and let go once none does', async () => {
    const { calls, pending } = await indexerOver(450);
    expect(calls[0]).toBe('hold');
    await vi.waitFor(() => expect(calls.at(-1)).toBe('release'), { timeout: 10_000 });
    expect(await pending()).toBe(0);
  });

  it('is held again by the next save, and let go after it', async () => {
    const { db, events, calls, pending } = await indexerOver(10);
    await vi.waitFor(() => expect(calls).toEqual(['hold', 'release']));
    await putArticles(db, [fakeRecord('20269999999999999999', { bodyText: '又一篇' })], 2000);
    events.emit({ type: 'articles-imported', count: 1 });
    await vi.waitFor(() => expect(calls).toEqual(['hold', 'release', 'hold', 'release']));
    expect(await pending()).toBe(0);
  });

  it('stays held while the integrity check holds the indexer back part way, and is let go when the rest is indexed', async () => {
    const { indexer, calls, pending } = await indexerOver(450);
    let releasedDuringCheck = false;
    await indexer.exclusive(async () => {
      releasedDuringCheck = calls.includes('release');
    });
    expect(releasedDuringCheck).toBe(false);
    await vi.waitFor(() => expect(calls.at(-1)).toBe('release'), { timeout: 10_000 });
    expect(await pending()).toBe(0);
  });
});

describe('the indexer’s wake after a failed pass', () => {
  it('stays held, so that its alarm tries again, and is let go after five failures in a row', async () => {
    const calls: string[] = [];
    const wake = { hold: () => calls.push('hold'), release: () => calls.push('release') };
    const marker = createWriteMarker({ get: async () => false, set: async () => {} });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const indexer = setupSearchIndexer(async () => Promise.reject(new Error('the archive cannot be opened')), createArchiveEvents(), marker, { wake });
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
    expect(calls).toEqual(['hold']);
    for (let retry = 2; retry <= 5; retry += 1) {
      indexer.schedule(); // what the alarm does
      await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(retry));
    }
    await vi.waitFor(() => expect(calls.at(-1)).toBe('release'));
    expect(calls.filter((call) => call === 'release')).toHaveLength(1);
    warn.mockRestore();
  });
});
