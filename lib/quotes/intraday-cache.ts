/**
 * How long the background may serve a security's intraday line from cache:
 * a new minute row is due each minute while the market trades, and nothing
 * changes between sessions. Sessions and holidays come from trading-clock.ts.
 */
import { isTradingTime, msUntilNextSession } from './trading-clock';

const MINUTE_MS = 60_000;

/**
 * When (ms since the epoch) a line fetched at `now` goes stale: the next minute
 * boundary while trading, the next session's opening outside it.
 */
export function intradayCacheUntil(now: Date): number {
  const time = now.getTime();
  if (!Number.isFinite(time)) return 0;
  if (isTradingTime(now)) return (Math.floor(time / MINUTE_MS) + 1) * MINUTE_MS;
  return time + msUntilNextSession(now);
}
