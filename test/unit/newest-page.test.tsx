// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { ArchiveApp } from '../../components/archive/archive-app';
import { archiveHandlers } from '../../entrypoints/background/archive-messages';
import { createArchiveEvents } from '../../lib/archive/archive-events';
import { deleteArticle, saveArticle } from '../../lib/archive/articles';
import { openArchive } from '../../lib/archive/db';
import { createNewestPageCopy, pageOfCopy, readNewestPage, type CopyStore } from '../../lib/archive/newest-page';
import type { ResultPage } from '../../lib/archive/query';
import type { ArchiveDb } from '../../lib/archive/schema';
import { createReceiver, createSender } from '../../lib/protocol';
import { BACKGROUND_RULES } from '../../lib/protocol-background';
import { createTabArticles } from '../../lib/tab-articles';
import { fakeRecord } from './fixtures';

const id = (n: number) => `2026010912345${String(n).padStart(5, '0')}`;
const DAY = Date.UTC(2026, 0, 9);

let n = 0;
async function archiveOf(count: number): Promise<ArchiveDb> {
  n += 1;
  const db = await openArchive(`newest-page-${n}`);
  for (let i = 1; i <= count; i += 1) await saveArticle(db, fakeRecord(id(i)), DAY + i * 60_000);
  return db;
}

/** Session storage as a map, with every value the copy held kept in order. */
function memoryStore() {
  let value: unknown;
  const history: unknown[] = [];
  const store: CopyStore = {
    get: async () => value,
    set: async (copy) => {
      value = structuredClone(copy);
      history.push(value);
    },
    remove: async () => {
      value = undefined;
      history.push(undefined);
    },
  };
  return { store, now: () => pageOfCopy(value), history };
}

/** A promise and the way to settle it, for a step held until the test lets it go. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const idsOf = (page: ResultPage | null) => page?.items.map((item) => item.listing.id);

/** A copy whose first read of the archive (begun at once, by ensure) is held until `reading` is let go. */
async function withFirstReadHeld(db: ArchiveDb, store: CopyStore) {
  const reading = gate();
  let count = 0;
  const copy = createNewestPageCopy(store, async () => {
    count += 1;
    const page = await readNewestPage(db);
    if (count === 1) await reading.opened;
    return page;
  }, 0);
  const made = copy.ensure();
  await vi.waitFor(() => expect(count).toBe(1));
  return { copy, reading, made, reads: () => count };
}

