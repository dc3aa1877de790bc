// @vitest-environment jsdom
// Reads whole articles, so it needs a DOM that DOMPurify can sanitise with (see sanitize.test.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { openDB } from 'idb';
import { getArticle, saveArticle } from '../../lib/archive/articles';
import { MIGRATIONS, openArchive } from '../../lib/archive/db';
import type { ArchiveDb } from '../../lib/archive/schema';
import { collectArticles } from '../../lib/archive/export-articles';
import { countsForSecids } from '../../lib/archive/facets';
import { importArticles } from '../../lib/archive/import-articles';
import { queryArchive } from '../../lib/archive/query';
import { indexPending } from '../../lib/archive/search-index';
import type { ArchivedArticle } from '../../lib/article-model';
import { BACKGROUND_RULES } from '../../lib/protocol-background';
import { createReceiver, createSender } from '../../lib/protocol';
import { kindOf } from '../../lib/securities';
import { parseArchiveJson, toArchiveJson } from '../../lib/transfer/archive-json';
import { IMPORT_BATCH, importFile } from '../../lib/transfer/import-file';
import { archiveHandlers } from '../../entrypoints/background/archive-messages';
import { createArchiveEvents } from '../../lib/archive/archive-events';
import { readPageRecord } from '../../lib/page-record';
import { SEED_URL, fixtureDocument, frameShowing } from './fixtures';
import { createTabArticles } from '../../lib/tab-articles';

let n = 0;
const fresh = () => openArchive(`faults-${(n += 1)}`);
const seed = readPageRecord(fixtureDocument('current-seed.html'), SEED_URL)!;

afterEach(() => vi.restoreAllMocks());

describe('a full disk', () => {
  it('refuses the save with a clear message and writes nothing', async () => {
    const db = await fresh();
    const frame = frameShowing(seed.id);
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'bodies') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args as Parameters<typeof put>);
    });
    const receive = createReceiver(
    BACKGROUND_RULES,
      archiveHandlers(async () => db, { readPageRecord: async () => ({ record: seed, committedUrl: SEED_URL }), quotesNow: () => undefined, events: createArchiveEvents(), tabs: frame.tabs }),
    );
    const reply = await receive({ type: 'bg:save-article', payload: { id: seed.id } }, frame.sender);
    expect(reply).toMatchObject({ ok: false, code: 'storage-full', detail: expect.stringContaining('QuotaExceededError') });
    vi.restoreAllMocks();
    expect(await db.count('articles')).toBe(0);
    expect(await db.count('bodies')).toBe(0);
    expect(await db.count('facets')).toBe(0);
  });
});

describe('an archive written by the first schema version', () => {
  it('upgrades with every record intact, and becomes searchable', async () => {
    const dump = JSON.parse(readFileSync('test/fixtures/archive-v1.json', 'utf8'));
    expect(dump.version).toBe(1);
    const v1 = await openDB('made-by-v1', 1, { upgrade: (db, _o, _n, tx) => void MIGRATIONS[0]!(db as never, tx as never) });
    for (const listing of dump.articles) await v1.put('articles', listing);
    for (const body of dump.bodies) await v1.put('bodies', body);
    v1.close();

    const db = await openArchive('made-by-v1');
    expect(db.version).toBe(MIGRATIONS.length);
    for (const old of dump.articles) {
      const body = dump.bodies.find((b: { id: string }) => b.id === old.id);
      const upgraded = await getArticle(db, old.id);
      expect(upgraded).toMatchObject({ ...old, bodyText: body.bodyText, bodyHtml: body.bodyHtml, tags: [], note: '' });
    }
    expect(await countsForSecids(db, ['0.000931', '1.600519'])).toEqual({ '0.000931': 1, '1.600519': 1 });
    while ((await indexPending(db)) > 0);
    const found = await queryArchive(db, { text: '证券化' }, { limit: 10 });
    expect(found.items.map((item) => item.listing.id)).toEqual(['202112302231813952']);
  });

  it('keeps the old version when an upgrade step fails part way', async () => {
    const db = await fresh();
    await saveArticle(db, seed, Date.UTC(2026, 0, 1));
    const name = db.name;
    db.close();
    const failing = [...MIGRATIONS, () => Promise.reject(new Error('step failed'))];
    await expect(openArchive(name, failing)).rejects.toThrow();
    const again = await openArchive(name);
    expect(again.version).toBe(MIGRATIONS.length);
    expect((await getArticle(again, seed.id))?.title).toBe(seed.title);
  });
});

