// @vitest-environment jsdom
// Reads whole articles, so it needs a DOM that DOMPurify can sanitise with (see sanitize.test.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { annotateArticle, deleteArticle, putArticles, saveArticle } from '../../lib/archive/articles';
import { openArchive } from '../../lib/archive/db';
import type { ArchiveDb } from '../../lib/archive/schema';
import { countsForSecids, listFacets } from '../../lib/archive/facets';
import { queryArchive, type ArchiveFilter } from '../../lib/archive/query';
import { indexPending } from '../../lib/archive/search-index';
import type { ArticleRecord } from '../../lib/article-model';
import { readPageRecord } from '../../lib/page-record';
import { parseQuery, tokensOf } from '../../lib/search/tokenize';
import { snippetOf } from '../../lib/search/snippet';
import { LEGACY_URL, SEED_URL, fixtureDocument } from './fixtures';

const seed = readPageRecord(fixtureDocument('current-seed.html'), SEED_URL)!;
const legacy = readPageRecord(fixtureDocument('legacy-variants.html'), LEGACY_URL)!;
const caifuhao = readPageRecord(fixtureDocument('caifuhao-article.html'), 'https://caifuhao.eastmoney.com/news/20190124053117311720040')!;

describe('tokens', () => {
  it('splits Chinese into bigrams plus the last character, and keeps Latin words and codes whole', () => {
    expect(tokensOf('知识产权证券化')).toEqual(['知识', '识产', '产权', '权证', '证券', '券化', '化']);
    expect(tokensOf('中关村 000931 AAPL')).toEqual(['中关', '关村', '村', '000931', 'aapl']);
    expect(tokensOf('贵州茅台ETF涨3.5%')).toEqual(['贵州', '州茅', '茅台', '台', 'etf', '涨', '3', '5']);
  });

  it('parses a query into terms that must all match', () => {
    expect(parseQuery(' 证券化  000931 ')).toEqual([
      { text: '证券化', tokens: ['证券', '券化'], prefix: false },
      { text: '000931', tokens: ['000931'], prefix: true },
    ]);
    expect(parseQuery('股')).toEqual([{ text: '股', tokens: ['股'], prefix: true }]);
    expect(parseQuery('  ，。 ')).toEqual([]);
  });

  it('cuts a snippet around the first match, matches marked', () => {
    const snippet = snippetOf('北京首个专利许可知识产权证券化项目已设立', ['证券化'], 12)!;
    expect(snippet.parts).toEqual(['…知识产权', '证券化', '项目已设立']);
    expect(snippetOf('甲'.repeat(30) + '证券化' + '乙'.repeat(30), ['证券化'], 12)!.parts).toEqual(['…甲甲甲甲', '证券化', '乙乙乙乙乙…']);
  });
});

let n = 0;
async function archiveOf(records: ArticleRecord[]): Promise<ArchiveDb> {
  n += 1;
  const db = await openArchive(`search-${n}`);
  for (const [i, record] of records.entries()) await saveArticle(db, record, 1000 + i);
  while ((await indexPending(db)) > 0);
  return db;
}

async function ids(db: ArchiveDb, filter: ArchiveFilter): Promise<string[]> {
  const page = await queryArchive(db, filter, { limit: 50 });
  return page.items.map((item) => item.listing.id);
}

describe('searching the archive', () => {
  let db: ArchiveDb;
  beforeEach(async () => {
    db = await archiveOf([seed, legacy, caifuhao]);
  });

  it.each(['证券化', '知识产权', '中关村', '000931', '专利许可知识产权'])('finds the seed article by %s', async (text) => {
    expect(await ids(db, { text })).toEqual([seed.id]);
  });

  it('finds by a code prefix, a ticker, a source and a security name', async () => {
    expect(await ids(db, { text: '6005' })).toEqual([legacy.id]);
    expect(await ids(db, { text: 'aapl' })).toEqual([legacy.id]);
    expect(await ids(db, { text: 'AAPL' })).toEqual([legacy.id]);
    expect(await ids(db, { text: '证券时报' })).toEqual([legacy.id]);
    expect(await ids(db, { text: '腾讯控股' })).toEqual([legacy.id]);
  });

  it('needs every word of a query to match', async () => {
    expect(await ids(db, { text: '证券 中信' })).toEqual([caifuhao.id]);
    expect(await ids(db, { text: '中关村 茅台' })).toEqual([]);
  });

  it('does not match articles that have the bigrams of a phrase but not the phrase', async () => {
    // The seed has 知识 and 识产 and 产权 (知识产权) but never 产权知识.
    expect(await ids(db, { text: '产权知识' })).toEqual([]);
  });

  it('ranks a match in the title above matches in the body only', async () => {
    const page = await queryArchive(db, { text: '券商' }, { limit: 10 });
    expect(page.items.map((item) => item.listing.id)).toEqual([caifuhao.id]);
    const both = await queryArchive(db, { text: '证券' }, { limit: 10 });
    // Seed: title, summary, body, source and a security; 财富号: body and securities; legacy: its source only.
    expect(both.items.map((item) => item.listing.id)).toEqual([seed.id, caifuhao.id, legacy.id]);
  });

  it('shows a snippet with the match marked', async () => {
    const page = await queryArchive(db, { text: '知识产权证券化' }, { limit: 10 });
    const parts = page.items[0]!.snippet!.parts;
    expect(parts.filter((_, i) => i % 2 === 1)).toContain('知识产权证券化');
    expect(page.total).toBe(1);
    expect(page.exact).toBe(true);
  });

  it('finds articles by tag and note once annotated, and not by the old ones', async () => {
    await annotateArticle(db, seed.id, { tags: ['ABS', '季度复盘'], note: '关注后续发行' }, 5000);
    await indexPending(db);
    expect(await ids(db, { text: '季度复盘' })).toEqual([seed.id]);
    expect(await ids(db, { text: '后续发行' })).toEqual([seed.id]);
    expect(await ids(db, { tag: 'ABS' })).toEqual([seed.id]);
    await annotateArticle(db, seed.id, { tags: [], note: '' }, 6000);
    await indexPending(db);
    expect(await ids(db, { text: '季度复盘' })).toEqual([]);
    expect(await ids(db, { text: '中关村' })).toEqual([seed.id]);
  });

  it('forgets deleted articles and finds re-saved ones once', async () => {
    await deleteArticle(db, legacy.id);
    expect(await ids(db, { text: '茅台' })).toEqual([]);
    await saveArticle(db, seed, 9000);
    await indexPending(db);
    expect(await ids(db, { text: '中关村' })).toEqual([seed.id]);
  });
});

