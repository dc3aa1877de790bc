import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchQuotes, type QuoteFetch, type QuoteResponse } from '../../lib/quotes/fetch-quotes';

function item(secid: string, price: number) {
  const [market, code] = secid.split('.') as [string, string];
  return { f2: price, f3: 1, f4: 0.1, f12: code, f13: Number(market), f14: code, f15: price, f16: price, f18: price, f124: 1767944760 };
}

function reply(body: unknown, status = 200): QuoteResponse {
  return { ok: status >= 200 && status < 300, status, text: async () => (typeof body === 'string' ? body : JSON.stringify(body)) };
}

/** A fake Eastmoney that answers every secid it is asked for. */
const answering: QuoteFetch = async (url) => {
  const secids = new URL(url).searchParams.get('secids')!.split(',');
  return reply({ rc: 0, data: { total: secids.length, diff: secids.map((secid, index) => item(secid, index + 1)) } });
};

afterEach(() => {
  vi.useRealTimers();
});

describe('fetching quotes', () => {
  it('asks once for every secid and returns their quotes, logging nothing', async () => {
    const fetch = vi.fn<QuoteFetch>(answering);
    const log = vi.fn();
    const quotes = await fetchQuotes(['1.600519', '0.000931', '1.600519', 'junk'], { fetch, log });
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(
      'https://push2.eastmoney.com/api/qt/ulist.np/get?fltt=2&fields=f2,f3,f4,f12,f13,f14,f15,f16,f18,f124&secids=1.600519,0.000931',
    );
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(init.credentials).toBe('omit');
    expect([...quotes.keys()]).toEqual(['1.600519', '0.000931']);
    expect(quotes.get('0.000931')?.price).toBe(2);
    expect(log).not.toHaveBeenCalled();
  });

  it('uses the given API base', async () => {
    const fetch = vi.fn<QuoteFetch>(answering);
    await fetchQuotes(['1.600519'], { fetch, apiBase: 'http://127.0.0.1:9999' });
    expect(fetch.mock.calls[0]![0]).toMatch(/^http:\/\/127\.0\.0\.1:9999\/api\/qt\/ulist\.np\/get\?/);
  });

  it('calls fetch as a plain function, as window.fetch requires', async () => {
    let receiver: unknown = 'not called';
    const fetch: QuoteFetch = function (this: unknown, url, init) {
      receiver = this;
      return answering(url, init);
    };
    await fetchQuotes(['1.600519'], { fetch });
    expect(receiver).toBeUndefined();
  });

  it('does not fetch when no secid is valid', async () => {
    const fetch = vi.fn<QuoteFetch>(answering);
    expect((await fetchQuotes(['junk', ''], { fetch })).size).toBe(0);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('takes data: null as "nothing known", not as a failure', async () => {
    const log = vi.fn();
    const quotes = await fetchQuotes(['1.999999'], { fetch: async () => reply({ rc: 0, data: null }), log });
    expect(quotes.size).toBe(0);
    expect(log).not.toHaveBeenCalled();
  });

  it('splits many secids into requests of 100', async () => {
    const fetch = vi.fn<QuoteFetch>(answering);
    const secids = Array.from({ length: 250 }, (_, index) => `0.${String(index).padStart(6, '0')}`);
    const quotes = await fetchQuotes(secids, { fetch });
    expect(fetch.mock.calls.map(([url]) => new URL(url).searchParams.get('secids')!.split(',').length)).toEqual([100, 100, 50]);
    expect(quotes.size).toBe(250);
  });

  it('keeps the batches that worked when one fails, and logs once', async () => {
    let call = 0;
    const fetch = vi.fn<QuoteFetch>(async (url, init) => (++call === 2 ? reply('busy', 503) : answering(url, init)));
    const log = vi.fn();
    const quotes = await fetchQuotes(['1.600519', '0.000931', '90.BK0473'], { fetch, log, batchSize: 1 });
    expect([...quotes.keys()]).toEqual(['1.600519', '90.BK0473']);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toMatch(/HTTP 503/);
  });
});

describe('failing quietly', () => {
  async function failure(fetch: QuoteFetch, timeoutMs?: number) {
    const log = vi.fn<(line: string) => void>();
    const quotes = await fetchQuotes(['1.600519', '0.000931'], { fetch, log, timeoutMs });
    expect(quotes.size).toBe(0);
    expect(log).toHaveBeenCalledTimes(1);
    const line = log.mock.calls[0]![0];
    expect(line).not.toContain('\n');
    expect(line.length).toBeLessThan(200);
    return line;
  }

  it('on HTTP 500', async () => {
    expect(await failure(async () => reply('internal error', 500))).toMatch(/HTTP 500/);
  });

  it('on a network error', async () => {
    expect(await failure(async () => Promise.reject(new TypeError('Failed to fetch')))).toMatch(/Failed to fetch/);
  });

  it('on a fetch that throws before returning a promise', async () => {
    expect(
      await failure(() => {
        throw new TypeError('Illegal invocation');
      }),
    ).toMatch(/Illegal invocation/);
  });

  it('on a reply that is not JSON', async () => {
    expect(await failure(async () => reply('<html>blocked</html>'))).toMatch(/not JSON/);
  });

  it('on a JSON reply of the wrong shape', async () => {
    expect(await failure(async () => reply({ rc: 102, data: null }))).toMatch(/rc 102/);
    expect(await failure(async () => reply([1, 2, 3]))).toMatch(/odd reply/);
    expect(await failure(async () => reply({ rc: 0, data: { diff: 'x' } }))).toMatch(/odd reply/);
  });

  it('on a fetch that never answers and ignores its abort signal', async () => {
    const line = await failure(() => new Promise(() => {}), 20);
    expect(line).toMatch(/no reply within 20 ms/);
  });

  it('on a body that never arrives', async () => {
    const line = await failure(async () => ({ ok: true, status: 200, text: () => new Promise<string>(() => {}) }), 20);
    expect(line).toMatch(/no reply within 20 ms/);
  });

  it('aborts the request after 4 s by default', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const fetch: QuoteFetch = (_, init) => {
      signal = init.signal;
      return new Promise((_resolve, reject) => {
        init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    };
    const log = vi.fn();
    const pending = fetchQuotes(['1.600519'], { fetch, log });
    await vi.advanceTimersByTimeAsync(3999);
    expect(signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(signal?.aborted).toBe(true);
    expect((await pending).size).toBe(0);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/no reply within 4000 ms/));
  });

  it('leaves no timer behind after a quick reply', async () => {
    vi.useFakeTimers();
    await fetchQuotes(['1.600519'], { fetch: answering });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('even when the logger throws', async () => {
    const quotes = await fetchQuotes(['1.600519'], {
      fetch: async () => reply('x', 500),
      log: () => {
        throw new Error('console gone');
      },
    });
    expect(quotes.size).toBe(0);
  });
});