describe('an interrupted import', () => {
  it('leaves whole articles only, and running it again adds no duplicates', async () => {
    const many: ArchivedArticle[] = Array.from({ length: 1200 }, (_, i) => ({
      ...seed,
      id: `20260101${String(i).padStart(10, '0')}`,
      savedAt: Date.UTC(2026, 0, 1) + i,
      updatedAt: Date.UTC(2026, 0, 1) + i,
      tags: [],
      note: '',
    }));
    const json = toArchiveJson(many);
    const file = { text: async () => json };
    const db = await fresh();
    const receive = createReceiver(
    BACKGROUND_RULES,
      archiveHandlers(async () => db, { readPageRecord: async () => ({ record: null, committedUrl: null }), quotesNow: () => undefined, events: createArchiveEvents(), tabs: createTabArticles() }),
    );
    let batches = 0;
    // The second batch never arrives: the popup closed, the worker stopped.
    const flaky = createSender(async (message) => {
      batches += 1;
      if (batches === 2) throw new Error('Extension context invalidated.');
      return receive(message, 'extension-page');
    });
    await expect(importFile(file, (articles) => flaky('bg:import-articles', { articles }))).rejects.toThrow('Extension context invalidated');
    expect(await db.count('articles')).toBe(IMPORT_BATCH);
    expect(await db.count('bodies')).toBe(IMPORT_BATCH);
    const whole = await getArticle(db, many[0]!.id);
    expect(whole?.bodyText).toBe(seed.bodyText);

    const send = createSender((message) => receive(message, 'extension-page'));
    const report = await importFile(file, (articles) => send('bg:import-articles', { articles }));
    expect(report.outcome).toMatchObject({ taken: 1200, created: 1200 - IMPORT_BATCH, updated: IMPORT_BATCH, refused: [] });
    expect(await db.count('articles')).toBe(1200);
  }, 60_000);
});

describe('property: export → import → export', () => {
  const secid = fc.oneof(
    fc.integer({ min: 600000, max: 603999 }).map((code) => `1.${code}`),
    fc.integer({ min: 0, max: 2999 }).map((code) => `0.${String(code).padStart(6, '0')}`),
    fc.integer({ min: 400, max: 1200 }).map((code) => `90.BK${String(code).padStart(4, '0')}`),
  );
  const text = fc.string({ minLength: 1, maxLength: 40 }).filter((value) => value.trim().length > 0);
  const article = fc.record({
    id: fc.integer({ min: 0, max: 99_999_999 }).map((i) => `2025${String(i).padStart(14, '0')}`),
    title: text,
    summary: fc.string({ maxLength: 60 }),
    bodyText: text,
    source: fc.option(text, { nil: null }),
    author: fc.option(text, { nil: null }),
    publishedAt: fc.option(fc.date({ min: new Date('2015-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }).map((d) => d.toISOString().replace('Z', '+00:00')), { nil: null }),
    savedAt: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2026, 0, 1) }),
    tags: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 10 }).map((t) => t.replace(/[,，、;；\s]/g, '') || 'x'), { maxLength: 3 }),
    note: fc.string({ maxLength: 50 }),
    secids: fc.uniqueArray(secid, { maxLength: 5 }),
  });

  it('gives the same file for random archives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(article, { selector: (a) => a.id, maxLength: 8 }), async (articles) => {
        const records: ArchivedArticle[] = articles.map((a) => ({
          id: a.id,
          url: `https://finance.eastmoney.com/a/${a.id}.html`,
          title: a.title,
          publishedAt: a.publishedAt,
          source: a.source,
          author: a.author,
          summary: a.summary,
          bodyText: a.bodyText,
          bodyHtml: `<p>${a.bodyText.replace(/[<&]/g, '')}</p>`,
          mentions: a.secids.map((s, order) => {
            const [market, code] = s.split('.') as [string, string];
            return { secid: s, market: Number(market), code, name: code, kind: kindOf(Number(market), code), count: order + 1, order };
          }),
          template: 'current',
          savedAt: a.savedAt,
          updatedAt: a.savedAt,
          tags: a.tags,
          note: a.note,
        }));
        const source: ArchiveDb = await fresh();
        const first = await importArticles(source, records);
        expect(first.refused).toEqual([]);
        const exported = toArchiveJson(await collectArticles(source), new Date(0));
        const parsed = parseArchiveJson(exported);
        const target = await fresh();
        await importArticles(target, parsed.ok ? parsed.articles : []);
        expect(toArchiveJson(await collectArticles(target), new Date(0))).toBe(exported);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
