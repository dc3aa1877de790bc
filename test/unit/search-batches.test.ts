// Indexing many articles per transaction must give the index one-at-a-time gives.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { annotateArticle, deleteArticle, putArticles, saveArticle } from '../../lib/archive/articles';
import { openArchive } from '../../lib/archive/db';
import type { ArchiveDb } from '../../lib/archive/schema';
import { queryArchive } from '../../lib/archive/query';
import { BLOCK_SIZE, indexPending, matchTerms } from '../../lib/archive/search-index';
import type { ArticleRecord, Mention } from '../../lib/article-model';
import { parseQuery } from '../../lib/search/tokenize';
import { createRandom } from '../../bench/prng.mjs';

const WORDS = (
  '公司 市场 投资 增长 业绩 季度 营业收入 净利润 同比 板块 资金 北向资金 证券 银行 保险 基金 债券 指数 ' +
  '上涨 下跌 收盘 成交额 估值 分红 回购 公告 董事会 募集资金 新能源 光伏 储能 半导体 芯片 人工智能 ' +
  '白酒 汽车 知识产权 融资 上市 发行 亿元 分析师 研报 目标价 评级 风险 提示 中关村 证券化'
).split(' ');
const FILLERS = '的一是在了和有对为以于与及将等也中'.split('');
const SECURITIES: Array<Omit<Mention, 'count' | 'order'>> = [
  { secid: '1.600519', market: 1, code: '600519', kind: 'stock', name: '贵州茅台' },
  { secid: '0.000931', market: 0, code: '000931', kind: 'stock', name: '中关村' },
  { secid: '0.300750', market: 0, code: '300750', kind: 'stock', name: '宁德时代' },
  { secid: '1.600030', market: 1, code: '600030', kind: 'stock', name: '中信证券' },
  { secid: '90.BK0473', market: 90, code: 'BK0473', kind: 'sector', name: '证券' },
  { secid: '105.AAPL', market: 105, code: 'AAPL', kind: 'us', name: '苹果' },
];
const QUERIES = [
  ...WORDS,
  '股', '证', '的', '6', '60', '600', '6005', '000931', 'aapl', 'bk0473', '2', '证券 银行', '知识产权证券化',
  '产权知识', '茅台 芯片', '贵州茅台', '宁德时代', '季度复盘', '跟踪', '中国证券报', '第一财经',
];

/** The bench's seeded generator, plus runs of the words above. */
function random(seed: number) {
  const r = createRandom(seed);
  const words = (count: number) => Array.from({ length: count }, () => r.pick(WORDS) + (r.next() < 0.4 ? r.pick(FILLERS) : '')).join('');
  return { ...r, words };
}

function article(seed: number, index: number, version = 0): ArticleRecord {
  const r = random(seed * 7919 + index * 104_729 + version);
  const mentions = SECURITIES.filter(() => r.next() < 0.3).map((security, order) => ({ ...security, count: r.int(1, 3), order }));
  const bodyText = Array.from({ length: r.int(2, 6) }, () => `${r.words(r.int(10, 40))}。`).join('\n') +
    mentions.map((mention) => `${mention.name}(${mention.code})`).join('，');
  const id = `2024${String(index).padStart(14, '0')}`;
  return {
    id,
    url: `https://finance.eastmoney.com/a/${id}.html`,
    title: r.words(r.int(2, 6)),
    publishedAt: `2024-0${r.int(1, 9)}-1${r.int(0, 9)}T10:00:00+08:00`,
    source: r.pick(['中国证券报', '第一财经', '财联社', null]),
    author: null,
    summary: bodyText.slice(0, 40),
    bodyText,
    bodyHtml: `<p>${bodyText}</p>`,
    mentions,
    template: 'current',
  };
}

let n = 0;

/**
 * The same history of saves, re-saves, annotations and deletions, indexed
 * `perBatch` articles per indexPending call. Doc numbers start just below a
 * block boundary, so batches span two blocks.
 */