describe('filters', () => {
  let db: ArchiveDb;
  beforeEach(async () => {
    db = await archiveOf([seed, legacy, caifuhao]);
  });

  it('filters by security, kind, source and published dates, alone and with a search', async () => {
    // The seed marks 证券 only inside other names: by default the filter leaves it out.
    expect(await ids(db, { secid: '90.BK0473' })).toEqual([caifuhao.id]);
    expect(await ids(db, { secid: '90.BK0473', doubtful: 'include' })).toEqual([caifuhao.id, seed.id]);
    expect(await ids(db, { kind: 'us' })).toEqual([legacy.id]);
    expect(await ids(db, { source: '中国证券报' })).toEqual([seed.id]);
    expect(await ids(db, { from: '2019-01-01', to: '2019-12-31' })).toEqual([caifuhao.id, legacy.id]);
    expect(await ids(db, { from: '2021-12-30' })).toEqual([seed.id]);
    expect(await ids(db, { text: '证券', secid: '1.600030' })).toEqual([caifuhao.id]);
    expect(await ids(db, { text: '证券', kind: 'sector', from: '2020-01-01' })).toEqual([seed.id]);
  });

  it('counts how many saved articles mention each security, most first', async () => {
    const facets = await listFacets(db, 'secid');
    expect(facets[0]).toMatchObject({ value: '90.BK0473', count: 2, name: '证券', kind: 'sector' });
    expect(await countsForSecids(db, ['0.000931', '90.BK0473', '1.999999'], 'secid')).toEqual({
      '0.000931': 1,
      '90.BK0473': 2,
      '1.999999': 0,
    });
    // Likely mentions only: the seed is about neither.
    expect(await countsForSecids(db, ['0.000931', '90.BK0473'])).toEqual({ '0.000931': 0, '90.BK0473': 1 });
    await deleteArticle(db, seed.id);
    expect(await countsForSecids(db, ['0.000931', '90.BK0473'], 'secid')).toEqual({ '0.000931': 0, '90.BK0473': 1 });
    expect((await listFacets(db, 'source')).map((f) => [f.value, f.count]).sort()).toEqual([
      ['证券时报', 1],
      ['财富号', 1],
    ].sort());
  });

  it('pages a filtered list without gaps or repeats, with an exact total', async () => {
    const many = Array.from({ length: 45 }, (_, i) => ({
      ...seed,
      id: `2026010912345678${String(i).padStart(2, '0')}`,
      source: i % 3 === 0 ? '第一财经' : '中国证券报',
    }));
    await putArticles(db, many, 2000);
    const seen: string[] = [];
    let page = await queryArchive(db, { source: '第一财经' }, { limit: 4 });
    expect(page.total).toBe(15);
    seen.push(...page.items.map((item) => item.listing.id));
    while (page.next !== null) {
      page = await queryArchive(db, { source: '第一财经' }, { limit: 4, offset: page.next });
      seen.push(...page.items.map((item) => item.listing.id));
    }
    expect(new Set(seen).size).toBe(15);
  });
});

describe('upgrading an archive from the first schema version', () => {
  it('keeps every record, counts facets and makes old articles searchable', async () => {
    const { openDB } = await import('idb');
    const { MIGRATIONS } = await import('../../lib/archive/db');
    const v1 = await openDB('upgrade-v1', 1, { upgrade: (db, _o, _n, tx) => void MIGRATIONS[0]!(db as never, tx as never) });
    const { bodyText, bodyHtml, ...listing } = seed;
    await v1.put('articles', { ...listing, savedAt: 1, updatedAt: 1, secids: seed.mentions.map((m) => m.secid) });
    await v1.put('bodies', { id: seed.id, bodyText, bodyHtml });
    v1.close();
    const db = await openArchive('upgrade-v1');
    expect(db.version).toBe(MIGRATIONS.length);
    expect(await db.get('articles', seed.id)).toMatchObject({ title: seed.title, tags: [], note: '', kinds: ['sector', 'stock'], pending: 1 });
    expect(await countsForSecids(db, ['0.000931'])).toEqual({ '0.000931': 1 });
    expect(await indexPending(db)).toBe(1);
    expect(await ids(db, { text: '证券化' })).toEqual([seed.id]);
  });
});
