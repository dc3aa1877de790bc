import { describe, expect, it, vi } from 'vitest';
import { createQuoteCache, type QuoteFetcher } from '../../lib/quotes/quote-cache';
import type { Quote } from '../../lib/quotes/quote-reply';

function quote(secid: string, price: number): Quote {
  const [market, code] = secid.split('.') as [string, string];
  return {
    secid,
    market: Number(market),
    code,
    name: null,
    price,
    changePct: 0,
    change: 0,
    high: price,
    low: price,
    prevClose: price,
    time: null,
  };
}

function quotes(...entries: [string, number][]): Map<string, Quote> {
  return new Map(entries.map(([secid, price]) => [secid, quote(secid, price)]));
}

/** A fetcher whose replies the test releases by hand, to hold requests in flight. */
function heldFetcher() {
  const calls: { secids: string[]; resolve: (value: Map<string, Quote>) => void; reject: (error: Error) => void }[] = [];
  const fetcher = vi.fn<QuoteFetcher>(
    (secids) =>
      new Promise((resolve, reject) => {
        calls.push({ secids, resolve, reject });
      }),
  );
  return { fetcher, calls };
}

describe('fresh and stale', () => {
  it('serves what was put until maxAgeMs has passed', () => {
    const cache = createQuoteCache({ maxAgeMs: 9000 });
    cache.put(quotes(['1.600519', 1432.5]), 1000);
    expect(cache.get(['1.600519', '0.000931'], 1000)).toEqual({ fresh: quotes(['1.600519', 1432.5]), stale: ['0.000931'] });
    expect(cache.get(['1.600519'], 9999).fresh.get('1.600519')?.price).toBe(1432.5);
    expect(cache.get(['1.600519'], 10_000)).toEqual({ fresh: new Map(), stale: ['1.600519'] });
  });

  it('takes a clock that went back as stale', () => {
    const cache = createQuoteCache({ maxAgeMs: 9000 });
    cache.put(quotes(['1.600519', 1]), 50_000);
    expect(cache.get(['1.600519'], 40_000).stale).toEqual(['1.600519']);
  });

  it('asks once for a secid listed twice', () => {
    const cache = createQuoteCache({ maxAgeMs: 9000 });
    expect(cache.get(['1.600519', '1.600519'], 0).stale).toEqual(['1.600519']);
  });

  it('replaces an older quote with a newer one', () => {
    const cache = createQuoteCache({ maxAgeMs: 9000 });
    cache.put(quotes(['1.600519', 1]), 0);
    cache.put(quotes(['1.600519', 2]), 5000);
    expect(cache.get(['1.600519'], 13_000).fresh.get('1.600519')?.price).toBe(2);
  });

  it('keeps at most maxEntries, dropping the longest-unfetched', () => {
    const cache = createQuoteCache({ maxAgeMs: 9000, maxEntries: 2 });
    cache.put(quotes(['1.600519', 1]), 0);
    cache.put(quotes(['0.000931', 2]), 1);
    cache.put(quotes(['1.600519', 3]), 2); // refreshed, so now the newest
    cache.put(quotes(['90.BK0473', 4]), 3);
    expect([...cache.get(['1.600519', '0.000931', '90.BK0473'], 4).fresh.keys()]).toEqual(['1.600519', '90.BK0473']);
  });
});