async function history(perBatch: number): Promise<ArchiveDb> {
  const db = await openArchive(`batches-${(n += 1)}`);
  await db.put('meta', BLOCK_SIZE - 40, 'nextDocNo');
  const drain = async () => {
    while ((await indexPending(db, perBatch)) > 0);
  };
  await putArticles(db, Array.from({ length: 150 }, (_, i) => article(1, i)), 1000);
  await drain();
  for (let i = 0; i < 150; i += 7) await saveArticle(db, article(1, i, 1), 2000 + i);
  for (let i = 3; i < 150; i += 11) await annotateArticle(db, article(1, i).id, { tags: ['季度复盘'], note: `跟踪${i}` }, 3000 + i);
  for (let i = 5; i < 150; i += 13) await deleteArticle(db, article(1, i).id);
  await putArticles(db, Array.from({ length: 30 }, (_, i) => article(2, 150 + i)), 4000);
  await drain();
  return db;
}

async function searchable(db: ArchiveDb) {
  const matches: Record<string, Array<[number, number[]]>> = {};
  const pages: Record<string, unknown> = {};
  for (const text of QUERIES) {
    matches[text] = [...(await matchTerms(db, parseQuery(text)))].sort((a, b) => a[0] - b[0]);
    const page = await queryArchive(db, { text }, { limit: 30 });
    pages[text] = { ...page, items: page.items.map((item) => ({ id: item.listing.id, docNo: item.listing.docNo, snippet: item.snippet })) };
  }
  const dead = [...(((await db.get('meta', 'dead')) as number[] | undefined) ?? [])].sort((a, b) => a - b);
  return { matches, pages, dead, next: await db.get('meta', 'nextDocNo'), postings: await db.getAll('postings'), segments: await segmentLists(db) };
}

/** What the segments hold, token by token, however the batches split it into records. */
async function segmentLists(db: ArchiveDb): Promise<Record<string, Array<[number, number]>>> {
  const lists: Record<string, Array<[number, number]>> = {};
  for (const segment of await db.getAll('segments')) {
    segment.tokens.forEach((token, i) => {
      for (let at = i === 0 ? 0 : segment.ends[i - 1]!; at < segment.ends[i]!; at += 1) {
        (lists[token] ??= []).push([segment.docs[at]!, segment.masks[at]!]);
      }
    });
  }
  for (const list of Object.values(lists)) list.sort((a, b) => a[0] - b[0]);
  return lists;
}

afterEach(() => vi.restoreAllMocks());

describe('indexing in batches', () => {
  it('gives the same postings and the same results as indexing one article at a time', async () => {
    const one = await searchable(await history(1));
    const many = await searchable(await history(200));
    expect(one.matches['证券']!.length).toBeGreaterThan(50);
    expect(one.pages['600']).toMatchObject({ total: expect.any(Number) });
    // Block 0 filled and folded into the token records; block 1 still in segments.
    expect(one.postings.length).toBeGreaterThan(100);
    expect(one.postings.every((posting) => posting.block === 0)).toBe(true);
    expect(Object.keys(one.segments).length).toBeGreaterThan(100);
    expect(many.matches).toEqual(one.matches);
    expect(many.pages).toEqual(one.pages);
    expect(many.dead).toEqual(one.dead);
    expect(many.next).toEqual(one.next);
    expect(many.postings).toEqual(one.postings);
    expect(many.segments).toEqual(one.segments);
  }, 60_000);

  it('finds the same before, during and after a block is folded into the token records, even when a fold stops part way', async () => {
    const db = await openArchive(`batches-${(n += 1)}`);
    await db.put('meta', BLOCK_SIZE - 60, 'nextDocNo');
    await putArticles(db, Array.from({ length: 70 }, (_, i) => article(6, i)), 1000);
    // Up to the block's end, and no further.
    expect(await indexPending(db)).toBe(60);
    expect(await db.count('postings')).toBe(0);
    const found = async () => {
      const all: Record<string, Array<[number, number[]]>> = {};
      for (const text of QUERIES) all[text] = [...(await matchTerms(db, parseQuery(text)))].sort((a, b) => a[0] - b[0]);
      return all;
    };
    const before = await found();
    expect(before['证券']!.length).toBeGreaterThan(20);

    // The block is complete: the next call folds it. Its third transaction fails.
    const remove = IDBObjectStore.prototype.delete;
    let deletes = 0;
    vi.spyOn(IDBObjectStore.prototype, 'delete').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'segments' && (deletes += 1) > 2 && deletes < 100) throw new DOMException('The disk is gone.', 'UnknownError');
      return remove.apply(this, args as Parameters<typeof remove>);
    });
    await expect(indexPending(db)).rejects.toThrow();
    vi.restoreAllMocks();
    expect(await db.count('postings')).toBeGreaterThan(0);
    expect(await db.count('segments')).toBeGreaterThan(0);
    expect(await found()).toEqual(before);

    expect(await indexPending(db, 0)).toBe(0);
    expect(await db.count('segments')).toBe(0);
    expect(await db.get('meta', 'sealed')).toBe(1);
    expect(await found()).toEqual(before);
    expect(await indexPending(db)).toBe(10);
    expect((await found())['证券']!.length).toBeGreaterThan(before['证券']!.length);
  });

  it('takes fewer articles than asked when their bodies exceed the size budget, and always at least one', async () => {
    const db = await openArchive(`batches-${(n += 1)}`);
    await putArticles(db, Array.from({ length: 10 }, (_, i) => article(3, i)), 1000);
    expect(await indexPending(db, 10, 1)).toBe(1);
    const total = (await db.getAll('bodies')).slice(1, 4).reduce((sum, body) => sum + body.bodyText.length, 0);
    expect(await indexPending(db, 10, total)).toBe(3);
    expect(await indexPending(db, 10)).toBe(6);
    expect(await indexPending(db, 10)).toBe(0);
  });
});

