// @vitest-environment jsdom
// Reads whole articles, so it needs a DOM that DOMPurify can sanitise with (see sanitize.test.ts).
import { describe, expect, it } from 'vitest';
import { getArticle } from '../../lib/archive/articles';
import { openArchive } from '../../lib/archive/db';
import { recordFromResult } from '../../lib/page-record-result';
import { BACKGROUND_RULES } from '../../lib/protocol-background';
import { createReceiver, type SenderContext } from '../../lib/protocol';
import { readPageRecord } from '../../lib/page-record';
import { archiveHandlers } from '../../entrypoints/background/archive-messages';
import { createArchiveEvents } from '../../lib/archive/archive-events';
import { SEED_URL, fixtureDocument, frameShowing } from './fixtures';

const record = readPageRecord(fixtureDocument('current-seed.html'), SEED_URL)!;
const { tabs, sender: FRAME } = frameShowing(record.id);
/** Where the background reads: the tab's page itself, not the frame that asked. */
const PAGE: SenderContext = { kind: 'content-script', tabId: 3, frameId: 0 };
let n = 0;

/** The background's save over a fresh archive, reading the page as `read` says. */
async function saving(read: (sender: SenderContext) => Promise<unknown>, committedUrl: string | null = SEED_URL) {
  const db = await openArchive(`save-from-page-${(n += 1)}`);
  const seen: SenderContext[] = [];
  const receive = createReceiver(
    BACKGROUND_RULES,
    archiveHandlers(async () => db, {
      async readPageRecord(sender) {
        seen.push(sender);
        return { record: await read(sender), committedUrl };
      },
      quotesNow: () => undefined,
      events: createArchiveEvents(),
      tabs,
    }),
  );
  const save = (id = record.id, sender: SenderContext = FRAME) => receive({ type: 'bg:save-article', payload: { id } }, sender);
  return { db, seen, save };
}

describe('saving the article a tab shows, from its archive frame', () => {
  it('reads the page of the frame’s tab and keeps the record', async () => {
    const { db, seen, save } = await saving(async () => record);
    const reply = await save();
    expect(reply).toMatchObject({ ok: true, data: { created: true, status: { saved: true, tags: [], note: '' } } });
    expect(seen).toEqual([PAGE]);
    expect((await getArticle(db, record.id))?.bodyText).toBe(record.bodyText);
  });

  it('keeps only the fields of a record, never extra ones the page slipped in', async () => {
    const { db, save } = await saving(async () => ({ ...record, savedAt: 1, evil: '<script>' }));
    expect((await save()).ok).toBe(true);
    const kept = await getArticle(db, record.id);
    expect(kept).not.toHaveProperty('evil');
    expect(kept?.savedAt).not.toBe(1);
  });

  it.each([
    ['no id', { ...record, id: undefined }],
    ['a bad id', { ...record, id: '../../etc' }],
    ['a javascript: url', { ...record, url: 'javascript:alert(1)' }],
    ['an empty title', { ...record, title: '  ' }],
    ['mentions that are not a list', { ...record, mentions: {} }],
    ['a mention whose kind disagrees with its market', { ...record, mentions: [{ ...record.mentions[0], kind: 'us' }] }],
    ['a mention with a bad secid', { ...record, mentions: [{ ...record.mentions[0], secid: 'x' }] }],
    ['a string', 'record'],
  ])('refuses a reading with %s and writes nothing', async (_label, read) => {
    const { db, save } = await saving(async () => read);
    const reply = await save();
    expect(reply).toMatchObject({ ok: false, code: 'unreadable-page' });
    expect(await db.count('articles')).toBe(0);
    expect(await db.count('bodies')).toBe(0);
  });

  it('says the page has no article text when the reader finds none', async () => {
    const { db, save } = await saving(async () => null);
    const reply = await save();
    expect(reply.ok).toBe(false);
    expect(reply).toMatchObject({ code: 'no-article-text' });
    expect(await db.count('articles')).toBe(0);
  });

  it('refuses an article the frame’s tab does not show, before reading anything', async () => {
    const { db, seen, save } = await saving(async () => record);
    expect(await save('202601010000000001')).toMatchObject({ ok: false, code: 'page-changed' });
    expect(await save(record.id, { kind: 'overlay-frame', tabId: 4, frameId: 7 })).toMatchObject({ ok: false, code: 'page-changed' });
    expect(seen).toEqual([]);
    expect(await db.count('articles')).toBe(0);
  });

  it('refuses when the page has moved on to another article since the tab said what it shows', async () => {
    const { db, save } = await saving(async () => ({ ...record, id: '202601010000000001' }));
    expect(await save()).toMatchObject({ ok: false, code: 'page-changed' });
    expect(await db.count('articles')).toBe(0);
  });

  it('takes no save from the page’s own side: a content script cannot ask for one', async () => {
    const { db, save } = await saving(async () => record);
    expect(await save(record.id, PAGE)).toMatchObject({ ok: false, code: 'wrong-sender' });
    expect(await db.count('articles')).toBe(0);
  });

  it('refuses a page that moved its own address to another article, and keeps the archived one as it was', async () => {
    const archived = { ...record, id: '202601010000000001', url: 'https://finance.eastmoney.com/a/202601010000000001.html' };
    // The page was loaded as the seed, then pushed the address (and its canonical link) of an archived article.
    const { db, save } = await saving(async () => ({ ...archived, title: '页面伪造的标题' }), SEED_URL);
    tabs.show(5, { id: archived.id, securities: [], frameId: 0, address: null });
    const reply = await save(archived.id, { kind: 'overlay-frame', tabId: 5, frameId: 7 });
    expect(reply).toMatchObject({ ok: false, code: 'address-changed' });
    expect(await db.count('articles')).toBe(0);
  });

  it('saves a copy on another site under the original it names, where the address cannot say which article it is', async () => {
    const { db, save } = await saving(async () => record, 'https://example.org/posts/copy.html');
    expect((await save()).ok).toBe(true);
    expect(await db.count('articles')).toBe(1);
  });

  it('refuses when the page’s own address is unknown', async () => {
    const { save } = await saving(async () => record, null);
    expect(await save()).toMatchObject({ ok: false, code: 'address-changed' });
  });

  it('passes on a reader that could not run, and writes nothing', async () => {
    const { db, save } = await saving(async () => {
      throw new Error('Cannot access contents of the page');
    });
    expect(await save()).toMatchObject({ ok: false, code: 'failed', detail: expect.stringContaining('Cannot access contents') });
    expect(await db.count('articles')).toBe(0);
  });
});

describe('what the injected reader hands back', () => {
  it('is the record, or null for a page without article text', () => {
    expect(recordFromResult({ record, committedUrl: SEED_URL })).toEqual({ record, committedUrl: SEED_URL });
    expect(recordFromResult({ record: null, committedUrl: 5 })).toEqual({ record: null, committedUrl: null });
  });

  it('is an error when the reader failed or gave nothing', () => {
    expect(() => recordFromResult({ error: 'HTML cannot be sanitised in this document' })).toThrow('HTML cannot be sanitised');
    expect(() => recordFromResult(undefined)).toThrow('could not be read');
    expect(() => recordFromResult(null)).toThrow('could not be read');
  });
});