describe('fetching what is missing', () => {
  it('fetches only the stale secids, in one call, and caches the result', async () => {
    const cache = createQuoteCache({ maxAgeMs: 9000 });
    cache.put(quotes(['1.600519', 1432.5]), 0);
    const fetcher = vi.fn<QuoteFetcher>(async () => quotes(['0.000931', 6.05], ['90.BK0473', 1602.3]));
    const lookup = await cache.fetchMissing(['1.600519', '0.000931', '90.BK0473'], 1000, fetcher);
    expect(fetcher).toHaveBeenCalledTimes(1);
    expect(fetcher).toHaveBeenCalledWith(['0.000931', '90.BK0473']);
    expect([...lookup.quotes.keys()].sort()).toEqual(['0.000931', '1.600519', '90.BK0473']);
    expect(lookup.failed).toEqual([]);
    expect(cache.get(['0.000931'], 2000).fresh.get('0.000931')?.price).toBe(6.05);
  });

  it('does not call the fetcher when everything is fresh', async () => {
    const cache = createQuoteCache({ maxAgeMs: 9000 });
    cache.put(quotes(['1.600519', 1]), 0);
    const fetcher = vi.fn<QuoteFetcher>(async () => new Map());
    expect((await cache.fetchMissing(['1.600519'], 100, fetcher)).quotes.size).toBe(1);
    expect(fetcher).not.toHaveBeenCalled();
  });

  it('does not cache a failure, so the next refresh asks again', async () => {
    const cache = createQuoteCache({ maxAgeMs: 9000 });
    const failing = vi.fn<QuoteFetcher>(async () => new Map()); // fetchQuotes' way of failing
    const first = await cache.fetchMissing(['1.600519'], 0, failing);
    expect(first).toEqual({ quotes: new Map(), failed: ['1.600519'] });
    const working = vi.fn<QuoteFetcher>(async () => quotes(['1.600519', 7]));
    const second = await cache.fetchMissing(['1.600519'], 1, working);
    expect(working).toHaveBeenCalledTimes(1);
    expect(second.quotes.get('1.600519')?.price).toBe(7);
  });

  it('survives a fetcher that rejects, or throws before returning a promise', async () => {
    const cache = createQuoteCache({ maxAgeMs: 9000 });
    const rejecting = vi.fn<QuoteFetcher>(async () => {
      throw new Error('offline');
    });
    expect((await cache.fetchMissing(['1.600519'], 0, rejecting)).failed).toEqual(['1.600519']);
    const throwing = vi.fn<QuoteFetcher>(() => {
      throw new Error('bug');
    });
    expect((await cache.fetchMissing(['1.600519'], 1, throwing)).failed).toEqual(['1.600519']);
    // Nothing is left marked in flight: the next call fetches.
    const working = vi.fn<QuoteFetcher>(async () => quotes(['1.600519', 3]));
    expect((await cache.fetchMissing(['1.600519'], 2, working)).quotes.get('1.600519')?.price).toBe(3);
    expect(working).toHaveBeenCalledTimes(1);
  });

  it('keeps showing the last known quote when a refresh fails', async () => {
    const cache = createQuoteCache({ maxAgeMs: 9000 });
    cache.put(quotes(['1.600519', 1432.5]), 0);
    const lookup = await cache.fetchMissing(['1.600519'], 20_000, async () => new Map());
    expect(lookup.failed).toEqual(['1.600519']);
    expect(lookup.quotes.get('1.600519')?.price).toBe(1432.5);
    expect(cache.get(['1.600519'], 20_000).stale).toEqual(['1.600519']);
  });

  it('ignores quotes the fetcher returns for secids nobody asked for', async () => {
    const cache = createQuoteCache({ maxAgeMs: 9000 });
    await cache.fetchMissing(['1.600519'], 0, async () => quotes(['1.600519', 1], ['0.000931', 2]));
    expect(cache.get(['0.000931'], 1).stale).toEqual(['0.000931']);
  });
});

describe('concurrent lookups', () => {
  it('share one request for the same secids', async () => {
    const cache = createQuoteCache({ maxAgeMs: 9000 });
    const { fetcher, calls } = heldFetcher();
    const tabA = cache.fetchMissing(['1.600519', '0.000931'], 0, fetcher);
    const tabB = cache.fetchMissing(['0.000931', '1.600519'], 10, fetcher);
    expect(fetcher).toHaveBeenCalledTimes(1);
    calls[0]!.resolve(quotes(['1.600519', 1], ['0.000931', 2]));
    const [a, b] = await Promise.all([tabA, tabB]);
    expect(a.quotes.get('0.000931')?.price).toBe(2);
    expect(b.quotes.get('1.600519')?.price).toBe(1);
    expect(b.failed).toEqual([]);
  });

  it('fetch only the secids not already in flight', async () => {
    const cache = createQuoteCache({ maxAgeMs: 9000 });
    const { fetcher, calls } = heldFetcher();
    const tabA = cache.fetchMissing(['1.600519', '0.000931'], 0, fetcher);
    const tabB = cache.fetchMissing(['0.000931', '90.BK0473'], 10, fetcher);
    expect(fetcher).toHaveBeenCalledTimes(2);
    expect(calls.map((call) => call.secids)).toEqual([['1.600519', '0.000931'], ['90.BK0473']]);
    calls[1]!.resolve(quotes(['90.BK0473', 3]));
    calls[0]!.resolve(quotes(['1.600519', 1], ['0.000931', 2]));
    const b = await tabB;
    expect([...b.quotes.entries()].map(([secid, q]) => [secid, q.price]).sort()).toEqual([
      ['0.000931', 2],
      ['90.BK0473', 3],
    ]);
    expect((await tabA).quotes.size).toBe(2);
  });

  it('share a failure too, and the next lookup tries again', async () => {
    const cache = createQuoteCache({ maxAgeMs: 9000 });
    const { fetcher, calls } = heldFetcher();
    const tabA = cache.fetchMissing(['1.600519'], 0, fetcher);
    const tabB = cache.fetchMissing(['1.600519'], 10, fetcher);
    calls[0]!.reject(new Error('offline'));
    expect((await tabA).failed).toEqual(['1.600519']);
    expect((await tabB).failed).toEqual(['1.600519']);
    expect(fetcher).toHaveBeenCalledTimes(1);
    const tabC = cache.fetchMissing(['1.600519'], 20, fetcher);
    expect(fetcher).toHaveBeenCalledTimes(2);
    calls[1]!.resolve(quotes(['1.600519', 5]));
    expect((await tabC).quotes.get('1.600519')?.price).toBe(5);
  });

  it('start a new request once the previous one has settled', async () => {
    const cache = createQuoteCache({ maxAgeMs: 9000 });
    const fetcher = vi.fn<QuoteFetcher>(async (secids) => quotes(...secids.map((secid): [string, number] => [secid, 1])));
    await cache.fetchMissing(['1.600519'], 0, fetcher);
    await cache.fetchMissing(['1.600519'], 10_000, fetcher);
    expect(fetcher).toHaveBeenCalledTimes(2);
  });
});
