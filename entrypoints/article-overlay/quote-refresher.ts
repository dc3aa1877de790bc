import type { Quote } from '../../lib/quotes/quote-reply';
import { send } from '../../platform/messaging';

/** After a failed ask (the background restarting, say): try again as often as while trading. */
const RETRY_MS = 10_000;

/**
 * Keeps a page's quotes fresh but polite: a visible tab asks again when the
 * background's reply says (every 10 s during A-share trading hours; outside
 * them, at the next session), a hidden tab never. One request in flight at
 * most. Returns a stop function.
 */
export function startQuoteRefresher(secids: string[], onQuotes: (quotes: Record<string, Quote>) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let stopped = false;
  const visible = () => document.visibilityState === 'visible';

  const schedule = (refreshInMs: number | null) => {
    clearTimeout(timer);
    if (refreshInMs !== null && visible() && !stopped) timer = setTimeout(() => void refresh(), refreshInMs);
  };

  const refresh = async () => {
    if (stopped || inFlight || !visible()) return;
    inFlight = true;
    let next: number | null = RETRY_MS;
    try {
      const { quotes, refreshInMs } = await send('bg:get-quotes', { secids });
      next = refreshInMs;
      if (!stopped) onQuotes(quotes);
    } catch {
      // The background logs the failure; the badges just show no number this round.
      if (!stopped) onQuotes({});
    } finally {
      inFlight = false;
    }
    schedule(next);
  };

  const onVisibility = () => {
    if (visible()) void refresh();
    else clearTimeout(timer);
  };

  if (!secids.length) return () => {};
  document.addEventListener('visibilitychange', onVisibility);
  void refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
