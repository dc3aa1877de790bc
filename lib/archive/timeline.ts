/**
 * What the archive knows of a security over time, and what the reader has
 * been reading about lately: the aggregates behind the security view's
 * timeline and the start view's "reading about" bars.
 *
 * Neither walks the whole archive. The timeline reads the articles of one
 * security through an index on that security; "reading about" reads the
 * articles saved in the last 30 days through the by-saved index. The
 * aggregation itself is pure, over what a source function hands it, so the
 * same code runs over today's by-secid index and over the narrower
 * by-secid-saved index proposed below, which needs only keys.
 *
 * Proposed index (a later schema version; db.ts does not have it yet):
 *
 *   articles  by-secid-saved  secidSaved (multiEntry)
 *
 *   where each listing carries `secidSaved`, one key per mentioned security:
 *   [secid, savedAt, price] when quotesAtSave has a price for it, [secid, savedAt]
 *   when not (secidSavedKeys below). listingOf writes it; its migration fills
 *   it on every existing listing in one cursor pass, as v2 did for kinds.
 *
 * A key cursor over [secid] … [secid, []] then yields when each article
 * mentioning the security was saved and its price then, in time order, without
 * reading a listing; a count() over [secid, from] … [secid, to) is one
 * period's bar.
 */
import type { IDBPDatabase } from 'idb';
import type { ArticleListing, Mention } from '../article-model';
import type { SecurityKind } from '../securities';
import type { ArchiveDb } from './schema';
import { listingsOfSecurity } from './security-listings';
import { indexKeys } from './index-keys';

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

export const SECID_SAVED_INDEX = 'by-secid-saved';

/** One saved article mentioning the security: when it was saved and the price then. */
export interface SavedMention {
  id: string;
  savedAt: number;
  /** The security's price in the article's quotesAtSave; null when none was saved. */
  price: number | null;
}

/** The saved articles mentioning `secid`, in any order. */
export type SavedMentionsSource = (secid: string) => Promise<SavedMention[]>;

export type PeriodUnit = 'week' | 'month';

export interface TimelineBucket {
  /** Beijing Monday 00:00 or first of the month 00:00, ms since the epoch. */
  start: number;
  /** The next period's start: the bucket is [start, end). */
  end: number;
  /** "2026-06-15" (the Monday) for weeks, "2026-06" for months. */
  label: string;
  count: number;
}

export interface PricePoint {
  id: string;
  savedAt: number;
  price: number;
}

export interface SecurityTimeline {
  unit: PeriodUnit;
  /** Every period from the first save to the last, empty ones included, oldest first. */
  buckets: TimelineBucket[];
  /** The saved prices, oldest first. */
  points: PricePoint[];
  /** How many saved articles the buckets count. */
  articles: number;
}

/** Spans up to this many weeks are drawn a bar a week; longer ones a bar a month. */
export const WEEKS_UP_TO = 26;

export function periodUnitFor(spanMs: number): PeriodUnit {
  return spanMs <= WEEKS_UP_TO * 7 * DAY_MS ? 'week' : 'month';
}

/** The start of the Beijing week (Monday) or month containing `time`. */
export function periodStart(time: number, unit: PeriodUnit): number {
  const day = Math.floor((time + BEIJING_OFFSET_MS) / DAY_MS);
  if (unit === 'week') {
    // 1970-01-01 was a Thursday: three days after a Monday.
    const sinceMonday = (((day + 3) % 7) + 7) % 7;
    return (day - sinceMonday) * DAY_MS - BEIJING_OFFSET_MS;
  }
  const date = new Date(day * DAY_MS);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) - BEIJING_OFFSET_MS;
}

export function nextPeriod(start: number, unit: PeriodUnit): number {
  if (unit === 'week') return start + 7 * DAY_MS;
  const date = new Date(start + BEIJING_OFFSET_MS);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) - BEIJING_OFFSET_MS;
}

export function periodLabel(start: number, unit: PeriodUnit): string {
  const iso = new Date(start + BEIJING_OFFSET_MS).toISOString();
  return unit === 'week' ? iso.slice(0, 10) : iso.slice(0, 7);
}

