// @vitest-environment jsdom
// Reads whole articles, so it needs a DOM that DOMPurify can sanitise with (see sanitize.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { annotateArticle, deleteArticle, getArticle, getListing, listArticles, restorePrevious, saveArticle } from '../../lib/archive/articles';
import { readPrevious } from '../../lib/archive/previous-version';
import { MIGRATIONS, openArchive } from '../../lib/archive/db';
import type { ArchiveDb, Migration } from '../../lib/archive/schema';
import type { ArticleRecord } from '../../lib/article-model';
import { readPageRecord } from '../../lib/page-record';
import { SEED_URL, fixtureDocument, fakeRecord } from './fixtures';

let name: string;
let db: ArchiveDb;
let counter = 0;

beforeEach(async () => {
  counter += 1;
  name = `archive-test-${counter}`;
  db = await openArchive(name);
});

afterEach(() => db.close());

describe('saving', () => {
  it('stores the seed record and gives it back whole', async () => {
    const record = readPageRecord(fixtureDocument('current-seed.html'), SEED_URL)!;
    const result = await saveArticle(db, record, 1000);
    expect(result).toEqual({ savedAt: 1000, updatedAt: 1000, created: true, replaced: false, status: { saved: true, savedAt: 1000, tags: [], note: '' } });
    const stored = await getArticle(db, record.id);
    expect(stored).toMatchObject({ ...record, savedAt: 1000, secids: ['90.BK0473', '0.000931'] });
  });

  it('updates the one entry when the same article is saved again from another URL form', async () => {
    const desktop = readPageRecord(fixtureDocument('current-seed.html'), SEED_URL)!;
    const mobile = readPageRecord(fixtureDocument('mobile-article.html'), 'https://wap.eastmoney.com/a/202112302231813952.html')!;
    await saveArticle(db, desktop, 1000);
    await annotateArticle(db, desktop.id, { tags: ['芯片'], note: '看好' }, 1500);
    const again = await saveArticle(db, mobile, 2000);
    // The status the tab is told is the archive's, tags and note included, without a second read.
    expect(again).toMatchObject({ savedAt: 1000, updatedAt: 2000, created: false, status: { saved: true, savedAt: 1000, tags: ['芯片'], note: '看好' } });
    expect(await db.count('articles')).toBe(1);
    expect(await db.count('bodies')).toBe(1);
    expect((await getArticle(db, desktop.id))?.template).toBe('mobile');
  });

  it('never replaces an article’s title or text silently: the version replaced is kept, and put back on request', async () => {
    const first = fakeRecord('202601091234567890', { title: '原来的标题', bodyText: '原来的正文。', bodyHtml: '<p>原来的正文。</p>' });
    await saveArticle(db, first, 1000);
    // The same text again replaces nothing.
    expect(await saveArticle(db, first, 1500)).toMatchObject({ replaced: false });
    expect(await readPrevious(db, first.id)).toBeUndefined();
    const edited = { ...first, title: '页面改过的标题', bodyText: '改过的正文。', bodyHtml: '<p>改过的正文。</p>' };
    expect(await saveArticle(db, edited, 2000)).toMatchObject({ created: false, replaced: true });
    expect(await getArticle(db, first.id)).toMatchObject({ title: '页面改过的标题', bodyText: '改过的正文。' });
    expect(await readPrevious(db, first.id)).toMatchObject({ title: '原来的标题', bodyText: '原来的正文。', bodyHtml: '<p>原来的正文。</p>', replacedAt: 2000 });

    expect(await restorePrevious(db, first.id, 3000)).toBe(true);
    expect(await getArticle(db, first.id)).toMatchObject({ title: '原来的标题', bodyText: '原来的正文。', savedAt: 1000, updatedAt: 3000, pending: 1 });
    // Putting back keeps what it replaced: the reader can switch again.
    expect(await readPrevious(db, first.id)).toMatchObject({ title: '页面改过的标题', replacedAt: 3000 });
    await deleteArticle(db, first.id);
    expect(await readPrevious(db, first.id)).toBeUndefined();
    expect(await restorePrevious(db, first.id)).toBe(false);
  });

  it('keeps one record when two saves of the same article race', async () => {
    await Promise.all([saveArticle(db, fakeRecord('202601091234567890'), 1), saveArticle(db, fakeRecord('202601091234567890'), 2)]);
    expect(await db.count('articles')).toBe(1);
  });

  it('indexes articles by the securities they mention', async () => {
    await saveArticle(db, fakeRecord('202601091234567890'), 1);
    await saveArticle(db, fakeRecord('202601091234567891', { mentions: [] }), 2);
    expect(await db.getAllKeysFromIndex('articles', 'by-secid', '0.000931')).toEqual(['202601091234567890']);
  });

  it('writes nothing when the body store refuses the write', async () => {
    const broken = fakeRecord('202601091234567890');
    // A body that structured clone cannot store makes the second put fail inside the transaction.
    (broken as unknown as { bodyHtml: unknown }).bodyHtml = () => 'not cloneable';
    await expect(saveArticle(db, broken, 1)).rejects.toThrow();
    expect(await db.count('articles')).toBe(0);
    expect(await db.count('bodies')).toBe(0);
  });
});