describe('the copy of the newest page', () => {
  it('is the archive’s newest page after each save, note and delete the background answers, with its count', async () => {
    const db = await archiveOf(40);
    const { store, now } = memoryStore();
    const copy = createNewestPageCopy(store, () => readNewestPage(db), 0);
    await copy.ensure();
    expect(idsOf(now())).toEqual(Array.from({ length: 30 }, (_, i) => id(40 - i)));
    expect(now()?.total).toBe(40);

    const receive = createReceiver(
      BACKGROUND_RULES,
      archiveHandlers(async () => db, {
        readPageRecord: async () => ({ ok: true, record: fakeRecord(id(41)) }) as never,
        quotesNow: () => undefined,
        events: createArchiveEvents(),
        tabs: createTabArticles(),
        writing: copy.around,
      }),
    );
    const send = createSender((message) => receive(message, 'extension-page'));
    await send('bg:delete-article', { id: id(40) });
    await vi.waitFor(async () => expect(now()).toEqual(await readNewestPage(db)));
    expect(idsOf(now())![0]).toBe(id(39));
    expect(now()?.total).toBe(39);

    await send('bg:annotate-article', { id: id(38), tags: ['银行'], note: '看这篇' });
    await vi.waitFor(() => expect(now()?.items.find((item) => item.listing.id === id(38))?.listing.tags).toEqual(['银行']));
    expect(now()).toEqual(await readNewestPage(db));
  });

  it('is not there while a write runs, and is made again when the last one ends', async () => {
    const db = await archiveOf(3);
    const { store, now } = memoryStore();
    const copy = createNewestPageCopy(store, () => readNewestPage(db), 0);
    await copy.ensure();
    const first = gate();
    const second = gate();
    const one = copy.around(async () => {
      await first.opened;
      await deleteArticle(db, id(3));
    });
    const two = copy.around(async () => {
      await second.opened;
      await deleteArticle(db, id(2));
    });
    await vi.waitFor(() => expect(now()).toBeNull());
    first.open();
    await one;
    // The other write still runs: no copy is made between the two.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(now()).toBeNull();
    second.open();
    await two;
    await vi.waitFor(() => expect(idsOf(now())).toEqual([id(1)]));
  });

  it('is not made from a read a write started during: the read may have seen the archive half-way', async () => {
    const db = await archiveOf(3);
    const { store, now, history } = memoryStore();
    const { copy, reading, made } = await withFirstReadHeld(db, store);
    await copy.around(() => deleteArticle(db, id(3)));
    reading.open();
    await made;
    await vi.waitFor(() => expect(idsOf(now())).toEqual([id(2), id(1)]));
    // What the held read saw (with the deleted article) was never the copy.
    expect(history.some((stored) => idsOf(pageOfCopy(stored))?.includes(id(3)))).toBe(false);
  });

  it('is not made while a write is in flight, even from a read that started after that write did', async () => {
    const db = await archiveOf(3);
    const { store, now } = memoryStore();
    const { copy, reading, reads, made } = await withFirstReadHeld(db, store);
    // One write ends while the read is held (another read is due once the archive is quiet), and a second starts and is held.
    await copy.around(() => deleteArticle(db, id(3)));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const holding = gate();
    const held = copy.around(async () => {
      await holding.opened;
      await deleteArticle(db, id(2));
    });
    reading.open();
    await made;
    expect(reads()).toBe(2);
    expect(now()).toBeNull();
    holding.open();
    await held;
    await vi.waitFor(() => expect(idsOf(now())).toEqual([id(1)]));
  });

  it('a write that cannot take the copy away still runs, and the copy is made again after it', async () => {
    const db = await archiveOf(2);
    const { store, now } = memoryStore();
    const copy = createNewestPageCopy({ ...store, remove: () => Promise.reject(new Error('storage gone')) }, () => readNewestPage(db), 0);
    await copy.ensure();
    expect(await copy.around(() => deleteArticle(db, id(2)))).toBe(true);
    await vi.waitFor(() => expect(idsOf(now())).toEqual([id(1)]));
  });

  it('is read once after a run of writes, such as an import’s batches, not between them', async () => {
    const db = await archiveOf(1);
    const { store, now } = memoryStore();
    let reads = 0;
    const copy = createNewestPageCopy(store, async () => {
      reads += 1;
      return readNewestPage(db);
    }, 50);
    for (let i = 2; i <= 6; i += 1) {
      await copy.around(() => saveArticle(db, fakeRecord(id(i)), DAY + i * 60_000));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(reads).toBe(0);
    await vi.waitFor(() => expect(now()?.total).toBe(6));
    expect(reads).toBe(1);
  });

  it('is read only when it is one this version made', () => {
    const page: ResultPage = { items: [], next: null, total: 0, exact: true };
    expect(pageOfCopy({ version: 1, page })).toEqual(page);
    expect(pageOfCopy({ version: 2, page })).toBeNull();
    expect(pageOfCopy({ version: 1, page: { ...page, items: [{ snippet: null }] } })).toBeNull();
    expect(pageOfCopy({ version: 1, page: { ...page, total: null } })).toBeNull();
    expect(pageOfCopy(undefined)).toBeNull();
    expect(pageOfCopy('page')).toBeNull();
  });
});

describe('the list, opened with a copy of the newest page', () => {
  /** The archive UI whose archive opens only when `opening` is let go, as a large one opens late. */
  async function appWithCopy(db: ArchiveDb, copy: ResultPage | null, initialFilter = {}) {
    const opening = gate();
    const newestPage = vi.fn(async () => copy);
    const host = document.createElement('div');
    document.body.append(host);
    const send = createSender(async () => {
      throw new Error('nothing is sent');
    });
    render(
      <ArchiveApp
        archive={async () => {
          await opening.opened;
          return db;
        }}
        send={send}
        newestPage={newestPage}
        initialFilter={initialFilter}
        openUrl={vi.fn()}
        openReader={vi.fn()}
        download={vi.fn()}
      />,
      host,
    );
    return { host, open: opening.open, newestPage };
  }
  const rowsOf = (host: Element) => [...host.querySelectorAll('[data-article-id]')].map((row) => row.getAttribute('data-article-id'));
  const source = (host: Element) => host.querySelector('ol.articles')?.getAttribute('data-rows');

  it('draws the copy’s rows and count before the archive has opened, then the archive’s own rows in their place', async () => {
    const db = await archiveOf(3);
    const copy = await readNewestPage(db);
    // Saved after the copy was made: only the archive's own read shows it.
    await saveArticle(db, fakeRecord(id(4)), DAY + 10 * 60_000);
    const { host, open } = await appWithCopy(db, copy);
    await vi.waitFor(() => expect(rowsOf(host)).toEqual([id(3), id(2), id(1)]));
    expect(source(host)).toBe('copy');
    expect(host.querySelector('[data-role="archive-total"]')?.getAttribute('data-total')).toBe('3');
    expect(host.querySelector('main')?.getAttribute('aria-busy')).toBe('true');
    open();
    await vi.waitFor(() => expect(rowsOf(host)).toEqual([id(4), id(3), id(2), id(1)]));
    expect(source(host)).toBe('archive');
    await vi.waitFor(() => expect(host.querySelector('[data-role="archive-total"]')?.getAttribute('data-total')).toBe('4'));
    expect(host.querySelector('main')?.getAttribute('aria-busy')).toBe('false');
  });

  it('without a copy, waits for the archive as before', async () => {
    const db = await archiveOf(2);
    const { host, open } = await appWithCopy(db, null);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(rowsOf(host)).toEqual([]);
    open();
    await vi.waitFor(() => expect(rowsOf(host)).toEqual([id(2), id(1)]));
  });

  it('is not used for a filtered view: the copy is the unfiltered list', async () => {
    const db = await archiveOf(2);
    await saveArticle(db, { ...fakeRecord(id(9)), source: '证券时报' }, DAY + 20 * 60_000);
    const { host, open, newestPage } = await appWithCopy(db, await readNewestPage(db), { source: '证券时报' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(rowsOf(host)).toEqual([]);
    expect(newestPage).not.toHaveBeenCalled();
    open();
    await vi.waitFor(() => expect(rowsOf(host)).toEqual([id(9)]));
  });
});
