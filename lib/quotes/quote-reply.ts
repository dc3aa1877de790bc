/**
 * Eastmoney's batch quote endpoint, the one its own article pages fill their
 * quote slots from:
 *
 *   GET https://push2.eastmoney.com/api/qt/ulist.np/get?fltt=2&fields=…&secids=1.600519,0.000931
 *   → {"rc":0,"data":{"total":2,"diff":[{"f2":1432.5,"f3":1.23,"f12":"600519","f13":1,…},…]}}
 *
 * Nothing about the reply is promised: `diff` comes as an array or as an
 * object keyed "0", "1", …; `data` is null when nothing matched; a value the
 * exchange has not published yet (suspended, before the auction) is "-". So
 * every field is read defensively and a bad reply yields no quotes, never an
 * exception.
 */
import { isPlausibleChangePct, isPlausiblePrice, isPlausibleTime } from '../plausible-values';
import { parseSecid, toSecurity } from '../securities';
import { hasVisibleText, oneLine } from '../visible-text';

// Longer than any short name Eastmoney gives; a longer one is not a name.
const NAME_LIMIT = 64;

export const DEFAULT_QUOTE_API = 'https://push2.eastmoney.com';

const BATCH_PATH = '/api/qt/ulist.np/get';

// f2 last, f3 change %, f4 change, f12 code, f13 market, f14 name, f15 high,
// f16 low, f18 previous close, f124 update time (Unix seconds).
const FIELDS = 'f2,f3,f4,f12,f13,f14,f15,f16,f18,f124';

export interface Quote {
  /** `market.code`, the same key the badges carry in `data-secid`. */
  secid: string;
  market: number;
  code: string;
  /** Eastmoney's short name; null when the reply had none. */
  name: string | null;
  price: number | null;
  /** Percent, 1.23 for +1.23 %. */
  changePct: number | null;
  change: number | null;
  high: number | null;
  low: number | null;
  prevClose: number | null;
  /** When Eastmoney last updated the quote, ms since the epoch. */
  time: number | null;
}

/**
 * The secids worth asking for: normalised ("90.bk0473" → "90.BK0473"),
 * invalid ones dropped, each once, in the order given.
 */
export function normaliseSecids(secids: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const secid of secids) {
    const security = typeof secid === 'string' ? parseSecid(secid) : null;
    if (security) seen.add(security.secid);
  }
  return [...seen];
}

/**
 * The batch URL for `secids`. Commas are left unescaped because that is the
 * form Eastmoney's own pages send; secids are validated, so nothing in them
 * needs escaping. Throws on an `apiBase` that is not a URL (a programming
 * error, not a runtime condition).
 */
