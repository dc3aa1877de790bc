import { afterEach, describe, expect, it } from 'vitest';
import type { IDBPDatabase } from 'idb';
import { putArticles, saveArticle } from '../../lib/archive/articles';
import { MIGRATIONS, openArchive } from '../../lib/archive/db';
import type { ArchiveDb, Migration } from '../../lib/archive/schema';
import {
  SECID_SAVED_INDEX,
  loadReadingAbout,
  loadSecurityTimeline,
  periodStart,
  readingAbout,
  recentListingsBySaved,
  savedMentionsBySecid,
  savedMentionsBySecidSaved,
  secidSavedKeys,
  securityTimeline,
  type SavedMention,
} from '../../lib/archive/timeline';
import type { ArticleListing, ArticleRecord, Mention } from '../../lib/article-model';
import { fakeRecord } from './fixtures';

const DAY = 86_400_000;
/** An instant given in Beijing time. */
const bj = (text: string) => new Date(`${text}+08:00`).getTime();

const ZGC: Mention = { secid: '0.000931', market: 0, code: '000931', name: '中关村', kind: 'stock', count: 2, order: 0 };
const MOUTAI: Mention = { secid: '1.600519', market: 1, code: '600519', name: '贵州茅台', kind: 'stock', count: 1, order: 1 };
const BROKERS: Mention = { secid: '90.BK0473', market: 90, code: 'BK0473', name: '证券', kind: 'sector', count: 1, order: 2 };

function record(id: string, mentions: Mention[]): ArticleRecord {
  return fakeRecord(id, { mentions: mentions.map((mention, order) => ({ ...mention, order })) });
}

const mention = (id: string, savedAt: number, price: number | null = null): SavedMention => ({ id, savedAt, price });

describe('Beijing-time periods', () => {
  it('starts weeks on Monday 00:00 in Beijing, whatever the machine zone', () => {
    // Monday 2026-06-15 00:10 in Beijing is still Sunday in UTC.
    expect(periodStart(bj('2026-06-15T00:10:00'), 'week')).toBe(bj('2026-06-15T00:00:00'));
    expect(periodStart(bj('2026-06-14T23:50:00'), 'week')).toBe(bj('2026-06-08T00:00:00'));
    expect(periodStart(bj('2026-06-18T15:00:00'), 'week')).toBe(bj('2026-06-15T00:00:00'));
  });

  it('starts months on the first in Beijing', () => {
    expect(periodStart(bj('2026-07-01T00:05:00'), 'month')).toBe(bj('2026-07-01T00:00:00'));
    expect(periodStart(bj('2026-06-30T23:55:00'), 'month')).toBe(bj('2026-06-01T00:00:00'));
  });
});

describe('a security’s timeline', () => {
  it('is a bar a week over a few months, empty weeks included', () => {
    const timeline = securityTimeline([
      mention('a', bj('2026-06-02T10:00:00'), 6.1),
      mention('b', bj('2026-06-03T21:00:00')),
      mention('c', bj('2026-06-29T09:00:00'), 6.4),
    ]);
    expect(timeline.unit).toBe('week');
    expect(timeline.buckets.map((bucket) => [bucket.label, bucket.count])).toEqual([
      ['2026-06-01', 2],
      ['2026-06-08', 0],
      ['2026-06-15', 0],
      ['2026-06-22', 0],
      ['2026-06-29', 1],
    ]);
    expect(timeline.articles).toBe(3);
    expect(timeline.points).toEqual([
      { id: 'a', savedAt: bj('2026-06-02T10:00:00'), price: 6.1 },
      { id: 'c', savedAt: bj('2026-06-29T09:00:00'), price: 6.4 },
    ]);
  });

  it('is a bar a month over a longer span', () => {
    const timeline = securityTimeline([
      mention('a', bj('2025-01-31T23:30:00')),
      mention('b', bj('2025-02-01T00:30:00')),
      mention('c', bj('2026-01-15T12:00:00')),
    ]);
    expect(timeline.unit).toBe('month');
    expect(timeline.buckets).toHaveLength(13);
    expect(timeline.buckets.slice(0, 2).map((bucket) => [bucket.label, bucket.count])).toEqual([
      ['2025-01', 1],
      ['2025-02', 1],
    ]);
    expect(timeline.buckets.at(-1)).toMatchObject({ label: '2026-01', count: 1 });
  });

  it('puts the bucket edges on the period boundaries', () => {
    const [bucket] = securityTimeline([mention('a', bj('2026-06-18T10:00:00'))]).buckets;
    expect(bucket).toMatchObject({ start: bj('2026-06-15T00:00:00'), end: bj('2026-06-22T00:00:00'), count: 1 });
  });

  it('is empty for a security never saved', () => {
    expect(securityTimeline([])).toEqual({ unit: 'week', buckets: [], points: [], articles: 0 });
  });
});

