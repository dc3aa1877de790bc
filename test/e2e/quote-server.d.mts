// Types for quote-server.mjs, so TypeScript tests can start it.

export type QuoteServerMode = 'ok' | 'fail500' | 'slow' | 'empty' | 'object-diff' | 'dash';

export const MODES: QuoteServerMode[];

export interface FakeQuote {
  price?: number | null;
  changePct?: number | null;
  change?: number | null;
  high?: number | null;
  low?: number | null;
  prevClose?: number | null;
  name?: string;
  /** Unix seconds; defaults to the moment of the request. */
  time?: number;
}

export interface QuoteServer {
  /** Base URL to pass as the quote API base, e.g. http://127.0.0.1:41234 */
  url: string;
  setQuotes(quotes: Map<string, FakeQuote> | Record<string, FakeQuote>): void;
  setMode(mode: QuoteServerMode): void;
  /** A day's intraday line per secid: previous close, Beijing day, one close a minute from 09:30. */
  setTrends(trends: Record<string, { preClose: number; day: string; closes: number[]; name?: string }>): void;
  /** Every request received, in order; clear with `requests.length = 0`. */
  requests: { url: string; time: number }[];
  close(): Promise<void>;
}

export function startQuoteServer(options?: { port?: number; host?: string; slowMs?: number }): Promise<QuoteServer>;