export function quoteBatchUrl(apiBase: string = DEFAULT_QUOTE_API, secids: readonly string[]): string {
  const base = new URL(apiBase);
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${BATCH_PATH}?fltt=2&fields=${FIELDS}&secids=${normaliseSecids(secids).join(',')}`;
}

export interface ReadQuoteOptions {
  /**
   * true (the default) for replies to `fltt=2`, whose numbers are already
   * decimals. false for replies without it: prices are integers in units of
   * 10^-decimals (decimals from f59, or f1 as ulist sends it) and percentages
   * are in hundredths. An unscaled price whose decimals are not in the reply
   * is dropped rather than guessed: funds quote three places, stocks two.
   */
  scaled?: boolean;
}

export type QuoteReply = { ok: true; quotes: Map<string, Quote> } | { ok: false; error: string };

/**
 * The quotes in a reply, or why the reply is not one. `data: null` is a
 * valid reply meaning "none of these secids is known", so it is ok and empty;
 * callers that log can tell it from a broken reply.
 */
export function readQuoteReply(json: unknown, options: ReadQuoteOptions = {}): QuoteReply {
  try {
    return readEnvelope(json, options.scaled ?? true);
  } catch {
    // Only objects that are not JSON (getters, proxies) can throw; still no exception out.
    return { ok: false, error: 'reply could not be read' };
  }
}

function readEnvelope(json: unknown, scaled: boolean): QuoteReply {
  if (!isRecord(json)) return { ok: false, error: 'reply is not an object' };
  if (json.rc !== undefined && json.rc !== 0) return { ok: false, error: `rc ${String(json.rc).slice(0, 20)}` };
  if (!('data' in json)) return { ok: false, error: 'reply has no data' };
  if (json.data === null) return { ok: true, quotes: new Map() };
  if (!isRecord(json.data)) return { ok: false, error: 'data is not an object' };
  const items = diffItems(json.data.diff);
  if (items === null) return { ok: false, error: 'data.diff is neither a list nor an object' };
  const quotes = new Map<string, Quote>();
  for (const item of items) {
    const quote = isRecord(item) ? readItem(item, scaled) : null;
    if (quote && !quotes.has(quote.secid)) quotes.set(quote.secid, quote);
  }
  return { ok: true, quotes };
}

/** The quotes in a reply; anything unusable gives an empty map. */
export function parseQuoteReply(json: unknown, options: ReadQuoteOptions = {}): Map<string, Quote> {
  const reply = readQuoteReply(json, options);
  return reply.ok ? reply.quotes : new Map();
}

/** Which way a quote moved, for colouring (in China red is up, green down). */
export function directionOf(changePct: number | null): 'up' | 'down' | 'flat' {
  if (changePct === null || !Number.isFinite(changePct) || changePct === 0) return 'flat';
  return changePct > 0 ? 'up' : 'down';
}

function diffItems(diff: unknown): unknown[] | null {
  if (Array.isArray(diff)) return diff;
  if (!isRecord(diff)) return null;
  // Keys "0", "1", … in numeric order, so the object form keeps the reply's order.
  return Object.keys(diff)
    .filter((key) => /^\d+$/.test(key))
    .sort((a, b) => Number(a) - Number(b))
    .map((key) => diff[key]);
}

function readItem(item: Record<string, unknown>, scaled: boolean): Quote | null {
  const market = readMarket(item.f13);
  const security = market !== null && typeof item.f12 === 'string' ? toSecurity(market, item.f12) : null;
  if (!security) return null;
  const decimals = scaled ? 0 : readDecimals(item.f59 ?? item.f1);
  // A number no market reaches is a broken field, shown as no number rather than drawn.
  const price = (value: unknown) => {
    const number = decimals === null ? null : scale(readNumber(value), decimals);
    return isPlausiblePrice(number) ? number : null;
  };
  const changePct = scale(readNumber(item.f3), scaled ? 0 : 2);
  const seconds = readNumber(item.f124);
  const time = seconds !== null && seconds > 0 ? seconds * 1000 : null;
  const name = typeof item.f14 === 'string' ? oneLine(item.f14.slice(0, NAME_LIMIT * 4)) : '';
  return {
    secid: security.secid,
    market: security.market,
    code: security.code,
    name: hasVisibleText(name) && name !== '-' && name.length <= NAME_LIMIT ? name : null,
    price: price(item.f2),
    changePct: isPlausibleChangePct(changePct) ? changePct : null,
    change: price(item.f4),
    high: price(item.f15),
    low: price(item.f16),
    prevClose: price(item.f18),
    time: isPlausibleTime(time) ? time : null,
  };
}

function readMarket(value: unknown): number | null {
  const market = typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : value;
  return typeof market === 'number' && Number.isInteger(market) ? market : null;
}

function readDecimals(value: unknown): number | null {
  const decimals = readNumber(value);
  return decimals !== null && Number.isInteger(decimals) && decimals >= 0 && decimals <= 8 ? decimals : null;
}

/** A finite number, from a number or a numeric string; "-", "", NaN and the rest are null. */
function readNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

function scale(value: number | null, decimals: number): number | null {
  if (value === null || decimals === 0) return value;
  // Rounding to the stated places removes float noise (1432.5 not 1432.4999…).
  return Number((value / 10 ** decimals).toFixed(decimals));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