describe('the first page of a search', () => {
  it('is the same cut straight from the ranking as read through the filtered path, page after page', async () => {
    const db = await openArchive(`batches-${(n += 1)}`);
    await putArticles(db, Array.from({ length: 120 }, (_, i) => article(8, i)), 1000);
    while ((await indexPending(db)) > 0);
    // A date filter every article passes takes the path that reads and checks each listing.
    const everyDay = { from: '2000-01-01' };
    for (const text of ['证券', '股', '6', '600519', 'aapl', '证券 银行', '中国证券报']) {
      for (const offset of [0, 30, 60, 90]) {
        const [plain, filtered] = await Promise.all([
          queryArchive(db, { text }, { limit: 30, offset }),
          queryArchive(db, { text, ...everyDay }, { limit: 30, offset }),
        ]);
        expect(plain, `${text} from ${offset}`).toEqual(filtered);
      }
    }
  });
});

describe('an archive indexed before segments existed', () => {
  /** Moves the segments into token records of 1024 doc numbers, as the first schema with postings kept them. */
  async function asBefore(db: ArchiveDb): Promise<void> {
    const lists = await segmentLists(db);
    const tx = db.transaction(['postings', 'segments', 'meta'], 'readwrite');
    for (const [token, list] of Object.entries(lists)) {
      for (const block of new Set(list.map(([doc]) => Math.floor(doc / 1024)))) {
        const inBlock = list.filter(([doc]) => Math.floor(doc / 1024) === block);
        await tx.objectStore('postings').put({ token, block, docs: inBlock.map(([doc]) => doc), masks: inBlock.map(([, mask]) => mask) });
      }
    }
    await tx.objectStore('segments').clear();
    await tx.objectStore('meta').delete('sealed');
    await tx.objectStore('meta').delete('openSegments');
    await tx.done;
  }

  it('keeps its postings and finds what an archive indexed from scratch finds', async () => {
    const first = Array.from({ length: 60 }, (_, i) => article(7, i));
    const then = Array.from({ length: 70 }, (_, i) => article(7, 100 + i));
    const upgraded = await openArchive(`batches-${(n += 1)}`);
    await upgraded.put('meta', 1000, 'nextDocNo');
    await putArticles(upgraded, first, 1000);
    while ((await indexPending(upgraded)) > 0);
    await asBefore(upgraded);
    // Its next doc numbers fill the block the first ones started, and fold into their records.
    await upgraded.put('meta', BLOCK_SIZE - 50, 'nextDocNo');
    await saveArticle(upgraded, { ...first[0]!, title: '再次保存' }, 2000);
    await putArticles(upgraded, then, 3000);
    while ((await indexPending(upgraded)) > 0);
    expect(await upgraded.get('meta', 'sealed')).toBe(1);
    expect((await upgraded.getAll('postings')).some((posting) => posting.block === 0 && posting.docs.some((doc) => doc >= 1024))).toBe(true);

    const fresh = await openArchive(`batches-${(n += 1)}`);
    await putArticles(fresh, first, 1000);
    while ((await indexPending(fresh)) > 0);
    await saveArticle(fresh, { ...first[0]!, title: '再次保存' }, 2000);
    await putArticles(fresh, then, 3000);
    while ((await indexPending(fresh)) > 0);

    for (const text of [...QUERIES, '再次保存']) {
      const [a, b] = await Promise.all([upgraded, fresh].map((db) => queryArchive(db, { text }, { limit: 200 })));
      expect(a!.items.map((item) => item.listing.id), text).toEqual(b!.items.map((item) => item.listing.id));
      expect(a!.total, text).toBe(b!.total);
    }
  });
});

