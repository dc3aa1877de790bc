import { fetchQuotes } from '../../lib/quotes/fetch-quotes';
import { createQuoteCache } from '../../lib/quotes/quote-cache';
import type { Quote } from '../../lib/quotes/quote-reply';
import { quoteApiBase } from '../../lib/quotes/quote-source';
import { snapshotOf, type QuoteSnapshot } from '../../lib/quotes/quote-snapshot';
import { refreshPlan } from '../../lib/quotes/trading-clock';
import { BACKGROUND_RULES } from '../../lib/protocol-background';
import { receive } from '../../platform/messaging';
import { settings } from '../../platform/settings';

/** The messages this module answers. */
export const QUOTE_MESSAGES = ['bg:get-quotes'] as const;

// Just under the 10 s refresh, so tabs refreshing together share one request.
const MAX_AGE_MS = 9_000;

/**
 * Quotes for every tab from one cache, fetched by the background only: a
 * content script never touches the network. With live quotes off, nothing is
 * requested at all.
 */
export function setupQuotes(): { snapshot(secids: string[]): QuoteSnapshot | undefined } {
  const cache = createQuoteCache({ maxAgeMs: MAX_AGE_MS });
  let lastKnown = new Map<string, Quote>();

  const service = {
    async get(secids: string[]): Promise<{ quotes: Record<string, Quote>; live: boolean; refreshInMs: number | null }> {
      if (!(await settings.liveQuotes.getValue())) return { quotes: {}, live: false, refreshInMs: null };
      const apiBase = quoteApiBase(await settings.quoteApiBase.getValue());
      const { quotes, failed } = await cache.fetchMissing(secids, Date.now(), (stale) =>
        fetchQuotes(stale, { fetch: (url, init) => fetch(url, init), apiBase, log: (line) => console.warn(line) }),
      );
      // A security whose refresh failed shows no number, rather than an old one passed off as live.
      const current = [...quotes].filter(([secid]) => !failed.includes(secid));
      lastKnown = new Map([...lastKnown, ...current]);
      // Asked by a visible tab (a hidden one does not ask): when it should ask again.
      return { quotes: Object.fromEntries(current), live: true, refreshInMs: refreshPlan(new Date(), true).delayMs };
    },
    /** The quotes a page showed a moment ago, for the article being saved. */
    snapshot(secids: string[]): QuoteSnapshot | undefined {
      return snapshotOf(lastKnown, secids);
    },
  };
  receive<(typeof QUOTE_MESSAGES)[number]>(BACKGROUND_RULES, { 'bg:get-quotes': ({ secids }) => service.get(secids) });
  return { snapshot: service.snapshot };
}
