// @vitest-environment jsdom
// Reads whole articles, so it needs a DOM that DOMPurify can sanitise with (see sanitize.test.ts).
import { describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { ArchiveApp } from '../../components/archive/archive-app';
import { ReaderApp } from '../../components/reader/reader-app';
import { putArticles } from '../../lib/archive/articles';
import { openArchive } from '../../lib/archive/db';
import type { ArchiveDb } from '../../lib/archive/schema';
import { createArchiveEvents } from '../../lib/archive/archive-events';
import { indexPending } from '../../lib/archive/search-index';
import { checkArchivedArticle } from '../../lib/archived-article';
import { BACKGROUND_RULES } from '../../lib/protocol-background';
import { createReceiver, createSender } from '../../lib/protocol';
import { readQuoteReply } from '../../lib/quotes/quote-reply';
import { readPageRecord } from '../../lib/page-record';
import { archiveHandlers } from '../../entrypoints/background/archive-messages';
import { LEGACY_URL, SEED_URL, fixtureDocument } from './fixtures';
import type { ArchivedArticle } from '../../lib/article-model';
import { createTabArticles } from '../../lib/tab-articles';

const seed = readPageRecord(fixtureDocument('current-seed.html'), SEED_URL)!;
const legacy = readPageRecord(fixtureDocument('legacy-variants.html'), LEGACY_URL)!;
const T0 = Date.UTC(2026, 0, 1);
const [first] = seed.mentions;

/** The seed article as saved when quotes were on, with its first security's quote at `time`. */
const withQuoteTime = (time: number): ArchivedArticle => ({
  ...seed,
  savedAt: T0,
  updatedAt: T0,
  tags: [],
  note: '',
  quotesAtSave: { [first!.secid]: { price: 10.5, changePct: 1.25, time } },
});

async function settle(check: () => void) {
  await vi.waitFor(check, { timeout: 3000, interval: 10 });
}

let n = 0;
async function archiveWith(setup: (db: ArchiveDb) => Promise<void>, afterIndexing?: (db: ArchiveDb) => Promise<void>) {
  const db = await openArchive(`odd-records-${(n += 1)}`);
  await setup(db);
  while ((await indexPending(db)) > 0);
  await afterIndexing?.(db);
  return db;
}

function senderOver(db: ArchiveDb) {
  const archive = async () => db;
  const receive = createReceiver(
    BACKGROUND_RULES,
    archiveHandlers(archive, {
      readPageRecord: async () => {
        throw new Error('no page is read here');
      },
      quotesNow: () => undefined,
      events: createArchiveEvents(),
      tabs: createTabArticles(),
    }),
  );
  return createSender((message) => receive(message, 'extension-page'));
}

function showArchive(db: ArchiveDb) {
  const host = document.createElement('div');
  document.body.append(host);
  render(
    <ArchiveApp archive={async () => db} send={senderOver(db)} openUrl={vi.fn()} openReader={vi.fn()} download={vi.fn()} />,
    host,
  );
  return host;
}

function showReader(db: ArchiveDb, id: string) {
  const host = document.createElement('div');
  document.body.append(host);
  render(<ReaderApp id={id} archive={async () => db} send={senderOver(db)} openArchive={vi.fn()} />, host);
  return host;
}

const rows = (host: Element) => [...host.querySelectorAll('li[data-article-id]')].map((row) => row.getAttribute('data-article-id'));

const putSeedTitled = (title: string) => (db: ArchiveDb) =>
  putArticles(db, [{ ...seed, title, savedAt: T0 + 1, updatedAt: T0 + 1, tags: [], note: '' }]).then(() => undefined);

/** The seed's listing as an older or broken release might have left it: its mentions are not a list. */
async function breakSeedListing(db: ArchiveDb) {
  const listing = await db.get('articles', seed.id);
  await db.put('articles', { ...listing!, mentions: null as never });
}

describe('a quote time outside what a date can hold', () => {
  it('is refused by the import check, with the field named', () => {
    const checked = checkArchivedArticle(withQuoteTime(1e20));
    expect(checked).toEqual({ ok: false, error: expect.stringContaining('time') });
  });

  it('is left out of a quote reply, keeping the price', () => {
    const reply = readQuoteReply({ rc: 0, data: { diff: [{ f2: 10.5, f3: 1.25, f12: '600519', f13: 1, f124: 1e17 }] } });
    expect(reply.ok && reply.quotes.get('1.600519')).toMatchObject({ price: 10.5, time: null });
  });

  it('already in the archive: the record shows as one row beside the others', async () => {
    const db = await archiveWith(async (db) => {
      await putArticles(db, [{ ...legacy, savedAt: T0 + 60_000, updatedAt: T0 + 60_000, tags: [], note: '' }]);
      await putArticles(db, [withQuoteTime(1e20)]);
    });
    const host = showArchive(db);
    await settle(() => expect(rows(host)).toEqual([legacy.id, seed.id]));
    expect(host.querySelector(`[data-article-id="${seed.id}"]`)!.textContent).toContain(seed.title);
  });

  it('already in the archive: the reader shows the article', async () => {
    const db = await archiveWith((db) => putArticles(db, [withQuoteTime(-1e20)]).then(() => undefined));
    const host = showReader(db, seed.id);
    await settle(() => expect(host.querySelector('h1')?.textContent).toBe(seed.title));
    expect(host.querySelector('[data-role="reader-body"]')!.textContent).toContain('专利');
  });
});

describe('a stored record no view can draw', () => {
  it('is one marked row with its title, beside the others', async () => {
    const db = await archiveWith(async (db) => {
      await putArticles(db, [{ ...legacy, savedAt: T0, updatedAt: T0, tags: [], note: '' }]);
      await putSeedTitled('坏掉的一条')(db);
    }, breakSeedListing);
    const host = showArchive(db);
    await settle(() => expect(rows(host)).toEqual([seed.id, legacy.id]));
    const broken = host.querySelector(`[data-article-id="${seed.id}"]`)!;
    expect(broken.getAttribute('data-role')).toBe('unshowable-article');
    expect(broken.textContent).toContain('这篇文章无法显示');
    expect(broken.textContent).toContain('坏掉的一条');
    expect(host.querySelector(`[data-article-id="${legacy.id}"] .article-title`)!.textContent).toBe(legacy.title);
  });

  it('is a marked notice with its title in the reader, not an empty page', async () => {
    const db = await archiveWith(putSeedTitled('坏掉的一条'), breakSeedListing);
    const host = showReader(db, seed.id);
    await settle(() => expect(host.querySelector('[data-role="unshowable-article"]')).not.toBeNull());
    expect(host.textContent).toContain('这篇文章无法显示');
    expect(host.textContent).toContain('坏掉的一条');
  });
});
