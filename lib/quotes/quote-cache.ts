/**
 * One cache of quotes for every tab, so that three open articles naming
 * 贵州茅台 cost Eastmoney one request per refresh, not three. It lives where
 * the fetching happens (the background) and knows nothing about time except
 * what callers pass in, so tests need no clock.
 */
import type { Quote } from './quote-reply';

export type QuoteFetcher = (secids: string[]) => Promise<Map<string, Quote>>;

export interface CachedQuotes {
  /** Quotes younger than maxAgeMs. */
  fresh: Map<string, Quote>;
  /** Secids to fetch: never fetched, or older than maxAgeMs. */
  stale: string[];
}

export interface QuoteLookup {
  /**
   * A quote for every secid that has one: fresh from the cache, just fetched,
   * or, when fetching it failed, the last one known however old (its `time`
   * says how old), so a failed refresh does not blank a badge.
   */
  quotes: Map<string, Quote>;
  /** Secids this lookup could not bring up to date; the next one tries again. */
  failed: string[];
}

export interface QuoteCache {
  get(secids: readonly string[], now: number): CachedQuotes;
  put(quotes: ReadonlyMap<string, Quote>, now: number): void;
  /**
   * Fresh quotes from the cache, the stale ones fetched in one call. A secid
   * already being fetched for another caller is waited for, not fetched
   * again. A secid the fetch did not return is not cached, so it stays stale.
   */
  fetchMissing(secids: readonly string[], now: number, fetcher: QuoteFetcher): Promise<QuoteLookup>;
}

export interface QuoteCacheOptions {
  /** Just under the refresh interval, so each refresh gets a new quote while tabs refreshing together share one. */
  maxAgeMs: number;
  /** The most secids kept; the longest-unfetched go first. */
  maxEntries?: number;
}

interface Entry {
  quote: Quote;
  fetchedAt: number;
}

export function createQuoteCache({ maxAgeMs, maxEntries = 2000 }: QuoteCacheOptions): QuoteCache {
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<Map<string, Quote>>>();

  function isFresh(entry: Entry, now: number): boolean {
    const age = now - entry.fetchedAt;
    // A negative age means the clock went back; trust nothing from "the future".
    return age >= 0 && age < maxAgeMs;
  }

  function get(secids: readonly string[], now: number): CachedQuotes {
    const fresh = new Map<string, Quote>();
    const stale: string[] = [];
    for (const secid of new Set(secids)) {
      const entry = entries.get(secid);
      if (entry && isFresh(entry, now)) fresh.set(secid, entry.quote);
      else stale.push(secid);
    }
    return { fresh, stale };
  }

  function put(quotes: ReadonlyMap<string, Quote>, now: number): void {
    for (const [secid, quote] of quotes) {
      // Delete first so the Map's insertion order stays oldest-fetched first.
      entries.delete(secid);
      entries.set(secid, { quote, fetchedAt: now });
    }
    for (const secid of entries.keys()) {
      if (entries.size <= maxEntries) break;
      entries.delete(secid);
    }
  }

  async function fetchMissing(secids: readonly string[], now: number, fetcher: QuoteFetcher): Promise<QuoteLookup> {
    const { fresh, stale } = get(secids, now);
    const toFetch = stale.filter((secid) => !inFlight.has(secid));
    const waits = new Map<string, Promise<Map<string, Quote>>>();
    for (const secid of stale) {
      const pending = inFlight.get(secid);
      if (pending) waits.set(secid, pending);
    }
    if (toFetch.length > 0) {
      const request = fetchAndStore(toFetch, now, fetcher);
      for (const secid of toFetch) {
        inFlight.set(secid, request);
        waits.set(secid, request);
      }
      // Cleared in a callback, not inside fetchAndStore: a fetcher that throws
      // synchronously would otherwise settle before these entries were set,
      // and they would never be cleared.
      void request.then(() => {
        for (const secid of toFetch) if (inFlight.get(secid) === request) inFlight.delete(secid);
      });
    }
    const quotes = new Map(fresh);
    const failed: string[] = [];
    for (const secid of stale) {
      const fetched = (await waits.get(secid))?.get(secid);
      if (fetched) {
        quotes.set(secid, fetched);
        continue;
      }
      failed.push(secid);
      const lastKnown = entries.get(secid);
      if (lastKnown) quotes.set(secid, lastKnown.quote);
    }
    return { quotes, failed };
  }

  async function fetchAndStore(secids: string[], now: number, fetcher: QuoteFetcher): Promise<Map<string, Quote>> {
    try {
      const fetched = await fetcher(secids);
      // Only what was asked for: a reply is not trusted to speak for other secids.
      const asked = new Set(secids);
      const wanted = new Map([...fetched].filter(([secid]) => asked.has(secid)));
      put(wanted, now);
      return wanted;
    } catch {
      // Failures are not cached: the secids stay stale and the next refresh retries.
      return new Map();
    }
  }

  return { get, put, fetchMissing };
}
