// The search index keeps doc numbers and masks as typed arrays; records an
// earlier version wrote as plain arrays are rewritten in the background with
// nothing a search or the integrity check could tell apart.
import { describe, expect, it, vi } from 'vitest';
import { putArticles } from '../../lib/archive/articles';
import { compactIndex } from '../../lib/archive/compact-index';
import { createArchiveEvents } from '../../lib/archive/archive-events';
import { openArchive } from '../../lib/archive/db';
import { createWriteMarker } from '../../lib/archive/write-marker';
import { setupSearchIndexer } from '../../entrypoints/background/search-indexer';
import { isWholePosting, isWholeSegment } from '../../lib/archive/index-fingerprint';
import { checkArchive, fixedAnything } from '../../lib/archive/integrity';
import { queryArchive } from '../../lib/archive/query';
import type { ArchiveDb, Posting, Segment } from '../../lib/archive/schema';
import { BLOCK_SIZE, indexPending } from '../../lib/archive/search-index';
import { createRandom } from '../../bench/prng.mjs';
import { fakeRecord } from './fixtures';

const WORDS = '公司 市场 投资 增长 业绩 季度 证券 银行 基金 上涨 下跌 新能源 光伏 芯片 白酒 知识产权 融资 中关村 证券化 回购 分红 估值'.split(' ');
const QUERIES = ['证券', '中关村', '芯片 银行', '000931', '知识产权证券化', '季度', '第一财经', '回购 分红', '估'];

function articles(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const r = createRandom(i * 104_729 + 3);
    const words = (n: number) => Array.from({ length: n }, () => r.pick(WORDS)).join('');
    const bodyText = `${words(r.int(20, 60))}。`;
    return fakeRecord(`2026${String(i).padStart(14, '0')}`, { title: words(r.int(2, 5)), bodyText, bodyHtml: `<p>${bodyText}</p>` });
  });
}

let n = 0;

/** An archive with records in both stores: a folded block in postings and the block after it in segments. */
async function indexedArchive(): Promise<ArchiveDb> {
  const db = await openArchive(`compact-${(n += 1)}`);
  await db.put('meta', BLOCK_SIZE - 40, 'nextDocNo');
  await putArticles(db, articles(80), 1000);
  while ((await indexPending(db, 20)) > 0);
  return db;
}

/** Every index record turned back into plain arrays, as versions before typed arrays wrote them. */
async function asPlainArrays(db: ArchiveDb): Promise<void> {
  const tx = db.transaction(['postings', 'segments'], 'readwrite');
  for (const posting of await tx.objectStore('postings').getAll()) {
    await tx.objectStore('postings').put({ ...posting, docs: Array.from(posting.docs), masks: Array.from(posting.masks) });
  }
  for (const segment of await tx.objectStore('segments').getAll()) {
    await tx.objectStore('segments').put({ ...segment, ends: Array.from(segment.ends), docs: Array.from(segment.docs), masks: Array.from(segment.masks) });
  }
  await tx.done;
}

const isTyped = (record: Posting | Segment) =>
  record.docs instanceof Uint32Array && record.masks instanceof Uint8Array && (!('ends' in record) || record.ends instanceof Uint32Array);

/** The index's contents with the array kinds left out. */
async function contents(db: ArchiveDb) {
  const plain = (record: Posting | Segment) =>
    JSON.stringify(record, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as Uint32Array) : value));
  return { postings: (await db.getAll('postings')).map(plain), segments: (await db.getAll('segments')).map(plain) };
}

async function results(db: ArchiveDb) {
  return Promise.all(QUERIES.map(async (text) => (await queryArchive(db, { text }, { limit: 100 })).items.map((item) => item.listing.id)));
}

