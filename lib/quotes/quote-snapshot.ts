/**
 * The quote of each security at the moment an article was saved, so the
 * archive can show how the market stood then ("+2.31% when saved").
 */
import { isPlausibleChangePct, isPlausiblePrice, isPlausibleTime } from '../plausible-values';
import type { Quote } from './quote-reply';

export interface SavedQuote {
  price: number | null;
  changePct: number | null;
  /** The quote's own time (ms since the epoch), when the API gave one. */
  time: number | null;
}

export type QuoteSnapshot = Record<string, SavedQuote>;

export function snapshotOf(quotes: ReadonlyMap<string, Quote>, secids: readonly string[]): QuoteSnapshot | undefined {
  const snapshot: QuoteSnapshot = {};
  for (const secid of secids) {
    const quote = quotes.get(secid);
    if (quote && (quote.price !== null || quote.changePct !== null)) {
      snapshot[secid] = { price: quote.price, changePct: quote.changePct, time: quote.time };
    }
  }
  return Object.keys(snapshot).length ? snapshot : undefined;
}

const orNull =
  (check: (value: unknown) => value is number) =>
  (value: unknown): value is number | null =>
    value === null || check(value);
const priceOrNull = orNull(isPlausiblePrice);
const changeOrNull = orNull(isPlausibleChangePct);
const timeOrNull = orNull(isPlausibleTime);

/** A snapshot from outside (an import file), kept only for the article's own securities. */
export function checkSnapshot(value: unknown, secids: readonly string[]): QuoteSnapshot | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error('quotesAtSave must be an object');
  const snapshot: QuoteSnapshot = {};
  for (const [secid, saved] of Object.entries(value as Record<string, unknown>)) {
    if (!secids.includes(secid)) throw new Error(`quotesAtSave names ${secid.slice(0, 24)}, which the article does not mention`);
    const { price, changePct, time } = (saved ?? {}) as Record<string, unknown>;
    if (!priceOrNull(price) || !changeOrNull(changePct)) throw new Error(`quotesAtSave for ${secid} is not numbers a market could show`);
    if (!timeOrNull(time)) throw new Error(`quotesAtSave for ${secid} has a time outside 1970–2200`);
    // -0 would come back from a JSON export as 0: keep the one an export round-trips.
    const plain = (value: number | null) => (value === null ? null : value + 0);
    snapshot[secid] = { price: plain(price), changePct: plain(changePct), time: plain(time) };
  }
  return Object.keys(snapshot).length ? snapshot : undefined;
}

/** "+2.31%", "-0.50%", "0.00%"; "" when there is no number. */
export function formatChangePct(changePct: number | null): string {
  if (changePct === null) return '';
  return `${changePct > 0 ? '+' : ''}${changePct.toFixed(2)}%`;
}
