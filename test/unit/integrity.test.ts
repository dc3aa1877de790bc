// The integrity check: the articles are the truth; bodies, facets and the
// search index are checked against them and rebuilt where they disagree.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { putArticles } from '../../lib/archive/articles';
import { openArchive } from '../../lib/archive/db';
import { listFacets } from '../../lib/archive/facets';
import { checkArchive, fixedAnything } from '../../lib/archive/integrity';
import { queryArchive } from '../../lib/archive/query';
import type { ArchiveDb, FacetType } from '../../lib/archive/schema';
import { BLOCK_SIZE, indexPending } from '../../lib/archive/search-index';
import { PRINT_GROUP, printsKey, type StoredPrints } from '../../lib/archive/index-fingerprint';
import type { ArticleRecord, Mention } from '../../lib/article-model';
import { createRandom } from '../../bench/prng.mjs';

const WORDS = '公司 市场 投资 增长 业绩 季度 证券 银行 基金 上涨 下跌 新能源 光伏 芯片 白酒 知识产权 融资 中关村 证券化'.split(' ');
const SECURITIES: Array<Omit<Mention, 'count' | 'order'>> = [
  { secid: '1.600519', market: 1, code: '600519', kind: 'stock', name: '贵州茅台' },
  { secid: '0.000931', market: 0, code: '000931', kind: 'stock', name: '中关村' },
  { secid: '90.BK0473', market: 90, code: 'BK0473', kind: 'sector', name: '证券' },
  { secid: '105.AAPL', market: 105, code: 'AAPL', kind: 'us', name: '苹果' },
];
const QUERIES = ['证券', '中关村', '芯片 银行', '600519', 'aapl', '知识产权证券化', '季度', '第一财经', '复盘', '跟踪'];
const TYPES: FacetType[] = ['secid', 'kind', 'source', 'tag'];

type Stored = ArticleRecord & { savedAt: number; updatedAt: number; tags: string[]; note: string };

function article(index: number): Stored {
  const r = createRandom(index * 7919 + 17);
  const words = (count: number) => Array.from({ length: count }, () => r.pick(WORDS)).join('');
  const mentions = SECURITIES.filter(() => r.next() < 0.4).map((security, order) => ({ ...security, count: r.int(1, 3), order }));
  const bodyText = `${words(r.int(5, 30))}。${mentions.map((mention) => `${mention.name}(${mention.code})`).join('，')}`;
  const id = `2025${String(index).padStart(14, '0')}`;
  return {
    id,
    url: `https://finance.eastmoney.com/a/${id}.html`,
    title: words(r.int(2, 5)),
    publishedAt: `2025-0${r.int(1, 9)}-1${r.int(0, 9)}T10:00:00+08:00`,
    source: r.pick(['中国证券报', '第一财经', '财联社', null]),
    author: null,
    summary: bodyText.slice(0, 20),
    bodyText,
    bodyHtml: `<p>${bodyText}</p>`,
    mentions,
    template: 'current',
    savedAt: 1000 + index,
    updatedAt: 2000 + index,
    tags: r.next() < 0.3 ? ['季度复盘'] : [],
    note: r.next() < 0.2 ? `跟踪${index}` : '',
  };
}

let n = 0;
/** `firstDocNo` near a block's end makes the indexer fold a block into the token records. */
async function archiveOf(records: Stored[], batch = 7, firstDocNo?: number): Promise<ArchiveDb> {
  const db = await openArchive(`integrity-${(n += 1)}`);
  if (firstDocNo !== undefined) await db.put('meta', firstDocNo, 'nextDocNo');
  await putArticles(db, records, 5000);
  while ((await indexPending(db, batch)) > 0);
  return db;
}

async function indexAll(db: ArchiveDb) {
  while ((await indexPending(db)) > 0);
}