describe('an article saved again while a batch is being indexed', () => {
  it('has its old doc number marked dead, and is found once, by its new text only', async () => {
    const db = await openArchive(`batches-${(n += 1)}`);
    const first = { ...article(4, 0), bodyText: '旧版本正文提到储能。', title: '旧标题' };
    await putArticles(db, [first, ...Array.from({ length: 40 }, (_, i) => article(4, i + 1))], 1000);
    while ((await indexPending(db)) > 0);
    const oldDocNo = (await db.get('articles', first.id))!.docNo!;

    // A save and a batch at once: one of the two transactions goes first, and either way
    // the old doc number ends dead and the new text is indexed.
    await putArticles(db, Array.from({ length: 40 }, (_, i) => article(4, i + 100)), 2000);
    const second = { ...first, bodyText: '新版本正文提到光伏。', title: '新标题' };
    await Promise.all([indexPending(db), saveArticle(db, second, 3000)]);
    while ((await indexPending(db)) > 0);

    const dead = (await db.get('meta', 'dead')) as number[];
    const now = (await db.get('articles', first.id))!;
    expect(dead).toContain(oldDocNo);
    expect(now.pending).toBeUndefined();
    expect(now.docNo).not.toBe(oldDocNo);
    expect(dead).not.toContain(now.docNo);
    const found = async (text: string) => (await queryArchive(db, { text }, { limit: 100 })).items.map((item) => item.listing.id);
    expect(await found('新版本')).toEqual([first.id]);
    expect(await found('旧版本')).toEqual([]);
    expect((await found('新标题')).filter((id) => id === first.id)).toHaveLength(1);
  });

  it('leaves an article saved between the batch reading it and writing it waiting, and indexes it as saved', async () => {
    const db = await openArchive(`batches-${(n += 1)}`);
    const names = ['甲子', '乙丑', '丙寅', '丁卯', '戊辰', '己巳', '庚午', '辛未', '壬申', '癸酉'];
    const records = names.map((name, i) => ({ ...article(9, i), title: name }));
    await putArticles(db, records, 1000);
    // The batch has read what waits; a save lands before its writes.
    const getAll = IDBIndex.prototype.getAll;
    let saved: Promise<unknown> | null = null;
    vi.spyOn(IDBIndex.prototype, 'getAll').mockImplementation(function (this: IDBIndex, ...args) {
      const request = getAll.apply(this, args as Parameters<typeof getAll>);
      if (this.name === 'by-pending' && !saved) saved = saveArticle(db, { ...records[0]!, title: '读后再存' }, 5000);
      return request;
    });
    expect(await indexPending(db)).toBe(9);
    vi.restoreAllMocks();
    await saved;
    expect((await db.get('articles', records[0]!.id))!.pending).toBe(1);
    expect(await indexPending(db)).toBe(1);
    const found = async (text: string) => (await queryArchive(db, { text }, { limit: 100 })).items.map((item) => item.listing.id);
    expect(await found('读后再存')).toEqual([records[0]!.id]);
    expect(await found('甲子')).toEqual([]);
    expect(await found('乙丑')).toEqual([records[1]!.id]);
  });

  it('marks a doc number still on a waiting listing dead when the batch gives it a new one', async () => {
    const db = await openArchive(`batches-${(n += 1)}`);
    const records = Array.from({ length: 5 }, (_, i) => article(5, i));
    await putArticles(db, records, 1000);
    while ((await indexPending(db)) > 0);
    const listings = await Promise.all(records.slice(0, 2).map((record) => db.get('articles', record.id)));
    // Listings waiting with their doc number kept, as an older release could leave them.
    for (const listing of listings) await db.put('articles', { ...listing!, pending: 1 });
    expect(await indexPending(db)).toBe(2);
    const dead = (await db.get('meta', 'dead')) as number[];
    expect(dead.sort((a, b) => a - b)).toEqual(listings.map((listing) => listing!.docNo!).sort((a, b) => a - b));
    expect(await matchTerms(db, parseQuery(records[0]!.title))).toSatisfy((matched: Map<number, number[]>) =>
      [...matched.keys()].every((docNo) => !dead.includes(docNo)),
    );
  });
});
