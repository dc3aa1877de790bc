/**
 * Finding archived articles: a search over every searchable field combined
 * with filters (security, kind, source, tag, published date range), a page at
 * a time. Without a search, articles come newest saved first; with one, best
 * matches first.
 */
import type { SecurityKind } from '../securities';
import { fieldTexts, maskWeight } from '../search/search-fields';
import { containsAll, snippetOf, type Snippet } from '../search/snippet';
import { parseQuery, type QueryTerm } from '../search/tokenize';
import type { ArchiveDb } from './schema';
import { matchTerms } from './search-index';
import { listingsOfSecurity } from './security-listings';
import type { ArticleListing } from '../article-model';

export interface ArchiveFilter {
  text?: string;
  secid?: string;
  kind?: SecurityKind;
  source?: string;
  tag?: string;
  /** Published on or after this day (YYYY-MM-DD, Beijing time). */
  from?: string;
  /** Published on or before this day. */
  to?: string;
  /** Saved on or after this day (YYYY-MM-DD, Beijing time): a period of the security view's timeline. */
  savedFrom?: string;
  /** Saved on or before this day. */
  savedTo?: string;
  /** `include`: the security filter takes articles whose mentions of it are all doubtful, too. */
  doubtful?: 'include';
}

/** How many articles the archive list shows at a time. */
export const LIST_PAGE_SIZE = 30;

export interface ResultItem {
  listing: ArticleListing;
  snippet: Snippet | null;
}

export interface ResultPage {
  items: ResultItem[];
  /** Pass back to get the next page; null on the last one. */
  next: number | null;
  /** Null when not counted yet (see `withTotal`). */
  total: number | null;
  /** False when `total` counts candidates not all checked (a search over a very large archive). */
  exact: boolean;
}

const VERIFY_ALL_UP_TO = 3000;
const CHUNK = 200;

