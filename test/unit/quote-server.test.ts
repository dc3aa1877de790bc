// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchQuotes } from '../../lib/quotes/fetch-quotes';
import { parseQuoteReply, quoteBatchUrl, readQuoteReply } from '../../lib/quotes/quote-reply';
import { startQuoteServer, type QuoteServer } from '../e2e/quote-server.mjs';

let server: QuoteServer;

beforeEach(async () => {
  server = await startQuoteServer({ slowMs: 300 });
  server.setQuotes({
    '1.600519': { price: 1432.5, changePct: 1.23, change: 17.4, high: 1440, low: 1410, prevClose: 1415.1, name: '贵州茅台', time: 1767944760 },
    '0.000931': { price: 6.05, changePct: -2.1, name: '中关村' },
  });
});

afterEach(async () => {
  await server.close();
});

async function get(secids: string[]) {
  const response = await fetch(quoteBatchUrl(server.url, secids));
  return { response, json: (await response.json()) as unknown };
}

describe('the local quote server', () => {
  it('listens on loopback only', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(startQuoteServer({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it('answers what Eastmoney would, with CORS open, and records the request', async () => {
    const { response, json } = await get(['1.600519', '0.000931', '90.BK0473']);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const quotes = parseQuoteReply(json);
    expect([...quotes.keys()]).toEqual(['1.600519', '0.000931']); // 90.BK0473 was never set
    expect(quotes.get('1.600519')).toMatchObject({ name: '贵州茅台', price: 1432.5, changePct: 1.23, time: 1767944760000 });
    expect(quotes.get('0.000931')).toMatchObject({ price: 6.05, changePct: -2.1, high: null, prevClose: null });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.url).toContain('secids=1.600519,0.000931,90.BK0473');
    expect(server.requests[0]!.time).toBeGreaterThan(0);
  });

  it('sends diff as an object in object-diff mode', async () => {
    server.setMode('object-diff');
    const { json } = await get(['1.600519', '0.000931']);
    expect(Array.isArray((json as { data: { diff: unknown } }).data.diff)).toBe(false);
    expect([...parseQuoteReply(json).keys()]).toEqual(['1.600519', '0.000931']);
  });

  it('sends data: null in empty mode and when nothing matches', async () => {
    server.setMode('empty');
    expect(readQuoteReply((await get(['1.600519'])).json)).toEqual({ ok: true, quotes: new Map() });
    server.setMode('ok');
    expect((await get(['1.999999'])).json).toMatchObject({ rc: 0, data: null });
  });

  it('sends "-" for every value in dash mode', async () => {
    server.setMode('dash');
    const quote = parseQuoteReply((await get(['1.600519'])).json).get('1.600519');
    expect(quote).toMatchObject({ name: '贵州茅台', price: null, changePct: null, time: null });
  });

  it('fails with HTTP 500 in fail500 mode', async () => {
    server.setMode('fail500');
    const response = await fetch(quoteBatchUrl(server.url, ['1.600519']));
    expect(response.status).toBe(500);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('stalls in slow mode long enough to trip a client timeout, then answers', async () => {
    server.setMode('slow');
    const lines: string[] = [];
    const quotes = await fetchQuotes(['1.600519'], { fetch, apiBase: server.url, timeoutMs: 50, log: (line) => lines.push(line) });
    expect(quotes.size).toBe(0);
    expect(lines[0]).toMatch(/no reply within 50 ms/);
    const late = await fetchQuotes(['1.600519'], { fetch, apiBase: server.url, timeoutMs: 5000 });
    expect(late.get('1.600519')?.price).toBe(1432.5);
  });

  it('answers held requests when it closes, instead of hanging', async () => {
    const other = await startQuoteServer({ slowMs: 60_000 });
    other.setQuotes({ '1.600519': { price: 1 } });
    other.setMode('slow');
    const pending = fetch(quoteBatchUrl(other.url, ['1.600519'])).then(
      (response) => response.status,
      () => 'closed',
    );
    await vi.waitFor(() => expect(other.requests).toHaveLength(1));
    await other.close();
    // Held for a minute otherwise: answered now, well inside the test's own time limit.
    expect(await pending).toBe(200);
  });

  it('works with fetchQuotes end to end', async () => {
    const quotes = await fetchQuotes(['0.000931', '1.600519'], { fetch, apiBase: server.url });
    expect([...quotes.keys()]).toEqual(['0.000931', '1.600519']);
  });

  it('refuses unknown modes and paths', async () => {
    expect(() => server.setMode('bogus' as never)).toThrow(/unknown quote server mode/);
    expect((await fetch(`${server.url}/elsewhere`)).status).toBe(404);
  });
});
