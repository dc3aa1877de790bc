import { afterEach, describe, expect, it } from 'vitest';
import { putArticles } from '../../lib/archive/articles';
import { indexPending } from '../../lib/archive/search-index';
import type { ArticleListing } from '../../lib/article-model';
import { openArchive } from '../../lib/archive/db';
import { beijingDayStart, countArchive, listingsUnder, queryArchive, savedBounds, type ArchiveFilter } from '../../lib/archive/query';
import type { ArchiveDb } from '../../lib/archive/schema';
import { chosenPeriod, periodDays, securityTimeline } from '../../lib/archive/timeline';
import { fakeRecord } from './fixtures';

const DAY = 86_400_000;
const bj = (text: string) => new Date(`${text}+08:00`).getTime();

describe('a timeline period as the list’s saved days', () => {
  it('takes in exactly the saved times its bar counts, in Beijing, weeks and months alike', () => {
    const weeks = securityTimeline([
      { id: 'a', savedAt: bj('2026-06-15T00:00:00'), price: null },
      // Sunday 23:59 in Beijing, already Monday nowhere but still the week before here.
      { id: 'b', savedAt: bj('2026-06-21T23:59:59'), price: null },
      { id: 'c', savedAt: bj('2026-07-06T08:00:00'), price: null },
    ]);
    const months = securityTimeline([
      { id: 'a', savedAt: bj('2025-01-31T23:30:00'), price: null },
      { id: 'b', savedAt: bj('2026-02-01T00:00:00'), price: null },
    ]);
    for (const timeline of [weeks, months]) {
      for (const bucket of timeline.buckets) {
        expect(savedBounds(periodDays(bucket))).toEqual({ from: bucket.start, to: bucket.end });
      }
    }
    expect(periodDays(weeks.buckets[0]!)).toEqual({ savedFrom: '2026-06-15', savedTo: '2026-06-21' });
    expect(periodDays(months.buckets[1]!)).toEqual({ savedFrom: '2025-02-01', savedTo: '2025-02-28' });
    expect(chosenPeriod(weeks, { savedFrom: '2026-06-22', savedTo: '2026-06-28' })).toBe(1);
    expect(chosenPeriod(weeks, { savedFrom: '2026-06-22', savedTo: '2026-06-29' })).toBe(-1);
    expect(chosenPeriod(weeks, {})).toBe(-1);
  });

  it('reads a day that is no day as NaN, and its period as taking in nothing', () => {
    expect(beijingDayStart('2026-06-15')).toBe(bj('2026-06-15T00:00:00'));
    expect(beijingDayStart('2026-02-29')).toBeNaN();
    expect(beijingDayStart('2026-13-01')).toBeNaN();
    expect(savedBounds({ savedFrom: 'soon' })).toEqual({ from: 0, to: 0 });
    expect(savedBounds({})).toBeNull();
    expect(savedBounds({ savedTo: '2026-06-21' })).toEqual({ from: -Infinity, to: bj('2026-06-22T00:00:00') });
  });
});

describe('the list narrowed to a saved period', () => {
  const opened: ArchiveDb[] = [];
  afterEach(() => opened.splice(0).forEach((db) => db.close()));
  let counter = 0;

  async function archiveOfTwoMonths() {
    const db = await openArchive(`timeline-period-${(counter += 1)}`);
    opened.push(db);
    const first = bj('2026-06-01T00:00:00');
    // One article every 9 hours over 60 days; every third mentions 贵州茅台 as well.
    await putArticles(
      db,
      Array.from({ length: 160 }, (_, i) =>
        ({
          ...fakeRecord(`n${i}`, {
          title: i % 2 ? '券商 业绩' : '专利 证券化',
          source: i % 4 ? '第一财经' : '证券时报',
          mentions: [
            { secid: '0.000931', market: 0, code: '000931', name: '中关村', kind: 'stock', count: 1, order: 0 },
            ...(i % 3 === 0 ? [{ secid: '1.600519', market: 1, code: '600519', name: '贵州茅台', kind: 'stock' as const, count: 1, order: 1 }] : []),
          ],
          }),
          savedAt: first + i * 9 * 3_600_000,
        }),
      ),
    );
    while ((await indexPending(db)) > 0);
    return db;
  }

  /** What the list should show, worked out from every listing by hand. */
  const savedIn = async (db: ArchiveDb, wanted: (listing: ArticleListing) => boolean, from: number, to: number) =>
    (await db.getAll('articles'))
      .filter((listing) => wanted(listing) && listing.savedAt >= from && listing.savedAt < to)
      .map((listing) => listing.id)
      .sort();

  it('lists and counts exactly the articles saved in the period, with the other filters and the search', async () => {
    const db = await archiveOfTwoMonths();
    const week = { savedFrom: '2026-06-15', savedTo: '2026-06-21' };
    const from = bj('2026-06-15T00:00:00');
    const to = bj('2026-06-22T00:00:00');
    const cases: Array<[ArchiveFilter, (listing: ArticleListing) => boolean]> = [
      [{}, () => true],
      [{ secid: '1.600519' }, (listing) => listing.secids.includes('1.600519')],
      [{ source: '证券时报' }, (listing) => listing.source === '证券时报'],
      [{ secid: '0.000931', text: '券商' }, (listing) => listing.title.includes('券商')],
    ];
    for (const [others, wanted] of cases) {
      const filter = { ...others, ...week };
      const expected = await savedIn(db, wanted, from, to);
      expect(expected.length).toBeGreaterThan(0);
      const page = await queryArchive(db, filter, { limit: 5 });
      const listed = (await listingsUnder(db, filter)).map((listing) => listing.id).sort();
      expect(listed).toEqual(expected);
      expect(page.items.every((item) => item.listing.savedAt >= from && item.listing.savedAt < to)).toBe(true);
      expect(page.total).toBe(expected.length);
      if (!('text' in others)) expect(await countArchive(db, filter)).toBe(expected.length);
    }
  });

  it('pages through a period without skipping or repeating', async () => {
    const db = await archiveOfTwoMonths();
    const filter = { savedFrom: '2026-06-08', savedTo: '2026-06-28' };
    const ids: string[] = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const page: Awaited<ReturnType<typeof queryArchive>> = await queryArchive(db, filter, { limit: 7, offset });
      ids.push(...page.items.map((item) => item.listing.id));
      offset = page.next;
    }
    const expected = await savedIn(db, () => true, bj('2026-06-08T00:00:00'), bj('2026-06-29T00:00:00'));
    expect([...ids].sort()).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(Math.round((21 * DAY) / (9 * 3_600_000)));
  });
});
