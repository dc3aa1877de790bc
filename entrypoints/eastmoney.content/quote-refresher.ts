import type { Quote } from '../../lib/quotes/quote-reply';
import { refreshPlan } from '../../lib/quotes/trading-clock';
import { send } from '../../platform/messaging';

/**
 * Keeps a page's quotes fresh but polite: during A-share trading hours a
 * visible tab asks every 10 s, a hidden tab never, and outside trading hours
 * one fetch lasts until the next session. One request in flight at most.
 * Returns a stop function.
 */
export function startQuoteRefresher(secids: string[], onQuotes: (quotes: Record<string, Quote>) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let stopped = false;
  const visible = () => document.visibilityState === 'visible';

  const schedule = () => {
    clearTimeout(timer);
    const plan = refreshPlan(new Date(), visible());
    if (plan.delayMs !== null && !stopped) timer = setTimeout(() => void refresh(), plan.delayMs);
  };

  const refresh = async () => {
    if (stopped || inFlight || !visible()) return;
    inFlight = true;
    try {
      const { quotes } = await send('quotes:get', { secids });
      if (!stopped) onQuotes(quotes);
    } catch {
      // The background logs the failure; the badges just show no number this round.
      if (!stopped) onQuotes({});
    } finally {
      inFlight = false;
    }
    schedule();
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