/** The timeline of a security from its saved mentions. */
export function securityTimeline(mentions: readonly SavedMention[]): SecurityTimeline {
  const saved = mentions.filter((mention) => Number.isFinite(mention.savedAt));
  if (saved.length === 0) return { unit: 'week', buckets: [], points: [], articles: 0 };
  let first = Infinity;
  let last = -Infinity;
  for (const { savedAt } of saved) {
    if (savedAt < first) first = savedAt;
    if (savedAt > last) last = savedAt;
  }
  const unit = periodUnitFor(last - first);
  const buckets: TimelineBucket[] = [];
  for (let start = periodStart(first, unit); start <= last; start = nextPeriod(start, unit)) {
    buckets.push({ start, end: nextPeriod(start, unit), label: periodLabel(start, unit), count: 0 });
  }
  const points: PricePoint[] = [];
  for (const mention of saved) {
    buckets[bucketIndex(buckets, mention.savedAt)]!.count += 1;
    if (mention.price !== null && Number.isFinite(mention.price) && mention.price > 0) {
      points.push({ id: mention.id, savedAt: mention.savedAt, price: mention.price });
    }
  }
  points.sort((a, b) => a.savedAt - b.savedAt || (a.id < b.id ? -1 : 1));
  return { unit, buckets, points, articles: saved.length };
}