describe('listing', () => {
  it('pages newest first through the saved-time index, without gaps or repeats', async () => {
    for (let i = 0; i < 25; i += 1) {
      // Two articles share each saved time, so paging must break ties by id.
      await saveArticle(db, fakeRecord(`2026010912345678${String(i).padStart(2, '0')}`), Math.floor(i / 2));
    }
    const seen: string[] = [];
    let page = await listArticles(db, { limit: 10 });
    expect(page.total).toBe(25);
    seen.push(...page.items.map((item) => item.id));
    while (page.next) {
      page = await listArticles(db, { limit: 10, after: page.next });
      seen.push(...page.items.map((item) => item.id));
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen[0]).toBe('202601091234567824');
    expect(seen.at(-1)).toBe('202601091234567800');
    const listed = await listArticles(db, { limit: 3 });
    expect(listed.items[0]).not.toHaveProperty('bodyText');
  });

  it('says the last page is the last', async () => {
    await saveArticle(db, fakeRecord('202601091234567890'), 1);
    expect((await listArticles(db, { limit: 1 })).next).toBeNull();
    expect((await listArticles(db, { limit: 5 })).next).toBeNull();
  });
});

describe('deleting', () => {
  it('removes the listing and the body', async () => {
    await saveArticle(db, fakeRecord('202601091234567890'), 1);
    expect(await deleteArticle(db, '202601091234567890')).toBe(true);
    expect(await getListing(db, '202601091234567890')).toBeUndefined();
    expect(await db.count('bodies')).toBe(0);
    expect(await deleteArticle(db, '202601091234567890')).toBe(false);
  });
});

describe('schema upgrades', () => {
  it('runs every migration step from the version a profile has', async () => {
    const applied: number[] = [];
    const step = (n: number): Migration => () => void applied.push(n);
    const upgraded = await openArchive('upgrade-steps', [MIGRATIONS[0]!, step(1), step(2)]);
    expect(applied).toEqual([1, 2]);
    expect(upgraded.version).toBe(3);
    upgraded.close();
    applied.length = 0;
    const older = await openDB('upgrade-from-2', 2, { upgrade: () => {} });
    older.close();
    (await openArchive('upgrade-from-2', [MIGRATIONS[0]!, step(1), step(2)])).close();
    expect(applied).toEqual([2]);
  });

  it('keeps saved articles when the archive is reopened by a later version', async () => {
    await saveArticle(db, fakeRecord('202601091234567890'), 1);
    db.close();
    let ranNewStep = false;
    const next = await openArchive(name, [...MIGRATIONS, () => void (ranNewStep = true)]);
    expect(ranNewStep).toBe(true);
    expect((await getArticle(next, '202601091234567890'))?.title).toBe('文章 202601091234567890');
    db = next;
  });
});