export function isFiltered(filter: ArchiveFilter): boolean {
  return Boolean(filter.secid || filter.kind || filter.source || filter.tag || filter.from || filter.to || filter.savedFrom || filter.savedTo);
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Midnight in Beijing at the start of a YYYY-MM-DD day, in ms; NaN for anything else. */
export function beijingDayStart(day: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return NaN;
  const [year, month, date] = match.slice(1).map(Number) as [number, number, number];
  const utc = Date.UTC(year, month - 1, date);
  // 2026-02-30 is no day: Date.UTC would roll it into March.
  return new Date(utc).getUTCDate() === date && month >= 1 && month <= 12 ? utc - BEIJING_OFFSET_MS : NaN;
}

/**
 * The saved times a filter's saved days take in, [from, to) in ms: from
 * midnight in Beijing of the first day to midnight after the last, as the
 * timeline's periods are cut. Null when the filter sets neither.
 */
export function savedBounds(filter: Pick<ArchiveFilter, 'savedFrom' | 'savedTo'>): { from: number; to: number } | null {
  if (!filter.savedFrom && !filter.savedTo) return null;
  const from = filter.savedFrom ? beijingDayStart(filter.savedFrom) : -Infinity;
  const to = filter.savedTo ? beijingDayStart(filter.savedTo) + DAY_MS : Infinity;
  // A malformed day takes in nothing rather than everything.
  return Number.isNaN(from) || Number.isNaN(to) ? { from: 0, to: 0 } : { from, to };
}

/** The filter without its saved period: what the timeline counts, so that every period stays in view. */
export function withoutPeriod(filter: ArchiveFilter): ArchiveFilter {
  const { savedFrom: _from, savedTo: _to, ...rest } = filter;
  return rest;
}

/** Whether a listing passes the filters other than the text. */
function passesFilters(listing: ArticleListing, filter: ArchiveFilter): boolean {
  if (filter.secid && !(filter.doubtful ? listing.secids : (listing.likelySecids ?? listing.secids)).includes(filter.secid)) return false;
  if (filter.kind && !listing.kinds.includes(filter.kind)) return false;
  if (filter.source && listing.source !== filter.source) return false;
  if (filter.tag && !listing.tags.includes(filter.tag)) return false;
  const day = listing.publishedAt?.slice(0, 10);
  if (filter.from && (!day || day < filter.from)) return false;
  if (filter.to && (!day || day > filter.to)) return false;
  const saved = savedBounds(filter);
  if (saved && !(listing.savedAt >= saved.from && listing.savedAt < saved.to)) return false;
  return true;
}

/**
 * One page of the archive under a filter. `offset` is the `next` of the page
 * before. Pages are cut from one ordered list of ids, so paging never skips or
 * repeats, whatever the filter.
 */
export async function queryArchive(
  db: ArchiveDb,
  filter: ArchiveFilter,
  {
    limit,
    offset = 0,
    withTotal = true,
    snippets = true,
  }: { limit: number; offset?: number; withTotal?: boolean; /** False: no snippets, so no body is read but to check a phrase. */ snippets?: boolean },
): Promise<ResultPage> {
  const terms = parseQuery(filter.text ?? '');
  if (terms.length) return searchPage(db, terms, filter, limit, offset, snippets);
  return browsePage(db, filter, limit, offset, withTotal);
}

/** Every listing the filter and its search find, in the list's order, without snippets. */
export async function listingsUnder(db: ArchiveDb, filter: ArchiveFilter): Promise<ArticleListing[]> {
  const page = await queryArchive(db, filter, { limit: Number.MAX_SAFE_INTEGER, withTotal: false, snippets: false });
  return page.items.map((item) => item.listing);
}

/**
 * How many articles a browse (no search text) under `filter` lists. Counting
 * walks the store in some browsers, so the UI asks for it after the first rows
 * are on screen rather than before.
 */
export async function countArchive(db: ArchiveDb, filter: ArchiveFilter): Promise<number> {
  return isFiltered(filter) ? countFiltered(db, filter) : db.count('articles');
}

async function browsePage(
  db: ArchiveDb,
  filter: ArchiveFilter,
  limit: number,
  offset: number,
  withTotal: boolean,
): Promise<ResultPage> {
  if (filter.secid) {
    // The security view: the mention index names every article; few enough to sort in memory.
    const listings = (await listingsOfSecurity(db, filter.secid))
      .filter((listing) => passesFilters(listing, filter))
      .sort(newestSavedFirst);
    return slicePage(listings.map((listing) => ({ listing, snippet: null })), limit, offset, true);
  }
  const tx = db.transaction('articles', 'readonly');
  const filtered = isFiltered(filter);
  const items: ResultItem[] = [];
  let skipped = 0;
  let more = false;
  let cursor = await tx.store.index('by-saved').openCursor(savedRange(filter), 'prev');
  if (cursor && !filtered && offset > 0) {
    cursor = await cursor.advance(offset);
    skipped = offset;
  }
  while (cursor) {
    if (!filtered || passesFilters(cursor.value, filter)) {
      if (skipped < offset) skipped += 1;
      else if (items.length < limit) items.push({ listing: cursor.value, snippet: null });
      else {
        more = true;
        break;
      }
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  const total = !more ? offset + items.length : withTotal ? await countArchive(db, filter) : null;
  return { items, next: more ? offset + items.length : null, total, exact: true };
}

/** The by-saved keys of a saved period ([savedAt, id] from its first moment to before its end); null for all. */
function savedRange(filter: ArchiveFilter): IDBKeyRange | null {
  const saved = savedBounds(filter);
  if (!saved) return null;
  // Nothing is saved before -Infinity: an empty period reads no key.
  if (!(saved.from < saved.to)) return IDBKeyRange.upperBound([-Infinity], true);
  // [t] sorts before every [t, id], so [to] excludes the saves at `to` itself.
  if (saved.from === -Infinity) return IDBKeyRange.upperBound([saved.to], true);
  if (saved.to === Infinity) return IDBKeyRange.lowerBound([saved.from]);
  return IDBKeyRange.bound([saved.from], [saved.to], false, true);
}

/** How many articles pass the filter: from facet counts or an index where one filter alone is set. */
async function countFiltered(db: ArchiveDb, filter: ArchiveFilter): Promise<number> {
  const range = savedRange(filter);
  if (range) {
    // The saved period's keys first: a week of a large archive, not all of it.
    const others = withoutPeriod(filter);
    if (!isFiltered(others)) return db.countFromIndex('articles', 'by-saved', range);
    return (await db.getAllFromIndex('articles', 'by-saved', range)).filter((listing) => passesFilters(listing, others)).length;
  }
  const set = (['kind', 'source', 'tag', 'from', 'to'] as const).filter((key) => filter[key]);
  if (set.length === 1 && (set[0] === 'kind' || set[0] === 'source' || set[0] === 'tag')) {
    return (await db.get('facets', [set[0], filter[set[0]]!]))?.count ?? 0;
  }
  if (set.every((key) => key === 'from' || key === 'to')) {
    // Published times are ISO strings with the same offset, so they sort as text.
    const range = IDBKeyRange.bound(filter.from ?? '', `${filter.to ?? '9999-12-31'}\uffff`);
    return db.countFromIndex('articles', 'by-published', range);
  }
  return (await db.getAll('articles')).filter((listing) => passesFilters(listing, filter)).length;
}

async function searchPage(
  db: ArchiveDb,
  terms: QueryTerm[],
  filter: ArchiveFilter,
  limit: number,
  offset: number,
  snippets: boolean,
): Promise<ResultPage> {
  const ranked = rank(await matchTerms(db, terms));
  const words = terms.map((term) => term.text);
  // Multi-character CJK terms match by their bigrams; checking the text
  // itself drops articles that have the bigrams but not the phrase.
  const needsPhraseCheck = terms.some((term) => !term.prefix && term.tokens.length > 1);
  // Without a phrase to check or a filter, every match is a result: the page
  // is a slice of the ranking and the count is exact, however many there are.
  if (!needsPhraseCheck && !isFiltered(filter)) {
    const items = await rankedSlice(db, ranked.slice(offset, offset + limit), snippets ? words : null);
    if (items) {
      return { items, next: offset + limit < ranked.length ? offset + items.length : null, total: ranked.length, exact: true };
    }
  }
  const checkAll = ranked.length <= VERIFY_ALL_UP_TO || isFiltered(filter);
  const tx = db.transaction(['articles', 'bodies'], 'readonly');
  const byDocNo = tx.objectStore('articles').index('by-docno');
  const bodies = tx.objectStore('bodies');
  const accepted: ResultItem[] = [];
  let checked = 0;
  // In chunks, each chunk's reads issued together: IndexedDB serves them in
  // one pass instead of one round trip each.
  for (let start = 0; start < ranked.length; start += CHUNK) {
    if (!checkAll && accepted.length >= offset + limit + 1) break;
    const chunk = ranked.slice(start, start + CHUNK);
    checked += chunk.length;
    const listings = (await Promise.all(chunk.map((docNo) => byDocNo.get(docNo)))).filter(
      (listing): listing is ArticleListing => listing !== undefined && passesFilters(listing, filter),
    );
    const needBody = (at: number) => needsPhraseCheck || (snippets && at >= offset && at < offset + limit);
    const bodyTexts = await Promise.all(
      listings.map((listing, i) =>
        needBody(accepted.length + i) ? bodies.get(listing.id).then((body) => body?.bodyText ?? '') : null,
      ),
    );
    listings.forEach((listing, i) => {
      const bodyText = bodyTexts[i];
      if (bodyText === null || bodyText === undefined) {
        accepted.push({ listing, snippet: null });
        return;
      }
      const texts = fieldTexts({ ...listing, bodyText });
      if (needsPhraseCheck && !containsAll(Object.values(texts), words)) return;
      const at = accepted.length;
      accepted.push({ listing, snippet: snippets && at >= offset && at < offset + limit ? bestSnippet(texts, words) : null });
    });
  }
  await tx.done;
  const exact = checked === ranked.length;
  const total = exact ? accepted.length : ranked.length;
  const page = accepted.slice(offset, offset + limit);
  const more = accepted.length > offset + limit || (!exact && offset + limit < total);
  return { items: page, next: more ? offset + page.length : null, total, exact };
}

/**
 * Doc numbers best match first: by the summed weight of the fields matched,
 * then newest indexed first. Each match is one number (score, then doc
 * number) in a typed array, which sorts natively.
 */
function rank(matched: Map<number, number[]>): number[] {
  const keys = new Float64Array(matched.size);
  let i = 0;
  for (const [docNo, masks] of matched) {
    let score = 0;
    for (const mask of masks) score += maskWeight(mask);
    keys[i] = score * DOC_NUMBERS + docNo;
    i += 1;
  }
  keys.sort();
  const ranked = new Array<number>(keys.length);
  for (let at = 0; at < keys.length; at += 1) ranked[at] = keys[keys.length - 1 - at]! % DOC_NUMBERS;
  return ranked;
}

/** Doc numbers stay below this; scores times it stay exact as doubles. */
const DOC_NUMBERS = 2 ** 32;

/** These ranked doc numbers' listings with their snippets (none for null words); null if one has no listing. */
async function rankedSlice(db: ArchiveDb, docNos: number[], words: string[] | null): Promise<ResultItem[] | null> {
  const tx = db.transaction(['articles', 'bodies'], 'readonly');
  const byDocNo = tx.objectStore('articles').index('by-docno');
  const listings = await Promise.all(docNos.map((docNo) => byDocNo.get(docNo)));
  if (listings.some((listing) => listing === undefined) || words === null) {
    await tx.done;
    return words === null && listings.every((listing) => listing !== undefined) ? listings.map((listing) => ({ listing: listing!, snippet: null })) : null;
  }
  const bodies = await Promise.all(listings.map((listing) => tx.objectStore('bodies').get(listing!.id)));
  await tx.done;
  return listings.map((listing, i) => ({
    listing: listing!,
    snippet: bestSnippet(fieldTexts({ ...listing!, bodyText: bodies[i]?.bodyText ?? '' }), words),
  }));
}

function bestSnippet(texts: ReturnType<typeof fieldTexts>, words: string[]): Snippet | null {
  // The body shows the match in context; other fields when the body lacks it.
  for (const field of ['body', 'summary', 'note', 'title', 'tags', 'securities', 'source'] as const) {
    const snippet = snippetOf(texts[field], words);
    if (snippet) return snippet;
  }
  return null;
}

function slicePage(items: ResultItem[], limit: number, offset: number, exact: boolean): ResultPage {
  const page = items.slice(offset, offset + limit);
  return {
    items: page,
    next: offset + limit < items.length ? offset + page.length : null,
    total: items.length,
    exact,
  };
}

function newestSavedFirst(a: ArticleListing, b: ArticleListing): number {
  return b.savedAt - a.savedAt || (a.id < b.id ? 1 : -1);
}