/** Binary search: buckets are contiguous and ordered, and `time` lies in one. */
function bucketIndex(buckets: readonly TimelineBucket[], time: number): number {
  let low = 0;
  let high = buckets.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (buckets[middle]!.start <= time) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** A period as the archive filter's saved days: its first day and its last, in Beijing. */
export function periodDays(bucket: Pick<TimelineBucket, 'start' | 'end'>): { savedFrom: string; savedTo: string } {
  const day = (time: number) => new Date(time + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
  return { savedFrom: day(bucket.start), savedTo: day(bucket.end - 1) };
}

/** Which of the timeline's periods a filter's saved days are exactly; -1 for none. */
export function chosenPeriod(timeline: SecurityTimeline, filter: { savedFrom?: string; savedTo?: string }): number {
  if (!filter.savedFrom || !filter.savedTo) return -1;
  return timeline.buckets.findIndex((bucket) => {
    const days = periodDays(bucket);
    return days.savedFrom === filter.savedFrom && days.savedTo === filter.savedTo;
  });
}

export async function loadSecurityTimeline(secid: string, source: SavedMentionsSource): Promise<SecurityTimeline> {
  return securityTimeline(await source(secid));
}

function savedPrice(listing: Pick<ArticleListing, 'quotesAtSave'>, secid: string): number | null {
  const price = listing.quotesAtSave?.[secid]?.price;
  return typeof price === 'number' && Number.isFinite(price) ? price : null;
}

/**
 * Saved mentions through the by-secid index: one request for the listings of
 * the security only (5,000 of 50,000, say), the very read the security view's
 * list makes when both start together (security-listings.ts).
 */
export function savedMentionsBySecid(db: ArchiveDb, { doubtful = true }: { doubtful?: boolean } = {}): SavedMentionsSource {
  return async (secid) =>
    savedMentionsIn(
      // Without doubtful ones, as the security view counts: the articles likely about it.
      (await listingsOfSecurity(db, secid)).filter((listing) => doubtful || (listing.likelySecids ?? listing.secids).includes(secid)),
      secid,
    );
}

/** The saved mentions of `secid` in listings already chosen (by the list's own filters and search). */
export function savedMentionsIn(listings: ReadonlyArray<Pick<ArticleListing, 'id' | 'savedAt' | 'quotesAtSave'>>, secid: string): SavedMention[] {
  return listings.map((listing) => ({ id: listing.id, savedAt: listing.savedAt, price: savedPrice(listing, secid) }));
}

/** The by-secid-saved keys of a listing: what the proposed `secidSaved` field holds. */
export function secidSavedKeys(
  listing: Pick<ArticleListing, 'secids' | 'savedAt' | 'quotesAtSave'>,
): Array<[string, number] | [string, number, number]> {
  return listing.secids.map((secid) => {
    const price = savedPrice(listing, secid);
    return price === null ? [secid, listing.savedAt] : [secid, listing.savedAt, price];
  });
}

/**
 * Saved mentions through the proposed by-secid-saved index: a key cursor over
 * one security's keys, reading no listing at all. For a database whose schema
 * has the index (a test's, until the archive has it).
 */
export function savedMentionsBySecidSaved(db: IDBPDatabase<unknown>): SavedMentionsSource {
  return async (secid) => {
    const tx = db.transaction('articles', 'readonly');
    const index = tx.objectStore('articles').index(SECID_SAVED_INDEX);
    // Arrays sort after numbers, so [secid, []] is above every [secid, savedAt, …].
    const range = IDBKeyRange.bound([secid], [secid, []]);
    const keys = await indexKeys<string, IDBValidKey[]>(index, range);
    await tx.done;
    return keys.map(([id, key]) => {
      const [, savedAt, price] = key as [string, number, number?];
      return { id, savedAt, price: price ?? null };
    });
  };
}

export interface ReadingAboutEntry {
  secid: string;
  /** The name the most recently saved article wrote. */
  name: string;
  kind: SecurityKind;
  /** Articles saved in the window that mention it. */
  count: number;
}

export interface ReadingAbout {
  /** The last 7 days, most mentioned first. */
  week: ReadingAboutEntry[];
  /** The last 30 days. */
  month: ReadingAboutEntry[];
}

export type RecentListing = Pick<ArticleListing, 'savedAt' | 'mentions' | 'likelySecids'>;

/** The listings saved at or after `since`. */
export type RecentListingsSource = (since: number) => Promise<RecentListing[]>;

export interface ReadingAboutOptions {
  /** Entries per window. */
  limit?: number;
  /**
   * Which mentions count. All of them by default, as the facets count; once
   * mentions carry a relevance, pass the facets' own rule (likely ones only).
   */
  counts?: (mention: Mention) => boolean;
  /** Count a security only where the article is likely about it (the listing's likelySecids), as the facets do. */
  likelyOnly?: boolean;
}

/**
 * The securities (and sectors: their kind says which) most mentioned in the
 * articles saved in the last 7 and 30 days before `now`, each article counted
 * once per security.
 */
export function readingAbout(listings: Iterable<RecentListing>, now: number, options: ReadingAboutOptions = {}): ReadingAbout {
  const { limit = 10, counts = () => true, likelyOnly = false } = options;
  const weekFrom = now - 7 * DAY_MS;
  const monthFrom = now - 30 * DAY_MS;
  const tallies = new Map<string, { entry: ReadingAboutEntry; week: number; namedAt: number }>();
  for (const listing of listings) {
    if (!(listing.savedAt >= monthFrom && listing.savedAt <= now)) continue;
    const inWeek = listing.savedAt >= weekFrom;
    const seen = new Set<string>();
    const likely = likelyOnly ? new Set(listing.likelySecids ?? listing.mentions.map((mention) => mention.secid)) : null;
    for (const mention of listing.mentions) {
      if (seen.has(mention.secid) || !counts(mention) || (likely && !likely.has(mention.secid))) continue;
      seen.add(mention.secid);
      let tally = tallies.get(mention.secid);
      if (!tally) {
        tally = { entry: { secid: mention.secid, name: mention.name, kind: mention.kind, count: 0 }, week: 0, namedAt: -Infinity };
        tallies.set(mention.secid, tally);
      }
      tally.entry.count += 1;
      if (inWeek) tally.week += 1;
      if (listing.savedAt > tally.namedAt) {
        tally.namedAt = listing.savedAt;
        tally.entry.name = mention.name;
      }
    }
  }
  const ranked = (count: (tally: { entry: ReadingAboutEntry; week: number }) => number) =>
    [...tallies.values()]
      .map((tally) => ({ ...tally.entry, count: count(tally) }))
      .filter((entry) => entry.count > 0)
      .sort((a, b) => b.count - a.count || (a.secid < b.secid ? -1 : 1))
      .slice(0, limit);
  return { week: ranked((tally) => tally.week), month: ranked((tally) => tally.entry.count) };
}

/**
 * The listings saved since `since`, through the by-saved index: the last 30
 * days of a 50,000-article archive are the only listings read.
 */
export function recentListingsBySaved(db: ArchiveDb): RecentListingsSource {
  return (since) => db.getAllFromIndex('articles', 'by-saved', IDBKeyRange.lowerBound([since]));
}

export async function loadReadingAbout(source: RecentListingsSource, now: number, options?: ReadingAboutOptions): Promise<ReadingAbout> {
  return readingAbout(await source(now - 30 * DAY_MS), now, options);
}