describe('the index in typed arrays', () => {
  it('is written as typed arrays in both stores', async () => {
    const db = await indexedArchive();
    const postings = await db.getAll('postings');
    const segments = await db.getAll('segments');
    expect(postings.length).toBeGreaterThan(0);
    expect(segments.length).toBeGreaterThan(0);
    expect([...postings, ...segments].every(isTyped)).toBe(true);
  });

  it('rewrites an archive written with plain arrays, a chunk at a time, and finds exactly what it found', async () => {
    const db = await indexedArchive();
    await asPlainArrays(db);
    const before = await contents(db);
    const found = await results(db);
    expect([...(await db.getAll('postings')), ...(await db.getAll('segments'))].some(isTyped)).toBe(false);
    expect(found.filter((ids) => ids.length > 0).length).toBeGreaterThan(QUERIES.length - 2);

    let passes = 0;
    while ((await compactIndex(db)) > 0) passes += 1;
    // More records than one chunk takes: it went on from where each pass stopped.
    expect((await db.count('postings')) + (await db.count('segments'))).toBeGreaterThan(200);
    expect(passes).toBeGreaterThan(2);
    expect([...(await db.getAll('postings')), ...(await db.getAll('segments'))].every(isTyped)).toBe(true);
    expect(await contents(db)).toEqual(before);
    expect(await results(db)).toEqual(found);
    expect(fixedAnything(await checkArchive(db))).toBe(false);
    // Done is kept: the next pass reads one meta record and stops.
    expect(await compactIndex(db)).toBe(0);
  });

  it('goes on after a connection closed part way, and a plain archive reads the same meanwhile', async () => {
    const name = `compact-${(n += 1)}`;
    let db = await openArchive(name);
    await db.put('meta', BLOCK_SIZE - 40, 'nextDocNo');
    await putArticles(db, articles(80), 1000);
    while ((await indexPending(db, 20)) > 0);
    await asPlainArrays(db);
    const found = await results(db);
    await compactIndex(db);
    await compactIndex(db);
    const some = [...(await db.getAll('postings')), ...(await db.getAll('segments'))];
    expect(some.some(isTyped) && !some.every(isTyped)).toBe(true);
    expect(await results(db)).toEqual(found);
    expect(fixedAnything(await checkArchive(db))).toBe(false);
    db.close();

    db = await openArchive(name);
    while ((await compactIndex(db)) > 0);
    expect([...(await db.getAll('postings')), ...(await db.getAll('segments'))].every(isTyped)).toBe(true);
    expect(await results(db)).toEqual(found);
  });

  it('reads either form as whole, and no other kind of array', () => {
    const posting = { token: '证券', block: 0, docs: [3, 9], masks: [1, 4] };
    expect(isWholePosting(posting)).toBe(true);
    expect(isWholePosting({ ...posting, docs: Uint32Array.from([3, 9]), masks: Uint8Array.from([1, 4]) })).toBe(true);
    expect(isWholePosting({ ...posting, docs: Float64Array.from([3, 9.5]) })).toBe(false);
    expect(isWholePosting({ ...posting, masks: Uint8Array.from([1]) })).toBe(false);
    const segment = { shard: 1, start: 1, tokens: ['证券', '银行'], ends: Uint32Array.from([1, 2]), docs: Uint32Array.from([3, 9]), masks: Uint8Array.from([1, 4]) };
    expect(isWholeSegment(segment)).toBe(true);
    expect(isWholeSegment({ ...segment, ends: Uint32Array.from([2, 1]) })).toBe(false);
    expect(isWholeSegment({ ...segment, ends: Uint32Array.from([1, 3]) })).toBe(false);
  });

  it('leaves a record it cannot read for the integrity check', async () => {
    const db = await indexedArchive();
    const [first] = await db.getAll('postings');
    const garbled = { ...first!, docs: ['garbled'] as unknown as number[], masks: [1] };
    await db.put('postings', garbled);
    while ((await compactIndex(db)) > 0);
    expect(await db.get('postings', [first!.token, first!.block])).toEqual(garbled);
    const report = await checkArchive(db);
    expect(report.badIndexRecords).toBe(1);
  });

  it('is rewritten by the background indexer once nothing waits to be indexed, and a save meanwhile is indexed as well', async () => {
    const db = await indexedArchive();
    await asPlainArrays(db);
    const events = createArchiveEvents();
    const marker = createWriteMarker({ get: async () => false, set: async () => {} });
    const indexer = setupSearchIndexer(async () => db, events, marker);
    await putArticles(db, [fakeRecord('20260000000000009999', { title: '刚刚保存的文章', bodyText: '回购注销' })], 5000);
    events.emit({ type: 'articles-imported', count: 1 });
    // The integrity check's turn stops the rewrite part way; it goes on after.
    await indexer.exclusive(async () => {});
    await vi.waitFor(async () => {
      expect([...(await db.getAll('postings')), ...(await db.getAll('segments'))].every(isTyped)).toBe(true);
    });
    expect(await db.countFromIndex('articles', 'by-pending', 1)).toBe(0);
    expect((await queryArchive(db, { text: '刚刚保存' }, { limit: 10 })).items.map((item) => item.listing.id)).toEqual(['20260000000000009999']);
  });
});
