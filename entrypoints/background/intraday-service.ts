import { intradayCacheUntil } from '../../lib/quotes/intraday-cache';
import { DEFAULT_INTRADAY_API, hasAShareSessions, intradayUrl, readIntradayReply, type IntradayDays } from '../../lib/quotes/intraday-reply';
import { quoteApiBase } from '../../lib/quotes/quote-source';
import { chartOf } from '../../lib/quotes/intraday-path';
import type { IntradayAnswer } from '../../lib/protocol';
import { BACKGROUND_RULES } from '../../lib/protocol-background';
import { receive } from '../../platform/messaging';
import { settings } from '../../platform/settings';

/** The messages this module answers. */
export const INTRADAY_MESSAGES = ['bg:get-intraday'] as const;

/** A reply slower than this is not waited for: the card says so and shows its numbers. */
const TIMEOUT_MS = 6_000;
/** A failed ask is not repeated for every hover. */
const RETRY_AFTER_MS = 15_000;

/**
 * Intraday lines for the badges' cards, fetched by the background only, when
 * a card opens: one request per security, cached until the next minute while
 * trading and until the next session outside it; shared by every tab.
 */
export function setupIntraday(fetchJson: (url: string, signal: AbortSignal) => Promise<unknown> = defaultFetch): void {
  const cache = new Map<string, { until: number; answer: Promise<IntradayAnswer> }>();

  const ask = async (secid: string, days: IntradayDays): Promise<{ answer: IntradayAnswer; until: number }> => {
    const now = new Date();
    const url = intradayUrl(secid, days, quoteApiBase(await settings.quoteApiBase.getValue(), DEFAULT_INTRADAY_API));
    if (!url) return { answer: { status: 'unavailable' }, until: now.getTime() + RETRY_AFTER_MS };
    try {
      const reply = readIntradayReply(await fetchJson(url, AbortSignal.timeout(TIMEOUT_MS)));
      const until = intradayCacheUntil(now);
      const chart = reply.status === 'ok' ? chartOf(reply.line) : null;
      if (chart) return { answer: { status: 'ok', chart }, until };
      if (reply.status === 'ok') return { answer: { status: 'empty' }, until };
      if (reply.status === 'empty') return { answer: { status: 'empty' }, until };
      console.warn(`[EM Lens] intraday reply for ${secid} not used: ${reply.reason}`);
      return { answer: { status: 'odd' }, until: now.getTime() + RETRY_AFTER_MS };
    } catch (error) {
      console.warn(`[EM Lens] intraday line for ${secid} unavailable:`, error);
      return { answer: { status: 'unavailable' }, until: now.getTime() + RETRY_AFTER_MS };
    }
  };

  receive<(typeof INTRADAY_MESSAGES)[number]>(BACKGROUND_RULES, {
    async 'bg:get-intraday'({ secid, days }) {
      if (!hasAShareSessions(secid)) return { status: 'other-hours' };
      if (!(await settings.liveQuotes.getValue())) return { status: 'off' };
      const key = `${secid}|${days}`;
      const cached = cache.get(key);
      if (cached && cached.until > Date.now()) return cached.answer;
      for (const [stale, entry] of cache) if (entry.until <= Date.now()) cache.delete(stale);
      // The entry holds the request itself: cards opening together share it.
      const entry: { until: number; answer: Promise<IntradayAnswer> } = { until: Infinity, answer: Promise.resolve({ status: 'unavailable' }) };
      entry.answer = ask(secid, days).then(({ answer, until }) => {
        entry.until = until;
        return answer;
      });
      cache.set(key, entry);
      return entry.answer;
    },
  });
}

async function defaultFetch(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal, credentials: 'omit', cache: 'no-store' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}
