/**
 * Asking Eastmoney for quotes. Quotes are decoration on a badge, so nothing
 * here may break the page: every failure becomes "no quotes" plus one line
 * for the log, and the next refresh simply tries again.
 */
import { DEFAULT_QUOTE_API, normaliseSecids, quoteBatchUrl, readQuoteReply, type Quote } from './quote-reply';

/** The part of a fetch Response used here, so tests can fake it in a line. */
export interface QuoteResponse {
  ok: boolean;
  status: number;
  text(): Promise<string>;
}

export type QuoteFetch = (
  url: string,
  init: { signal: AbortSignal; credentials: 'omit'; cache: 'no-store' },
) => Promise<QuoteResponse>;

export interface FetchQuotesOptions {
  /** The global fetch in the extension; a fake in tests. */
  fetch: QuoteFetch;
  apiBase?: string;
  /** Per request, body included. */
  timeoutMs?: number;
  log?: (line: string) => void;
  /** Secids per request; keeps URLs well under the length proxies accept. */
  batchSize?: number;
}

/**
 * Quotes for `secids` (normalised, deduplicated), one GET per batch, batches
 * in parallel. A batch that fails contributes nothing; the others still
 * count. Never throws; logs at most one line per call.
 */
export async function fetchQuotes(secids: readonly string[], options: FetchQuotesOptions): Promise<Map<string, Quote>> {
  // Called through a local binding: window.fetch invoked as a method of
  // `options` throws "Illegal invocation" in Chromium.
  const { fetch: fetchFn, apiBase = DEFAULT_QUOTE_API, timeoutMs = 4000, log = () => {}, batchSize = 100 } = options;
  const wanted = normaliseSecids(secids);
  const quotes = new Map<string, Quote>();
  if (wanted.length === 0) return quotes;
  const size = Number.isInteger(batchSize) && batchSize > 0 ? batchSize : 100;
  const batches: string[][] = [];
  for (let start = 0; start < wanted.length; start += size) batches.push(wanted.slice(start, start + size));

  const results = await Promise.all(batches.map((batch) => fetchBatch(batch, fetchFn, apiBase, timeoutMs)));
  const errors: string[] = [];
  for (const result of results) {
    if (result.ok) for (const [secid, quote] of result.quotes) quotes.set(secid, quote);
    else errors.push(result.error);
  }
  if (errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more failed requests)` : '';
    safely(() => log(`EM Lens quotes: ${errors[0]}${more}; ${wanted.length} secids asked`));
  }
  return quotes;
}

type BatchResult = { ok: true; quotes: Map<string, Quote> } | { ok: false; error: string };

async function fetchBatch(secids: string[], fetchFn: QuoteFetch, apiBase: string, timeoutMs: number): Promise<BatchResult> {
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Raced as well as aborting: a fetch that ignores its signal must not hang the refresh.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
      reject(new Error('timeout'));
    }, timeoutMs);
  });
  try {
    const url = quoteBatchUrl(apiBase, secids);
    // No cookies: the quote API needs none, and Eastmoney need not learn who reads what.
    const response = await Promise.race([
      fetchFn(url, { signal: controller.signal, credentials: 'omit', cache: 'no-store' }),
      timeout,
    ]);
    if (!response || typeof response !== 'object') return { ok: false, error: 'no response' };
    if (!response.ok) return { ok: false, error: `HTTP ${response.status}` };
    const text = await Promise.race([response.text(), timeout]);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, error: 'reply is not JSON' };
    }
    const reply = readQuoteReply(json);
    return reply.ok ? reply : { ok: false, error: `odd reply (${reply.error})` };
  } catch (error) {
    if (timedOut) return { ok: false, error: `no reply within ${timeoutMs} ms` };
    return { ok: false, error: `request failed (${error instanceof Error ? error.message : String(error)})`.slice(0, 200) };
  } finally {
    clearTimeout(timer);
  }
}

function safely(action: () => void): void {
  try {
    action();
  } catch {
    // A broken logger must not turn quotes into an exception.
  }
}