/** What a reader sees: every article, its body, the filter counts, and what each search finds. */
async function observable(db: ArchiveDb) {
  const listings = await db.getAll('articles');
  const bodies = await db.getAll('bodies');
  const articles = listings.map(({ docNo: _docNo, pending: _pending, ...rest }) => rest);
  const facets = Object.fromEntries(
    await Promise.all(TYPES.map(async (type) => [type, (await listFacets(db, type)).map(({ value, count }) => [value, count])])),
  );
  const found: Record<string, string[]> = {};
  for (const text of QUERIES) {
    const page = await queryArchive(db, { text }, { limit: 1000 });
    found[text] = page.items.map((item) => item.listing.id).sort();
  }
  return { articles, bodies, facets, found, pending: listings.filter((listing) => listing.pending === 1).length };
}

describe('the integrity check', () => {
  it('finds nothing to fix in an archive as the archive writes it', async () => {
    const db = await archiveOf(Array.from({ length: 40 }, (_, i) => article(i)));
    const report = await checkArchive(db);
    expect(report.articles).toBe(40);
    expect(fixedAnything(report)).toBe(false);
  });

  it('finds nothing to fix in an empty archive, and leaves it empty', async () => {
    const db = await openArchive(`integrity-${(n += 1)}`);
    expect(fixedAnything(await checkArchive(db))).toBe(false);
    expect(await db.count('meta')).toBe(0);
  });

  it('says what it fixed: a lost body, an orphan body, a wrong count, a lost index record and a doc number of no article', async () => {
    const records = Array.from({ length: 30 }, (_, i) => article(i));
    const db = await archiveOf(records);
    const expected = await observable(await archiveOf(records.map((record, i) => (i === 3 ? { ...record, bodyText: '', bodyHtml: '' } : record))));
    await db.delete('bodies', records[3]!.id);
    await db.put('bodies', { id: '20259999999999999999', bodyText: '孤儿', bodyHtml: '' });
    await db.put('facets', { type: 'source', value: '第一财经', count: 999 });
    const [segment] = await db.getAll('segments');
    await db.delete('segments', [segment!.shard, segment!.start]);
    await db.put('postings', { token: '孤儿', block: 0, docs: [5000], masks: [1] });

    const report = await checkArchive(db);
    expect(report).toMatchObject({ articles: 30, missingBodies: 1, orphanBodies: 1, orphanDocs: 1, facetsFixed: 1 });
    expect(report.reindexed).toBeGreaterThan(0);
    await indexAll(db);
    expect(await observable(db)).toEqual(expected);
    // The 孤儿 posting's doc number no longer counts, and the next article does not take it.
    expect((await queryArchive(db, { text: '孤儿' }, { limit: 10 })).items).toEqual([]);
    expect(fixedAnything(await checkArchive(db))).toBe(false);
  });

  it('trusts the print each article was indexed with, and tokenizes (and keeps the print) only where none was kept', async () => {
    const records = Array.from({ length: 30 }, (_, i) => article(i));
    const db = await archiveOf(records);
    const printKeys = (await db.getAllKeys('meta')).filter((key) => key.startsWith('docPrints:'));
    expect(printKeys.length).toBeGreaterThan(0);
    // An archive indexed before prints were kept: the check reads the articles, finds the index right, and keeps their prints.
    for (const key of printKeys) await db.delete('meta', key);
    expect(fixedAnything(await checkArchive(db))).toBe(false);
    const kept = (await db.getAllKeys('meta')).filter((key) => key.startsWith('docPrints:'));
    expect(kept).toEqual(printKeys);
    // From then on the check reads no body whose print and index entries agree (a body changed behind the archive's back goes
    // unnoticed: every write of an article queues it to be indexed again); index entries lost are still found.
    const [first] = records;
    const listing = (await db.get('articles', first!.id))!;
    await db.put('bodies', { id: first!.id, bodyText: '一段从未索引的文字', bodyHtml: '' });
    expect(fixedAnything(await checkArchive(db))).toBe(false);
    for (const segment of await db.getAll('segments')) {
      if (segment.docs.includes(listing.docNo!)) await db.delete('segments', [segment.shard, segment.start]);
    }
    expect((await checkArchive(db)).reindexed).toBeGreaterThanOrEqual(1);
  });

  it('rebuilds the index bookkeeping when meta is lost', async () => {
    const records = Array.from({ length: 25 }, (_, i) => article(i));
    const db = await archiveOf(records);
    const expected = await observable(db);
    await db.clear('meta');
    const report = await checkArchive(db);
    expect(report.metaFixed).toContain('nextDocNo');
    await indexAll(db);
    // A new article after the repair gets a doc number of its own and is found with the others.
    await putArticles(db, [article(100)], 9000);
    await indexAll(db);
    const after = await observable(db);
    expect(after.articles).toHaveLength(26);
    expect(after.found['证券']).toEqual([...new Set([...expected.found['证券']!, ...(article(100).bodyText.includes('证券') || article(100).title.includes('证券') ? [article(100).id] : [])])].sort());
  });

  it('converges to the archive rebuilt from its articles, whatever store is damaged, without losing an article (property)', async () => {
    const damage = fc.oneof(
      fc.record({ kind: fc.constant('delete-body' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('orphan-body' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('facet-count' as const), at: fc.nat(), count: fc.integer({ min: -3, max: 50 }) }),
      fc.record({ kind: fc.constant('delete-facet' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('bogus-facet' as const), count: fc.integer({ min: 1, max: 9 }) }),
      fc.record({ kind: fc.constant('delete-segment' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('delete-posting' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('garble-segment' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('garble-posting' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('stray-posting' as const), doc: fc.oneof(fc.integer({ min: 1, max: 400 }), fc.integer({ min: BLOCK_SIZE - 30, max: BLOCK_SIZE + 30 })) }),
      fc.record({ kind: fc.constant('swap-masks' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('meta' as const), key: fc.constantFrom('nextDocNo', 'dead', 'sealed', 'openSegments'), value: fc.constantFrom<unknown>(undefined, 0, 1, 'x', null, [], [1, 2, 3], { start: 'a' }) }),
      fc.record({ kind: fc.constant('dead-live' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('unqueue' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('wrong-print' as const), at: fc.nat(), by: fc.integer({ min: 1, max: 5 }) }),
      fc.record({ kind: fc.constant('delete-prints' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('garble-prints' as const), at: fc.nat(), value: fc.constantFrom<unknown>(null, 'x', { tokens: [1], sums: [2] }, { tokens: 'a', sums: [] }) }),
      fc.record({ kind: fc.constant('stray-prints' as const), key: fc.constantFrom('docPrints:x', 'docPrints:-1', 'docPrints:99') }),
    );
    const size = 36;
    const records = Array.from({ length: size }, (_, i) => article(i));
    await fc.assert(
      fc.asyncProperty(fc.array(damage, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), async (damages, batch, folded) => {
        const db = await archiveOf(records, batch, folded ? BLOCK_SIZE - 20 : undefined);
        if (folded) expect(await db.count('postings')).toBeGreaterThan(0);
        const lostBodies = new Set<string>();
        for (const hurt of damages) {
          const ids = records.map((record) => record.id);
          const pick = <T,>(list: T[], at: number) => list[at % list.length];
          switch (hurt.kind) {
            case 'delete-body': {
              const id = pick(ids, hurt.at)!;
              lostBodies.add(id);
              await db.delete('bodies', id);
              break;
            }
            case 'orphan-body':
              await db.put('bodies', { id: `2026${String(hurt.at % 1000).padStart(16, '0')}`, bodyText: '无主', bodyHtml: '' });
              break;
            case 'facet-count': {
              const facet = pick(await db.getAll('facets'), hurt.at);
              if (facet) await db.put('facets', { ...facet, count: hurt.count });
              break;
            }
            case 'delete-facet': {
              const facet = pick(await db.getAll('facets'), hurt.at);
              if (facet) await db.delete('facets', [facet.type, facet.value]);
              break;
            }
            case 'bogus-facet':
              await db.put('facets', { type: 'tag', value: '无此标签', count: hurt.count });
              break;
            case 'delete-segment':
            case 'garble-segment': {
              const segment = pick(await db.getAll('segments'), hurt.at);
              if (!segment) break;
              if (hurt.kind === 'delete-segment') await db.delete('segments', [segment.shard, segment.start]);
              else await db.put('segments', { ...segment, ends: segment.ends.slice(1), docs: 'garbled' as unknown as number[] });
              break;
            }
            case 'delete-posting':
            case 'garble-posting': {
              const posting = pick(await db.getAll('postings'), hurt.at);
              if (!posting) break;
              if (hurt.kind === 'delete-posting') await db.delete('postings', [posting.token, posting.block]);
              else await db.put('postings', { ...posting, masks: posting.masks.slice(1) });
              break;
            }
            case 'stray-posting':
              await db.put('postings', { token: '证券', block: 7, docs: [hurt.doc], masks: [1] });
              break;
            case 'swap-masks': {
              const segment = pick(await db.getAll('segments'), hurt.at);
              if (segment && segment.masks.length) await db.put('segments', { ...segment, masks: segment.masks.map((mask) => (mask === 1 ? 2 : 1)) });
              break;
            }
            case 'meta':
              if (hurt.value === undefined) await db.delete('meta', hurt.key);
              else await db.put('meta', hurt.value, hurt.key);
              break;
            case 'dead-live': {
              const listing = await db.get('articles', pick(ids, hurt.at)!);
              const dead = await db.get('meta', 'dead');
              if (listing?.docNo !== undefined) await db.put('meta', [...(Array.isArray(dead) ? dead : []), listing.docNo], 'dead');
              break;
            }
            case 'wrong-print': {
              // The print kept for an article made to disagree with its (right) index entries.
              const listing = await db.get('articles', pick(ids, hurt.at)!);
              if (listing?.docNo === undefined) break;
              const key = printsKey(Math.floor(listing.docNo / PRINT_GROUP));
              const prints = (await db.get('meta', key)) as StoredPrints | undefined;
              // A record garbled by an earlier damage has no print to make wrong.
              const slot = listing.docNo % PRINT_GROUP;
              if (!prints || !Array.isArray(prints.sums) || typeof prints.sums[slot] !== 'number') break;
              prints.sums[slot] = (prints.sums[slot] + hurt.by) % 2 ** 32;
              await db.put('meta', prints, key);
              break;
            }
            case 'delete-prints':
            case 'garble-prints': {
              const key = pick((await db.getAllKeys('meta')).filter((k) => k.startsWith('docPrints:')), hurt.at);
              if (!key) break;
              if (hurt.kind === 'delete-prints') await db.delete('meta', key);
              else await db.put('meta', hurt.value, key);
              break;
            }
            case 'stray-prints':
              await db.put('meta', { tokens: [], sums: [] }, hurt.key);
              break;
            case 'unqueue': {
              const listing = await db.get('articles', pick(ids, hurt.at)!);
              if (listing) {
                const { docNo: _docNo, pending: _pending, ...rest } = listing;
                await db.put('articles', rest);
              }
              break;
            }
          }
        }

        const report = await checkArchive(db);
        await indexAll(db);
        const rebuilt = await archiveOf(records.map((record) => (lostBodies.has(record.id) ? { ...record, bodyText: '', bodyHtml: '' } : record)));
        const repaired = await observable(db);
        expect(repaired.articles.map((article) => article.id)).toEqual(records.map((record) => record.id));
        expect(repaired).toEqual(await observable(rebuilt));
        expect(report.missingBodies).toBe(lostBodies.size);
        // Checked again, the repaired archive is whole.
        expect(fixedAnything(await checkArchive(db))).toBe(false);
      }),
      {
        numRuns: 60,
        // Damages that once met: a print record garbled, then a print in it made wrong, then the doc counter lost.
        examples: [[[{ kind: 'garble-prints', at: 0, value: 'x' }, { kind: 'wrong-print', at: 0, by: 1 }, { kind: 'meta', key: 'nextDocNo', value: undefined }], 1, false]],
      },
    );
  }, 120_000);
});