describe('timeline sources', () => {
  const opened: ArchiveDb[] = [];
  afterEach(() => opened.splice(0).forEach((db) => db.close()));
  let counter = 0;
  const fresh = async (migrations: Migration[] = MIGRATIONS, name = `timeline-${(counter += 1)}`) => {
    const db = await openArchive(name, migrations);
    opened.push(db);
    return { db, name };
  };

  async function saveThree(db: ArchiveDb) {
    await saveArticle(db, record('a', [ZGC, MOUTAI]), bj('2026-06-02T10:00:00'), {
      '0.000931': { price: 6.1, changePct: 1.2, time: bj('2026-06-02T10:00:00') },
    });
    await saveArticle(db, record('b', [MOUTAI]), bj('2026-06-03T10:00:00'));
    await saveArticle(db, record('c', [BROKERS, ZGC]), bj('2026-06-16T14:00:00'), {
      '0.000931': { price: 6.4, changePct: -0.5, time: bj('2026-06-16T14:00:00') },
      '90.BK0473': { price: 1602.33, changePct: 0, time: null },
    });
  }

  it('reads one security’s saved articles and prices through the by-secid index', async () => {
    const { db } = await fresh();
    await saveThree(db);
    const timeline = await loadSecurityTimeline('0.000931', savedMentionsBySecid(db));
    expect(timeline.articles).toBe(2);
    expect(timeline.buckets.map((bucket) => bucket.count)).toEqual([1, 0, 1]);
    expect(timeline.points.map((point) => [point.id, point.price])).toEqual([
      ['a', 6.1],
      ['c', 6.4],
    ]);
  });

  it('counts only the articles likely about the security, as the security view does, unless doubtful ones are asked for', async () => {
    const { db } = await fresh();
    await saveThree(db);
    // Article c mentions 中关村 only doubtfully (a reader's correction, say).
    const c = (await db.get('articles', 'c'))!;
    await db.put('articles', { ...c, likelySecids: c.likelySecids!.filter((secid) => secid !== '0.000931') });
    const likely = await loadSecurityTimeline('0.000931', savedMentionsBySecid(db, { doubtful: false }));
    expect([likely.articles, likely.points.map((point) => point.id)]).toEqual([1, ['a']]);
    expect((await loadSecurityTimeline('0.000931', savedMentionsBySecid(db))).articles).toBe(2);
  });

  // The proposed schema step, as db.ts would add it.
  const addSecidSaved: Migration = async (_db, tx) => {
    const articles = tx.objectStore('articles');
    articles.createIndex(SECID_SAVED_INDEX as 'by-secid', 'secidSaved', { multiEntry: true });
    for (let cursor = await articles.openCursor(); cursor; cursor = await cursor.continue()) {
      await cursor.update({ ...cursor.value, secidSaved: secidSavedKeys(cursor.value) } as ArticleListing);
    }
  };

  it('reads the same timeline from keys alone through the proposed by-secid-saved index', async () => {
    const { db, name } = await fresh();
    await saveThree(db);
    const expected = await loadSecurityTimeline('0.000931', savedMentionsBySecid(db));
    db.close();
    const { db: upgraded } = await fresh([...MIGRATIONS, addSecidSaved], name);
    const source = savedMentionsBySecidSaved(upgraded as unknown as IDBPDatabase<unknown>);
    expect(await loadSecurityTimeline('0.000931', source)).toEqual(expected);
    expect((await source('90.BK0473')).map((saved) => [saved.id, saved.price])).toEqual([['c', 1602.33]]);
    expect((await source('1.600519')).map((saved) => [saved.id, saved.price]).sort()).toEqual([
      ['a', null],
      ['b', null],
    ]);
    expect(await source('1.600000')).toEqual([]);
  });

  it('finds one security among many others without reading them', async () => {
    const { db, name } = await fresh();
    const start = bj('2025-01-06T09:00:00');
    const records = Array.from({ length: 400 }, (_, i) => ({
      ...record(`n${i}`, i % 10 === 0 ? [ZGC, MOUTAI] : [MOUTAI]),
      savedAt: start + i * DAY,
      quotesAtSave: i % 10 === 0 ? { '0.000931': { price: 5 + i / 100, changePct: 0, time: null } } : undefined,
    }));
    await putArticles(db, records);
    db.close();
    const { db: upgraded } = await fresh([...MIGRATIONS, addSecidSaved], name);
    const timeline = await loadSecurityTimeline('0.000931', savedMentionsBySecidSaved(upgraded as unknown as IDBPDatabase<unknown>));
    expect(timeline.articles).toBe(40);
    expect(timeline.points).toHaveLength(40);
    expect(timeline.unit).toBe('month');
    expect(timeline.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(40);
  });

  it('reads only the last 30 days’ listings for what the reader has been reading about', async () => {
    const { db } = await fresh();
    const now = bj('2026-06-18T20:00:00');
    await saveArticle(db, record('old', [BROKERS]), now - 45 * DAY);
    await saveArticle(db, record('month', [MOUTAI, ZGC]), now - 20 * DAY);
    await saveArticle(db, record('week1', [ZGC]), now - 2 * DAY);
    await saveArticle(db, record('week2', [BROKERS, ZGC]), now - DAY);
    const source = recentListingsBySaved(db);
    expect((await source(now - 30 * DAY)).map((listing) => listing.savedAt).sort()).toEqual([now - 20 * DAY, now - 2 * DAY, now - DAY]);
    const about = await loadReadingAbout(source, now);
    expect(about.week.map((entry) => [entry.secid, entry.count])).toEqual([
      ['0.000931', 2],
      ['90.BK0473', 1],
    ]);
    expect(about.month.map((entry) => [entry.secid, entry.count])).toEqual([
      ['0.000931', 3],
      ['1.600519', 1],
      ['90.BK0473', 1],
    ]);
    expect(about.month.find((entry) => entry.secid === '90.BK0473')).toMatchObject({ name: '证券', kind: 'sector' });
  });
});

describe('what the reader has been reading about', () => {
  const now = bj('2026-06-18T20:00:00');

  it('counts each article once per security, names it as last written, and keeps the top ones', () => {
    const listings = [
      { savedAt: now - DAY, mentions: [{ ...ZGC, name: '中关村科技' }, ZGC] },
      { savedAt: now - 3 * DAY, mentions: [ZGC, MOUTAI] },
      { savedAt: now - 10 * DAY, mentions: [MOUTAI] },
      { savedAt: now - 40 * DAY, mentions: [BROKERS] },
      { savedAt: now + DAY, mentions: [BROKERS] },
    ];
    const about = readingAbout(listings, now, { limit: 1 });
    expect(about.week).toEqual([{ secid: '0.000931', name: '中关村科技', kind: 'stock', count: 2 }]);
    expect(about.month.map((entry) => [entry.secid, entry.count])).toEqual([['0.000931', 2]]);
    expect(readingAbout(listings, now).month.map((entry) => [entry.secid, entry.count])).toEqual([
      ['0.000931', 2],
      ['1.600519', 2],
    ]);
  });

  it('counts only the mentions the rule lets through', () => {
    const listings = [{ savedAt: now - DAY, mentions: [ZGC, { ...MOUTAI, count: 0 }] }];
    const about = readingAbout(listings, now, { counts: (m) => m.count > 0 });
    expect(about.week.map((entry) => entry.secid)).toEqual(['0.000931']);
  });
});
